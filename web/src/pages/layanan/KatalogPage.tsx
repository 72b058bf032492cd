import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { listJenis, type Jenis } from './layananApi';
import './layanan.css';

/** "Layanan Surat": the letters a resident can request online, with their SLA and requirements. */
export function KatalogPage() {
  const { t } = useI18n();
  const katalog = useResource((signal) => listJenis(false, signal), []);

  return (
    <div className="layanan">
      <PageHeading>{t('layanan.katalog.title')}</PageHeading>
      <p className="lead">{t('layanan.katalog.intro')}</p>
      <p className="layanan-actions">
        <Link className="button" to="/layanan/saya">
          {t('layanan.saya.title')}
        </Link>
        <Link className="button button--secondary" to="/lacak">
          {t('layanan.lacak.title')}
        </Link>
      </p>
      {katalog.loading && !katalog.data && <Loading />}
      <ErrorAlert error={katalog.error} />
      {katalog.data && (
        <section aria-labelledby="layanan-katalog-heading">
          <h2 id="layanan-katalog-heading" className="visually-hidden">
            {t('layanan.katalog.daftar')}
          </h2>
          {katalog.data.items.length === 0 ? (
            <p>{t('layanan.katalog.empty')}</p>
          ) : (
            <ul className="layanan-katalog">
              {katalog.data.items.map((jenis) => (
                <JenisCard key={jenis.id} jenis={jenis} />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function JenisCard({ jenis }: { jenis: Jenis }) {
  const { t } = useI18n();
  const headingId = `jenis-${jenis.kode}`;
  return (
    <li className="card layanan-jenis">
      <h3 id={headingId}>{jenis.nama}</h3>
      {jenis.deskripsi && <p>{jenis.deskripsi}</p>}
      <dl className="details layanan-details layanan-details--compact">
        <div className="layanan-details__row">
          <dt>{t('layanan.jenis.sla')}</dt>
          <dd>{jenis.slaHari === 0 ? t('layanan.jenis.slaHariIni') : t('layanan.jenis.slaHari', { n: jenis.slaHari })}</dd>
        </div>
        {jenis.masaBerlaku && (
          <div className="layanan-details__row">
            <dt>{t('layanan.jenis.berlaku')}</dt>
            <dd>{t(jenis.masaBerlaku.satuan === 'bulan' ? 'layanan.jenis.berlakuBulan' : 'layanan.jenis.berlakuHari', { n: jenis.masaBerlaku.nilai })}</dd>
          </div>
        )}
      </dl>
      {jenis.syarat.length > 0 && (
        <>
          <p className="layanan-subheading">{t('layanan.jenis.syarat')}</p>
          <ul className="layanan-syarat">
            {jenis.syarat.map((s) => (
              <li key={s.name}>
                {s.label} <span className="muted">({t(s.required ? 'layanan.jenis.wajib' : 'layanan.jenis.opsional')})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="layanan-actions">
        <Link className="button" to={`/layanan/ajukan/${encodeURIComponent(jenis.kode)}`}>
          {t('layanan.katalog.ajukan')}
          <span className="visually-hidden"> {jenis.nama}</span>
        </Link>
      </p>
    </li>
  );
}
