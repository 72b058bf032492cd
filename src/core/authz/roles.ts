import type { Text } from '../i18n/locale.js';

/** Every permission a route can declare. Modules add theirs here when they land. */
export const permissions = ['user.read', 'user.manage', 'audit.read'] as const;
export type Permission = (typeof permissions)[number];

export type ScopeType = 'city' | 'opd' | 'kelurahan' | 'self';

export interface RoleDefinition {
  code: string;
  scopeType: ScopeType;
  label: Text;
  permissions: readonly Permission[];
}

/**
 * The roles of a city government. A grant of a role carries one scope of the role's scope type:
 * the whole city, one OPD, one kelurahan, or only the person's own records.
 */
export const roles = [
  { code: 'admin', scopeType: 'city', label: { id: 'Admin Platform (Diskominfo)', en: 'Platform admin (Diskominfo)' }, permissions },
  { code: 'pimpinan', scopeType: 'city', label: { id: 'Pimpinan', en: 'Leader' }, permissions: ['user.read'] },
  { code: 'auditor', scopeType: 'city', label: { id: 'Auditor Inspektorat', en: 'Auditor (Inspectorate)' }, permissions: ['audit.read', 'user.read'] },
  { code: 'opd_operator', scopeType: 'opd', label: { id: 'Operator OPD', en: 'Agency operator' }, permissions: [] },
  { code: 'pegawai', scopeType: 'self', label: { id: 'Pegawai', en: 'Employee' }, permissions: [] },
  { code: 'petugas_kelurahan', scopeType: 'kelurahan', label: { id: 'Petugas Kelurahan', en: 'Kelurahan officer' }, permissions: [] },
  { code: 'lurah', scopeType: 'kelurahan', label: { id: 'Lurah', en: 'Lurah (village head)' }, permissions: [] },
  { code: 'warga', scopeType: 'self', label: { id: 'Warga', en: 'Resident' }, permissions: [] },
] as const satisfies readonly RoleDefinition[];

export type RoleCode = (typeof roles)[number]['code'];

const byCode = new Map<string, RoleDefinition>(roles.map((role) => [role.code, role]));

export function findRole(code: string): RoleDefinition | undefined {
  return byCode.get(code);
}
