import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ApiClient, startTestServer, type ApiResponse, type TestServer } from '../../../test/helpers/server.js';
import { createAplikasi } from '../../integration/katalog/aplikasi.js';
import { systemActor } from '../audit/actor.js';
import { Access } from './access.js';

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
  // resident portal: self sign-up (src/modules/portal)
  'POST /api/v1/portal/daftar',
  // integration hub (src/integration/kredensial): apps get tokens with their client credentials
  'POST /api/v1/oauth/token',
  // e-kelurahan (src/modules/layanan): letter verification by QR token, PDF check, request tracking by code
  'GET /api/v1/verifikasi/:token',
  'HEAD /api/v1/verifikasi/:token',
  'POST /api/v1/verifikasi/:token/berkas',
  'GET /api/v1/lacak/:kode',
  'HEAD /api/v1/lacak/:kode',
]);
/** The API reference (Swagger UI) is public as a whole. */
const isDocsRoute = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');
const isPublicApiRoute = (method: string, url: string) => PUBLIC_API_ROUTES.has(`${method} ${url}`) || isDocsRoute(url);

/** A concrete path for a route pattern: parameters become a made-up uuid, wildcards a file name. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '0190c6f4-7c4e-7000-8000-000000000000').replace(/\*$/, 'x.js');

type Role = 'admin' | 'pimpinan' | 'auditor' | 'opd_operator' | 'pegawai' | 'petugas_kelurahan' | 'lurah' | 'warga' | 'sekretaris_kelurahan' | 'camat' | 'walidata';

const ROLE_GRANTS: Record<Role, { scopeType: string; scopeCode: string | null }> = {
  admin: { scopeType: 'city', scopeCode: null },
  pimpinan: { scopeType: 'city', scopeCode: null },
  auditor: { scopeType: 'city', scopeCode: null },
  opd_operator: { scopeType: 'opd', scopeCode: '1.01.0.00.0.00.01.0000' },
  pegawai: { scopeType: 'self', scopeCode: null },
  petugas_kelurahan: { scopeType: 'kelurahan', scopeCode: '13.71.01.1001' },
  lurah: { scopeType: 'kelurahan', scopeCode: '13.71.01.1001' },
  warga: { scopeType: 'self', scopeCode: null },
  sekretaris_kelurahan: { scopeType: 'kelurahan', scopeCode: '13.71.01.1001' },
  // The kecamatan's OPD (created by layananFixture), whose kode wilayah is 13.71.01.
  camat: { scopeType: 'opd', scopeCode: 'KEC-MATRIKS' },
  walidata: { scopeType: 'city', scopeCode: null },
};
const ROLES = Object.keys(ROLE_GRANTS) as Role[];

/** What each role may do, written out by hand rather than read from roles.ts. */
const EXPECTED_PERMISSIONS: Record<Role, string[]> = {
  admin: [
    'audit.read', 'integrasi.impor', 'integrasi.izin', 'integrasi.manage', 'integrasi.read', 'integrasi.rekonsiliasi', 'layanan.kecamatan', 'layanan.kelola', 'layanan.proses', 'layanan.self', 'layanan.statistik', 'layanan.tandatangan', 'organisasi.manage', 'pegawai.manage', 'pegawai.read', 'pegawai.self', 'pegawai.verify',
    'penduduk.manage', 'penduduk.read', 'penduduk.read_full', 'penduduk.self', 'penduduk.verify', 'program.manage', 'user.manage', 'user.read', 'wilayah.manage',
  ],
  pimpinan: ['integrasi.read', 'layanan.statistik', 'pegawai.read', 'penduduk.read', 'user.read'],
  auditor: ['audit.read', 'integrasi.read', 'pegawai.read', 'user.read'],
  opd_operator: ['integrasi.manage', 'integrasi.read', 'organisasi.manage', 'pegawai.manage', 'pegawai.read', 'program.manage'],
  pegawai: ['pegawai.self'],
  petugas_kelurahan: ['layanan.proses', 'penduduk.manage', 'penduduk.read', 'penduduk.read_full'],
  lurah: ['layanan.proses', 'layanan.statistik', 'layanan.tandatangan', 'penduduk.manage', 'penduduk.read', 'penduduk.read_full'],
  warga: ['layanan.self', 'penduduk.self'],
  sekretaris_kelurahan: ['layanan.proses', 'layanan.tandatangan'],
  camat: ['layanan.kecamatan', 'layanan.statistik'],
  walidata: ['integrasi.impor', 'integrasi.read', 'integrasi.rekonsiliasi', 'pegawai.read', 'penduduk.read'],
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
  // Wilayah: anyone signed in reads; the boundary upload (admin, first in ROLES) runs before the boundary read.
  { route: 'GET /api/v1/wilayah', permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get('/api/v1/wilayah?parent=13.71') },
  { route: 'GET /api/v1/wilayah/pemda', permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get('/api/v1/wilayah/pemda') },
  { route: 'GET /api/v1/wilayah/:kode', permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get('/api/v1/wilayah/13.71.01.1001') },
  { route: 'GET /api/v1/wilayah/:kode/children', permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get('/api/v1/wilayah/13.71.01/children') },
  {
    route: 'POST /api/v1/wilayah/boundaries',
    permission: 'wilayah.manage',
    allowed: MANAGERS,
    success: 200,
    write: true,
    send: (c) =>
      c.post('/api/v1/wilayah/boundaries', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { kode: '13.71.01.1001' },
            geometry: { type: 'Polygon', coordinates: [[[100.36, -0.97], [100.37, -0.97], [100.37, -0.96], [100.36, -0.96], [100.36, -0.97]]] },
          },
        ],
      }),
  },
  { route: 'GET /api/v1/wilayah/:kode/boundary', permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get('/api/v1/wilayah/13.71.01.1001/boundary') },
  // Organisasi: anyone signed in reads; writes need organisasi.manage, in the OPD's own scope for an operator.
  ...organisasiCases(),
  // Pegawai: readers city-wide or in the operator's OPD; writes need pegawai.manage; verification pegawai.verify.
  ...pegawaiCases(),
  // Program: anyone signed in reads; anggaran writes need program.manage (OPD-scoped for an operator); the import is city-wide.
  ...programCases(),
  // Penduduk: kelurahan staff in their kelurahan (the fixture lives in the staff's 13.71.01.1001), leaders masked city-wide.
  ...pendudukCases(),
  ...selfCases(),
  // E-kelurahan: residents (self), kelurahan staff, signers, the camat, leaders' figures, admins' catalogue and calendar.
  ...layananCases(),
  // Integration hub, credentials: the app belongs to the operator's OPD, so the operator manages its clients.
  ...kredensialCases(),
  // Change feed and webhooks (src/integration/feed, src/integration/webhook).
  ...webhookCases(),
  // Service gateway (src/integration/gateway): readers see services and the log; managers of the provider app change them.
  ...gatewayCases(),
  // Imports, reconciliation and data quality (src/integration/impor): walidata and admin.
  ...imporCases(),
  // App catalogue, levels, inventory and map (src/integration/katalog): readers see (an operator their OPD's apps), managers change.
  ...katalogCases(),
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
    // The registry first: grants name an OPD and a kelurahan that must exist.
    organisasi = await organisasiFixture(t.admin);
    pegawaiIds = await pegawaiFixture(t.admin);
    programIds = await programFixture(t.admin);
    penduduk = await pendudukFixture(t.admin);
    layanan = await layananFixture(t.admin);
    integrasiApp = await integrasiAppFixture(t);
    webhook = await webhookFixture(t);
    impor = await imporFixture(t);
    katalog = await katalogFixture(t);
    gateway = await gatewayFixture(t);
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

/** Records the organisasi cases act on; the operator's OPD is the one of its grant (ROLE_GRANTS). */
interface OrganisasiFixture {
  opd: string;
  archivable: string;
  unit: string;
  /** A leaf unit each allowed role may close, and one it may archive. */
  closable: Partial<Record<Role, string>>;
  archivableUnit: Partial<Record<Role, string>>;
  /** A position in `unit` every writer corrects, and one per writer to archive. */
  jabatan: string;
  archivableJabatan: Partial<Record<Role, string>>;
}
let organisasi: OrganisasiFixture;

