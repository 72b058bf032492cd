import type { Validation, Violation } from './common.js';

/**
 * Kode wilayah (Permendagri 137/2017 Pasal 4; current list Kepmendagri 300.2.2-2138/2025):
 * `PP` provinsi, `PP.KK` kabupaten (01–69) or kota (71–99), `PP.KK.CC` kecamatan,
 * `PP.KK.CC.DDDD` kelurahan/desa where the first D is 1 kelurahan, 2 desa, 3 desa adat and the
 * other three are a serial from 001. Example: `13.71.01.1001` = Belakang Pondok, Padang Selatan.
 *
 * This checks structure only. Whether a code exists (or existed: codes change with pemekaran
 * and desa↔kelurahan changes) is the wilayah module's business, against the national list.
 */

export type WilayahLevel = 'provinsi' | 'kabkota' | 'kecamatan' | 'kelurahan_desa';
export type WilayahKind = 'provinsi' | 'kabupaten' | 'kota' | 'kecamatan' | 'kelurahan' | 'desa' | 'desa_adat';

export interface KodeWilayahOptions {
  /** When given, a code of another level breaks `kode_wilayah.level`. */
  level?: WilayahLevel;
}

export interface KodeWilayah {
  /** Dotted form, e.g. `13.71.01.1001`. */
  value: string;
  level: WilayahLevel;
  kind: WilayahKind;
  /** The code one level up, or null for a province. */
  parent: string | null;
}

const levels: WilayahLevel[] = ['provinsi', 'kabkota', 'kecamatan', 'kelurahan_desa'];
const villageKinds: Record<string, WilayahKind> = { '1': 'kelurahan', '2': 'desa', '3': 'desa_adat' };
const dotted = /^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$/;
const undotted = /^(?:\d{2}|\d{4}|\d{6}|\d{10})$/;

export function validateKodeWilayah(input: string, options: KodeWilayahOptions = {}): Validation<KodeWilayah> {
  const text = typeof input === 'string' ? input.trim() : '';
  let parts: string[];
  if (dotted.test(text)) parts = text.split('.');
  else if (undotted.test(text)) parts = [text.slice(0, 2), text.slice(2, 4), text.slice(4, 6), text.slice(6)].filter((p) => p !== '');
  else return { ok: false, violations: [{ rule: 'kode_wilayah.format' }] };

  const [province, kabkota, kecamatan, village] = parts as [string, string?, string?, string?];
  const violations: Violation[] = [];
  if (province.startsWith('0')) violations.push({ rule: 'kode_wilayah.province_range' });
  if (kabkota === '00' || kabkota === '70') violations.push({ rule: 'kode_wilayah.kabkota_range' });
  if (kecamatan === '00') violations.push({ rule: 'kode_wilayah.kecamatan_zero' });
  if (village !== undefined && !(village[0]! in villageKinds)) violations.push({ rule: 'kode_wilayah.village_type' });
  if (village?.endsWith('000')) violations.push({ rule: 'kode_wilayah.village_serial_zero' });

  const level = levels[parts.length - 1]!;
  if (options.level !== undefined && options.level !== level) {
    violations.push({ rule: 'kode_wilayah.level', params: { expected: options.level, actual: level } });
  }
  if (violations.length > 0) return { ok: false, violations };

  const kind: WilayahKind =
    village !== undefined ? villageKinds[village[0]!]!
    : kecamatan !== undefined ? 'kecamatan'
    : kabkota !== undefined ? (Number(kabkota) < 70 ? 'kabupaten' : 'kota')
    : 'provinsi';
  return { ok: true, value: parts.join('.'), level, kind, parent: parts.length > 1 ? parts.slice(0, -1).join('.') : null };
}
