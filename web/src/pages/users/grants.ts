import type { RoleDefinition, RoleGrant, RoleGrantInput, ScopeType } from '../../api/types';

/** One editable row of the role-grant editor. `key` is a stable React key. */
export interface GrantDraft {
  key: number;
  role: string;
  scopeCode: string;
}

let lastKey = 0;

export function newGrantDraft(role = '', scopeCode = ''): GrantDraft {
  lastKey += 1;
  return { key: lastKey, role, scopeCode };
}

export function draftsFromGrants(grants: RoleGrant[]): GrantDraft[] {
  return grants.map((grant) => newGrantDraft(grant.role, grant.scopeCode ?? ''));
}

/** Roles scoped to an OPD or a kelurahan need a scope code; the others do not. */
export function scopeCodeKind(scopeType: ScopeType | undefined): 'opd' | 'kelurahan' | null {
  return scopeType === 'opd' || scopeType === 'kelurahan' ? scopeType : null;
}

/** The request body for the drafts; indexes match, so `roles/<i>/...` errors map back to rows. */
export function grantsFromDrafts(drafts: GrantDraft[], catalogue: readonly RoleDefinition[]): RoleGrantInput[] {
  return drafts.map(({ role, scopeCode }) => {
    const definition = catalogue.find((candidate) => candidate.code === role);
    return scopeCodeKind(definition?.scopeType) ? { role, scopeCode: scopeCode.trim() } : { role };
  });
}
