import { codePoints, onlyAsciiDigits, stripSeparators, type Validation, type Violation } from './common.js';
import type { KecamatanPredicate } from './nik.js';

/**
 * No. KK (Nomor Kartu Keluarga), 16 digits. ⚠ No authoritative breakdown of its structure was
 * found: we only know that it starts with the issuing kecamatan code and that its last four
 * digits are a serial from 0001. The rule set is kept to those facts on purpose; in particular
 * the middle six digits are NOT read as a date (they often look like one, but that is not
 * documented), and the number does not tell where the family lives today.
 */

export interface NoKkOptions {
  /** Same predicate as for the NIK: every kecamatan that ever issued cards. */
  isKnownKecamatan: KecamatanPredicate;
}

export interface NoKk {
  /** The 16 digits, separators removed. */
  value: string;
  /** `PP.KK.CC` of the issuing kecamatan: not necessarily the current domicile. */
  kecamatan: string;
}

export function validateNoKk(input: string, options: NoKkOptions): Validation<NoKk> {
  const value = stripSeparators(input);
  const violations: Violation[] = [];
  if (!onlyAsciiDigits(value)) violations.push({ rule: 'no_kk.digits' });
  if (value.length !== 16) violations.push({ rule: 'no_kk.length', params: { length: codePoints(value) } });
  if (violations.length > 0) return { ok: false, violations };

  const kecamatan = `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}`;
  if (!options.isKnownKecamatan(kecamatan)) violations.push({ rule: 'no_kk.kecamatan_unknown', params: { kecamatan } });
  if (value.slice(12) === '0000') violations.push({ rule: 'no_kk.serial_zero' });

  if (violations.length > 0) return { ok: false, violations };
  return { ok: true, value, kecamatan };
}
