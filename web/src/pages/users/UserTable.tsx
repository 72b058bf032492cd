import { Link } from 'react-router';
import type { RoleDefinition, User } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { RoleGrantList } from '../../components/RoleGrantList';
import { useI18n } from '../../i18n/I18nProvider';
import { ActiveBadge } from './ActiveBadge';

interface UserTableProps {
  users: User[];
  catalogue?: readonly RoleDefinition[];
  busy: boolean;
}

export function UserTable({ users, catalogue, busy }: UserTableProps) {
  const { t } = useI18n();
  return (
    <div className="table-scroll" role="region" aria-labelledby="users-caption" tabIndex={0}>
      <table className="data-table" aria-busy={busy}>
        <caption id="users-caption" className="visually-hidden">
          {t('users.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('user.username')}</th>
            <th scope="col">{t('user.displayName')}</th>
            <th scope="col">{t('user.email')}</th>
            <th scope="col">{t('grants.legend')}</th>
            <th scope="col">{t('user.status')}</th>
            <th scope="col">{t('user.lastLogin')}</th>
          </tr>
        </thead>
        <tbody>
          {users.length === 0 && (
            <tr>
              <td colSpan={6}>{t('users.table.empty')}</td>
            </tr>
          )}
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                <Link to={`/pengguna/${encodeURIComponent(user.id)}`}>{user.username}</Link>
              </th>
              <td>{user.displayName}</td>
              <td>{user.email ?? '—'}</td>
              <td>
                <RoleGrantList grants={user.roles} catalogue={catalogue} />
              </td>
              <td>
                <ActiveBadge active={user.active} />
              </td>
              <td>{user.lastLoginAt ? <DateTime value={user.lastLoginAt} /> : t('user.neverSignedIn')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
