import { useRef, useState } from 'react';
import type { RoleDefinition } from '../../api/types';
import { SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/I18nProvider';
import { newGrantDraft, scopeCodeKind, type GrantDraft } from './grants';

interface RoleGrantsEditorProps {
  drafts: GrantDraft[];
  onChange: (drafts: GrantDraft[]) => void;
  catalogue: readonly RoleDefinition[];
  /** Field errors keyed by path, e.g. `roles/0/scopeCode`. */
  errors: Record<string, string>;
}

export function RoleGrantsEditor({ drafts, onChange, catalogue, errors }: RoleGrantsEditorProps) {
  const { t, lang } = useI18n();
  const addButton = useRef<HTMLButtonElement>(null);
  const [addedKey, setAddedKey] = useState<number | null>(null);

  function update(key: number, change: Partial<GrantDraft>) {
    onChange(drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));
  }

  function add() {
    const draft = newGrantDraft();
    setAddedKey(draft.key);
    onChange([...drafts, draft]);
  }

  function remove(key: number) {
    onChange(drafts.filter((draft) => draft.key !== key));
    addButton.current?.focus();
  }

  return (
    <fieldset className="grants">
      <legend>{t('grants.legend')}</legend>
      {errors.roles && <p className="field__error">{errors.roles}</p>}
      {drafts.length === 0 && <p className="muted">{t('roles.none')}</p>}
      <ol className="grants__list">
        {drafts.map((draft, index) => {
          const number = <span className="visually-hidden"> {index + 1}</span>;
          const scopeKind = scopeCodeKind(catalogue.find((role) => role.code === draft.role)?.scopeType);
          return (
            <li key={draft.key} className="grants__row">
              <SelectField
                label={
                  <>
                    {t('grants.role')}
                    {number}
                  </>
                }
                value={draft.role}
                onChange={(event) => update(draft.key, { role: event.target.value })}
                error={errors[`roles/${index}/role`]}
                autoFocus={draft.key === addedKey}
              >
                <option value="">{t('grants.choose')}</option>
                {catalogue.map((role) => (
                  <option key={role.code} value={role.code}>
                    {role.label[lang]}
                  </option>
                ))}
              </SelectField>
              {scopeKind && (
                <TextField
                  label={
                    <>
                      {t(scopeKind === 'opd' ? 'grants.opdCode' : 'grants.kelurahanCode')}
                      {number}
                    </>
                  }
                  hint={scopeKind === 'kelurahan' ? t('grants.kelurahanHint') : undefined}
                  value={draft.scopeCode}
                  onChange={(event) => update(draft.key, { scopeCode: event.target.value })}
                  error={errors[`roles/${index}/scopeCode`]}
                  spellCheck={false}
                  required
                />
              )}
              <button type="button" className="button button--secondary grants__remove" onClick={() => remove(draft.key)}>
                {t('grants.remove')}
                <span className="visually-hidden">
                  {' '}
                  {t('grants.role')} {index + 1}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <button ref={addButton} type="button" className="button button--secondary" onClick={add}>
        {t('grants.add')}
      </button>
    </fieldset>
  );
}
