import type { FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { HistoryList } from './HistoryList';
import { opdJenisLabel } from './OpdListPage';
import { OrgChart } from './OrgChart';
import { formatDay, getOpd, getOpdHistory, getStruktur, todayWib, type Opd } from './organisasiApi';
import './organisasi.css';

/** One agency: its record, its org chart as of a chosen date, and every version of it. */
export function OpdDetailPage() {
  const { t } = useI18n();
  const { ref = '' } = useParams();
  const opd = useResource((signal) => getOpd(ref, signal), [ref]);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/organisasi">{t('organisasi.back')}</Link>
      </p>
      <PageHeading>{opd.data?.nama ?? t('organisasi.detail.title')}</PageHeading>
      {opd.loading && !opd.data && <Loading />}
      <ErrorAlert error={opd.error} />
      {opd.data && <OpdDetail key={opd.data.id} opd={opd.data} />}
    </>
  );
}

function OpdDetail({ opd }: { opd: Opd }) {
  const { t } = useI18n();
  return (
    <>
      {opd.archivedAt && (
        <div className="alert alert--error" role="note">
          <p>{t('organisasi.archived', { reason: opd.archiveReason ?? '' })}</p>
        </div>
      )}
      <dl className="details panel">
        <dt>{t('organisasi.kode')}</dt>
        <dd>
          <code>{opd.kode}</code>
        </dd>
        <dt>{t('organisasi.singkatan')}</dt>
        <dd>{opd.singkatan ?? '—'}</dd>
        <dt>{t('organisasi.jenis')}</dt>
        <dd>{t(opdJenisLabel(opd.jenis))}</dd>
        {opd.kodeWilayah && (
          <>
            <dt>{t('organisasi.kodeWilayah')}</dt>
            <dd>
              <code>{opd.kodeWilayah}</code>
            </dd>
          </>
        )}
        <dt>{t('organisasi.alamat')}</dt>
        <dd>{opd.alamat ?? '—'}</dd>
        <dt>{t('organisasi.lokasi')}</dt>
        <dd>{opd.latitude !== null && opd.longitude !== null ? `${opd.latitude}, ${opd.longitude}` : '—'}</dd>
        <dt>{t('organisasi.version')}</dt>
        <dd>{opd.version}</dd>
      </dl>
      <StrukturSection opd={opd} />
      <HistorySection opd={opd} />
    </>
  );
}

function StrukturSection({ opd }: { opd: Opd }) {
  const { t, lang } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const tanggal = searchParams.get('tanggal') || todayWib();
  const struktur = useResource((signal) => getStruktur(opd.id, tanggal, signal), [opd.id, tanggal]);

  function choose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('tanggal') ?? '');
    setSearchParams(value ? { tanggal: value } : {}, { replace: true });
  }

  return (
    <section className="panel" aria-labelledby="struktur-heading">
      <h2 id="struktur-heading">{t('organisasi.struktur.title', { tanggal: formatDay(tanggal, lang) })}</h2>
      <form className="org-chart__date" onSubmit={choose} key={tanggal}>
        <div className="field">
          <label htmlFor="struktur-tanggal">{t('organisasi.struktur.date')}</label>
          <input id="struktur-tanggal" name="tanggal" type="date" defaultValue={tanggal} required />
        </div>
        <button type="submit" className="button">
          {t('organisasi.struktur.show')}
        </button>
      </form>
      <ErrorAlert error={struktur.error} />
      {struktur.loading && !struktur.data && <Loading />}
      {struktur.data && (
        <div aria-busy={struktur.loading}>
          <p role="status" className="status-line">
            {t('organisasi.struktur.count', { count: struktur.data.units.length, tanggal: formatDay(struktur.data.tanggal, lang) })}
          </p>
          <OrgChart units={struktur.data.units} labelledBy="struktur-heading" />
        </div>
      )}
    </section>
  );
}

function HistorySection({ opd }: { opd: Opd }) {
  const { t } = useI18n();
  const history = useResource((signal) => getOpdHistory(opd.id, signal), [opd.id, opd.version]);
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('organisasi.history.title')}</h2>
      <ErrorAlert error={history.error} />
      {history.loading && !history.data && <Loading />}
      {history.data && <HistoryList items={history.data} captionId="history-caption" />}
    </section>
  );
}
