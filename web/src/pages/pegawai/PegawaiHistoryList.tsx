import { RecordHistory } from '../../components/RecordHistory';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldLabel } from './labels';
import type { HistoryEntry } from './pegawaiApi';

const KNOWN_ACTIONS = new Set(['created', 'updated', 'mutasi', 'archived']);

/** Every version of an employee record, newest first, with changed fields named as on the form. */
export function PegawaiHistoryList({ items, captionId }: { items: readonly HistoryEntry[]; captionId: string }) {
  const { t } = useI18n();
  return (
    <RecordHistory items={items} captionId={captionId} prefix="pegawai" knownActions={KNOWN_ACTIONS} fieldLabel={(field) => fieldLabel(field, t)} />
  );
}
