import { findRole, type Permission, type ScopeType } from './roles.js';

export interface Grant {
  role: string;
  scopeType: ScopeType;
  /** null for city and self scopes. */
  scopeCode: string | null;
}

export interface Scope {
  type: ScopeType;
  code: string | null;
}

/** What a signed-in person or app may do, computed once per request from their grants. */
export class Access {
  private readonly scopesByPermission = new Map<Permission, Scope[]>();

  constructor(readonly grants: readonly Grant[]) {
    for (const grant of grants) {
      const role = findRole(grant.role);
      if (!role) continue; // a role removed from the code grants nothing
      for (const permission of role.permissions) {
        const list = this.scopesByPermission.get(permission) ?? [];
        list.push({ type: grant.scopeType, code: grant.scopeCode });
        this.scopesByPermission.set(permission, list);
      }
    }
  }

  /** Access made of permissions held in given scopes, not of roles: what an app's token allows. */
  static ofPermissions(entries: readonly { permission: Permission; scope: Scope }[]): Access {
    const access = new Access([]);
    for (const { permission, scope } of entries) {
      const list = access.scopesByPermission.get(permission) ?? [];
      list.push(scope);
      access.scopesByPermission.set(permission, list);
    }
    return access;
  }

  can(permission: Permission): boolean {
    return this.scopesByPermission.has(permission);
  }

  /** The scopes in which the permission holds; services filter rows by them. */
  scopes(permission: Permission): Scope[] {
    return this.scopesByPermission.get(permission) ?? [];
  }

  /** True when the permission holds for the whole city. */
  cityWide(permission: Permission): boolean {
    return this.scopes(permission).some((scope) => scope.type === 'city');
  }

  get permissions(): Permission[] {
    return [...this.scopesByPermission.keys()].sort();
  }
}
