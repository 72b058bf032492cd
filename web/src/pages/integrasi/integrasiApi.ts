import { apiRequest, apiRequestVersioned, ApiError, type Versioned } from '../../api/client';

/** The app catalogue, levels, inventory and map (src/integration/katalog) and the lead's credentials API. */
export const JENIS_APLIKASI = ['website', 'aplikasi_opd', 'e_kelurahan', 'e_spm', 'kepegawaian', 'absensi', 'e_audit', 'geospasial', 'pemetaan', 'lainnya'] as const;
export const STATUS_APLIKASI = ['aktif', 'nonaktif', 'pensiun'] as const;
export const DATASETS = ['wilayah', 'organisasi', 'pegawai', 'penduduk', 'program'] as const;
export type JenisAplikasi = (typeof JENIS_APLIKASI)[number];
export type StatusAplikasi = (typeof STATUS_APLIKASI)[number];

export interface Alasan {
  kode: 'terdaftar' | 'klien_aktif' | 'membaca' | 'menulis_menerima' | 'konsumsi_lewat_padu' | 'tanpa_impor';
  tingkat: number;
  terpenuhi: boolean;
  params: Record<string, string | number>;
}

export interface Aplikasi {
  id: string;
  kode: string;
  nama: string;
  opdKode: string | null;
  opdNama: string | null;
  jenis: JenisAplikasi;
  url: string | null;
  status: StatusAplikasi;
  kontakNama: string | null;
  kontakEmail: string | null;
  kontakTelepon: string | null;
  deskripsi: string | null;
  datasetProduksi: string[];
  datasetKonsumsi: string[];
  batasPerMenit: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  tingkat: number;
  alasan: Alasan[];
  bolehKelola: boolean;
}

