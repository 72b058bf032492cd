import { RecordHistory } from '../../components/RecordHistory';
import type { HistoryEntry } from './organisasiApi';

const KNOWN_ACTIONS = new Set(['created', 'updated', 'archived', 'closed', 'restored']);

/** Every version of an OPD or unit, newest first. */
export function HistoryList({ items, captionId }: { items: readonly HistoryEntry[]; captionId: string }) {
  return <RecordHistory items={items} captionId={captionId} prefix="organisasi" knownActions={KNOWN_ACTIONS} />;
}
