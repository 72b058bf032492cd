import { useRef, useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/client';
import type { User } from '../../api/types';
import { updateUser } from '../../api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CheckboxField, TextField } from '../../components/fields';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';

interface ProfileFormProps {
  user: User;
  onSaved: (user: User) => void;
}

export function ProfileForm({ user, onSaved }: ProfileFormProps) {
  const { t } = useI18n();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [active, setActive] = useState(user.active);
  const { pending, error, succeeded, submit } = useSubmission();
  const errors = fieldErrorsOf(error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      onSaved(await updateUser(user.id, { displayName: displayName.trim(), email: email.trim() || null, active }));
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending}>
      <ErrorAlert error={error} />
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
      <CheckboxField
        label={t('user.active')}
        hint={t('userDetail.activeHint')}
        checked={active}
        onChange={(event) => setActive(event.target.checked)}
        error={errors.active}
      />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('userDetail.profile.submit')}
        </button>
        <p role="status" className="status-line">
          {succeeded ? t('userDetail.profile.saved') : ''}
        </p>
      </div>
    </form>
  );
}
