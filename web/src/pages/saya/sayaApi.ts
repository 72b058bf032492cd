import { ApiError, apiRequest } from '../../api/client';
import type { Jabatan, Pegawai } from '../pegawai/pegawaiApi';
import type { AksesEntry, Penduduk } from '../penduduk/pendudukApi';

// The signed-in person's own records (see /api/docs, tag "saya"): for accounts linked to a NIK or NIP.

/** Either the account's own data, or the server's explanation of why there is none (not linked). */
export type Own<T> = { linked: true; data: T } | { linked: false; message: string };

export interface MyPenduduk {
  penduduk: Penduduk;
  akses: AksesEntry[];
}

export interface MyPegawai {
  pegawai: Pegawai;
  riwayatJabatan: Jabatan[];
}

/** The 404 `*.self_unlinked` becomes the friendly explanation; any other failure stays an error. */
async function own<T>(code: string, load: () => Promise<T>): Promise<Own<T>> {
  try {
    return { linked: true, data: await load() };
  } catch (error) {
    if (error instanceof ApiError && error.problem?.code === code) return { linked: false, message: error.problem.detail };
    throw error;
  }
}

/** My resident record (full) and who saw it, newest first. */
export function getMyPenduduk(signal?: AbortSignal): Promise<Own<MyPenduduk>> {
  return own('penduduk.self_unlinked', async () => {
    const [penduduk, log] = await Promise.all([
      apiRequest<Penduduk>('GET', '/saya/penduduk', { signal }),
      apiRequest<{ items: AksesEntry[] }>('GET', '/saya/akses-log', { query: { limit: 100 }, signal }),
    ]);
    return { penduduk, akses: log.items };
  });
}

/** My employee record and positions over time. */
export function getMyPegawai(signal?: AbortSignal): Promise<Own<MyPegawai>> {
  return own('pegawai.self_unlinked', () => apiRequest<MyPegawai>('GET', '/saya/pegawai', { signal }));
}
