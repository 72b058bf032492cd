import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_PASSWORD, type ApiClient, type ApiResponse, startTestServer, type TestServer } from '../../../test/helpers/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PASSWORD = 'kata-sandi-panjang';
/** Every secret and plain e-mail address this file sends; none may reach the audit trail or the outbox. */
const secrets = new Set<string>([ADMIN_PASSWORD, PASSWORD, '$argon2']);

type Errors = { field: string; rule: string; message: string }[];
const violations = (res: ApiResponse) => (res.body.errors as Errors).map(({ field, rule }) => ({ field, rule }));

describe('users', () => {
  let t: TestServer;
  let adminId: string;

  const count = async (table: 'core.app_user' | 'core.audit_log' | 'core.outbox' | 'core.user_role' | 'core.session') =>
    Number((await t.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const footprint = async () => ({
    users: await count('core.app_user'),
    grants: await count('core.user_role'),
    audit: await count('core.audit_log'),
    outbox: await count('core.outbox'),
  });
  const auditFor = (entityId: string) =>
    t.kernel.db.selectFrom('core.audit_log').selectAll().where('entity_type', '=', 'user').where('entity_id', '=', entityId).orderBy('seq').execute();
  const auditOf = async (entityId: string, action: string) => (await auditFor(entityId)).filter((row) => row.action === action);
  const outboxOf = (entityId: string, type: string) =>
    t.kernel.db.selectFrom('core.outbox').selectAll().where('entity_id', '=', entityId).where('type', '=', type).orderBy('id').execute();
  const sessionsOf = async (userId: string) => (await t.kernel.db.selectFrom('core.session').select('token_hash').where('user_id', '=', userId).execute()).length;

  const create = (body: Record<string, unknown>) => {
    if (typeof body.email === 'string' && body.email) secrets.add(body.email);
    if (typeof body.password === 'string') secrets.add(body.password);
    return t.admin.post('/api/v1/users', body);
  };
  const newUser = async (username: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await create({ username, displayName: `Pengguna ${username}`, password: PASSWORD, roles: [{ role: 'warga' }], ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as string;
  };
  const signIn = async (username: string, password = PASSWORD): Promise<ApiClient> => {
    const client = t.client();
    const res = await client.login(username, password);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return client;
  };

  before(async () => {
    t = await startTestServer();
    adminId = (await t.admin.get('/api/v1/auth/me')).body.user.id;
  });
  after(() => t.close());

  describe('create', () => {
    it('201 with roles carrying their derived scope type; stored hashed; audited with the e-mail masked; one outbox event', async () => {
      const res = await create({
        username: 'Budi.Santoso',
        displayName: '  Budi Santoso  ',
        email: 'budi.santoso@padang.go.id',
        password: 'kata-sandi-budi-1',
        roles: [{ role: 'warga' }, { role: 'lurah', scopeCode: ' 13.71.01.1001 ', scopeType: 'city' }],
      });
      assert.equal(res.status, 201);
      const user = res.body;
      assert.match(user.id, UUID);
      assert.deepEqual(
        { ...user, id: undefined, createdAt: undefined },
        {
          id: undefined,
          createdAt: undefined,
          username: 'Budi.Santoso',
          displayName: 'Budi Santoso',
          email: 'budi.santoso@padang.go.id',
          active: true,
          lastLoginAt: null,
          nik: null,
          nip: null,
          roles: [
            { role: 'lurah', scopeType: 'kelurahan', scopeCode: '13.71.01.1001' },
            { role: 'warga', scopeType: 'self', scopeCode: null },
          ],
        },
      );
      assert.ok(!Number.isNaN(Date.parse(user.createdAt)));
      assert.doesNotMatch(res.text, /kata-sandi|argon2/);

      const row = await t.kernel.db.selectFrom('core.app_user').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^\$argon2id\$/);
      const grants = await t.kernel.db
        .selectFrom('core.user_role')
        .select(['role', 'scope_type', 'scope_code'])
        .where('user_id', '=', user.id)
        .orderBy('role')
        .execute();
      assert.deepEqual(grants, [
        { role: 'lurah', scope_type: 'kelurahan', scope_code: '13.71.01.1001' },
        { role: 'warga', scope_type: 'self', scope_code: '' },
      ]);
      assert.deepEqual((await t.admin.get(`/api/v1/users/${user.id}`)).body, user);

      const audit = await auditFor(user.id);
      assert.equal(audit.length, 1);
      const entry = audit[0]!;
      assert.equal(entry.action, 'user.created');
      assert.equal(entry.actor_type, 'user');
      assert.equal(entry.actor_id, adminId);
      assert.equal(entry.actor_name, 'admin');
      assert.equal(entry.request_id, res.headers.get('x-request-id'));
      assert.equal(entry.before, null);
      const logged = entry.after as Record<string, unknown>;
      assert.equal(logged.email, 'bu**********@padang.go.id');
      assert.equal(logged.username, 'Budi.Santoso');
      assert.deepEqual(logged.roles, user.roles);
      assert.ok(!('password' in logged) && !('passwordHash' in logged));
      assert.doesNotMatch(JSON.stringify(entry), /budi\.santoso@|kata-sandi|argon2/);

      const events = await outboxOf(user.id, 'user.created');
      assert.equal(events.length, 1);
      const event = events[0]!;
      assert.equal(event.entity_type, 'user');
      assert.equal(event.actor_id, adminId);
      assert.equal(event.request_id, entry.request_id);
      assert.deepEqual(event.payload, {
        id: user.id,
        username: 'Budi.Santoso',
        roles: [
          { role: 'warga', scopeType: 'self', scopeCode: null },
          { role: 'lurah', scopeType: 'kelurahan', scopeCode: '13.71.01.1001' },
        ],
      });

      // The new person can sign in, with the username in any case.
      const login = await t.client().login('budi.santoso', 'kata-sandi-budi-1');
      assert.equal(login.status, 200);
      assert.equal(login.body.user.id, user.id);
    });

    it('an absent or empty e-mail is stored as null', async () => {
      for (const [username, email] of [['tanpa-surel-1', undefined], ['tanpa-surel-2', ''], ['tanpa-surel-3', null]] as const) {
        const res = await create({ username, displayName: 'Tanpa Surel', email, password: PASSWORD, roles: [] });
        assert.equal(res.status, 201, username);
        assert.equal(res.body.email, null);
        assert.deepEqual(res.body.roles, []);
      }
    });

    it('a username taken in any case → 409 user.username_taken, and nothing is written', async () => {
      await newUser('Duplikat.Nama');
      const before = await footprint();
      for (const username of ['Duplikat.Nama', 'duplikat.nama', 'DUPLIKAT.NAMA']) {
        const res = await create({ username, displayName: 'Lagi', password: PASSWORD, roles: [{ role: 'pegawai' }] });
        assert.equal(res.status, 409, username);
        assert.equal(res.body.code, 'user.username_taken');
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.ok(res.body.detail.includes(username));
      }
      assert.deepEqual(await footprint(), before);
    });

    const roleCases: { name: string; roles: unknown[]; expected: { field: string; rule: string }[] }[] = [
      { name: 'an unknown role', roles: [{ role: 'raja' }], expected: [{ field: 'roles/0/role', rule: 'role.unknown' }] },
      { name: 'lurah without a scope code', roles: [{ role: 'warga' }, { role: 'lurah' }], expected: [{ field: 'roles/1/scopeCode', rule: 'scope.required' }] },
      { name: 'lurah with a blank scope code', roles: [{ role: 'lurah', scopeCode: '   ' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.required' }] },
      { name: 'opd_operator with a null scope code', roles: [{ role: 'opd_operator', scopeCode: null }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.required' }] },
      { name: 'admin with a scope code', roles: [{ role: 'admin', scopeCode: '13.71' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.not_allowed' }] },
      { name: 'warga with a scope code', roles: [{ role: 'warga', scopeCode: '13.71.01.1001' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.not_allowed' }] },
      { name: 'a kelurahan of another pemda', roles: [{ role: 'lurah', scopeCode: '13.72.01.1001' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.invalid_kelurahan' }] },
      { name: 'a kelurahan code without dots', roles: [{ role: 'lurah', scopeCode: '1371011001' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.invalid_kelurahan' }] },
      { name: 'a kelurahan code with a short kecamatan', roles: [{ role: 'petugas_kelurahan', scopeCode: '13.71.1.1001' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.invalid_kelurahan' }] },
      { name: 'a kelurahan code with a tail', roles: [{ role: 'lurah', scopeCode: '13.71.01.1001.9' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.invalid_kelurahan' }] },
      { name: 'an OPD code with a blank inside', roles: [{ role: 'opd_operator', scopeCode: '1.01 0.00' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.invalid_opd' }] },
      { name: 'an OPD the registry does not know', roles: [{ role: 'opd_operator', scopeCode: '9.99.0.00.0.00.01.0000' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.unknown_opd' }] },
      { name: 'a well-formed kelurahan code the registry does not know', roles: [{ role: 'lurah', scopeCode: '13.71.01.1999' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.unknown_kelurahan' }] },
      { name: 'a kecamatan code where a kelurahan belongs', roles: [{ role: 'lurah', scopeCode: '13.71.01' }], expected: [{ field: 'roles/0/scopeCode', rule: 'scope.invalid_kelurahan' }] },
      { name: 'the same role twice', roles: [{ role: 'warga' }, { role: 'warga' }], expected: [{ field: 'roles/1', rule: 'role.duplicate' }] },
      {
        name: 'the same kelurahan grant twice, once padded',
        roles: [{ role: 'lurah', scopeCode: '13.71.01.1001' }, { role: 'lurah', scopeCode: ' 13.71.01.1001 ' }],
        expected: [{ field: 'roles/1', rule: 'role.duplicate' }],
      },
      {
        name: 'two broken grants at once',
        roles: [{ role: 'raja' }, { role: 'pimpinan' }, { role: 'admin', scopeCode: 'x' }],
        expected: [
          { field: 'roles/0/role', rule: 'role.unknown' },
          { field: 'roles/2/scopeCode', rule: 'scope.not_allowed' },
        ],
      },
    ];
    for (const c of roleCases) {
      it(`role validation: ${c.name} → 400 naming the field and rule, nothing written`, async () => {
        const before = await footprint();
        const res = await create({ username: 'peran-salah', displayName: 'Peran Salah', password: PASSWORD, roles: c.roles });
        assert.equal(res.status, 400);
        assert.equal(res.body.code, 'request.invalid');
        assert.deepEqual(violations(res), c.expected);
        for (const error of res.body.errors as Errors) assert.ok(error.message.length > 0);
        assert.deepEqual(await footprint(), before);
      });
    }

    it('the kelurahan message shows the expected shape for this pemda', async () => {
      const res = await t.admin.request('POST', '/api/v1/users', {
        body: { username: 'peran-salah', displayName: 'X', password: PASSWORD, roles: [{ role: 'lurah', scopeCode: '1371011001' }] },
        headers: { 'accept-language': 'en' },
      });
      assert.equal(res.body.errors[0].message, 'A kelurahan code looks like 13.71.KK.DDDD (e.g. 13.71.01.1001).');
    });

    it('a weak password → 400 password.too_weak, nothing written', async () => {
      const before = await footprint();
      const short = await create({ username: 'sandi-lemah', displayName: 'Sandi Lemah', password: 'pendek', roles: [] });
      assert.equal(short.status, 400);
      assert.deepEqual(violations(short), [{ field: 'password', rule: 'password.too_weak' }]);
      const sameAsName = await create({ username: 'panjangsekali', displayName: 'Sama', password: ' PanjangSekali ', roles: [] });
      assert.equal(sameAsName.status, 400);
      assert.deepEqual(violations(sameAsName), [{ field: 'password', rule: 'password.too_weak' }]);
      const tooLong = await create({ username: 'sandi-panjang', displayName: 'Panjang', password: 'x'.repeat(201), roles: [] });
      assert.equal(tooLong.status, 400);
      assert.deepEqual(violations(tooLong), [{ field: 'password', rule: 'maxLength' }]);
      assert.deepEqual(await footprint(), before);
    });

    it('bad usernames, display names and e-mails → 400 naming the field, nothing written', async () => {
      const before = await footprint();
      const cases: [Record<string, unknown>, { field: string; rule: string }][] = [
        [{ username: 'ab' }, { field: 'username', rule: 'minLength' }],
        [{ username: 'dua kata' }, { field: 'username', rule: 'pattern' }],
        [{ username: '.titik' }, { field: 'username', rule: 'pattern' }],
        [{ displayName: '' }, { field: 'displayName', rule: 'minLength' }],
        [{ displayName: '   ' }, { field: 'displayName', rule: 'minLength' }],
        [{ displayName: 'baris\nbaru' }, { field: 'displayName', rule: 'pattern' }],
        [{ email: 'bukan-surel' }, { field: 'email', rule: 'format' }],
      ];
      for (const [override, expected] of cases) {
        const res = await create({ username: 'isian-salah', displayName: 'Isian Salah', password: PASSWORD, roles: [], ...override });
        assert.equal(res.status, 400, JSON.stringify(override));
        assert.ok(
          violations(res).some((v) => v.field === expected.field && v.rule === expected.rule),
          `${JSON.stringify(override)}: ${JSON.stringify(res.body.errors)}`,
        );
      }
      assert.deepEqual(await footprint(), before);
    });
  });

  describe('list', () => {
    const usernames = (res: ApiResponse) => (res.body.items as { username: string }[]).map((u) => u.username);
    before(async () => {
      await newUser('cari-01', { displayName: 'Pencari Satu', roles: [{ role: 'pimpinan' }] });
      await newUser('cari-02', { displayName: 'Pencari Dua', roles: [{ role: 'pimpinan' }, { role: 'warga' }] });
      await newUser('cari-03', { displayName: 'Pencari Tiga', email: 'khusus.sekali@padang.go.id' });
      await newUser('cari-04', { displayName: 'Pencari Empat' });
      const id = await newUser('cari-05', { displayName: 'Pencari Lima' });
      assert.equal((await t.admin.patch(`/api/v1/users/${id}`, { active: false })).status, 200);
    });

    it('q searches username, display name and e-mail, case-insensitively', async () => {
      const all = ['cari-01', 'cari-02', 'cari-03', 'cari-04', 'cari-05'];
      for (const q of ['cari-', 'CARI-', 'pencari']) {
        const res = await t.admin.get(`/api/v1/users?q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200);
        assert.deepEqual(usernames(res), all, q);
        assert.equal(res.body.total, 5);
      }
      const byEmail = await t.admin.get('/api/v1/users?q=khusus.sekali');
      assert.deepEqual(usernames(byEmail), ['cari-03']);
      const byName = await t.admin.get(`/api/v1/users?q=${encodeURIComponent('Pencari Empat')}`);
      assert.deepEqual(usernames(byName), ['cari-04']);
    });

    it('LIKE wildcards in q are taken literally', async () => {
      for (const q of ['cari_', 'cari%', 'c%i', '_']) {
        const res = await t.admin.get(`/api/v1/users?q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, { items: [], total: 0 }, q);
      }
    });

    it('pages with limit and offset, ordered by username, total counting all matches', async () => {
      const page = async (limit: number, offset: number) => {
        const res = await t.admin.get(`/api/v1/users?q=cari-&limit=${limit}&offset=${offset}`);
        assert.equal(res.status, 200);
        assert.equal(res.body.total, 5);
        return usernames(res);
      };
      assert.deepEqual(await page(2, 0), ['cari-01', 'cari-02']);
      assert.deepEqual(await page(2, 2), ['cari-03', 'cari-04']);
      assert.deepEqual(await page(2, 4), ['cari-05']);
      assert.deepEqual(await page(2, 5), []);
      const everyone = await t.admin.get('/api/v1/users');
      assert.equal(everyone.body.total, await count('core.app_user'));
      assert.equal(everyone.body.items.length, Math.min(50, everyone.body.total));
    });

    it('filters by role and by active', async () => {
      const pimpinan = await t.admin.get('/api/v1/users?q=cari-&role=pimpinan');
      assert.deepEqual(usernames(pimpinan), ['cari-01', 'cari-02']);
      assert.equal(pimpinan.body.total, 2);
      const warga = await t.admin.get('/api/v1/users?q=cari-&role=warga&limit=1');
      assert.deepEqual(usernames(warga), ['cari-02']);
      assert.equal(warga.body.total, 4);
      const inactive = await t.admin.get('/api/v1/users?q=cari-&active=false');
      assert.deepEqual(usernames(inactive), ['cari-05']);
      const active = await t.admin.get('/api/v1/users?q=cari-&active=true');
      assert.equal(active.body.total, 4);
      const admins = await t.admin.get('/api/v1/users?role=admin');
      assert.deepEqual(usernames(admins), ['admin']);
    });

    it('bad query parameters → 400, never a server error', async () => {
      for (const query of ['limit=0', 'limit=201', 'offset=-1', 'limit=abc', 'active=mungkin', 'foo=1', 'q=%00', 'role=%00', `q=${'x'.repeat(101)}`]) {
        const res = await t.admin.get(`/api/v1/users?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.body.code, 'request.invalid', query);
      }
    });
  });

  describe('get one', () => {
    it('by id → 200; an unknown id → 404 user.not_found; a malformed one → 400', async () => {
      const id = await newUser('satu-orang');
      const res = await t.admin.get(`/api/v1/users/${id}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.id, id);
      assert.equal(res.body.username, 'satu-orang');

      const unknown = await t.admin.get('/api/v1/users/0190c6f4-7c4e-7000-8000-000000000000');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'user.not_found');
      assert.match(unknown.headers.get('content-type') ?? '', /^application\/problem\+json/);

      assert.equal((await t.admin.get('/api/v1/users/12345')).status, 400);
    });

    it('accepts an upper-case id and refuses the urn:uuid: prefix with a 400', async () => {
      const id = await newUser('ejaan-lain');
      const upper = await t.admin.get(`/api/v1/users/${id.toUpperCase()}`);
      assert.equal(upper.status, 200);
      assert.equal(upper.body.id, id);
      const urn = await t.admin.get(`/api/v1/users/urn:uuid:${id}`);
      assert.equal(urn.status, 400);
      assert.equal(urn.body.errors[0].field, 'id');
    });
  });

  describe('update', () => {
    it('changes display name and e-mail → 200; audited with both e-mails masked; an outbox event naming the changes', async () => {
      const id = await newUser('ubah-data', { displayName: 'Nama Lama', email: 'lama.sekali@padang.go.id' });
      secrets.add('baru.sekali@padang.go.id');
      const res = await t.admin.patch(`/api/v1/users/${id}`, { displayName: ' Nama Baru ', email: 'baru.sekali@padang.go.id' });
      assert.equal(res.status, 200);
      assert.equal(res.body.displayName, 'Nama Baru');
      assert.equal(res.body.email, 'baru.sekali@padang.go.id');
      assert.equal(res.body.active, true);

      const audit = await auditOf(id, 'user.updated');
      assert.equal(audit.length, 1);
      const entry = audit[0]!;
      assert.equal(entry.actor_id, adminId);
      assert.equal(entry.request_id, res.headers.get('x-request-id'));
      const before = entry.before as Record<string, unknown>;
      const after = entry.after as Record<string, unknown>;
      assert.equal(before.displayName, 'Nama Lama');
      assert.equal(after.displayName, 'Nama Baru');
      assert.equal(before.email, 'la*********@padang.go.id');
      assert.equal(after.email, 'ba*********@padang.go.id');
      assert.doesNotMatch(JSON.stringify(entry), /lama\.sekali@|baru\.sekali@/);

      const events = await outboxOf(id, 'user.updated');
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.payload, { id, changed: ['displayName', 'email'] });
      assert.equal(events[0]!.request_id, entry.request_id);
    });

    it('a patch that changes nothing → 200 and no audit row or event', async () => {
      const id = await newUser('tak-berubah', { displayName: 'Tetap', email: 'tetap.sama@padang.go.id' });
      const before = await footprint();
      for (const patch of [{}, { displayName: 'Tetap' }, { displayName: ' Tetap ', email: 'tetap.sama@padang.go.id', active: true }]) {
        const res = await t.admin.patch(`/api/v1/users/${id}`, patch);
        assert.equal(res.status, 200, JSON.stringify(patch));
        assert.equal(res.body.displayName, 'Tetap');
      }
      assert.deepEqual(await footprint(), before);
    });

    it('an empty e-mail clears it', async () => {
      const id = await newUser('hapus-surel', { email: 'hapus.surel@padang.go.id' });
      const res = await t.admin.patch(`/api/v1/users/${id}`, { email: '' });
      assert.equal(res.status, 200);
      assert.equal(res.body.email, null);
      const [entry] = await auditOf(id, 'user.updated');
      assert.equal((entry!.after as Record<string, unknown>).email, null);
      assert.equal((entry!.before as Record<string, unknown>).email, 'ha*********@padang.go.id');
    });

    it('deactivating ends the sessions and blocks sign-in; reactivating lets the person in again', async () => {
      const id = await newUser('dinonaktifkan');
      const client = await signIn('dinonaktifkan');
      assert.equal((await client.get('/api/v1/auth/me')).status, 200);
      const off = await t.admin.patch(`/api/v1/users/${id}`, { active: false });
      assert.equal(off.status, 200);
      assert.equal(off.body.active, false);
      assert.equal(await sessionsOf(id), 0);
      assert.equal((await client.get('/api/v1/auth/me')).status, 401);
      assert.equal((await t.client().login('dinonaktifkan', PASSWORD)).status, 401);
      const events = await outboxOf(id, 'user.updated');
      assert.deepEqual(events.map((e) => e.payload), [{ id, changed: ['active'] }]);

      const on = await t.admin.patch(`/api/v1/users/${id}`, { active: true });
      assert.equal(on.status, 200);
      assert.equal(on.body.active, true);
      assert.equal((await t.client().login('dinonaktifkan', PASSWORD)).status, 200);
    });

    it('an unknown id → 404 and a bad body → 400, nothing written', async () => {
      const id = await newUser('patch-salah');
      const before = await footprint();
      const unknown = await t.admin.patch('/api/v1/users/0190c6f4-7c4e-7000-8000-000000000000', { displayName: 'Siapa' });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'user.not_found');
      for (const [patch, field, rule] of [
        [{ displayName: '   ' }, 'displayName', 'minLength'],
        [{ email: 'bukan-surel' }, 'email', 'format'],
        [{ active: 'ya' }, 'active', 'type'],
        [{ username: 'ganti-nama' }, 'username', 'additionalProperties'],
      ] as const) {
        const res = await t.admin.patch(`/api/v1/users/${id}`, patch);
        assert.equal(res.status, 400, JSON.stringify(patch));
        assert.ok(violations(res).some((v) => v.field === field && v.rule === rule), JSON.stringify(res.body.errors));
      }
      assert.deepEqual(await footprint(), before);
      assert.equal((await t.admin.get(`/api/v1/users/${id}`)).body.displayName, 'Pengguna patch-salah');
    });
  });

  describe('an admin cannot lock themselves out', () => {
    it('deactivating oneself → 409 user.cannot_lock_out_self, however the id is spelled; nothing written', async () => {
      const before = await footprint();
      for (const spelled of [adminId, adminId.toUpperCase()]) {
        const res = await t.admin.patch(`/api/v1/users/${spelled}`, { active: false });
        assert.equal(res.status, 409, spelled);
        assert.equal(res.body.code, 'user.cannot_lock_out_self');
      }
      assert.deepEqual(await footprint(), before);
      assert.equal((await t.admin.get('/api/v1/auth/me')).status, 200);
      const row = await t.kernel.db.selectFrom('core.app_user').select('active').where('id', '=', adminId).executeTakeFirstOrThrow();
      assert.equal(row.active, true);
    });

    it('removing one’s own admin role → 409, however the id is spelled; keeping it is fine', async () => {
      const before = await footprint();
      for (const spelled of [adminId, adminId.toUpperCase()]) {
        for (const roles of [[], [{ role: 'pimpinan' }]]) {
          const res = await t.admin.put(`/api/v1/users/${spelled}/roles`, { roles });
          assert.equal(res.status, 409, `${spelled} ${JSON.stringify(roles)}`);
          assert.equal(res.body.code, 'user.cannot_lock_out_self');
        }
      }
      assert.deepEqual(await footprint(), before);
      const me = await t.admin.get('/api/v1/auth/me');
      assert.deepEqual(me.body.roles, [{ role: 'admin', scopeType: 'city', scopeCode: null }]);

      const kept = await t.admin.put(`/api/v1/users/${adminId}/roles`, { roles: [{ role: 'pimpinan' }, { role: 'admin' }] });
      assert.equal(kept.status, 200);
      assert.deepEqual(kept.body.roles.map((g: { role: string }) => g.role), ['admin', 'pimpinan']);
      assert.equal((await t.admin.put(`/api/v1/users/${adminId}/roles`, { roles: [{ role: 'admin' }] })).status, 200);
    });

    it('an admin may still deactivate another admin', async () => {
      const id = await newUser('admin-kedua', { roles: [{ role: 'admin' }] });
      const res = await t.admin.patch(`/api/v1/users/${id}`, { active: false });
      assert.equal(res.status, 200);
      assert.equal(res.body.active, false);
    });
  });

  describe('roles', () => {
    it('PUT replaces the grants → 200; audited before and after; an outbox event with the new roles', async () => {
      const id = await newUser('ganti-peran', { roles: [{ role: 'warga' }, { role: 'pegawai' }] });
      assert.equal((await t.admin.post('/api/v1/opd', { kode: '1.01.0.00.0.00.01.0000', nama: 'Dinas Pendidikan', jenis: 'dinas' })).status, 201);
      const res = await t.admin.put(`/api/v1/users/${id}/roles`, {
        roles: [{ role: 'opd_operator', scopeCode: '1.01.0.00.0.00.01.0000' }, { role: 'petugas_kelurahan', scopeCode: '13.71.02.1003' }],
      });
      assert.equal(res.status, 200);
      const expected = [
        { role: 'opd_operator', scopeType: 'opd', scopeCode: '1.01.0.00.0.00.01.0000' },
        { role: 'petugas_kelurahan', scopeType: 'kelurahan', scopeCode: '13.71.02.1003' },
      ];
      assert.deepEqual(res.body.roles, expected);
      const stored = await t.kernel.db.selectFrom('core.user_role').select(['role', 'scope_code']).where('user_id', '=', id).orderBy('role').execute();
      assert.deepEqual(stored, [
        { role: 'opd_operator', scope_code: '1.01.0.00.0.00.01.0000' },
        { role: 'petugas_kelurahan', scope_code: '13.71.02.1003' },
      ]);

      const audit = await auditOf(id, 'user.roles_changed');
      assert.equal(audit.length, 1);
      assert.deepEqual(audit[0]!.before, {
        roles: [
          { role: 'pegawai', scopeType: 'self', scopeCode: null },
          { role: 'warga', scopeType: 'self', scopeCode: null },
        ],
      });
      assert.deepEqual(audit[0]!.after, { roles: expected });
      assert.equal(audit[0]!.request_id, res.headers.get('x-request-id'));
      const events = await outboxOf(id, 'user.roles_changed');
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.payload, { id, roles: expected });

      const none = await t.admin.put(`/api/v1/users/${id}/roles`, { roles: [] });
      assert.equal(none.status, 200);
      assert.deepEqual(none.body.roles, []);
      assert.equal((await outboxOf(id, 'user.roles_changed')).length, 2);
    });

    it('invalid grants → 400 and the roles stay; an unknown user → 404; nothing written', async () => {
      const id = await newUser('peran-tetap', { roles: [{ role: 'warga' }] });
      const before = await footprint();
      const bad = await t.admin.put(`/api/v1/users/${id}/roles`, { roles: [{ role: 'warga' }, { role: 'lurah', scopeCode: '13.72.01.1001' }] });
      assert.equal(bad.status, 400);
      assert.deepEqual(violations(bad), [{ field: 'roles/1/scopeCode', rule: 'scope.invalid_kelurahan' }]);
      const missing = await t.admin.put(`/api/v1/users/${id}/roles`, {});
      assert.equal(missing.status, 400);
      assert.deepEqual(violations(missing), [{ field: 'roles', rule: 'required' }]);
      const unknown = await t.admin.put('/api/v1/users/0190c6f4-7c4e-7000-8000-000000000000/roles', { roles: [{ role: 'warga' }] });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'user.not_found');
      assert.deepEqual(await footprint(), before);
      assert.deepEqual((await t.admin.get(`/api/v1/users/${id}`)).body.roles, [{ role: 'warga', scopeType: 'self', scopeCode: null }]);
    });
  });

  describe('password reset', () => {
    it('204; the old password fails, the new one works; every session of the user ends; audited without the password', async () => {
      const id = await newUser('lupa-sandi');
      const first = await signIn('lupa-sandi');
      const second = await signIn('lupa-sandi');
      assert.equal((await first.get('/api/v1/auth/me')).status, 200);
      assert.equal(await sessionsOf(id), 2);
      const hashBefore = (await t.kernel.db.selectFrom('core.app_user').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;

      secrets.add('sandi-baru-yang-kuat');
      const res = await t.admin.post(`/api/v1/users/${id}/password`, { password: 'sandi-baru-yang-kuat' });
      assert.equal(res.status, 204);
      assert.equal(res.text, '');

      assert.equal(await sessionsOf(id), 0);
      for (const client of [first, second]) {
        const me = await client.get('/api/v1/auth/me');
        assert.equal(me.status, 401);
        assert.equal(me.body.code, 'auth.required');
      }
      assert.equal((await t.client().login('lupa-sandi', PASSWORD)).status, 401);
      assert.equal((await t.client().login('lupa-sandi', 'sandi-baru-yang-kuat')).status, 200);
      const hashAfter = (await t.kernel.db.selectFrom('core.app_user').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
      assert.notEqual(hashAfter, hashBefore);

      const audit = await auditOf(id, 'user.password_reset');
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.before, null);
      assert.equal(audit[0]!.after, null);
      assert.equal(audit[0]!.actor_id, adminId);
      assert.equal(audit[0]!.request_id, res.headers.get('x-request-id'));
      const events = await outboxOf(id, 'user.password_reset');
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.payload, { id });
    });

    it('a weak password → 400 and nothing changes: hash, sessions, audit, outbox', async () => {
      const id = await newUser('sandi-tetap');
      const client = await signIn('sandi-tetap');
      const before = await footprint();
      for (const password of ['pendek', 'SANDI-TETAP   ']) {
        const res = await t.admin.post(`/api/v1/users/${id}/password`, { password });
        assert.equal(res.status, 400, password);
        assert.deepEqual(violations(res), [{ field: 'password', rule: 'password.too_weak' }]);
      }
      assert.equal((await t.admin.post(`/api/v1/users/${id}/password`, {})).status, 400);
      assert.deepEqual(await footprint(), before);
      assert.equal(await sessionsOf(id), 1);
      assert.equal((await client.get('/api/v1/auth/me')).status, 200);
      assert.equal((await t.client().login('sandi-tetap', PASSWORD)).status, 200);
    });

    it('an unknown user → 404, nothing written', async () => {
      const before = await footprint();
      const res = await t.admin.post('/api/v1/users/0190c6f4-7c4e-7000-8000-000000000000/password', { password: 'sandi-baru-yang-kuat' });
      assert.equal(res.status, 404);
      assert.equal(res.body.code, 'user.not_found');
      assert.deepEqual(await footprint(), before);
    });
  });

  it('no audit row or outbox event holds a password, a hash or a plain e-mail address, and the chain verifies', async () => {
    const audit = await t.kernel.db.selectFrom('core.audit_log').select(['seq', 'action', 'before', 'after']).execute();
    const outbox = await t.kernel.db.selectFrom('core.outbox').select(['id', 'type', 'payload']).execute();
    assert.ok(audit.length > 20 && outbox.length > 20);
    for (const row of [...audit, ...outbox]) {
      const text = JSON.stringify(row);
      for (const secret of secrets) assert.ok(!text.includes(secret), `${text} contains ${secret}`);
    }
    const verify = await t.admin.get('/api/v1/audit/verify');
    assert.equal(verify.status, 200);
    assert.equal(verify.body.ok, true);
    assert.equal(verify.body.checked, audit.length);
  });
});
