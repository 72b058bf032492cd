import type { Lang } from './I18nProvider';

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };
const formatters = new Map<Lang, Intl.DateTimeFormat>();

function formatterFor(lang: Lang): Intl.DateTimeFormat {
  let formatter = formatters.get(lang);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: 'Asia/Jakarta',
      dateStyle: 'medium',
      timeStyle: 'medium',
    });
    formatters.set(lang, formatter);
  }
  return formatter;
}

/** Formats an ISO timestamp in Padang's time zone (WIB, UTC+7). */
export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatterFor(lang).format(date)} WIB`;
}
