import { ApiError, apiRequest, apiRequestVersioned, type Versioned } from '../../api/client';

// Shapes of the program registry API (see /api/docs, tag "program").

export const PROGRAM_LEVELS = ['urusan', 'bidang_urusan', 'program', 'kegiatan', 'sub_kegiatan'] as const;
export type ProgramLevel = (typeof PROGRAM_LEVELS)[number];

export interface Nomenklatur {
  kode: string;
  level: ProgramLevel;
  parentKode: string | null;
  nama: string;
}

export interface NomenklaturPage {
  items: Nomenklatur[];
  nextCursor: string | null;
}

export interface NomenklaturQuery {
  level?: string;
  /** The entry with this code and everything under it. */
  kode?: string;
  q?: string;
  cursor?: string;
  limit: number;
}

export interface Indikator {
  nama: string;
  satuan: string | null;
  target: number | null;
}

export interface Anggaran {
  id: string;
  tahun: number;
  opdId: string;
  /** Normalised sub-kegiatan code. */
  kode: string;
  /** Name of the sub-kegiatan. */
  nama: string;
  /** Whole Rupiah. */
  pagu: number;
  indikator: Indikator[];
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const ANGGARAN_SORTS = ['kode', '-kode', '-pagu', 'pagu'] as const;

export interface AnggaranQuery {
  tahun?: string;
  opd?: string;
  kode?: string;
  q?: string;
  sort?: string;
  includeArchived?: string;
  cursor?: string;
  limit: number;
}

export interface AnggaranPage {
  items: Anggaran[];
  nextCursor: string | null;
  total?: number;
  totalPagu?: number;
}

export interface OpdRef {
  id: string;
  kode: string;
  nama: string;
  singkatan: string | null;
}

/** The OPDs whose budget lines the signed-in user may add and change. */
export interface Kewenangan {
  /** Every OPD, and the SIPD import. */
  cityWide: boolean;
  opd: OpdRef[];
}

export interface Ringkasan {
  items: { opd: OpdRef; total: number; totalPagu: number }[];
  total: number;
  totalPagu: number;
}

export interface IndikatorInput {
  nama: string;
  satuan?: string | null;
  target?: number | null;
}

export interface NewAnggaran {
  tahun: number;
  /** OPD id or kode. */
  opd: string;
  kode: string;
  pagu: number;
  indikator?: IndikatorInput[];
}

export interface AnggaranPatch {
  pagu?: number;
  indikator?: IndikatorInput[];
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

export interface ImportResult {
  rows: number;
  nomenklatur: { created: number; updated: number };
  anggaran: { created: number; updated: number; unchanged: number };
  tahun: number[];
}

/** One failing line of a rejected import (the header is line 1). */
export interface ImportRowReport {
  line: number;
  problems: { column: string; rule: string; message: string }[];
}

export type { Versioned };

export function listAnggaran(query: AnggaranQuery, signal?: AbortSignal): Promise<AnggaranPage> {
  return apiRequest('GET', '/program/anggaran', { query: { ...query, total: 'true' }, signal });
}

export function getAnggaran(id: string, signal?: AbortSignal): Promise<Versioned<Anggaran>> {
  return apiRequestVersioned('GET', `/program/anggaran/${encodeURIComponent(id)}`, { signal });
}

export function createAnggaran(input: NewAnggaran): Promise<Versioned<Anggaran>> {
  return apiRequestVersioned('POST', '/program/anggaran', { body: input });
}

/** PATCH with If-Match: a stale ETag answers 412, a missing one 428. */
export function updateAnggaran(id: string, etag: string, patch: AnggaranPatch): Promise<Versioned<Anggaran>> {
  return apiRequestVersioned('PATCH', `/program/anggaran/${encodeURIComponent(id)}`, { body: patch, ifMatch: etag });
}

export function archiveAnggaran(id: string, etag: string, alasan: string): Promise<Versioned<Anggaran>> {
  return apiRequestVersioned('POST', `/program/anggaran/${encodeURIComponent(id)}/arsip`, { body: { alasan }, ifMatch: etag });
}

export async function getRiwayat(id: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const { items } = await apiRequest<{ items: HistoryEntry[] }>('GET', `/program/anggaran/${encodeURIComponent(id)}/riwayat`, { signal });
  return items;
}

export function listNomenklatur(query: NomenklaturQuery, signal?: AbortSignal): Promise<NomenklaturPage> {
  return apiRequest('GET', '/program/nomenklatur', { query: { ...query }, signal });
}

/** The entry and its ancestors, urusan first. */
export async function getJalur(kode: string, signal?: AbortSignal): Promise<Nomenklatur[]> {
  const { items } = await apiRequest<{ items: Nomenklatur[] }>('GET', `/program/nomenklatur/${encodeURIComponent(kode)}/jalur`, { signal });
  return items;
}

export function getKewenangan(signal?: AbortSignal): Promise<Kewenangan> {
  return apiRequest('GET', '/program/kewenangan', { signal });
}

export function getRingkasan(query: { tahun?: string; includeArchived?: string }, signal?: AbortSignal): Promise<Ringkasan> {
  return apiRequest('GET', '/program/ringkasan', { query, signal });
}

export function getOpd(ref: string, signal?: AbortSignal): Promise<OpdRef> {
  return apiRequest('GET', `/opd/${encodeURIComponent(ref)}`, { signal });
}

export function importSipd(csv: string): Promise<ImportResult> {
  return apiRequest('POST', '/program/import', { body: { csv } });
}

/** The failing lines of a rejected import (422 with `rows`), or null for any other error. */
export function importRowsOf(error: unknown): ImportRowReport[] | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const rows = (error.problem as { rows?: ImportRowReport[] } | null)?.rows;
  return Array.isArray(rows) ? rows : null;
}

/** Whole Rupiah the Indonesian way, whatever the UI language: 1250000000 → "Rp 1.250.000.000". */
export function formatRupiah(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}Rp\u00a0${digits}`;
}

/** A typed pagu, `1250000000`, `1.250.000.000` or `Rp 1.250.000.000`, as whole Rupiah; null when it is not one. */
export function parseRupiah(text: string): number | null {
  const value = text.trim().replace(/^rp\.?\s*/i, '').replace(/\s/g, '');
  if (!/^\d+$/.test(value) && !/^\d{1,3}(\.\d{3})+$/.test(value)) return null;
  const n = Number(value.replaceAll('.', ''));
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * A target as typed, read the way the UI language writes numbers: in Indonesian `1.500` is
 * fifteen hundred and `12,5` twelve and a half; in English `1,500` and `12.5`. A lone decimal
 * mark of the other kind is accepted too (`12.5` in Indonesian). Empty is null; anything else undefined.
 */
export function parseTarget(text: string, lang: 'id' | 'en'): number | null | undefined {
  const value = text.trim().replace(/\s/g, '');
  if (value === '') return null;
  const group = lang === 'id' ? '.' : ',';
  const grouped = lang === 'id' ? /^-?\d{1,3}(\.\d{3})+(,\d+)?$/ : /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
  const plain = grouped.test(value) ? value.replaceAll(group, '') : value;
  const normal = plain.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

/** A target shown in the UI language: 23.5 → "23,5" and 1500 → "1.500" in Indonesian. */
export const formatTarget = (value: number | null, lang: 'id' | 'en'): string =>
  value === null ? '—' : new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 4 }).format(value);

/** This fiscal year: the calendar year in WIB. */
export const tahunIni = (now = new Date()): number => new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();

/** A target as a form starts with it: no grouping, the UI language's decimal mark (23.5 → "23,5"). */
export const targetDraft = (value: number | null, lang: 'id' | 'en'): string =>
  value === null ? '' : lang === 'id' ? String(value).replace('.', ',') : String(value);
