import { validateKodeWilayah, type Violation } from '../identity/index.js';
import type { Level } from './tables.js';

export type ParsedKode = { ok: true; kode: string; level: Level; parent: string | null } | { ok: false; violations: Violation[] };

/**
 * A kode wilayah checked by structure (the identity registry's rules), in its dotted form:
 * `1371011001` and ` 13.71.01.1001 ` both give `13.71.01.1001`. Desa adat count as desa.
 */
export function parseKode(input: string): ParsedKode {
  const result = validateKodeWilayah(input);
  if (!result.ok) return result;
  const level: Level = result.level === 'kelurahan_desa' ? (result.kind === 'kelurahan' ? 'kelurahan' : 'desa') : result.level;
  return { ok: true, kode: result.value, level, parent: result.parent };
}

/** The dotted form of a structurally valid kode, or null. */
export function normalizeKode(input: string): string | null {
  const parsed = parseKode(input);
  return parsed.ok ? parsed.kode : null;
}
