/**
 * Integration hub, service gateway: requests per second through `/gw/<app>/<service>/…` with a
 * valid app token (token check, grant check, forwarding over a keep-alive pool, message log and
 * meter) against calling the same local backend directly, same connections, rounds alternating.
 * Two backends, each in its own process: a plain node:http server answering a fixed JSON document
 * (the harshest case: the backend does nothing, so every microsecond of the gateway shows), and
 * an OPD app's API that reads one employee row from PostgreSQL per request (what the city's apps
 * behind the gateway do). Targets (issue 4): ≥ 0.5 of direct, and under 10 ms added to p99.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { systemActor } from '../src/core/audit/actor.js';
import { Access } from '../src/core/authz/access.js';
import { createAplikasi } from '../src/integration/katalog/aplikasi.js';
import { createKlien } from '../src/integration/kredensial/klien.js';
import { createLayanan, grantIzin } from '../src/integration/gateway/layanan.js';
import { gatewayLogOf } from '../src/integration/gateway/proxy.js';
import type { RunningServer } from '../src/server.js';
import type { BenchSettings } from './authenticated-read.js';
import { runLoad, type LoadResult } from './lib/load.js';

const BACKEND = `
const http = require('node:http');
const body = JSON.stringify({ nip: '198765432019031001', nama: 'Siti Rahmah', jabatan: 'Analis Kepegawaian', opd: 'BKPSDM' });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

/** An OPD app's API: one employee row from PostgreSQL per request, over its own small pool. */
const DATABASE_BACKEND = `
const http = require('node:http');
const pg = require('pg');
const pool = new pg.Pool({ connectionString: process.env.BACKEND_DATABASE_URL, max: 5 });
const server = http.createServer((req, res) => {
  req.resume();
  const nip = req.url.split('/').pop();
  pool.query('SELECT nip, nama, jenis, golongan FROM pegawai.pegawai WHERE nip = $1', [nip]).then((result) => {
    const body = JSON.stringify(result.rows[0] ?? null);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }, () => { res.writeHead(500); res.end(); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

function startBackend(script = BACKEND, env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (chunk: Buffer) => resolve({ url: `http://127.0.0.1:${chunk.toString().trim()}`, child }));
  });
}

const mean = (list: LoadResult[], key: keyof LoadResult) => list.reduce((sum, r) => sum + r[key], 0) / list.length;
const row = (name: string, list: LoadResult[]) =>
  `${name.padEnd(52)} ${mean(list, 'requestsPerSecond').toFixed(0).padStart(7)} req/s   p50 ${mean(list, 'p50').toFixed(1).padStart(5)} ms   p99 ${mean(list, 'p99').toFixed(1).padStart(6)} ms   non-2xx ${mean(list, 'non2xx').toFixed(0)}`;

