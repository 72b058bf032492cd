/**
 * Identity numbers and codes of the Satu Data registry: pure validators that return either the
 * normalised, parsed value or every broken rule, named as in `fieldRuleMessages`, so a service
 * can answer 422 with `invalid(atField('nik', result.violations))`.
 */
export { atField, type Sex, type Validation, type Violation } from './common.js';
export { maskNik, validateNik, type KecamatanPredicate, type Nik, type NikOptions } from './nik.js';
export { formatNip, validateNip, type Nip, type NipOptions } from './nip.js';
export { validateNoKk, type NoKk, type NoKkOptions } from './no-kk.js';
export {
  validateKodeWilayah,
  type KodeWilayah,
  type KodeWilayahOptions,
  type WilayahKind,
  type WilayahLevel,
} from './kode-wilayah.js';
export { validateKodeProgram, type KodeProgram, type KodeProgramOptions, type ProgramLevel } from './kode-program.js';