export interface AplikasiPage {
  items: Aplikasi[];
  nextCursor: string | null;
  total: number;
  perTingkat: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export interface AplikasiInput {
  kode?: string;
  nama?: string;
  opdKode?: string | null;
  jenis?: JenisAplikasi;
  url?: string | null;
  kontakNama?: string | null;
  kontakEmail?: string | null;
  kontakTelepon?: string | null;
  deskripsi?: string | null;
  datasetProduksi?: string[];
  datasetKonsumsi?: string[];
}

const ref = (kode: string) => `/integrasi/aplikasi/${encodeURIComponent(kode)}`;

export const listAplikasi = (query: { q?: string; jenis?: string; status?: string; tingkat?: string; cursor?: string; limit: number }, signal?: AbortSignal) =>
  apiRequest<AplikasiPage>('GET', '/integrasi/aplikasi', { query, signal });
export const getAplikasi = (kode: string, signal?: AbortSignal) => apiRequestVersioned<Aplikasi>('GET', ref(kode), { signal });
export const createAplikasi = (body: AplikasiInput) => apiRequestVersioned<Aplikasi>('POST', '/integrasi/aplikasi', { body });
export const updateAplikasi = (kode: string, etag: string, body: AplikasiInput): Promise<Versioned<Aplikasi>> =>
  apiRequestVersioned<Aplikasi>('PATCH', ref(kode), { body, ifMatch: etag });
export const setStatusAplikasi = (kode: string, etag: string, status: StatusAplikasi, alasan: string) =>
  apiRequestVersioned<Aplikasi>('POST', `${ref(kode)}/status`, { body: { status, alasan }, ifMatch: etag });

export interface Versi {
  version: number;
  action: string;
  changed: string[];
  actorName: string | null;
  at: string;
}
export const getRiwayat = (kode: string, signal?: AbortSignal) => apiRequest<{ items: Versi[] }>('GET', `${ref(kode)}/riwayat`, { signal });

// --- credentials (the lead's API in src/integration/kredensial) ---
export interface Rahasia {
  id: string;
  petunjuk: string;
  createdAt: string;
  expiresAt: string | null;
}
export interface Klien {
  id: string;
  clientId: string;
  nama: string;
  status: 'aktif' | 'dicabut';
  createdAt: string;
  revokedAt: string | null;
  lastTokenAt: string | null;
  rahasia: Rahasia[];
}
export interface Izin {
  scope: string;
  scopeType: 'city' | 'opd' | 'kelurahan';
  scopeCode: string | null;
}
export interface Pemakaian {
  items: { metode: string; rute: string; scope: string; jumlah: number; gagal: number; ditolak: number; rataMs: number; terakhir: string }[];
  total: { jumlah: number; gagal: number; ditolak: number };
}

export const listKlien = (kode: string, signal?: AbortSignal) => apiRequest<{ items: Klien[] }>('GET', `${ref(kode)}/klien`, { signal });
export const createKlien = (kode: string, nama: string) => apiRequest<Klien & { clientSecret: string }>('POST', `${ref(kode)}/klien`, { body: { nama } });
export const rotateKlien = (clientId: string, masaTumpangJam?: number) =>
  apiRequest<{ clientSecret: string; rahasiaLamaBerakhir: string | null }>('POST', `/integrasi/klien/${encodeURIComponent(clientId)}/rotasi`, { body: masaTumpangJam === undefined ? {} : { masaTumpangJam } });
export const revokeKlien = (clientId: string, alasan: string) => apiRequest<Klien>('POST', `/integrasi/klien/${encodeURIComponent(clientId)}/cabut`, { body: { alasan } });
export const listScopes = (signal?: AbortSignal) => apiRequest<{ items: { scope: string; label: string }[] }>('GET', '/integrasi/scopes', { signal });
export const getIzin = (kode: string, signal?: AbortSignal) => apiRequest<{ items: Izin[] }>('GET', `${ref(kode)}/izin`, { signal });
export const putIzin = (kode: string, items: Izin[]) => apiRequest<{ items: Izin[] }>('PUT', `${ref(kode)}/izin`, { body: { items } });
export const getPemakaian = (kode: string, hari: number, signal?: AbortSignal) => apiRequest<Pemakaian>('GET', `${ref(kode)}/pemakaian`, { query: { hari }, signal });

// --- integration map ---
export interface PetaNode {
  id: string;
  type: 'aplikasi' | 'dataset';
  kode: string;
  nama: string;
  tingkat?: number;
  status?: string;
  jenis?: string;
  opdKode?: string | null;
  island?: boolean;
  datasetProduksi?: string[];
  datasetKonsumsi?: string[];
}
export type FlowKind = 'tulis' | 'impor' | 'baca' | 'terima' | 'panggil';
export interface PetaFlow {
  from: string;
  to: string;
  kind: FlowKind;
  dataset: string | null;
  count: number;
  lastAt: string;
}
export interface Peta {
  days: number;
  nodes: PetaNode[];
  flows: PetaFlow[];
  islands: string[];
}
export const getPeta = (signal?: AbortSignal) => apiRequest<Peta>('GET', '/integrasi/peta', { signal });

// --- inventory import (the file itself is the body, so it goes through fetch, not apiRequest's JSON) ---
export interface InventarisReport {
  format: 'csv' | 'xlsx';
  applied: boolean;
  summary: { rows: number; create: number; update: number; unchanged: number; invalid: number };
  columns: { used: { column: string; header: string }[]; ignored: string[] };
  rows: { line: number; kode: string; action: 'create' | 'update' | 'unchanged' | 'invalid'; changed: string[]; problems: { column: string; field: string; rule: string; message: string }[] }[];
  truncated: boolean;
}

/** `csrf` is the session's token (useMe().csrfToken). A 422 report (nothing applied) resolves like a dry-run's. */
export async function uploadInventaris(file: File, apply: boolean, lang: string, csrf: string | null): Promise<InventarisReport> {
  const type = file.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  let response: Response;
  try {
    response = await fetch(`/api/v1/integrasi/inventaris${apply ? '?apply=true' : ''}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': type, Accept: 'application/json', 'Accept-Language': lang, ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
      body: file,
    });
  } catch {
    throw new ApiError(0, null);
  }
  const body = (await response.json().catch(() => null)) as (InventarisReport & { detail?: string; code?: string }) | null;
  if (response.status === 422 && body && 'summary' in body) return body;
  if (!response.ok) throw new ApiError(response.status, body as never);
  return body!;
}
