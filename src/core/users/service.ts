import { sql, type Kysely, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/trail.js';
import { hashPassword, isAcceptablePassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { deleteUserSessions } from '../auth/sessions.js';
import type { Grant } from '../authz/access.js';
import type { DB } from '../db/schema.js';
import { AppError, invalid, type FieldViolation } from '../http/errors.js';
import type { Kernel } from '../kernel.js';
import { maskValue } from '../privacy/mask.js';
import { referenceExists } from '../references.js';
import { checkGrantScopes, parseGrants, type GrantInput } from './grants.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  roles: Grant[];
  /** The linked resident's NIK, always masked here; the linked employee's NIP. */
  nik: string | null;
  nip: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  active: boolean;
  nik: string | null;
  nip: string | null;
  created_at: Date;
  last_login_at: Date | null;
  roles: Grant[];
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  email: row.email,
  active: row.active,
  roles: row.roles,
  nik: row.nik === null ? null : maskValue(row.nik),
  nip: row.nip,
  createdAt: row.created_at.toISOString(),
  lastLoginAt: row.last_login_at?.toISOString() ?? null,
});

const rolesJson = sql<Grant[]>`coalesce((
  SELECT json_agg(json_build_object('role', r.role, 'scopeType', r.scope_type, 'scopeCode', nullif(r.scope_code, ''))
                  ORDER BY r.role, r.scope_code)
  FROM core.user_role r WHERE r.user_id = u.id), '[]')`;

export function selectUsers(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('core.app_user as u')
    .select(['u.id', 'u.username', 'u.display_name', 'u.email', 'u.active', 'u.nik', 'u.nip', 'u.created_at', 'u.last_login_at'])
    .select(rolesJson.as('roles'));
}

export interface UserQuery {
  q?: string;
  role?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

export async function listUsers(db: Kysely<DB>, query: UserQuery): Promise<{ items: User[]; total: number }> {
  let base = db.selectFrom('core.app_user as u');
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('u.username', 'ilike', pattern), eb('u.display_name', 'ilike', pattern), eb('u.email', 'ilike', pattern)]));
  }
  if (query.active !== undefined) base = base.where('u.active', '=', query.active);
  if (query.role) {
    const role = query.role;
    base = base.where((eb) => eb.exists(eb.selectFrom('core.user_role as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', role)));
  }
  const [rows, count] = await Promise.all([
    base
      .select(['u.id', 'u.username', 'u.display_name', 'u.email', 'u.active', 'u.nik', 'u.nip', 'u.created_at', 'u.last_login_at'])
      .select(rolesJson.as('roles'))
      .orderBy('u.username')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUser), total: Number(count.total) };
}

/**
 * Ids may arrive in upper case; PostgreSQL ignores case but the self-checks below compare
 * strings, so every entry point works on the canonical lower-case form.
 */
export const canonicalUserId = (id: string): string => id.trim().toLowerCase();

