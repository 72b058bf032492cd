import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type AppClient, type TestApp } from '../../../test/helpers/apps.js';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/helpers/server.js';
import { allows, compileRules, normaliseRule } from './aturan.js';
import { gatewayActivity } from './aktivitas.js';
import { gatewayLogOf } from './proxy.js';
import { tokenServiceOf } from '../kredensial/index.js';

/** What the local backend saw of each request. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP backend: echoes what it received; a few paths misbehave on purpose. */
function startBackend(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const path = req.url!.split('?')[0]!;
      if (path.endsWith('/lambat')) {
        setTimeout(() => res.end('terlambat'), 3000).unref();
        return;
      }
      if (path.endsWith('/besar')) {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '20000' });
        res.end('x'.repeat(20000));
        return;
      }
      if (path.endsWith('/besar-bertahap')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        let sent = 0;
        const tick = () => {
          if (sent >= 20) return res.end();
          sent++;
          res.write('y'.repeat(1000), tick);
        };
        tick();
        return;
      }
      if (path.endsWith('/kosong')) {
        res.writeHead(204, { 'x-backend': 'kosong' });
        res.end();
        return;
      }
      res.writeHead(path.endsWith('/teh') ? 418 : 200, {
        'content-type': 'application/json',
        'x-backend': 'ya',
        'set-cookie': 'backend_session=rahasia; Path=/',
        connection: 'keep-alive',
      });
      res.end(JSON.stringify({ method: req.method, url: req.url, body }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        seen,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

/** A request with node:http, which sends the path and headers exactly as given (fetch normalises both). */
function rawRequest(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: AsyncIterable<Buffer> } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>((resolve, reject) => {
    const target = new URL(url);
    const req = http.request({ host: target.hostname, port: target.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, body: (res.headers['content-type'] ?? '').includes('json') && text ? JSON.parse(text) : text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (!options.body) return req.end();
    Readable.from(options.body).pipe(req);
  });
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('grant rules', () => {
  it('match methods and path patterns; GET implies HEAD; empty allows all', () => {
    const rules = compileRules(['GET /pegawai/*', 'POST,PUT /cuti']);
    assert.ok(allows(rules, 'GET', '/pegawai/1'));
    assert.ok(allows(rules, 'HEAD', '/pegawai/1/foto'));
    assert.ok(!allows(rules, 'DELETE', '/pegawai/1'));
    assert.ok(!allows(rules, 'GET', '/pegawaiX'));
    assert.ok(!allows(rules, 'GET', '/jabatan/1'));
    assert.ok(allows(rules, 'PUT', '/cuti'));
    assert.ok(!allows(rules, 'PUT', '/cuti/1'));
    assert.ok(allows([], 'PATCH', '/apa/saja'));
    assert.equal(normaliseRule('get  /a/*'), 'GET /a/*');
    assert.equal(normaliseRule('/a'), '* /a');
    assert.equal(normaliseRule('FETCH /a'), null);
    assert.equal(normaliseRule('GET a'), null);
    assert.equal(normaliseRule('GET /../admin'), null);
  });
});

describe('service gateway', () => {
  let t: TestServer;
  let backend: Awaited<ReturnType<typeof startBackend>>;
  let caller: TestApp;
  let stranger: TestApp;
  let callerClient: AppClient;
  let strangerClient: AppClient;
  let serviceId: string;
  const OPD = 'GW-DINAS-A';
  const OTHER_OPD = 'GW-DINAS-B';
  let operatorA: ApiClient;
  let operatorB: ApiClient;

  const flush = () => gatewayLogOf(t.kernel)!.flush();
  const register = async (client: ApiClient, body: Record<string, unknown>) => client.post('/api/v1/integrasi/gateway/layanan', body);
  const grant = async (id: string, klien: string, aturan?: string[]) => {
    const res = await t.admin.post(`/api/v1/integrasi/gateway/layanan/${id}/izin`, { klien, ...(aturan ? { aturan } : {}) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; versi: number };
  };
  const patch = async (client: ApiClient, id: string, body: Record<string, unknown>) => {
    const current = await t.admin.get(`/api/v1/integrasi/gateway/layanan/${id}`);
    return client.patch(`/api/v1/integrasi/gateway/layanan/${id}`, body, { headers: { 'if-match': current.headers.get('etag')! } });
  };

  before(async () => {
    t = await startTestServer();
    backend = await startBackend();
    for (const kode of [OPD, OTHER_OPD]) {
      const opd = await t.admin.post('/api/v1/opd', { kode, nama: `Dinas ${kode}`, jenis: 'dinas' });
      assert.equal(opd.status, 201, JSON.stringify(opd.body));
    }
    await createTestApp(t, { kode: 'simpeg', opdKode: OPD, jenis: 'kepegawaian', scopes: [] });
    caller = await createTestApp(t, { kode: 'absensi', opdKode: OTHER_OPD, jenis: 'absensi', scopes: [] });
    stranger = await createTestApp(t, { kode: 'e-audit', jenis: 'e_audit', scopes: [] });
    callerClient = await caller.client();
    strangerClient = await stranger.client();
    for (const [username, opd] of [['gw-operator-a', OPD], ['gw-operator-b', OTHER_OPD]] as const) {
      const user = await t.admin.post('/api/v1/users', { username, displayName: username, password: `kata-sandi-${username}`, roles: [{ role: 'opd_operator', scopeCode: opd }] });
      assert.equal(user.status, 201, JSON.stringify(user.body));
    }
    operatorA = t.client();
    assert.equal((await operatorA.login('gw-operator-a', 'kata-sandi-gw-operator-a')).status, 200);
    operatorB = t.client();
    assert.equal((await operatorB.login('gw-operator-b', 'kata-sandi-gw-operator-b')).status, 200);
  });
  after(async () => {
    await t.close();
    await backend.close();
  });

  it('registers a service (OPD-scoped, audited, with an event) that grants nobody', async () => {
    const denied = await register(operatorB, { aplikasi: 'simpeg', kode: 'pegawai-api', nama: 'API Pegawai', baseUrl: `${backend.url}/v1` });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.code, 'integrasi.aplikasi_bukan_wewenang');
    const badUrl = await register(operatorA, { aplikasi: 'simpeg', kode: 'pegawai-api', nama: 'API Pegawai', baseUrl: 'ftp://contoh.go.id/api' });
    assert.equal(badUrl.status, 400);
    assert.equal(badUrl.body.errors[0].field, 'baseUrl');
    const badDoc = await register(operatorA, { aplikasi: 'simpeg', kode: 'pegawai-api', nama: 'API Pegawai', baseUrl: `${backend.url}/v1`, openapi: { info: {} } });
    assert.equal(badDoc.status, 422);
    assert.deepEqual(badDoc.body.errors.map((e: { field: string }) => e.field).sort(), ['openapi/openapi', 'openapi/paths']);

    const created = await register(operatorA, {
      aplikasi: 'simpeg', kode: 'pegawai-api', nama: 'API Pegawai', baseUrl: `${backend.url}/v1/`, maksRequestBytes: 1000, maksResponseBytes: 5000,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    serviceId = created.body.id;
    assert.equal(created.body.baseUrl, `${backend.url}/v1`);
    assert.equal(created.body.gatewayPath, '/gw/simpeg/pegawai-api/');
    assert.equal(created.body.logIsi, false);
    assert.equal(created.headers.get('etag'), '"v1"');
    const taken = await register(operatorA, { aplikasi: 'simpeg', kode: 'pegawai-api', nama: 'Lagi', baseUrl: backend.url });
    assert.equal(taken.status, 409);

    const audit = await sql<{ action: string; actor_name: string }>`SELECT action, actor_name FROM core.audit_log WHERE entity_id = ${serviceId}`.execute(t.kernel.db);
    assert.deepEqual(audit.rows.map((r) => [r.action, r.actor_name]), [['gw_layanan.created', 'gw-operator-a']]);
    const events = await sql<{ type: string }>`SELECT type FROM core.outbox WHERE entity_id = ${serviceId}`.execute(t.kernel.db);
    assert.deepEqual(events.rows.map((r) => r.type), ['gw_layanan.created']);

    const res = await callerClient.get('/gw/simpeg/pegawai-api/pegawai/1');
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'integrasi.gw_tidak_diizinkan');
    assert.equal(backend.seen.length, 0, 'nothing reached the backend');
  });

  it('forwards method, path, query, body and headers to the backend, and drops credentials and hop-by-hop headers', async () => {
    await grant(serviceId, 'absensi', ['GET /pegawai/*', 'POST /cuti', 'PUT /cuti/*', '* /publik*']);
    const res = await callerClient.get('/gw/simpeg/pegawai-api/pegawai/123?tahun=2026&unit=a%20b', {
      headers: { cookie: 'padu_session=curian', 'x-custom': 'nilai', 'x-padu-client': 'palsu', 'x-request-id': 'permintaan-uji-0001' },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { method: 'GET', url: '/v1/pegawai/123?tahun=2026&unit=a%20b', body: '' });
    assert.equal(res.headers.get('x-backend'), 'ya');
    assert.equal(res.headers.get('set-cookie'), null, 'a backend cannot set cookies on Padu');
    assert.equal(res.headers.get('x-request-id'), 'permintaan-uji-0001');
    const seen = backend.seen.at(-1)!;
    assert.equal(seen.headers['x-padu-client'], 'absensi');
    assert.equal(seen.headers['x-padu-request-id'], 'permintaan-uji-0001');
    assert.equal(seen.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(seen.headers['x-custom'], 'nilai');
    assert.equal(seen.headers.authorization, undefined);
    assert.equal(seen.headers.cookie, undefined);
    const hop = await rawRequest(t.url, '/gw/simpeg/pegawai-api/pegawai/7', {
      headers: { authorization: `Bearer ${callerClient.accessToken}`, connection: 'keep-alive, x-hapus', 'x-hapus': '1', 'proxy-authorization': 'Basic eA==', te: 'trailers' },
    });
    assert.equal(hop.status, 200);
    const hopSeen = backend.seen.at(-1)!;
    assert.equal(hopSeen.headers['x-hapus'], undefined, 'headers named in Connection are hop-by-hop');
    assert.equal(hopSeen.headers['proxy-authorization'], undefined);
    assert.equal(hopSeen.headers.te, undefined);

    const json = await callerClient.post('/gw/simpeg/pegawai-api/cuti', { nip: '199001012020011001', hari: 3 });
    assert.equal(json.status, 200);
    assert.equal(json.body.method, 'POST');
    assert.deepEqual(JSON.parse(json.body.body), { nip: '199001012020011001', hari: 3 });
    assert.equal(backend.seen.at(-1)!.headers['content-type'], 'application/json');

    const bytes = await callerClient.request('PUT', '/gw/simpeg/pegawai-api/cuti/9', { raw: 'baris satu\nbaris dua', headers: { 'content-type': 'text/csv' } });
    assert.equal(bytes.status, 200);
    assert.equal(bytes.body.body, 'baris satu\nbaris dua');
    assert.equal(backend.seen.at(-1)!.headers['content-type'], 'text/csv');

    const noType = await callerClient.request('DELETE', '/gw/simpeg/pegawai-api/publik/x', { raw: 'tanpa jenis' });
    assert.equal(noType.status, 200);
    assert.equal(noType.body.body, 'tanpa jenis');

    const teapot = await callerClient.get('/gw/simpeg/pegawai-api/publik/teh');
    assert.equal(teapot.status, 418, 'the backend’s own status passes through');

    const head = await callerClient.request('HEAD', '/gw/simpeg/pegawai-api/pegawai/1');
    assert.equal(head.status, 200);
    assert.equal(backend.seen.at(-1)!.method, 'HEAD');

    const empty = await callerClient.get('/gw/simpeg/pegawai-api/publik/kosong');
    assert.equal(empty.status, 204);
    assert.equal(empty.headers.get('x-backend'), 'kosong');
  });

  it('checks the grant per method and path, and refuses paths that escape a pattern', async () => {
    const before = backend.seen.length;
    for (const [method, path] of [['GET', '/jabatan/1'], ['DELETE', '/pegawai/1'], ['GET', '/cuti'], ['POST', '/cuti/1']] as const) {
      const res = await callerClient.request(method, `/gw/simpeg/pegawai-api${path}`);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.code, 'integrasi.gw_tidak_diizinkan');
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    }
    for (const path of ['/pegawai/..%2f..%2fadmin', '/pegawai/%2e%2e/%2e%2e/admin', '/pegawai/a%5c..%5cadmin', '/pegawai/../../admin']) {
      const res = await rawRequest(t.url, `/gw/simpeg/pegawai-api${path}`, { headers: { authorization: `Bearer ${callerClient.accessToken}` } });
      assert.equal(res.status, 400, path);
      assert.equal(res.body.code, 'integrasi.gw_path_tidak_sah');
    }
    const other = await strangerClient.get('/gw/simpeg/pegawai-api/pegawai/1');
    assert.equal(other.status, 403, 'an app without a grant');
    assert.equal(backend.seen.length, before, 'no refused call reached the backend');
  });

  it('answers 404 for an unknown service or app, 401 without a valid token and to a person’s session', async () => {
    for (const path of ['/gw/simpeg/tidak-ada/x', '/gw/tidak-ada/pegawai-api/x', '/gw/simpeg/pegawai-api'.replace('pegawai-api', 'Pegawai_API') + '/x']) {
      const res = await callerClient.get(path);
      assert.equal(res.status, 404, path);
      assert.equal(res.body.code, 'integrasi.gw_tidak_dikenal');
    }
    const anonymous = await t.client().get('/gw/simpeg/pegawai-api/pegawai/1');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'auth.invalid_token');
    const session = await t.admin.get('/gw/simpeg/pegawai-api/pegawai/1');
    assert.equal(session.status, 401, 'an admin’s session is not an app');
    const forged = await t.client().get('/gw/simpeg/pegawai-api/pegawai/1', { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } });
    assert.equal(forged.status, 401);
  });

  it('answers 503 while the service is paused, and forwards again once resumed', async () => {
    const paused = await patch(operatorA, serviceId, { status: 'jeda' });
    assert.equal(paused.status, 200, JSON.stringify(paused.body));
    assert.equal(paused.headers.get('etag'), '"v2"');
    const res = await callerClient.get('/gw/simpeg/pegawai-api/pegawai/1');
    assert.equal(res.status, 503);
    assert.equal(res.body.code, 'integrasi.gw_dijeda');
    const stale = await operatorA.patch(`/api/v1/integrasi/gateway/layanan/${serviceId}`, { status: 'aktif' }, { headers: { 'if-match': '"v1"' } });
    assert.equal(stale.status, 412);
    const noIfMatch = await operatorA.patch(`/api/v1/integrasi/gateway/layanan/${serviceId}`, { status: 'aktif' });
    assert.equal(noIfMatch.status, 428);
    const byOther = await patch(operatorB, serviceId, { status: 'aktif' });
    assert.equal(byOther.status, 403);
    assert.equal((await patch(operatorA, serviceId, { status: 'aktif' })).status, 200);
    assert.equal((await callerClient.get('/gw/simpeg/pegawai-api/pegawai/1')).status, 200);
  });

  it('enforces size limits both ways: 413 for a large request, 502 for a large response', async () => {
    const big = await callerClient.request('POST', '/gw/simpeg/pegawai-api/cuti', { raw: 'a'.repeat(1500), headers: { 'content-type': 'text/plain' } });
    assert.equal(big.status, 413);
    assert.equal(big.body.code, 'integrasi.gw_permintaan_terlalu_besar');

    // Chunked, with no Content-Length: cut while streaming.
    const chunks = async function* () {
      for (let i = 0; i < 10; i++) yield Buffer.from('b'.repeat(500));
    };
    const streamed = await rawRequest(t.url, '/gw/simpeg/pegawai-api/cuti', {
      method: 'POST',
      headers: { authorization: `Bearer ${callerClient.accessToken}`, 'content-type': 'application/octet-stream' },
      body: chunks(),
    });
    assert.equal(streamed.status, 413, JSON.stringify(streamed.body));
    assert.equal(streamed.body.code, 'integrasi.gw_permintaan_terlalu_besar');

    const large = await callerClient.get('/gw/simpeg/pegawai-api/publik/besar');
    assert.equal(large.status, 502);
    assert.equal(large.body.code, 'integrasi.gw_respons_terlalu_besar');

    // Without Content-Length the status is already out when the limit is crossed: the answer is cut.
    let cut = false;
    try {
      const res = await fetch(`${t.url}/gw/simpeg/pegawai-api/publik/besar-bertahap`, { headers: { authorization: `Bearer ${callerClient.accessToken}` } });
      const text = await res.text();
      cut = text.length < 20000;
    } catch {
      cut = true;
    }
    assert.ok(cut, 'an oversized streamed answer does not arrive whole');
  });

  it('answers 504 when the backend is too slow and 502 when it is down', async () => {
    const slow = await register(t.admin, { aplikasi: 'simpeg', kode: 'lambat', nama: 'Lambat', baseUrl: backend.url, timeoutMs: 300 });
    assert.equal(slow.status, 201);
    await grant(slow.body.id, 'absensi');
    const res = await callerClient.get('/gw/simpeg/lambat/lambat');
    assert.equal(res.status, 504);
    assert.equal(res.body.code, 'integrasi.gw_waktu_habis');

    const down = await register(t.admin, { aplikasi: 'simpeg', kode: 'mati', nama: 'Mati', baseUrl: `http://127.0.0.1:${await closedPort()}/api` });
    assert.equal(down.status, 201);
    await grant(down.body.id, 'absensi');
    const gone = await callerClient.get('/gw/simpeg/mati/apa');
    assert.equal(gone.status, 502);
    assert.equal(gone.body.code, 'integrasi.gw_backend_gagal');
    assert.ok(!gone.text.includes('ECONNREFUSED') && !gone.text.includes(' at '), 'no internals in the answer');
  });

  it('writes a message-log row per call, with bodies only when the service enables it, and shows metrics', async () => {
    await flush();
    const log = await t.admin.get(`/api/v1/integrasi/gateway/log?layanan=${serviceId}&limit=200`);
    assert.equal(log.status, 200);
    const rows = log.body.items as { requestId: string; klien: string; penyedia: string; metode: string; path: string; status: number; galat: string | null; ukuranRequest: number; isiRequest: string | null }[];
    const first = rows.find((r) => r.requestId === 'permintaan-uji-0001')!;
    assert.ok(first, 'the first call is logged under its request id');
    assert.equal(first.klien, 'absensi');
    assert.equal(first.penyedia, 'simpeg');
    assert.equal(first.path, '/pegawai/123', 'the query is not logged unless bodies are');
    assert.equal(first.status, 200);
    assert.equal(first.isiRequest, null);
    const dump = JSON.stringify(rows.map((r) => [r.metode, r.path, r.status, r.galat, r.ukuranRequest]));
    assert.ok(rows.some((r) => r.klien === 'e-audit' && r.status === 403 && r.galat === 'integrasi.gw_tidak_diizinkan'), dump);
    assert.ok(rows.some((r) => r.status === 413), dump);
    assert.ok(rows.some((r) => r.metode === 'PUT' && r.ukuranRequest === 'baris satu\nbaris dua'.length), dump);
    assert.ok(rows.some((r) => r.status === 502 && r.galat === 'integrasi.gw_respons_terlalu_besar' && r.path === '/publik/besar-bertahap'), dump);

    const denied = await t.admin.get(`/api/v1/integrasi/gateway/log?layanan=${serviceId}&klien=e-audit`);
    assert.ok(denied.body.items.length >= 1 && denied.body.items.every((r: { klien: string }) => r.klien === 'e-audit'));
    const clientErrors = await t.admin.get(`/api/v1/integrasi/gateway/log?layanan=${serviceId}&status=4xx`);
    assert.ok(clientErrors.body.items.every((r: { status: number }) => r.status >= 400 && r.status < 500));
    const page = await t.admin.get(`/api/v1/integrasi/gateway/log?layanan=${serviceId}&limit=2`);
    assert.equal(page.body.items.length, 2);
    const next = await t.admin.get(`/api/v1/integrasi/gateway/log?layanan=${serviceId}&limit=2&cursor=${page.body.nextCursor}`);
    assert.ok(Number(next.body.items[0].id) < Number(page.body.items[1].id));

    await patch(operatorA, serviceId, { logIsi: true });
    const logged = await callerClient.post('/gw/simpeg/pegawai-api/cuti?alasan=sakit', { catatan: 'x'.repeat(900) });
    assert.equal(logged.status, 200);
    await flush();
    const withBodies = await t.admin.get(`/api/v1/integrasi/gateway/log?layanan=${serviceId}&limit=1`);
    const row = withBodies.body.items[0];
    assert.equal(row.path, '/cuti?alasan=sakit');
    assert.ok(row.isiRequest.startsWith('{"catatan":"xxx'));
    assert.ok(row.isiResponse.includes('"method":"POST"'));

    const count = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM integrasi.gw_log WHERE layanan_id = ${serviceId}`.execute(t.kernel.db)).rows[0]!.n);
    const detail = await t.admin.get(`/api/v1/integrasi/gateway/layanan/${serviceId}?hari=1`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.metrik.panggilan, count);
    assert.ok(detail.body.metrik.gagal >= 3, JSON.stringify(detail.body.metrik));
    assert.ok(detail.body.metrik.ditolak >= 5, JSON.stringify(detail.body.metrik));
    assert.equal(typeof detail.body.metrik.p50Ms, 'number');
    assert.ok(detail.body.metrik.p95Ms >= detail.body.metrik.p50Ms);
    assert.ok(detail.body.metrik.terakhir);
    assert.deepEqual(detail.body.izin.map((i: { klien: { kode: string } }) => i.klien.kode), ['absensi']);
    assert.deepEqual(detail.body.pemanggil.map((p: { kode: string }) => p.kode).sort(), ['absensi', 'e-audit']);
    const list = await t.admin.get('/api/v1/integrasi/gateway/layanan?aplikasi=simpeg');
    assert.deepEqual(list.body.items.map((l: { kode: string }) => l.kode), ['lambat', 'mati', 'pegawai-api']);
    assert.equal(list.body.items.find((l: { kode: string }) => l.kode === 'pegawai-api').metrik.panggilan, count);

    // Rows past the retention period go; the meter stays.
    await sql`UPDATE integrasi.gw_log SET at = now() - interval '91 days' WHERE layanan_id = ${serviceId} AND status = 413`.execute(t.kernel.db);
    assert.ok((await gatewayLogOf(t.kernel)!.prune()) >= 2);
    assert.equal((await t.admin.get(`/api/v1/integrasi/gateway/log?layanan=${serviceId}&status=413`)).body.items.length, 0);

    const activity = await gatewayActivity(t.kernel.db, new Date(Date.now() - 3_600_000));
    const simpegId = detail.body.aplikasi.id;
    assert.ok(activity.some((a) => a.aplikasiId === caller.id && a.kind === 'call' && a.peerAplikasiId === simpegId));
    assert.ok(activity.some((a) => a.aplikasiId === simpegId && a.kind === 'provide' && a.peerAplikasiId === caller.id));
  });

  it('scopes an OPD operator’s views to its OPD’s apps and keeps readers city-wide', async () => {
    const mine = await operatorA.get('/api/v1/integrasi/gateway/layanan');
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body.items.map((l: { kode: string }) => l.kode), ['lambat', 'mati', 'pegawai-api']);
    const theirs = await operatorB.get('/api/v1/integrasi/gateway/layanan');
    assert.deepEqual(theirs.body.items, [], 'absensi’s OPD provides no service');
    const hidden = await operatorB.get(`/api/v1/integrasi/gateway/layanan/${serviceId}`);
    assert.equal(hidden.status, 403);
    // The caller's operators see the calls their app made; the provider's see every call to theirs.
    const callerLog = (await operatorB.get('/api/v1/integrasi/gateway/log?limit=200')).body.items as { klien: string }[];
    assert.ok(callerLog.length > 0 && callerLog.every((r) => r.klien === 'absensi'));
    const providerLog = (await operatorA.get('/api/v1/integrasi/gateway/log?limit=200')).body.items as { klien: string }[];
    assert.ok(providerLog.some((r) => r.klien === 'e-audit'));
    const pimpinan = await t.admin.post('/api/v1/users', { username: 'gw-pimpinan', displayName: 'Pimpinan', password: 'kata-sandi-gw-pimpinan', roles: [{ role: 'pimpinan' }] });
    assert.equal(pimpinan.status, 201);
    const leader = t.client();
    await leader.login('gw-pimpinan', 'kata-sandi-gw-pimpinan');
    assert.equal((await leader.get('/api/v1/integrasi/gateway/layanan')).body.items.length, 3);
    assert.equal((await leader.get(`/api/v1/integrasi/gateway/layanan/${serviceId}`)).body.bolehKelola, false);
    assert.equal((await leader.post('/api/v1/integrasi/gateway/layanan', { aplikasi: 'simpeg', kode: 'baru', nama: 'Baru', baseUrl: backend.url })).status, 403);
  });

  it('keeps an OpenAPI document, served to readers and to granted apps only', async () => {
    const etag = (await t.admin.get(`/api/v1/integrasi/gateway/layanan/${serviceId}`)).headers.get('etag')!;
    const bad = await operatorA.put(`/api/v1/integrasi/gateway/layanan/${serviceId}/openapi`, { swagger: '2.0' }, { headers: { 'if-match': etag } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), ['openapi', 'paths']);
    const doc = { openapi: '3.1.0', info: { title: 'API Pegawai', version: '1' }, paths: { '/pegawai/{id}': { get: { responses: { 200: { description: 'OK' } } } } } };
    const put = await operatorA.put(`/api/v1/integrasi/gateway/layanan/${serviceId}/openapi`, doc, { headers: { 'if-match': etag } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.adaOpenapi, true);
    assert.deepEqual((await t.admin.get(`/api/v1/integrasi/gateway/layanan/${serviceId}/openapi`)).body, doc);
    const granted = await callerClient.get('/gw/_openapi/simpeg/pegawai-api');
    assert.equal(granted.status, 200);
    assert.deepEqual(granted.body, doc);
    assert.equal((await strangerClient.get('/gw/_openapi/simpeg/pegawai-api')).status, 403);
  });

  it('changes and revokes a grant at once, with history and audit', async () => {
    const detail = await t.admin.get(`/api/v1/integrasi/gateway/layanan/${serviceId}`);
    const izin = detail.body.izin[0];
    const changed = await operatorA.patch(`/api/v1/integrasi/gateway/layanan/${serviceId}/izin/${izin.id}`, { aturan: ['GET /jabatan/*'] }, { headers: { 'if-match': `"v${izin.versi}"` } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await callerClient.get('/gw/simpeg/pegawai-api/pegawai/1')).status, 403);
    assert.equal((await callerClient.get('/gw/simpeg/pegawai-api/jabatan/1')).status, 200);
    const badRule = await operatorA.patch(`/api/v1/integrasi/gateway/layanan/${serviceId}/izin/${izin.id}`, { aturan: ['AMBIL /x'] }, { headers: { 'if-match': '*' } });
    assert.equal(badRule.status, 400);
    assert.equal(badRule.body.errors[0].field, 'aturan/0');
    const revoked = await operatorA.request('DELETE', `/api/v1/integrasi/gateway/layanan/${serviceId}/izin/${izin.id}`, { headers: { 'if-match': changed.headers.get('etag')! } });
    assert.equal(revoked.status, 204);
    assert.equal((await callerClient.get('/gw/simpeg/pegawai-api/jabatan/1')).status, 403);
    const riwayat = await t.admin.get(`/api/v1/integrasi/gateway/layanan/${serviceId}/riwayat`);
    const actions = riwayat.body.items.map((r: { entityType: string; action: string }) => `${r.entityType}.${r.action}`);
    for (const expected of ['gw_layanan.created', 'gw_layanan.updated', 'gw_layanan.openapi_uploaded', 'gw_izin.granted', 'gw_izin.updated', 'gw_izin.revoked']) {
      assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
    }
    const audit = await sql<{ action: string }>`SELECT action FROM core.audit_log WHERE entity_id = ${izin.id} ORDER BY seq`.execute(t.kernel.db);
    assert.deepEqual(audit.rows.map((r) => r.action), ['gw_izin.granted', 'gw_izin.updated', 'gw_izin.revoked']);
  });
});

/**
 * The /gw/ calls are answered before Fastify (forward.ts), the Fastify routes only take what that
 * fast path leaves them: these check that the fast path does everything the global hooks did for
 * an app call, and that both ways answer alike.
 */
describe('service gateway: answered before Fastify, as Fastify answered', () => {
  let t: TestServer;
  let backend: http.Server;
  let backendUrl = '';
  let caller: TestApp;
  let client: AppClient;
  const BIG = 3 * 1024 * 1024;
  const big = Buffer.alloc(BIG, 'abcdefghij');

  before(async () => {
    t = await startTestServer();
    backend = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (req.url!.endsWith('/besar')) {
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(BIG) });
          return void res.end(big);
        }
        if (req.url!.endsWith('/besar-bertahap')) {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          let offset = 0;
          const next = () => {
            while (offset < BIG) {
              const part = big.subarray(offset, offset + 65536);
              offset += part.length;
              if (!res.write(part)) return void res.once('drain', next);
            }
            res.end();
          };
          return void next();
        }
        if (req.url!.endsWith('/lambat')) return void setTimeout(() => res.end('terlambat'), 3000).unref();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ url: req.url, bytes: body.length, headers: req.headers }));
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    await createTestApp(t, { kode: 'sidata', scopes: [] });
    caller = await createTestApp(t, { kode: 'simonev', scopes: [] });
    client = await caller.client();
    const service = await t.admin.post('/api/v1/integrasi/gateway/layanan', { aplikasi: 'sidata', kode: 'data', nama: 'Data', baseUrl: `${backendUrl}/v2`, timeoutMs: 500 });
    assert.equal(service.status, 201, JSON.stringify(service.body));
    const granted = await t.admin.post(`/api/v1/integrasi/gateway/layanan/${service.body.id}/izin`, { klien: 'simonev', aturan: ['GET /*', 'POST /unggah'] });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
  });
  after(async () => {
    await t.close();
    backend.closeAllConnections();
    await new Promise<void>((resolve) => backend.close(() => resolve()));
  });

  it('puts Padu’s security headers and x-request-id on forwarded answers and on its own problems', async () => {
    const expected = t.server.app.rawRoutes.securityHeaders;
    assert.ok(expected['content-security-policy'] && expected['x-content-type-options'] === 'nosniff', JSON.stringify(expected));
    // The same set Fastify puts on its answers.
    const health = await fetch(`${t.url}/api/v1/health`);
    for (const [name, value] of Object.entries(expected)) assert.equal(health.headers.get(name), value, name);
    const forwarded = await client.get('/gw/sidata/data/baris/1', { headers: { 'x-request-id': 'uji-header-00001' } });
    const refused = await client.request('DELETE', '/gw/sidata/data/baris/1');
    const unknown = await client.get('/gw/sidata/tidak-ada/x');
    const anonymous = await t.client().get('/gw/sidata/data/baris/1');
    for (const [label, res, status] of [['forwarded', forwarded, 200], ['refused', refused, 403], ['unknown', unknown, 404], ['anonymous', anonymous, 401]] as const) {
      assert.equal(res.status, status, `${label}: ${res.text}`);
      for (const [name, value] of Object.entries(expected)) assert.equal(res.headers.get(name), value, `${label}: ${name}`);
      assert.ok(res.headers.get('x-request-id'), `${label}: x-request-id`);
    }
    assert.equal(forwarded.headers.get('x-request-id'), 'uji-header-00001');
    assert.equal(forwarded.body.headers['x-padu-request-id'], 'uji-header-00001');
    assert.equal(unknown.body.requestId, unknown.headers.get('x-request-id'));
    assert.match(unknown.headers.get('content-type') ?? '', /^application\/problem\+json; charset=utf-8$/);
  });

  it('answers its problems in English with Accept-Language: en, in Indonesian otherwise', async () => {
    const en = { 'accept-language': 'en-GB,en;q=0.9,id;q=0.5' };
    const cases = [
      [await client.get('/gw/sidata/data/baris/1', { headers: { authorization: 'Bearer rusak', ...en } }), 401, 'auth.invalid_token', 'Invalid token'],
      [await client.get('/gw/sidata/tidak-ada/x', { headers: en }), 404, 'integrasi.gw_tidak_dikenal', 'Unknown service'],
      [await client.request('DELETE', '/gw/sidata/data/baris/1', { headers: en }), 403, 'integrasi.gw_tidak_diizinkan', 'Not granted'],
      [await client.get('/gw/sidata/data/lambat', { headers: en }), 504, 'integrasi.gw_waktu_habis', null],
    ] as const;
    for (const [res, status, code, title] of cases) {
      assert.equal(res.status, status, res.text);
      assert.equal(res.body.code, code);
      assert.equal(res.body.type, `/problems/${code}`);
      if (title) assert.equal(res.body.title, title);
      assert.match(res.body.detail, /^[\x20-\x7e]+$/, 'an English detail');
    }
    const indonesian = await client.get('/gw/sidata/tidak-ada/x');
    assert.equal(indonesian.body.title, 'Layanan tidak dikenal');
    assert.equal(indonesian.body.detail, 'Tidak ada layanan "tidak-ada" milik aplikasi "sidata" di gateway.');
    assert.equal(indonesian.body.instance, '/gw/sidata/tidak-ada/x');
  });

  it('refuses a revoked client’s token at once with 401', async () => {
    const app = await createTestApp(t, { kode: 'simpel', scopes: [] });
    const service = await t.admin.get('/api/v1/integrasi/gateway/layanan?aplikasi=sidata');
    const granted = await t.admin.post(`/api/v1/integrasi/gateway/layanan/${service.body.items[0].id}/izin`, { klien: 'simpel' });
    assert.equal(granted.status, 201);
    const revocable = await app.client();
    assert.equal((await revocable.get('/gw/sidata/data/baris/1')).status, 200);
    const revoked = await t.admin.post(`/api/v1/integrasi/klien/${app.clientId}/cabut`, { alasan: 'Diganti' });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    const res = await revocable.get('/gw/sidata/data/baris/1');
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'auth.invalid_token');
    assert.equal(res.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    const none = await t.client().get('/gw/sidata/data/baris/1');
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
  });

  it('answers 429 with Retry-After past the app’s rate limit, and meters every call per route', async () => {
    const app = await createTestApp(t, { kode: 'sibatas', scopes: [] });
    const service = await t.admin.get('/api/v1/integrasi/gateway/layanan?aplikasi=sidata');
    assert.equal((await t.admin.post(`/api/v1/integrasi/gateway/layanan/${service.body.items[0].id}/izin`, { klien: 'sibatas' })).status, 201);
    await sql`UPDATE integrasi.aplikasi SET batas_per_menit = 3 WHERE id = ${app.id}`.execute(t.kernel.db);
    tokenServiceOf(t.kernel)!.forget(null, app.id);
    const limited = await app.client();
    const statuses: number[] = [];
    for (const path of ['/gw/sidata/data/baris/1', '/gw/sidata/data', '/gw/sidata/data/', '/gw/sidata/data/baris/2']) statuses.push((await limited.get(path)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const over = await limited.get('/gw/sidata/data/baris/3');
    assert.equal(over.status, 429);
    assert.equal(over.body.code, 'auth.app_rate_limited');
    assert.ok(Number(over.headers.get('retry-after')) >= 1);
    for (const [name, value] of Object.entries(t.server.app.rawRoutes.securityHeaders)) assert.equal(over.headers.get(name), value, name);
    await tokenServiceOf(t.kernel)!.meter.flush();
    const usage = await t.admin.get(`/api/v1/integrasi/aplikasi/${app.kode}/pemakaian`);
    assert.equal(usage.status, 200, JSON.stringify(usage.body));
    const byRoute = Object.fromEntries(usage.body.items.map((i: { rute: string; metode: string; jumlah: number; ditolak: number; scope: string }) => [`${i.metode} ${i.rute}`, i]));
    assert.equal(byRoute['GET /gw/:app/:service/*'].jumlah, 3);
    assert.equal(byRoute['GET /gw/:app/:service/*'].ditolak, 2);
    assert.equal(byRoute['GET /gw/:app/:service/*'].scope, '');
    assert.equal(byRoute['GET /gw/:app/:service'].jumlah, 2, 'with and without the trailing slash');
  });

  it('streams large bodies both ways whole, and refuses a body it cannot take with 415 like Fastify did', async () => {
    for (const path of ['/gw/sidata/data/besar', '/gw/sidata/data/besar-bertahap']) {
      const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${client.accessToken}` } });
      assert.equal(res.status, 200, path);
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(body.length, BIG, path);
      assert.ok(body.equals(big), `${path} arrives unchanged`);
    }
    const upload = await client.request('POST', '/gw/sidata/data/unggah', { raw: new Uint8Array(big), headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(upload.status, 200, upload.text);
    assert.equal(upload.body.bytes, BIG);
    const badType = await client.request('POST', '/gw/sidata/data/unggah', { raw: 'x', headers: { 'content-type': 'bukan-jenis' } });
    assert.equal(badType.status, 415);
    assert.equal(badType.body.code, 'request.unsupported_media_type');
  });

  it('logs a caller that hangs up before the backend answers as 499', async () => {
    await new Promise<void>((resolve) => {
      const url = new URL(t.url);
      const req = http.request({ host: url.hostname, port: url.port, path: '/gw/sidata/data/lambat', headers: { authorization: `Bearer ${client.accessToken}`, 'x-request-id': 'uji-pergi-000001' } });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 150);
    });
    let row: { status: number } | undefined;
    for (let i = 0; i < 20 && !row; i++) {
      await new Promise((r) => setTimeout(r, 50));
      await gatewayLogOf(t.kernel)!.flush();
      row = (await sql<{ status: number }>`SELECT status FROM integrasi.gw_log WHERE request_id = 'uji-pergi-000001'`.execute(t.kernel.db)).rows[0];
    }
    assert.equal(row?.status, 499);
  });

  it('answers the same through the Fastify routes (what the fast path leaves to them) as before them', async () => {
    const headers = { authorization: `Bearer ${client.accessToken}`, 'accept-language': 'en' };
    for (const [method, url] of [['GET', '/gw/sidata/data/baris/7?x=1'], ['GET', '/gw/sidata/data/a%2f..%2fx'], ['DELETE', '/gw/sidata/data/baris/7'], ['GET', '/gw/sidata/tidak-ada/x']] as const) {
      const fast = await rawRequest(t.url, url, { method, headers: { ...headers, 'x-request-id': `uji-cepat-${method}` } });
      const viaFastify = await t.server.app.inject({ method, url, headers: { ...headers, 'x-request-id': `uji-cepat-${method}` } });
      assert.equal(viaFastify.statusCode, fast.status, `${method} ${url}`);
      const strip = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name)));
      assert.deepEqual(strip(viaFastify.headers), strip(fast.headers), `${method} ${url}`);
      const body = viaFastify.headers['content-type']?.toString().includes('json') ? viaFastify.json() : viaFastify.body;
      if (typeof body === 'object' && body.headers) {
        // The forwarded request differs only in what the connection gives (address, Host) and inject's user-agent.
        for (const name of ['x-forwarded-for', 'x-forwarded-host', 'host', 'connection', 'user-agent']) {
          delete body.headers[name];
          delete fast.body.headers[name];
        }
      }
      assert.deepEqual(body, fast.body, `${method} ${url}`);
    }
  });
});

