import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { User } from '../../api/types';
import { listUsers } from '../../api/users';
import { hasPermission, useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDraft } from '../../hooks/useDraft';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { CreateUserForm } from './CreateUserForm';
import { Pagination } from './Pagination';
import { useRoleCatalogue } from './useRoleCatalogue';
import { UserTable } from './UserTable';

const PAGE_SIZE = 20;

export function UsersPage() {
  const { t } = useI18n();
  const canManage = hasPermission(useMe(), 'user.manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const offset = Math.max(0, Number(searchParams.get('offset')) || 0);
  const users = useResource((signal) => listUsers({ q: q || undefined, limit: PAGE_SIZE, offset }, signal), [q, offset]);
  const catalogue = useRoleCatalogue();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<User | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const [draftQuery, setDraftQuery] = useDraft(q);

  /** Searching for the query already shown reloads the list. */
  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = draftQuery.trim();
    if (query === q && offset === 0) users.reload();
    else setSearchParams(query ? { q: query } : {});
  }

  function goTo(nextOffset: number) {
    setSearchParams({ ...(q ? { q } : {}), ...(nextOffset ? { offset: String(nextOffset) } : {}) });
  }

  function closeForm() {
    setCreating(false);
    addButton.current?.focus();
  }

  function handleCreated(user: User) {
    setCreated(user);
    closeForm();
    users.reload();
  }

  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>

      <div className="toolbar">
        <form role="search" className="search" onSubmit={search}>
          <label htmlFor="user-search">{t('users.search')}</label>
          <div className="search__row">
            <input
              id="user-search"
              type="search"
              value={draftQuery}
              onChange={(event) => setDraftQuery(event.target.value)}
            />
            <button type="submit" className="button">
              {t('users.search.submit')}
            </button>
          </div>
        </form>
        {canManage && (
          <button
            ref={addButton}
            type="button"
            className="button"
            aria-expanded={creating}
            aria-controls="new-user-section"
            onClick={() => (creating ? closeForm() : setCreating(true))}
          >
            {t('users.add')}
          </button>
        )}
      </div>

      <p role="status" className="status-line">
        {created && (
          <>
            {t('users.created', { username: created.username })}{' '}
            <Link to={`/pengguna/${encodeURIComponent(created.id)}`}>{t('users.created.open')}</Link>
          </>
        )}
      </p>

      {canManage && (
        <div id="new-user-section">
          {creating &&
            (catalogue.data ? (
              <CreateUserForm catalogue={catalogue.data} onCreated={handleCreated} onCancel={closeForm} />
            ) : (
              <>
                {catalogue.loading && <Loading />}
                <ErrorAlert error={catalogue.error} />
              </>
            ))}
        </div>
      )}

      <ErrorAlert error={users.error} />
      {users.loading && !users.data && <Loading />}
      {users.data && (
        <>
          <UserTable users={users.data.items} catalogue={catalogue.data} busy={users.loading} />
          <Pagination offset={offset} limit={PAGE_SIZE} total={users.data.total} onOffsetChange={goTo} />
        </>
      )}
    </>
  );
}