async function organisasiFixture(admin: ApiClient): Promise<OrganisasiFixture> {
  const created = async (res: Promise<ApiResponse>) => {
    const done = await res;
    assert.equal(done.status, 201, JSON.stringify(done.body));
    return done.body.id as string;
  };
  const opdKode = ROLE_GRANTS.opd_operator.scopeCode!;
  await created(admin.post('/api/v1/opd', { kode: opdKode, nama: 'Dinas Pendidikan', jenis: 'dinas' }));
  await created(admin.post('/api/v1/opd', { kode: 'MATRIX-ARSIP', nama: 'Dinas Yang Diarsipkan', jenis: 'dinas' }));
  const unit = (nama: string) => created(admin.post(`/api/v1/opd/${opdKode}/unit`, { nama, jenis: 'bidang', berlakuMulai: '2024-01-01' }));
  const unitId = await unit('Bidang Pembinaan SD');
  const jabatan = (nama: string) => created(admin.post(`/api/v1/unit/${unitId}/jabatan`, { nama, jenis: 'pelaksana' }));
  return {
    opd: opdKode,
    archivable: 'MATRIX-ARSIP',
    unit: unitId,
    closable: { admin: await unit('Bidang Ditutup Admin'), opd_operator: await unit('Bidang Ditutup Operator') },
    archivableUnit: { admin: await unit('Bidang Diarsip Admin'), opd_operator: await unit('Bidang Diarsip Operator') },
    jabatan: await jabatan('Pengadministrasi Umum'),
    archivableJabatan: { admin: await jabatan('Jabatan Diarsip Admin'), opd_operator: await jabatan('Jabatan Diarsip Operator') },
  };
}

function organisasiCases(): RouteCase[] {
  const WRITERS: Role[] = ['admin', 'opd_operator'];
  const read = (route: string, path: () => string): RouteCase => ({ route, permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get(path()) });
  /** Writes that need the current ETag fetch it first, as a client does. */
  const withIfMatch = async (c: ApiClient, getPath: string, method: string, path: string, body: unknown) => {
    const etag = (await c.get(getPath)).headers.get('etag') ?? '"v0"';
    return c.request(method, path, { body, headers: { 'if-match': etag } });
  };
  const target = (map: Partial<Record<Role, string>>, role: Role) => map[role] ?? map.admin!;
  return [
    read('GET /api/v1/opd', () => '/api/v1/opd?jenis=dinas&total=true'),
    read('GET /api/v1/opd/:ref', () => `/api/v1/opd/${organisasi.opd}`),
    read('GET /api/v1/opd/:ref/history', () => `/api/v1/opd/${organisasi.opd}/history`),
    read('GET /api/v1/opd/:ref/struktur', () => `/api/v1/opd/${organisasi.opd}/struktur?tanggal=2024-06-01`),
    read('GET /api/v1/unit/:id', () => `/api/v1/unit/${organisasi.unit}`),
    read('GET /api/v1/unit/:id/history', () => `/api/v1/unit/${organisasi.unit}/history`),
    read('GET /api/v1/unit/:id/jabatan', () => `/api/v1/unit/${organisasi.unit}/jabatan?includeArchived=true`),
    read('GET /api/v1/jabatan/:id', () => `/api/v1/jabatan/${organisasi.jabatan}`),
    read('GET /api/v1/jabatan/:id/history', () => `/api/v1/jabatan/${organisasi.jabatan}/history`),
    {
      route: 'POST /api/v1/opd',
      permission: 'organisasi.manage',
      allowed: MANAGERS,
      success: 201,
      write: true,
      send: (c, role) => c.post('/api/v1/opd', { kode: `MATRIX-${role.replace('_', '-')}`, nama: `Dibuat oleh ${role}`, jenis: 'badan' }),
    },
    {
      route: 'PATCH /api/v1/opd/:ref',
      permission: 'organisasi.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => withIfMatch(c, `/api/v1/opd/${organisasi.opd}`, 'PATCH', `/api/v1/opd/${organisasi.opd}`, { alamat: `Diubah oleh ${role}` }),
    },
    {
      route: 'POST /api/v1/opd/:ref/archive',
      permission: 'organisasi.manage',
      allowed: MANAGERS,
      success: 200,
      write: true,
      send: (c) => withIfMatch(c, `/api/v1/opd/${organisasi.archivable}`, 'POST', `/api/v1/opd/${organisasi.archivable}/archive`, { reason: 'Uji matriks' }),
    },
    {
      route: 'POST /api/v1/opd/:ref/unit',
      permission: 'organisasi.manage',
      allowed: WRITERS,
      success: 201,
      write: true,
      send: (c, role) => c.post(`/api/v1/opd/${organisasi.opd}/unit`, { nama: `Seksi oleh ${role}`, jenis: 'seksi', parentId: organisasi.unit, berlakuMulai: '2024-06-01' }),
    },
    {
      route: 'POST /api/v1/opd/:ref/reorganisasi',
      permission: 'organisasi.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => c.post(`/api/v1/opd/${organisasi.opd}/reorganisasi`, { tanggal: '2025-01-01', tutup: [], buka: [{ nama: `UPT oleh ${role}`, jenis: 'upt' }] }),
    },
    {
      route: 'PATCH /api/v1/unit/:id',
      permission: 'organisasi.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => withIfMatch(c, `/api/v1/unit/${organisasi.unit}`, 'PATCH', `/api/v1/unit/${organisasi.unit}`, { nama: `Bidang diubah oleh ${role}` }),
    },
    {
      route: 'POST /api/v1/unit/:id/close',
      permission: 'organisasi.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => {
        const id = target(organisasi.closable, role);
        return withIfMatch(c, `/api/v1/unit/${id}`, 'POST', `/api/v1/unit/${id}/close`, { berlakuSampai: '2024-12-31' });
      },
    },
    {
      route: 'POST /api/v1/unit/:id/archive',
      permission: 'organisasi.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => {
        const id = target(organisasi.archivableUnit, role);
        return withIfMatch(c, `/api/v1/unit/${id}`, 'POST', `/api/v1/unit/${id}/archive`, { reason: 'Uji matriks' });
      },
    },
    {
      route: 'POST /api/v1/unit/:id/jabatan',
      permission: 'organisasi.manage',
      allowed: WRITERS,
      success: 201,
      write: true,
      send: (c, role) => c.post(`/api/v1/unit/${organisasi.unit}/jabatan`, { nama: `Analis oleh ${role}`, jenis: 'fungsional' }),
    },
    {
      route: 'PATCH /api/v1/jabatan/:id',
      permission: 'organisasi.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => withIfMatch(c, `/api/v1/jabatan/${organisasi.jabatan}`, 'PATCH', `/api/v1/jabatan/${organisasi.jabatan}`, { nama: `Pengadministrasi diubah oleh ${role}` }),
    },
    {
      route: 'POST /api/v1/jabatan/:id/archive',
      permission: 'organisasi.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => {
        const id = target(organisasi.archivableJabatan, role);
        return withIfMatch(c, `/api/v1/jabatan/${id}`, 'POST', `/api/v1/jabatan/${id}/archive`, { reason: 'Uji matriks' });
      },
    },
  ];
}

/** Employees of the operator's OPD the pegawai cases act on: one to read, one per writer to move and to archive. */
interface PegawaiFixture {
  read: string;
  unit: string;
  mutasi: Partial<Record<Role, string>>;
  arsip: Partial<Record<Role, string>>;
}
let pegawaiIds: PegawaiFixture;
let pegawaiSerial = 500;
/** A valid NIP for a man born 1985-04-12, CPNS January 2010. */
const matrixNip = () => `198504122010011${String(++pegawaiSerial).padStart(3, '0')}`;
const matrixPegawai = (unitId: string, nama: string) => ({
  nip: matrixNip(), nama, jenisKelamin: 'L', tanggalLahir: '1985-04-12', jenis: 'pns', golongan: 'III/a',
  opdRef: ROLE_GRANTS.opd_operator.scopeCode!, unitId, namaJabatan: 'Pengadministrasi Umum', tmtJabatan: '2024-01-01',
});

