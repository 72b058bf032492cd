import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiClient, startTestServer, type ApiResponse, type TestServer } from '../../../test/helpers/server.js';

/**
 * Which routes answer without a session. Written out by hand: a new public API route must be
 * added here on purpose, or this file fails.
 */
const PUBLIC_API_ROUTES = new Set([
  'GET /api/v1/health',
  'HEAD /api/v1/health',
  'POST /api/v1/auth/login',
  'GET /api/v1/openapi.json',
  'HEAD /api/v1/openapi.json',
]);
/** The API reference (Swagger UI) is public as a whole. */
const isDocsRoute = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');
const isPublicApiRoute = (method: string, url: string) => PUBLIC_API_ROUTES.has(`${method} ${url}`) || isDocsRoute(url);

/** A concrete path for a route pattern: parameters become a made-up uuid, wildcards a file name. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '0190c6f4-7c4e-7000-8000-000000000000').replace(/\*$/, 'x.js');

type Role = 'admin' | 'pimpinan' | 'auditor' | 'opd_operator' | 'pegawai' | 'petugas_kelurahan' | 'lurah' | 'warga';

const ROLE_GRANTS: Record<Role, { scopeType: string; scopeCode: string | null }> = {
  admin: { scopeType: 'city', scopeCode: null },
  pimpinan: { scopeType: 'city', scopeCode: null },
  auditor: { scopeType: 'city', scopeCode: null },
  opd_operator: { scopeType: 'opd', scopeCode: '1.01.0.00.0.00.01.0000' },
  pegawai: { scopeType: 'self', scopeCode: null },
  petugas_kelurahan: { scopeType: 'kelurahan', scopeCode: '13.71.01.1001' },
  lurah: { scopeType: 'kelurahan', scopeCode: '13.71.01.1001' },
  warga: { scopeType: 'self', scopeCode: null },
};
const ROLES = Object.keys(ROLE_GRANTS) as Role[];

/** What each role may do, written out by hand rather than read from roles.ts. */
const EXPECTED_PERMISSIONS: Record<Role, string[]> = {
  admin: ['audit.read', 'user.manage', 'user.read'],
  pimpinan: ['user.read'],
  auditor: ['audit.read', 'user.read'],
  opd_operator: [],
  pegawai: [],
  petugas_kelurahan: [],
  lurah: [],
  warga: [],
};

interface RouteCase {
  route: string;
  /** The permission named in the 403, or null for routes any signed-in person may use. */
  permission: string | null;
  allowed: readonly Role[];
  success: number;
  write: boolean;
  send(client: ApiClient, role: Role, victimId: string): Promise<ApiResponse>;
}

const READERS: Role[] = ['admin', 'pimpinan', 'auditor'];
const AUDITORS: Role[] = ['admin', 'auditor'];
const MANAGERS: Role[] = ['admin'];

const MATRIX: RouteCase[] = [
  { route: 'GET /api/v1/users', permission: 'user.read', allowed: READERS, success: 200, write: false, send: (c) => c.get('/api/v1/users') },
  { route: 'GET /api/v1/users/:id', permission: 'user.read', allowed: READERS, success: 200, write: false, send: (c, _r, id) => c.get(`/api/v1/users/${id}`) },
  {
    route: 'POST /api/v1/users',
    permission: 'user.manage',
    allowed: MANAGERS,
    success: 201,
    write: true,
    send: (c, role) =>
      c.post('/api/v1/users', { username: `baru-oleh-${role.replace('_', '-')}`, displayName: `Dibuat oleh ${role}`, password: 'kata-sandi-baru-1', roles: [{ role: 'warga' }] }),
  },
  {
    route: 'PATCH /api/v1/users/:id',
    permission: 'user.manage',
    allowed: MANAGERS,
    success: 200,
    write: true,
    send: (c, role, id) => c.patch(`/api/v1/users/${id}`, { displayName: `Diubah oleh ${role}` }),
  },
  {
    route: 'PUT /api/v1/users/:id/roles',
    permission: 'user.manage',
    allowed: MANAGERS,
    success: 200,
    write: true,
    send: (c, _r, id) => c.put(`/api/v1/users/${id}/roles`, { roles: [{ role: 'warga' }, { role: 'pegawai' }] }),
  },
  {
    route: 'POST /api/v1/users/:id/password',
    permission: 'user.manage',
    allowed: MANAGERS,
    success: 204,
    write: true,
    send: (c, _r, id) => c.post(`/api/v1/users/${id}/password`, { password: 'kata-sandi-korban-2' }),
  },
  { route: 'GET /api/v1/roles', permission: 'user.read', allowed: READERS, success: 200, write: false, send: (c) => c.get('/api/v1/roles') },
  { route: 'GET /api/v1/audit', permission: 'audit.read', allowed: AUDITORS, success: 200, write: false, send: (c) => c.get('/api/v1/audit') },
  { route: 'GET /api/v1/audit/verify', permission: 'audit.read', allowed: AUDITORS, success: 200, write: false, send: (c) => c.get('/api/v1/audit/verify') },
  { route: 'GET /api/v1/auth/me', permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get('/api/v1/auth/me') },
];

