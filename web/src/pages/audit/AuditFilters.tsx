import type { FormEvent } from 'react';
import { TextField } from '../../components/fields';
import { useDraft } from '../../hooks/useDraft';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { AUDIT_FILTER_FIELDS, EMPTY_AUDIT_FILTER, type AuditFilter, type AuditFilterField } from './auditFilter';

const LABELS: Record<AuditFilterField, MessageKey> = {
  actor: 'audit.actor',
  action: 'audit.action',
  entityType: 'audit.entityType',
  entityId: 'audit.entityId',
  from: 'audit.from',
  to: 'audit.to',
};

interface AuditFiltersProps {
  /** The applied filter; must be memoized (see useDraft). */
  filter: AuditFilter;
  onApply: (filter: AuditFilter) => void;
  /** Server field errors keyed by query parameter, e.g. `to` before `from`. */
  errors: Record<string, string>;
}

export function AuditFilters({ filter, onApply, errors }: AuditFiltersProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useDraft(filter);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className="form panel" onSubmit={handleSubmit} noValidate aria-labelledby="audit-filter">
      <h2 id="audit-filter">{t('audit.filter')}</h2>
      <div className="form__grid form__grid--wide">
        {AUDIT_FILTER_FIELDS.map((field) => (
          <TextField
            key={field}
            label={t(LABELS[field])}
            hint={field === 'actor' ? t('audit.actorHint') : undefined}
            type={field === 'from' || field === 'to' ? 'date' : 'text'}
            value={draft[field]}
            onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
            error={errors[field]}
            spellCheck={false}
          />
        ))}
      </div>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('audit.filter.apply')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onApply(EMPTY_AUDIT_FILTER)}>
          {t('audit.filter.clear')}
        </button>
      </div>
    </form>
  );
}
