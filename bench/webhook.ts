/**
 * Integration hub, webhooks, two runs of 10,000 events each, committed through the real event bus
 * (one per transaction by default, BENCH_WEBHOOK_PER_TX; 16 committers; 1,000 distinct records so
 * per-record ordering is in play) and delivered by the webhook worker to a local receiver:
 * - live: committed while the worker delivers; events/s from the first commit to the last first
 *   arrival (it cannot exceed the commit rate, printed too), and p50/p99 from commit
 *   (core.outbox.occurred_at) to the receiver's first receipt of each event;
 * - drain: committed while the subscription is paused, then resumed; events/s from resume to the
 *   last arrival: what the delivery engine sustains (fan-out, claim, sign, send, record).
 * Baseline in the same run: the same receiver fed 10,000 signed POSTs directly from this process
 * at the worker's concurrency over a keep-alive pool (no database at all). The receiver is a
 * plain node:http server in its own process recording the first arrival of each webhook-id.
 * Targets (issue 4): ≥ 2,000 events/s and p99 under 1 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { Agent, request } from 'undici';
import { uuidv7 } from 'uuidv7';
import { systemActor } from '../src/core/audit/actor.js';
import { Access } from '../src/core/authz/access.js';
import { createAplikasi } from '../src/integration/katalog/aplikasi.js';
import { loadWebhookConfig } from '../src/integration/webhook/config.js';
import { createLangganan, updateLangganan } from '../src/integration/webhook/langganan.js';
import { signedHeaders } from '../src/integration/webhook/signature.js';
import type { RunningServer } from '../src/server.js';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 10_000);
const COMMITTERS = 16;
/** Events per transaction: 1 = each event its own commit (then the commit rate bounds everything). */
const PER_TX = Number(process.env.BENCH_WEBHOOK_PER_TX ?? 1);
const RECORDS = 1000;

// Records the first arrival of each webhook-id (ms since epoch); answers 204 at once.
const RECEIVER = `
const http = require('node:http');
const first = new Map();
let total = 0;
const server = http.createServer((req, res) => {
  const id = req.headers['webhook-id'];
  req.resume();
  req.on('end', () => {
    total++;
    if (!first.has(id)) first.set(id, Date.now());
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60000;
process.on('message', (m) => {
  if (m === 'dump') process.send({ first: [...first], total });
  if (m === 'reset') { first.clear(); total = 0; process.send('ok'); }
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

interface Receiver {
  url: string;
  child: ChildProcess;
  dump(): Promise<{ first: Map<string, number>; total: number }>;
  reset(): Promise<void>;
}

function startReceiver(): Promise<Receiver> {
  const child = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void next<{ port: number }>().then(({ port }) =>
      resolve({
        url: `http://127.0.0.1:${port}/hook`,
        child,
        async dump() {
          const reply = next<{ first: [string, number][]; total: number }>();
          child.send('dump');
          const { first, total } = await reply;
          return { first: new Map(first), total };
        },
        async reset() {
          const reply = next<string>();
          child.send('reset');
          await reply;
        },
      }),
    );
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** The baseline: 10,000 signed POSTs straight to the receiver, at the worker's concurrency. */
async function direct(receiver: Receiver, concurrency: number): Promise<{ perSecond: number; p99: number }> {
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
  const secret = 'whsec_' + Buffer.from('bench-secret-bench-secret').toString('base64');
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < EVENTS) {
      next++;
      const id = uuidv7();
      const body = JSON.stringify({ id, type: 'opd.updated', timestamp: new Date().toISOString(), cursor: 'x', entityType: 'opd', entityId: 'bench', data: { id: 'bench', kode: 'B' } });
      const t0 = performance.now();
      const response = await request(`${receiver.url}`, { method: 'POST', dispatcher: agent, headers: signedHeaders([secret], id, Math.floor(Date.now() / 1000), body), body });
      await response.body.dump();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsed = (performance.now() - started) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  return { perSecond: EVENTS / elapsed, p99: percentile(latencies, 99) };
}

