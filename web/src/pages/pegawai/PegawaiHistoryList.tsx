import { DateTime } from '../../components/DateTime';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { fieldLabel } from './labels';
import type { HistoryEntry } from './pegawaiApi';

const KNOWN_ACTIONS = new Set(['created', 'updated', 'mutasi', 'archived']);

/** Every version of an employee record, newest first: what changed, who changed it, when. */
export function PegawaiHistoryList({ items, captionId }: { items: readonly HistoryEntry[]; captionId: string }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className="visually-hidden">
          {t('pegawai.history.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('pegawai.history.version')}</th>
            <th scope="col">{t('pegawai.history.action')}</th>
            <th scope="col">{t('pegawai.history.changed')}</th>
            <th scope="col">{t('pegawai.history.by')}</th>
            <th scope="col">{t('pegawai.history.at')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.version}>
              <th scope="row">{entry.version}</th>
              <td>{KNOWN_ACTIONS.has(entry.action) ? t(`pegawai.history.action.${entry.action}` as MessageKey) : entry.action}</td>
              <td>{entry.changed.length > 0 ? entry.changed.map((field) => fieldLabel(field, t)).join(', ') : '—'}</td>
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
