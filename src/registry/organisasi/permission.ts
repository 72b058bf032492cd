import type { Access } from '../../core/authz/access.js';
import { AppError } from '../../core/http/errors.js';

export const MANAGE = 'organisasi.manage' as const;

const forbidden = () => new AppError('auth.forbidden', { permission: MANAGE });

/** Creating, archiving or recoding an OPD is the city's business. */
export function assertCityWide(access: Access): void {
  if (!access.cityWide(MANAGE)) throw forbidden();
}

/** True when the grants cover this OPD: city-wide, or an `opd` scope naming its kode. */
export function managesOpd(access: Access, opdKode: string): boolean {
  const kode = opdKode.toLowerCase();
  return access.scopes(MANAGE).some((scope) => scope.type === 'city' || (scope.type === 'opd' && scope.code?.toLowerCase() === kode));
}

export function assertManagesOpd(access: Access, opdKode: string): void {
  if (!managesOpd(access, opdKode)) throw forbidden();
}
