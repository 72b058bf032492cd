import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { CursorPager } from '../../components/Pager';
import { ResultsTable } from '../../components/ResultsTable';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useDraft } from '../../hooks/useDraft';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTanggal, statusLabel } from './labels';
import { antrian, listJenis, STATUSES, type QueueQuery, type Status } from './layananApi';
import { SlaInfo, StatusBadge } from './parts';
import './layanan.css';

const PAGE_SIZE = 25;
/** The tabs of the queue, in the order work flows; "semua" shows every status. */
const TABS: readonly (Status | '')[] = ['baru', 'verifikasi', 'perlu_perbaikan', 'menunggu_ttd', 'selesai', 'ditolak', 'dibatalkan', ''];

/** "Antrian Layanan": the kelurahan's work queue by status, assigned-to-me and overdue filters, SLA countdown. */
export function AntrianPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status = rawStatus === 'semua' ? '' : (STATUSES as readonly string[]).includes(rawStatus ?? '') ? (rawStatus as Status) : rawStatus === null ? 'baru' : '';
  const saya = params.get('saya') === 'true';
  const terlambat = params.get('terlambat') === 'true';
  const jenis = params.get('jenis') ?? '';
  const katalog = useResource((signal) => listJenis(true, signal), []);
  // The controls follow a click at once; the address (and the list) follow the navigation.
  const [sayaShown, setSayaShown] = useDraft(saya);
  const [terlambatShown, setTerlambatShown] = useDraft(terlambat);
  const [jenisShown, setJenisShown] = useDraft(jenis);

  const hrefFor = (next: Status | '') => {
    const copy = new URLSearchParams(params);
    copy.set('status', next || 'semua');
    return `?${copy.toString()}`;
  };
  const setFlag = (name: string, value: string) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (value) copy.set(name, value);
      else copy.delete(name);
      if (!copy.has('status')) copy.set('status', status || 'semua');
      return copy;
    });

  return (
    <div className="layanan">
      <PageHeading>{t('layanan.antrian.title')}</PageHeading>
      <p>{t('layanan.antrian.intro')}</p>
      <p className="layanan-actions">
        <Link className="button" to="/antrian-layanan/loket">
          {t('layanan.loket.open')}
        </Link>
      </p>
      <nav aria-label={t('layanan.antrian.tabs')} className="tab-links">
        <ul>
          {TABS.map((tab) => (
            <li key={tab || 'semua'}>
              <Link to={hrefFor(tab)} aria-current={tab === status ? 'page' : undefined}>
                {tab ? t(statusLabel(tab)) : t('layanan.antrian.semua')}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="panel layanan-filters" role="group" aria-labelledby="antrian-filter-heading">
        <h2 id="antrian-filter-heading" className="visually-hidden">
          {t('layanan.antrian.filter')}
        </h2>
        <div className="field field--checkbox">
          <input id="antrian-saya" type="checkbox" checked={sayaShown} onChange={(event) => { setSayaShown(event.target.checked); setFlag('saya', event.target.checked ? 'true' : ''); }} />
          <label htmlFor="antrian-saya">{t('layanan.antrian.saya')}</label>
        </div>
        <div className="field field--checkbox">
          <input id="antrian-terlambat" type="checkbox" checked={terlambatShown} onChange={(event) => { setTerlambatShown(event.target.checked); setFlag('terlambat', event.target.checked ? 'true' : ''); }} />
          <label htmlFor="antrian-terlambat">{t('layanan.antrian.terlambat')}</label>
        </div>
        <div className="field">
          <label htmlFor="antrian-jenis">{t('layanan.field.jenis')}</label>
          <select id="antrian-jenis" value={jenisShown} onChange={(event) => { setJenisShown(event.target.value); setFlag('jenis', event.target.value); }}>
            <option value="">{t('layanan.antrian.semuaJenis')}</option>
            {katalog.data?.items.map((j) => (
              <option key={j.id} value={j.kode}>
                {j.nama}
              </option>
            ))}
          </select>
        </div>
      </div>
      <AntrianResults
        key={`${status}|${saya}|${terlambat}|${jenis}`}
        query={{ status: status || undefined, saya, terlambat, jenis: jenis || undefined }}
        caption={t('layanan.antrian.caption', { status: status ? t(statusLabel(status)) : t('layanan.antrian.semua') })}
        load={antrian}
        detailBase="/antrian-layanan"
      />
    </div>
  );
}

interface ResultsProps {
  query: QueueQuery;
  caption: string;
  load: (query: QueueQuery, signal: AbortSignal) => ReturnType<typeof antrian>;
  /** Where a row links to; none for views without a detail page. */
  detailBase?: string;
  /** Show the kelurahan column (kecamatan view). */
  kelurahanNames?: Map<string, string>;
}

/** A page of the queue as a table: code, letter, applicant, status, due date with days left, officer. */
export function AntrianResults({ query, caption, load, detailBase, kelurahanNames }: ResultsProps) {
  const { t, lang } = useI18n();
  const pages = useCursorPages(PAGE_SIZE);
  const { cursor } = pages;
  const result = useResource((signal) => load({ ...query, cursor, limit: PAGE_SIZE }, signal), [cursor]);
  const data = result.data;
  const showKelurahan = kelurahanNames !== undefined;
  return (
    <>
      <ErrorAlert error={result.error} />
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <ResultsTable
            captionId="antrian-caption"
            caption={caption}
            columns={
              <>
                <th scope="col">{t('layanan.field.kodeLacak')}</th>
                <th scope="col">{t('layanan.field.jenis')}</th>
                <th scope="col">{t('layanan.field.pemohon')}</th>
                {showKelurahan && <th scope="col">{t('layanan.field.kelurahan')}</th>}
                <th scope="col">{t('layanan.field.status')}</th>
                <th scope="col">{t('layanan.field.diajukan')}</th>
                <th scope="col">{t('layanan.field.jatuhTempo')}</th>
                <th scope="col">{t('layanan.field.petugas')}</th>
              </>
            }
            columnCount={showKelurahan ? 8 : 7}
            items={data.items}
            empty={t('layanan.antrian.empty')}
            busy={result.loading}
          >
            {(p) => (
              <tr key={p.id} className={p.terlambat ? 'layanan-row--terlambat' : undefined}>
                <th scope="row" className="nowrap">
                  {detailBase ? (
                    <Link to={`${detailBase}/${encodeURIComponent(p.id)}`}>
                      <code>{p.kodeLacak}</code>
                    </Link>
                  ) : (
                    <code>{p.kodeLacak}</code>
                  )}
                </th>
                <td>{p.jenis.nama}</td>
                <td>{p.namaPemohon}</td>
                {showKelurahan && <td>{kelurahanNames?.get(p.kodeKelurahan) ?? p.kodeKelurahan}</td>}
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td className="nowrap">{formatTanggal(p.diajukanAt, lang)}</td>
                <td>
                  <SlaInfo p={p} />
                </td>
                <td>{p.petugas?.nama ?? '—'}</td>
              </tr>
            )}
          </ResultsTable>
          <CursorPager
            pages={pages}
            data={data}
            loading={result.loading}
            empty={t('layanan.antrian.none')}
            range={({ first, last }) => t('layanan.antrian.range', { first, last })}
          />
        </>
      )}
    </>
  );
}
