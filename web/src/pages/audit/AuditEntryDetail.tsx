import type { AuditEntry } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

/** The expanded part of an audit row: before/after state and chain data. */
export function AuditEntryDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  return (
    <div className="audit-detail">
      <div className="audit-detail__states">
        <div>
          <p className="audit-detail__label">{t('audit.before')}</p>
          <JsonBlock value={entry.before} />
        </div>
        <div>
          <p className="audit-detail__label">{t('audit.after')}</p>
          <JsonBlock value={entry.after} />
        </div>
      </div>
      <dl className="details details--compact">
        <dt>{t('audit.seq')}</dt>
        <dd>{entry.seq}</dd>
        <dt>{t('audit.actorId')}</dt>
        <dd>{entry.actorId ? <code>{entry.actorId}</code> : '—'}</dd>
        <dt>{t('audit.hash')}</dt>
        <dd>
          <code className="break">{entry.hash}</code>
        </dd>
      </dl>
    </div>
  );
}

function JsonBlock({ value }: { value: object | null }) {
  const { t } = useI18n();
  if (value === null) return <p className="muted">{t('audit.none')}</p>;
  return (
    <pre className="json" tabIndex={0}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
