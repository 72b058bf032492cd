/**
 * Failure tests of webhook delivery with a real Padu process: SIGKILL it while it delivers,
 * start it again, and every event still reaches the receiver at least once (duplicates carry
 * the same webhook-id). The test process only writes events and reads results: its own server
 * runs without workers, so the child is the one delivering.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../core/audit/actor.js';
import { packageRoot } from '../../core/paths.js';
import { createTestApp, type TestApp } from '../../../test/helpers/apps.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { verifySignature } from './signature.js';
import { TestReceiver } from './test-receiver.js';

/** Guards against a hang only; no assertion depends on timing. */
const GUARD_MS = 90_000;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = GUARD_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

class PaduProcess {
  readonly child: ChildProcess;
  output = '';
  exited = false;

  constructor(databaseUrl: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      cwd: packageRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        PADU_LOG_LEVEL: 'error',
        PADU_DEMO_DATA: 'false',
        PADU_ADMIN_PASSWORD: 'tidak-dipakai-123',
        PADU_DB_POOL_SIZE: '4',
        PADU_WORKERS: 'true',
        // Claimed-but-unfinished deliveries of a killed process come back quickly.
        PADU_WEBHOOK_LEASE_SECONDS: '2',
        PADU_WEBHOOK_BACKOFF: '1,1,1,1,1,1,1,1',
        PADU_WEBHOOK_POLL_MS: '50',
        PADU_WEBHOOK_BATCH: '20',
        PADU_WEBHOOK_CONCURRENCY: '4',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.on('exit', () => (this.exited = true));
  }

  async ready(): Promise<void> {
    await until('padu serve to listen', () => /https?:\/\/\S+:\d+/.test(this.output) || this.exited);
    if (this.exited) throw new Error(`padu serve ended:\n${this.output}`);
  }

  async kill(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await gone;
  }
}

describe('webhook delivery survives a killed process', () => {
  let t: TestServer;
  let app: TestApp;
  let padu: PaduProcess | null = null;
  const receiver = new TestReceiver();

  before(async () => {
    t = await startTestServer({ env: { PADU_WORKERS: 'false' } });
    await receiver.start();
    app = await createTestApp(t, { kode: 'penerima-crash', scopes: ['events:read', 'organisasi:read'] });
  });
  after(async () => {
    await padu?.kill();
    await receiver.stop();
    await t.close();
  });

  it('SIGKILL in the middle of delivery, restart: every event arrives at least once, duplicates share the webhook-id', async () => {
    const sub = await t.admin.post(`/api/v1/integrasi/aplikasi/${app.kode}/webhook`, { nama: 'Crash', url: receiver.url, jenisEvent: ['opd.*'] });
    assert.equal(sub.status, 201, JSON.stringify(sub.body));
    const secret = sub.body.rahasia as string;

    const total = 300;
    const actor = systemActor('uji-crash');
    const eventIds: string[] = [];
    for (let i = 0; i < total; i++) {
      eventIds.push(
        await t.kernel.db.transaction().execute((trx) =>
          t.kernel.events.emit(trx, actor, { type: 'opd.updated', entityType: 'opd', entityId: `opd-${i % 25}`, payload: { id: `opd-${i % 25}`, kode: `K${i}`, urutan: i } }),
        ),
      );
    }
    // A slow receiver keeps deliveries in flight when the kill comes.
    receiver.respond = () => {
      const until = Date.now() + 5;
      while (Date.now() < until);
      return 200;
    };

    padu = new PaduProcess(t.database.url);
    await padu.ready();
    await until('some deliveries', () => receiver.received.length >= 40);
    await padu.kill();
    const beforeRestart = receiver.uniqueIds().size;
    const claimedWhenKilled = await sql<{ n: string }>`
      SELECT count(*) AS n FROM integrasi.webhook_kiriman WHERE status IN ('menunggu', 'gagal')`.execute(t.kernel.db);
    assert.ok(Number(claimedWhenKilled.rows[0]!.n) > 0, `everything was delivered before the kill (${beforeRestart} received)`);

    padu = new PaduProcess(t.database.url);
    await padu.ready();
    await until('every event at the receiver', () => receiver.uniqueIds().size >= total);
    await padu.kill();
    padu = null;

    const received = receiver.uniqueIds();
    for (const id of eventIds) assert.ok(received.has(id), `event ${id} never arrived`);
    for (const delivery of receiver.received) {
      assert.ok(verifySignature(secret, delivery.id, delivery.timestamp, delivery.body, delivery.signature));
      assert.equal(JSON.parse(delivery.body).id, delivery.id);
    }
    // Per record, the first arrival of each event keeps feed order.
    const firsts = new Map<string, number[]>();
    for (const delivery of receiver.received) {
      const body = JSON.parse(delivery.body);
      const list = firsts.get(body.entityId) ?? [];
      if (!list.includes(body.data.urutan)) list.push(body.data.urutan);
      firsts.set(body.entityId, list);
    }
    for (const [entity, order] of firsts) assert.deepEqual(order, [...order].sort((a, b) => a - b), `order of ${entity}`);
  });

  it('a receiver that is down for a while gets everything once it is back', async () => {
    const sub = await t.admin.post(`/api/v1/integrasi/aplikasi/${app.kode}/webhook`, { nama: 'Mati sebentar', url: receiver.url, jenisEvent: ['unit.*'] });
    assert.equal(sub.status, 201, JSON.stringify(sub.body));
    receiver.respond = () => 200;
    const port = receiver.port;
    await receiver.stop();
    padu = new PaduProcess(t.database.url);
    await padu.ready();
    const actor = systemActor('uji-mati');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push(await t.kernel.db.transaction().execute((trx) => t.kernel.events.emit(trx, actor, { type: 'unit.updated', entityType: 'unit', entityId: `unit-${i % 3}`, payload: { id: `unit-${i % 3}`, urutan: i } })));
    }
    // Every delivery fails at least once while the receiver is away.
    await until('failed attempts', async () => {
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM integrasi.webhook_kiriman WHERE langganan_id = ${sub.body.id}::uuid AND status = 'gagal'`.execute(t.kernel.db);
      return Number(rows[0]!.n) >= 3;
    });
    await receiver.start(port);
    await until('every event after the receiver came back', () => ids.every((id) => receiver.uniqueIds().has(id)));
    await until('results recorded', async () => {
      const done = await sql<{ n: string }>`SELECT count(*) AS n FROM integrasi.webhook_kiriman WHERE langganan_id = ${sub.body.id}::uuid AND status = 'terkirim'`.execute(t.kernel.db);
      return Number(done.rows[0]!.n) === 20;
    });
    await padu.kill();
    padu = null;
  });
});
