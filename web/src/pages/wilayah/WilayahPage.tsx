import { hasPermission, useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { BoundaryUploadForm } from './BoundaryUploadForm';
import { KecamatanSection } from './KecamatanSection';
import { fetchPemdaTree } from './wilayahApi';

/** The pemda's kecamatan and kelurahan from the registry; admins attach boundaries here. */
export function WilayahPage() {
  const { t } = useI18n();
  const canManage = hasPermission(useMe(), 'wilayah.manage');
  const tree = useResource((signal) => fetchPemdaTree(signal), []);
  const data = tree.data;
  const villages = data?.kecamatan.flatMap((k) => k.kelurahan) ?? [];

  return (
    <>
      <PageHeading>{t('wilayah.title')}</PageHeading>
      <ErrorAlert error={tree.error} />
      {tree.loading && !data && <Loading />}
      {data && (
        <>
          <p className="lead">
            {t('wilayah.summary', {
              pemda: data.pemda.nama,
              kode: data.pemda.kode,
              provinsi: data.provinsi?.nama ?? '—',
              kecamatan: data.kecamatan.length,
              kelurahan: villages.length,
              withBoundary: villages.filter((v) => v.hasBoundary).length,
            })}
          </p>
          <p className="muted">{t('wilayah.source', { source: data.pemda.source })}</p>
        </>
      )}
      {canManage && <BoundaryUploadForm onImported={tree.reload} />}
      {data?.kecamatan.map((kecamatan) => <KecamatanSection key={kecamatan.kode} kecamatan={kecamatan} />)}
    </>
  );
}
