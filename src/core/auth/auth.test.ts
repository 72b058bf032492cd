import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_PASSWORD, ApiClient, startTestServer, type ApiResponse, type TestServer } from '../../../test/helpers/server.js';
import { permissions } from '../authz/roles.js';
import { hashToken } from './sessions.js';

const PROBLEM = /^application\/problem\+json/;

function sessionCookie(res: ApiResponse): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith('padu_session='));
}

function tokenHashOf(client: ApiClient): Buffer {
  assert.ok(client.cookie, 'client holds no session cookie');
  return hashToken(decodeURIComponent(client.cookie.slice('padu_session='.length)));
}

async function sessionRows(t: TestServer, where: { userId?: string; tokenHash?: Buffer }) {
  let query = t.kernel.db.selectFrom('core.session').selectAll();
  if (where.userId) query = query.where('user_id', '=', where.userId);
  if (where.tokenHash) query = query.where('token_hash', '=', where.tokenHash);
  return query.execute();
}

async function createUser(t: TestServer, username: string, password: string, roles: object[] = [{ role: 'pegawai' }]): Promise<string> {
  const res = await t.admin.post('/api/v1/users', { username, displayName: `Pengguna ${username}`, password, roles });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

async function signedIn(t: TestServer, username: string, password: string): Promise<ApiClient> {
  const client = t.client();
  const res = await client.login(username, password);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return client;
}

async function throttleRows(t: TestServer) {
  const rows = await t.kernel.db
    .selectFrom('core.login_throttle')
    .select(['key', 'failures', 'locked_until'])
    .select((eb) => eb('locked_until', '>', eb.fn<Date>('now')).as('locked'))
    .orderBy('key')
    .execute();
  return new Map(rows.map((r) => [r.key, { failures: r.failures, locked: r.locked === true }]));
}

describe('sign-in, sessions and CSRF', () => {
  let t: TestServer;
  let adminId: string;
  before(async () => {
    t = await startTestServer({ env: { PADU_SESSION_IDLE_MINUTES: '20', PADU_SESSION_MAX_HOURS: '8' } });
    adminId = (await t.admin.get('/api/v1/auth/me')).body.user.id;
  });
  after(() => t.close());

  it('login succeeds with the Me shape and an HttpOnly, SameSite=Lax session cookie on /', async () => {
    const client = t.client();
    const res = await client.login('admin', ADMIN_PASSWORD);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['csrfToken', 'permissions', 'roles', 'user']);
    assert.deepEqual(res.body.user, { id: adminId, username: 'admin', displayName: 'Admin Platform', email: null });
    assert.deepEqual(res.body.roles, [{ role: 'admin', scopeType: 'city', scopeCode: null }]);
    // The platform admin holds every permission there is.
    assert.deepEqual(res.body.permissions, [...permissions].sort());
    assert.equal(typeof res.body.csrfToken, 'string');
    assert.ok(res.body.csrfToken.length >= 24);
    assert.doesNotMatch(res.text, /argon2|password/i);

    const cookie = sessionCookie(res);
    assert.ok(cookie, 'no padu_session cookie was set');
    const attributes = cookie.split(';').map((part) => part.trim().toLowerCase());
    assert.ok(attributes.includes('httponly'), cookie);
    assert.ok(attributes.includes('samesite=lax'), cookie);
    assert.ok(attributes.includes('path=/'), cookie);
    assert.ok(attributes.includes(`max-age=${8 * 3600}`), cookie);
    assert.ok(!attributes.includes('secure'), 'plain HTTP with PADU_COOKIE_SECURE=auto must not mark the cookie Secure');

    // Only the token's hash is stored, together with the CSRF token handed out.
    const rows = await sessionRows(t, { tokenHash: tokenHashOf(client) });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.user_id, adminId);
    assert.equal(rows[0]!.csrf_token, res.body.csrfToken);
    const token = decodeURIComponent(client.cookie!.slice('padu_session='.length));
    const leaked = await t.kernel.db.selectFrom('core.session').select('token_hash').where('csrf_token', '=', token).execute();
    assert.equal(leaked.length, 0);
  });

  it('accepts the username in any case and with surrounding blanks', async () => {
    const res = await t.client().login('  ADMIN ', ADMIN_PASSWORD);
    assert.equal(res.status, 200);
    assert.equal(res.body.user.id, adminId);
  });

  it('wrong password and unknown user get the same 401 auth.invalid_credentials and no cookie', async () => {
    const wrong = await t.client().login('admin', 'bukan-kata-sandinya');
    const unknown = await t.client().login('tidak-ada-orangnya', 'bukan-kata-sandinya');
    for (const res of [wrong, unknown]) {
      assert.equal(res.status, 401);
      assert.match(res.headers.get('content-type') ?? '', PROBLEM);
      assert.equal(res.body.code, 'auth.invalid_credentials');
      assert.equal(sessionCookie(res), undefined);
    }
    assert.equal(wrong.body.title, unknown.body.title);
    assert.equal(wrong.body.detail, unknown.body.detail);
    const wrongEn = await t.client().request('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: 'bukan-kata-sandinya' },
      headers: { 'accept-language': 'en' },
    });
    const unknownEn = await t.client().request('POST', '/api/v1/auth/login', {
      body: { username: 'siapa-ini', password: 'bukan-kata-sandinya' },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(wrongEn.body.detail, 'Wrong username or password.');
    assert.equal(unknownEn.body.detail, wrongEn.body.detail);
  });

  it('a login body with missing, extra or mistyped fields → 400 and no session', async () => {
    const before = (await sessionRows(t, {})).length;
    for (const body of [{ username: 'admin' }, { username: 'admin', password: ADMIN_PASSWORD, remember: true }, { username: 1, password: 2 }, []]) {
      const res = await t.client().post('/api/v1/auth/login', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.code, 'request.invalid');
    }
    assert.equal((await sessionRows(t, {})).length, before);
  });

  it('/me answers 401 auth.required without a session and the signed-in person with one', async () => {
    const anonymous = await t.client().get('/api/v1/auth/me');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'auth.required');
    assert.match(anonymous.headers.get('content-type') ?? '', PROBLEM);

    const client = t.client();
    const login = await client.login('admin', ADMIN_PASSWORD);
    const me = await client.get('/api/v1/auth/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, login.body);
  });

  it('logout → 204, clears the cookie, deletes the session row, and the old cookie then gets 401', async () => {
    const client = t.client();
    await client.login('admin', ADMIN_PASSWORD);
    // Used once, so the process has it in its session cache: logout must end it there too.
    assert.equal((await client.get('/api/v1/auth/me')).status, 200);
    const oldCookie = client.cookie!;
    const tokenHash = tokenHashOf(client);
    assert.equal((await sessionRows(t, { tokenHash })).length, 1);

    const res = await client.post('/api/v1/auth/logout');
    assert.equal(res.status, 204);
    const cleared = sessionCookie(res);
    assert.ok(cleared, 'logout did not touch the cookie');
    assert.match(cleared, /^padu_session=;/);
    assert.match(cleared, /Path=\//);
    assert.match(cleared, /Expires=Thu, 01 Jan 1970|Max-Age=0/);
    assert.equal(client.cookie, null);
    assert.equal((await sessionRows(t, { tokenHash })).length, 0);

    const audit = await t.kernel.db
      .selectFrom('core.audit_log')
      .select(['actor_id', 'entity_id'])
      .where('action', '=', 'auth.logout')
      .execute();
    assert.ok(audit.some((row) => row.actor_id === adminId && row.entity_id === adminId));

    const replay = await t.client().get('/api/v1/auth/me', { headers: { cookie: oldCookie } });
    assert.equal(replay.status, 401);
    assert.equal(replay.body.code, 'auth.required');
  });

  it('a forged session cookie → 401 auth.required, and the cookie is cleared', async () => {
    for (const forged of ['padu_session=dGhpcy1pcy1ub3QtYS1yZWFsLXNlc3Npb24tdG9rZW4', 'padu_session=', 'padu_session=%00%ff']) {
      const res = await t.client().get('/api/v1/auth/me', { headers: { cookie: forged } });
      assert.equal(res.status, 401, forged);
      assert.equal(res.body.code, 'auth.required');
    }
    const res = await t.client().get('/api/v1/users', { headers: { cookie: 'padu_session=forged-token-value' } });
    assert.equal(res.status, 401);
    assert.match(sessionCookie(res) ?? '', /^padu_session=;/);
  });

  it('an expired session → 401 auth.required, and the cookie is cleared', async () => {
    const client = await signedIn(t, 'admin', ADMIN_PASSWORD);
    await t.kernel.db
      .updateTable('core.session')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('token_hash', '=', tokenHashOf(client))
      .execute();
    const res = await client.get('/api/v1/auth/me');
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'auth.required');
    assert.match(sessionCookie(res) ?? '', /^padu_session=;/);
  });

  it(
    'a session already in use that is expired in the database (by SQL, behind Padu) → 401 as soon as the notification lands',
    async () => {
      const client = await signedIn(t, 'admin', ADMIN_PASSWORD);
      assert.equal((await client.get('/api/v1/auth/me')).status, 200);
      await t.kernel.db
        .updateTable('core.session')
        .set({ expires_at: new Date(Date.now() - 60_000) })
        .where('token_hash', '=', tokenHashOf(client))
        .execute();
      // The change reaches the session cache through LISTEN/NOTIFY, a few milliseconds later;
      // without it the cached session would live on for up to 30 s, far beyond this bound.
      let status = 0;
      for (let attempt = 0; attempt < 100 && status !== 401; attempt++) {
        status = (await client.get('/api/v1/auth/me')).status;
        if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(status, 401);
    },
  );

  it('a session idle longer than PADU_SESSION_IDLE_MINUTES → 401; a younger one lives on and is touched', async () => {
    const idle = await signedIn(t, 'admin', ADMIN_PASSWORD);
    await t.kernel.db
      .updateTable('core.session')
      .set({ last_seen_at: new Date(Date.now() - 21 * 60_000) })
      .where('token_hash', '=', tokenHashOf(idle))
      .execute();
    const expired = await idle.get('/api/v1/auth/me');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'auth.required');

    const active = await signedIn(t, 'admin', ADMIN_PASSWORD);
    const tokenHash = tokenHashOf(active);
    const longAgo = new Date(Date.now() - 19 * 60_000);
    await t.kernel.db.updateTable('core.session').set({ last_seen_at: longAgo }).where('token_hash', '=', tokenHash).execute();
    assert.equal((await active.get('/api/v1/auth/me')).status, 200);
    const [row] = await sessionRows(t, { tokenHash });
    assert.ok(row);
    assert.ok(new Date(row.last_seen_at).getTime() > longAgo.getTime(), 'last_seen_at was not refreshed');
  });

  describe('CSRF on cookie-authenticated writes', () => {
    const body = { username: 'csrf-korban', displayName: 'Korban CSRF', password: 'kata-sandi-panjang', roles: [] };
    const stored = async () =>
      (await t.kernel.db.selectFrom('core.app_user').select('id').where('username', '=', body.username).execute()).length;
    const audited = async () =>
      Number((await t.kernel.db.selectFrom('core.audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    it('no X-CSRF-Token → 403 auth.csrf_failed and nothing stored', async () => {
      const auditBefore = await audited();
      const res = await t.admin.post('/api/v1/users', body, { noCsrf: true });
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'auth.csrf_failed');
      assert.equal(await stored(), 0);
      assert.equal(await audited(), auditBefore);
    });

    it('a wrong token, or the token of another session → 403 auth.csrf_failed and nothing stored', async () => {
      const other = t.client();
      const otherLogin = await other.login('admin', ADMIN_PASSWORD);
      const auditBefore = await audited();
      for (const token of ['salah', `${t.admin.csrfToken}x`, otherLogin.body.csrfToken as string, '']) {
        const res = await t.admin.post('/api/v1/users', body, { noCsrf: true, headers: { 'x-csrf-token': token } });
        assert.equal(res.status, 403, `token ${token}`);
        assert.equal(res.body.code, 'auth.csrf_failed');
      }
      assert.equal(await stored(), 0);
      assert.equal(await audited(), auditBefore);
    });

    it('logout without the token → 403 and the session lives on', async () => {
      const client = await signedIn(t, 'admin', ADMIN_PASSWORD);
      const res = await client.post('/api/v1/auth/logout', undefined, { noCsrf: true });
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'auth.csrf_failed');
      assert.equal((await sessionRows(t, { tokenHash: tokenHashOf(client) })).length, 1);
      assert.equal((await client.get('/api/v1/auth/me')).status, 200);
    });

    it('reads need no token, and the right token lets the write through', async () => {
      assert.equal((await t.admin.get('/api/v1/users', { noCsrf: true })).status, 200);
      const res = await t.admin.post('/api/v1/users', body);
      assert.equal(res.status, 201);
      assert.equal(await stored(), 1);
    });
  });

  it('a deactivated user cannot sign in, and their sessions end', async () => {
    const id = await createUser(t, 'akan-nonaktif', 'kata-sandi-nonaktif');
    const client = await signedIn(t, 'akan-nonaktif', 'kata-sandi-nonaktif');
    const second = await signedIn(t, 'akan-nonaktif', 'kata-sandi-nonaktif');
    assert.equal((await sessionRows(t, { userId: id })).length, 2);
    for (const c of [client, second]) assert.equal((await c.get('/api/v1/auth/me')).status, 200);

    const patched = await t.admin.patch(`/api/v1/users/${id}`, { active: false });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.active, false);
    assert.equal((await sessionRows(t, { userId: id })).length, 0);
    for (const c of [client, second]) {
      const res = await c.get('/api/v1/auth/me');
      assert.equal(res.status, 401);
      assert.equal(res.body.code, 'auth.required');
    }

    const login = await t.client().login('akan-nonaktif', 'kata-sandi-nonaktif');
    assert.equal(login.status, 401);
    assert.equal(login.body.code, 'auth.invalid_credentials');
    assert.equal(sessionCookie(login), undefined);
    assert.equal((await sessionRows(t, { userId: id })).length, 0);

    // A session row that survived somehow still does not authenticate an inactive user.
    const revived = t.client();
    await t.admin.patch(`/api/v1/users/${id}`, { active: true });
    await revived.login('akan-nonaktif', 'kata-sandi-nonaktif');
    await t.kernel.db.updateTable('core.app_user').set({ active: false }).where('id', '=', id).execute();
    assert.equal((await revived.get('/api/v1/auth/me')).status, 401);
  });

  it('a successful login is audited and stamps last_login_at; a failed one writes no audit row', async () => {
    const id = await createUser(t, 'diaudit', 'kata-sandi-diaudit', [{ role: 'warga' }]);
    const loginRows = () =>
      t.kernel.db
        .selectFrom('core.audit_log')
        .selectAll()
        .where('action', '=', 'auth.login')
        .where('entity_id', '=', id)
        .execute();
    assert.equal((await loginRows()).length, 0);

    const failed = await t.client().login('diaudit', 'kata-sandi-salah');
    assert.equal(failed.status, 401);
    assert.equal((await loginRows()).length, 0);

    const res = await t.client().login('diaudit', 'kata-sandi-diaudit');
    assert.equal(res.status, 200);
    const rows = await loginRows();
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.actor_type, 'user');
    assert.equal(row.actor_id, id);
    assert.equal(row.actor_name, 'diaudit');
    assert.equal(row.entity_type, 'user');
    assert.equal(row.request_id, res.headers.get('x-request-id'));
    assert.deepEqual(row.after, { ip: '127.0.0.1' });
    assert.doesNotMatch(JSON.stringify(row), /kata-sandi/);

    const user = await t.kernel.db.selectFrom('core.app_user').select('last_login_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(user.last_login_at instanceof Date);
    assert.equal(res.body.user.id, id);
    assert.deepEqual(res.body.roles, [{ role: 'warga', scopeType: 'self', scopeCode: null }]);
    assert.deepEqual(res.body.permissions, ['layanan.self', 'penduduk.self']);
  });
});

