/** Calendar days as `YYYY-MM-DD`, counted in Asia/Jakarta (WIB) where "today" matters. */
const wibDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayWib(now: Date = new Date()): string {
  return wibDay.format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
