/**
 * E-kelurahan under residents' load, against bare Fastify + pg routes on the same database:
 * - submissions per second: signed-in residents POST a domisili request (session, CSRF,
 *   permission, registry pre-fill, validation, insert, timeline, audit, outbox) against a bare
 *   route inserting an equivalent row into a table shaped like layanan.permohonan (LIKE …
 *   INCLUDING ALL, plus its foreign key);
 * - 1,000 residents polling their status at once: 1,000 distinct sessions each GET their own
 *   request by tracking code, in waves of 1,000 simultaneous requests, against the same number of
 *   GETs of the same rows through a bare route running the same row query.
 * The load runs in a child process (plain node:http, one keep-alive connection per client) so it
 * does not share the server's event loop; it still shares the machine's cores, as the baselines do.
 * Set-up is not timed: the residents come from the demo registry; one account is made through
 * createUser and the others are copied from it in one statement (an argon2 hash each would cost
 * ~35 ms, half a minute for 1,000 on two cores); sessions come from createSession, as a sign-in
 * makes them.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { systemActor } from '../src/core/audit/actor.js';
import { SESSION_COOKIE } from '../src/core/auth/guard.js';
import { createSession } from '../src/core/auth/sessions.js';
import { createUser } from '../src/core/users/service.js';
import { loadHolidays } from '../src/modules/layanan/hari-libur.js';
import { addWorkingDays, dayWib } from '../src/modules/layanan/kalender.js';
import { findJenis } from '../src/modules/layanan/katalog.js';
import { kodeLacak, readPemohon, type Pemohon } from '../src/modules/layanan/pemohon.js';
import { SELECT as SELECT_PERMOHONAN, snapshotOf } from '../src/modules/layanan/permohonan.js';
import type { RunningServer } from '../src/server.js';
import type { BenchSettings } from './authenticated-read.js';

const RESIDENTS = 1000;
/** Waves of polling per round: every resident polls this many times. */
const POLLS = Number(process.env.BENCH_POLLS ?? 4);
const SUBMIT_PATH = '/api/v1/layanan/saya/permohonan';
const SUBMIT_BODY = JSON.stringify({ jenis: 'domisili', data: { keperluan: 'Melamar pekerjaan di Kota Padang' } });

interface Resident {
  userId: string;
  nik: string;
  pemohon: Pemohon;
  cookie: string;
  csrf: string;
}

// ------------------------------------------------------------------------------ load generator

interface Client {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Job {
  origin: string;
  clients: Client[];
  /** Closed loop for `seconds` with `concurrency` requests in flight, taking clients in turn. */
  seconds?: number;
  concurrency?: number;
  /** Else: `waves` times, every client at once, the next wave when the whole last one has answered. */
  waves?: number;
  /** When set, each request gets its own Idempotency-Key `<prefix>-<n>`. */
  idempotencyPrefix?: string;
}

interface Result {
  count: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Plain JavaScript, run by `node --input-type=module -e`: the job on stdin, the result on stdout. */
const WORKER = `
import http from 'node:http';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
const origin = new URL(job.origin);
const sockets = job.concurrency ?? job.clients.length;
const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
const latencies = [];
let non2xx = 0, errors = 0, seq = 0, next = 0;
function send(client) {
  const headers = { ...client.headers };
  if (client.body !== undefined) headers['content-length'] = String(Buffer.byteLength(client.body));
  if (job.idempotencyPrefix) headers['idempotency-key'] = job.idempotencyPrefix + '-' + seq++;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const done = (status) => {
      latencies.push(performance.now() - t0);
      if (status === 0) errors++;
      else if (status < 200 || status > 299) non2xx++;
      resolve();
    };
    const req = http.request({ agent, host: origin.hostname, port: origin.port, method: client.method, path: client.path, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => done(res.statusCode));
      res.on('error', () => done(0));
    });
    req.on('error', () => done(0));
    req.end(client.body);
  });
}
const started = performance.now();
if (job.seconds) {
  const end = started + job.seconds * 1000;
  await Promise.all(Array.from({ length: job.concurrency }, async () => {
    while (performance.now() < end) await send(job.clients[next++ % job.clients.length]);
  }));
} else {
  for (let wave = 0; wave < job.waves; wave++) await Promise.all(job.clients.map(send));
}
const seconds = (performance.now() - started) / 1000;
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
process.stdout.write(JSON.stringify({ count: latencies.length, seconds, requestsPerSecond: latencies.length / seconds, p50: at(50), p95: at(95), p99: at(99), non2xx, errors }));
`;

function runJob(job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', WORKER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`load worker exited ${code}: ${err}`));
      resolve(JSON.parse(out) as Result);
    });
    child.stdin.end(JSON.stringify(job));
  });
}