export async function gatewayBench(server: RunningServer, settings: BenchSettings): Promise<void> {
  const { kernel } = server;
  const admin = new Access([{ role: 'admin', scopeType: 'city', scopeCode: null }]);
  const actor = systemActor('bench');
  const backend = await startBackend();
  try {
    for (const kode of ['bench-gw-penyedia', 'bench-gw-klien']) {
      const found = await sql<{ id: string }>`SELECT id FROM integrasi.aplikasi WHERE kode = ${kode}`.execute(kernel.db);
      // The caller's rate limit is lifted: the bench measures the gateway, not the limiter.
      if (!found.rows[0]) await createAplikasi(kernel, actor, admin, { kode, nama: kode, jenis: 'lainnya', batasPerMenit: 10_000_000 });
    }
    const layanan = await createLayanan(kernel, actor, admin, 'bench-gw-penyedia', { kode: 'pegawai', nama: 'API Pegawai (bench)', baseUrl: `${backend.url}/api` });
    await grantIzin(kernel, actor, admin, layanan.id, { klien: 'bench-gw-klien', aturan: ['GET /pegawai/*'] });
    const { clientId, clientSecret } = await createKlien(kernel, actor, admin, 'bench-gw-klien', 'bench');
    const tokenResponse = await fetch(`${server.url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    if (tokenResponse.status !== 200) throw new Error(`token endpoint answered ${tokenResponse.status}: ${await tokenResponse.text()}`);
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}` };

    const direct = `${backend.url}/api/pegawai/198765432019031001`;
    const gateway = `${server.url}/gw/bench-gw-penyedia/pegawai/pegawai/198765432019031001`;
    for (const [label, url, h] of [['direct', direct, {}], ['gateway', gateway, headers]] as const) {
      const res = await fetch(url, { headers: h });
      if (res.status !== 200) throw new Error(`${label} answered ${res.status}: ${await res.text()}`);
    }
    const load = (url: string, seconds: number, h: Record<string, string> = {}) => runLoad({ url, connections: settings.connections, seconds, headers: h });
    await load(direct, 2);
    await load(gateway, 2, headers);
    // For reading the ratio: Padu's floor for any app call, the token checked and nothing forwarded
    // (an unknown service: 404 from the gateway's cache).
    const floorUrl = `${server.url}/gw/bench-gw-penyedia/tidak-ada/pegawai/1`;
    const results = { direct: [] as LoadResult[], gateway: [] as LoadResult[], floor: [] as LoadResult[] };
    for (let round = 0; round < settings.rounds; round++) {
      results.direct.push(await load(direct, settings.seconds));
      results.gateway.push(await load(gateway, settings.seconds, headers));
    }
    results.floor.push(await load(floorUrl, settings.seconds, headers));
    await gatewayLogOf(kernel)?.flush();
    const logged = await sql<{ n: string }>`SELECT count(*) AS n FROM integrasi.gw_log WHERE layanan_id = ${layanan.id}`.execute(kernel.db);

    console.log('\nService gateway: GET through /gw/<app>/<service>/… against the same backend called directly');
    console.log(row('baseline: direct to the local backend (node:http)', results.direct));
    console.log(row('Padu: /gw with token, grant, forward, message log', results.gateway));
    results.gateway.forEach((gw, i) => {
      const d = results.direct[i]!;
      console.log(`  round ${i + 1}: ratio ${(gw.requestsPerSecond / d.requestsPerSecond).toFixed(2)}, added p99 ${(gw.p99 - d.p99).toFixed(1)} ms`);
    });
    const ratio = mean(results.gateway, 'requestsPerSecond') / mean(results.direct, 'requestsPerSecond');
    const addedP99 = mean(results.gateway, 'p99') - mean(results.direct, 'p99');
    console.log(`ratio gateway / direct: ${ratio.toFixed(2)} (target ≥ 0.50); added p99: ${addedP99.toFixed(1)} ms (target < 10 ms)`);
    console.log(row('for reference: app token checked, nothing forwarded', results.floor).replace(/non-2xx \d+/, '(404s)'));
    console.log(`gateway / that floor: ${(mean(results.gateway, 'requestsPerSecond') / mean(results.floor, 'requestsPerSecond')).toFixed(2)}`);
    console.log(`message-log rows written: ${Number(logged.rows[0]!.n)}`);

    // The same comparison with a backend that does what the city's APIs do: read a row.
    const sample = await sql<{ nip: string }>`SELECT nip FROM pegawai.pegawai WHERE nip IS NOT NULL ORDER BY nip LIMIT 1`.execute(kernel.db);
    const nip = sample.rows[0]?.nip;
    if (!nip) throw new Error('no employee to read: the demo data is missing');
    const dbBackend = await startBackend(DATABASE_BACKEND, { BACKEND_DATABASE_URL: kernel.database.url });
    try {
      const dbLayanan = await createLayanan(kernel, actor, admin, 'bench-gw-penyedia', { kode: 'pegawai-db', nama: 'API Pegawai dengan basis data (bench)', baseUrl: `${dbBackend.url}/api` });
      await grantIzin(kernel, actor, admin, dbLayanan.id, { klien: 'bench-gw-klien', aturan: ['GET /pegawai/*'] });
      const dbDirect = `${dbBackend.url}/api/pegawai/${nip}`;
      const dbGateway = `${server.url}/gw/bench-gw-penyedia/pegawai-db/pegawai/${nip}`;
      for (const [label, url, h] of [['direct', dbDirect, {}], ['gateway', dbGateway, headers]] as const) {
        const res = await fetch(url, { headers: h });
        if (res.status !== 200) throw new Error(`${label} (database backend) answered ${res.status}: ${await res.text()}`);
      }
      await load(dbDirect, 2);
      await load(dbGateway, 2, headers);
      const db = { direct: [] as LoadResult[], gateway: [] as LoadResult[] };
      for (let round = 0; round < settings.rounds; round++) {
        db.direct.push(await load(dbDirect, settings.seconds));
        db.gateway.push(await load(dbGateway, settings.seconds, headers));
      }
      console.log('\nService gateway, backend reading PostgreSQL (one employee row per request, like an OPD app\'s API)');
      console.log(row('baseline: direct to the backend', db.direct));
      console.log(row('Padu: /gw with token, grant, forward, message log', db.gateway));
      db.gateway.forEach((gw, i) => {
        const d = db.direct[i]!;
        console.log(`  round ${i + 1}: ratio ${(gw.requestsPerSecond / d.requestsPerSecond).toFixed(2)}, added p99 ${(gw.p99 - d.p99).toFixed(1)} ms`);
      });
      const dbRatio = mean(db.gateway, 'requestsPerSecond') / mean(db.direct, 'requestsPerSecond');
      const dbAdded = mean(db.gateway, 'p99') - mean(db.direct, 'p99');
      console.log(`ratio gateway / direct: ${dbRatio.toFixed(2)} (target ≥ 0.50); added p99: ${dbAdded.toFixed(1)} ms (target < 10 ms)`);
    } finally {
      dbBackend.child.kill();
    }
  } finally {
    backend.child.kill();
  }
}
