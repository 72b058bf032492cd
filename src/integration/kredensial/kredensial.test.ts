import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { sql } from 'kysely';
import { AppClient, createTestApp, requestToken, type TestApp } from '../../../test/helpers/apps.js';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/helpers/server.js';
import { APP_SCOPES } from '../../core/authz/app-scopes.js';
import { tokenServiceOf } from './index.js';
import { TOKEN_AUDIENCE } from './token.js';

const KODE_A = '1.01.0.00.0.00.01.0000';
const KODE_B = '1.02.0.00.0.00.01.0000';
const KK = '1371011203150001';

describe('integrasi: app credentials, tokens and scopes', () => {
  let t: TestServer;
  let hr: TestApp; // kepegawaian app: pegawai:read city-wide, pegawai:write, penduduk:read-full in one kelurahan
  let operatorB: ApiClient;
  const nip = { A: '198005172005031101', B: '198005172005031102' };
  let pendudukId = '';

  const tokenBody = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, any> });

  before(async () => {
    t = await startTestServer();
    for (const kode of [KODE_A, KODE_B]) {
      const opd = await t.admin.post('/api/v1/opd', { kode, nama: `Dinas ${kode.slice(0, 4)}`, jenis: 'dinas' });
      assert.equal(opd.status, 201, JSON.stringify(opd.body));
      const unit = await t.admin.post(`/api/v1/opd/${kode}/unit`, { nama: 'Sekretariat', jenis: 'sekretariat', berlakuMulai: '2000-01-01' });
      assert.equal(unit.status, 201, JSON.stringify(unit.body));
      const key = kode === KODE_A ? 'A' : 'B';
      const pegawai = await t.admin.post('/api/v1/pegawai', {
        nip: nip[key], nama: `Pegawai ${key}`, jenisKelamin: 'L', tanggalLahir: '1980-05-17', jenis: 'pns', golongan: 'III/a',
        opdRef: kode, unitId: unit.body.id, namaJabatan: 'Analis', tmtJabatan: '2020-01-01',
      });
      assert.equal(pegawai.status, 201, JSON.stringify(pegawai.body));
    }
    const keluarga = await t.admin.post('/api/v1/keluarga', { noKk: KK, kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Sudirman No. 12', rt: '3', rw: '2' });
    assert.equal(keluarga.status, 201, JSON.stringify(keluarga.body));
    const penduduk = await t.admin.post('/api/v1/penduduk', {
      nik: '1371011203900001', noKk: KK, nama: 'Budi Santoso', jenisKelamin: 'L', tempatLahir: 'Padang', tanggalLahir: '1990-03-12',
      agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 2, shdk: 1,
    });
    assert.equal(penduduk.status, 201, JSON.stringify(penduduk.body));
    pendudukId = penduduk.body.id;
    hr = await createTestApp(t, {
      kode: 'simpeg',
      opdKode: KODE_A,
      jenis: 'kepegawaian',
      scopes: ['pegawai:read', 'pegawai:write', 'pegawai:verify', { scope: 'penduduk:read-full', scopeType: 'kelurahan', scopeCode: '13.71.01.1001' }],
    });
    const user = await t.admin.post('/api/v1/users', { username: 'operator-b', displayName: 'Operator B', password: 'kata-sandi-operator-b', roles: [{ role: 'opd_operator', scopeCode: KODE_B }] });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    operatorB = t.client();
    assert.equal((await operatorB.login('operator-b', 'kata-sandi-operator-b')).status, 200);
  });
  after(() => t.close());

  describe('token endpoint', () => {
    it('issues an ES256 JWT that the published JWKS verifies, with the granted scopes', async () => {
      const { status, body } = await tokenBody(await requestToken(t.url, hr.clientId, hr.clientSecret));
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 600);
      assert.deepEqual(body.scope.split(' ').sort(), ['pegawai:read', 'pegawai:verify', 'pegawai:write', 'penduduk:read-full']);
      const jwks = await (await fetch(`${t.url}/.well-known/jwks.json`)).json();
      assert.equal(jwks.keys[0].kty, 'EC');
      assert.equal(jwks.keys[0].d, undefined, 'the private key is never published');
      const { payload, protectedHeader } = await jwtVerify(body.access_token, createLocalJWKSet(jwks), { audience: TOKEN_AUDIENCE, issuer: 'padu' });
      assert.equal(protectedHeader.alg, 'ES256');
      assert.equal(payload.sub, hr.clientId);
      assert.equal(payload.app, 'simpeg');
      assert.ok(payload.exp! - payload.iat! === 600);
    });

    it('accepts the credentials in a JSON body and narrows the token to the scopes asked for', async () => {
      const res = await fetch(`${t.url}/api/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: hr.clientId, client_secret: hr.clientSecret, scope: 'pegawai:read' }),
      });
      const { status, body } = await tokenBody(res);
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.scope, 'pegawai:read');
    });

    it('refuses bad requests with RFC 6749 error codes inside problem+json', async () => {
      const wrongSecret = await tokenBody(await requestToken(t.url, hr.clientId, 'pds_wrong'));
      assert.equal(wrongSecret.status, 401);
      assert.equal(wrongSecret.body.error, 'invalid_client');
      assert.equal(wrongSecret.body.code, 'oauth.invalid_client');
      const unknownScope = await tokenBody(await requestToken(t.url, hr.clientId, hr.clientSecret, 'penduduk:read pegawai:read'));
      assert.equal(unknownScope.status, 400);
      assert.equal(unknownScope.body.error, 'invalid_scope');
      const post = (body: string, type = 'application/x-www-form-urlencoded') =>
        fetch(`${t.url}/api/v1/oauth/token`, { method: 'POST', headers: { 'content-type': type }, body }).then(tokenBody);
      const grant = await post(`grant_type=password&client_id=${hr.clientId}&client_secret=${hr.clientSecret}`);
      assert.equal(grant.status, 400);
      assert.equal(grant.body.error, 'unsupported_grant_type');
      const missing = await post('grant_type=client_credentials');
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error, 'invalid_request');
      const malformed = await post('{"grant_type":', 'application/json');
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.code, 'request.malformed_json');
      const huge = await post(`grant_type=client_credentials&scope=${'x'.repeat(3000)}`);
      assert.equal(huge.status, 400);
    });
  });

  describe('calling the API with a token', () => {
    it('reads with a held scope, and a token without it or a route not open to apps answers 403', async () => {
      const app = await hr.client();
      const list = await app.get('/api/v1/pegawai');
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.equal(list.body.items.length, 2);
      const narrow = await hr.client(['pegawai:verify']);
      const denied = await narrow.get('/api/v1/pegawai');
      assert.equal(denied.status, 403);
      assert.equal(denied.body.code, 'auth.scope_missing');
      assert.match(denied.headers.get('www-authenticate') ?? '', /insufficient_scope/);
      const users = await app.get('/api/v1/users');
      assert.equal(users.status, 403, 'user administration is not open to apps');
      assert.equal(users.body.code, 'auth.not_for_apps');
      assert.equal((await app.get('/api/v1/auth/me')).status, 403);
      assert.equal((await app.get('/api/v1/penduduk')).status, 403, 'penduduk:read-full does not open the list route (penduduk:read)');
    });

    it('writes without a CSRF token, recorded as the app in the audit trail', async () => {
      const app = await hr.client();
      const verify = await app.post('/api/v1/pegawai/verifikasi', { nip: nip.A, nama: 'Pegawai A' });
      assert.equal(verify.status, 200, JSON.stringify(verify.body));
      const current = await app.get(`/api/v1/pegawai/${nip.A}`);
      const patched = await app.patch(`/api/v1/pegawai/${nip.A}`, { telepon: '081200001111' }, { headers: { 'if-match': current.headers.get('etag')! } });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      const audit = await sql<{ actor_type: string; actor_id: string; actor_name: string }>`
        SELECT actor_type, actor_id, actor_name FROM core.audit_log WHERE action = 'pegawai.updated' ORDER BY seq DESC LIMIT 1`.execute(t.kernel.db);
      assert.deepEqual(audit.rows[0], { actor_type: 'app', actor_id: hr.id, actor_name: 'simpeg' });
    });

    it('a full resident view needs a reason, holds only where granted, and is logged under the app', async () => {
      const app = await hr.client();
      const noReason = await app.post(`/api/v1/penduduk/${pendudukId}/lengkap`, {});
      assert.equal(noReason.status, 400);
      const full = await app.post(`/api/v1/penduduk/${pendudukId}/lengkap`, { alasan: 'Sinkronisasi data keluarga pegawai' });
      assert.equal(full.status, 200, JSON.stringify(full.body));
      assert.equal(full.body.nik, '1371011203900001');
      const log = await sql<{ actor_type: string; app_id: string; reason: string }>`
        SELECT actor_type, app_id, reason FROM penduduk.akses_log WHERE penduduk_id = ${pendudukId}`.execute(t.kernel.db);
      assert.deepEqual(log.rows, [{ actor_type: 'app', app_id: hr.id, reason: 'Sinkronisasi data keluarga pegawai' }]);
    });

    it('an OPD-scoped grant reads only that OPD', async () => {
      const put = await t.admin.put(`/api/v1/integrasi/aplikasi/${hr.kode}/izin`, {
        items: [{ scope: 'pegawai:read', scopeType: 'opd', scopeCode: KODE_B }, { scope: 'pegawai:verify', scopeType: 'city' }],
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const app = await hr.client(['pegawai:read']);
      const list = await app.get('/api/v1/pegawai');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items.map((p: { nip: string }) => p.nip), [nip.B]);
      assert.equal((await app.get(`/api/v1/pegawai/${nip.A}`)).status, 404);
    });

    it('withdrawing a scope takes effect for tokens already issued', async () => {
      const app = await hr.client(['pegawai:read', 'pegawai:verify']);
      assert.equal((await app.get('/api/v1/pegawai')).status, 200);
      const put = await t.admin.put(`/api/v1/integrasi/aplikasi/${hr.kode}/izin`, { items: [{ scope: 'pegawai:verify', scopeType: 'city' }] });
      assert.equal(put.status, 200);
      assert.equal((await app.get('/api/v1/pegawai')).status, 403);
      const restore = await t.admin.put(`/api/v1/integrasi/aplikasi/${hr.kode}/izin`, {
        items: [{ scope: 'pegawai:read', scopeType: 'city' }, { scope: 'pegawai:write', scopeType: 'city' }, { scope: 'pegawai:verify', scopeType: 'city' }],
      });
      assert.equal(restore.status, 200);
    });

    it('rejects malformed, tampered, foreign and expired tokens with 401', async () => {
      const good = await hr.token();
      const [header, payload, signature] = good.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, scope: 'penduduk:read' })).toString('base64url')}.${signature}`;
      const { kid, privateKey } = tokenServiceOf(t.kernel)!.keys.signingKey();
      const expired = await new SignJWT({ scope: claims.scope, app: 'simpeg' })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer('padu').setAudience(TOKEN_AUDIENCE).setSubject(hr.clientId)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(privateKey);
      const wrongAudience = await new SignJWT({ scope: claims.scope }).setProtectedHeader({ alg: 'ES256', kid }).setIssuer('padu').setAudience('other').setSubject(hr.clientId).setExpirationTime('5m').sign(privateKey);
      for (const [label, token] of [['garbage', 'not-a-jwt'], ['forged scope', forged], ['expired', expired], ['wrong audience', wrongAudience], ['alg none', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`]]) {
        const res = await new AppClient(t.url, token!).get('/api/v1/pegawai');
        assert.equal(res.status, 401, label);
        assert.equal(res.body.code, 'auth.invalid_token', label);
        assert.match(res.headers.get('www-authenticate') ?? '', /invalid_token/, label);
      }
      const empty = await fetch(`${t.url}/api/v1/pegawai`, { headers: { authorization: 'Bearer' } });
      assert.equal(empty.status, 401);
    });
  });

  describe('secrets, revocation, limits and metering', () => {
    it('rotation keeps the old secret working for the overlap; overlap 0 ends it at once', async () => {
      const app = await createTestApp(t, { kode: 'absensi', scopes: ['pegawai:verify'] });
      const first = await t.admin.post(`/api/v1/integrasi/klien/${app.clientId}/rotasi`, { masaTumpangJam: 2 });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.notEqual(first.body.clientSecret, app.clientSecret);
      assert.equal((await requestToken(t.url, app.clientId, app.clientSecret)).status, 200, 'old secret during the overlap');
      assert.equal((await requestToken(t.url, app.clientId, first.body.clientSecret)).status, 200, 'new secret');
      const listed = await t.admin.get(`/api/v1/integrasi/aplikasi/absensi/klien`);
      assert.equal(listed.body.items[0].rahasia.length, 2);
      assert.ok(!JSON.stringify(listed.body).includes(first.body.clientSecret.slice(4, 20)), 'secrets are never listed');
      const second = await t.admin.post(`/api/v1/integrasi/klien/${app.clientId}/rotasi`, { masaTumpangJam: 0 });
      assert.equal(second.status, 200);
      assert.equal((await requestToken(t.url, app.clientId, first.body.clientSecret)).status, 401);
      assert.equal((await requestToken(t.url, app.clientId, app.clientSecret)).status, 401);
      assert.equal((await requestToken(t.url, app.clientId, second.body.clientSecret)).status, 200);
    });

    it('a revoked client gets no token and its tokens stop working at once', async () => {
      const app = await createTestApp(t, { kode: 'e-audit', scopes: ['pegawai:read'] });
      const client = await app.client();
      assert.equal((await client.get('/api/v1/pegawai')).status, 200);
      const noReason = await t.admin.post(`/api/v1/integrasi/klien/${app.clientId}/cabut`, {});
      assert.equal(noReason.status, 400);
      const revoked = await t.admin.post(`/api/v1/integrasi/klien/${app.clientId}/cabut`, { alasan: 'Aplikasi diganti' });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.equal(revoked.body.status, 'dicabut');
      assert.equal((await client.get('/api/v1/pegawai')).status, 401);
      assert.equal((await requestToken(t.url, app.clientId, app.clientSecret)).status, 401);
      const rotate = await t.admin.post(`/api/v1/integrasi/klien/${app.clientId}/rotasi`, {});
      assert.equal(rotate.status, 409);
      const audit = await sql<{ action: string }>`SELECT action FROM core.audit_log WHERE entity_id = ${app.id} ORDER BY seq`.execute(t.kernel.db);
      assert.deepEqual(audit.rows.map((r) => r.action), ['aplikasi.created', 'aplikasi.izin_set', 'klien.created', 'klien.revoked']);
    });

    it('an OPD operator manages only the clients of its own OPD apps and cannot grant scopes', async () => {
      const other = await operatorB.post('/api/v1/integrasi/aplikasi/simpeg/klien', { nama: 'staging' });
      assert.equal(other.status, 403);
      assert.equal(other.body.code, 'integrasi.aplikasi_bukan_wewenang');
      assert.equal((await operatorB.post(`/api/v1/integrasi/klien/${hr.clientId}/cabut`, { alasan: 'coba' })).status, 403);
      const own = await createTestApp(t, { kode: 'sikesehatan', opdKode: KODE_B, scopes: [] });
      const created = await operatorB.post(`/api/v1/integrasi/aplikasi/${own.kode}/klien`, { nama: 'staging' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.match(created.body.clientSecret, /^pds_/);
      const grant = await operatorB.put(`/api/v1/integrasi/aplikasi/${own.kode}/izin`, { items: [{ scope: 'penduduk:read-full', scopeType: 'city' }] });
      assert.equal(grant.status, 403);
      assert.equal(grant.body.code, 'auth.forbidden');
      const bad = await t.admin.put(`/api/v1/integrasi/aplikasi/${own.kode}/izin`, {
        items: [{ scope: 'penduduk:delete', scopeType: 'city' }, { scope: 'pegawai:read', scopeType: 'opd', scopeCode: '9.99' }, { scope: 'pegawai:read', scopeType: 'kelurahan' }],
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`), [
        'items/0/scope:enum', 'items/1/scopeCode:scope.unknown_opd', 'items/2/scopeCode:scope.required',
      ]);
    });

    it('an app over its rate limit gets 429 with Retry-After, and its use is metered per endpoint', async () => {
      const app = await createTestApp(t, { kode: 'website', jenis: 'website', scopes: ['pegawai:read', 'pegawai:verify'] });
      await sql`UPDATE integrasi.aplikasi SET batas_per_menit = 3 WHERE id = ${app.id}`.execute(t.kernel.db);
      tokenServiceOf(t.kernel)!.forget(null, app.id);
      const client = await app.client();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await client.get('/api/v1/pegawai')).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      const limited = await client.get('/api/v1/pegawai');
      assert.equal(limited.body.code, 'auth.app_rate_limited');
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      const usage = await t.admin.get(`/api/v1/integrasi/aplikasi/${app.kode}/pemakaian`);
      assert.equal(usage.status, 200, JSON.stringify(usage.body));
      const list = usage.body.items.find((i: { rute: string }) => i.rute === '/api/v1/pegawai');
      assert.equal(list.metode, 'GET');
      assert.equal(list.scope, 'pegawai:read');
      assert.equal(list.jumlah, 5);
      assert.equal(list.ditolak, 2);
      const token = usage.body.items.find((i: { rute: string }) => i.rute === '/api/v1/oauth/token');
      assert.equal(token.jumlah, 1);
    });
  });
});

