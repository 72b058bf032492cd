import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { jenisLabel, statusLabel } from './labels';
import { formatNip, JENIS_PEGAWAI, listPegawai, namaLengkap, STATUS_PEGAWAI } from './pegawaiApi';

const PAGE_SIZE = 20;

/** Employees: search by name or NIP prefix, filter by kind and status, page by cursor. */
export function PegawaiListPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const jenis = searchParams.get('jenis') ?? '';
  const status = searchParams.get('status') ?? '';
  const canManage = hasPermission(useMe(), 'pegawai.manage');

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const name of ['q', 'jenis', 'status']) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next[name] = value;
    }
    setSearchParams(next);
  }

  const filterKey = `${q}|${jenis}|${status}`;
  return (
    <>
      <PageHeading>{t('pegawai.title')}</PageHeading>
      <p>{t('pegawai.intro')}</p>
      {canManage && (
        <p className="pegawai-actions">
          <Link className="button" to="/pegawai/baru">
            {t('pegawai.new.open')}
          </Link>
        </p>
      )}
      <form role="search" className="form panel" onSubmit={apply} key={`form|${filterKey}`} aria-labelledby="pegawai-filter">
        <h2 id="pegawai-filter">{t('pegawai.filter')}</h2>
        <div className="form__grid form__grid--wide">
          <div className="field">
            <label htmlFor="pegawai-q">{t('pegawai.search')}</label>
            <input id="pegawai-q" name="q" type="search" defaultValue={q} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="pegawai-jenis">{t('pegawai.field.jenis')}</label>
            <select id="pegawai-jenis" name="jenis" defaultValue={jenis}>
              <option value="">{t('pegawai.jenis.all')}</option>
              {JENIS_PEGAWAI.map((value) => (
                <option key={value} value={value}>
                  {t(jenisLabel(value))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="pegawai-status">{t('pegawai.field.status')}</label>
            <select id="pegawai-status" name="status" defaultValue={status}>
              <option value="">{t('pegawai.status.all')}</option>
              {STATUS_PEGAWAI.map((value) => (
                <option key={value} value={value}>
                  {t(statusLabel(value))}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            {t('pegawai.search.submit')}
          </button>
        </div>
      </form>
      {/* A new filter starts again from the first page. */}
      <PegawaiResults key={`results|${filterKey}`} q={q} jenis={jenis} status={status} />
    </>
  );
}

function PegawaiResults({ q, jenis, status }: { q: string; jenis: string; status: string }) {
  const { t } = useI18n();
  // Cursor of each page visited so far; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const result = useResource(
    (signal) => listPegawai({ q: q || undefined, jenis: jenis || undefined, status: status || undefined, cursor, limit: PAGE_SIZE }, signal),
    [q, jenis, status, cursor],
  );
  const data = result.data;
  const first = page * PAGE_SIZE + 1;

  return (
    <>
      <ErrorAlert error={result.error} />
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="pegawai-caption" tabIndex={0}>
            <table className="data-table" aria-busy={result.loading}>
              <caption id="pegawai-caption" className="visually-hidden">
                {t('pegawai.table.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('pegawai.field.nama')}</th>
                  <th scope="col">{t('pegawai.field.nip')}</th>
                  <th scope="col">{t('pegawai.field.jenis')}</th>
                  <th scope="col">{t('pegawai.field.golongan')}</th>
                  <th scope="col">{t('pegawai.field.namaJabatan')}</th>
                  <th scope="col">{t('pegawai.field.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={6}>{t('pegawai.table.empty')}</td>
                  </tr>
                )}
                {data.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/pegawai/${encodeURIComponent(p.id)}`}>{namaLengkap(p)}</Link>
                    </th>
                    <td className="nowrap">{p.nip ? <code>{formatNip(p.nip)}</code> : '—'}</td>
                    <td>{t(jenisLabel(p.jenis))}</td>
                    <td>{p.golongan ?? '—'}</td>
                    <td>{p.namaJabatan ?? '—'}</td>
                    <td>{t(statusLabel(p.status))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pagination">
            <p role="status">
              {data.items.length === 0
                ? t('pegawai.count.none')
                : t('pagination.summary', { first, last: first + data.items.length - 1, total: data.total ?? '?' })}
            </p>
            <div className="pagination__buttons">
              <button type="button" className="button button--secondary" disabled={page === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('pagination.previous')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={!data.nextCursor || result.loading}
                onClick={() => data.nextCursor && setCursors([...cursors, data.nextCursor])}
              >
                {t('pagination.next')}
              </button>
            </div>
          </div>
        </>
      )}
    </>
  );
}
