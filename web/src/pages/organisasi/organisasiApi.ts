import { apiRequest, apiRequestVersioned, type Versioned } from '../../api/client';

// Shapes of the organisasi registry API (see /api/docs, tag "organisasi").

export const OPD_JENIS = ['sekretariat', 'dinas', 'badan', 'inspektorat', 'satpol_pp', 'kantor', 'kecamatan', 'kelurahan', 'rsud', 'lainnya'] as const;
export type OpdJenis = (typeof OPD_JENIS)[number];
export const UNIT_JENIS = ['sekretariat', 'bagian', 'bidang', 'sub_bagian', 'sub_bidang', 'seksi', 'upt', 'lainnya'] as const;
export type UnitJenis = (typeof UNIT_JENIS)[number];
export const JABATAN_JENIS = ['struktural', 'fungsional', 'pelaksana'] as const;
export type JabatanJenis = (typeof JABATAN_JENIS)[number];
/** Eselon of a structural position, highest first. */
export const ESELON = ['I.a', 'I.b', 'II.a', 'II.b', 'III.a', 'III.b', 'IV.a', 'IV.b', 'V.a'] as const;

/** A record with the ETag it was read at, for If-Match on the next change. */
export type { Versioned };

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
  alamat: string | null;
  version: number;
  jabatan: { id: string; nama: string; jenis: JabatanJenis; eselon: string | null }[];
}

export interface Jabatan {
  id: string;
  unitId: string;
  nama: string;
  jenis: JabatanJenis;
  eselon: string | null;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Unit {
  id: string;
  opdId: string;
  opdKode: string;
  parentId: string | null;
  nama: string;
  jenis: UnitJenis;
  berlakuMulai: string;
  berlakuSampai: string | null;
  alamat: string | null;
  latitude: number | null;
  longitude: number | null;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** Positions in org-chart order, archived ones left out. */
  jabatan: Jabatan[];
}

/** What the OPD form sends; null clears an optional field. */
export interface OpdInput {
  kode?: string;
  nama?: string;
  singkatan?: string | null;
  jenis?: string;
  kodeWilayah?: string | null;
  alamat?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
}

export interface UnitInput {
  nama?: string;
  jenis?: string;
  parentId?: string | null;
  berlakuMulai?: string;
  alamat?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
}

export interface JabatanInput {
  nama?: string;
  jenis?: string;
  eselon?: string | null;
}

export interface ReorganisasiInput {
  tanggal: string;
  keterangan?: string;
  tutup: string[];
  buka: { ref?: string; parentRef?: string | null; nama: string; jenis: string }[];
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

export function getOpd(ref: string, signal?: AbortSignal): Promise<Versioned<Opd>> {
  return apiRequestVersioned('GET', `/opd/${encodeURIComponent(ref)}`, { signal });
}

export function createOpd(input: OpdInput): Promise<Versioned<Opd>> {
  return apiRequestVersioned('POST', '/opd', { body: input });
}

/** PATCH with If-Match: a stale ETag answers 412, a missing one 428. */
export function updateOpd(id: string, etag: string, patch: OpdInput): Promise<Versioned<Opd>> {
  return apiRequestVersioned('PATCH', `/opd/${encodeURIComponent(id)}`, { body: patch, ifMatch: etag });
}

export function archiveOpd(id: string, etag: string, reason: string): Promise<Versioned<Opd>> {
  return apiRequestVersioned('POST', `/opd/${encodeURIComponent(id)}/archive`, { body: { reason }, ifMatch: etag });
}

export function reorganise(opdId: string, input: ReorganisasiInput): Promise<{ tanggal: string }> {
  return apiRequest('POST', `/opd/${encodeURIComponent(opdId)}/reorganisasi`, { body: input });
}

export function getUnit(id: string, signal?: AbortSignal): Promise<Versioned<Unit>> {
  return apiRequestVersioned('GET', `/unit/${encodeURIComponent(id)}`, { signal });
}

export function createUnit(opdId: string, input: UnitInput): Promise<Versioned<Unit>> {
  return apiRequestVersioned('POST', `/opd/${encodeURIComponent(opdId)}/unit`, { body: input });
}

export function updateUnit(id: string, etag: string, patch: UnitInput): Promise<Versioned<Unit>> {
  return apiRequestVersioned('PATCH', `/unit/${encodeURIComponent(id)}`, { body: patch, ifMatch: etag });
}

/** `berlakuSampai` is the unit's last day in force. */
export function closeUnit(id: string, etag: string, berlakuSampai: string, reason: string): Promise<Versioned<Unit>> {
  return apiRequestVersioned('POST', `/unit/${encodeURIComponent(id)}/close`, { body: { berlakuSampai, ...(reason ? { reason } : {}) }, ifMatch: etag });
}

export function archiveUnit(id: string, etag: string, reason: string): Promise<Versioned<Unit>> {
  return apiRequestVersioned('POST', `/unit/${encodeURIComponent(id)}/archive`, { body: { reason }, ifMatch: etag });
}

export async function getUnitHistory(id: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const { items } = await apiRequest<{ items: HistoryEntry[] }>('GET', `/unit/${encodeURIComponent(id)}/history`, { signal });
  return items;
}

export function getJabatan(id: string, signal?: AbortSignal): Promise<Versioned<Jabatan>> {
  return apiRequestVersioned('GET', `/jabatan/${encodeURIComponent(id)}`, { signal });
}

export function createJabatan(unitId: string, input: JabatanInput): Promise<Versioned<Jabatan>> {
  return apiRequestVersioned('POST', `/unit/${encodeURIComponent(unitId)}/jabatan`, { body: input });
}

export function updateJabatan(id: string, etag: string, patch: JabatanInput): Promise<Versioned<Jabatan>> {
  return apiRequestVersioned('PATCH', `/jabatan/${encodeURIComponent(id)}`, { body: patch, ifMatch: etag });
}

export function archiveJabatan(id: string, etag: string, reason: string): Promise<Versioned<Jabatan>> {
  return apiRequestVersioned('POST', `/jabatan/${encodeURIComponent(id)}/archive`, { body: { reason }, ifMatch: etag });
}

export function getStruktur(ref: string, tanggal: string | undefined, signal?: AbortSignal): Promise<Struktur> {
  return apiRequest('GET', `/opd/${encodeURIComponent(ref)}/struktur`, { query: { tanggal }, signal });
}

export async function getOpdHistory(ref: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const { items } = await apiRequest<{ items: HistoryEntry[] }>('GET', `/opd/${encodeURIComponent(ref)}/history`, { signal });
  return items;
}

/**
 * A coordinate typed in a form: blank → null; a decimal comma is read as a point ("-0,95").
 * Anything else goes to the server as typed, which names the rule it breaks.
 */
export function parseCoordinate(text: string): number | string | null {
  const value = text.trim().replace(',', '.');
  if (value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : text.trim();
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
