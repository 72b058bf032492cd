import type { MessageKey } from '../../i18n/id';

export const opdJenisLabel = (jenis: string) => `organisasi.jenis.${jenis}` as MessageKey;
export const unitJenisLabel = (jenis: string) => `organisasi.unitJenis.${jenis}` as MessageKey;
export const jabatanJenisLabel = (jenis: string) => `organisasi.jabatanJenis.${jenis}` as MessageKey;

const FIELD_KEYS = new Set([
  'kode', 'nama', 'singkatan', 'jenis', 'kodeWilayah', 'alamat', 'latitude', 'longitude',
  'parentId', 'berlakuSampai', 'eselon', 'archivedAt', 'archiveReason',
]);
/** Label of a record field, e.g. in the "fields changed" column; unknown names stay as they are. */
export const fieldLabel = (field: string, t: (key: MessageKey) => string): string =>
  FIELD_KEYS.has(field) ? t(`organisasi.field.${field}` as MessageKey) : field;
