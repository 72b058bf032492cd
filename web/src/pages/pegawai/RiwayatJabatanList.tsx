import { useI18n } from '../../i18n/I18nProvider';
import { formatTanggal, type Jabatan } from './pegawaiApi';

/** Positions over time, newest first. */
export function RiwayatJabatanList({ items, captionId }: { items: readonly Jabatan[]; captionId: string }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return <p>{t('pegawai.jabatan.empty')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className="visually-hidden">
          {t('pegawai.jabatan.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('pegawai.field.namaJabatan')}</th>
            <th scope="col">{t('pegawai.field.unitId')}</th>
            <th scope="col">{t('pegawai.field.opdId')}</th>
            <th scope="col">{t('pegawai.jabatan.tmt')}</th>
            <th scope="col">{t('pegawai.jabatan.selesai')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.namaJabatan}</th>
              <td>{row.unitNama ?? '—'}</td>
              <td>{row.opdNama ?? '—'}</td>
              <td>{formatTanggal(row.tmt, lang)}</td>
              <td>{row.selesai ? formatTanggal(row.selesai, lang) : t('pegawai.jabatan.current')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
