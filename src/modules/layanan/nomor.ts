import { sql } from 'kysely';
import type { FieldRule } from '../../core/http/field-rules.js';
import { bulanRomawi } from './dokumen/index.js';
import type { AnyDb } from './tables.js';

/**
 * Letter numbers. A format such as `[kode_surat]/[nomor,3]/[kode_kelurahan]/[bulan_romawi]/[tahun]`
 * (OpenSID's default; `[nomor,N]` zero-pads to N digits) is filled from one gapless sequence
 * per letter type, kelurahan and year.
 */
const TOKEN = /\[([a-z_]+)(?:\s*,\s*(\d+))?\]/g;
const KNOWN = new Set(['kode_surat', 'nomor', 'nomor_surat', 'kode_kelurahan', 'kode_desa', 'bulan_romawi', 'bulan', 'tahun']);

/** Broken rules of a numbering format (empty when it is fine). */
export function checkFormatNomor(format: string): { rule: FieldRule; params?: Record<string, string | number> }[] {
  const broken: { rule: FieldRule; params?: Record<string, string | number> }[] = [];
  let numbered = false;
  for (const m of format.matchAll(TOKEN)) {
    const name = m[1]!;
    if (!KNOWN.has(name)) broken.push({ rule: 'layanan.format_token', params: { token: m[0] } });
    if (name === 'nomor' || name === 'nomor_surat') {
      numbered = true;
      if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 10)) broken.push({ rule: 'layanan.format_token', params: { token: m[0] } });
    }
  }
  if (format.replace(TOKEN, '').includes('[') || format.replace(TOKEN, '').includes(']')) broken.push({ rule: 'layanan.format_token', params: { token: format } });
  if (!numbered) broken.push({ rule: 'layanan.format_tanpa_nomor' });
  return broken;
}

export interface NomorParts {
  kodeSurat: string;
  urut: number;
  kodeKelurahan: string;
  /** ISO day of issue (WIB). */
  tanggal: string;
}

export function formatNomor(format: string, parts: NomorParts): string {
  const month = Number(parts.tanggal.slice(5, 7));
  return format.replace(TOKEN, (all, name: string, width?: string) => {
    switch (name) {
      case 'kode_surat': return parts.kodeSurat;
      case 'nomor':
      case 'nomor_surat': return String(parts.urut).padStart(width ? Number(width) : 1, '0');
      case 'kode_kelurahan':
      case 'kode_desa': return parts.kodeKelurahan;
      case 'bulan_romawi': return bulanRomawi(month);
      case 'bulan': return String(month).padStart(2, '0');
      case 'tahun': return parts.tanggal.slice(0, 4);
      default: return all;
    }
  });
}

/**
 * The next number of a sequence, inside the caller's (approval) transaction. The upsert locks
 * the counter row until commit, so concurrent approvals take consecutive numbers one at a time,
 * and a rolled-back approval gives its number back: no gaps, no duplicates.
 */
export async function nextNumber(trx: AnyDb, jenisId: string, kodeKelurahan: string, tahun: number): Promise<number> {
  const { rows } = await sql<{ terakhir: number }>`
    INSERT INTO layanan.nomor_urut AS n (jenis_id, kode_kelurahan, tahun, terakhir)
    VALUES (${jenisId}, ${kodeKelurahan}, ${tahun}, 1)
    ON CONFLICT (jenis_id, kode_kelurahan, tahun) DO UPDATE SET terakhir = n.terakhir + 1
    RETURNING terakhir`.execute(trx);
  return rows[0]!.terakhir;
}