describe('integrasi: which routes apps can reach', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('a token holding every scope reaches only the routes that declare an app scope; the rest answer 403 and change nothing', async () => {
    const app = await createTestApp(t, { kode: 'serba-bisa', scopes: APP_SCOPES });
    const client = await app.client();
    const auditBefore = await sql<{ n: string }>`SELECT count(*) AS n FROM core.audit_log`.execute(t.kernel.db);
    const closed = t.server.app.declaredRoutes.filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && r.access !== 'public' && r.access !== 'app' && !r.appScope,
    );
    assert.ok(closed.length > 50, `only ${closed.length} closed routes found`);
    for (const route of closed) {
      const res = await client.request(route.method, route.url.replace(/:[A-Za-z]+/g, '0190c6f4-7c4e-7000-8000-000000000000').replace(/\*$/, 'x'), {
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      assert.equal(res.status, 403, `${route.method} ${route.url}`);
      assert.equal(res.body.code, 'auth.not_for_apps', `${route.method} ${route.url}`);
    }
    const auditAfter = await sql<{ n: string }>`SELECT count(*) AS n FROM core.audit_log`.execute(t.kernel.db);
    assert.equal(auditAfter.rows[0]!.n, auditBefore.rows[0]!.n);
    const open = t.server.app.declaredRoutes.filter((r) => r.appScope).map((r) => `${r.method} ${r.url} ${r.appScope}`);
    for (const expected of [
      'GET /api/v1/pegawai pegawai:read', 'POST /api/v1/pegawai/verifikasi pegawai:verify', 'PATCH /api/v1/pegawai/:ref pegawai:write',
      'GET /api/v1/penduduk penduduk:read', 'POST /api/v1/penduduk/:ref/lengkap penduduk:read-full', 'POST /api/v1/penduduk/verifikasi penduduk:verify',
      'GET /api/v1/opd organisasi:read', 'GET /api/v1/wilayah wilayah:read', 'GET /api/v1/program/anggaran program:read',
    ]) {
      assert.ok(open.includes(expected), `${expected} is not open to apps`);
    }
    for (const route of t.server.app.declaredRoutes.filter((r) => r.appScope)) {
      assert.ok(APP_SCOPES.includes(route.appScope as never), `${route.method} ${route.url}: unknown app scope ${route.appScope}`);
    }
  });
});
