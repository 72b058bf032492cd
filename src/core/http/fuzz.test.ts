import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ADMIN_PASSWORD, type ApiClient, type ApiResponse, startTestServer, type TestServer } from '../../../test/helpers/server.js';

/**
 * Property tests: whatever arrives, the API answers with a 4xx problem (or a success), never a
 * server error. Each property runs a bounded number of times so the file stays quick.
 */
const RUNS = 150;
const ROLE_CODES = ['admin', 'pimpinan', 'auditor', 'opd_operator', 'pegawai', 'petugas_kelurahan', 'lurah', 'warga'];

/** Any code point, plus the troublemakers: lone surrogates, NUL and other controls, quotes, LIKE wildcards, RTL marks. */
const nastyChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\u202e', '\ufeff', '"', '\\', '%', '_', "'", '\n', ' '),
);
const text = fc.string({ unit: nastyChar, maxLength: 60 });
const anyValue = fc.anything({
  stringUnit: 'binary',
  maxDepth: 3,
  withBoxedValues: true,
  withDate: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
});
/** A value of the wrong type for whatever field it lands in (sometimes by luck the right one). */
const wrong = fc.oneof(anyValue, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 }));

const grant = fc.record(
  {
    role: fc.oneof(fc.constantFrom(...ROLE_CODES, 'raja', ''), text, wrong),
    scopeCode: fc.oneof(
      fc.constantFrom(null, '', '13.71.01.1001', ' 13.71.01.1001 ', '13.72.01.1001', '1371011001', '1.01.0.00.0.00.01.0000', '-', '0'.repeat(41)),
      text,
      wrong,
    ),
    scopeType: fc.oneof(fc.constantFrom('city', 'opd', 'kelurahan', 'self'), text),
  },
  { requiredKeys: ['role'] },
);

/** Bodies shaped almost like a real new user, so many reach the service and the database. */
const nearlyValidUser = fc.record(
  {
    username: fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{2,20}$/), text),
    displayName: fc.oneof(fc.string({ unit: nastyChar, minLength: 1, maxLength: 150 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })),
    email: fc.oneof(fc.emailAddress(), fc.constantFrom('', null), text),
    password: fc.oneof(fc.string({ unit: nastyChar, minLength: 10, maxLength: 40 }), text),
    roles: fc.array(grant, { maxLength: 4 }),
  },
  { requiredKeys: ['username', 'displayName', 'password', 'roles'] },
);
const wronglyTypedUser = fc.record(
  { username: wrong, displayName: wrong, email: wrong, password: wrong, roles: fc.oneof(wrong, fc.array(wrong, { maxLength: 3 })), extra: wrong },
  { requiredKeys: [] },
);
/** Bodies that pass the schema more often than not, so the service, its checks and the database get their share. */
const plausibleGrant = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<object>(
    { role: 'warga' }, { role: 'pegawai' }, { role: 'pimpinan' }, { role: 'auditor' }, { role: 'admin' },
    { role: 'lurah', scopeCode: '13.71.01.1001' }, { role: 'petugas_kelurahan', scopeCode: '13.71.11.1010' },
    { role: 'opd_operator', scopeCode: '1.01.0.00.0.00.01.0000' },
  ) },
  { weight: 1, arbitrary: grant },
);
const plausibleUser = fc.record(
  {
    username: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9._-]{2,12}$/), fc.constantFrom('admin', 'Admin', 'ADMIN')),
    displayName: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    email: fc.oneof(fc.emailAddress(), fc.constantFrom('', null, 'orang@padang.go.id')),
    password: fc.string({ unit: 'grapheme-ascii', minLength: 8, maxLength: 30 }),
    roles: fc.array(plausibleGrant, { maxLength: 3 }),
  },
  { requiredKeys: ['username', 'displayName', 'password', 'roles'] },
);
const userBody = fc.oneof(
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: fc.object({ stringUnit: 'binary', maxDepth: 2 }) },
  { weight: 2, arbitrary: wronglyTypedUser },
  { weight: 2, arbitrary: nearlyValidUser },
  { weight: 4, arbitrary: plausibleUser },
);

const loginBody = fc.oneof(
  anyValue,
  fc.object({ stringUnit: 'binary', maxDepth: 2 }),
  fc.record({ username: wrong, password: wrong, remember: wrong }, { requiredKeys: [] }),
  fc.record({ username: fc.oneof(text, fc.constantFrom('admin', 'ADMIN', ' admin ', '')), password: text }),
  fc.record({ username: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }), password: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }) }),
);

/** JSON text that is almost right: a valid body with a few bytes spliced in somewhere. */
const almostJson = fc
  .tuple(
    fc.constantFrom(
      '{"username":"admin","password":"salah-sekali-sandi"}',
      '{"username":"fuzz-mentah","displayName":"Mentah","password":"kata-sandi-panjang","roles":[{"role":"warga"}]}',
    ),
    fc.nat(),
    fc.uint8Array({ minLength: 1, maxLength: 6 }),
  )
  .map(([json, at, bytes]) => {
    const base = Buffer.from(json);
    const cut = at % (base.length + 1);
    return Buffer.concat([base.subarray(0, cut), Buffer.from(bytes), base.subarray(cut)]);
  });
