import { DateTime } from '../../components/DateTime';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import type { HistoryEntry } from './organisasiApi';

const KNOWN_ACTIONS = new Set(['created', 'updated', 'archived', 'closed', 'restored']);

/** Every version of a record, newest first: what changed, who changed it, when. */
export function HistoryList({ items, captionId }: { items: readonly HistoryEntry[]; captionId: string }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className="visually-hidden">
          {t('organisasi.history.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('organisasi.history.version')}</th>
            <th scope="col">{t('organisasi.history.action')}</th>
            <th scope="col">{t('organisasi.history.changed')}</th>
            <th scope="col">{t('organisasi.history.by')}</th>
            <th scope="col">{t('organisasi.history.at')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.version}>
              <th scope="row">{entry.version}</th>
              <td>{KNOWN_ACTIONS.has(entry.action) ? t(`organisasi.history.action.${entry.action}` as MessageKey) : entry.action}</td>
              <td>{entry.changed.length > 0 ? entry.changed.join(', ') : '—'}</td>
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
