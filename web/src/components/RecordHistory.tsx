import { DateTime } from './DateTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/id';

/** One version of a master record, as the registry's history endpoints return it. */
export interface RecordVersion {
  version: number;
  action: string;
  changed: string[];
  actorName: string | null;
  at: string;
}

interface RecordHistoryProps {
  items: readonly RecordVersion[];
  captionId: string;
  /** The dictionary prefix holding `<prefix>.history.*` labels, e.g. `pegawai`. */
  prefix: 'organisasi' | 'organisasi.unit' | 'pegawai' | 'penduduk' | 'program';
  /** Actions that have a label `<prefix>.history.action.<action>`; others show as sent. */
  knownActions: ReadonlySet<string>;
  /** How a changed field is named; the API's field name by default. */
  fieldLabel?: (field: string) => string;
}

/** Every version of a record, newest first: what changed, who changed it, when. */
export function RecordHistory({ items, captionId, prefix, knownActions, fieldLabel = (field) => field }: RecordHistoryProps) {
  const { t } = useI18n();
  const label = (key: string) => t(`${prefix}.history.${key}` as MessageKey);
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className="visually-hidden">
          {label('caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{label('version')}</th>
            <th scope="col">{label('action')}</th>
            <th scope="col">{label('changed')}</th>
            <th scope="col">{label('by')}</th>
            <th scope="col">{label('at')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.version}>
              <th scope="row">{entry.version}</th>
              <td>{knownActions.has(entry.action) ? label(`action.${entry.action}`) : entry.action}</td>
              <td>{entry.changed.length > 0 ? entry.changed.map(fieldLabel).join(', ') : '—'}</td>
              <td>{entry.actorName ?? t('audit.actorType.system')}</td>
              <td>
                <DateTime value={entry.at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
