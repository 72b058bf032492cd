import type { PaduModule } from '../../modules.js';
import { seedOrganisasi } from './demo.js';
import { findOpd } from './opd-service.js';
import { organisasiRoutes } from './routes.js';

/**
 * Organisasi, part of the Satu Data registry: the city's agencies (OPD), the effective-dated
 * tree of units under each, their positions (jabatan) and office locations. Other modules read
 * it only through the functions below.
 */
export const organisasiModule: PaduModule = {
  name: 'organisasi',
  migrations: 'src/registry/organisasi/migrations',
  routes: organisasiRoutes,
  seedDemo: seedOrganisasi,
  references: {
    opd: async (db, kode) => {
      const opd = await findOpd(db, kode);
      return opd !== null && opd.archivedAt === null;
    },
  },
};

export { findOpd, getOpd, listOpd } from './opd-service.js';
export { findUnit, getUnit, getUnitDetail, inForce, jabatanOf, unitBelongsToOpd } from './unit-service.js';
export { findJabatan, getJabatan, listJabatan } from './jabatan-service.js';
export { strukturAsOf, type Struktur, type StrukturUnit } from './struktur.js';
export { managesOpd } from './permission.js';
export { todayWib } from './dates.js';
export type { Jabatan, Opd, OpdJenis, Unit, UnitJenis } from './model.js';
export {
  checkOpdImpor,
  kelengkapanOpd,
  OPD_IMPOR_COMPARED,
  OPD_IMPOR_FIELDS,
  OPD_IMPOR_REQUIRED,
  opdImporRules,
  opdSaatIni,
  terapkanImporOpd,
  type OpdImporRow,
} from './impor.js';
