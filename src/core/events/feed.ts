import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type AnyDb = Kysely<DB> | Transaction<DB>;

/**
 * The change feed over core.outbox, in commit order. Rows get their `position` from
 * core.sequence_outbox() (migration 0005) once committed; readers page by position, never by
 * id, so an event whose transaction committed late is not skipped. The sequencer runs on every
 * feed read and on every poll of the webhook worker (src/integration/webhook/worker.ts), the
 * background tick of every process started with PADU_WORKERS on.
 */
export interface FeedEvent {
  position: number;
  id: string;
  type: string;
  entityType: string | null;
  entityId: string | null;
  payload: Record<string, unknown>;
  actorType: string | null;
  occurredAt: Date;
}

export interface FeedQuery {
  /** Position of the last event already seen (0: from the start). */
  after: number;
  /** Read no further than this position (bounds the scan of a sparse filter). */
  upTo?: number;
  limit: number;
  /** Event types: exact (`pegawai.updated`) or prefix (`pegawai.*`); empty: every type. */
  types?: readonly string[];
  /** Only these families (the part before the first dot), or every family when absent. */
  families?: readonly string[];
}

/** Numbers the committed events that have no position yet; returns how many it numbered. */
export async function sequenceOutbox(db: AnyDb, maxRows = 5000): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT core.sequence_outbox(${maxRows}::integer) AS n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The highest position handed out so far (0 on an empty outbox). */
export async function latestPosition(db: AnyDb): Promise<number> {
  const { rows } = await sql<{ p: string | null }>`SELECT max(position) AS p FROM core.outbox`.execute(db);
  return Number(rows[0]?.p ?? 0);
}

/** `pegawai.*` and `pegawai.updated` → SQL conditions on `type`. */
export function typeCondition(types: readonly string[] | undefined) {
  if (!types || types.length === 0) return sql<boolean>`true`;
  const exact = types.filter((t) => !t.endsWith('.*'));
  const prefixes = types.filter((t) => t.endsWith('.*')).map((t) => t.slice(0, -1));
  return sql<boolean>`(type = ANY(${exact}::text[]) OR split_part(type, '.', 1) || '.' = ANY(${prefixes}::text[]))`;
}

export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.([a-z][a-z0-9_]*|\*))?$/;

interface Row {
  position: string;
  event_id: string;
  type: string;
  entity_type: string | null;
  entity_id: string | null;
  payload: Record<string, unknown>;
  actor_type: string | null;
  occurred_at: Date;
}

/** Up to `limit` sequenced events after `after`, in position order. */
export async function readFeed(db: AnyDb, query: FeedQuery): Promise<FeedEvent[]> {
  const families = query.families ? sql<boolean>`split_part(type, '.', 1) = ANY(${[...query.families]}::text[])` : sql<boolean>`true`;
  const { rows } = await sql<Row>`
    SELECT position, event_id, type, entity_type, entity_id, payload, actor_type, occurred_at
    FROM core.outbox
    WHERE position > ${query.after} AND ${query.upTo === undefined ? sql`true` : sql`position <= ${query.upTo}`} AND ${families} AND ${typeCondition(query.types)}
    ORDER BY position
    LIMIT ${query.limit}`.execute(db);
  return rows.map((r) => ({
    position: Number(r.position),
    id: r.event_id,
    type: r.type,
    entityType: r.entity_type,
    entityId: r.entity_id,
    payload: r.payload,
    actorType: r.actor_type,
    occurredAt: r.occurred_at,
  }));
}

/** The opaque cursor apps hold: base64url of the position. */
export const encodeFeedCursor = (position: number): string => Buffer.from(`p${position}`).toString('base64url');

/** null when the cursor is not one of ours. */
export function decodeFeedCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^p(\d{1,15})$/.exec(text);
  return match ? Number(match[1]) : null;
}
