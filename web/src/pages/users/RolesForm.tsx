import { useRef, useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/client';
import type { RoleDefinition, User } from '../../api/types';
import { replaceUserRoles } from '../../api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { draftsFromGrants, grantsFromDrafts, type GrantDraft } from './grants';
import { RoleGrantsEditor } from './RoleGrantsEditor';

interface RolesFormProps {
  user: User;
  catalogue: readonly RoleDefinition[];
  onSaved: (user: User) => void;
}

export function RolesForm({ user, catalogue, onSaved }: RolesFormProps) {
  const { t } = useI18n();
  const [grants, setGrants] = useState<GrantDraft[]>(() => draftsFromGrants(user.roles));
  const { pending, error, succeeded, submit } = useSubmission();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      onSaved(await replaceUserRoles(user.id, grantsFromDrafts(grants, catalogue)));
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending}>
      <ErrorAlert error={error} />
      <RoleGrantsEditor drafts={grants} onChange={setGrants} catalogue={catalogue} errors={fieldErrorsOf(error)} />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('userDetail.roles.submit')}
        </button>
        <p role="status" className="status-line">
          {succeeded ? t('userDetail.roles.saved') : ''}
        </p>
      </div>
    </form>
  );
}
