import { hasPermission, useMe } from '../../auth/AuthProvider';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/I18nProvider';
import { AccessDeniedPage } from '../StatusPages';
import { MyPegawaiSection } from './MyPegawaiSection';
import { MyPendudukSection } from './MyPendudukSection';
import './saya.css';

/**
 * "Data saya": the signed-in person's own records — as a resident (penduduk.self) their record in
 * full and who saw it, as an employee (pegawai.self) their record and positions.
 */
export function SayaPage() {
  const { t } = useI18n();
  const me = useMe();
  const asWarga = hasPermission(me, 'penduduk.self');
  const asPegawai = hasPermission(me, 'pegawai.self');
  if (!asWarga && !asPegawai) return <AccessDeniedPage />;
  return (
    <>
      <PageHeading>{t('saya.title')}</PageHeading>
      <p>{t('saya.intro')}</p>
      {asWarga && <MyPendudukSection />}
      {asPegawai && <MyPegawaiSection />}
    </>
  );
}
