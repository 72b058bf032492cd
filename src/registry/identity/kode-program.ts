import type { Validation, Violation } from './common.js';

/**
 * Kode program: the planning and budget nomenclature of Permendagri 90/2019 as updated by
 * Kepmendagri 050-5889/2021, `U.BB.PP.K.KK.SSSS`:
 *
 * | level         | form                | example              |
 * |---------------|---------------------|----------------------|
 * | urusan        | `U`                 | `1`                  |
 * | bidang urusan | `U.BB`              | `1.02`               |
 * | program       | `U.BB.PP`           | `1.02.02`            |
 * | kegiatan      | `U.BB.PP.K.KK`      | `1.02.02.2.02`       |
 * | sub-kegiatan  | `U.BB.PP.K.KK.SSSS` | `1.02.02.2.02.0008`  |
 *
 * - `X.XX` is the nomenclature's placeholder for "any urusan/bidang" (e.g. `X.XX.01`, the program
 *   penunjang every perangkat daerah has): accepted, as a pair only.
 * - Inputs are normalised to those widths, so zero-padding variants from other apps map onto one
 *   code: `1.2.1.2.1.1` and `1.01.01.02.01.01` → `1.02.01.2.01.0001` / `1.01.01.2.01.0001`.
 * - Every number starts at 1, so an all-zero part is refused.
 * - ⚠ K is said (from public code, not the decree) to be 1 for provinces and 2 for kab/kota:
 *   not enforced, any digit 1–9 passes.
 * - ⚠ Which bidang belong to which urusan, and which codes exist, is reference data (import
 *   the master list from SIPD), not checked here.
 */

export type ProgramLevel = 'urusan' | 'bidang_urusan' | 'program' | 'kegiatan' | 'sub_kegiatan';

export interface KodeProgramOptions {
  /** When given, a code of another level breaks `kode_program.level`. */
  level?: ProgramLevel;
}

export interface KodeProgram {
  /** Normalised, e.g. `1.02.02.2.02.0008`. */
  value: string;
  level: ProgramLevel;
  /** The code one level up (a sub-kegiatan's kegiatan, a kegiatan's program, …), or null for an urusan. */
  parent: string | null;
}

/** The parts in order, with the letters of `U.BB.PP.K.KK.SSSS` that name them in messages. */
const parts = [
  { name: 'U', width: 1 },
  { name: 'BB', width: 2 },
  { name: 'PP', width: 2 },
  { name: 'K', width: 1 },
  { name: 'KK', width: 2 },
  { name: 'SSSS', width: 4 },
] as const;
/** Level by number of parts; `U.BB.PP.K` on its own is not a level. */
const levelByCount: Record<number, ProgramLevel> = { 1: 'urusan', 2: 'bidang_urusan', 3: 'program', 5: 'kegiatan', 6: 'sub_kegiatan' };
const parentCount: Record<ProgramLevel, number> = { urusan: 0, bidang_urusan: 1, program: 2, kegiatan: 3, sub_kegiatan: 5 };

const isPlaceholder = (text: string, index: number) => (index === 0 && /^x$/i.test(text)) || (index === 1 && /^xx$/i.test(text));

export function validateKodeProgram(input: string, options: KodeProgramOptions = {}): Validation<KodeProgram> {
  const text = typeof input === 'string' ? input.trim() : '';
  const raw = text.split('.');
  const level = levelByCount[raw.length];
  if (level === undefined || !raw.every((part, i) => /^[0-9]+$/.test(part) || isPlaceholder(part, i))) {
    return { ok: false, violations: [{ rule: 'kode_program.format' }] };
  }

  const violations: Violation[] = [];
  const normalised = raw.map((part, i) => {
    const { name, width } = parts[i]!;
    if (isPlaceholder(part, i)) return part.toUpperCase();
    const digits = part.replace(/^0+(?=[0-9])/, '');
    if (digits.length > width) violations.push({ rule: 'kode_program.segment_width', params: { part: name, width } });
    else if (digits === '0') violations.push({ rule: 'kode_program.segment_zero', params: { part: name } });
    return digits.padStart(width, '0');
  });
  const urusanX = normalised[0] === 'X';
  const bidangX = normalised[1] === 'XX';
  if (normalised.length > 1 && urusanX !== bidangX) violations.push({ rule: 'kode_program.placeholder' });
  if (options.level !== undefined && options.level !== level) {
    violations.push({ rule: 'kode_program.level', params: { expected: options.level, actual: level } });
  }
  if (violations.length > 0) return { ok: false, violations };

  const up = parentCount[level];
  return { ok: true, value: normalised.join('.'), level, parent: up === 0 ? null : normalised.slice(0, up).join('.') };
}
