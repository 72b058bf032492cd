import { sql, type Kysely } from 'kysely';
import type { PgListener } from '../db/listener.js';
import type { DB } from '../db/schema.js';
import { OUTBOX_CHANNEL, type EventBus, type StoredEvent } from './bus.js';

export interface DispatcherOptions {
  batchSize?: number;
  /** How long a claimed delivery stays invisible to other workers. */
  leaseSeconds?: number;
  maxAttempts?: number;
  pollMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, details?: object) => void;
}

interface ClaimedRow {
  delivery_id: string;
  subscriber: string;
  attempts: number;
  seq: string;
  event_id: string;
  type: string;
  entity_type: string | null;
  entity_id: string | null;
  payload: Record<string, unknown>;
  actor_type: string | null;
  actor_id: string | null;
  request_id: string | null;
  occurred_at: Date;
}

/** Seconds before retry n (1-based): 2, 4, 8 … capped at one hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(2 ** attempt, 3600);
}

/**
 * Hands outbox events to in-process subscribers. Claims work with FOR UPDATE SKIP LOCKED, so any
 * number of Padu processes can run one each without delivering an event twice; wakes on NOTIFY
 * and polls as a fallback.
 */
export class Dispatcher {
  private readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly maxAttempts: number;
  private readonly pollMs: number;
  private readonly log: NonNullable<DispatcherOptions['log']>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wanted = false;
  private stopped = true;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly bus: EventBus,
    private readonly listener: PgListener | null,
    options: DispatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.pollMs = options.pollMs ?? 1000;
    this.log = options.log ?? (() => {});
  }

  start(): void {
    this.stopped = false;
    // NOTIFY wakes the workers at once; polling covers a lost listener and other processes' leases.
    this.listener?.on(OUTBOX_CHANNEL, () => this.wake());
    this.schedule();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.wake();
      this.schedule();
    }, this.pollMs);
    this.timer.unref();
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wanted = true;
      return;
    }
    this.running = (async () => {
      do {
        this.wanted = false;
        try {
          while (!this.stopped && (await this.runOnce()) === this.batchSize);
        } catch (error) {
          this.log('error', 'outbox dispatch failed', { error: (error as Error).message });
        }
      } while (this.wanted && !this.stopped);
      this.running = null;
    })();
  }

  /** Claims and delivers one batch; returns how many deliveries it claimed. */
  async runOnce(): Promise<number> {
    const claimed = await sql<ClaimedRow>`
      WITH claimed AS (
        UPDATE core.event_delivery d
        SET available_at = now() + make_interval(secs => ${this.leaseSeconds}), attempts = d.attempts + 1
        WHERE d.id IN (
          SELECT id FROM core.event_delivery
          WHERE status = 'pending' AND available_at <= now()
          ORDER BY id
          LIMIT ${this.batchSize}
          FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.subscriber, d.attempts, d.outbox_id)
      SELECT c.id AS delivery_id, c.subscriber, c.attempts, o.id AS seq, o.event_id, o.type, o.entity_type,
             o.entity_id, o.payload, o.actor_type, o.actor_id, o.request_id, o.occurred_at
      FROM claimed c JOIN core.outbox o ON o.id = c.outbox_id
      ORDER BY c.id`.execute(this.db);

    for (const row of claimed.rows) await this.deliver(row);
    return claimed.rows.length;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const subscriber = this.bus.subscriber(row.subscriber);
    const event: StoredEvent = {
      id: row.event_id,
      seq: Number(row.seq),
      type: row.type,
      entityType: row.entity_type,
      entityId: row.entity_id,
      payload: row.payload,
      actorType: row.actor_type,
      actorId: row.actor_id,
      requestId: row.request_id,
      occurredAt: row.occurred_at,
    };
    try {
      if (!subscriber) throw new Error(`no subscriber named ${row.subscriber} in this process`);
      await subscriber.handle(event);
      await this.db
        .updateTable('core.event_delivery')
        .set({ status: 'done', delivered_at: new Date(), last_error: null })
        .where('id', '=', row.delivery_id)
        .execute();
    } catch (error) {
      // Handlers may throw anything (`throw undefined` too); reading .message off that must not abort the batch.
      const message = error instanceof Error ? error.message : String(error);
      const dead = row.attempts >= this.maxAttempts;
      this.log(dead ? 'error' : 'warn', 'event delivery failed', {
        subscriber: row.subscriber,
        eventId: row.event_id,
        attempt: row.attempts,
        dead,
        error: message,
      });
      await sql`
        UPDATE core.event_delivery
        SET status = ${dead ? 'dead' : 'pending'}, last_error = ${message.slice(0, 2000)},
            available_at = now() + make_interval(secs => ${backoffSeconds(row.attempts)})
        WHERE id = ${row.delivery_id}`.execute(this.db);
    }
  }
}
