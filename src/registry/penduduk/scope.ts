import type { Access } from '../../core/authz/access.js';
import { AppError } from '../../core/http/errors.js';

export type PendudukPermission = 'penduduk.read' | 'penduduk.read_full' | 'penduduk.manage';

/**
 * Where a permission holds: null for the whole city, else the kelurahan codes granted (possibly
 * none: a `self` grant names no kelurahan; residents reading their own record need a NIK link
 * on their account, which does not exist yet). A missing `access` means a trusted in-process
 * caller (another module through the registry functions): the whole city.
 */
export function kelurahanScope(access: Access | null, permission: PendudukPermission): string[] | null {
  if (!access) return null;
  const scopes = access.scopes(permission);
  if (scopes.some((scope) => scope.type === 'city')) return null;
  return scopes.flatMap((scope) => (scope.type === 'kelurahan' && scope.code ? [scope.code] : []));
}

export function inScope(scope: string[] | null, kodeKelurahan: string): boolean {
  return scope === null || scope.includes(kodeKelurahan);
}

/** Writes outside the officer's kelurahan: 403 naming the permission. */
export function assertManages(access: Access | null, kodeKelurahan: string): void {
  if (!inScope(kelurahanScope(access, 'penduduk.manage'), kodeKelurahan)) {
    throw new AppError('auth.forbidden', { permission: 'penduduk.manage' });
  }
}
