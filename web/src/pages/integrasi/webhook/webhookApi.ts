import { apiRequest, apiRequestVersioned } from '../../../api/client';

/** Webhook subscriptions and their delivery log (src/integration/webhook). */
export interface WebhookFilter {
  entityId?: string;
  opdKode?: string;
  kodeKelurahan?: string;
}

export type StatusLangganan = 'aktif' | 'jeda';
export const STATUS_KIRIMAN = ['menunggu', 'gagal', 'terkirim', 'mati'] as const;
export type StatusKiriman = (typeof STATUS_KIRIMAN)[number];

export interface Langganan {
  id: string;
  aplikasi: string;
  nama: string;
  url: string;
  jenisEvent: string[];
  filter: WebhookFilter & { payload?: Record<string, unknown> };
  status: StatusLangganan;
  petunjukRahasia: string;
  rahasiaLamaBerakhir: string | null;
  version: number;
  createdAt: string;
  jumlah: Record<StatusKiriman, number>;
  terakhirTerkirim: string | null;
}

export interface LanggananInput {
  nama: string;
  url: string;
  jenisEvent: string[];
  filter?: WebhookFilter;
}

export interface Kiriman {
  id: string;
  langgananId: string;
  langganan: string;
  eventId: string;
  jenisEvent: string;
  rekaman: string;
  status: StatusKiriman;
  percobaan: number;
  kirimUlang: number;
  kodeRespons: number | null;
  latensiMs: number | null;
  galat: string | null;
  cuplikanRespons: string | null;
  dibuatPada: string;
  terakhirDicoba: string | null;
  terkirimPada: string | null;
  berikutnya: string | null;
}

export interface KirimanQuery {
  langganan?: string;
  status?: string;
  jenis?: string;
  kode?: string;
  dari?: string;
  sampai?: string;
  cursor?: string;
  limit: number;
}

const app = (kode: string) => `/integrasi/aplikasi/${encodeURIComponent(kode)}`;

export const listLangganan = (kode: string, signal?: AbortSignal) => apiRequest<{ items: Langganan[] }>('GET', `${app(kode)}/webhook`, { signal });
export const createLangganan = (kode: string, body: LanggananInput) => apiRequest<Langganan & { rahasia: string }>('POST', `${app(kode)}/webhook`, { body });
export const setStatusLangganan = (id: string, version: number, status: StatusLangganan) =>
  apiRequestVersioned<Langganan>('PATCH', `/integrasi/webhook/${id}`, { body: { status }, ifMatch: `"v${version}"` });
export const deleteLangganan = (id: string, version: number) => apiRequest<void>('DELETE', `/integrasi/webhook/${id}`, { ifMatch: `"v${version}"` });
export const rotateRahasia = (id: string) => apiRequest<{ rahasia: string; rahasiaLamaBerakhir: string | null }>('POST', `/integrasi/webhook/${id}/rahasia`, { body: { masaTumpangJam: 24 } });
export const kirimUlangSemua = (id: string) => apiRequest<{ jumlah: number }>('POST', `/integrasi/webhook/${id}/kirim-ulang`, { body: {} });
export const kirimUlang = (id: string) => apiRequest<Kiriman>('POST', `/integrasi/webhook-kiriman/${id}/kirim-ulang`, { body: {} });
export const listKiriman = (kode: string, query: KirimanQuery, signal?: AbortSignal) =>
  apiRequest<{ items: Kiriman[]; nextCursor: string | null }>('GET', `${app(kode)}/webhook-kiriman`, { query: { ...query }, signal });
