/**
 * The working-day calendar of the kelurahan offices: Monday to Friday, less the holidays
 * (national, cuti bersama and regional, kept as data). Days are `YYYY-MM-DD` in Asia/Jakarta.
 * Pure functions; the holidays come from the caller (see hari-libur.ts).
 */
const wibDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Asia/Jakarta (WIB) of an instant. */
export function dayWib(instant: Date = new Date()): string {
  return wibDay.format(instant);
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(day: string): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(time).toISOString().slice(0, 10) !== day) throw new RangeError(`no such day: ${day}`);
  return time;
}

const fromUtc = (time: number) => new Date(time).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return fromUtc(toUtc(day) + days * DAY_MS);
}

/** Saturday and Sunday. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(toUtc(day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export type Holidays = ReadonlySet<string>;

export function isWorkingDay(day: string, holidays: Holidays): boolean {
  return !isWeekend(day) && !holidays.has(day);
}

/**
 * The day `n` working days after `day` (the day itself not counted): a request made on a
 * Friday with an SLA of 1 working day is due on Monday. `n` = 0 gives `day` itself; negative
 * `n` counts backwards.
 */
export function addWorkingDays(day: string, n: number, holidays: Holidays): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  let time = toUtc(day);
  const step = n < 0 ? -DAY_MS : DAY_MS;
  let left = Math.abs(n);
  while (left > 0) {
    time += step;
    if (isWorkingDay(fromUtc(time), holidays)) left--;
  }
  return fromUtc(time);
}

/**
 * Working days from `from` to `to`: the working days in (from, to] when `to` is later, minus
 * those in (to, from] when it is earlier. So `workingDaysBetween(d, addWorkingDays(d, n)) = n`,
 * and for an SLA due date it is the number of working days left (negative: overdue).
 */
export function workingDaysBetween(from: string, to: string, holidays: Holidays): number {
  const a = toUtc(from);
  const b = toUtc(to);
  if (a === b) return 0;
  const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
  // Whole weeks hold 5 weekdays each; the holidays on weekdays in the range come off.
  const days = Math.round((hi - lo) / DAY_MS);
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let time = lo + weeks * 7 * DAY_MS + DAY_MS; time <= hi; time += DAY_MS) if (!isWeekend(fromUtc(time))) count++;
  const loDay = fromUtc(lo);
  const hiDay = fromUtc(hi);
  for (const holiday of holidays) if (holiday > loDay && holiday <= hiDay && !isWeekend(holiday)) count--;
  return sign * count + 0;
}
