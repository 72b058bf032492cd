import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { listPenduduk, viewFull, type Penduduk } from './pendudukApi';

const PAGE_SIZE = 20;
const MIN_ALASAN = 10;

/** Residents, masked: search by name prefix, page by cursor; the full record asks for a reason. */
export function PendudukListPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    setSearchParams(query ? { q: query } : {});
  };

  return (
    <>
      <PageHeading>{t('penduduk.title')}</PageHeading>
      <p>{t('penduduk.intro')}</p>
      <form role="search" className="form panel" onSubmit={apply} key={q} aria-labelledby="penduduk-filter">
        <h2 id="penduduk-filter">{t('penduduk.filter')}</h2>
        <div className="field">
          <label htmlFor="penduduk-q">{t('penduduk.search')}</label>
          <input id="penduduk-q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <button type="submit" className="button">{t('penduduk.search.submit')}</button>
      </form>
      <PendudukResults key={q} q={q} />
    </>
  );
}

function PendudukResults({ q }: { q: string }) {
  const { t } = useI18n();
  const me = useMe();
  const canReadFull = hasPermission(me, 'penduduk.read_full');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [full, setFull] = useState<Penduduk | null>(null);
  const [asking, setAsking] = useState<Penduduk | null>(null);
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const result = useResource((signal) => listPenduduk({ q: q || undefined, cursor, limit: PAGE_SIZE }, signal), [q, cursor]);
  const data = result.data;
  const first = page * PAGE_SIZE + 1;

  return (
    <>
      <ErrorAlert error={result.error} />
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="penduduk-caption" tabIndex={0}>
            <table className="data-table" aria-busy={result.loading}>
              <caption id="penduduk-caption" className="visually-hidden">{t('penduduk.table.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('penduduk.nama')}</th>
                  <th scope="col">{t('penduduk.nik')}</th>
                  <th scope="col">{t('penduduk.jenisKelamin')}</th>
                  <th scope="col">{t('penduduk.tahunLahir')}</th>
                  <th scope="col">{t('penduduk.kelurahan')}</th>
                  <th scope="col">{t('penduduk.status')}</th>
                  {canReadFull && <th scope="col"><span className="visually-hidden">{t('penduduk.actions')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr><td colSpan={canReadFull ? 7 : 6}>{t('penduduk.table.empty')}</td></tr>
                )}
                {data.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.nama}</th>
                    <td><code>{p.nik}</code></td>
                    <td>{p.jenisKelamin}</td>
                    <td>{p.tahunLahir}</td>
                    <td>{p.kodeKelurahan} · RT {p.rt}/RW {p.rw}</td>
                    <td>{p.status}</td>
                    {canReadFull && (
                      <td>
                        <button type="button" className="button button--secondary" onClick={() => { setFull(null); setAsking(p); }}>
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
              <button type="button" className="button button--secondary" disabled={page === 0} onClick={() => setCursors(cursors.slice(0, -1))}>{t('pagination.previous')}</button>
              <button type="button" className="button button--secondary" disabled={!data.nextCursor || result.loading} onClick={() => data.nextCursor && setCursors([...cursors, data.nextCursor])}>{t('pagination.next')}</button>
            </div>
          </div>
        </>
      )}
      {asking && <ReasonForm penduduk={asking} onCancel={() => setAsking(null)} onShown={(record) => { setAsking(null); setFull(record); }} />}
      {full && <FullRecord penduduk={full} onClose={() => setFull(null)} />}
    </>
  );
}

function ReasonForm({ penduduk, onCancel, onShown }: { penduduk: Penduduk; onCancel: () => void; onShown: (p: Penduduk) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const alasan = String(new FormData(event.currentTarget).get('alasan') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      onShown(await viewFull(penduduk.id, alasan));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="penduduk-reason">
      <h2 id="penduduk-reason">{t('penduduk.reason.title', { nama: penduduk.nama })}</h2>
      <p>{t('penduduk.reason.notice')}</p>
      <ErrorAlert error={error} />
      <div className="field">
        <label htmlFor="penduduk-alasan">{t('penduduk.reason.label')}</label>
        <textarea id="penduduk-alasan" name="alasan" required minLength={MIN_ALASAN} maxLength={500} rows={3} autoFocus />
      </div>
      <button type="submit" className="button" disabled={busy}>{t('penduduk.showFull')}</button>{' '}
      <button type="button" className="button button--secondary" onClick={onCancel}>{t('penduduk.cancel')}</button>
    </form>
  );
}

function FullRecord({ penduduk, onClose }: { penduduk: Penduduk; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="penduduk-full">
      <h2 id="penduduk-full">{t('penduduk.full.title', { nama: penduduk.nama })}</h2>
      <dl>
        <dt>{t('penduduk.nik')}</dt><dd><code>{penduduk.nik}</code></dd>
        <dt>{t('penduduk.noKk')}</dt><dd><code>{penduduk.noKk}</code></dd>
        <dt>{t('penduduk.tempatTanggalLahir')}</dt><dd>{penduduk.tempatLahir}, {penduduk.tanggalLahir}</dd>
        <dt>{t('penduduk.alamat')}</dt><dd>{penduduk.alamat}, RT {penduduk.rt}/RW {penduduk.rw}, {penduduk.kodeKelurahan}</dd>
      </dl>
      <button type="button" className="button button--secondary" onClick={onClose}>{t('penduduk.full.close')}</button>
    </section>
  );
}
