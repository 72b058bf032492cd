import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { FullRecord, ReasonForm } from './FullData';
import { kelurahanName, sexLabel, statusLabel } from './labels';
import {
  exportPenduduk,
  getKelurahan,
  getReferensi,
  listPenduduk,
  saveFile,
  STATUS_PENDUDUK,
  viewFull,
  type Kelurahan,
  type Penduduk,
  type PendudukFilter,
} from './pendudukApi';
import { useKelurahanChoices } from './useKelurahanChoices';
import './penduduk.css';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'kelurahan', 'status', 'jenisKelamin'] as const;

/** Residents, masked: search by name prefix, filter, page by cursor; the full record and the export ask for a reason. */
export function PendudukListPage() {
  const { t } = useI18n();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter: PendudukFilter = Object.fromEntries(FILTERS.map((name) => [name, searchParams.get(name) ?? undefined]).filter(([, value]) => value));
  const kelurahan = useResource((signal) => getKelurahan(signal), []);
  const choices = useKelurahanChoices(kelurahan.data);
  const canManage = hasPermission(me, 'penduduk.manage');

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const name of FILTERS) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next[name] = value;
    }
    setSearchParams(next);
  };

  const filterKey = FILTERS.map((name) => filter[name] ?? '').join('|');
  return (
    <>
      <PageHeading>{t('penduduk.title')}</PageHeading>
      <p>{t('penduduk.intro')}</p>
      {canManage && (
        <p className="penduduk-actions">
          <Link className="button" to="/penduduk/baru">
            {t('penduduk.new.open')}
          </Link>
          <Link className="button button--secondary" to="/keluarga/baru">
            {t('keluarga.new.open')}
          </Link>
        </p>
      )}
      <form role="search" className="form panel" onSubmit={apply} key={`form|${filterKey}`} aria-labelledby="penduduk-filter">
        <h2 id="penduduk-filter">{t('penduduk.filter')}</h2>
        <div className="form__grid form__grid--wide">
          <div className="field">
            <label htmlFor="penduduk-q">{t('penduduk.search')}</label>
            <input id="penduduk-q" name="q" type="search" defaultValue={filter.q ?? ''} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="penduduk-kelurahan">{t('penduduk.kelurahan')}</label>
            <select id="penduduk-kelurahan" name="kelurahan" defaultValue={filter.kelurahan ?? ''}>
              <option value="">{t('penduduk.kelurahan.all')}</option>
              {/* A kelurahan from the URL stays selectable while the region list loads. */}
              {filter.kelurahan && !choices.some((k) => k.kode === filter.kelurahan) && <option value={filter.kelurahan}>{filter.kelurahan}</option>}
              {choices.map((k) => (
                <option key={k.kode} value={k.kode}>
                  {k.nama} — {k.kecamatan}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="penduduk-status">{t('penduduk.field.status')}</label>
            <select id="penduduk-status" name="status" defaultValue={filter.status ?? ''}>
              <option value="">{t('penduduk.status.all')}</option>
              {STATUS_PENDUDUK.map((value) => (
                <option key={value} value={value}>
                  {t(statusLabel(value))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="penduduk-jk">{t('penduduk.field.jenisKelamin')}</label>
            <select id="penduduk-jk" name="jenisKelamin" defaultValue={filter.jenisKelamin ?? ''}>
              <option value="">{t('penduduk.jenisKelamin.all')}</option>
              {['L', 'P'].map((value) => (
                <option key={value} value={value}>
                  {t(sexLabel(value))}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            {t('penduduk.search.submit')}
          </button>
        </div>
      </form>
      {/* A new filter starts again from the first page. */}
      <PendudukResults key={`results|${filterKey}`} filter={filter} kelurahan={kelurahan.data} />
    </>
  );
}

function PendudukResults({ filter, kelurahan }: { filter: PendudukFilter; kelurahan: Kelurahan[] | undefined }) {
  const { t } = useI18n();
  const me = useMe();
  const canReadFull = hasPermission(me, 'penduduk.read_full');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [full, setFull] = useState<Penduduk | null>(null);
  const [asking, setAsking] = useState<Penduduk | null>(null);
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const result = useResource((signal) => listPenduduk({ ...filter, cursor, limit: PAGE_SIZE }, signal), [cursor]);
  const referensi = useResource((signal) => getReferensi(signal), []);
  const data = result.data;
  const first = page * PAGE_SIZE + 1;

  return (
    <>
      {canReadFull && <ExportSection filter={filter} />}
      <ErrorAlert error={result.error} />
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="penduduk-caption" tabIndex={0}>
            <table className="data-table" aria-busy={result.loading}>
              <caption id="penduduk-caption" className="visually-hidden">
                {t('penduduk.table.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('penduduk.nama')}</th>
                  <th scope="col">{t('penduduk.nik')}</th>
                  <th scope="col">{t('penduduk.jenisKelamin')}</th>
                  <th scope="col">{t('penduduk.tahunLahir')}</th>
                  <th scope="col">{t('penduduk.kelurahan')}</th>
                  <th scope="col">{t('penduduk.status')}</th>
                  {canReadFull && (
                    <th scope="col">
                      <span className="visually-hidden">{t('penduduk.actions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={canReadFull ? 7 : 6}>{t('penduduk.table.empty')}</td>
                  </tr>
                )}
                {data.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/penduduk/${encodeURIComponent(p.id)}`}>{p.nama}</Link>
                    </th>
                    <td className="nowrap">
                      <code>{p.nik}</code>
                    </td>
                    <td>{p.jenisKelamin}</td>
                    <td>{p.tahunLahir}</td>
                    <td>
                      {kelurahanName(kelurahan, p.kodeKelurahan)} · RT {p.rt}/RW {p.rw}
                    </td>
                    <td>{t(statusLabel(p.status))}</td>
                    {canReadFull && (
                      <td>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => {
                            setFull(null);
                            setAsking(p);
                          }}
                        >
                          {t('penduduk.showFull')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pagination">
            <p role="status">
              {data.items.length === 0 ? t('penduduk.table.empty') : t('pagination.summary', { first, last: first + data.items.length - 1, total: data.total ?? '?' })}
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
      {asking && (
        <ReasonForm
          key={asking.id}
          title={t('penduduk.reason.title', { nama: asking.nama })}
          notice={t('penduduk.reason.notice')}
          submitLabel={t('penduduk.showFull')}
          onCancel={() => setAsking(null)}
          onSubmit={async (alasan) => {
            const record = await viewFull(asking.id, alasan);
            setAsking(null);
            setFull(record);
          }}
        />
      )}
      {full && <FullRecord penduduk={full} referensi={referensi.data} kelurahan={kelurahan} onClose={() => setFull(null)} />}
    </>
  );
}

/** "Export CSV": the full records the current filters select, for a reason logged for each resident. */
function ExportSection({ filter }: { filter: PendudukFilter }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<{ count: number; filename: string } | null>(null);
  return (
    <div className="penduduk-export">
      {!open && (
        <p className="penduduk-actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDone(null);
              setOpen(true);
            }}
          >
            {t('penduduk.export.open')}
          </button>
        </p>
      )}
      {open && (
        <ReasonForm
          title={t('penduduk.export.title')}
          notice={t('penduduk.export.notice')}
          submitLabel={t('penduduk.export.submit')}
          onCancel={() => setOpen(false)}
          onSubmit={async (alasan) => {
            const file = await exportPenduduk(filter, alasan, { csrfToken: me.csrfToken, lang });
            saveFile(file);
            setOpen(false);
            setDone({ count: file.count, filename: file.filename });
          }}
        />
      )}
      <p role="status" className="status-line">
        {done ? t('penduduk.export.done', { count: done.count, filename: done.filename }) : ''}
      </p>
    </div>
  );
}
