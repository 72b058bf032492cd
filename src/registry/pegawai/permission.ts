import type { Access } from '../../core/authz/access.js';
import type { Permission } from '../../core/authz/roles.js';
import { AppError } from '../../core/http/errors.js';
import { findOpd } from '../organisasi/index.js';
import { core, type AnyDb } from './tables.js';

export const READ = 'pegawai.read' as const;
export const MANAGE = 'pegawai.manage' as const;
export const VERIFY = 'pegawai.verify' as const;

/**
 * Where a permission holds for employees: the whole city, or the OPDs named by the grants'
 * scope codes. A scope code is an OPD kode; an employee belongs to the OPD of their current
 * position. Codes are resolved to ids through organisasi on each call (one indexed lookup per
 * OPD grant; none for city-wide grants), so a recoded OPD never leaves a stale scope behind.
 */
export interface PegawaiScope {
  city: boolean;
  opdIds: ReadonlySet<string>;
}

const CITY: PegawaiScope = { city: true, opdIds: new Set() };
const NONE: PegawaiScope = { city: false, opdIds: new Set() };

export async function scopeOf(db: AnyDb, access: Access, permission: Permission): Promise<PegawaiScope> {
  const scopes = access.scopes(permission);
  if (scopes.some((scope) => scope.type === 'city')) return CITY;
  const codes = [...new Set(scopes.filter((s) => s.type === 'opd' && s.code).map((s) => s.code!))];
  if (codes.length === 0) return NONE;
  const found = await Promise.all(codes.map((code) => findOpd(core(db), code)));
  return { city: false, opdIds: new Set(found.flatMap((opd) => (opd ? [opd.id] : []))) };
}

export const covers = (scope: PegawaiScope, opdId: string): boolean => scope.city || scope.opdIds.has(opdId);

export function assertCovers(scope: PegawaiScope, opdId: string): void {
  if (!covers(scope, opdId)) throw new AppError('auth.forbidden', { permission: MANAGE });
}
