import { sql, type Kysely, type Transaction } from 'kysely';
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
}
