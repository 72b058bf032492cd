import { useState } from 'react';
import { Link } from 'react-router';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { CursorPager } from '../../components/Pager';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTanggal } from './labels';
import { listNotifikasi, listPermohonanSaya, tandaiDibaca, type Notifikasi } from './layananApi';
import { SlaInfo, StatusBadge } from './parts';
import './layanan.css';

const PAGE_SIZE = 10;

/** "Permohonan saya": the resident's requests with their status, a page at a time, and the notifications about them. */
export function PermohonanSayaPage() {
  const { t } = useI18n();

  return (
    <div className="layanan layanan--narrow">
      <p className="breadcrumb">
        <Link to="/layanan">{t('layanan.katalog.back')}</Link>
      </p>
      <PageHeading>{t('layanan.saya.title')}</PageHeading>
      <p className="layanan-actions">
        <Link className="button" to="/layanan">
          {t('layanan.saya.baru')}
        </Link>
      </p>
      <section aria-labelledby="saya-list-heading">
        <h2 id="saya-list-heading">{t('layanan.saya.daftar')}</h2>
        <DaftarSaya />
      </section>
      <NotifikasiSection />
    </div>
  );
}

/** One page of the resident's requests, newest first, with the pager under it. */
function DaftarSaya() {
  const { t, lang } = useI18n();
  const pages = useCursorPages(PAGE_SIZE);
  const { cursor } = pages;
  const list = useResource((signal) => listPermohonanSaya({ limit: PAGE_SIZE, cursor }, signal), [cursor]);
  const data = list.data;
  if (list.loading && !data) return <Loading />;
  if (!data) return <ErrorAlert error={list.error} />;
  if (data.items.length === 0 && pages.page === 0) return <p>{t('layanan.saya.empty')}</p>;
  return (
    <>
      <ErrorAlert error={list.error} />
      <ul className="layanan-cards" aria-busy={list.loading}>
        {data.items.map((p) => (
          <li key={p.id} className="card layanan-card">
            <h3>
              <Link to={`/layanan/saya/${encodeURIComponent(p.id)}`}>{p.jenis.nama}</Link>
            </h3>
            <dl className="details layanan-details layanan-details--compact">
              <div className="layanan-details__row">
                <dt>{t('layanan.field.status')}</dt>
                <dd>
                  <StatusBadge status={p.status} />
                </dd>
              </div>
              <div className="layanan-details__row">
                <dt>{t('layanan.field.kodeLacak')}</dt>
                <dd>
                  <code className="layanan-kode-inline">{p.kodeLacak}</code>
                </dd>
              </div>
              <div className="layanan-details__row">
                <dt>{t('layanan.field.diajukan')}</dt>
                <dd>{formatTanggal(p.diajukanAt, lang)}</dd>
              </div>
              <div className="layanan-details__row">
                <dt>{t('layanan.field.jatuhTempo')}</dt>
                <dd>
                  <SlaInfo p={p} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      {(pages.page > 0 || data.nextCursor) && (
        <CursorPager pages={pages} data={data} loading={list.loading} empty={t('layanan.saya.empty')} range={({ first, last }) => t('layanan.saya.range', { first, last })} />
      )}
    </>
  );
}

/** In-app notifications, newest first; unread ones can be marked read. */
export function NotifikasiSection() {
  const { t } = useI18n();
  const list = useResource((signal) => listNotifikasi(signal), []);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  async function markRead(n: Notifikasi) {
    setError(null);
    try {
      await tandaiDibaca(n.id);
      setStatus(t('layanan.notifikasi.ditandai'));
      list.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  const unread = list.data?.items.filter((n) => !n.dibacaAt).length ?? 0;
  return (
    <section className="panel" aria-labelledby="notifikasi-heading">
      <h2 id="notifikasi-heading">{t('layanan.notifikasi.title')}</h2>
      <div className="layanan-actions">
        <p className="layanan-unread">{list.data ? t('layanan.notifikasi.belumDibaca', { n: unread }) : ''}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => { setStatus(''); list.reload(); }}>
          {t('layanan.notifikasi.muatUlang')}
        </button>
      </div>
      <p role="status" className="status-line">
        {list.loading ? t('common.loading') : status}
      </p>
      <ErrorAlert error={list.error ?? error} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>{t('layanan.notifikasi.empty')}</p>
        ) : (
          <ul className="layanan-notifikasi">
            {list.data.items.map((n) => (
              <li key={n.id} className={n.dibacaAt ? 'layanan-notifikasi__item' : 'layanan-notifikasi__item layanan-notifikasi__item--baru'}>
                <p className="layanan-notifikasi__judul">
                  {!n.dibacaAt && <span className="badge layanan-badge--baru">{t('layanan.notifikasi.baru')}</span>} <span>{n.judul}</span>
                </p>
                <p>{n.pesan}</p>
                <p className="layanan-notifikasi__meta">
                  <DateTime value={n.createdAt} /> · <Link to={`/layanan/saya/${encodeURIComponent(n.permohonanId)}`}>{t('layanan.notifikasi.buka')}</Link>
                  {!n.dibacaAt && (
                    <>
                      {' · '}
                      <button type="button" className="layanan-link-button" onClick={() => void markRead(n)}>
                        {t('layanan.notifikasi.tandai')}
                        <span className="visually-hidden">: {n.judul}</span>
                      </button>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