const rawBody = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  almostJson,
  fc.string({ unit: nastyChar, maxLength: 80 }).map((s) => Buffer.from(s)),
  fc.constantFrom('{', '[', '"', 'null', 'true', '{"a":', '{"__proto__":{"admin":true}}', '\ufeff{}', '{"username":"\\u0000"}', '{"username":"\\ud800"}').map((s) => Buffer.from(s)),
);

function assertSane(res: ApiResponse, label: string): void {
  assert.ok(res.status < 500, `${label} → ${res.status} ${res.text.slice(0, 300)}`);
  if (res.status >= 400) {
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, `${label} → ${res.status} without problem+json`);
    assert.equal(res.body.status, res.status, label);
    assert.equal(typeof res.body.code, 'string', label);
    assert.equal(res.body.requestId, res.headers.get('x-request-id'), label);
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const json = (value: unknown) => JSON.stringify(value) ?? 'null';

describe('fuzzing the API with random input', () => {
  let t: TestServer;
  let anonymous: ApiClient;
  const users = async () =>
    Number((await t.kernel.db.selectFrom('core.app_user').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    t = await startTestServer({ env: { PADU_LOGIN_MAX_FAILURES: '1000', PADU_LOGIN_MAX_FAILURES_PER_ADDRESS: '100000' } });
    anonymous = t.client();
  });
  after(() => t.close());

  it('POST /api/v1/auth/login with random JSON never fails on the server and never signs anyone in', async () => {
    await fc.assert(
      fc.asyncProperty(loginBody, async (body) => {
        const raw = json(body);
        const res = await anonymous.request('POST', '/api/v1/auth/login', { raw, headers: { 'content-type': 'application/json' } });
        assertSane(res, `login ${raw.slice(0, 200)}`);
        assert.ok([400, 401].includes(res.status), `login ${raw.slice(0, 200)} → ${res.status}`);
        assert.equal(anonymous.cookie, null);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /api/v1/users (as admin, with CSRF) with random JSON: 201, 400 or 409, and a user is stored only on 201', async () => {
    await fc.assert(
      fc.asyncProperty(userBody, async (body) => {
        const raw = json(body);
        const before = await users();
        const res = await t.admin.request('POST', '/api/v1/users', { raw, headers: { 'content-type': 'application/json' } });
        assertSane(res, `create ${raw.slice(0, 200)}`);
        assert.ok([201, 400, 409].includes(res.status), `create ${raw.slice(0, 200)} → ${res.status}`);
        assert.equal(await users(), before + (res.status === 201 ? 1 : 0));
        if (res.status === 201) {
          assert.equal(res.body.username, (body as { username: string }).username);
          assert.doesNotMatch(res.text, /argon2/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('raw non-JSON bytes sent as application/json → 4xx problem on both endpoints', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, fc.boolean(), async (raw, toLogin) => {
        const label = `${toLogin ? 'login' : 'create'} raw ${JSON.stringify(raw.toString('latin1').slice(0, 120))}`;
        const res = toLogin
          ? await anonymous.request('POST', '/api/v1/auth/login', { raw, headers: { 'content-type': 'application/json' } })
          : await t.admin.request('POST', '/api/v1/users', { raw, headers: { 'content-type': 'application/json' } });
        assertSane(res, label);
        if (toLogin) assert.notEqual(res.status, 200, label);
      }),
      { numRuns: RUNS },
    );
  });

  it('odd content types and bodies → 4xx problem, never a server error', async () => {
    const contentType = fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json;charset=latin1',
      'APPLICATION/JSON',
      'application/json-patch+json',
      'application/problem+json',
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      ';;;',
    );
    await fc.assert(
      fc.asyncProperty(contentType, rawBody, fc.boolean(), async (type, raw, toLogin) => {
        const label = `${toLogin ? 'login' : 'create'} as ${type}: ${JSON.stringify(raw.toString('latin1').slice(0, 120))}`;
        const res = toLogin
          ? await anonymous.request('POST', '/api/v1/auth/login', { raw, headers: { 'content-type': type } })
          : await t.admin.request('POST', '/api/v1/users', { raw, headers: { 'content-type': type } });
        assertSane(res, label);
        if (toLogin) assert.notEqual(res.status, 200, label);
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /api/v1/users with random query parameters → 200 or a 400 problem', async () => {
    const percentBytes = fc.uint8Array({ maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
    const value = fc.oneof(text.map((s) => encodeURIComponent(s.replace(LONE_SURROGATE, '\ufffd'))), percentBytes, fc.integer().map(String), fc.constantFrom('', 'true', 'false', '1e3', '-1', '%'));
    const key = fc.constantFrom('q', 'role', 'active', 'limit', 'offset', 'q[]', 'zzz');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 4 }), async (pairs) => {
        const query = pairs.map(([k, v]) => `${k}=${v}`).join('&');
        const res = await t.admin.get(`/api/v1/users?${query}`);
        assertSane(res, `list ?${query}`);
        assert.ok([200, 400].includes(res.status), `list ?${query} → ${res.status}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('afterwards the server is healthy, the admin still signed in and the audit chain intact', async () => {
    assert.equal((await t.client().get('/api/v1/health')).status, 200);
    assert.equal((await t.admin.get('/api/v1/auth/me')).status, 200);
    const verify = await t.admin.get('/api/v1/audit/verify');
    assert.equal(verify.status, 200);
    assert.equal(verify.body.ok, true);
    assert.equal((await t.client().login('admin', ADMIN_PASSWORD)).status, 200);
  });
});
