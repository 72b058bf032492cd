// Shapes of the Padu server API (see /api/docs). Dates are ISO 8601 strings.

export type ScopeType = 'city' | 'opd' | 'kelurahan' | 'self';

export interface RoleGrant {
  role: string;
  scopeType: ScopeType;
  scopeCode: string | null;
}

/** A grant as sent to the server: the server derives the scope type from the role. */
export interface RoleGrantInput {
  role: string;
  scopeCode?: string;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
}

export interface Me {
  user: SessionUser;
  roles: RoleGrant[];
  permissions: string[];
  csrfToken: string;
}

export interface RoleDefinition {
  code: string;
  scopeType: ScopeType;
  label: { id: string; en: string };
  permissions: string[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  roles: RoleGrant[];
  createdAt: string;
  lastLoginAt: string | null;
  /** The linked resident's NIK, always masked (`137101******0001`); null when not linked. */
  nik: string | null;
  /** The linked employee's NIP; null when not linked. */
  nip: string | null;
}

/** PUT /users/:id/identitas: a number links, null unlinks, a missing field stays as it is. */
export interface IdentityLink {
  nik?: string | null;
  nip?: string | null;
}

export interface UserPage {
  items: User[];
  total: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  email?: string;
  password: string;
  roles: RoleGrantInput[];
}

export interface UserPatch {
  displayName?: string;
  email?: string | null;
  active?: boolean;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorType: 'user' | 'app' | 'system';
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: object | null;
  after: object | null;
  requestId: string | null;
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextBeforeSeq: number | null;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit?: number;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
}

export interface Health {
  status: 'ok';
  database: 'embedded' | 'external';
  version: string;
}

export interface FieldError {
  /** Slash path into the request body, e.g. `password` or `roles/0/scopeCode`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details; `detail` is already translated per Accept-Language. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
}
