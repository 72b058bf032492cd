import { Fragment, useState } from 'react';
import type { AuditEntry } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { useI18n } from '../../i18n/I18nProvider';
import { AuditEntryDetail } from './AuditEntryDetail';

const COLUMNS = 6;

interface AuditTableProps {
  entries: AuditEntry[];
  busy: boolean;
}

export function AuditTable({ entries, busy }: AuditTableProps) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());

  function toggle(seq: number) {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  }

  return (
    <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
      <table className="data-table" aria-busy={busy}>
        <caption id="audit-caption" className="visually-hidden">
          {t('audit.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.time')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.requestId')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('audit.details')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && !busy && (
            <tr>
              <td colSpan={COLUMNS}>{t('audit.table.empty')}</td>
            </tr>
          )}
          {entries.map((entry) => {
            const open = expanded.has(entry.seq);
            const detailId = `audit-entry-${entry.seq}`;
            return (
              <Fragment key={entry.seq}>
                <tr>
                  <td className="nowrap">
                    <DateTime value={entry.at} />
                  </td>
                  <td>
                    <ActorName entry={entry} />
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    <code>{entry.entityType}</code>
                    {entry.entityId && <span className="muted"> {entry.entityId}</span>}
                  </td>
                  <td>{entry.requestId ? <code>{entry.requestId}</code> : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-expanded={open}
                      aria-controls={detailId}
                      onClick={() => toggle(entry.seq)}
                    >
                      {t('audit.details')}
                      <span className="visually-hidden"> {t('audit.entry', { seq: entry.seq })}</span>
                    </button>
                  </td>
                </tr>
                <tr id={detailId} className="audit-detail-row" hidden={!open}>
                  <td colSpan={COLUMNS}>{open && <AuditEntryDetail entry={entry} />}</td>
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Users by name; the system and apps by type, with their name if known. */
function ActorName({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const name = entry.actorName ?? entry.actorId;
  if (entry.actorType === 'user') return <>{name ?? '—'}</>;
  return (
    <>
      {t(entry.actorType === 'app' ? 'audit.actorType.app' : 'audit.actorType.system')}
      {name && <span className="muted"> ({name})</span>}
    </>
  );
}
