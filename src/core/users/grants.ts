import type { Grant } from '../authz/access.js';
import { findRole } from '../authz/roles.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { invalid, type FieldViolation } from '../http/errors.js';
import { referenceExists } from '../references.js';

export interface GrantInput {
  role: string;
  scopeCode?: string | null;
}

const OPD_CODE = /^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/;

/**
 * Checks role grants and derives each one's scope type from the role. Kelurahan codes are
 * checked by structure within the configured pemda here; whether the OPD or kelurahan exists
 * is asked of the registry by checkGrantScopes.
 */
export function parseGrants(inputs: GrantInput[], pemdaCode: string): Grant[] {
  const violations: FieldViolation[] = [];
  const grants: Grant[] = [];
  const kelurahanCode = new RegExp(`^${pemdaCode.replace('.', '\\.')}\\.\\d{2}\\.\\d{4}$`);
  inputs.forEach((input, index) => {
    const field = `roles/${index}`;
    const role = findRole(input.role);
    if (!role) {
      violations.push({ field: `${field}/role`, rule: 'role.unknown', params: { role: input.role } });
      return;
    }
    const code = input.scopeCode?.trim() || null;
    const needsCode = role.scopeType === 'opd' || role.scopeType === 'kelurahan';
    if (needsCode && !code) {
      violations.push({ field: `${field}/scopeCode`, rule: 'scope.required', params: { scopeType: role.scopeType.toUpperCase() } });
      return;
    }
    if (!needsCode && code) {
      violations.push({ field: `${field}/scopeCode`, rule: 'scope.not_allowed' });
      return;
    }
    if (role.scopeType === 'kelurahan' && !kelurahanCode.test(code!)) {
      violations.push({
        field: `${field}/scopeCode`,
        rule: 'scope.invalid_kelurahan',
        params: { pemda: pemdaCode, example: `${pemdaCode}.01.1001` },
      });
      return;
    }
    if (role.scopeType === 'opd' && !OPD_CODE.test(code!)) {
      violations.push({ field: `${field}/scopeCode`, rule: 'scope.invalid_opd' });
      return;
    }
    if (grants.some((g) => g.role === role.code && g.scopeCode === code)) {
      violations.push({ field: `${field}`, rule: 'role.duplicate' });
      return;
    }
    grants.push({ role: role.code, scopeType: role.scopeType, scopeCode: code });
  });
  if (violations.length > 0) throw invalid(violations);
  return grants;
}

/** Grants to an OPD or kelurahan that the registry does not know (or has archived) are refused. */
export async function checkGrantScopes(db: Kysely<DB>, grants: Grant[]): Promise<void> {
  const violations: FieldViolation[] = [];
  for (const [index, grant] of grants.entries()) {
    if ((grant.scopeType !== 'opd' && grant.scopeType !== 'kelurahan') || !grant.scopeCode) continue;
    if (!(await referenceExists(db, grant.scopeType, grant.scopeCode))) {
      violations.push({ field: `roles/${index}/scopeCode`, rule: `scope.unknown_${grant.scopeType}`, params: { code: grant.scopeCode } });
    }
  }
  if (violations.length > 0) throw invalid(violations);
}