async function pegawaiFixture(admin: ApiClient): Promise<PegawaiFixture> {
  const created = async (res: Promise<ApiResponse>) => {
    const done = await res;
    assert.equal(done.status, 201, JSON.stringify(done.body));
    return done.body.id as string;
  };
  const opdKode = ROLE_GRANTS.opd_operator.scopeCode!;
  const unit = await created(admin.post(`/api/v1/opd/${opdKode}/unit`, { nama: 'Bidang Pegawai Matriks', jenis: 'bidang', berlakuMulai: '2024-01-01' }));
  const one = (nama: string) => created(admin.post('/api/v1/pegawai', matrixPegawai(unit, nama)));
  return {
    read: await one('Dibaca Semua'),
    unit,
    mutasi: { admin: await one('Dimutasi Admin'), opd_operator: await one('Dimutasi Operator') },
    arsip: { admin: await one('Diarsip Admin'), opd_operator: await one('Diarsip Operator') },
  };
}

function pegawaiCases(): RouteCase[] {
  const READERS_P: Role[] = ['admin', 'pimpinan', 'auditor', 'opd_operator', 'walidata'];
  const WRITERS: Role[] = ['admin', 'opd_operator'];
  const read = (route: string, path: () => string): RouteCase => ({ route, permission: 'pegawai.read', allowed: READERS_P, success: 200, write: false, send: (c) => c.get(path()) });
  const withIfMatch = async (c: ApiClient, id: string, method: string, path: string, body: unknown) => {
    const etag = (await c.get(`/api/v1/pegawai/${id}`)).headers.get('etag') ?? '"v0"';
    return c.request(method, path, { body, headers: { 'if-match': etag } });
  };
  const target = (map: Partial<Record<Role, string>>, role: Role) => map[role] ?? map.admin!;
  return [
    read('GET /api/v1/pegawai', () => '/api/v1/pegawai?total=true'),
    read('GET /api/v1/pegawai/:ref', () => `/api/v1/pegawai/${pegawaiIds.read}`),
    read('GET /api/v1/pegawai/:ref/riwayat', () => `/api/v1/pegawai/${pegawaiIds.read}/riwayat`),
    read('GET /api/v1/pegawai/:ref/riwayat-jabatan', () => `/api/v1/pegawai/${pegawaiIds.read}/riwayat-jabatan`),
    {
      route: 'POST /api/v1/pegawai',
      permission: 'pegawai.manage',
      allowed: WRITERS,
      success: 201,
      write: true,
      send: (c, role) => c.post('/api/v1/pegawai', matrixPegawai(pegawaiIds.unit, `Dibuat oleh ${role}`)),
    },
    {
      route: 'PATCH /api/v1/pegawai/:ref',
      permission: 'pegawai.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => withIfMatch(c, pegawaiIds.read, 'PATCH', `/api/v1/pegawai/${pegawaiIds.read}`, { nama: `Diubah oleh ${role}` }),
    },
    {
      route: 'POST /api/v1/pegawai/:ref/mutasi',
      permission: 'pegawai.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => {
        const id = target(pegawaiIds.mutasi, role);
        return withIfMatch(c, id, 'POST', `/api/v1/pegawai/${id}/mutasi`, { opdRef: ROLE_GRANTS.opd_operator.scopeCode!, unitId: pegawaiIds.unit, namaJabatan: 'Analis Kebijakan', tmt: '2024-06-01' });
      },
    },
    {
      route: 'POST /api/v1/pegawai/:ref/arsip',
      permission: 'pegawai.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => {
        const id = target(pegawaiIds.arsip, role);
        return withIfMatch(c, id, 'POST', `/api/v1/pegawai/${id}/arsip`, { alasan: 'Uji matriks' });
      },
    },
    {
      route: 'POST /api/v1/pegawai/verifikasi',
      permission: 'pegawai.verify',
      allowed: ['admin'],
      success: 200,
      write: false,
      send: (c) => c.post('/api/v1/pegawai/verifikasi', { nip: '198504122010011501' }),
    },
  ];
}

interface PendudukFixture {
  nik: string;
  noKk: string;
  /** One resident per role to archive, so each allowed role archives a live record. */
  arsip: Map<Role, string>;
}

let penduduk: PendudukFixture;
let pendudukSerial = 1;

/** A valid NIK registered in Kecamatan Padang Selatan (1371 01), for a man born on 12 March 1990. */
const matrixNik = (serial: number) => `1371011203${'90'}${String(serial).padStart(4, '0')}`;

const matrixResident = (noKk: string, nama: string) => ({
  nik: matrixNik(pendudukSerial++),
  noKk,
  nama,
  jenisKelamin: 'L',
  tempatLahir: 'Padang',
  tanggalLahir: '1990-03-12',
  agama: 1,
  pendidikan: 5,
  pekerjaan: 15,
  statusKawin: 2,
  shdk: 4,
});

