import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ResultsTable } from '../../components/ResultsTable';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { listJenis } from './layananApi';
import './layanan.css';

/** The admin's catalogue of letter types (online or counter-only, archived ones too) and the way to the holidays. */
export function KelolaPage() {
  const { t } = useI18n();
  const katalog = useResource((signal) => listJenis(true, signal), []);

  return (
    <div className="layanan">
      <PageHeading>{t('layanan.kelola.title')}</PageHeading>
      <p>{t('layanan.kelola.intro')}</p>
      <p className="layanan-actions">
        <Link className="button" to="/kelola-layanan/jenis-baru">
          {t('layanan.kelola.baru')}
        </Link>
        <Link className="button button--secondary" to="/kelola-layanan/hari-libur">
          {t('layanan.libur.title')}
        </Link>
      </p>
      {katalog.loading && !katalog.data && <Loading />}
      <ErrorAlert error={katalog.error} />
      {katalog.data && (
        <ResultsTable
          captionId="kelola-caption"
          caption={t('layanan.kelola.caption')}
          columns={
            <>
              <th scope="col">{t('layanan.jenis.nama')}</th>
              <th scope="col">{t('layanan.jenis.kode')}</th>
              <th scope="col">{t('layanan.jenis.sla')}</th>
              <th scope="col">{t('layanan.jenis.penandatangan')}</th>
              <th scope="col">{t('layanan.jenis.online')}</th>
              <th scope="col">{t('layanan.kelola.status')}</th>
            </>
          }
          columnCount={6}
          items={katalog.data.items}
          empty={t('layanan.katalog.empty')}
          busy={katalog.loading}
        >
          {(j) => (
            <tr key={j.id}>
              <th scope="row">
                <Link to={`/kelola-layanan/jenis/${encodeURIComponent(j.kode)}`}>{j.nama}</Link>
              </th>
              <td>
                <code>{j.kode}</code>
              </td>
              <td className="nowrap">{t('layanan.jenis.slaHari', { n: j.slaHari })}</td>
              <td>{t(j.penandatangan === 'lurah' ? 'layanan.jenis.ttd.lurah' : 'layanan.jenis.ttd.sekretaris')}</td>
              <td>{t(j.online ? 'layanan.ya' : 'layanan.tidak')}</td>
              <td>{j.archivedAt ? <span className="badge badge--off">{t('layanan.kelola.diarsipkan')}</span> : <span className="badge badge--ok">{t('layanan.kelola.aktif')}</span>}</td>
            </tr>
          )}
        </ResultsTable>
      )}
    </div>
  );
}
