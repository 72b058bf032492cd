import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { chainedFieldsOf } from './trail.js';

export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

/** Newest first, paged by seq (keyset), so paging stays fast however long the trail grows. */
export async function searchAudit(db: Kysely<DB>, query: AuditQuery): Promise<{ items: AuditEntry[]; nextBeforeSeq: number | null }> {
  let select = db.selectFrom('core.audit_log').selectAll();
  if (query.actor) {
    const actor = query.actor;
    select = select.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_name', '=', actor)]));
  }
  if (query.action) select = select.where('action', '=', query.action);
  if (query.entityType) select = select.where('entity_type', '=', query.entityType);
  if (query.entityId) select = select.where('entity_id', '=', query.entityId);
  if (query.from) select = select.where('at', '>=', new Date(query.from));
  if (query.to) select = select.where('at', '<', new Date(query.to));
  if (query.beforeSeq !== undefined) select = select.where('seq', '<', String(query.beforeSeq));
  const rows = await select.orderBy('seq', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => {
      const { prevHash: _prevHash, ...fields } = chainedFieldsOf(row);
      return { ...fields, hash: row.hash };
    }),
    nextBeforeSeq: rows.length > query.limit ? Number(page[page.length - 1]!.seq) : null,
  };
}
