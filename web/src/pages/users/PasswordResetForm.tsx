import { useRef, useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/client';
import { resetUserPassword } from '../../api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';

export function PasswordResetForm({ userId }: { userId: string }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const { pending, error, succeeded, submit } = useSubmission();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      await resetUserPassword(userId, password);
      setPassword('');
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending}>
      <ErrorAlert error={error} />
      <TextField
        label={t('userDetail.password.new')}
        type="password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={fieldErrorsOf(error).password}
        autoComplete="new-password"
        required
      />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('userDetail.password.submit')}
        </button>
        <p role="status" className="status-line">
          {succeeded ? t('userDetail.password.done') : ''}
        </p>
      </div>
    </form>
  );
}
