import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Grant } from '../authz/access.js';
import type { DB } from '../db/schema.js';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface ActiveSession {
  tokenHash: Buffer;
  userId: string;
  username: string;
  displayName: string;
  email: string | null;
  /** The resident (NIK) and employee (NIP) the account belongs to, when linked. */
  nik: string | null;
  nip: string | null;
  csrfToken: string;
  grants: Grant[];
  /** Epoch ms at which the session ends unless used again (the earlier of idle and absolute expiry). */
  validUntil: number;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/**
 * Last-seen is refreshed at most this often (a quarter of the idle limit, at most a minute), so
 * reads don't turn into writes yet an active session never looks idle.
 */
const touchEverySeconds = (policy: SessionPolicy) => Math.min(60, policy.idleMinutes * 15);

export async function createSession(
  db: Kysely<DB>,
  userId: string,
  policy: SessionPolicy,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.maxHours * 3600_000);
  await db
    .insertInto('core.session')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

interface SessionRow {
  user_id: string;
  username: string;
  display_name: string;
  email: string | null;
  nik: string | null;
  nip: string | null;
  csrf_token: string;
  stale: boolean;
  valid_until: Date;
  grants: Grant[];
}

/** One query: the session (alive, not idle), its active user, and the user's grants. */
export async function findSession(db: Kysely<DB>, token: string, policy: SessionPolicy): Promise<ActiveSession | null> {
  const tokenHash = hashToken(token);
  const result = await sql<SessionRow>`
    SELECT s.user_id, u.username, u.display_name, u.email, u.nik, u.nip, s.csrf_token,
           s.last_seen_at < now() - make_interval(secs => ${touchEverySeconds(policy)}) AS stale,
           least(s.expires_at, greatest(s.last_seen_at, now()) + make_interval(mins => ${policy.idleMinutes})) AS valid_until,
           coalesce((SELECT json_agg(json_build_object('role', r.role, 'scopeType', r.scope_type,
                                     'scopeCode', nullif(r.scope_code, '')))
                     FROM core.user_role r WHERE r.user_id = u.id), '[]') AS grants
    FROM core.session s JOIN core.app_user u ON u.id = s.user_id
    WHERE s.token_hash = ${tokenHash} AND u.active
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => ${policy.idleMinutes})`.execute(db);
  const row = result.rows[0];
  if (!row) return null;
  if (row.stale) {
    await db.updateTable('core.session').set({ last_seen_at: new Date() }).where('token_hash', '=', tokenHash).execute();
  }
  return {
    tokenHash,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    nik: row.nik,
    nip: row.nip,
    csrfToken: row.csrf_token,
    grants: row.grants,
    validUntil: row.valid_until.getTime(),
  };
}

export async function deleteSession(db: Kysely<DB>, tokenHash: Buffer): Promise<void> {
  await db.deleteFrom('core.session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('core.session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, policy: SessionPolicy): Promise<number> {
  const result = await sql`
    DELETE FROM core.session
    WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => ${policy.idleMinutes})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
