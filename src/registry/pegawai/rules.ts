import type { FieldViolation } from '../../core/http/errors.js';
import { AppError } from '../../core/http/errors.js';
import { atField, validateNip } from '../identity/index.js';
import { GOLONGAN_PNS, GOLONGAN_PPPK, type JenisPegawai } from './model.js';

/** Broken business rules answer 422 `pegawai.invalid`, each rule named per field. */
export const rulesBroken = (violations: FieldViolation[]): AppError => new AppError('pegawai.invalid', {}, violations);

export interface IdentityValues {
  nip: string | null;
  jenis: JenisPegawai;
  tanggalLahir: string;
  jenisKelamin: 'L' | 'P';
  golongan: string | null;
}

/**
 * NIP rules by employee type: PNS and PPPK must have one, valid by its structure and matching
 * the stored birth date and sex; non-ASN staff have none. Returns the NIP as stored (digits only).
 *
 * A PPPK's number (NI PPPK) shares the layout except digits 9–14 (year of appointment and a
 * contract count, not a TMT CPNS month; see identity/nip.ts), so `nip.tmt_cpns` is not applied.
 */
export function checkNip(values: IdentityValues, today: Date, violations: FieldViolation[]): string | null {
  const raw = values.nip?.trim() || null;
  if (values.jenis === 'non_asn') {
    if (raw !== null) violations.push({ field: 'nip', rule: 'pegawai.nip_not_allowed' });
    return null;
  }
  if (raw === null) {
    violations.push({ field: 'nip', rule: 'pegawai.nip_required' });
    return null;
  }
  const result = validateNip(raw, { today, birthDate: values.tanggalLahir, sex: values.jenisKelamin });
  if (result.ok) return result.value;
  const broken = values.jenis === 'pppk' ? result.violations.filter((v) => v.rule !== 'nip.tmt_cpns') : result.violations;
  violations.push(...atField('nip', broken));
  return raw.replace(/[\s.-]/g, '');
}

export function checkGolongan(values: IdentityValues, violations: FieldViolation[]): void {
  const { jenis, golongan } = values;
  const ok =
    jenis === 'pns'
      ? golongan !== null && (GOLONGAN_PNS as readonly string[]).includes(golongan)
      : jenis === 'pppk'
        ? golongan === null || (GOLONGAN_PPPK as readonly string[]).includes(golongan)
        : golongan === null;
  if (!ok) violations.push({ field: 'golongan', rule: `pegawai.golongan_${jenis}` });
}
