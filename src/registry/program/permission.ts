import type { Access } from '../../core/authz/access.js';
import { AppError } from '../../core/http/errors.js';
import type { Opd } from '../organisasi/index.js';

export const MANAGE = 'program.manage' as const;

const forbidden = () => new AppError('auth.forbidden', { permission: MANAGE });

/** Importing the city's nomenclature and budgets is the city's business. */
export function assertCityWide(access: Access): void {
  if (!access.cityWide(MANAGE)) throw forbidden();
}

/** An operator writes the anggaran of the OPD named by their grant's scope code; city-wide grants cover every OPD. */
export function assertManagesOpd(access: Access, opd: Pick<Opd, 'kode'>): void {
  const kode = opd.kode.toLowerCase();
  const ok = access.scopes(MANAGE).some((scope) => scope.type === 'city' || (scope.type === 'opd' && scope.code?.toLowerCase() === kode));
  if (!ok) throw forbidden();
}
