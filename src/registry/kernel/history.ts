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

/** Names of the fields whose values differ (compared as JSON). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
