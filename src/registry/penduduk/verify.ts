import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import { stripSeparators } from '../identity/common.js';
import { pendudukDb } from './tables.js';

export interface VerifyInput {
  nik: string;
  nama: string;
  tanggalLahir: string;
}

/** Case, accents-as-typed and spacing do not matter: `  budi  SANTOSO ` = `Budi Santoso`. */
export const normaliseName = (name: string) => name.normalize('NFKC').toLocaleLowerCase('id').replace(/\s+/g, ' ').trim();

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Yes/no: do this NIK, name and birth date belong to one living, unarchived resident? The
 * answer never says which part failed, and an unknown NIK takes the same path as a mismatch
 * (one indexed lookup, one constant-time comparison), so the answer cannot be used to learn
 * whether a NIK exists by its shape or timing.
 */
export async function verifyPenduduk(db: Kysely<DB>, input: VerifyInput): Promise<boolean> {
  const nik = stripSeparators(input.nik);
  const row = /^[0-9]{16}$/.test(nik)
    ? await pendudukDb(db)
      .selectFrom('penduduk.penduduk')
      .select(['nama', 'archived_at', 'status'])
      .select((eb) => eb.fn<string>('to_char', [eb.ref('tanggal_lahir'), eb.val('YYYY-MM-DD')]).as('tanggal_lahir'))
      .where('nik', '=', nik)
      .executeTakeFirst()
    : undefined;
  const claimed = digest(`${normaliseName(input.nama)}\u0000${input.tanggalLahir.trim()}`);
  const stored = digest(row ? `${normaliseName(row.nama)}\u0000${row.tanggal_lahir}` : '\u0000no-such-resident\u0000');
  const same = timingSafeEqual(claimed, stored);
  return same && row !== undefined && row.archived_at === null && row.status === 'hidup';
}
