import { maskValue } from '../../core/privacy/mask.js';
import {
  calendarToday,
  codePoints,
  compareDates,
  isoDate,
  isRealDate,
  onlyAsciiDigits,
  parseIsoDate,
  stripSeparators,
  type CalendarDate,
  type Sex,
  type Validation,
  type Violation,
} from './common.js';

/**
 * NIK (Nomor Induk Kependudukan), 16 digits `PP KK CC DD MM YY NNNN` (PP 37/2007 Pasal 37):
 * - PP KK CC: the kecamatan where the NIK was FIRST registered. The NIK is permanent and does
 *   not follow moves, so it says nothing about current domicile: never derive domicile from it.
 * - DD MM YY: date of birth; women have 40 added to the day (41–71). The century is not
 *   encoded, so a NIK yields up to two candidate dates (19YY, 20YY); the stored birth date
 *   decides. The NIK is never corrected even when these digits are wrong (PP 40/2019 Pasal
 *   30(2)), so a mismatch is a finding for an officer, not proof of a false NIK.
 * - NNNN: SIAK serial from 0001. There is no checksum.
 */

/** Whether `PP.KK.CC` is a known kecamatan code; the wilayah module supplies it from the national list. */
export type KecamatanPredicate = (code: string) => boolean;

export interface NikOptions {
  /**
   * Must accept every kecamatan that ever issued NIKs: a NIK keeps the code of its first
   * registration even after the kecamatan is split or renumbered.
   */
  isKnownKecamatan: KecamatanPredicate;
  /** Stored birth date (`YYYY-MM-DD`) to cross-check: day, month and two-digit year must match. */
  birthDate?: string;
  /** Stored sex to cross-check against the +40 on the day. */
  sex?: Sex;
  /** When given (a `YYYY-MM-DD` day, or an instant read in WIB), candidate dates after it are dropped. */
  today?: Date | string;
}

export interface Nik {
  /** The 16 digits, separators removed. */
  value: string;
  /** `PP.KK.CC` of first registration: not the domicile. */
  kecamatan: string;
  sex: Sex;
  /** `YYYY-MM-DD` candidates, ascending: 19YY and/or 20YY, whichever are real (and not after `today`). */
  birthDates: string[];
  /** `NNNN`. */
  serial: string;
}

export function validateNik(input: string, options: NikOptions): Validation<Nik> {
  const value = stripSeparators(input);
  const violations: Violation[] = [];
  if (!onlyAsciiDigits(value)) violations.push({ rule: 'nik.digits' });
  if (value.length !== 16) violations.push({ rule: 'nik.length', params: { length: codePoints(value) } });
  if (violations.length > 0) return { ok: false, violations };

  const kecamatan = `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}`;
  if (!options.isKnownKecamatan(kecamatan)) violations.push({ rule: 'nik.kecamatan_unknown', params: { kecamatan } });

  const dd = Number(value.slice(6, 8));
  const month = Number(value.slice(8, 10));
  const yy = Number(value.slice(10, 12));
  const sex: Sex | null = dd >= 1 && dd <= 31 ? 'L' : dd >= 41 && dd <= 71 ? 'P' : null;
  const day = sex === 'P' ? dd - 40 : dd;
  const today = options.today === undefined ? null : calendarToday(options.today);
  // A day outside 1–31 and 41–71 (no sex) is never a real date, so it leaves no candidate.
  const candidates: CalendarDate[] = [1900 + yy, 2000 + yy]
    .filter((year) => isRealDate(year, month, day))
    .map((year) => ({ year, month, day }))
    .filter((date) => today === null || compareDates(date, today) <= 0);
  if (candidates.length === 0) violations.push({ rule: 'nik.birth_date' });

  const serial = value.slice(12);
  if (serial === '0000') violations.push({ rule: 'nik.serial_zero' });

  if (options.birthDate !== undefined && candidates.length > 0) {
    const stored = parseIsoDate(options.birthDate);
    if (!stored || stored.day !== day || stored.month !== month || stored.year % 100 !== yy) {
      violations.push({ rule: 'nik.mismatch_birth_date' });
    }
  }
  if (options.sex !== undefined && sex !== null && options.sex !== sex) violations.push({ rule: 'nik.mismatch_sex' });

  if (violations.length > 0) return { ok: false, violations };
  return { ok: true, value, kecamatan, sex: sex!, birthDates: candidates.map(isoDate), serial };
}

/** `1371051203900003` → `137105******0003`: the first 6 and last 4 digits stay, as in `maskValue`. */
export function maskNik(nik: string): string {
  return maskValue(stripSeparators(nik));
}
