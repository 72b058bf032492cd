import type { MessageKey } from '../../i18n/id';
import type { Kelurahan, KodeList, Referensi } from './pendudukApi';

export const statusLabel = (status: string) => `penduduk.status.${status}` as MessageKey;
export const sexLabel = (sex: string) => `penduduk.jenisKelamin.${sex}` as MessageKey;
export const kewarganegaraanLabel = (value: string) => `penduduk.kewarganegaraan.${value}` as MessageKey;

const FIELD_KEYS = new Set([
  'nik', 'noKk', 'nama', 'jenisKelamin', 'tempatLahir', 'tanggalLahir', 'agama', 'pendidikan', 'pekerjaan', 'statusKawin', 'shdk', 'status',
  'kewarganegaraan', 'archivedAt', 'archiveReason', 'kodeKelurahan', 'alamat', 'rt', 'rw',
]);

/** Label of a record field, as on the forms; unknown names stay as they are. */
export const fieldLabel = (field: string, t: (key: MessageKey) => string): string =>
  FIELD_KEYS.has(field) ? t(`penduduk.field.${field}` as MessageKey) : field;

/** The name of a code in one of the Dukcapil lists; the bare code while the lists load. */
export function kodeName(referensi: Referensi | undefined, list: KodeList, kode: number): string {
  return referensi?.[list].find((item) => item.kode === kode)?.nama ?? String(kode);
}

/** "Batang Arau (13.71.01.1001)", or the bare code when the region list is not loaded. */
export function kelurahanName(kelurahan: readonly Kelurahan[] | undefined, kode: string): string {
  const found = kelurahan?.find((k) => k.kode === kode);
  return found ? `${found.nama} (${kode})` : kode;
}
