import { sql, type Selectable, type Transaction } from 'kysely';
import type { AuditLogTable, DB } from '../db/schema.js';
import { maskPersonal } from '../privacy/mask.js';
import type { Actor } from './actor.js';
import { canonicalJson, sha256Hex } from './canonical.js';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** The fields that the hash covers, in the shape that verify rebuilds from a stored row. */
export interface ChainedFields {
  seq: number;
  at: string;
  actorType: Actor['type'];
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
}

/** Rebuilds the hashed fields from a stored row. */
export function chainedFieldsOf(row: Selectable<AuditLogTable>): ChainedFields {
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    prevHash: row.prev_hash,
  };
}

export function entryHash(fields: ChainedFields): string {
  return sha256Hex(canonicalJson(fields));
}

/**
 * Appends one entry to the audit trail inside the caller's transaction. Locking the head row
 * serialises writers, so seq stays gapless and every entry chains to the one committed before it.
 */
export async function recordAudit(trx: Transaction<DB>, actor: Actor, change: AuditChange): Promise<number> {
  const head = await sql<{ last_seq: string; last_hash: string }>`
    SELECT last_seq, last_hash FROM core.audit_head WHERE singleton FOR UPDATE`.execute(trx);
  const previous = head.rows[0];
  if (!previous) throw new Error('core.audit_head is missing its row');
  const fields: ChainedFields = {
    seq: Number(previous.last_seq) + 1,
    at: new Date().toISOString(),
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: change.before === undefined ? null : maskPersonal(change.before),
    after: change.after === undefined ? null : maskPersonal(change.after),
    requestId: actor.requestId,
    prevHash: previous.last_hash,
  };
  const hash = entryHash(fields);
  await trx
    .insertInto('core.audit_log')
    .values({
      seq: fields.seq,
      at: new Date(fields.at),
      actor_type: fields.actorType,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      request_id: fields.requestId,
      prev_hash: fields.prevHash,
      hash,
    })
    .execute();
  await trx.updateTable('core.audit_head').set({ last_seq: fields.seq, last_hash: hash }).where('singleton', '=', true).execute();
  return fields.seq;
}
