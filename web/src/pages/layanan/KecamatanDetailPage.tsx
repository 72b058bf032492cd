import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { getPermohonanKecamatan, type Detail } from './layananApi';
import { IsianDetails, LampiranTable, PemohonDetails, RingkasanList, SuratPanel, Timeline } from './parts';
import { SyaratList } from './PermohonanSayaDetailPage';
import './layanan.css';

/**
 * The camat's look at one request of the kecamatan: where it stands, who handles it, its files
 * and timeline, the holder masked as for kelurahan staff. Read-only: the kelurahan acts on it.
 */
export function KecamatanDetailPage() {
  const { t } = useI18n();
  const { ref = '' } = useParams();
  const record = useResource((signal) => getPermohonanKecamatan(ref, signal), [ref]);

  return (
    <div className="layanan">
      <p className="breadcrumb">
        <Link to="/layanan-kecamatan">{t('layanan.kecamatan.back')}</Link>
      </p>
      <PageHeading>{record.data ? `${record.data.data.jenis.nama} · ${record.data.data.kodeLacak}` : t('layanan.detail.title')}</PageHeading>
      {record.loading && !record.data && <Loading />}
      <ErrorAlert error={record.error} />
      {record.data && <DetailKecamatan p={record.data.data} />}
    </div>
  );
}

function DetailKecamatan({ p }: { p: Detail }) {
  const { t } = useI18n();
  return (
    <>
      <p className="field__hint">{t('layanan.kecamatan.bacaSaja')}</p>
      <section className="panel" aria-labelledby="kec-ringkasan-heading">
        <h2 id="kec-ringkasan-heading">{t('layanan.detail.ringkasan')}</h2>
        <RingkasanList p={p} kelurahan petugas />
      </section>

      {p.surat && <SuratPanel surat={p.surat} headingId="kec-surat-heading" />}

      <section className="panel" aria-labelledby="kec-berkas-heading">
        <h2 id="kec-berkas-heading">{t('layanan.detail.berkas')}</h2>
        <SyaratList detail={p} />
        <LampiranTable lampiran={p.lampiran} syarat={p.syarat} captionId="kec-berkas-caption" />
      </section>

      <section className="panel" aria-labelledby="kec-pemohon-heading">
        <h2 id="kec-pemohon-heading">{t('layanan.detail.pemohon')}</h2>
        <PemohonDetails pemohon={p.pemohon} />
        <h3>{t('layanan.detail.isian')}</h3>
        <IsianDetails fields={p.fields} data={p.data} />
      </section>

      <section className="panel" aria-labelledby="kec-timeline-heading">
        <h2 id="kec-timeline-heading">{t('layanan.timeline.title')}</h2>
        <Timeline riwayat={p.riwayat} headingId="kec-timeline-heading" />
      </section>
    </>
  );
}
