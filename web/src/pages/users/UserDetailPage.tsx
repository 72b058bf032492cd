import { Link, useParams } from 'react-router';
import type { User } from '../../api/types';
import { getUser } from '../../api/users';
import { hasPermission, useAuth, useMe } from '../../auth/AuthProvider';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { RoleGrantList } from '../../components/RoleGrantList';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { ActiveBadge } from './ActiveBadge';
import { IdentitySection } from './IdentityForm';
import { PasswordResetForm } from './PasswordResetForm';
import { ProfileForm } from './ProfileForm';
import { RolesForm } from './RolesForm';
import { useRoleCatalogue } from './useRoleCatalogue';

export function UserDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const user = useResource((signal) => getUser(id, signal), [id]);
  const catalogue = useRoleCatalogue();
  const me = useMe();
  const { refresh } = useAuth();

  function handleSaved(saved: User) {
    user.replace(saved);
    // Editing one's own account changes the header name or even the menu: reload the session.
    if (saved.id === me.user.id) refresh().catch(() => undefined);
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/pengguna">{t('userDetail.back')}</Link>
      </p>
      <PageHeading>{user.data?.displayName ?? t('userDetail.title')}</PageHeading>
      {user.loading && !user.data && <Loading />}
      <ErrorAlert error={user.error} />
      {user.data && (
        <UserDetail key={user.data.id} user={user.data} catalogue={catalogue} onSaved={handleSaved} />
      )}
    </>
  );
}

interface UserDetailProps {
  user: User;
  catalogue: ReturnType<typeof useRoleCatalogue>;
  onSaved: (user: User) => void;
}

function UserDetail({ user, catalogue, onSaved }: UserDetailProps) {
  const { t } = useI18n();
  const canManage = hasPermission(useMe(), 'user.manage');
  const roles = catalogue.data;

  return (
    <>
      <dl className="details panel">
        <dt>{t('user.username')}</dt>
        <dd>{user.username}</dd>
        <dt>{t('user.email')}</dt>
        <dd>{user.email ?? '—'}</dd>
        <dt>{t('user.status')}</dt>
        <dd>
          <ActiveBadge active={user.active} />
        </dd>
        <dt>{t('user.createdAt')}</dt>
        <dd>
          <DateTime value={user.createdAt} />
        </dd>
        <dt>{t('user.lastLogin')}</dt>
        <dd>{user.lastLoginAt ? <DateTime value={user.lastLoginAt} /> : t('user.neverSignedIn')}</dd>
        <dt>{t('grants.legend')}</dt>
        <dd>
          <RoleGrantList grants={user.roles} catalogue={roles} />
        </dd>
      </dl>

      <IdentitySection user={user} canManage={canManage} onSaved={onSaved} />

      {canManage && (
        <>
          <section className="panel" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t('userDetail.profile')}</h2>
            <ProfileForm user={user} onSaved={onSaved} />
          </section>
          <section className="panel" aria-labelledby="roles-heading">
            <h2 id="roles-heading">{t('userDetail.roles')}</h2>
            {catalogue.loading && <Loading />}
            <ErrorAlert error={catalogue.error} />
            {roles && <RolesForm user={user} catalogue={roles} onSaved={onSaved} />}
          </section>
          <section className="panel" aria-labelledby="password-heading">
            <h2 id="password-heading">{t('userDetail.password')}</h2>
            <PasswordResetForm userId={user.id} />
          </section>
        </>
      )}
    </>
  );
}
