import type { PaduModule } from '../../modules.js';
import { seedPegawai } from './demo.js';
import { pegawaiRoutes } from './routes.js';
import { pegawaiSayaRoutes } from './saya.js';

/**
 * Pegawai, part of the Satu Data registry: the city's employees (PNS, PPPK, non-ASN), their
 * positions over time and transfers. Other modules read it only through the functions below.
 */
export const pegawaiModule: PaduModule = {
  name: 'pegawai',
  migrations: 'src/registry/pegawai/migrations',
  routes: [pegawaiRoutes, pegawaiSayaRoutes],
  references: { nip: async (db, nip) => (await getPegawaiByNip(db, nip)) !== null },
  seedDemo: seedPegawai,
};

export { findPegawai, getPegawaiByNip, listPegawai, verifyNip } from './pegawai-service.js';
import { getPegawaiByNip } from './pegawai-service.js';
export type { Pegawai, JenisPegawai, StatusPegawai } from './model.js';
export {
  checkPegawaiImpor,
  checkPenempatanImpor,
  kelengkapanPegawai,
  PEGAWAI_IMPOR_COMPARED,
  PEGAWAI_IMPOR_FIELDS,
  PEGAWAI_IMPOR_REQUIRED,
  pegawaiImporRules,
  pegawaiSaatIni,
  terapkanImporPegawai,
  type PegawaiImporRow,
} from './impor.js';
