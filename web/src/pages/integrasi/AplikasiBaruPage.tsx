import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/I18nProvider';
import { AplikasiForm, useOwnerChoices } from './AplikasiForm';
import { createAplikasi } from './integrasiApi';

/** Registers an app; an OPD operator is offered only their own OPD (the API checks again). */
export function AplikasiBaruPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const owners = useOwnerChoices(useMe());
  return (
    <>
      <p className="breadcrumb">
        <Link to="/integrasi">{t('integrasi.detail.back')}</Link>
      </p>
      <PageHeading>{t('integrasi.baru.title')}</PageHeading>
      {owners.loading && !owners.data && <Loading />}
      <ErrorAlert error={owners.error} />
      {owners.data && (
        <section className="panel">
          <AplikasiForm
            app={null}
            opds={owners.data.opds}
            cityWide={owners.data.city}
            submitLabel={t('integrasi.baru.submit')}
            onSubmit={async (body) => {
              const created = await createAplikasi(body);
              navigate(`/integrasi/aplikasi/${encodeURIComponent(created.data.kode)}`);
            }}
          />
        </section>
      )}
    </>
  );
}
