import { RecordHistory } from '../../components/RecordHistory';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldLabel } from './labels';
import type { HistoryEntry } from './organisasiApi';

const KNOWN_ACTIONS = new Set(['created', 'updated', 'archived', 'closed', 'restored']);

/** Every version of an OPD, newest first, with changed fields named as on the form. */
export function HistoryList({ items, captionId }: { items: readonly HistoryEntry[]; captionId: string }) {
  const { t } = useI18n();
  return <RecordHistory items={items} captionId={captionId} prefix="organisasi" knownActions={KNOWN_ACTIONS} fieldLabel={(field) => fieldLabel(field, t)} />;
}

/**
 * Every version of a unit. RecordHistory reads its caption and column labels under a dictionary
 * prefix; `organisasi.unit` holds the same labels with the unit's own caption, so the two history
 * tables on the OPD page have distinct names.
 */
export function UnitHistoryList({ items, captionId }: { items: readonly HistoryEntry[]; captionId: string }) {
  const { t } = useI18n();
  return (
    <RecordHistory
      items={items}
      captionId={captionId}
      prefix="organisasi.unit"
      knownActions={KNOWN_ACTIONS}
      fieldLabel={(field) => fieldLabel(field, t)}
    />
  );
}
