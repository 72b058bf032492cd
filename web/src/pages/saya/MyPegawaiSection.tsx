import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { jenisLabel, sexLabel, statusLabel } from '../pegawai/labels';
import { formatNip, formatTanggal, namaLengkap } from '../pegawai/pegawaiApi';
import { RiwayatJabatanList } from '../pegawai/RiwayatJabatanList';
import { UnlinkedNote } from './UnlinkedNote';
import { getMyPegawai, type MyPegawai } from './sayaApi';

/** My employee record, my current position and my positions over time. */
export function MyPegawaiSection() {
  const { t } = useI18n();
  const mine = useResource((signal) => getMyPegawai(signal), []);
  return (
    <section className="panel" aria-labelledby="saya-pegawai-heading">
      <h2 id="saya-pegawai-heading">{t('saya.pegawai.title')}</h2>
      {mine.loading && !mine.data && <Loading />}
      <ErrorAlert error={mine.error} />
      {mine.data && !mine.data.linked && <UnlinkedNote message={mine.data.message} />}
      {mine.data?.linked && <PegawaiData mine={mine.data.data} />}
    </section>
  );
}

function PegawaiData({ mine: { pegawai: p, riwayatJabatan } }: { mine: MyPegawai }) {
  const { t, lang } = useI18n();
  const current = riwayatJabatan.find((row) => row.selesai === null);
  return (
    <>
      <dl className="details saya-details">
        <dt>{t('pegawai.field.nama')}</dt>
        <dd>{namaLengkap(p)}</dd>
        <dt>{t('pegawai.field.nip')}</dt>
        <dd>{p.nip ? <code>{formatNip(p.nip)}</code> : t('pegawai.nip.none')}</dd>
        <dt>{t('pegawai.field.jenisKelamin')}</dt>
        <dd>{t(sexLabel(p.jenisKelamin))}</dd>
        <dt>{t('pegawai.field.tanggalLahir')}</dt>
        <dd>{formatTanggal(p.tanggalLahir, lang)}</dd>
        <dt>{t('pegawai.field.jenis')}</dt>
        <dd>{t(jenisLabel(p.jenis))}</dd>
        <dt>{t('pegawai.field.golongan')}</dt>
        <dd>{p.golongan ? (p.pangkat ? `${p.golongan} — ${p.pangkat}` : p.golongan) : '—'}</dd>
        <dt>{t('pegawai.field.status')}</dt>
        <dd>{t(statusLabel(p.status))}</dd>
        <dt>{t('pegawai.field.namaJabatan')}</dt>
        <dd>{p.namaJabatan ?? '—'}</dd>
        <dt>{t('pegawai.field.unitId')}</dt>
        <dd>{current?.unitNama ?? '—'}</dd>
        <dt>{t('pegawai.field.opdId')}</dt>
        <dd>{current?.opdNama ?? '—'}</dd>
        <dt>{t('pegawai.field.tmtJabatan')}</dt>
        <dd>{formatTanggal(p.tmtJabatan, lang)}</dd>
        <dt>{t('pegawai.field.email')}</dt>
        <dd>{p.email ?? '—'}</dd>
        <dt>{t('pegawai.field.telepon')}</dt>
        <dd>{p.telepon ?? '—'}</dd>
      </dl>
      <h3 id="saya-jabatan-heading">{t('pegawai.jabatan.title')}</h3>
      <RiwayatJabatanList items={riwayatJabatan} captionId="saya-jabatan-caption" />
    </>
  );
}