async function pendudukFixture(admin: ApiClient): Promise<PendudukFixture> {
  const noKk = '1371010101250001';
  const family = await admin.post('/api/v1/keluarga', { noKk, kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Matriks No. 1', rt: '001', rw: '002' });
  assert.equal(family.status, 201, JSON.stringify(family.body));
  const resident = matrixResident(noKk, 'Warga Matriks');
  const created = await admin.post('/api/v1/penduduk', resident);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const arsip = new Map<Role, string>();
  for (const role of ROLES) {
    const target = matrixResident(noKk, `Arsip ${role}`);
    assert.equal((await admin.post('/api/v1/penduduk', target)).status, 201);
    arsip.set(role, target.nik);
  }
  return { nik: resident.nik, noKk, arsip };
}

function pendudukCases(): RouteCase[] {
  const READERS_K: Role[] = ['admin', 'pimpinan', 'petugas_kelurahan', 'lurah', 'walidata'];
  const STAFF: Role[] = ['admin', 'petugas_kelurahan', 'lurah'];
  const read = (route: string, path: () => string): RouteCase => ({ route, permission: 'penduduk.read', allowed: READERS_K, success: 200, write: false, send: (c) => c.get(path()) });
  const withIfMatch = async (c: ApiClient, method: string, path: string, body: unknown, nik = penduduk.nik) => {
    const etag = (await c.post('/api/v1/penduduk/cari', { nik })).headers.get('etag') ?? '"v0"';
    return c.request(method, path, { body, headers: { 'if-match': etag } });
  };
  return [
    read('GET /api/v1/penduduk', () => '/api/v1/penduduk?total=true'),
    { route: 'GET /api/v1/penduduk/referensi', permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get('/api/v1/penduduk/referensi') },
    read('GET /api/v1/penduduk/:ref', () => `/api/v1/penduduk/${penduduk.nik}`),
    read('GET /api/v1/penduduk/:ref/riwayat', () => `/api/v1/penduduk/${penduduk.nik}/riwayat`),
    read('GET /api/v1/keluarga/:noKk', () => `/api/v1/keluarga/${penduduk.noKk}`),
    {
      route: 'POST /api/v1/penduduk/cari',
      permission: 'penduduk.read',
      allowed: READERS_K,
      success: 200,
      write: false,
      send: (c) => c.post('/api/v1/penduduk/cari', { nik: penduduk.nik }),
    },
    {
      route: 'POST /api/v1/penduduk/:ref/lengkap',
      permission: 'penduduk.read_full',
      allowed: STAFF,
      success: 200,
      write: true,
      send: (c) => c.post(`/api/v1/penduduk/${penduduk.nik}/lengkap`, { alasan: 'Pemeriksaan matriks akses' }),
    },
    {
      route: 'POST /api/v1/penduduk/ekspor',
      permission: 'penduduk.read_full',
      allowed: STAFF,
      success: 200,
      write: true,
      send: (c) => c.post('/api/v1/penduduk/ekspor', { alasan: 'Pemeriksaan matriks akses', kelurahan: '13.71.01.1001' }),
    },
    {
      route: 'GET /api/v1/penduduk/:ref/akses-log',
      permission: 'penduduk.read_full',
      allowed: STAFF,
      success: 200,
      write: false,
      send: (c) => c.get(`/api/v1/penduduk/${penduduk.nik}/akses-log`),
    },
    {
      route: 'POST /api/v1/penduduk',
      permission: 'penduduk.manage',
      allowed: STAFF,
      success: 201,
      write: true,
      send: (c, role) => c.post('/api/v1/penduduk', matrixResident(penduduk.noKk, `Didaftarkan oleh ${role}`)),
    },
    {
      route: 'PATCH /api/v1/penduduk/:ref',
      permission: 'penduduk.manage',
      allowed: STAFF,
      success: 200,
      write: true,
      send: (c, role) => withIfMatch(c, 'PATCH', `/api/v1/penduduk/${penduduk.nik}`, { nama: `Diubah oleh ${role}` }),
    },
    {
      route: 'POST /api/v1/penduduk/:ref/arsip',
      permission: 'penduduk.manage',
      allowed: STAFF,
      success: 200,
      write: true,
      send: (c, role) => {
        const nik = penduduk.arsip.get(role)!;
        return withIfMatch(c, 'POST', `/api/v1/penduduk/${nik}/arsip`, { alasan: 'Uji matriks akses' }, nik);
      },
    },
    {
      route: 'POST /api/v1/keluarga',
      permission: 'penduduk.manage',
      allowed: STAFF,
      success: 201,
      write: true,
      send: (c, role) =>
        c.post('/api/v1/keluarga', {
          noKk: `13710101012500${String(STAFF.indexOf(role) + 10).padStart(2, '0')}`,
          kodeKelurahan: '13.71.01.1001',
          alamat: 'Jl. Matriks No. 2',
          rt: '001',
          rw: '002',
        }),
    },
    {
      route: 'POST /api/v1/penduduk/verifikasi',
      permission: 'penduduk.verify',
      allowed: ['admin'],
      success: 200,
      write: false,
      send: (c) => c.post('/api/v1/penduduk/verifikasi', { nik: penduduk.nik, nama: 'Warga Matriks', tanggalLahir: '1990-03-12' }),
    },
  ];
}

/** Budget lines of the operator's OPD: one to read and change, one per writer to archive. */
interface ProgramFixture {
  read: string;
  arsip: Partial<Record<Role, string>>;
}
let programIds: ProgramFixture;

const PROGRAM_CSV = [
  'tahun,kode_opd,kode_urusan,nama_urusan,kode_bidang_urusan,nama_bidang_urusan,kode_program,nama_program,kode_kegiatan,nama_kegiatan,kode_sub_kegiatan,nama_sub_kegiatan,pagu',
  ...['0001', '0002', '0003', '0004', '0005'].map(
    (s) => `2026,${ROLE_GRANTS.opd_operator.scopeCode},1,Urusan Wajib,1.01,Pendidikan,1.01.02,Pengelolaan Pendidikan,1.01.02.2.01,Pendidikan SD,1.01.02.2.01.${s},Sub-kegiatan ${s},1.000.000`,
  ),
].join('\n');

async function programFixture(admin: ApiClient): Promise<ProgramFixture> {
  const imported = await admin.post('/api/v1/program/import', { csv: PROGRAM_CSV });
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  const list = await admin.get(`/api/v1/program/anggaran?opd=${ROLE_GRANTS.opd_operator.scopeCode}&tahun=2026`);
  const id = (kode: string) => list.body.items.find((a: { kode: string }) => a.kode === kode).id as string;
  return { read: id('1.01.02.2.01.0001'), arsip: { admin: id('1.01.02.2.01.0002'), opd_operator: id('1.01.02.2.01.0003') } };
}

function programCases(): RouteCase[] {
  const WRITERS: Role[] = ['admin', 'opd_operator'];
  const read = (route: string, path: () => string): RouteCase => ({ route, permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get(path()) });
  const withIfMatch = async (c: ApiClient, id: string, method: string, path: string, body: unknown) => {
    const etag = (await c.get(`/api/v1/program/anggaran/${id}`)).headers.get('etag') ?? '"v0"';
    return c.request(method, path, { body, headers: { 'if-match': etag } });
  };
  return [
    read('GET /api/v1/program/nomenklatur', () => '/api/v1/program/nomenklatur?parent=1.01.02.2.01'),
    read('GET /api/v1/program/nomenklatur/:kode', () => '/api/v1/program/nomenklatur/1.1.2.2.1.1'),
    read('GET /api/v1/program/anggaran', () => '/api/v1/program/anggaran?tahun=2026&total=true'),
    read('GET /api/v1/program/anggaran/:id', () => `/api/v1/program/anggaran/${programIds.read}`),
    read('GET /api/v1/program/anggaran/:id/riwayat', () => `/api/v1/program/anggaran/${programIds.read}/riwayat`),
    read('GET /api/v1/program/nomenklatur/:kode/jalur', () => '/api/v1/program/nomenklatur/1.01.02.2.01.0001/jalur'),
    // Anyone signed in asks what they may manage; the answer is scoped (empty without program.manage).
    read('GET /api/v1/program/kewenangan', () => '/api/v1/program/kewenangan'),
    read('GET /api/v1/program/ringkasan', () => '/api/v1/program/ringkasan?tahun=2026'),
    {
      route: 'POST /api/v1/program/anggaran',
      permission: 'program.manage',
      allowed: WRITERS,
      success: 201,
      write: true,
      send: (c, role) =>
        c.post('/api/v1/program/anggaran', { tahun: 2030 + ROLES.indexOf(role), opd: ROLE_GRANTS.opd_operator.scopeCode, kode: '1.01.02.2.01.0004', pagu: 5_000_000 }),
    },
    {
      route: 'PATCH /api/v1/program/anggaran/:id',
      permission: 'program.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => withIfMatch(c, programIds.read, 'PATCH', `/api/v1/program/anggaran/${programIds.read}`, { pagu: 2_000_000 + ROLES.indexOf(role) }),
    },
    {
      route: 'POST /api/v1/program/anggaran/:id/arsip',
      permission: 'program.manage',
      allowed: WRITERS,
      success: 200,
      write: true,
      send: (c, role) => {
        const id = programIds.arsip[role] ?? programIds.arsip.admin!;
        return withIfMatch(c, id, 'POST', `/api/v1/program/anggaran/${id}/arsip`, { alasan: 'Uji matriks akses' });
      },
    },
    {
      route: 'POST /api/v1/program/import',
      permission: 'program.manage',
      allowed: ['admin'],
      success: 200,
      write: true,
      // Leaves out the lines archived by the arsip case: re-importing an archived line is a 422.
      send: (c) => c.post('/api/v1/program/import', { csv: PROGRAM_CSV.split('\n').filter((line) => !/\.000[23],/.test(line)).join('\n') }),
    },
  ];
}

/**
 * Accounts linked to people, and the self paths. The matrix's accounts are not linked, so an
 * allowed role gets past the guard to a 404 `*.self_unlinked`; saya.test.ts covers linked accounts.
 */
function selfCases(): RouteCase[] {
  return [
    {
      route: 'PUT /api/v1/users/:id/identitas',
      permission: 'user.manage',
      allowed: MANAGERS,
      success: 200,
      write: true,
      send: (c, _r, id) => c.put(`/api/v1/users/${id}/identitas`, { nik: null, nip: null }),
    },
    { route: 'GET /api/v1/saya/penduduk', permission: 'penduduk.self', allowed: ['admin', 'warga'], success: 404, write: false, send: (c) => c.get('/api/v1/saya/penduduk') },
    { route: 'GET /api/v1/saya/akses-log', permission: 'penduduk.self', allowed: ['admin', 'warga'], success: 404, write: false, send: (c) => c.get('/api/v1/saya/akses-log') },
    { route: 'GET /api/v1/saya/pegawai', permission: 'pegawai.self', allowed: ['admin', 'pegawai'], success: 404, write: false, send: (c) => c.get('/api/v1/saya/pegawai') },
  ];
}

/** E-kelurahan (src/modules/layanan): requests of the matrix resident in 13.71.01.1001, entered at the counter by the admin. */
interface LayananFixture {
  /** A request in verification with one attachment, that every allowed role reads, uploads to and verifies. */
  shared: string;
  lampiran: string;
  /** One new request per allowed role to assign to itself, one to refuse; one in verification per role to send back. */
  ambil: Partial<Record<Role, string>>;
  tolak: Partial<Record<Role, string>>;
  perbaikan: Partial<Record<Role, string>>;
  libur: { ubah: string; hapus: string };
}
let layanan: LayananFixture;
// Functions, not constants: the matrix is built when the file loads, before constants further down exist.
function layananStaff(): Role[] {
  return ['admin', 'petugas_kelurahan', 'lurah', 'sekretaris_kelurahan'];
}
function matrixPng(): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01]);
}

