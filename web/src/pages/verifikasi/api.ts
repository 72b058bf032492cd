// The public letter-verification API (no sign-in): GET /api/v1/verifikasi/:token and
// POST /api/v1/verifikasi/:token/berkas with the bytes of a PDF.
import { ApiError, apiRequest } from '../../api/client';
import type { Problem } from '../../api/types';

export interface VerifikasiSurat {
  status: 'valid' | 'dicabut';
  jenis: string;
  nomor: string;
  /** ISO date of issue. */
  tanggal: string;
  /** The holder's name, partly masked by the server. */
  pemegang: string;
  kelurahan: string;
  dicabutPada: string | null;
  alasanCabut: string | null;
}

export function fetchVerifikasi(token: string, signal?: AbortSignal): Promise<VerifikasiSurat> {
  return apiRequest<VerifikasiSurat>('GET', `/verifikasi/${encodeURIComponent(token)}`, { signal });
}

/** Sends the chosen file as is; the server compares its SHA-256 with the issued letter's. */
export async function periksaBerkas(token: string, file: Blob, language: string): Promise<{ cocok: boolean }> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/verifikasi/${encodeURIComponent(token)}/berkas`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf', Accept: 'application/json', 'Accept-Language': language },
      credentials: 'omit',
      body: file,
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let problem: Problem | null = null;
    if ((response.headers.get('Content-Type') ?? '').includes('json')) problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as { cocok: boolean };
}
