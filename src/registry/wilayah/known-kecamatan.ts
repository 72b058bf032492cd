import { normalizeKode } from './kode.js';
import type { WilayahDb } from './tables.js';

let kecamatan: ReadonlySet<string> | null = null;

/** Reads every kecamatan code of the registry into memory; the module's start hook calls it. */
export async function refreshKnownKecamatan(db: WilayahDb): Promise<number> {
  const rows = await db.selectFrom('wilayah.region').select('kode').where('level', '=', 'kecamatan').execute();
  kecamatan = new Set(rows.map((row) => row.kode));
  return kecamatan.size;
}

/**
 * True when the code names a kecamatan anywhere in Indonesia, e.g. the first six digits of a NIK.
 * Accepts `13.71.01` and `137101`. Synchronous: answers from the set read at start.
 */
export function isKnownKecamatan(code: string): boolean {
  if (!kecamatan) throw new Error('isKnownKecamatan() called before the wilayah module started');
  const kode = normalizeKode(code);
  return kode !== null && kecamatan.has(kode);
}
