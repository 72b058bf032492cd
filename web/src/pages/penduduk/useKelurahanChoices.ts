import { useMemo } from 'react';
import { useMe } from '../../auth/AuthProvider';
import type { Kelurahan } from './pendudukApi';

/** Kelurahan an officer can pick: those of their grants, or every one of the pemda for city-wide roles. */
export function useKelurahanChoices(all: readonly Kelurahan[] | undefined): Kelurahan[] {
  const me = useMe();
  return useMemo(() => {
    if (!all) return [];
    const cityWide = me.roles.some((grant) => grant.scopeType === 'city');
    const own = new Set(me.roles.filter((grant) => grant.scopeType === 'kelurahan').map((grant) => grant.scopeCode));
    return cityWide || own.size === 0 ? [...all] : all.filter((k) => own.has(k.kode));
  }, [all, me]);
}
