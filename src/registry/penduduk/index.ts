import type { PaduModule } from '../../modules.js';
import { pendudukRoutes } from './routes.js';
import { seedPenduduk } from './seed.js';

/**
 * Penduduk & Keluarga: residents (NIK) and family cards (No. KK) of the Satu Data registry.
 * Masked by default; full records need penduduk.read_full and a reason, and are logged in
 * penduduk.akses_log. Other modules use the functions exported here, never the tables.
 */
export const pendudukModule: PaduModule = {
  name: 'penduduk',
  migrations: 'src/registry/penduduk/migrations',
  routes: pendudukRoutes,
  seedDemo: seedPenduduk,
};

export { verifyPenduduk, type VerifyInput } from './verify.js';
export { getPendudukMasked } from './read-service.js';
export { readAksesLog, type AksesEntry } from './akses.js';
export type { Penduduk, Keluarga } from './model.js';