describe('service gateway behind a trusted proxy (PADU_TRUST_PROXY)', () => {
  let t: TestServer;
  let backend: Awaited<ReturnType<typeof startBackend>>;
  let token = '';
  before(async () => {
    t = await startTestServer({ env: { PADU_TRUST_PROXY: 'true' } });
    backend = await startBackend();
    await createTestApp(t, { kode: 'sidata', scopes: [] });
    token = await (await createTestApp(t, { kode: 'simonev', scopes: [] })).token();
    const service = await t.admin.post('/api/v1/integrasi/gateway/layanan', { aplikasi: 'sidata', kode: 'data', nama: 'Data', baseUrl: backend.url });
    assert.equal(service.status, 201, JSON.stringify(service.body));
    assert.equal((await t.admin.post(`/api/v1/integrasi/gateway/layanan/${service.body.id}/izin`, { klien: 'simonev' })).status, 201);
  });
  after(async () => {
    await t.close();
    await backend.close();
  });

  it('forwards the client’s address, host and protocol the proxy reported, as Fastify reads them', async () => {
    const proxied = { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9, 10.0.0.2', 'x-forwarded-host': 'padu.padang.go.id', 'x-forwarded-proto': 'https' };
    const fast = await rawRequest(t.url, '/gw/sidata/data/x', { headers: proxied });
    assert.equal(fast.status, 200, JSON.stringify(fast.body));
    const seenFast = backend.seen.at(-1)!.headers;
    const viaFastify = await t.server.app.inject({ method: 'GET', url: '/gw/sidata/data/x', headers: proxied });
    assert.equal(viaFastify.statusCode, 200);
    const seenFastify = backend.seen.at(-1)!.headers;
    for (const name of ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto']) assert.equal(seenFast[name], seenFastify[name], name);
    assert.equal(seenFast['x-forwarded-for'], '203.0.113.9');
    assert.equal(seenFast['x-forwarded-host'], 'padu.padang.go.id');
    assert.equal(seenFast['x-forwarded-proto'], 'https');
  });
});
