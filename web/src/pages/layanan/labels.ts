import { ApiError } from '../../api/client';
import type { Lang } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import type { FieldDef, Status } from './layananApi';

export const statusLabel = (status: Status | string) => `layanan.status.${status}` as MessageKey;
export const liburLabel = (jenis: string) => `layanan.libur.jenis.${jenis}` as MessageKey;
export const kanalLabel = (kanal: string) => `layanan.kanal.${kanal}` as MessageKey;
export const verifikasiLabel = (value: string) => `layanan.berkas.status.${value}` as MessageKey;

/** A field's label in the UI language. */
export const fieldLabelOf = (field: FieldDef, lang: Lang) => field.label[lang] || field.label.id;

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** '2026-11-28' → '28 November 2026'; a timestamp is read as its day in Padang (WIB). */
export function formatTanggal(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = dateOnly ? new Date(Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]))) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: dateOnly ? 'UTC' : 'Asia/Jakarta' }).format(date);
}

/** '2026-11' → 'November 2026'. */
export function formatBulan(yyyyMm: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yyyyMm);
  if (!match) return yyyyMm;
  return new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

export function formatAngka(value: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(value);
}

/** 2097152 → '2 MB'. */
export function formatUkuran(bytes: number, lang: Lang): string {
  if (bytes >= 1024 * 1024) return `${formatAngka(bytes / (1024 * 1024), lang, 1)} MB`;
  if (bytes >= 1024) return `${formatAngka(bytes / 1024, lang, 0)} KB`;
  return `${formatAngka(bytes, lang)} B`;
}

/** A field value as shown: dates in words, numbers with separators. */
export function formatNilai(field: FieldDef | undefined, value: string | number | undefined, lang: Lang): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field?.type === 'date' && typeof value === 'string') return formatTanggal(value, lang);
  if (field?.type === 'number' && typeof value === 'number') return formatAngka(value, lang, 2);
  return String(value);
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * What went wrong with one uploaded file, in plain words: too large (413), not a PDF/JPG/PNG by
 * its content (415), too many files or an empty one (422); the server's own detail otherwise.
 */
export function uploadErrorText(error: unknown, fileName: string, t: T, lang: Lang): string {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  const detail = error.problem?.detail ?? '';
  if (error.status === 413) {
    const limit = /(\d{4,})/.exec(detail.replace(/[.,](?=\d{3})/g, ''));
    return limit ? t('layanan.berkas.error.413', { file: fileName, limit: formatUkuran(Number(limit[1]), lang) }) : t('layanan.berkas.error.413bare', { file: fileName });
  }
  if (error.status === 415) return t('layanan.berkas.error.415', { file: fileName });
  if (error.status === 422 && error.problem?.code === 'layanan.lampiran_terlalu_banyak') return t('layanan.berkas.error.banyak', { file: fileName, detail });
  if (error.status === 0) return t('error.network');
  return `${fileName}: ${detail || t('error.unexpected')}`;
}

/** Working days left as words: "2 hari kerja lagi", "hari ini", "terlambat 3 hari kerja". */
export function sisaText(sisa: number | null, t: T): string {
  if (sisa === null) return '—';
  if (sisa > 0) return t('layanan.sla.sisa', { n: sisa });
  if (sisa === 0) return t('layanan.sla.hariIni');
  return t('layanan.sla.lewat', { n: -sisa });
}
