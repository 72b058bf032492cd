import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../core/audit/actor.js';

/**
 * Every version of every master record, kept by the module that owns it in `<schema>.history`
 * (see the DDL in each module's first migration). The audit trail says who did what; history
 * lets a reader see the record as it was at each version.
 */
export interface HistoryWrite {
  entityType: string;
  entityId: string;
  version: number;
  action: 'created' | 'updated' | 'archived' | 'restored' | string;
  changed: string[];
  snapshot: Record<string, unknown>;
}

export interface HistoryEntry {
  version: number;
  action: string;
  changed: string[];
  snapshot: Record<string, unknown>;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  requestId: string | null;
}

type Db = Kysely<any> | Transaction<any>;

export async function writeHistory(trx: Db, schema: string, actor: Actor, entry: HistoryWrite): Promise<void> {
  await sql`
    INSERT INTO ${sql.table(`${schema}.history`)}
      (entity_type, entity_id, version, action, changed, snapshot, actor_type, actor_id, actor_name, request_id)
    VALUES (${entry.entityType}, ${entry.entityId}, ${entry.version}, ${entry.action}, ${entry.changed},
            ${JSON.stringify(entry.snapshot)}::jsonb, ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId})`.execute(trx);
}

export async function readHistory(db: Db, schema: string, entityType: string, entityId: string): Promise<HistoryEntry[]> {
  const result = await sql<{
    version: number; action: string; changed: string[]; snapshot: Record<string, unknown>; at: Date;
    actor_type: string; actor_id: string | null; actor_name: string | null; request_id: string | null;
  }>`
    SELECT version, action, changed, snapshot, at, actor_type, actor_id, actor_name, request_id
    FROM ${sql.table(`${schema}.history`)}
    WHERE entity_type = ${entityType} AND entity_id = ${entityId}
    ORDER BY version DESC`.execute(db);
  return result.rows.map((row) => ({
    version: row.version,
    action: row.action,
    changed: row.changed,
    snapshot: row.snapshot,
    at: row.at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    requestId: row.request_id,
  }));
}

/**
 * Records loaded in bulk point to their batch in `<schema>.muatan` (`muatan_id`) and get no
 * history row when loaded: version 1 is the record itself, with the batch's actor and time.
 * Call this before the first change of a record (while the row is still version 1): it writes
 * that version-1 row, so history stays complete. Does nothing for records created one by one.
 */
export async function keepLoadedVersion(trx: Db, schema: string, table: string, entityType: string, entityId: string, snapshot: Record<string, unknown>): Promise<void> {
  await sql`
    INSERT INTO ${sql.table(`${schema}.history`)}
      (entity_type, entity_id, version, action, changed, snapshot, at, actor_type, actor_id, actor_name, request_id)
    SELECT ${entityType}, r.id, 1, 'created', '{}', ${JSON.stringify(snapshot)}::jsonb, m.at, m.actor_type, m.actor_id, m.actor_name, m.request_id
    FROM ${sql.table(table)} r JOIN ${sql.table(`${schema}.muatan`)} m ON m.id = r.muatan_id
    WHERE r.id = ${entityId} AND r.version = 1
    ON CONFLICT DO NOTHING`.execute(trx);
}

/**
 * History with the version 1 of a record loaded in bulk and not changed since (see
 * keepLoadedVersion): `current` is the record as it is now, which is then also its version 1.
 */
export async function readHistoryWithLoaded(
  db: Db, schema: string, table: string, entityType: string, entityId: string, current: Record<string, unknown> & { version: number },
): Promise<HistoryEntry[]> {
  const entries = await readHistory(db, schema, entityType, entityId);
  if (entries.some((entry) => entry.version === 1) || current.version !== 1) return entries;
  const load = await sql<{ at: Date; actor_type: string; actor_id: string | null; actor_name: string | null; request_id: string | null }>`
    SELECT m.at, m.actor_type, m.actor_id, m.actor_name, m.request_id
    FROM ${sql.table(table)} r JOIN ${sql.table(`${schema}.muatan`)} m ON m.id = r.muatan_id
    WHERE r.id = ${entityId}`.execute(db);
  const row = load.rows[0];
  if (!row) return entries;
  return [...entries, {
    version: 1, action: 'created', changed: [], snapshot: current, at: row.at.toISOString(),
    actorType: row.actor_type, actorId: row.actor_id, actorName: row.actor_name, requestId: row.request_id,
  }];
}

/** Names of the fields whose values differ (compared as JSON). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
