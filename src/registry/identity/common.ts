import type { FieldViolation } from '../../core/http/errors.js';
import type { FieldRule } from '../../core/http/field-rules.js';

/**
 * Shared pieces of the identity validators: the result shape, separator stripping and calendar
 * dates. Every validator is pure and never throws on its input, whatever the string; it reports
 * every broken rule it can check independently, in the order of the number's components.
 */

/** One broken rule; `rule` is the key of its message in `fieldRuleMessages`. */
export interface Violation {
  rule: FieldRule;
  params?: Record<string, string | number>;
}

/** `{ ok: true, ...parsed }` or every broken rule. */
export type Validation<T> = ({ ok: true } & T) | { ok: false; violations: Violation[] };

/** Jenis kelamin as Dukcapil writes it: L = laki-laki, P = perempuan. */
export type Sex = 'L' | 'P';

/** Puts a validator's violations on a request field, ready for `invalid(...)`. */
export function atField(field: string, violations: Violation[]): FieldViolation[] {
  return violations.map((v) => ({ field, ...v }));
}

/** Drops the separators people type into long numbers: any whitespace, `-` and `.`. */
export function stripSeparators(input: string): string {
  return typeof input === 'string' ? input.replace(/[\s.-]/g, '') : '';
}

export const onlyAsciiDigits = (text: string) => /^[0-9]*$/.test(text);

/** Length in code points, so an emoji counts once in a `length` message. */
export const codePoints = (text: string) => [...text].length;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= lengths[month - 1]!;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** `YYYY-MM-DD` of a real date, or null. */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = typeof text === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const isoDate = ({ year, month, day }: CalendarDate) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/**
 * The calendar day a `today` option names: a `YYYY-MM-DD` string as is, or an instant read as
 * a day in Asia/Jakarta (WIB, UTC+7, no daylight saving). A bad `today` is the caller's bug,
 * not bad input, so it throws.
 */
export function calendarToday(today: Date | string): CalendarDate {
  if (today instanceof Date) {
    if (Number.isNaN(today.getTime())) throw new RangeError('today is an invalid Date');
    const wib = new Date(today.getTime() + 7 * 3600_000);
    return { year: wib.getUTCFullYear(), month: wib.getUTCMonth() + 1, day: wib.getUTCDate() };
  }
  const parsed = parseIsoDate(today);
  if (!parsed) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  return parsed;
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
