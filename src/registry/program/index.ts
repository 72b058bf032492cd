import type { PaduModule } from '../../modules.js';
import { seedProgram } from './demo.js';
import { programRoutes } from './routes.js';

/**
 * Program, part of the Satu Data registry: the planning and budget nomenclature
 * (urusan / bidang urusan / program / kegiatan / sub-kegiatan, `U.BB.PP.K.KK.SSSS`), each OPD's
 * budget lines (pagu, whole Rupiah) per fiscal year with their indicators, and the SIPD CSV
 * import. Other modules read it only through the functions below.
 */
export const programModule: PaduModule = {
  name: 'program',
  migrations: 'src/registry/program/migrations',
  routes: programRoutes,
  seedDemo: seedProgram,
};

export { findAnggaran, getAnggaran, listAnggaran } from './anggaran-service.js';
export { findNomenklatur, getNomenklatur, listNomenklatur } from './nomenklatur-service.js';
export { importSipd, parsePagu, SIPD_COLUMNS, type ImportResult } from './import-sipd.js';
export type { Anggaran, Indikator, Nomenklatur, ProgramLevel } from './model.js';
