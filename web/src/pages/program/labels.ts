import type { MessageKey } from '../../i18n/id';

export const levelLabel = (level: string) => `program.level.${level}` as MessageKey;

const FIELD_KEYS = new Set(['tahun', 'opd', 'opdId', 'kode', 'nama', 'pagu', 'indikator', 'archivedAt', 'archiveReason']);
/** Label of a record field, e.g. in the "fields changed" column; unknown names stay as they are. */
export const fieldLabel = (field: string, t: (key: MessageKey) => string): string =>
  FIELD_KEYS.has(field) ? t(`program.field.${field}` as MessageKey) : field;
