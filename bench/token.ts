/**
 * Integration hub, credentials: OAuth client-credentials token issuance per second, and a read by
 * an app with its bearer token against the same read by a signed-in person.
 *
 * Token issuance: Padu's token endpoint (form parsing, client authentication, grants, ES256
 * signing, metering) against a bare Fastify route doing only the secret lookup and the same
 * signing with the same library. For scale: Keycloak's sizing guide plans 120 client-credential
 * grants per second per vCPU.
 */
import Fastify from 'fastify';
import { SignJWT } from 'jose';
import os from 'node:os';
import pg from 'pg';
import { sql as rawSql } from 'kysely';
import { systemActor } from '../src/core/audit/actor.js';
import { Access } from '../src/core/authz/access.js';
import { createKlien, hashSecret, setIzin } from '../src/integration/kredensial/klien.js';
import { tokenServiceOf } from '../src/integration/kredensial/index.js';
import { createAplikasi } from '../src/integration/katalog/aplikasi.js';
import type { RunningServer } from '../src/server.js';
import type { BenchSettings } from './authenticated-read.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { signIn } from './lib/read-vs-bare.js';

const KEYCLOAK_GRANTS_PER_VCPU = 120;

const mean = (list: LoadResult[], key: keyof LoadResult) => list.reduce((sum, r) => sum + r[key], 0) / list.length;
const row = (name: string, list: LoadResult[]) =>
  `${name.padEnd(52)} ${mean(list, 'requestsPerSecond').toFixed(0).padStart(7)} req/s   p50 ${mean(list, 'p50').toFixed(1).padStart(5)} ms   p99 ${mean(list, 'p99').toFixed(1).padStart(6)} ms   non-2xx ${mean(list, 'non2xx').toFixed(0)}`;

export async function tokenBench(server: RunningServer, settings: BenchSettings): Promise<void> {
  const { kernel } = server;
  const admin = new Access([{ role: 'admin', scopeType: 'city', scopeCode: null }]);
  const actor = systemActor('bench');
  const found = await rawSql<{ id: string }>`SELECT id FROM integrasi.aplikasi WHERE kode = 'bench-app'`.execute(kernel.db);
  if (!found.rows[0]) await createAplikasi(kernel, actor, admin, { kode: 'bench-app', nama: 'Aplikasi Bench', jenis: 'lainnya', batasPerMenit: 10_000_000 });
  await setIzin(kernel, actor, 'bench-app', [{ scope: 'pegawai:read', scopeType: 'city', scopeCode: null }], () => {});
  const { clientId, clientSecret } = await createKlien(kernel, actor, admin, 'bench-app', 'bench');
  const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  const form = 'grant_type=client_credentials';
  const headers = { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' };

  // Baseline: the same lookup and the same ES256 signing, nothing else.
  const pool = new pg.Pool({ connectionString: kernel.database.url, max: kernel.config.dbPoolSize });
  const { kid, privateKey } = tokenServiceOf(kernel)!.keys.signingKey();
  const bare = Fastify({ logger: false });
  bare.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  bare.post('/bare', async (request) => {
    const [id, secret] = Buffer.from(String(request.headers.authorization).slice(6), 'base64').toString().split(':');
    if ((request.body as { grant_type?: string }).grant_type !== 'client_credentials') throw new Error('bad grant');
    const hit = await pool.query(
      `SELECT a.kode FROM integrasi.klien k JOIN integrasi.aplikasi a ON a.id = k.aplikasi_id
       JOIN integrasi.klien_rahasia r ON r.klien_id = k.id WHERE k.client_id = $1 AND r.secret_hash = $2`,
      [id, hashSecret(secret!)],
    );
    const token = await new SignJWT({ scope: 'pegawai:read', app: hit.rows[0].kode })
      .setProtectedHeader({ alg: 'ES256', kid }).setAudience('padu-api').setSubject(clientId).setIssuedAt().setExpirationTime('10m').sign(privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: 600 };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;
  const tokenUrl = `${server.url}/api/v1/oauth/token`;
  try {
    const check = await fetch(tokenUrl, { method: 'POST', headers, body: form });
    if (check.status !== 200) throw new Error(`token endpoint answered ${check.status}: ${await check.text()}`);
    const load = (url: string, seconds: number) => runLoad({ url, connections: settings.connections, seconds, method: 'POST', headers, body: form });
    await load(bareUrl, 2);
    await load(tokenUrl, 2);
    const results = { padu: [] as LoadResult[], bare: [] as LoadResult[] };
    for (let round = 0; round < settings.rounds; round++) {
      results.bare.push(await load(bareUrl, settings.seconds));
      results.padu.push(await load(tokenUrl, settings.seconds));
    }
    const cores = os.cpus().length;
    const padu = mean(results.padu, 'requestsPerSecond');
    console.log('\nToken issuance (OAuth 2.0 client credentials, ES256 JWT)');
    console.log(row('baseline: bare Fastify + pg lookup + same signing', results.bare));
    console.log(row('Padu: POST /api/v1/oauth/token', results.padu));
    console.log(`ratio Padu / baseline: ${(padu / mean(results.bare, 'requestsPerSecond')).toFixed(2)}`);
    console.log(`against Keycloak's sizing (${KEYCLOAK_GRANTS_PER_VCPU}/s per vCPU × ${cores} = ${KEYCLOAK_GRANTS_PER_VCPU * cores}/s): ${(padu / (KEYCLOAK_GRANTS_PER_VCPU * cores)).toFixed(1)}×`);
  } finally {
    await bare.close();
    await pool.end();
  }

  // The same read by an app (bearer token) and by a person (session cookie).
  const sample = await rawSql<{ nip: string }>`SELECT nip FROM pegawai.pegawai WHERE nip IS NOT NULL ORDER BY nip LIMIT 1`.execute(kernel.db);
  const nip = sample.rows[0]?.nip;
  if (!nip) throw new Error('no employee to read: the demo data is missing');
  const token = ((await (await fetch(tokenUrl, { method: 'POST', headers, body: form })).json()) as { access_token: string }).access_token;
  const cookie = await signIn(server.url, 'bench-reader', 'bench-password-123');
  const url = `${server.url}/api/v1/pegawai/${nip}`;
  const asApp = { authorization: `Bearer ${token}` };
  for (const [label, h] of [['app', asApp], ['person', { cookie }]] as const) {
    const res = await fetch(url, { headers: h });
    if (res.status !== 200) throw new Error(`read as ${label} answered ${res.status}`);
  }
  const results = { app: [] as LoadResult[], person: [] as LoadResult[] };
  for (let round = 0; round < settings.rounds; round++) {
    results.person.push(await runLoad({ url, connections: settings.connections, seconds: settings.seconds, headers: { cookie } }));
    results.app.push(await runLoad({ url, connections: settings.connections, seconds: settings.seconds, headers: asApp }));
  }
  console.log('\nGET one employee by NIP: an app with a bearer token against a person with a session');
  console.log(row('baseline: person, session cookie', results.person));
  console.log(row('Padu: app, ES256 bearer token (verify + scope + metering)', results.app));
  console.log(`ratio app / person: ${(mean(results.app, 'requestsPerSecond') / mean(results.person, 'requestsPerSecond')).toFixed(2)}`);
}
