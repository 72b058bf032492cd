import { fetchHealth } from '../api/system';
import { useMe } from '../auth/AuthProvider';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { RoleGrantList } from '../components/RoleGrantList';
import { useResource } from '../hooks/useResource';
import { useI18n } from '../i18n/I18nProvider';

export function HomePage() {
  const me = useMe();
  const { t } = useI18n();
  const health = useResource((signal) => fetchHealth(signal), []);

  return (
    <>
      <PageHeading>{t('home.title')}</PageHeading>
      <p className="lead">{t('home.welcome', { name: me.user.displayName })}</p>

      <section className="panel" aria-labelledby="home-roles">
        <h2 id="home-roles">{t('home.roles')}</h2>
        <RoleGrantList grants={me.roles} />
      </section>

      <section className="panel" aria-labelledby="home-health">
        <h2 id="home-health">{t('home.health')}</h2>
        {health.loading && <Loading />}
        <ErrorAlert error={health.error} />
        {health.data && (
          <dl className="details">
            <dt>{t('home.health.status')}</dt>
            <dd>
              <span className="badge badge--ok">{t('home.health.ok')}</span>
            </dd>
            <dt>{t('home.health.database')}</dt>
            <dd>{t(health.data.database === 'embedded' ? 'home.health.embedded' : 'home.health.external')}</dd>
            <dt>{t('home.health.version')}</dt>
            <dd>{health.data.version}</dd>
          </dl>
        )}
      </section>
    </>
  );
}
