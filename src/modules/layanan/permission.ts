import { sql, type RawBuilder } from 'kysely';
import type { Access } from '../../core/authz/access.js';
import type { Permission } from '../../core/authz/roles.js';
import { AppError } from '../../core/http/errors.js';
import { findOpd } from '../../registry/organisasi/index.js';
import type { AnyDb } from './tables.js';

/** A resident's own requests, letters and notifications (role warga, self scope through the account's NIK). */
export const SELF = 'layanan.self' as const;
/** Kelurahan staff: queues, assignment, verification, walk-in requests (kelurahan scope). */
export const PROSES = 'layanan.proses' as const;
/** Approving (signing) and revoking letters: the lurah and the sekretaris kelurahan. */
export const TANDATANGAN = 'layanan.tandatangan' as const;
/** The kecamatan's view across its kelurahan (camat: scope is the kecamatan's OPD). */
export const KECAMATAN = 'layanan.kecamatan' as const;
/** Figures for leaders: lurah (own kelurahan), camat (kecamatan), pimpinan (city). */
export const STATISTIK = 'layanan.statistik' as const;
/** The catalogue of letter types and the holiday calendar (admins). */
export const KELOLA = 'layanan.kelola' as const;

/**
 * Where a permission holds, as places: the whole city, kelurahan codes (kelurahan grants) and
 * kecamatan codes (a camat's grant names the kecamatan's OPD, whose kode wilayah is read from
 * organisasi on each call, so a recoded OPD leaves no stale scope behind).
 */
export interface WilayahScope {
  city: boolean;
  kelurahan: ReadonlySet<string>;
  kecamatan: ReadonlySet<string>;
}

export async function wilayahScope(db: AnyDb, access: Access, permission: Permission): Promise<WilayahScope> {
  const scopes = access.scopes(permission);
  if (scopes.some((s) => s.type === 'city')) return { city: true, kelurahan: new Set(), kecamatan: new Set() };
  const kelurahan = new Set<string>();
  const kecamatan = new Set<string>();
  for (const scope of scopes) {
    if (scope.type === 'kelurahan' && scope.code) kelurahan.add(scope.code);
    if (scope.type === 'opd' && scope.code) {
      const opd = await findOpd(db, scope.code);
      if (!opd || opd.archivedAt || !opd.kodeWilayah) continue;
      if (opd.jenis === 'kecamatan') kecamatan.add(opd.kodeWilayah);
      if (opd.jenis === 'kelurahan') kelurahan.add(opd.kodeWilayah);
    }
  }
  return { city: false, kelurahan, kecamatan };
}

export const covers = (scope: WilayahScope, kodeKelurahan: string, kodeKecamatan: string): boolean =>
  scope.city || scope.kelurahan.has(kodeKelurahan) || scope.kecamatan.has(kodeKecamatan);

export const isEmpty = (scope: WilayahScope): boolean => !scope.city && scope.kelurahan.size === 0 && scope.kecamatan.size === 0;

/** A SQL condition on `p.kode_kelurahan` / `p.kode_kecamatan` for the scope. */
export function scopeSql(scope: WilayahScope, alias = 'p'): RawBuilder<boolean> {
  if (scope.city) return sql<boolean>`true`;
  const kel = [...scope.kelurahan];
  const kec = [...scope.kecamatan];
  const a = sql.raw(alias);
  return sql<boolean>`(${a}.kode_kelurahan = ANY(${kel}::text[]) OR ${a}.kode_kecamatan = ANY(${kec}::text[]))`;
}

export function assertCovers(scope: WilayahScope, kodeKelurahan: string, kodeKecamatan: string, permission: Permission): void {
  if (!covers(scope, kodeKelurahan, kodeKecamatan)) throw new AppError('auth.forbidden', { permission });
}
