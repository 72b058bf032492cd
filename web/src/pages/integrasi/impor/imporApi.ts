import { ApiError, apiRequest } from '../../../api/client';

/** Imports from legacy apps, reconciliation and data quality (src/integration/impor). */
export interface ImporField {
  name: string;
  label: string;
  required: boolean;
  key: boolean;
}

export interface Impor {
  id: string;
  aplikasi: { id: string; kode: string; nama: string };
  dataset: 'penduduk' | 'pegawai' | 'organisasi';
  berkas: { nama: string; format: string; ukuran: number };
  status: 'diunggah' | 'diperiksa' | 'antre' | 'berjalan' | 'selesai' | 'gagal';
  kolom: string[];
  pemetaan: Record<string, string | null>;
  fields: ImporField[];
  total: number;
  valid: number | null;
  tidakValid: number | null;
  ringkasan: {
    aturan: { aturan: string; field: string; jumlah: number; pesan: string }[];
    terisi: Record<string, number>;
    baru: number;
    ada: number;
    kunciGanda: number;
    tidakDikenal: string[];
  } | null;
  progres: { barisSelesai: number; total: number; batchSelesai: number; batchTotal: number; persen: number };
  hasil: { dibuat: number; diubah: number; sama: number; konflik: number };
  galat: string | null;
  oleh: string | null;
  createdAt: string;
  selesaiAt: string | null;
}

export interface Masalah {
  baris: number;
  kolom: string | null;
  field: string;
  aturan: string;
  pesan: string;
  nilai: string | null;
}

export interface Konflik {
  id: string;
  dataset: string;
  kunci: string;
  field: string;
  fieldLabel: string;
  nilaiSekarang: string | null;
  sumberSekarang: { jenis: 'aplikasi' | 'registri'; kode?: string };
  nilaiMasuk: string | null;
  aplikasi: { id: string; kode: string; nama: string };
  imporId: string;
  status: 'terbuka' | 'diputuskan';
  keputusan: 'pertahankan' | 'ambil_masuk' | 'koreksi' | null;
  nilaiAkhir: string | null;
  alasan: string | null;
  diputuskanOleh: string | null;
  diputuskanAt: string | null;
  createdAt: string;
}

export interface Kelengkapan {
  field: string;
  label: string;
  terisi: number;
  persen: number;
}

export interface KualitasDataset {
  dataset: string;
  total: number;
  kelengkapan: Kelengkapan[];
  nilaiTidakValid: { aturan: string; field: string; jumlah: number; pesan: string }[];
  duplikat: { total: number; contoh: { nama: string; tahunLahir: number; jumlah: number; nik: string[] }[] };
  kunciGandaDalamBerkas: number;
  konflikTerbuka: { dataset: string; field: string; jumlah: number }[];
  sumber: { kode: string; nama: string; imporId: string; baris: number; tidakValid: number; status: string }[];
}

export interface KualitasAplikasi {
  aplikasi: { id: string; kode: string; nama: string };
  dataset: {
    dataset: string;
    imporId: string;
    baris: number;
    tidakValid: number;
    kelengkapan: Kelengkapan[];
    nilaiTidakValid: { aturan: string; field: string; jumlah: number; pesan: string }[];
    kunciGanda: number;
    kolomTidakDikenal: string[];
    impor: { n: number; selesai: number };
  }[];
  konflikTerbuka: { dataset: string; field: string; jumlah: number }[];
}

/** The file itself is the body; the server recognises CSV, XLSX or JSON from the bytes. */
export async function unggahImpor(file: File, aplikasi: string, dataset: string, lang: string, csrf: string | null): Promise<Impor> {
  const query = new URLSearchParams({ aplikasi, dataset, nama: file.name });
  let response: Response;
  try {
    response = await fetch(`/api/v1/integrasi/impor?${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json', 'Accept-Language': lang, ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
      body: file,
    });
  } catch {
    throw new ApiError(0, null);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as Impor;
}

export const daftarImpor = (signal?: AbortSignal) => apiRequest<{ items: Impor[] }>('GET', '/integrasi/impor', { query: { limit: 20 }, signal });
export const getImpor = (id: string, signal?: AbortSignal) => apiRequest<Impor>('GET', `/integrasi/impor/${id}`, { signal });
export const periksaImpor = (id: string, pemetaan: Record<string, string | null>) => apiRequest<Impor>('POST', `/integrasi/impor/${id}/periksa`, { body: { pemetaan } });
export const terapkanImpor = (id: string) => apiRequest<Impor>('POST', `/integrasi/impor/${id}/terapkan`);
export const masalahImpor = (id: string, query: { aturan?: string; setelah?: number; limit?: number }, signal?: AbortSignal) =>
  apiRequest<{ items: Masalah[]; total: number; nextCursor: number | null }>('GET', `/integrasi/impor/${id}/masalah`, { query, signal });

export const daftarKonflik = (query: { status?: string; dataset?: string; aplikasi?: string; kunci?: string; cursor?: string }, signal?: AbortSignal) =>
  apiRequest<{ items: Konflik[]; total: number; nextCursor: string | null }>('GET', '/integrasi/konflik', { query: { ...query, limit: 50 }, signal });
export const putuskanKonflik = (id: string, body: { keputusan: string; nilai?: string; alasan: string }) =>
  apiRequest<Konflik>('POST', `/integrasi/konflik/${id}/keputusan`, { body });

export const kualitasDataset = (dataset: string, signal?: AbortSignal) => apiRequest<KualitasDataset>('GET', `/integrasi/kualitas/dataset/${dataset}`, { signal });
export const kualitasAplikasi = (kode: string, signal?: AbortSignal) => apiRequest<KualitasAplikasi>('GET', `/integrasi/kualitas/aplikasi/${kode}`, { signal });
export const daftarAplikasi = (signal?: AbortSignal) =>
  apiRequest<{ items: { id: string; kode: string; nama: string }[] }>('GET', '/integrasi/aplikasi', { query: { limit: 200 }, signal });