async function layananFixture(admin: ApiClient): Promise<LayananFixture> {
  const created = async (res: Promise<ApiResponse>) => {
    const done = await res;
    assert.equal(done.status, 201, JSON.stringify(done.body));
    return done.body.id as string;
  };
  // The camat's grant names the kecamatan's OPD.
  await created(admin.post('/api/v1/opd', { kode: ROLE_GRANTS.camat.scopeCode, nama: 'Kecamatan Padang Selatan', jenis: 'kecamatan', kodeWilayah: '13.71.01' }));
  const walkIn = () => created(admin.post('/api/v1/layanan/permohonan', { nik: penduduk.nik, jenis: 'domisili', data: { keperluan: 'Uji matriks akses' } }));
  const taken = async () => {
    const id = await walkIn();
    assert.equal((await admin.post(`/api/v1/layanan/permohonan/${id}/ambil`, {})).status, 200);
    return id;
  };
  const perRole = async (make: () => Promise<string>) => Object.fromEntries(await Promise.all(layananStaff().map(async (role) => [role, await make()]))) as Partial<Record<Role, string>>;
  const shared = await taken();
  const lampiran = await created(admin.request('POST', `/api/v1/layanan/permohonan/${shared}/lampiran?syarat=ktp`, { raw: matrixPng(), headers: { 'content-type': 'image/png' } }));
  return {
    shared,
    lampiran,
    ambil: await perRole(walkIn),
    tolak: await perRole(walkIn),
    perbaikan: await perRole(taken),
    libur: {
      ubah: await created(admin.post('/api/v1/layanan/hari-libur', { tanggal: '2031-03-01', nama: 'Libur matriks diubah', jenis: 'daerah' })),
      hapus: await created(admin.post('/api/v1/layanan/hari-libur', { tanggal: '2031-03-02', nama: 'Libur matriks dihapus', jenis: 'daerah' })),
    },
  };
}