describe('access matrix', () => {
  let t: TestServer;
  let victimId: string;
  const clients = new Map<Role, ApiClient>();

  const footprint = async () => {
    const count = async (table: 'core.app_user' | 'core.audit_log' | 'core.outbox' | 'core.user_role') =>
      Number((await t.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const victim = await t.kernel.db
      .selectFrom('core.app_user')
      .select(['display_name', 'password_hash'])
      .where('id', '=', victimId)
      .executeTakeFirstOrThrow();
    return {
      users: await count('core.app_user'),
      audit: await count('core.audit_log'),
      outbox: await count('core.outbox'),
      grants: await count('core.user_role'),
      victim,
    };
  };

  before(async () => {
    t = await startTestServer();
    const victim = await t.admin.post('/api/v1/users', { username: 'korban', displayName: 'Korban', password: 'kata-sandi-korban-1', roles: [{ role: 'warga' }] });
    assert.equal(victim.status, 201);
    victimId = victim.body.id;
    for (const role of ROLES) {
      const username = `peran-${role.replace('_', '-')}`;
      const { scopeCode } = ROLE_GRANTS[role];
      const created = await t.admin.post('/api/v1/users', {
        username,
        displayName: `Pengguna ${role}`,
        password: `kata-sandi-${role}`,
        roles: [scopeCode ? { role, scopeCode } : { role }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const client = t.client();
      const login = await client.login(username, `kata-sandi-${role}`);
      assert.equal(login.status, 200);
      clients.set(role, client);
    }
  });
  after(() => t.close());

  describe('every route declares its access', () => {
    it('no route answers auth.undeclared_route, and only the expected API routes answer without a session', async () => {
      const routes = t.server.app.declaredRoutes;
      assert.ok(routes.length > 20, 'declaredRoutes looks empty');
      const publicApi: string[] = [];
      for (const { method, url } of routes) {
        const res = await t.client().request(method, concrete(url));
        const label = `${method} ${url} → ${res.status}`;
        // Without a session, a 403 can only mean the route declared no access at all.
        assert.notEqual(res.status, 403, label);
        if (method !== 'HEAD') assert.notEqual(res.body?.code, 'auth.undeclared_route', label);
        if (!url.startsWith('/api/')) continue;
        if (res.status === 401) {
          if (method !== 'HEAD') assert.equal(res.body.code, 'auth.required', label);
          assert.ok(!isPublicApiRoute(method, url), `${label}: expected to be public`);
        } else {
          publicApi.push(`${method} ${url}`);
          assert.ok(isPublicApiRoute(method, url), `${label}: answers without a session but is not in PUBLIC_API_ROUTES`);
        }
      }
      for (const expected of PUBLIC_API_ROUTES) assert.ok(publicApi.includes(expected), `${expected} is not registered or not public`);
      assert.ok(publicApi.some(isDocsRouteEntry), 'the API reference is not served');
    });

    it(
      'declaredRoutes records an access for every route, and exactly the expected public API routes',
      () => {
        const routes = t.server.app.declaredRoutes;
        const undeclared = routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
        assert.deepEqual(undeclared, []);
        const publicApi = routes.filter((r) => r.url.startsWith('/api/') && r.access === 'public');
        for (const r of publicApi) assert.ok(isPublicApiRoute(r.method, r.url), `${r.method} ${r.url} is public but not expected to be`);
        const declared = new Set(publicApi.map((r) => `${r.method} ${r.url}`));
        for (const expected of PUBLIC_API_ROUTES) assert.ok(declared.has(expected), `${expected} is not declared public`);
      },
    );

    it('every protected API route of the matrix is registered with the permission the matrix expects', () => {
      const declared = new Map(t.server.app.declaredRoutes.map((r) => [`${r.method} ${r.url}`, r.access]));
      for (const c of MATRIX) assert.equal(declared.get(c.route), c.permission ?? 'signed-in', c.route);
      const protectedApi = t.server.app.declaredRoutes.filter(
        (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !isPublicApiRoute(r.method, r.url),
      );
      const covered = new Set([...MATRIX.map((c) => c.route), 'POST /api/v1/auth/logout']);
      for (const r of protectedApi) assert.ok(covered.has(`${r.method} ${r.url}`), `${r.method} ${r.url} is missing from the matrix`);
    });
  });

  it('anonymous gets 401 auth.required on every protected route, and nothing changes', async () => {
    const before = await footprint();
    for (const c of MATRIX) {
      const res = await c.send(t.client(), 'warga', victimId);
      assert.equal(res.status, 401, c.route);
      assert.equal(res.body.code, 'auth.required', c.route);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    }
    // A CSRF header without a session does not help.
    const res = await t.client().post('/api/v1/users', { username: 'anonim', displayName: 'A', password: 'kata-sandi-anonim', roles: [] }, { headers: { 'x-csrf-token': 'apa-saja' } });
    assert.equal(res.status, 401);
    assert.deepEqual(await footprint(), before);
  });

  for (const role of ROLES) {
    it(`${role}: allowed routes succeed, the rest answer 403 auth.forbidden and change nothing`, async () => {
      const client = clients.get(role)!;
      for (const c of MATRIX) {
        const before = await footprint();
        const res = await c.send(client, role, victimId);
        const label = `${role} ${c.route} → ${res.status} ${res.body?.code ?? ''}`;
        if (c.allowed.includes(role)) {
          assert.equal(res.status, c.success, label);
          if (c.write) assert.ok((await footprint()).audit > before.audit, `${label}: a write left no audit row`);
        } else {
          assert.equal(res.status, 403, label);
          assert.equal(res.body.code, 'auth.forbidden', label);
          assert.ok(res.body.detail.includes(`"${c.permission}"`), `${label}: ${res.body.detail}`);
          assert.deepEqual(await footprint(), before, `${label}: something changed`);
        }
      }
    });
  }

  it('/me reports each role with its derived scope and exactly its permissions', async () => {
    for (const role of ROLES) {
      const res = await clients.get(role)!.get('/api/v1/auth/me');
      assert.equal(res.status, 200, role);
      assert.deepEqual(res.body.roles, [{ role, ...ROLE_GRANTS[role] }], role);
      assert.deepEqual(res.body.permissions, EXPECTED_PERMISSIONS[role], role);
    }
  });

  it('granting and revoking a role takes effect at once on a live session', async () => {
    const client = clients.get('warga')!;
    const me = (await client.get('/api/v1/auth/me')).body.user.id as string;
    for (let round = 0; round < 10; round++) {
      assert.equal((await client.get('/api/v1/users')).status, 403, `round ${round}, before the grant`);
      const granted = await t.admin.put(`/api/v1/users/${me}/roles`, { roles: [{ role: 'warga' }, { role: 'pimpinan' }] });
      assert.equal(granted.status, 200);
      assert.equal((await client.get('/api/v1/users')).status, 200, `round ${round}, after the grant`);
      assert.equal((await client.get('/api/v1/audit')).status, 403, `round ${round}: pimpinan cannot read the audit trail`);
      const revoked = await t.admin.put(`/api/v1/users/${me}/roles`, { roles: [{ role: 'warga' }] });
      assert.equal(revoked.status, 200);
      assert.equal((await client.get('/api/v1/users')).status, 403, `round ${round}, after the revocation`);
    }
  });
});

function isDocsRouteEntry(entry: string): boolean {
  return isDocsRoute(entry.slice(entry.indexOf(' ') + 1));
}
