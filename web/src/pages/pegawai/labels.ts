import type { MessageKey } from '../../i18n/id';

export const jenisLabel = (jenis: string) => `pegawai.jenis.${jenis}` as MessageKey;
export const statusLabel = (status: string) => `pegawai.status.${status}` as MessageKey;
export const sexLabel = (sex: string) => `pegawai.jenisKelamin.${sex}` as MessageKey;

const FIELD_KEYS = new Set(['nip', 'nama', 'gelarDepan', 'gelarBelakang', 'jenisKelamin', 'tanggalLahir', 'jenis', 'golongan', 'status', 'email', 'telepon', 'opdId', 'unitId', 'jabatanId', 'namaJabatan', 'tmtJabatan']);
/** Label of a record field, e.g. in the "fields changed" column; unknown names stay as they are. */
export const fieldLabel = (field: string, t: (key: MessageKey) => string): string =>
  FIELD_KEYS.has(field) ? t(`pegawai.field.${field}` as MessageKey) : field;
