import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { PaduModule } from '../../modules.js';
import type { Penduduk } from './model.js';
import { findPenduduk } from './read-service.js';
import { pendudukRoutes } from './routes.js';
import { pendudukSayaRoutes } from './saya.js';
import { seedPenduduk } from './seed.js';
import { pendudukDb } from './tables.js';

/**
 * Penduduk & Keluarga: residents (NIK) and family cards (No. KK) of the Satu Data registry.
 * Masked by default; full records need penduduk.read_full and a reason, and are logged in
 * penduduk.akses_log. Other modules use the functions exported here, never the tables.
 */
export const pendudukModule: PaduModule = {
  name: 'penduduk',
  migrations: 'src/registry/penduduk/migrations',
  routes: [pendudukRoutes, pendudukSayaRoutes],
  references: { nik: async (db, nik) => (await findPenduduk(pendudukDb(db), nik)) !== null },
  seedDemo: seedPenduduk,
};

export { verifyPenduduk, type VerifyInput } from './verify.js';
export { getPendudukMasked, kodeLists, listPenduduk } from './read-service.js';

/**
 * For other modules: one resident in full by NIK or id, archived ones included; null when
 * unknown. The caller answers for its purpose (e-kelurahan pre-fills a resident's own letter).
 */
export async function getPendudukLengkap(db: Kysely<DB>, ref: string): Promise<Penduduk | null> {
  return findPenduduk(pendudukDb(db), ref);
}
export { readAksesLog, type AksesEntry } from './akses.js';
export type { Penduduk, Keluarga } from './model.js';
export {
  checkPendudukImpor,
  duplikatPenduduk,
  kelengkapanPenduduk,
  keluargaTerdaftar,
  PENDUDUK_IMPOR_COMPARED,
  PENDUDUK_IMPOR_FIELDS,
  PENDUDUK_IMPOR_REQUIRED,
  pendudukImporRules,
  pendudukSaatIni,
  terapkanImporPenduduk,
  type PendudukImporRow,
} from './impor.js';
