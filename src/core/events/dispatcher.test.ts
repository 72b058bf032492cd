import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { systemActor } from '../audit/actor.js';
import type { DB } from '../db/schema.js';
import { EventBus, type NewEvent, type StoredEvent } from './bus.js';
import { backoffSeconds, Dispatcher } from './dispatcher.js';

/** Polls until `check` returns something truthy; the deadline only guards against a hung test. */
async function waitFor<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface Received {
  subscriber: string;
  event: StoredEvent;
}

function recorder(name: string, types: string[], into: Received[]) {
  return { name, types, handle: async (event: StoredEvent) => void into.push({ subscriber: name, event }) };
}

describe('outbox events through the kernel', () => {
  let t: TestServer;
  const received: Received[] = [];
  const of = (subscriber: string) => received.filter((r) => r.subscriber === subscriber).map((r) => r.event);

  before(async () => {
    t = await startTestServer({
      beforeStart: (kernel) => {
        kernel.events.subscribe(recorder('test.all', ['*'], received));
        kernel.events.subscribe(recorder('test.users', ['user.created'], received));
        kernel.events.subscribe(recorder('test.other', ['other.thing'], received));
      },
    });
  });
  after(() => t.close());

  const emitCommitted = (event: NewEvent) => t.kernel.db.transaction().execute((trx) => t.kernel.events.emit(trx, systemActor('test'), event));

  it('delivers an event emitted before the dispatcher started (the first admin)', async () => {
    const admin = await waitFor('the bootstrap event', () => of('test.users').find((e) => e.payload.username === 'admin'));
    assert.equal(admin.type, 'user.created');
    assert.equal(admin.actorType, 'system');
    assert.equal(admin.actorId, null);
    assert.ok(of('test.all').some((e) => e.id === admin.id));
  });

  it('delivers a committed event once to each matching subscriber, with payload, entity and actor', async () => {
    const me = (await t.admin.get('/api/v1/auth/me')).body.user.id as string;
    const res = await t.admin.post('/api/v1/users', { username: 'budi', displayName: 'Budi', password: 'kata-sandi-panjang-1', roles: [{ role: 'warga' }] });
    assert.equal(res.status, 201);
    const userId = res.body.id as string;

    const event = await waitFor('user.created for budi', () => of('test.users').find((e) => e.entityId === userId));
    await waitFor('the * subscriber', () => of('test.all').find((e) => e.entityId === userId));
    assert.equal(event.type, 'user.created');
    assert.equal(event.entityType, 'user');
    assert.equal(event.entityId, userId);
    assert.equal(event.payload.id, userId);
    assert.equal(event.payload.username, 'budi');
    assert.deepEqual(
      (event.payload.roles as { role: string }[]).map((r) => r.role),
      ['warga'],
    );
    assert.equal(event.actorType, 'user');
    assert.equal(event.actorId, me);
    assert.equal(event.requestId, res.headers.get('x-request-id'));
    assert.ok(event.occurredAt instanceof Date);
    assert.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    assert.equal(typeof event.seq, 'number');

    // A later event is delivered after this one (deliveries go in order); by then no duplicate came.
    await emitCommitted({ type: 'other.thing', payload: { marker: 'after-budi' } });
    await waitFor('the marker', () => of('test.all').find((e) => e.payload.marker === 'after-budi'));
    assert.equal(of('test.users').filter((e) => e.id === event.id).length, 1);
    assert.equal(of('test.all').filter((e) => e.id === event.id).length, 1);
    assert.equal(of('test.other').filter((e) => e.id === event.id).length, 0);

    const deliveries = await t.kernel.db
      .selectFrom('core.event_delivery as d')
      .innerJoin('core.outbox as o', 'o.id', 'd.outbox_id')
      .select(['d.subscriber', 'd.status', 'd.attempts', 'd.last_error'])
      .where('o.event_id', '=', event.id)
      .orderBy('d.subscriber')
      .execute();
    assert.deepEqual(deliveries, [
      { subscriber: 'test.all', status: 'done', attempts: 1, last_error: null },
      { subscriber: 'test.users', status: 'done', attempts: 1, last_error: null },
    ]);
  });

  it('never delivers an event whose transaction rolled back', async () => {
    await assert.rejects(
      t.kernel.db.transaction().execute(async (trx) => {
        await t.kernel.events.emit(trx, systemActor('test'), { type: 'other.thing', entityType: 'thing', entityId: 'x', payload: { n: 'rolled-back' } });
        throw new Error('change abandoned');
      }),
      /change abandoned/,
    );
    await emitCommitted({ type: 'other.thing', entityType: 'thing', entityId: 'y', payload: { n: 'committed' } });
    await waitFor('the committed event', () => of('test.other').find((e) => e.payload.n === 'committed'));
    await waitFor('the committed event (*)', () => of('test.all').find((e) => e.payload.n === 'committed'));
    assert.deepEqual(
      of('test.other').map((e) => e.payload.n ?? e.payload.marker),
      ['after-budi', 'committed'],
    );
    assert.equal(received.filter((r) => r.event.payload.n === 'rolled-back').length, 0);
    const stored = await sql<{ count: string }>`SELECT count(*) FROM core.outbox WHERE payload->>'n' = 'rolled-back'`.execute(t.kernel.db);
    assert.equal(stored.rows[0]!.count, '0');
  });

  it('records no delivery for an event nobody subscribed to', async () => {
    await emitCommitted({ type: 'nobody.cares', payload: {} });
    // '*' still wants it
    const event = await waitFor('nobody.cares via *', () => of('test.all').find((e) => e.type === 'nobody.cares'));
    const rows = await t.kernel.db
      .selectFrom('core.event_delivery as d')
      .innerJoin('core.outbox as o', 'o.id', 'd.outbox_id')
      .select('d.subscriber')
      .where('o.event_id', '=', event.id)
      .execute();
    assert.deepEqual(rows, [{ subscriber: 'test.all' }]);
  });

  it('emits events produced by a query, in the same statement as the write they describe', async () => {
    const written = await t.kernel.db.transaction().execute((trx) =>
      t.kernel.events.emitSelect(trx, systemActor('test'), {
        with: sql`made AS (SELECT g AS n FROM generate_series(1, 3) AS g)`,
        select: sql`SELECT CASE WHEN n = 2 THEN 'user.created' ELSE 'other.thing' END, 'thing', n::text, jsonb_build_object('n', 'bulk-' || n) FROM made`,
      }),
    );
    assert.equal(written, 3);
    await waitFor('the three bulk events', () => of('test.all').filter((e) => String(e.payload.n).startsWith('bulk-')).length === 3);
    await waitFor('bulk-2 for the user subscriber', () => of('test.users').find((e) => e.payload.n === 'bulk-2'));
    await waitFor('bulk-1 and bulk-3 for the other subscriber', () => of('test.other').filter((e) => String(e.payload.n).startsWith('bulk-')).length === 2);
    const bulk = of('test.all').filter((e) => String(e.payload.n).startsWith('bulk-'));
    assert.deepEqual(bulk.map((e) => [e.entityType, e.entityId, e.actorType]).sort(), [['thing', '1', 'system'], ['thing', '2', 'system'], ['thing', '3', 'system']]);
    assert.equal(new Set(bulk.map((e) => e.id)).size, 3);
    // UUIDv7 like emit()'s: version 7, and the first 48 bits are the time in milliseconds.
    for (const e of bulk) {
      assert.match(e.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(Math.abs(parseInt(e.id.replace(/-/g, '').slice(0, 12), 16) - Date.now()) < 60_000);
    }
  });
});

/** A fresh migrated database with its own pool, like one Padu process. */
interface Proc {
  pool: pg.Pool;
  db: Kysely<DB>;
  close(): Promise<void>;
}

function connect(url: string): Proc {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { pool, db, close: () => db.destroy() };
}

async function delivery(db: Kysely<DB>, subscriber: string) {
  return db
    .selectFrom('core.event_delivery')
    .select(['status', 'attempts', 'last_error', 'delivered_at', sql<boolean>`available_at > now()`.as('later')])
    .where('subscriber', '=', subscriber)
    .executeTakeFirstOrThrow();
}

/** Skips the backoff: makes every pending delivery claimable now. */
const dueNow = (db: Kysely<DB>) => sql`UPDATE core.event_delivery SET available_at = now() WHERE status = 'pending'`.execute(db);

describe('Dispatcher', () => {
  let database: TestDatabase;
  let main: Proc;
  let tests = 0;
  before(async () => {
    database = await createTestDatabase();
    main = connect(database.url);
  });
  after(async () => {
    await main.close();
    await database.drop();
  });

  /** Each test uses its own event type, so earlier tests' rows stay out of its way. */
  const emit = (bus: EventBus, type: string, payload: Record<string, unknown> = {}) =>
    main.db.transaction().execute((trx) => bus.emit(trx, systemActor('test'), { type, entityType: 'thing', entityId: 't1', payload }));

  const freshType = () => `test.event${++tests}`;
  const settle = async () => {
    // leave nothing pending for the next test
    await sql`UPDATE core.event_delivery SET status = 'dead' WHERE status = 'pending'`.execute(main.db);
  };

  it('backs off 2, 4, 8 … seconds, capped at an hour', () => {
    assert.deepEqual([1, 2, 3, 4].map(backoffSeconds), [2, 4, 8, 16]);
    assert.equal(backoffSeconds(12), 3600);
    assert.equal(backoffSeconds(40), 3600);
  });

  it('retries a failing handler with backoff until it succeeds, counting attempts', async () => {
    const type = freshType();
    const bus = new EventBus();
    const calls: string[] = [];
    bus.subscribe({
      name: 'flaky',
      types: [type],
      async handle(event) {
        calls.push(event.id);
        if (calls.length < 3) throw new Error(`flaky failure ${calls.length}`);
      },
    });
    const eventId = await emit(bus, type, { n: 1 });
    const dispatcher = new Dispatcher(main.db, bus, null, { maxAttempts: 5 });

    assert.equal(await dispatcher.runOnce(), 1);
    let row = await delivery(main.db, 'flaky');
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, 'flaky failure 1');
    assert.equal(row.later, true, 'the retry waits for its backoff');
    assert.equal(await dispatcher.runOnce(), 0, 'not claimable during the backoff');

    await dueNow(main.db);
    assert.equal(await dispatcher.runOnce(), 1);
    row = await delivery(main.db, 'flaky');
    assert.deepEqual([row.status, row.attempts, row.last_error], ['pending', 2, 'flaky failure 2']);

    await dueNow(main.db);
    assert.equal(await dispatcher.runOnce(), 1);
    row = await delivery(main.db, 'flaky');
    assert.deepEqual([row.status, row.attempts, row.last_error], ['done', 3, null]);
    assert.ok(row.delivered_at instanceof Date);
    assert.deepEqual(calls, [eventId, eventId, eventId]);

    await dueNow(main.db);
    assert.equal(await dispatcher.runOnce(), 0);
    assert.equal(calls.length, 3);
  });

  it('gives up after maxAttempts: the delivery goes dead with the last error', async () => {
    const type = freshType();
    const bus = new EventBus();
    let calls = 0;
    bus.subscribe({
      name: 'broken',
      types: [type],
      async handle() {
        calls += 1;
        throw new Error(`broken handler, call ${calls}`);
      },
    });
    await emit(bus, type);
    const logged: { level: string; details?: object }[] = [];
    const dispatcher = new Dispatcher(main.db, bus, null, { maxAttempts: 3, log: (level, _message, details) => logged.push({ level, details }) });
    for (let i = 0; i < 3; i++) {
      await dueNow(main.db);
      assert.equal(await dispatcher.runOnce(), 1);
    }
    const row = await delivery(main.db, 'broken');
    assert.equal(row.status, 'dead');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_error, 'broken handler, call 3');
    assert.equal(row.delivered_at, null);
    assert.deepEqual(
      logged.map((l) => l.level),
      ['warn', 'warn', 'error'],
    );
    assert.equal((logged[2]!.details as { dead: boolean }).dead, true);

    await dueNow(main.db);
    assert.equal(await dispatcher.runOnce(), 0, 'a dead delivery is not retried');
    assert.equal(calls, 3);
  });

  it('a failing subscriber does not hold up the others, even when it throws a non-Error', async () => {
    const type = freshType();
    const bus = new EventBus();
    const good: string[] = [];
    bus.subscribe({
      name: 'throws-undefined',
      types: [type],
      async handle() {
        throw undefined;
      },
    });
    bus.subscribe({
      name: 'throws-string',
      types: [type],
      async handle() {
        throw 'just a string';
      },
    });
    bus.subscribe({ name: 'good', types: [type], handle: async (event) => void good.push(event.id) });
    const first = await emit(bus, type, { n: 1 });
    const second = await emit(bus, type, { n: 2 });
    const dispatcher = new Dispatcher(main.db, bus, null);
    assert.equal(await dispatcher.runOnce(), 6);
    assert.deepEqual(good, [first, second]);
    const rows = await main.db
      .selectFrom('core.event_delivery')
      .select(['subscriber', 'status', 'attempts', 'last_error'])
      .where('subscriber', 'in', ['throws-undefined', 'throws-string', 'good'])
      .orderBy('id')
      .execute();
    assert.deepEqual(rows, [
      { subscriber: 'throws-undefined', status: 'pending', attempts: 1, last_error: 'undefined' },
      { subscriber: 'throws-string', status: 'pending', attempts: 1, last_error: 'just a string' },
      { subscriber: 'good', status: 'done', attempts: 1, last_error: null },
      { subscriber: 'throws-undefined', status: 'pending', attempts: 1, last_error: 'undefined' },
      { subscriber: 'throws-string', status: 'pending', attempts: 1, last_error: 'just a string' },
      { subscriber: 'good', status: 'done', attempts: 1, last_error: null },
    ]);
    await settle();
  });

  it('a delivery for a subscriber this process does not have fails and is retried', async () => {
    const type = freshType();
    const writer = new EventBus();
    writer.subscribe({ name: 'elsewhere', types: [type], handle: async () => {} });
    await emit(writer, type);
    const dispatcher = new Dispatcher(main.db, new EventBus(), null);
    assert.equal(await dispatcher.runOnce(), 1);
    const row = await delivery(main.db, 'elsewhere');
    assert.equal(row.status, 'pending');
    assert.match(row.last_error ?? '', /no subscriber named elsewhere/);
    await settle();
  });

  it('redelivers what a crashed worker claimed once its lease runs out', async () => {
    const type = freshType();
    let claimedByCrashed!: () => void;
    const crashedClaimed = new Promise<void>((resolve) => (claimedByCrashed = resolve));
    const crashedBus = new EventBus();
    // This worker claims the delivery, then "crashes": its handler never returns.
    crashedBus.subscribe({ name: 'leased', types: [type], handle: () => (claimedByCrashed(), new Promise<void>(() => {})) });
    const survivorBus = new EventBus();
    const delivered: StoredEvent[] = [];
    survivorBus.subscribe({ name: 'leased', types: [type], handle: async (event) => void delivered.push(event) });

    const eventId = await emit(survivorBus, type, { n: 'leased' });
    const crashedProc = connect(database.url);
    const survivorProc = connect(database.url);
    try {
      const crashed = new Dispatcher(crashedProc.db, crashedBus, null, { leaseSeconds: 3600 });
      void crashed.runOnce();
      await crashedClaimed;

      const survivor = new Dispatcher(survivorProc.db, survivorBus, null);
      let row = await delivery(main.db, 'leased');
      assert.deepEqual([row.status, row.attempts, row.later], ['pending', 1, true]);
      assert.equal(await survivor.runOnce(), 0, 'the lease hides the claimed delivery');
      assert.equal(delivered.length, 0);

      // the lease runs out
      await sql`UPDATE core.event_delivery SET available_at = now() - interval '1 second' WHERE subscriber = 'leased'`.execute(main.db);
      assert.equal(await survivor.runOnce(), 1);
      assert.deepEqual(
        delivered.map((e) => [e.id, e.payload.n]),
        [[eventId, 'leased']],
      );
      row = await delivery(main.db, 'leased');
      assert.deepEqual([row.status, row.attempts], ['done', 2]);
    } finally {
      await crashedProc.close();
      await survivorProc.close();
    }
  });

  it('two dispatchers over one database deliver each of 200 events exactly once', async () => {
    const type = freshType();
    const handled: { worker: string; id: string }[] = [];
    const buses = ['A', 'B'].map((worker) => {
      const bus = new EventBus();
      bus.subscribe({
        name: 'counter',
        types: [type],
        async handle(event) {
          handled.push({ worker, id: event.id });
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      return bus;
    });
    const procs = [connect(database.url), connect(database.url)];
    const dispatchers = procs.map((proc, i) => new Dispatcher(proc.db, buses[i]!, null, { batchSize: 7, pollMs: 50 }));
    try {
      await Promise.all(dispatchers.map((d) => d.start()));
      // 200 events in 200 transactions, written from 10 connections at once while both deliver
      const emitted: string[] = [];
      await Promise.all(
        Array.from({ length: 10 }, async (_, chain) => {
          for (let i = 0; i < 20; i++) emitted.push(await emit(buses[0]!, type, { chain, i }));
        }),
      );
      assert.equal(new Set(emitted).size, 200);
      await waitFor('200 deliveries done', async () => {
        const done = await sql<{ count: string }>`
          SELECT count(*) FROM core.event_delivery WHERE subscriber = 'counter' AND status = 'done'`.execute(main.db);
        return done.rows[0]!.count === '200';
      });
      await Promise.all(dispatchers.map((d) => d.stop()));

      assert.equal(handled.length, 200);
      assert.deepEqual(new Set(handled.map((h) => h.id)), new Set(emitted));
      const attempts = await sql<{ attempts: number; count: string }>`
        SELECT attempts, count(*) FROM core.event_delivery WHERE subscriber = 'counter' GROUP BY attempts`.execute(main.db);
      assert.deepEqual(attempts.rows, [{ attempts: 1, count: '200' }]);
      // nothing left for either of them
      for (const d of dispatchers) assert.equal(await d.runOnce(), 0);
      assert.equal(handled.length, 200);
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
      await Promise.all(procs.map((p) => p.close()));
    }
  });
});
