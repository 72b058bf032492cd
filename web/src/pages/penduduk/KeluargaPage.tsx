import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { kelurahanName, kodeName, sexLabel, statusLabel } from './labels';
import { getKelurahan, getKeluarga, getReferensi } from './pendudukApi';
import './penduduk.css';

/** A family card (masked No. KK and address) and its members with their SHDK. */
export function KeluargaPage() {
  const { t } = useI18n();
  const { ref = '' } = useParams();
  const keluarga = useResource((signal) => getKeluarga(ref, signal), [ref]);
  const referensi = useResource((signal) => getReferensi(signal), []);
  const kelurahan = useResource((signal) => getKelurahan(signal), []);
  const k = keluarga.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/penduduk">{t('penduduk.back')}</Link>
      </p>
      <PageHeading>{k ? t('keluarga.title.of', { noKk: k.noKk }) : t('keluarga.title')}</PageHeading>
      {keluarga.loading && !k && <Loading />}
      <ErrorAlert error={keluarga.error} />
      {k && (
        <>
          <section className="panel" aria-labelledby="keluarga-data-heading">
            <h2 id="keluarga-data-heading">{t('keluarga.data.title')}</h2>
            <p className="field__hint">{t('keluarga.data.masked')}</p>
            <dl className="details penduduk-details">
              <dt>{t('penduduk.field.noKk')}</dt>
              <dd>
                <code>{k.noKk}</code>
              </dd>
              <dt>{t('penduduk.alamat')}</dt>
              <dd>
                {k.alamat}, RT {k.rt}/RW {k.rw}
              </dd>
              <dt>{t('penduduk.kelurahan')}</dt>
              <dd>{kelurahanName(kelurahan.data, k.kodeKelurahan)}</dd>
              <dt>{t('keluarga.count')}</dt>
              <dd>{k.anggota.length}</dd>
            </dl>
          </section>
          <section className="panel" aria-labelledby="keluarga-anggota-heading">
            <h2 id="keluarga-anggota-heading">{t('keluarga.anggota.title')}</h2>
            <div className="table-scroll" role="region" aria-labelledby="keluarga-anggota-caption" tabIndex={0}>
              <table className="data-table">
                <caption id="keluarga-anggota-caption" className="visually-hidden">
                  {t('keluarga.anggota.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('penduduk.nama')}</th>
                    <th scope="col">{t('penduduk.field.shdk')}</th>
                    <th scope="col">{t('penduduk.nik')}</th>
                    <th scope="col">{t('penduduk.field.jenisKelamin')}</th>
                    <th scope="col">{t('penduduk.tahunLahir')}</th>
                    <th scope="col">{t('penduduk.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {k.anggota.length === 0 && (
                    <tr>
                      <td colSpan={6}>{t('keluarga.anggota.empty')}</td>
                    </tr>
                  )}
                  {k.anggota.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        <Link to={`/penduduk/${encodeURIComponent(p.id)}`}>{p.nama}</Link>
                      </th>
                      <td>{kodeName(referensi.data, 'shdk', p.shdk)}</td>
                      <td className="nowrap">
                        <code>{p.nik}</code>
                      </td>
                      <td>{t(sexLabel(p.jenisKelamin))}</td>
                      <td>{p.tahunLahir}</td>
                      <td>{t(statusLabel(p.status))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
