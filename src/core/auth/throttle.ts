import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface ThrottlePolicy {
  maxFailures: number;
  lockMinutes: number;
}

/** Seconds until the longest lock among the keys ends, or 0 when none is locked. */
export async function lockedFor(db: Kysely<DB>, keys: string[]): Promise<number> {
  const result = await sql<{ seconds: number | null }>`
    SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
    FROM core.login_throttle WHERE key = ANY(${keys}) AND locked_until > now()`.execute(db);
  return result.rows[0]?.seconds ?? 0;
}

/**
 * Counts a failure within a window as long as the lock; reaching the limit locks the key.
 * Stored in the database, so the count holds across Padu processes.
 */
export async function recordFailure(db: Kysely<DB>, key: string, policy: ThrottlePolicy): Promise<void> {
  await sql`
    INSERT INTO core.login_throttle AS t (key, failures, window_started_at, locked_until)
    VALUES (${key}, 1, now(), CASE WHEN ${policy.maxFailures} <= 1 THEN now() + make_interval(mins => ${policy.lockMinutes}) END)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_started_at < now() - make_interval(mins => ${policy.lockMinutes}) THEN 1 ELSE t.failures + 1 END,
      window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => ${policy.lockMinutes}) THEN now() ELSE t.window_started_at END,
      locked_until = CASE
        WHEN (CASE WHEN t.window_started_at < now() - make_interval(mins => ${policy.lockMinutes}) THEN 1 ELSE t.failures + 1 END) >= ${policy.maxFailures}
        THEN now() + make_interval(mins => ${policy.lockMinutes})
        ELSE t.locked_until END`.execute(db);
}

export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('core.login_throttle').where('key', '=', key).execute();
}