// ------------------------------------------------------------------------------ set-up

/** 1,000 living residents of the registry, each with a `warga` account linked to their NIK and a session. */
async function residents(server: RunningServer): Promise<Resident[]> {
  const { kernel } = server;
  const db = kernel.db;
  const { rows } = await sql<{ nik: string }>`
    SELECT p.nik FROM penduduk.penduduk p
    WHERE p.status = 'hidup' AND p.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM core.app_user u WHERE u.nik = p.nik)
    ORDER BY p.nik LIMIT ${RESIDENTS + 100}`.execute(db);
  const found: Array<{ nik: string; pemohon: Pemohon }> = [];
  for (const { nik } of rows) {
    if (found.length === RESIDENTS) break;
    const pemohon = await readPemohon(db, nik);
    if (pemohon) found.push({ nik, pemohon });
  }
  if (found.length < RESIDENTS) throw new Error(`only ${found.length} residents can request letters: the demo data is missing`);

  const template = await createUser(kernel, systemActor('bench'), {
    username: 'warga-bench-0000',
    displayName: found[0]!.pemohon.nama,
    password: 'bench-warga-password-123',
    roles: [{ role: 'warga' }],
    nik: found[0]!.nik,
  });
  const ids = found.map((_, i) => (i === 0 ? template.id : uuidv7()));
  const rest = found.slice(1).map((r, i) => ({ id: ids[i + 1]!, username: `warga-bench-${String(i + 1).padStart(4, '0')}`, nama: r.pemohon.nama, nik: r.nik }));
  await db.transaction().execute(async (trx) => {
    await sql`
      INSERT INTO core.app_user (id, username, display_name, password_hash, nik)
      SELECT r.id, r.username, r.nama, t.password_hash, r.nik
      FROM json_to_recordset(${JSON.stringify(rest)}::json) AS r(id uuid, username text, nama text, nik text), core.app_user t
      WHERE t.id = ${template.id}::uuid`.execute(trx);
    await sql`
      INSERT INTO core.user_role (user_id, role, scope_type, scope_code)
      SELECT r.id, g.role, g.scope_type, g.scope_code
      FROM json_to_recordset(${JSON.stringify(rest)}::json) AS r(id uuid), core.user_role g
      WHERE g.user_id = ${template.id}::uuid`.execute(trx);
  });

  const policy = { idleMinutes: kernel.config.sessionIdleMinutes, maxHours: kernel.config.sessionMaxHours };
  const out: Resident[] = [];
  for (let i = 0; i < found.length; i += 50) {
    const batch = found.slice(i, i + 50);
    const sessions = await Promise.all(batch.map((_, j) => createSession(db, ids[i + j]!, policy, { ip: '127.0.0.1', userAgent: 'padu-bench' })));
    batch.forEach((r, j) => out.push({ ...r, userId: ids[i + j]!, cookie: `${SESSION_COOKIE}=${sessions[j]!.token}`, csrf: sessions[j]!.csrfToken }));
  }
  return out;
}

