import { apiRequest } from '../../api/client';

// Shapes of the penduduk registry API (see /api/docs, tag "penduduk").

export interface Penduduk {
  id: string;
  nik: string;
  noKk: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string;
  tanggalLahir: string | null;
  tahunLahir: number;
  status: string;
  kodeKelurahan: string;
  alamat: string;
  rt: string;
  rw: string;
  masked: boolean;
  version: number;
}

export interface PendudukPage {
  items: Penduduk[];
  nextCursor: string | null;
  total?: number;
}

export function listPenduduk(query: { q?: string; cursor?: string; limit: number }, signal?: AbortSignal): Promise<PendudukPage> {
  return apiRequest('GET', '/penduduk', { query: { ...query, total: 'true' }, signal });
}

/** The full record; the server writes the reason to the resident's access log. */
export function viewFull(id: string, alasan: string): Promise<Penduduk> {
  return apiRequest('POST', `/penduduk/${encodeURIComponent(id)}/lengkap`, { body: { alasan } });
}
