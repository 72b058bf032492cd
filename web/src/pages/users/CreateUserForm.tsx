import { useRef, useState, type FormEvent } from 'react';
import { ApiError, fieldErrorsOf } from '../../api/client';
import type { RoleDefinition, User } from '../../api/types';
import { createUser } from '../../api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { grantsFromDrafts, newGrantDraft, type GrantDraft } from './grants';
import { RoleGrantsEditor } from './RoleGrantsEditor';

interface CreateUserFormProps {
  catalogue: readonly RoleDefinition[];
  onCreated: (user: User) => void;
  onCancel: () => void;
}

/** Field errors, with a taken username (409, no `errors[]`) shown at the username field. */
function errorsOf(error: unknown): Record<string, string> {
  const errors = fieldErrorsOf(error);
  if (error instanceof ApiError && error.problem?.code === 'user.username_taken') {
    errors.username ??= error.problem.detail;
  }
  return errors;
}

export function CreateUserForm({ catalogue, onCreated, onCancel }: CreateUserFormProps) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [grants, setGrants] = useState<GrantDraft[]>(() => [newGrantDraft()]);
  const { pending, error, submit } = useSubmission();
  const errors = errorsOf(error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const user = await createUser({
        username: username.trim(),
        displayName: displayName.trim(),
        email: email.trim() || undefined,
        password,
        roles: grantsFromDrafts(grants, catalogue),
      });
      onCreated(user);
    });
  }

  return (
    <form ref={form} className="form panel" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="new-user">
      <h2 id="new-user">{t('users.new.title')}</h2>
      <ErrorAlert error={error} />
      <div className="form__grid">
        <TextField
          label={t('user.username')}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={errors.username}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          label={t('user.displayName')}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={errors.displayName}
          autoComplete="off"
          required
        />
        <TextField
          label={t('user.emailOptional')}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
          autoComplete="off"
        />
        <TextField
          label={t('users.new.password')}
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
          autoComplete="new-password"
          required
        />
      </div>
      <RoleGrantsEditor drafts={grants} onChange={setGrants} catalogue={catalogue} errors={errors} />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('users.new.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