describe('login throttling per account', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { PADU_LOGIN_MAX_FAILURES: '3', PADU_LOGIN_LOCK_MINUTES: '15' } });
  });
  after(() => t.close());

  it('locks the account after the limit: 429 auth.throttled with Retry-After, even for the right password', async () => {
    await createUser(t, 'budi', 'kata-sandi-budi');
    for (let attempt = 1; attempt <= 3; attempt++) {
      // The count is per account name, whatever its case.
      const res = await t.client().login(attempt === 2 ? 'BUDI' : 'budi', `salah-${attempt}-kata-sandi`);
      assert.equal(res.status, 401, `attempt ${attempt}`);
      assert.equal(res.body.code, 'auth.invalid_credentials');
    }
    let rows = await throttleRows(t);
    assert.deepEqual(rows.get('account:budi'), { failures: 3, locked: true });
    assert.deepEqual(rows.get('address:127.0.0.1'), { failures: 3, locked: false });

    for (const password of ['salah-lagi-kata-sandi', 'kata-sandi-budi']) {
      const res = await t.client().login('budi', password);
      assert.equal(res.status, 429, password);
      assert.match(res.headers.get('content-type') ?? '', PROBLEM);
      assert.equal(res.body.code, 'auth.throttled');
      assert.equal(sessionCookie(res), undefined);
      const retryAfter = Number(res.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${res.headers.get('retry-after')}`);
      assert.match(res.body.detail, /\d+ menit/);
    }
    // Attempts while locked are not counted again, and nobody got a session.
    rows = await throttleRows(t);
    assert.deepEqual(rows.get('account:budi'), { failures: 3, locked: true });
    const budi = await t.kernel.db.selectFrom('core.app_user').select('id').where('username', '=', 'budi').executeTakeFirstOrThrow();
    assert.equal((await sessionRows(t, { userId: budi.id })).length, 0);

    // Another account from the same address is unaffected.
    assert.equal((await t.client().login('admin', ADMIN_PASSWORD)).status, 200);

    // Once the lock runs out the right password works again, and success clears the account's count.
    await t.kernel.db
      .updateTable('core.login_throttle')
      .set({ locked_until: new Date(Date.now() - 1000), window_started_at: new Date(Date.now() - 16 * 60_000) })
      .where('key', '=', 'account:budi')
      .execute();
    assert.equal((await t.client().login('budi', 'kata-sandi-budi')).status, 200);
    rows = await throttleRows(t);
    assert.equal(rows.has('account:budi'), false);
  });

  it('failures below the limit are forgotten after a successful login', async () => {
    await createUser(t, 'sari', 'kata-sandi-sari');
    for (let i = 0; i < 2; i++) assert.equal((await t.client().login('sari', 'salah-kata-sandi')).status, 401);
    assert.deepEqual((await throttleRows(t)).get('account:sari'), { failures: 2, locked: false });
    assert.equal((await t.client().login('sari', 'kata-sandi-sari')).status, 200);
    assert.equal((await throttleRows(t)).has('account:sari'), false);
    // Two more failures do not lock: the count started over.
    for (let i = 0; i < 2; i++) assert.equal((await t.client().login('sari', 'salah-kata-sandi')).status, 401);
    assert.equal((await t.client().login('sari', 'kata-sandi-sari')).status, 200);
  });
});

describe('login throttling per address', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { PADU_LOGIN_MAX_FAILURES: '10', PADU_LOGIN_MAX_FAILURES_PER_ADDRESS: '4' } });
  });
  after(() => t.close());

  it('failures across different usernames lock the address, then every account from it gets 429', async () => {
    const names = ['andi', 'bunga', 'cici', 'dodi'];
    for (const name of names) {
      const res = await t.client().login(name, 'tebak-tebakan-saja');
      assert.equal(res.status, 401, name);
      assert.equal(res.body.code, 'auth.invalid_credentials');
    }
    const rows = await throttleRows(t);
    assert.deepEqual(rows.get('address:127.0.0.1'), { failures: 4, locked: true });
    for (const name of names) assert.deepEqual(rows.get(`account:${name}`), { failures: 1, locked: false });

    const res = await t.client().login('admin', ADMIN_PASSWORD);
    assert.equal(res.status, 429);
    assert.equal(res.body.code, 'auth.throttled');
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    assert.equal(sessionCookie(res), undefined);

    // An existing session is not affected by the lock on sign-in.
    assert.equal((await t.admin.get('/api/v1/auth/me')).status, 200);
  });
});

describe('sign-in by e-mail', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('signs in by an e-mail held by one account, in any case; an e-mail on two accounts signs in neither', async () => {
    const create = (username: string, email: string) =>
      t.admin.post('/api/v1/users', { username, displayName: username, email, password: `kata-sandi-${username}`, roles: [{ role: 'pegawai' }] });
    assert.equal((await create('rina', 'Rina@Padang.go.id')).status, 201);
    assert.equal((await create('tono', 'bersama@padang.go.id')).status, 201);
    assert.equal((await create('tini', 'bersama@padang.go.id')).status, 201);

    const rina = await t.client().login('rina@PADANG.go.id', 'kata-sandi-rina');
    assert.equal(rina.status, 200, JSON.stringify(rina.body));
    assert.equal(rina.body.user.username, 'rina');

    const shared = await t.client().login('bersama@padang.go.id', 'kata-sandi-tono');
    assert.equal(shared.status, 401);
    assert.equal(shared.body.code, 'auth.invalid_credentials');
    assert.equal((await t.client().login('tono', 'kata-sandi-tono')).status, 200);
    // The throttle keeps the address hashed, not as typed.
    const keys = [...(await throttleRows(t)).keys()];
    assert.ok(keys.some((k) => k.startsWith('account:email#')), keys.join());
    assert.ok(!keys.some((k) => k.includes('bersama')), keys.join());
  });
});
