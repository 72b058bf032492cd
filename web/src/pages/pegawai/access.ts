import { useMemo } from 'react';
import { hasPermission } from '../../auth/AuthProvider';
import type { Me } from '../../api/types';
import { useResource } from '../../hooks/useResource';
import { getOpdChoice, listOpdChoices, type OpdChoice } from './pegawaiApi';

export const MANAGE = 'pegawai.manage';

/**
 * Where the user may add and move employees. The server decides (403 otherwise); this only
 * offers what it would accept. /api/v1/auth/me lists the permissions and the grants' scopes
 * separately, so a city-scoped grant is taken to carry pegawai.manage when the user has it
 * (today only admin), and each OPD-scoped grant names one OPD (today only opd_operator, which
 * has pegawai.manage) — the same reading as pages/organisasi/access.ts.
 */
export function manageScope(me: Me): { city: true } | { city: false; kodes: string[] } {
  if (!hasPermission(me, MANAGE)) return { city: false, kodes: [] };
  if (me.roles.some((grant) => grant.scopeType === 'city')) return { city: true };
  const kodes = me.roles.filter((grant) => grant.scopeType === 'opd' && grant.scopeCode).map((grant) => grant.scopeCode!);
  return { city: false, kodes: [...new Set(kodes)] };
}

/** The OPDs offered as a placement: every active OPD for city-wide managers, else the user's own. */
export function useOpdChoices(me: Me) {
  const scope = useMemo(() => manageScope(me), [me]);
  const key = scope.city ? '*' : scope.kodes.join('|');
  return useResource(async (signal): Promise<OpdChoice[]> => {
    if (scope.city) return listOpdChoices(signal);
    const found = await Promise.all(scope.kodes.map((kode) => getOpdChoice(kode, signal)));
    return found.filter((opd): opd is OpdChoice => opd !== null).sort((a, b) => a.kode.localeCompare(b.kode));
  }, [key]);
}
