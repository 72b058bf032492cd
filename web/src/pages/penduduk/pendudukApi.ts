import { ApiError, apiRequest, apiRequestVersioned, type Versioned } from '../../api/client';
import type { Problem } from '../../api/types';

// Shapes of the penduduk registry API (see /api/docs, tag "penduduk").

export const STATUS_PENDUDUK = ['hidup', 'mati', 'pindah', 'hilang', 'pergi'] as const;
export const KEWARGANEGARAAN = ['WNI', 'WNA', 'DUA'] as const;
export const MIN_ALASAN = 10;

export interface Penduduk {
  id: string;
  /** The family card, by its opaque id (the No. KK stays out of URLs). */
  keluargaId: string;
  /** Masked (`137101******0002`) unless the full record was asked for with a reason. */
  nik: string;
  noKk: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string;
  /** null in the masked view (see tahunLahir). */
  tanggalLahir: string | null;
  tahunLahir: number;
  agama: number;
  pendidikan: number;
  pekerjaan: number;
  statusKawin: number;
  shdk: number;
  status: string;
  kewarganegaraan: string;
  kodeKelurahan: string;
  alamat: string;
  rt: string;
  rw: string;
  masked: boolean;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PendudukPage {
  items: Penduduk[];
  nextCursor: string | null;
  total?: number;
}

/** The list's filters; the export takes the same ones. */
export interface PendudukFilter {
  q?: string;
  kelurahan?: string;
  status?: string;
  jenisKelamin?: string;
}

export interface Kode {
  kode: number;
  nama: string;
}

export interface Referensi {
  agama: Kode[];
  pendidikan: Kode[];
  pekerjaan: Kode[];
  statusKawin: Kode[];
  shdk: Kode[];
  status: string[];
  kewarganegaraan: string[];
}

export type KodeList = 'agama' | 'pendidikan' | 'pekerjaan' | 'statusKawin' | 'shdk';

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

export interface AksesEntry {
  at: string;
  action: 'view_full' | 'export';
  reason: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  appId: string | null;
  requestId: string | null;
}

export interface Keluarga {
  id: string;
  noKk: string;
  kodeKelurahan: string;
  alamat: string;
  rt: string;
  rw: string;
  masked: boolean;
  version: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  anggota: Penduduk[];
}

export interface NewPenduduk {
  nik: string;
  noKk: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string;
  tanggalLahir: string;
  agama: number;
  pendidikan: number;
  pekerjaan: number;
  statusKawin: number;
  shdk: number;
  status?: string;
  kewarganegaraan?: string;
}

export type PendudukPatch = Partial<Omit<NewPenduduk, 'nik'>>;

export interface NewKeluarga {
  noKk: string;
  kodeKelurahan: string;
  alamat: string;
  rt: string;
  rw: string;
}

export interface Kelurahan {
  kode: string;
  nama: string;
  kecamatan: string;
}

export type { Versioned };

export function listPenduduk(query: PendudukFilter & { cursor?: string; limit: number }, signal?: AbortSignal): Promise<PendudukPage> {
  return apiRequest('GET', '/penduduk', { query: { ...query, total: 'true' }, signal });
}

export function getPenduduk(ref: string, signal?: AbortSignal): Promise<Versioned<Penduduk>> {
  return apiRequestVersioned('GET', `/penduduk/${encodeURIComponent(ref)}`, { signal });
}

/** The full record; the server writes the reason to the resident's access log. */
export function viewFull(id: string, alasan: string): Promise<Penduduk> {
  return apiRequest('POST', `/penduduk/${encodeURIComponent(id)}/lengkap`, { body: { alasan } });
}

export function createPenduduk(input: NewPenduduk): Promise<Versioned<Penduduk>> {
  return apiRequestVersioned('POST', '/penduduk', { body: input });
}

/** PATCH with If-Match: a stale ETag answers 412, a missing one 428. */
export function updatePenduduk(id: string, etag: string, patch: PendudukPatch): Promise<Versioned<Penduduk>> {
  return apiRequestVersioned('PATCH', `/penduduk/${encodeURIComponent(id)}`, { body: patch, ifMatch: etag });
}

export function archivePenduduk(id: string, etag: string, alasan: string): Promise<Versioned<Penduduk>> {
  return apiRequestVersioned('POST', `/penduduk/${encodeURIComponent(id)}/arsip`, { body: { alasan }, ifMatch: etag });
}

export async function getRiwayat(id: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const { items } = await apiRequest<{ items: HistoryEntry[] }>('GET', `/penduduk/${encodeURIComponent(id)}/riwayat`, { signal });
  return items;
}

export async function getAksesLog(id: string, signal?: AbortSignal): Promise<AksesEntry[]> {
  const { items } = await apiRequest<{ items: AksesEntry[] }>('GET', `/penduduk/${encodeURIComponent(id)}/akses-log`, { signal });
  return items;
}

export function getReferensi(signal?: AbortSignal): Promise<Referensi> {
  return apiRequest('GET', '/penduduk/referensi', { signal });
}

export function getKeluarga(ref: string, signal?: AbortSignal): Promise<Keluarga> {
  return apiRequest('GET', `/keluarga/${encodeURIComponent(ref)}`, { signal });
}

export function createKeluarga(input: NewKeluarga): Promise<Keluarga> {
  return apiRequest('POST', '/keluarga', { body: input });
}

interface PemdaTree {
  kecamatan: { kode: string; nama: string; kelurahan: { kode: string; nama: string }[] }[];
}

/** Every kelurahan/desa of the pemda, in kode order, with its kecamatan's name. */
export async function getKelurahan(signal?: AbortSignal): Promise<Kelurahan[]> {
  const tree = await apiRequest<PemdaTree>('GET', '/wilayah/pemda', { signal });
  return tree.kecamatan.flatMap((kec) => kec.kelurahan.map((kel) => ({ kode: kel.kode, nama: kel.nama, kecamatan: kec.nama })));
}

export interface Download {
  blob: Blob;
  filename: string;
  count: number;
}

/**
 * POST /penduduk/ekspor: the full records the filters select, as CSV. Not through apiRequest,
 * which reads JSON; the same headers (CSRF, language) go along, and failures are the same ApiError.
 */
export async function exportPenduduk(filter: PendudukFilter, alasan: string, session: { csrfToken: string; lang: string }): Promise<Download> {
  let response: Response;
  try {
    response = await fetch('/api/v1/penduduk/ekspor', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'text/csv, application/problem+json', 'Accept-Language': session.lang, 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
      body: JSON.stringify({ ...filter, alasan }),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let problem: Problem | null = null;
    if ((response.headers.get('Content-Type') ?? '').includes('json')) problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(response.status, problem);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'penduduk.csv';
  return { blob: await response.blob(), filename, count: Number(response.headers.get('X-Export-Count') ?? 0) };
}

/** Hands a downloaded file to the browser as a download. */
export function saveFile({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns; free it a little later.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `1990-05-17` → "17 Mei 1990". */
export function formatTanggal(day: string | null, lang: 'id' | 'en'): string {
  if (!day) return '—';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