function layananCases(): RouteCase[] {
  const SIGNERS: Role[] = ['admin', 'lurah', 'sekretaris_kelurahan'];
  const SELF: Role[] = ['admin', 'warga'];
  const FIGURES: Role[] = ['admin', 'pimpinan', 'lurah', 'camat'];
  const read = (route: string, path: () => string): RouteCase => ({ route, permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get(path()) });
  const kelola = (route: string, success: number, send: RouteCase['send'], write = true): RouteCase => ({ route, permission: 'layanan.kelola', allowed: MANAGERS, success, write, send });
  // The matrix's accounts are not linked to a NIK: residents' routes get past the guard to 404 layanan.self_unlinked.
  const self = (route: string, send: RouteCase['send']): RouteCase => ({ route, permission: 'layanan.self', allowed: SELF, success: 404, write: false, send });
  const staff = (route: string, success: number, write: boolean, send: RouteCase['send']): RouteCase => ({ route, permission: 'layanan.proses', allowed: layananStaff(), success, write, send });
  const own = (map: Partial<Record<Role, string>>, role: Role) => map[role] ?? map.admin!;
  const p = (suffix = '') => `/api/v1/layanan/permohonan/${layanan.shared}${suffix}`;
  const png = { raw: matrixPng(), headers: { 'content-type': 'image/png' } };
  const NEW_JENIS = (kode: string) => ({
    kode, kodeSurat: '470.9', nama: 'Surat Matriks', fields: [], syarat: [], slaHari: 1, penandatangan: 'lurah', masaBerlaku: null,
    template: { judul: 'SURAT MATRIKS', pembuka: 'Lurah [kelurahan] menerangkan:', isi: ['[nama] diuji.'] }, online: false,
  });
  return [
    read('GET /api/v1/layanan/jenis', () => '/api/v1/layanan/jenis?semua=true'),
    read('GET /api/v1/layanan/jenis/:ref', () => '/api/v1/layanan/jenis/domisili'),
    read('GET /api/v1/layanan/hari-libur', () => '/api/v1/layanan/hari-libur?tahun=2026'),
    read('GET /api/v1/layanan/hari-kerja', () => '/api/v1/layanan/hari-kerja?mulai=2026-11-27&hari=3'),
    read('GET /api/v1/layanan/batas', () => '/api/v1/layanan/batas'),
    kelola('POST /api/v1/layanan/jenis', 201, (c) => c.post('/api/v1/layanan/jenis', NEW_JENIS('matriks-baru'))),
    kelola('PATCH /api/v1/layanan/jenis/:ref', 200, (c) => c.patch('/api/v1/layanan/jenis/pindah', { slaHari: 3 }, { headers: { 'if-match': '*' } })),
    kelola('POST /api/v1/layanan/jenis/:ref/arsip', 200, (c) => c.post('/api/v1/layanan/jenis/beda-identitas/arsip', { alasan: 'Uji matriks' }, { headers: { 'if-match': '*' } })),
    kelola('GET /api/v1/layanan/jenis/:ref/riwayat', 200, (c) => c.get('/api/v1/layanan/jenis/domisili/riwayat'), false),
    kelola('POST /api/v1/layanan/hari-libur', 201, (c) => c.post('/api/v1/layanan/hari-libur', { tanggal: '2031-04-01', nama: 'Libur matriks baru', jenis: 'daerah' })),
    kelola('PATCH /api/v1/layanan/hari-libur/:id', 200, (c) => c.patch(`/api/v1/layanan/hari-libur/${layanan.libur.ubah}`, { perkiraan: true }, { headers: { 'if-match': '*' } })),
    kelola('DELETE /api/v1/layanan/hari-libur/:id', 204, (c) => c.request('DELETE', `/api/v1/layanan/hari-libur/${layanan.libur.hapus}`, { headers: { 'if-match': '*' } })),
    self('GET /api/v1/layanan/saya/draf/:jenis', (c) => c.get('/api/v1/layanan/saya/draf/domisili')),
    self('POST /api/v1/layanan/saya/permohonan', (c) => c.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Uji matriks akses' } })),
    self('GET /api/v1/layanan/saya/permohonan', (c) => c.get('/api/v1/layanan/saya/permohonan')),
    self('GET /api/v1/layanan/saya/permohonan/:ref', (c) => c.get(`/api/v1/layanan/saya/permohonan/${layanan.shared}`)),
    self('POST /api/v1/layanan/saya/permohonan/:ref/batal', (c) => c.post(`/api/v1/layanan/saya/permohonan/${layanan.shared}/batal`, {})),
    self('POST /api/v1/layanan/saya/permohonan/:ref/ajukan-ulang', (c) => c.post(`/api/v1/layanan/saya/permohonan/${layanan.shared}/ajukan-ulang`, {})),
    self('GET /api/v1/layanan/saya/permohonan/:ref/surat', (c) => c.get(`/api/v1/layanan/saya/permohonan/${layanan.shared}/surat`)),
    self('GET /api/v1/layanan/saya/permohonan/:ref/lampiran/:lampiranId', (c) => c.get(`/api/v1/layanan/saya/permohonan/${layanan.shared}/lampiran/${layanan.lampiran}`)),
    self('POST /api/v1/layanan/saya/permohonan/:ref/lampiran', (c) => c.request('POST', `/api/v1/layanan/saya/permohonan/${layanan.shared}/lampiran?syarat=ktp`, png)),
    self('DELETE /api/v1/layanan/saya/permohonan/:ref/lampiran/:lampiranId', (c) => c.request('DELETE', `/api/v1/layanan/saya/permohonan/${layanan.shared}/lampiran/${layanan.lampiran}`)),
    self('GET /api/v1/layanan/saya/notifikasi', (c) => c.get('/api/v1/layanan/saya/notifikasi')),
    self('POST /api/v1/layanan/saya/notifikasi/:id/dibaca', (c) => c.post(`/api/v1/layanan/saya/notifikasi/${layanan.shared}/dibaca`, {})),
    staff('GET /api/v1/layanan/permohonan', 200, false, (c) => c.get('/api/v1/layanan/permohonan?status=baru')),
    staff('GET /api/v1/layanan/loket/draf/:jenis', 200, false, (c) => c.get(`/api/v1/layanan/loket/draf/domisili?nik=${penduduk.nik}`)),
    staff('POST /api/v1/layanan/permohonan', 201, true, (c) => c.post('/api/v1/layanan/permohonan', { nik: penduduk.nik, jenis: 'domisili', data: { keperluan: 'Uji matriks loket' } })),
    staff('GET /api/v1/layanan/permohonan/:ref', 200, false, (c) => c.get(p())),
    staff('POST /api/v1/layanan/permohonan/:ref/ambil', 200, true, (c, role) => c.post(`/api/v1/layanan/permohonan/${own(layanan.ambil, role)}/ambil`, {})),
    staff('POST /api/v1/layanan/permohonan/:ref/perbaikan', 200, true, (c, role) => c.post(`/api/v1/layanan/permohonan/${own(layanan.perbaikan, role)}/perbaikan`, { catatan: 'Uji matriks akses' })),
    // No verified files on the shared request: an allowed role gets past the guard to the 422.
    staff('POST /api/v1/layanan/permohonan/:ref/teruskan', 422, false, (c) => c.post(p('/teruskan'), {})),
    staff('POST /api/v1/layanan/permohonan/:ref/tolak', 200, true, (c, role) => c.post(`/api/v1/layanan/permohonan/${own(layanan.tolak, role)}/tolak`, { alasan: 'Uji matriks akses' })),
    staff('GET /api/v1/layanan/permohonan/:ref/surat', 404, false, (c) => c.get(p('/surat'))),
    staff('POST /api/v1/layanan/permohonan/:ref/lampiran', 201, true, (c) => c.request('POST', `${p('/lampiran')}?syarat=lainnya`, png)),
    staff('GET /api/v1/layanan/permohonan/:ref/lampiran/:lampiranId', 200, false, (c) => c.get(p(`/lampiran/${layanan.lampiran}`))),
    staff('POST /api/v1/layanan/permohonan/:ref/lampiran/:lampiranId/verifikasi', 200, true, (c) => c.post(p(`/lampiran/${layanan.lampiran}/verifikasi`), { sah: true })),
    // The matrix's accounts are not linked to a NIP: a signer gets past the guard to 422; no letter to revoke: 404.
    { route: 'POST /api/v1/layanan/permohonan/:ref/setujui', permission: 'layanan.tandatangan', allowed: SIGNERS, success: 422, write: false, send: (c) => c.post(p('/setujui'), {}) },
    { route: 'POST /api/v1/layanan/permohonan/:ref/surat/cabut', permission: 'layanan.tandatangan', allowed: SIGNERS, success: 404, write: false, send: (c) => c.post(p('/surat/cabut'), { alasan: 'Uji matriks akses' }) },
    { route: 'GET /api/v1/layanan/kecamatan/permohonan', permission: 'layanan.kecamatan', allowed: ['admin', 'camat'], success: 200, write: false, send: (c) => c.get('/api/v1/layanan/kecamatan/permohonan?terlambat=true') },
    { route: 'GET /api/v1/layanan/kecamatan/permohonan/:ref', permission: 'layanan.kecamatan', allowed: ['admin', 'camat'], success: 200, write: false, send: (c) => c.get(`/api/v1/layanan/kecamatan/permohonan/${layanan.shared}`) },
    { route: 'GET /api/v1/layanan/statistik', permission: 'layanan.statistik', allowed: FIGURES, success: 200, write: false, send: (c) => c.get('/api/v1/layanan/statistik?tahun=2026') },
  ];
}

// --- integration hub: app credentials (src/integration/kredensial) ---
interface IntegrasiAppFixture {
  kode: string;
  /** One OAuth client per role, so each allowed role rotates and revokes its own. */
  clientIds: Map<Role, string>;
}
let integrasiApp: IntegrasiAppFixture;

async function integrasiAppFixture(t: TestServer): Promise<IntegrasiAppFixture> {
  const everything = new Access([{ role: 'admin', scopeType: 'city', scopeCode: null }]);
  const app = await createAplikasi(t.kernel, systemActor('matriks'), everything, { kode: 'matriks-app', nama: 'Aplikasi Matriks', opdKode: '1.01.0.00.0.00.01.0000', jenis: 'aplikasi_opd' });
  const clientIds = new Map<Role, string>();
  for (const role of ROLES) {
    const res = await t.admin.post(`/api/v1/integrasi/aplikasi/${app.kode}/klien`, { nama: role });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    clientIds.set(role, res.body.clientId);
  }
  return { kode: app.kode, clientIds };
}

function kredensialCases(): RouteCase[] {
  const managers: Role[] = ['admin', 'opd_operator'];
  const readers: Role[] = ['admin', 'pimpinan', 'auditor', 'opd_operator', 'walidata'];
  const base = () => `/api/v1/integrasi/aplikasi/${integrasiApp.kode}`;
  return [
    { route: 'GET /api/v1/integrasi/scopes', permission: null, allowed: ROLES, success: 200, write: false, send: (c) => c.get('/api/v1/integrasi/scopes') },
    { route: 'GET /api/v1/integrasi/aplikasi/:ref/klien', permission: 'integrasi.manage', allowed: managers, success: 200, write: false, send: (c) => c.get(`${base()}/klien`) },
    { route: 'POST /api/v1/integrasi/aplikasi/:ref/klien', permission: 'integrasi.manage', allowed: managers, success: 201, write: true, send: (c) => c.post(`${base()}/klien`, { nama: 'staging' }) },
    {
      route: 'POST /api/v1/integrasi/klien/:clientId/rotasi', permission: 'integrasi.manage', allowed: managers, success: 200, write: true,
      send: (c, role) => c.post(`/api/v1/integrasi/klien/${integrasiApp.clientIds.get(role)}/rotasi`, { masaTumpangJam: 1 }),
    },
    {
      route: 'POST /api/v1/integrasi/klien/:clientId/cabut', permission: 'integrasi.manage', allowed: managers, success: 200, write: true,
      send: (c, role) => c.post(`/api/v1/integrasi/klien/${integrasiApp.clientIds.get(role)}/cabut`, { alasan: 'Uji matriks' }),
    },
    { route: 'GET /api/v1/integrasi/aplikasi/:ref/izin', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(`${base()}/izin`) },
    {
      route: 'PUT /api/v1/integrasi/aplikasi/:ref/izin', permission: 'integrasi.izin', allowed: ['admin'], success: 200, write: true,
      send: (c) => c.put(`${base()}/izin`, { items: [{ scope: 'wilayah:read', scopeType: 'city' }] }),
    },
    { route: 'GET /api/v1/integrasi/aplikasi/:ref/pemakaian', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(`${base()}/pemakaian`) },
  ];
}
// --- end of integration hub: app credentials ---

// --- integration hub: change feed and webhooks (src/integration/feed, src/integration/webhook) ---
interface WebhookFixture {
  /** Changed, rotated and re-sent by every allowed role. */
  shared: string;
  /** One per managing role, to delete. */
  own: Map<Role, string>;
}
let webhook: WebhookFixture;

async function webhookFixture(t: TestServer): Promise<WebhookFixture> {
  const make = async (nama: string) => {
    const res = await t.admin.post(`/api/v1/integrasi/aplikasi/${integrasiApp.kode}/webhook`, { nama, url: 'http://127.0.0.1:9/hook', jenisEvent: ['pegawai.*'] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as string;
  };
  const own = new Map<Role, string>();
  for (const role of ['admin', 'opd_operator'] as Role[]) own.set(role, await make(`Hapus ${role}`));
  return { shared: await make('Bersama'), own };
}

function webhookCases(): RouteCase[] {
  const managers: Role[] = ['admin', 'opd_operator'];
  const readers: Role[] = ['admin', 'pimpinan', 'auditor', 'opd_operator', 'walidata'];
  const base = () => `/api/v1/integrasi/aplikasi/${integrasiApp.kode}`;
  const sub = () => `/api/v1/integrasi/webhook/${webhook.shared}`;
  return [
    { route: 'GET /api/v1/events', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get('/api/v1/events?limit=5') },
    { route: 'GET /api/v1/integrasi/aplikasi/:ref/webhook', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(`${base()}/webhook`) },
    {
      route: 'POST /api/v1/integrasi/aplikasi/:ref/webhook', permission: 'integrasi.manage', allowed: managers, success: 201, write: true,
      send: (c) => c.post(`${base()}/webhook`, { nama: 'Matriks', url: 'https://contoh.padang.go.id/hook', jenisEvent: ['opd.*'] }),
    },
    { route: 'GET /api/v1/integrasi/webhook/:id', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(sub()) },
    {
      route: 'PATCH /api/v1/integrasi/webhook/:id', permission: 'integrasi.manage', allowed: managers, success: 200, write: true,
      send: (c, role) => c.patch(sub(), { nama: `Diubah ${role}` }, { headers: { 'if-match': '*' } }),
    },
    {
      route: 'DELETE /api/v1/integrasi/webhook/:id', permission: 'integrasi.manage', allowed: managers, success: 204, write: true,
      send: (c, role) => c.request('DELETE', `/api/v1/integrasi/webhook/${webhook.own.get(role) ?? webhook.shared}`, { headers: { 'if-match': '*' } }),
    },
    { route: 'POST /api/v1/integrasi/webhook/:id/rahasia', permission: 'integrasi.manage', allowed: managers, success: 200, write: true, send: (c) => c.post(`${sub()}/rahasia`, { masaTumpangJam: 1 }) },
    { route: 'GET /api/v1/integrasi/aplikasi/:ref/webhook-kiriman', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(`${base()}/webhook-kiriman?status=mati`) },
    { route: 'POST /api/v1/integrasi/webhook/:id/kirim-ulang', permission: 'integrasi.manage', allowed: managers, success: 200, write: true, send: (c) => c.post(`${sub()}/kirim-ulang`, {}) },
    // No such delivery: an allowed role gets past the guard to the 404.
    { route: 'POST /api/v1/integrasi/webhook-kiriman/:id/kirim-ulang', permission: 'integrasi.manage', allowed: managers, success: 404, write: false, send: (c) => c.post('/api/v1/integrasi/webhook-kiriman/999999999/kirim-ulang', {}) },
  ];
}
// --- end of integration hub: change feed and webhooks ---

// --- integration hub: service gateway (src/integration/gateway) ---
// The /gw/<app>/<service>/* proxy and /gw/_openapi/:app/:service are app-only (access 'app'):
// outside /api, they answer 401 auth.invalid_token without a bearer token and to a session
// (checked by the first test above and in src/integration/gateway/gateway.test.ts).
interface GatewayFixture {
  /** A service of the matrix app (the operator's OPD) that every allowed role changes. */
  shared: string;
  /** A grant on it every allowed role changes. */
  izin: string;
  /** A service whose OpenAPI document stays (the shared one's is removed by each manager). */
  documented: string;
  /** Per managing role: a service with one grant, to revoke. */
  revocable: Map<Role, { layanan: string; izin: string }>;
}
let gateway: GatewayFixture;

async function gatewayFixture(t: TestServer): Promise<GatewayFixture> {
  const service = async (kode: string) => {
    const res = await t.admin.post('/api/v1/integrasi/gateway/layanan', { aplikasi: integrasiApp.kode, kode, nama: `Layanan ${kode}`, baseUrl: 'http://127.0.0.1:9/api' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const izin = await t.admin.post(`/api/v1/integrasi/gateway/layanan/${res.body.id}/izin`, { klien: integrasiApp.kode, aturan: ['GET /*'] });
    assert.equal(izin.status, 201, JSON.stringify(izin.body));
    return { layanan: res.body.id as string, izin: izin.body.id as string };
  };
  const shared = await service('mtx-bersama');
  const revocable = new Map<Role, { layanan: string; izin: string }>();
  const everything = new Access([{ role: 'admin', scopeType: 'city', scopeCode: null }]);
  for (const role of ROLES) {
    // A caller app per role: each allowed role grants its own the shared service.
    await createAplikasi(t.kernel, systemActor('matriks'), everything, { kode: `mtx-klien-${role.replace('_', '-')}`, nama: `Klien ${role}`, jenis: 'lainnya' });
  }
  for (const role of ['admin', 'opd_operator'] as Role[]) revocable.set(role, await service(`mtx-cabut-${role.replace('_', '-')}`));
  const documented = await service('mtx-dokumen');
  const doc = { openapi: '3.0.3', info: { title: 'Dokumen', version: '1' }, paths: {} };
  const uploaded = await t.admin.put(`/api/v1/integrasi/gateway/layanan/${documented.layanan}/openapi`, doc, { headers: { 'if-match': '*' } });
  assert.equal(uploaded.status, 200, JSON.stringify(uploaded.body));
  return { shared: shared.layanan, izin: shared.izin, documented: documented.layanan, revocable };
}

function gatewayCases(): RouteCase[] {
  const managers: Role[] = ['admin', 'opd_operator'];
  const readers: Role[] = ['admin', 'pimpinan', 'auditor', 'opd_operator', 'walidata'];
  const base = '/api/v1/integrasi/gateway';
  const svc = () => `${base}/layanan/${gateway.shared}`;
  const ifAny = { headers: { 'if-match': '*' } };
  const own = (role: Role) => gateway.revocable.get(role) ?? gateway.revocable.get('admin')!;
  const doc = { openapi: '3.1.0', info: { title: 'Matriks', version: '1' }, paths: {} };
  return [
    { route: 'GET /api/v1/integrasi/gateway/layanan', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(`${base}/layanan?hari=7`) },
    { route: 'GET /api/v1/integrasi/gateway/layanan/:id', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(svc()) },
    { route: 'GET /api/v1/integrasi/gateway/layanan/:id/riwayat', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(`${svc()}/riwayat`) },
    { route: 'GET /api/v1/integrasi/gateway/log', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(`${base}/log?status=5xx`) },
    {
      route: 'POST /api/v1/integrasi/gateway/layanan', permission: 'integrasi.manage', allowed: managers, success: 201, write: true,
      send: (c, role) => c.post(`${base}/layanan`, { aplikasi: integrasiApp.kode, kode: `mtx-baru-${role.replace('_', '-')}`, nama: `Baru ${role}`, baseUrl: 'https://contoh.padang.go.id/api' }),
    },
    { route: 'PATCH /api/v1/integrasi/gateway/layanan/:id', permission: 'integrasi.manage', allowed: managers, success: 200, write: true, send: (c, role) => c.patch(svc(), { nama: `Diubah ${role}` }, ifAny) },
    { route: 'PUT /api/v1/integrasi/gateway/layanan/:id/openapi', permission: 'integrasi.manage', allowed: managers, success: 200, write: true, send: (c) => c.put(`${svc()}/openapi`, doc, ifAny) },
    { route: 'GET /api/v1/integrasi/gateway/layanan/:id/openapi', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(`${base}/layanan/${gateway.documented}/openapi`) },
    { route: 'DELETE /api/v1/integrasi/gateway/layanan/:id/openapi', permission: 'integrasi.manage', allowed: managers, success: 200, write: true, send: (c) => c.request('DELETE', `${svc()}/openapi`, ifAny) },
    {
      route: 'POST /api/v1/integrasi/gateway/layanan/:id/izin', permission: 'integrasi.manage', allowed: managers, success: 201, write: true,
      send: (c, role) => c.post(`${svc()}/izin`, { klien: `mtx-klien-${role.replace('_', '-')}`, aturan: ['GET /pegawai/*'] }),
    },
    {
      route: 'PATCH /api/v1/integrasi/gateway/layanan/:id/izin/:izinId', permission: 'integrasi.manage', allowed: managers, success: 200, write: true,
      send: (c, role) => c.patch(`${svc()}/izin/${gateway.izin}`, { aturan: [`GET /${role.replace('_', '-')}/*`] }, ifAny),
    },
    {
      route: 'DELETE /api/v1/integrasi/gateway/layanan/:id/izin/:izinId', permission: 'integrasi.manage', allowed: managers, success: 204, write: true,
      send: (c, role) => c.request('DELETE', `${base}/layanan/${own(role).layanan}/izin/${own(role).izin}`, ifAny),
    },
  ];
}
// --- end of integration hub: service gateway ---

// --- integration hub: imports and reconciliation (src/integration/impor) ---
interface ImporFixture {
  /** An import whose dry-run found an invalid row: applying it answers 409 past the guard. */
  id: string;
  /** One open conflict per allowed role to decide. */
  konflik: Map<Role, string>;
}
let impor: ImporFixture;

async function imporFixture(t: TestServer): Promise<ImporFixture> {
  const up = await t.admin.request('POST', `/api/v1/integrasi/impor?aplikasi=${integrasiApp.kode}&dataset=penduduk&nama=matriks.csv`, {
    raw: 'NIK,Nama\n12345,Warga Salah\n', headers: { 'content-type': 'text/csv' },
  });
  assert.equal(up.status, 201, JSON.stringify(up.body));
  const dry = await t.admin.post(`/api/v1/integrasi/impor/${up.body.id}/periksa`, {});
  assert.equal(dry.body.tidakValid, 1, JSON.stringify(dry.body));
  const konflik = new Map<Role, string>();
  const fields: Partial<Record<Role, string>> = { admin: 'nama', walidata: 'tempatLahir' };
  for (const [role, field] of Object.entries(fields) as [Role, string][]) {
    const id = `0190c6f4-7c4e-7000-8000-0000000000${role === 'admin' ? '01' : '02'}`;
    await sql`
      INSERT INTO integrasi.konflik (id, dataset, kunci, field, nilai_sekarang, sumber_sekarang, nilai_masuk, aplikasi_id, impor_id)
      SELECT ${id}::uuid, 'penduduk', ${matrixNik(1)}, ${field}, 'Sekarang', '{"jenis": "registri"}'::jsonb, 'Masuk', aplikasi_id, id
      FROM integrasi.impor WHERE id = ${up.body.id}`.execute(t.kernel.db);
    konflik.set(role, id);
  }
  return { id: up.body.id, konflik };
}

function imporCases(): RouteCase[] {
  const stewards: Role[] = ['admin', 'walidata'];
  const base = () => `/api/v1/integrasi/impor/${impor.id}`;
  return [
    {
      route: 'POST /api/v1/integrasi/impor', permission: 'integrasi.impor', allowed: stewards, success: 201, write: true,
      send: (c) => c.request('POST', `/api/v1/integrasi/impor?aplikasi=${integrasiApp.kode}&dataset=penduduk`, { raw: 'NIK,Nama\n1,A\n', headers: { 'content-type': 'text/csv' } }),
    },
    { route: 'GET /api/v1/integrasi/impor', permission: 'integrasi.impor', allowed: stewards, success: 200, write: false, send: (c) => c.get('/api/v1/integrasi/impor') },
    { route: 'GET /api/v1/integrasi/impor/:id', permission: 'integrasi.impor', allowed: stewards, success: 200, write: false, send: (c) => c.get(base()) },
    { route: 'POST /api/v1/integrasi/impor/:id/periksa', permission: 'integrasi.impor', allowed: stewards, success: 200, write: true, send: (c) => c.post(`${base()}/periksa`, {}) },
    { route: 'GET /api/v1/integrasi/impor/:id/masalah', permission: 'integrasi.impor', allowed: stewards, success: 200, write: false, send: (c) => c.get(`${base()}/masalah`) },
    // The dry-run found an invalid row: an allowed role gets past the guard to the 409, nothing is applied.
    { route: 'POST /api/v1/integrasi/impor/:id/terapkan', permission: 'integrasi.impor', allowed: stewards, success: 409, write: false, send: (c) => c.post(`${base()}/terapkan`) },
    { route: 'GET /api/v1/integrasi/konflik', permission: 'integrasi.rekonsiliasi', allowed: stewards, success: 200, write: false, send: (c) => c.get('/api/v1/integrasi/konflik') },
    {
      route: 'POST /api/v1/integrasi/konflik/:id/keputusan', permission: 'integrasi.rekonsiliasi', allowed: stewards, success: 200, write: true,
      send: (c, role) => c.post(`/api/v1/integrasi/konflik/${impor.konflik.get(role) ?? impor.konflik.get('admin')}/keputusan`, { keputusan: 'pertahankan', alasan: 'Uji matriks akses' }),
    },
    { route: 'GET /api/v1/integrasi/kualitas/dataset/:dataset', permission: 'integrasi.impor', allowed: stewards, success: 200, write: false, send: (c) => c.get('/api/v1/integrasi/kualitas/dataset/penduduk') },
    { route: 'GET /api/v1/integrasi/kualitas/aplikasi/:ref', permission: 'integrasi.impor', allowed: stewards, success: 200, write: false, send: (c) => c.get(`/api/v1/integrasi/kualitas/aplikasi/${integrasiApp.kode}`) },
  ];
}
// --- end of integration hub: imports and reconciliation ---

// --- integration hub: app catalogue (src/integration/katalog) ---
interface KatalogFixture {
  /** One app per managing role (in the operator's OPD) whose status that role changes. */
  status: Map<Role, string>;
}
let katalog: KatalogFixture;

async function katalogFixture(t: TestServer): Promise<KatalogFixture> {
  const everything = new Access([{ role: 'admin', scopeType: 'city', scopeCode: null }]);
  const status = new Map<Role, string>();
  for (const role of ['admin', 'opd_operator'] as Role[]) {
    const kode = `matriks-status-${role.replace('_', '-')}`;
    await createAplikasi(t.kernel, systemActor('matriks'), everything, { kode, nama: `Status ${role}`, opdKode: '1.01.0.00.0.00.01.0000', jenis: 'lainnya' });
    status.set(role, kode);
  }
  return { status };
}

function katalogCases(): RouteCase[] {
  const managers: Role[] = ['admin', 'opd_operator'];
  const readers: Role[] = ['admin', 'pimpinan', 'auditor', 'opd_operator', 'walidata'];
  const app = () => `/api/v1/integrasi/aplikasi/${integrasiApp.kode}`;
  return [
    { route: 'GET /api/v1/integrasi/aplikasi', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get('/api/v1/integrasi/aplikasi?limit=5') },
    { route: 'GET /api/v1/integrasi/aplikasi/:ref', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(app()) },
    { route: 'GET /api/v1/integrasi/aplikasi/:ref/riwayat', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get(`${app()}/riwayat`) },
    { route: 'GET /api/v1/integrasi/peta', permission: 'integrasi.read', allowed: readers, success: 200, write: false, send: (c) => c.get('/api/v1/integrasi/peta') },
    {
      route: 'POST /api/v1/integrasi/aplikasi', permission: 'integrasi.manage', allowed: managers, success: 201, write: true,
      send: (c, role) => c.post('/api/v1/integrasi/aplikasi', { kode: `matriks-baru-${role.replace('_', '-')}`, nama: `Dibuat oleh ${role}`, jenis: 'lainnya', opdKode: '1.01.0.00.0.00.01.0000' }),
    },
    {
      route: 'PATCH /api/v1/integrasi/aplikasi/:ref', permission: 'integrasi.manage', allowed: managers, success: 200, write: true,
      send: (c, role) => c.patch(app(), { deskripsi: `Diubah oleh ${role}` }, { headers: { 'if-match': '*' } }),
    },
    {
      route: 'POST /api/v1/integrasi/aplikasi/:ref/status', permission: 'integrasi.manage', allowed: managers, success: 200, write: true,
      send: (c, role) => c.post(`/api/v1/integrasi/aplikasi/${katalog.status.get(role) ?? 'matriks-status-admin'}/status`, { status: 'nonaktif', alasan: 'Uji matriks' }, { headers: { 'if-match': '*' } }),
    },
    {
      route: 'POST /api/v1/integrasi/inventaris', permission: 'integrasi.manage', allowed: managers, success: 200, write: false,
      send: (c) => c.request('POST', '/api/v1/integrasi/inventaris', { raw: 'kode,nama,jenis,opd_kode\nmatriks-inventaris,Inventaris,lainnya,1.01.0.00.0.00.01.0000\n', headers: { 'content-type': 'text/csv' } }),
    },
  ];
}
// --- end of integration hub: app catalogue ---
