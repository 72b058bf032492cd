import { apiRequest } from '../../api/client';
import type { Me } from '../../api/types';

export interface DaftarInput {
  nik: string;
  nama: string;
  tanggalLahir: string;
  password: string;
  telepon: string | null;
  email: string | null;
}

/** Opens a resident's account (NIK, name and birth date checked against the registry) and signs it in. */
export function daftarWarga(input: DaftarInput): Promise<Me> {
  return apiRequest('POST', '/portal/daftar', { body: input });
}