export async function getUser(db: Kysely<DB> | Transaction<DB>, rawId: string): Promise<User> {
  const id = canonicalUserId(rawId);
  const row = await selectUsers(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('user.not_found', { id });
  return toUser(row);
}

/** The schema allows 1–150 characters; blanks alone would be stored as an empty name. */
function cleanDisplayName(value: string): string {
  const name = value.trim();
  if (!name) throw invalid([{ field: 'displayName', rule: 'minLength', params: { limit: 1 } }]);
  return name;
}

function checkPassword(password: string, username: string, field = 'password'): void {
  if (!isAcceptablePassword(password, username)) {
    throw invalid([{ field, rule: 'password.too_weak', params: { limit: MIN_PASSWORD_LENGTH } }]);
  }
}

async function writeGrants(trx: Transaction<DB>, userId: string, grants: Grant[]): Promise<void> {
  await trx.deleteFrom('core.user_role').where('user_id', '=', userId).execute();
  if (grants.length === 0) return;
  await trx
    .insertInto('core.user_role')
    .values(grants.map((g) => ({ user_id: userId, role: g.role, scope_type: g.scopeType, scope_code: g.scopeCode ?? '' })))
    .execute();
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

export interface NewUser {
  /** Chosen by the caller when the audit entry's actor is the new account itself (self sign-up). */
  id?: string;
  username: string;
  displayName: string;
  email?: string | null;
  password: string;
  roles: GrantInput[];
  /**
   * Linked at creation, in the same transaction (self sign-up): a NIK the caller has already
   * checked against the registry, and a canonical phone number (see normalisePhone).
   */
  nik?: string | null;
  phone?: string | null;
}

export async function createUser(kernel: Kernel, actor: Actor, input: NewUser): Promise<User> {
  const username = input.username.trim();
  const displayName = cleanDisplayName(input.displayName);
  checkPassword(input.password, username);
  const grants = parseGrants(input.roles, kernel.config.pemdaCode);
  await checkGrantScopes(kernel.db, grants);
  const passwordHash = await hashPassword(input.password);
  const id = input.id ?? uuidv7();
  try {
    return await kernel.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('core.app_user')
        .values({
          id, username, display_name: displayName, email: input.email?.trim() || null, password_hash: passwordHash,
          nik: input.nik ?? null, phone: input.phone ?? null,
        })
        .execute();
      await writeGrants(trx, id, grants);
      const user = await getUser(trx, id);
      await recordAudit(trx, actor, { action: 'user.created', entityType: 'user', entityId: id, after: user });
      await kernel.events.emit(trx, actor, { type: 'user.created', entityType: 'user', entityId: id, payload: { id, username, roles: grants } });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const constraint = (error as { constraint?: string }).constraint ?? '';
      if (constraint.includes('nik')) throw new AppError('user.identity_taken', { field: 'NIK' });
      if (constraint.includes('phone')) throw new AppError('user.identity_taken', { field: 'Nomor HP' });
      throw new AppError('user.username_taken', { username });
    }
    throw error;
  }
}

export interface UserPatch {
  displayName?: string;
  email?: string | null;
  active?: boolean;
}

export async function updateUser(kernel: Kernel, actor: Actor, rawId: string, patch: UserPatch): Promise<User> {
  const id = canonicalUserId(rawId);
  if (patch.active === false && actor.type === 'user' && actor.id === id) throw new AppError('user.cannot_lock_out_self');
  const displayName = patch.displayName === undefined ? undefined : cleanDisplayName(patch.displayName);
  const updated = await kernel.db.transaction().execute(async (trx) => {
    const before = await lockUser(trx, id);
    const changes: { display_name?: string; email?: string | null; active?: boolean } = {};
    if (displayName !== undefined) changes.display_name = displayName;
    if (patch.email !== undefined) changes.email = patch.email?.trim() || null;
    if (patch.active !== undefined) changes.active = patch.active;
    if (Object.keys(changes).length === 0) return before;
    await trx.updateTable('core.app_user').set({ ...changes, updated_at: new Date() }).where('id', '=', id).execute();
    if (patch.active === false) await deleteUserSessions(trx, id);
    const after = await getUser(trx, id);
    const changed = Object.keys(patch).filter((key) => JSON.stringify(before[key as keyof User]) !== JSON.stringify(after[key as keyof User]));
    if (changed.length === 0) return after;
    await recordAudit(trx, actor, { action: 'user.updated', entityType: 'user', entityId: id, before, after });
    await kernel.events.emit(trx, actor, { type: 'user.updated', entityType: 'user', entityId: id, payload: { id, changed } });
    return after;
  });
  // This process's session cache forgets the user now; the others on the change notification.
  kernel.sessionCache?.forgetUser(id);
  return updated;
}

export async function setUserRoles(kernel: Kernel, actor: Actor, rawId: string, inputs: GrantInput[]): Promise<User> {
  const id = canonicalUserId(rawId);
  const grants = parseGrants(inputs, kernel.config.pemdaCode);
  await checkGrantScopes(kernel.db, grants);
  if (actor.type === 'user' && actor.id === id && !grants.some((g) => g.role === 'admin')) {
    const current = await getUser(kernel.db, id);
    if (current.roles.some((g) => g.role === 'admin')) throw new AppError('user.cannot_lock_out_self');
  }
  const updated = await kernel.db.transaction().execute(async (trx) => {
    const before = await lockUser(trx, id);
    await writeGrants(trx, id, grants);
    const after = await getUser(trx, id);
    await recordAudit(trx, actor, { action: 'user.roles_changed', entityType: 'user', entityId: id, before: { roles: before.roles }, after: { roles: after.roles } });
    await kernel.events.emit(trx, actor, { type: 'user.roles_changed', entityType: 'user', entityId: id, payload: { id, roles: after.roles } });
    return after;
  });
  kernel.sessionCache?.forgetUser(id);
  return updated;
}

export interface IdentityLink {
  nik?: string | null;
  nip?: string | null;
}

/**
 * Links an account to the resident (NIK) and/or employee (NIP) it belongs to, which is what the
 * `warga` and `pegawai` roles' self scope reads; null unlinks. The number must be in the registry
 * and not linked to another account. Sessions keep working and see the new link at once.
 */
export async function setUserIdentity(kernel: Kernel, actor: Actor, rawId: string, link: IdentityLink): Promise<User> {
  const id = canonicalUserId(rawId);
  const changes: { nik?: string | null; nip?: string | null } = {};
  const violations: FieldViolation[] = [];
  for (const [field, length] of [['nik', 16], ['nip', 18]] as const) {
    const value = link[field];
    if (value === undefined) continue;
    const digits = value === null ? null : value.replace(/[\s.-]/g, '');
    if (digits !== null && !new RegExp(`^[0-9]{${length}}$`).test(digits)) violations.push({ field, rule: `identity.${field}_format` });
    else if (digits !== null && !(await referenceExists(kernel.db, field, digits))) violations.push({ field, rule: `identity.${field}_unknown` });
    else changes[field] = digits;
  }
  if (violations.length > 0) throw new AppError('user.identity_invalid', {}, violations);
  const updated = await kernel.db.transaction().execute(async (trx) => {
    const before = await lockUser(trx, id);
    if (Object.keys(changes).length === 0) return before;
    try {
      await trx.updateTable('core.app_user').set({ ...changes, updated_at: new Date() }).where('id', '=', id).execute();
    } catch (error) {
      const constraint = (error as { constraint?: string }).constraint ?? '';
      if (isUniqueViolation(error)) throw new AppError('user.identity_taken', { field: constraint.includes('nip') ? 'NIP' : 'NIK' });
      throw error;
    }
    const after = await getUser(trx, id);
    // The audit trail masks the NIK itself (a personal field); the event names the fields only.
    await recordAudit(trx, actor, { action: 'user.identity_linked', entityType: 'user', entityId: id, before: { nik: before.nik, nip: before.nip }, after: { nik: after.nik, nip: after.nip } });
    await kernel.events.emit(trx, actor, { type: 'user.identity_linked', entityType: 'user', entityId: id, payload: { id, changed: Object.keys(changes) } });
    return after;
  });
  kernel.sessionCache?.forgetUser(id);
  return updated;
}

/** Sets a new password and ends every session of the user. */
export async function resetPassword(kernel: Kernel, actor: Actor, rawId: string, password: string): Promise<void> {
  const id = canonicalUserId(rawId);
  const user = await getUser(kernel.db, id);
  checkPassword(password, user.username);
  const passwordHash = await hashPassword(password);
  await kernel.db.transaction().execute(async (trx) => {
    await lockUser(trx, id);
    await trx.updateTable('core.app_user').set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await deleteUserSessions(trx, id);
    await recordAudit(trx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id });
    await kernel.events.emit(trx, actor, { type: 'user.password_reset', entityType: 'user', entityId: id, payload: { id } });
  });
  kernel.sessionCache?.forgetUser(id);
}

export async function findUserIdByUsername(db: Kysely<DB>, username: string): Promise<string | null> {
  const row = await db.selectFrom('core.app_user').select('id').where(sql`lower(username)`, '=', username.trim().toLowerCase()).executeTakeFirst();
  return row?.id ?? null;
}

async function lockUser(trx: Transaction<DB>, id: string): Promise<User> {
  const found = await trx.selectFrom('core.app_user').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!found) throw new AppError('user.not_found', { id });
  return getUser(trx, id);
}