/** Waits (untimed) until the outbox has delivered the events of the last round; returns the backlog it found. */
async function drainOutbox(server: RunningServer, maxSeconds = 30): Promise<{ backlog: number; seconds: number }> {
  const pending = async () =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM core.event_delivery WHERE status = 'pending'`.execute(server.kernel.db)).rows[0]!.n);
  const started = performance.now();
  const backlog = await pending();
  let left = backlog;
  while (left > 0 && performance.now() - started < maxSeconds * 1000) {
    await new Promise((r) => setTimeout(r, 250));
    left = await pending();
  }
  return { backlog, seconds: (performance.now() - started) / 1000 };
}

// ------------------------------------------------------------------------------ report

const mean = (list: Result[], key: keyof Result) => list.reduce((sum, r) => sum + r[key], 0) / list.length;

function row(name: string, list: Result[], withP95: boolean): string {
  const p95 = withP95 ? `   p95 ${mean(list, 'p95').toFixed(1).padStart(6)} ms` : '';
  return `${name.padEnd(44)} ${mean(list, 'requestsPerSecond').toFixed(0).padStart(7)} req/s   p50 ${mean(list, 'p50').toFixed(1).padStart(6)} ms${p95}   p99 ${mean(list, 'p99').toFixed(1).padStart(6)} ms   non-2xx ${mean(list, 'non2xx').toFixed(0)}${mean(list, 'errors') ? `   errors ${mean(list, 'errors').toFixed(0)}` : ''}`;
}

function report(title: string, explanation: string, baseline: string, subject: string, results: { padu: Result[]; bare: Result[] }, withP95 = false): void {
  console.log(`\n${title}`);
  console.log(`  ${explanation}`);
  console.log(row(`baseline: ${baseline}`, results.bare, withP95));
  console.log(row(`Padu: ${subject}`, results.padu, withP95));
  results.padu.forEach((padu, i) => {
    const bare = results.bare[i]!;
    console.log(`  round ${i + 1}: ratio ${(padu.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}   p99 ${padu.p99.toFixed(1)} ms against ${bare.p99.toFixed(1)} ms`);
  });
  console.log(`ratio Padu / baseline: ${(mean(results.padu, 'requestsPerSecond') / mean(results.bare, 'requestsPerSecond')).toFixed(2)} (req/s)   p99 ${(mean(results.padu, 'p99') / mean(results.bare, 'p99')).toFixed(1)}× the baseline's`);
}

// ------------------------------------------------------------------------------ the benchmark

export async function layananBench(server: RunningServer, settings: BenchSettings): Promise<void> {
  const { kernel } = server;
  const db = kernel.db;
  const setupStarted = performance.now();
  const people = await residents(server);

  const jenis = await findJenis(db, 'domisili');
  if (!jenis) throw new Error('the domisili letter type is missing from the catalogue');
  const snapshot = JSON.stringify(snapshotOf(jenis));
  const jatuhTempo = addWorkingDays(dayWib(), jenis.slaHari, await loadHolidays(db));

  // The baseline's table: layanan.permohonan's columns, defaults, checks, unique keys and indexes, and its foreign key.
  await sql`DROP SCHEMA IF EXISTS bench_layanan CASCADE`.execute(db);
  await sql`CREATE SCHEMA bench_layanan`.execute(db);
  await sql`CREATE TABLE bench_layanan.permohonan (LIKE layanan.permohonan INCLUDING ALL)`.execute(db);
  await sql`ALTER TABLE bench_layanan.permohonan ADD FOREIGN KEY (jenis_id) REFERENCES layanan.jenis_surat (id)`.execute(db);

  const pool = new pg.Pool({ connectionString: kernel.database.url, max: kernel.config.dbPoolSize });
  const bare = Fastify({ logger: false });
  const perResident = people.map((r) => ({ ...r, pemohonJson: JSON.stringify(r.pemohon) }));
  bare.post<{ Params: { i: string }; Body: { jenis: string; data: object } }>('/bare/permohonan/:i', async (request, reply) => {
    const r = perResident[Number(request.params.i)]!;
    const key = request.headers['idempotency-key'];
    const hash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
    const { rows } = await pool.query(
      `INSERT INTO bench_layanan.permohonan (id, kode_lacak, jenis_id, jenis, nik, nama_pemohon, pemohon, data, kode_kelurahan, kode_kecamatan, kanal,
         status, email, telepon, diajukan_at, jatuh_tempo, dibuat_oleh, idempotency_key, request_hash)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb, $8::jsonb, $9, $10, 'online', 'baru', NULL, NULL, now(), $11::date, $12::uuid, $13, $14)
       RETURNING id, kode_lacak, status, version`,
      [uuidv7(), kodeLacak(), jenis.id, snapshot, r.nik, r.pemohon.nama, r.pemohonJson, JSON.stringify(request.body.data), r.pemohon.kodeKelurahan,
        r.pemohon.kodeKecamatan, jatuhTempo, r.userId, typeof key === 'string' ? key : null, hash],
    );
    return reply.code(201).send(rows[0]);
  });
  const readSql = sql`${SELECT_PERMOHONAN} WHERE p.kode_lacak = ${'K'}`.compile(db).sql;
  bare.get<{ Params: { kode: string } }>('/bare/permohonan/:kode', async (request) => (await pool.query(readSql, [request.params.kode])).rows[0]);
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareOrigin = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  try {
    const submitClients: Client[] = people.map((r) => ({
      method: 'POST',
      path: SUBMIT_PATH,
      headers: { cookie: r.cookie, 'x-csrf-token': r.csrf, 'content-type': 'application/json' },
      body: SUBMIT_BODY,
    }));
    const bareSubmitClients: Client[] = people.map((_, i) => ({ method: 'POST', path: `/bare/permohonan/${i}`, headers: { 'content-type': 'application/json' }, body: SUBMIT_BODY }));
    const check = await fetch(`${server.url}${SUBMIT_PATH}`, {
      method: 'POST',
      headers: { ...submitClients[0]!.headers, 'idempotency-key': 'bench-check-0001' },
      body: SUBMIT_BODY,
    });
    if (check.status !== 201) throw new Error(`Padu ${SUBMIT_PATH} answered ${check.status}: ${await check.text()}`);
    console.log(`\n(e-kelurahan set-up: ${people.length} residents with accounts and sessions in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s, untimed)`);

    // 1. Submissions per second.
    const submit = (origin: string, clients: Client[], seconds: number, prefix: string) =>
      runJob({ origin, clients, seconds, concurrency: settings.connections, idempotencyPrefix: prefix });
    await submit(bareOrigin, bareSubmitClients, 2, 'bench-bare-warm');
    await submit(server.url, submitClients, 2, 'bench-padu-warm');
    await drainOutbox(server);
    const submissions = { padu: [] as Result[], bare: [] as Result[] };
    const drains: string[] = [];
    for (let round = 0; round < settings.rounds; round++) {
      submissions.bare.push(await submit(bareOrigin, bareSubmitClients, settings.seconds, `bench-bare-${round}`));
      submissions.padu.push(await submit(server.url, submitClients, settings.seconds, `bench-padu-${round}`));
      const { backlog, seconds } = await drainOutbox(server);
      drains.push(`${backlog} deliveries pending, drained in ${seconds.toFixed(1)} s`);
    }
    report(
      'Submissions per second (a resident submits a domisili request)',
      `POST ${SUBMIT_PATH} by ${people.length} residents in turn, ${settings.connections} in flight, a new Idempotency-Key each: session, CSRF, permission, registry pre-fill, validation, insert + timeline + audit + outbox in one transaction; baseline inserts the same row into an equivalent table`,
      'bare Fastify + pg, one INSERT',
      'POST /api/v1/layanan/saya/permohonan',
      submissions,
    );
    console.log(`  outbox after each Padu round (notifications, untimed wait before the next round): ${drains.join('; ')}`);

    // 2. 1,000 residents polling their own request at once.
    const { rows: own } = await sql<{ nik: string; kode_lacak: string }>`
      SELECT DISTINCT ON (nik) nik, kode_lacak FROM layanan.permohonan WHERE nik = ANY(${people.map((r) => r.nik)}::text[]) ORDER BY nik, created_at`.execute(db);
    const kodeOf = new Map(own.map((r) => [r.nik, r.kode_lacak]));
    for (const r of people.filter((p) => !kodeOf.has(p.nik))) {
      const response = await fetch(`${server.url}${SUBMIT_PATH}`, { method: 'POST', headers: { cookie: r.cookie, 'x-csrf-token': r.csrf, 'content-type': 'application/json' }, body: SUBMIT_BODY });
      if (response.status !== 201) throw new Error(`submission for polling answered ${response.status}`);
      kodeOf.set(r.nik, ((await response.json()) as { kodeLacak: string }).kodeLacak);
    }
    await drainOutbox(server);
    const pollClients: Client[] = people.map((r) => ({ method: 'GET', path: `${SUBMIT_PATH}/${kodeOf.get(r.nik)}`, headers: { cookie: r.cookie } }));
    const barePollClients: Client[] = people.map((r) => ({ method: 'GET', path: `/bare/permohonan/${kodeOf.get(r.nik)}`, headers: {} }));
    const first = await fetch(`${server.url}${pollClients[0]!.path}`, { headers: pollClients[0]!.headers });
    if (first.status !== 200) throw new Error(`Padu ${pollClients[0]!.path} answered ${first.status}`);
    // One wave each first: connections opened, sessions loaded, JIT warm.
    await runJob({ origin: bareOrigin, clients: barePollClients, waves: 1 });
    await runJob({ origin: server.url, clients: pollClients, waves: 1 });
    const polling = { padu: [] as Result[], bare: [] as Result[] };
    for (let round = 0; round < settings.rounds; round++) {
      polling.bare.push(await runJob({ origin: bareOrigin, clients: barePollClients, waves: POLLS }));
      polling.padu.push(await runJob({ origin: server.url, clients: pollClients, waves: POLLS }));
    }
    report(
      `${people.length} residents polling their status at once`,
      `${people.length} signed-in residents, one connection each, GET ${SUBMIT_PATH}/:kode of their own request all at the same moment, ${POLLS} waves per round: session, permission, own-request check, the request with its timeline, attachments and letter; baseline reads the same rows with the same row query`,
      'bare Fastify + pg, same row query, no auth',
      'GET /api/v1/layanan/saya/permohonan/:ref',
      polling,
      true,
    );
  } finally {
    await bare.close();
    await pool.end();
    await sql`DROP SCHEMA IF EXISTS bench_layanan CASCADE`.execute(db);
  }
}