export async function webhookBench(server: RunningServer): Promise<void> {
  const { kernel } = server;
  const config = loadWebhookConfig();
  console.log(`\nWebhooks: ${EVENTS.toLocaleString('en')} events, ${COMMITTERS} committers, ${RECORDS} records; worker batch ${config.batchSize}, concurrency ${config.concurrency}, poll ${config.pollMs} ms`);
  const receiver = await startReceiver();
  try {
    // Baseline first (warms the receiver's JIT too), then reset its record.
    const baseline = await direct(receiver, config.concurrency);
    await receiver.reset();

    const everything = new Access([{ role: 'admin', scopeType: 'city', scopeCode: null }]);
    const actor = systemActor('bench');
    const app = await createAplikasi(kernel, actor, everything, { kode: `bench-webhook-${Date.now() % 100000}`, nama: 'Bench webhook', jenis: 'lainnya' });
    await sql`INSERT INTO integrasi.izin (aplikasi_id, scope) VALUES (${app.id}, 'events:read'), (${app.id}, 'organisasi:read')`.execute(kernel.db);
    const sub = await createLangganan(kernel, actor, everything, app.kode, { nama: 'Bench', url: receiver.url, jenisEvent: ['opd.*'] });

    const commit = async (label: string) => {
      const ids: string[] = [];
      let next = 0;
      let transactions = 0;
      const started = Date.now();
      const committer = async () => {
        while (next < EVENTS) {
          const batch = Array.from({ length: Math.min(PER_TX, EVENTS - next) }, () => next++);
          transactions++;
          await kernel.db.transaction().execute(async (trx) => {
            for (const i of batch) {
              const record = `bench-${label}-${i % RECORDS}`;
              ids.push(await kernel.events.emit(trx, actor, { type: 'opd.updated', entityType: 'opd', entityId: record, payload: { id: record, kode: `B${i % RECORDS}`, version: i, changed: ['nama'] } }));
            }
          });
        }
      };
      await Promise.all(Array.from({ length: COMMITTERS }, committer));
      const seconds = (Date.now() - started) / 1000;
      console.log(`  ${label}: committed ${ids.length.toLocaleString('en')} events in ${transactions.toLocaleString('en')} transactions (${PER_TX} each) in ${seconds.toFixed(2)} s: ${(transactions / seconds).toFixed(0)} commits/s`);
      return ids;
    };
    const arrivals = async (ids: string[]) => {
      const done = await until(async () => (await receiver.dump()).first.size >= ids.length, 300_000);
      const { first, total } = await receiver.dump();
      const committed = await sql<{ event_id: string; at: Date }>`SELECT event_id, occurred_at AS at FROM core.outbox WHERE event_id = ANY(${ids}::uuid[])`.execute(kernel.db);
      const latencies: number[] = [];
      let firstCommit = Infinity;
      let firstArrival = Infinity;
      let lastArrival = 0;
      for (const row of committed.rows) {
        const at = row.at.getTime();
        firstCommit = Math.min(firstCommit, at);
        const arrived = first.get(row.event_id);
        if (arrived === undefined) continue;
        firstArrival = Math.min(firstArrival, arrived);
        lastArrival = Math.max(lastArrival, arrived);
        latencies.push(arrived - at);
      }
      latencies.sort((a, b) => a - b);
      if (!done) console.log(`  NOT ALL ARRIVED within 5 minutes: ${latencies.length} of ${ids.length}`);
      return { latencies, total, firstCommit, firstArrival, lastArrival };
    };

    // 1. Live: events committed while the worker delivers; latency from commit to arrival.
    const liveIds = await commit('live');
    const live = await arrivals(liveIds);
    const livePerSecond = live.latencies.length / ((live.lastArrival - live.firstCommit) / 1000);
    const p99 = percentile(live.latencies, 99);
    console.log(`  live  : ${livePerSecond.toFixed(0)} events/s first commit → last arrival (${live.total.toLocaleString('en')} POSTs), commit→delivery p50 ${percentile(live.latencies, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${live.latencies.at(-1)?.toFixed(0)} ms`);

    // 2. Drain: a backlog of 10,000 (subscription paused while they commit), then resumed: what the engine sustains.
    await receiver.reset();
    const paused = await updateLangganan(kernel, actor, everything, sub.id, sub.version, { status: 'jeda' });
    const backlogIds = await commit('backlog');
    await until(async () => {
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM integrasi.webhook_kiriman WHERE langganan_id = ${sub.id}::uuid AND status = 'menunggu'`.execute(kernel.db);
      return Number(rows[0]!.n) >= EVENTS;
    }, 120_000);
    const resumedAt = Date.now();
    await updateLangganan(kernel, actor, everything, sub.id, paused.version, { status: 'aktif' });
    const drain = await arrivals(backlogIds);
    const drainPerSecond = drain.latencies.length / ((drain.lastArrival - resumedAt) / 1000);
    console.log(`  drain : ${drainPerSecond.toFixed(0)} events/s from resume to last arrival (${drain.total.toLocaleString('en')} POSTs)`);

    const statuses = await sql<{ status: string; n: string }>`SELECT status, count(*) AS n FROM integrasi.webhook_kiriman WHERE langganan_id = ${sub.id}::uuid GROUP BY status`.execute(kernel.db);
    console.log(`  deliveries: ${statuses.rows.map((r) => `${r.status} ${r.n}`).join(', ')}`);
    console.log(`  direct: ${baseline.perSecond.toFixed(0)} events/s, request p99 ${baseline.p99.toFixed(1)} ms`);
    console.log(
      `  ratio: drain ${(drainPerSecond / baseline.perSecond).toFixed(2)} of direct, live ${(livePerSecond / baseline.perSecond).toFixed(2)}; target ≥ 2,000 events/s (${drainPerSecond >= 2000 ? 'met' : 'NOT met'}: drain ${drainPerSecond.toFixed(0)}, live ${livePerSecond.toFixed(0)} — the live run cannot beat its commit rate), p99 < 1 s (${p99 < 1000 ? 'met' : 'NOT met'}: ${p99.toFixed(0)} ms)`,
    );
  } finally {
    receiver.child.kill();
  }
}
