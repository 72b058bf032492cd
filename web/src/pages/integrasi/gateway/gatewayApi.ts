import { apiRequest, apiRequestVersioned, type Versioned } from '../../../api/client';

/** The service gateway's API (src/integration/gateway/routes.ts). */
export type StatusLayanan = 'aktif' | 'jeda';

export interface Metrik {
  panggilan: number;
  gagal: number;
  ditolak: number;
  p50Ms: number | null;
  p95Ms: number | null;
  terakhir: string | null;
}

export interface Layanan {
  id: string;
  aplikasi: { id: string; kode: string; nama: string; opdKode: string | null };
  kode: string;
  nama: string;
  deskripsi: string | null;
  baseUrl: string;
  gatewayPath: string;
  adaOpenapi: boolean;
  timeoutMs: number;
  maksRequestBytes: number;
  maksResponseBytes: number;
  logIsi: boolean;
  status: StatusLayanan;
  versi: number;
  createdAt: string;
  updatedAt: string;
  metrik: Metrik;
}

export interface Izin {
  id: string;
  layananId: string;
  klien: { id: string; kode: string; nama: string };
  aturan: string[];
  catatan: string | null;
  versi: number;
  createdAt: string;
  updatedAt: string;
}

export interface Pemanggil {
  kode: string;
  nama: string;
  panggilan: number;
  gagal: number;
  rataRataMs: number | null;
  terakhir: string;
}

export interface LayananDetail extends Layanan {
  izin: Izin[];
  pemanggil: Pemanggil[];
  bolehKelola: boolean;
}

export interface LayananInput {
  aplikasi?: string;
  kode?: string;
  nama?: string;
  deskripsi?: string | null;
  baseUrl?: string;
  timeoutMs?: number;
  maksRequestBytes?: number;
  maksResponseBytes?: number;
  logIsi?: boolean;
  status?: StatusLayanan;
  openapi?: Record<string, unknown>;
}

export interface LogRow {
  id: string;
  at: string;
  requestId: string;
  layanan: { id: string; kode: string };
  klien: string;
  penyedia: string;
  metode: string;
  path: string;
  status: number;
  durasiMs: number;
  ukuranRequest: number;
  ukuranResponse: number;
  galat: string | null;
  isiRequest: string | null;
  isiResponse: string | null;
}

export interface Riwayat {
  entityType: 'gw_layanan' | 'gw_izin';
  entityId: string;
  version: number;
  action: string;
  changed: string[];
  at: string;
  actorType: string;
  actorName: string | null;
}

const base = '/integrasi/gateway';
const one = (id: string) => `${base}/layanan/${encodeURIComponent(id)}`;

export const listLayanan = (query: { aplikasi?: string; q?: string; status?: string; hari?: number }, signal?: AbortSignal) =>
  apiRequest<{ items: Layanan[] }>('GET', `${base}/layanan`, { query, signal });
export const getLayanan = (id: string, hari: number, signal?: AbortSignal) => apiRequestVersioned<LayananDetail>('GET', one(id), { query: { hari }, signal });
export const createLayanan = (body: LayananInput) => apiRequest<Layanan>('POST', `${base}/layanan`, { body });
export const updateLayanan = (id: string, etag: string, body: LayananInput): Promise<Versioned<Layanan>> =>
  apiRequestVersioned<Layanan>('PATCH', one(id), { body, ifMatch: etag });
export const uploadOpenapi = (id: string, etag: string, doc: unknown) => apiRequestVersioned<Layanan>('PUT', `${one(id)}/openapi`, { body: doc, ifMatch: etag });
export const removeOpenapi = (id: string, etag: string) => apiRequestVersioned<Layanan>('DELETE', `${one(id)}/openapi`, { ifMatch: etag });
export const openapiUrl = (id: string) => `/api/v1${one(id)}/openapi`;
export const riwayatLayanan = (id: string, signal?: AbortSignal) => apiRequest<{ items: Riwayat[] }>('GET', `${one(id)}/riwayat`, { signal });

export const grantIzin = (id: string, body: { klien: string; aturan: string[]; catatan?: string | null }) => apiRequest<Izin>('POST', `${one(id)}/izin`, { body });
export const updateIzin = (izin: Izin, body: { aturan?: string[]; catatan?: string | null }) =>
  apiRequest<Izin>('PATCH', `${one(izin.layananId)}/izin/${izin.id}`, { body, ifMatch: `"v${izin.versi}"` });
export const revokeIzin = (izin: Izin) => apiRequest<void>('DELETE', `${one(izin.layananId)}/izin/${izin.id}`, { ifMatch: `"v${izin.versi}"` });

export interface LogQuery {
  layanan?: string;
  klien?: string;
  penyedia?: string;
  status?: string;
  dari?: string;
  sampai?: string;
  cursor?: string;
  limit?: number;
}
export const searchLog = (query: LogQuery, signal?: AbortSignal) => apiRequest<{ items: LogRow[]; nextCursor: string | null }>('GET', `${base}/log`, { query: query as Record<string, string | number | undefined>, signal });

/** Rules typed one per line → the list the API takes (blank lines dropped). */
export const rulesFromText = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter(Boolean);
