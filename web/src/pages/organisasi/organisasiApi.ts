import { apiRequest } from '../../api/client';

// Shapes of the organisasi registry API (see /api/docs, tag "organisasi").

export const OPD_JENIS = ['sekretariat', 'dinas', 'badan', 'inspektorat', 'satpol_pp', 'kantor', 'kecamatan', 'kelurahan', 'rsud', 'lainnya'] as const;
export type OpdJenis = (typeof OPD_JENIS)[number];
export type UnitJenis = 'sekretariat' | 'bagian' | 'bidang' | 'sub_bagian' | 'sub_bidang' | 'seksi' | 'upt' | 'lainnya';
export type JabatanJenis = 'struktural' | 'fungsional' | 'pelaksana';

export interface Opd {
  id: string;
  kode: string;
  nama: string;
  singkatan: string | null;
  jenis: OpdJenis;
  kodeWilayah: string | null;
  alamat: string | null;
  latitude: number | null;
  longitude: number | null;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OpdPage {
  items: Opd[];
  nextCursor: string | null;
  total?: number;
}

export interface OpdListQuery {
  q?: string;
  jenis?: string;
  cursor?: string;
  limit: number;
}

export interface StrukturUnit {
  id: string;
  parentId: string | null;
  depth: number;
  nama: string;
  jenis: UnitJenis;
  berlakuMulai: string;
  berlakuSampai: string | null;
  version: number;
  jabatan: { id: string; nama: string; jenis: JabatanJenis; eselon: string | null }[];
}

export interface Struktur {
  opd: Opd;
  tanggal: string;
  /** Depth first: each unit right after its parent. */
  units: StrukturUnit[];
}

export interface HistoryEntry {
  version: number;
  action: string;
  changed: string[];
  snapshot: Record<string, unknown>;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  requestId: string | null;
}

export function listOpd(query: OpdListQuery, signal?: AbortSignal): Promise<OpdPage> {
  return apiRequest('GET', '/opd', { query: { ...query, total: 'true' }, signal });
}

export function getOpd(ref: string, signal?: AbortSignal): Promise<Opd> {
  return apiRequest('GET', `/opd/${encodeURIComponent(ref)}`, { signal });
}

export function getStruktur(ref: string, tanggal: string | undefined, signal?: AbortSignal): Promise<Struktur> {
  return apiRequest('GET', `/opd/${encodeURIComponent(ref)}/struktur`, { query: { tanggal }, signal });
}

export async function getOpdHistory(ref: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const { items } = await apiRequest<{ items: HistoryEntry[] }>('GET', `/opd/${encodeURIComponent(ref)}/history`, { signal });
  return items;
}

/** Today in Padang (WIB) as YYYY-MM-DD, the default date of the org chart. */
export function todayWib(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** `2025-01-01` → "1 Januari 2025" (or "1 January 2025"): a calendar day, no time zone shift. */
export function formatDay(day: string, lang: 'id' | 'en'): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
