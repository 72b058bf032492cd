import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

describe('HTTP kernel', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('reports health with the database kind and version', async () => {
    const res = await t.client().get('/api/v1/health');
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['database', 'status', 'version']);
    assert.equal(res.body.status, 'ok');
    assert.equal(res.body.database, 'external');
    assert.match(res.body.version, /^\d+\.\d+\.\d+/);
  });

  it('serves an OpenAPI 3.1 document listing the routes', async () => {
    const res = await t.client().get('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    for (const route of ['/api/v1/health', '/api/v1/auth/login', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/audit']) {
      assert.ok(res.body.paths[route], `missing ${route}`);
    }
  });

  it('serves a readable API reference at /api/docs', async () => {
    const res = await t.client().get('/api/docs/');
    assert.equal(res.status, 200);
    assert.match(res.text, /swagger/i);
  });

  it('answers unknown API paths with a 404 problem in Indonesian, or English on request', async () => {
    const id = await t.client().get('/api/v1/tidak-ada');
    assert.equal(id.status, 404);
    assert.match(id.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(id.body.code, 'request.not_found');
    assert.equal(id.body.title, 'Tidak ditemukan');
    const en = await t.client().get('/api/v1/tidak-ada', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(en.body.title, 'Not found');
    assert.equal(en.body.requestId, en.headers.get('x-request-id'));
  });

  it('serves the web app for page paths, dotted codes included, and a 404 for missing assets', async () => {
    for (const page of ['/organisasi/1.01.0.00.0.00.01.0000', '/wilayah', '/pegawai/196608011988031001']) {
      const res = await t.client().get(page);
      // 503 when web/dist is not built (a bare `tsx test/run.ts`); either way the page route, never a 404.
      assert.ok([200, 503].includes(res.status), `${page} → ${res.status}`);
      if (res.status === 200) assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    }
    for (const asset of ['/assets/tidak-ada.js', '/favicon-lain.png', '/assets/gaya.css']) {
      assert.equal((await t.client().get(asset)).status, 404, asset);
    }
  });

  it('keeps a valid incoming request id and makes one otherwise', async () => {
    const kept = await t.client().get('/api/v1/health', { headers: { 'x-request-id': 'client-req-12345' } });
    assert.equal(kept.headers.get('x-request-id'), 'client-req-12345');
    const made = await t.client().get('/api/v1/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    assert.notEqual(made.headers.get('x-request-id'), 'bad id with spaces');
  });

  it('sends security headers', async () => {
    const res = await t.client().get('/api/v1/health');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  describe('bad input gets a 4xx problem and changes nothing', () => {
    const users = async () => (await t.admin.get('/api/v1/users?limit=200')).body.total as number;

    it('malformed JSON → 400 request.malformed_json', async () => {
      const before = await users();
      const res = await t.admin.request('POST', '/api/v1/users', { raw: '{"username": "x",', headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 'request.malformed_json');
      assert.equal(await users(), before);
    });

    it('wrong content type → 415', async () => {
      const res = await t.admin.request('POST', '/api/v1/users', { raw: 'username=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(res.status, 415);
      assert.equal(res.body.code, 'request.unsupported_media_type');
    });

    it('a body over the limit → 413', async () => {
      const huge = JSON.stringify({ username: 'a'.repeat(2 * 1024 * 1024) });
      const res = await t.admin.request('POST', '/api/v1/users', { raw: huge, headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 413);
      assert.equal(res.body.code, 'request.too_large');
    });

    it('unknown, missing and wrongly typed fields → 400 naming each field', async () => {
      const res = await t.admin.post('/api/v1/users', { username: 42, displayName: 'X', password: 'kata-sandi-panjang', roles: [], extra: true });
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 'request.invalid');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      assert.ok(fields.includes('username'));
      assert.ok(fields.includes('extra'));
    });

    it('very long strings → 400 maxLength', async () => {
      const res = await t.admin.post('/api/v1/users', { username: 'panjang', displayName: 'x'.repeat(5000), password: 'kata-sandi-panjang', roles: [] });
      assert.equal(res.status, 400);
      assert.ok(res.body.errors.some((e: { field: string; rule: string }) => e.field === 'displayName' && e.rule === 'maxLength'));
    });

    it('a NUL character in JSON → 400, not a database error', async () => {
      const res = await t.admin.request('POST', '/api/v1/users', {
        raw: '{"username":"nul","displayName":"a\\u0000b","password":"kata-sandi-panjang","roles":[]}',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.status, 400);
    });

    it('an empty JSON body → 400', async () => {
      const res = await t.admin.request('POST', '/api/v1/users', { raw: '', headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 400);
    });

    it('a malformed id in the path → 400', async () => {
      const res = await t.admin.get('/api/v1/users/not-a-uuid');
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].field, 'id');
    });
  });
});
