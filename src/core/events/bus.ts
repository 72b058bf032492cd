import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../audit/actor.js';
import type { DB } from '../db/schema.js';

export interface NewEvent {
  /** `<entity>.<verb>` in the past tense, e.g. `user.created`, `pegawai.updated`. */
  type: string;
  entityType?: string;
  entityId?: string;
  payload: Record<string, unknown>;
}

export interface StoredEvent {
  id: string;
  seq: number;
  type: string;
  entityType: string | null;
  entityId: string | null;
  payload: Record<string, unknown>;
  actorType: string | null;
  actorId: string | null;
  requestId: string | null;
  occurredAt: Date;
}

export interface Subscriber {
  /** Stable name: deliveries are recorded under it, so renaming it orphans pending ones. */
  name: string;
  /** Event types it wants; `*` for all. */
  types: string[];
  handle(event: StoredEvent): Promise<void>;
}

export const OUTBOX_CHANNEL = 'padu_outbox';

/**
 * A UUIDv7 made by PostgreSQL (17 has no uuidv7()): a random UUID whose first 48 bits become the
 * Unix time in milliseconds and whose version nibble becomes 7. Time-ordered ids keep inserts into
 * the outbox's unique index on event_id at its right edge instead of all over it.
 */
const UUID_V7 = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

/**
 * Events are written to the outbox in the same transaction as the change they describe, with
 * one delivery row per interested subscriber; the dispatcher delivers them after commit.
 */
export class EventBus {
  private readonly subscribers = new Map<string, Subscriber>();

  subscribe(subscriber: Subscriber): void {
    if (this.subscribers.has(subscriber.name)) throw new Error(`Subscriber ${subscriber.name} is registered twice`);
    this.subscribers.set(subscriber.name, subscriber);
  }

  subscriber(name: string): Subscriber | undefined {
    return this.subscribers.get(name);
  }

  async emit(trx: Transaction<DB> | Kysely<DB>, actor: Actor, event: NewEvent): Promise<string> {
    const eventId = uuidv7();
    const inserted = await trx
      .insertInto('core.outbox')
      .values({
        event_id: eventId,
        type: event.type,
        entity_type: event.entityType ?? null,
        entity_id: event.entityId ?? null,
        payload: JSON.stringify(event.payload),
        actor_type: actor.type,
        actor_id: actor.id,
        request_id: actor.requestId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const interested = [...this.subscribers.values()].filter((s) => s.types.includes('*') || s.types.includes(event.type));
    if (interested.length > 0) {
      await trx
        .insertInto('core.event_delivery')
        .values(interested.map((s) => ({ outbox_id: inserted.id, subscriber: s.name })))
        .execute();
      // Delivered to listeners only when the transaction commits.
      await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
    }
    return eventId;
  }

  /**
   * Events produced by a query, in one statement (bulk writes: the rows never travel to Node and
   * back). `select` yields `type, entity_type, entity_id, payload` and may read the common table
   * expressions given in `with` (e.g. `created AS (INSERT … RETURNING …)`), so the write and its
   * events are one statement. Event ids are UUIDv7 like `emit`'s. Returns how many events were written.
   */
  async emitSelect(trx: Transaction<DB> | Kysely<DB>, actor: Actor, query: { with?: RawBuilder<unknown>; select: RawBuilder<unknown> }): Promise<number> {
    const pairs = [...this.subscribers.values()].flatMap((s) => s.types.map((type) => [s.name, type] as const));
    const result = await sql<{ n: number }>`
      WITH ${query.with ? sql`${query.with},` : sql``}
      inserted AS (
        INSERT INTO core.outbox (event_id, type, entity_type, entity_id, payload, actor_type, actor_id, request_id)
        SELECT ${UUID_V7}, e.type, e.entity_type, e.entity_id, e.payload, ${actor.type}, ${actor.id}, ${actor.requestId}
        FROM (${query.select}) AS e(type, entity_type, entity_id, payload)
        RETURNING id, type
      ), delivered AS (
        INSERT INTO core.event_delivery (outbox_id, subscriber)
        SELECT DISTINCT i.id, s.name
        FROM inserted i JOIN unnest(${pairs.map(([name]) => name)}::text[], ${pairs.map(([, type]) => type)}::text[]) AS s(name, type) ON s.type = '*' OR s.type = i.type
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM inserted)::int AS n, (SELECT count(*) FROM delivered)::int AS d`.execute(trx);
    const row = result.rows[0] as { n: number; d: number };
    if (row.d > 0) await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
    return row.n;
  }

  /**
   * Many events in one statement, with their delivery rows (bulk paths: imports). Outbox ids
   * follow the order of `events`. Returns the event ids in that order.
   */
  async emitMany(trx: Transaction<DB> | Kysely<DB>, actor: Actor, events: readonly NewEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const ids = events.map(() => uuidv7());
    const pairs = [...this.subscribers.values()].flatMap((s) => s.types.map((type) => [s.name, type] as const));
    const subscriberNames = pairs.map(([name]) => name);
    const subscriberTypes = pairs.map(([, type]) => type);
    await sql`
      WITH inserted AS (
        INSERT INTO core.outbox (event_id, type, entity_type, entity_id, payload, actor_type, actor_id, request_id)
        SELECT (e.v->>'i')::uuid, e.v->>'t', e.v->>'et', e.v->>'ei', e.v->'p', ${actor.type}, ${actor.id}, ${actor.requestId}
        FROM jsonb_array_elements(${JSON.stringify(events.map((e, n) => ({ i: ids[n], t: e.type, et: e.entityType ?? null, ei: e.entityId ?? null, p: e.payload })))}::jsonb)
             WITH ORDINALITY AS e(v, ord)
        ORDER BY e.ord
        RETURNING id, type
      )
      INSERT INTO core.event_delivery (outbox_id, subscriber)
      SELECT DISTINCT i.id, s.name
      FROM inserted i JOIN unnest(${subscriberNames}::text[], ${subscriberTypes}::text[]) AS s(name, type) ON s.type = '*' OR s.type = i.type`.execute(trx);
    if (pairs.length > 0) await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
    return ids;
  }
}
