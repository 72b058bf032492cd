import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { managesCity } from './access';
import { opdJenisLabel } from './labels';
import { OpdForm } from './OpdForm';
import { listOpd, OPD_JENIS } from './organisasiApi';

const PAGE_SIZE = 20;

/** The list of agencies: search by code, name or short name, filter by kind, page by cursor. */
export function OpdListPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const jenis = searchParams.get('jenis') ?? '';

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    const query = String(form.get('q') ?? '').trim();
    const kind = String(form.get('jenis') ?? '');
    if (query) next.q = query;
    if (kind) next.jenis = kind;
    setSearchParams(next);
  }

  return (
    <>
      <PageHeading>{t('organisasi.title')}</PageHeading>
      <p>{t('organisasi.intro')}</p>
      <NewOpd />
      <form role="search" className="form panel" onSubmit={apply} key={`form|${q}|${jenis}`} aria-labelledby="opd-filter">
        <h2 id="opd-filter">{t('organisasi.filter')}</h2>
        <div className="form__grid">
          <div className="field">
            <label htmlFor="opd-q">{t('organisasi.search')}</label>
            <input id="opd-q" name="q" type="search" defaultValue={q} />
          </div>
          <div className="field">
            <label htmlFor="opd-jenis">{t('organisasi.jenis')}</label>
            <select id="opd-jenis" name="jenis" defaultValue={jenis}>
              <option value="">{t('organisasi.jenis.all')}</option>
              {OPD_JENIS.map((value) => (
                <option key={value} value={value}>
                  {t(opdJenisLabel(value))}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            {t('organisasi.search.submit')}
          </button>
        </div>
      </form>
      {/* A new filter starts again from the first page. */}
      <OpdResults key={`results|${q}|${jenis}`} q={q} jenis={jenis} />
    </>
  );
}

function OpdResults({ q, jenis }: { q: string; jenis: string }) {
  const { t } = useI18n();
  // Cursor of each page visited so far; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const result = useResource(
    (signal) => listOpd({ q: q || undefined, jenis: jenis || undefined, cursor, limit: PAGE_SIZE }, signal),
    [q, jenis, cursor],
  );
  const data = result.data;
  const first = page * PAGE_SIZE + 1;

  return (
    <>
      <ErrorAlert error={result.error} />
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="opd-caption" tabIndex={0}>
            <table className="data-table" aria-busy={result.loading}>
              <caption id="opd-caption" className="visually-hidden">
                {t('organisasi.table.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('organisasi.nama')}</th>
                  <th scope="col">{t('organisasi.kode')}</th>
                  <th scope="col">{t('organisasi.singkatan')}</th>
                  <th scope="col">{t('organisasi.jenis')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={4}>{t('organisasi.table.empty')}</td>
                  </tr>
                )}
                {data.items.map((opd) => (
                  <tr key={opd.id}>
                    <th scope="row">
                      {/* By id: a kode such as 2.16.0.00.0.00.01.0000 looks like a file name to the page server on reload. */}
                      <Link to={`/organisasi/${opd.id}`}>{opd.nama}</Link>
                    </th>
                    <td>
                      <code>{opd.kode}</code>
                    </td>
                    <td>{opd.singkatan ?? '—'}</td>
                    <td>{t(opdJenisLabel(opd.jenis))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pagination">
            <p role="status">
              {data.items.length === 0
                ? t('organisasi.count.none')
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

/** "Tambah OPD": only for those who manage agencies city-wide; a saved agency opens its page. */
function NewOpd() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (!open && returnFocus.current) {
      returnFocus.current = false;
      button.current?.focus();
    }
  }, [open]);

  if (!managesCity(me)) return null;
  if (!open) {
    return (
      <p>
        <button ref={button} type="button" className="button" onClick={() => setOpen(true)}>
          {t('organisasi.opd.create')}
        </button>
      </p>
    );
  }
  return (
    <section className="panel">
      <OpdForm
        mode="create"
        onCancel={() => {
          returnFocus.current = true;
          setOpen(false);
        }}
        onSaved={(record) => navigate(`/organisasi/${record.data.id}`, { state: { created: true } })}
      />
    </section>
  );
}
