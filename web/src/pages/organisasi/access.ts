import { hasPermission } from '../../auth/AuthProvider';
import type { Me } from '../../api/types';

export const MANAGE = 'organisasi.manage';

/**
 * Whether to offer the edit actions. The server decides (403 otherwise); this only hides what
 * would be refused. A grant with organisasi.manage covers the whole city or one OPD; /me lists
 * the permissions and the grants' scopes separately, so a city-scoped grant is taken to carry the
 * permission (today only admin has both).
 */
export function managesCity(me: Me): boolean {
  return hasPermission(me, MANAGE) && me.roles.some((grant) => grant.scopeType === 'city');
}

/** The OPD's own operator, or anyone managing the whole city. */
export function managesOpd(me: Me, opdKode: string): boolean {
  if (!hasPermission(me, MANAGE)) return false;
  const kode = opdKode.toLowerCase();
  return me.roles.some((grant) => grant.scopeType === 'city' || (grant.scopeType === 'opd' && grant.scopeCode?.toLowerCase() === kode));
}
