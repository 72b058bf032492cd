import type { Kernel } from '../../core/kernel.js';
import type { PaduModule } from '../../modules.js';
import { refreshKnownKecamatan } from './known-kecamatan.js';
import { loadWilayah } from './load.js';
import { wilayahRoutes } from './routes.js';
import { getWilayah } from './service.js';
import { wilayahDb } from './tables.js';

/**
 * Wilayah: Indonesia's regions from idn-area-data (every province, kab/kota and kecamatan; the
 * pemda's kelurahan/desa) and the boundaries an admin attaches. Other modules use the functions
 * exported here, never the tables.
 */
export const wilayahModule: PaduModule = {
  name: 'wilayah',
  migrations: 'src/registry/wilayah/migrations',
  routes: wilayahRoutes,
  references: {
    kelurahan: async (db, kode) => ['kelurahan', 'desa'].includes((await getWilayah(db, kode))?.level ?? ''),
  },
  async start(kernel: Kernel) {
    await loadWilayah(kernel);
    await refreshKnownKecamatan(wilayahDb(kernel.db));
  },
};

export { isKnownKecamatan } from './known-kecamatan.js';
export { getWilayah, listKelurahan, type Wilayah } from './service.js';
export { parseKode, normalizeKode } from './kode.js';
export type { Level as WilayahLevel } from './tables.js';
