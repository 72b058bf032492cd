import {
  calendarToday,
  codePoints,
  compareDates,
  isoDate,
  isRealDate,
  onlyAsciiDigits,
  pad,
  parseIsoDate,
  stripSeparators,
  type CalendarDate,
  type Sex,
  type Validation,
  type Violation,
} from './common.js';

/**
 * NIP (Nomor Induk Pegawai) of an ASN, 18 digits (Perka BKN 22/2007), written
 * `19660801 198803 1 001`: birth date `YYYYMMDD`, TMT CPNS `YYYYMM`, gender `1` (male) or `2`
 * (female), serial `NNN` from 001.
 *
 * Non-ASN staff (tenaga honorer/kontrak, outsourced) have no NIP: the pegawai service must
 * treat the number as absent for them rather than call this validator.
 *
 * ⚠ This is the PNS layout only. A PPPK's number (NI PPPK) is also 18 digits, but by secondary
 * sources its digits 9–14 are the year of first appointment plus a 2-digit contract count, not a
 * TMT month, so a valid NI PPPK can fail `nip.tmt_cpns` here. Do not validate NI PPPK with this.
 */

export interface NipOptions {
  /** The day the TMT CPNS may not be after: a `YYYY-MM-DD` day, or an instant read in WIB. */
  today: Date | string;
  /** Stored birth date (`YYYY-MM-DD`) to cross-check: must equal the NIP's. */
  birthDate?: string;
  /** Stored sex to cross-check against the gender digit. */
  sex?: Sex;
}

export interface Nip {
  /** The 18 digits, separators removed. */
  value: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  /** `YYYY-MM`: the month the person became CPNS. */
  tmtCpns: string;
  sex: Sex;
  /** `NNN`. */
  serial: string;
}

/**
 * Birth years before this are refused: the 18-digit NIP dates from 2007, when every serving
 * ASN was born well after 1900. It keeps `10660801…` from passing as a "real date".
 */
const EARLIEST_BIRTH_YEAR = 1900;
/** The TMT CPNS year may not come before the birth year plus this. */
const MIN_AGE_AT_TMT = 18;

export function validateNip(input: string, options: NipOptions): Validation<Nip> {
  const value = stripSeparators(input);
  const violations: Violation[] = [];
  if (!onlyAsciiDigits(value)) violations.push({ rule: 'nip.digits' });
  if (value.length !== 18) violations.push({ rule: 'nip.length', params: { length: codePoints(value) } });
  if (violations.length > 0) return { ok: false, violations };

  const today = calendarToday(options.today);
  const birth: CalendarDate = { year: Number(value.slice(0, 4)), month: Number(value.slice(4, 6)), day: Number(value.slice(6, 8)) };
  const birthValid = isRealDate(birth.year, birth.month, birth.day) && birth.year >= EARLIEST_BIRTH_YEAR && compareDates(birth, today) <= 0;
  if (!birthValid) violations.push({ rule: 'nip.birth_date', params: { min: EARLIEST_BIRTH_YEAR, max: isoDate(today) } });

  // The bounds use the birth year even when the rest of the birth date is broken, so a bad
  // birth day does not also break the TMT rule.
  const tmtYear = Number(value.slice(8, 12));
  const tmtMonth = Number(value.slice(12, 14));
  const earliest = birth.year + MIN_AGE_AT_TMT;
  const tmtValid =
    tmtMonth >= 1 && tmtMonth <= 12 && tmtYear >= earliest && tmtYear * 100 + tmtMonth <= today.year * 100 + today.month;
  if (!tmtValid) violations.push({ rule: 'nip.tmt_cpns', params: { min: earliest, max: `${pad(today.year, 4)}-${pad(today.month, 2)}` } });

  const genderDigit = value[14];
  const sex: Sex | null = genderDigit === '1' ? 'L' : genderDigit === '2' ? 'P' : null;
  if (sex === null) violations.push({ rule: 'nip.gender_digit' });

  const serial = value.slice(15);
  if (serial === '000') violations.push({ rule: 'nip.serial_zero' });

  if (options.birthDate !== undefined && birthValid) {
    const stored = parseIsoDate(options.birthDate);
    if (!stored || compareDates(stored, birth) !== 0) violations.push({ rule: 'nip.mismatch_birth_date' });
  }
  if (options.sex !== undefined && sex !== null && options.sex !== sex) violations.push({ rule: 'nip.mismatch_sex' });

  if (violations.length > 0) return { ok: false, violations };
  return {
    ok: true,
    value,
    birthDate: isoDate(birth),
    tmtCpns: `${pad(tmtYear, 4)}-${pad(tmtMonth, 2)}`,
    sex: sex!,
    serial,
  };
}

/** `196608011988031001` → `19660801 198803 1 001`, the way a NIP is printed. Other input comes back unchanged. */
export function formatNip(nip: string): string {
  const value = stripSeparators(nip);
  if (!/^[0-9]{18}$/.test(value)) return nip;
  return `${value.slice(0, 8)} ${value.slice(8, 14)} ${value.slice(14, 15)} ${value.slice(15)}`;
}
