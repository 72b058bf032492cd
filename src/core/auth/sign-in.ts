import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import { recordAudit } from '../audit/trail.js';
import { Access } from '../authz/access.js';
import type { DB } from '../db/schema.js';
import type { Kernel } from '../kernel.js';
import { maskEmail, maskValue } from '../privacy/mask.js';
import { GrantSchema } from '../users/schemas.js';
import { normalisePhone } from '../users/phone.js';
import { SESSION_COOKIE } from './guard.js';
import { createSession } from './sessions.js';

export const MeSchema = Type.Object({
  user: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String(), email: Type.Union([Type.String(), Type.Null()]) }),
  roles: Type.Array(GrantSchema),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.String({ description: 'Send it as the X-CSRF-Token header on every cookie-authenticated write' }),
});
export type Me = Static<typeof MeSchema>;

export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  active: boolean;
}

/**
 * What a person typed into the sign-in form, in the form accounts are looked up by: the username
 * (any case), a NIK (16 digits; spaces, dots and dashes ignored), a mobile number in any of its
 * spellings (08…, 628…, +628…), or an e-mail address (any case).
 */
export type Identifier =
  | { kind: 'username'; value: string }
  | { kind: 'nik'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'email'; value: string };

export function readIdentifier(input: string): Identifier[] {
  const text = input.trim();
  const lower = text.toLowerCase();
  const candidates: Identifier[] = [{ kind: 'username', value: lower }];
  const digits = text.replace(/[\s.-]/g, '');
  if (/^[0-9]{16}$/.test(digits)) candidates.push({ kind: 'nik', value: digits });
  const phone = normalisePhone(text);
  if (phone) candidates.push({ kind: 'phone', value: phone });
  if (lower.includes('@')) candidates.push({ kind: 'email', value: lower });
  return candidates;
}

const columns = ['id', 'username', 'display_name', 'email', 'password_hash', 'active'] as const;

/**
 * The account an identifier names, trying the username first (so an existing username keeps
 * meaning what it meant), then the NIK, the phone number, the e-mail. An e-mail address held by
 * more than one account names none of them.
 */
export async function findAccount(db: Kysely<DB>, input: string): Promise<AccountRow | undefined> {
  for (const id of readIdentifier(input)) {
    const query = db.selectFrom('core.app_user').select(columns);
    if (id.kind === 'username') {
      const row = await query.where((eb) => eb(eb.fn('lower', ['username']), '=', id.value)).executeTakeFirst();
      if (row) return row;
    } else if (id.kind === 'nik' || id.kind === 'phone') {
      const row = await query.where(id.kind, '=', id.value).executeTakeFirst();
      if (row) return row;
    } else {
      const rows = await query.where((eb) => eb(eb.fn('lower', ['email']), '=', id.value)).limit(2).execute();
      if (rows.length === 1) return rows[0];
    }
  }
  return undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The throttle key of an identifier: the same for every spelling of one NIK, phone number or
 * e-mail. Personal numbers and addresses are stored hashed, never as typed; usernames as they are.
 */
export function accountThrottleKey(input: string): string {
  const [username, ...others] = readIdentifier(input);
  const personal = others[0];
  if (personal) return `account:${personal.kind}#${digest(personal.value)}`;
  return `account:${username!.value}`;
}

/** The identifier as it may appear in the server log: NIKs, numbers and e-mails masked. */
export function loggableIdentifier(input: string): string {
  const [username, ...others] = readIdentifier(input);
  const personal = others[0];
  if (!personal) return username!.value;
  return personal.kind === 'email' ? maskEmail(personal.value) : maskValue(personal.value);
}

/** Who a new session is for. */
export type SessionUser = Pick<AccountRow, 'id' | 'username' | 'display_name' | 'email'>;

function cookieSecure(kernel: Kernel, request: FastifyRequest): boolean {
  const setting = kernel.config.cookieSecure;
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

/**
 * Signs the account in: a new session (audited as `auth.login`), its cookie on the reply, and
 * what the browser app needs to know about the person (the `Me` shape of /auth/me).
 */
export async function openSession(
  kernel: Kernel,
  request: FastifyRequest,
  reply: FastifyReply,
  user: SessionUser,
): Promise<Me> {
  const { db, config } = kernel;
  const session = await db.transaction().execute(async (trx) => {
    const created = await createSession(trx, user.id, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours }, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    await trx.updateTable('core.app_user').set({ last_login_at: new Date() }).where('id', '=', user.id).execute();
    await recordAudit(trx, { type: 'user', id: user.id, name: user.username, requestId: request.id }, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { ip: request.ip },
    });
    return created;
  });
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(kernel, request),
    maxAge: config.sessionMaxHours * 3600,
  });
  const grants = await db
    .selectFrom('core.user_role')
    .select(['role', 'scope_type', 'scope_code'])
    .where('user_id', '=', user.id)
    .orderBy('role')
    .execute();
  const roles = grants.map((g) => ({ role: g.role, scopeType: g.scope_type, scopeCode: g.scope_code || null }));
  return {
    user: { id: user.id, username: user.username, displayName: user.display_name, email: user.email },
    roles,
    permissions: new Access(roles).permissions,
    csrfToken: session.csrfToken,
  };
}
