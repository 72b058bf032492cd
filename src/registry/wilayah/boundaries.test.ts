import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type ApiClient, type ApiResponse, type TestServer } from '../../../test/helpers/server.js';
import { wilayahDb } from './tables.js';

type Pos = [number, number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const URL_ = '/api/v1/wilayah/boundaries';

const square = (x: number, y: number, size: number): Pos[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const polygon = (ring: Pos[]) => ({ type: 'Polygon', coordinates: [ring] });
const feature = (properties: Record<string, unknown> | null, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const bowTie = polygon([[100.4, -0.9], [100.41, -0.89], [100.41, -0.9], [100.4, -0.89], [100.4, -0.9]]);
/** A closed ring of n points around (x, y) that never crosses itself. */
function wobbly(x: number, y: number, n: number): Pos[] {
  const ring: Pos[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.004 * (1 + 0.2 * Math.sin(11 * a));
    ring.push([x + r * Math.cos(a), y + r * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

type Report = { index: number; kode: string | null; problems: { field: string; rule: string; message: string }[] };
const reportRules = (res: ApiResponse) => (res.body.features as Report[]).map((f) => ({ index: f.index, kode: f.kode, rules: f.problems.map((p) => `${p.field}:${p.rule}`) }));

describe('wilayah boundaries upload', () => {
  let t: TestServer;
  let adminId: string;
  let warga: ApiClient;
  let pimpinan: ApiClient;

  const db = () => wilayahDb(t.kernel.db);
  const count = async (table: 'core.audit_log' | 'core.outbox' | 'wilayah.boundary') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const footprint = async () => ({
    boundaries: await db().selectFrom('wilayah.boundary').select(['kode', 'geometry_sha256']).orderBy('kode').execute(),
    audit: await count('core.audit_log'),
    outbox: await count('core.outbox'),
  });
  const signIn = async (username: string, role: string): Promise<ApiClient> => {
    const created = await t.admin.post('/api/v1/users', { username, displayName: username, password: `kata-sandi-${username}`, roles: [{ role }] });
    assert.equal(created.status, 201);
    const client = t.client();
    assert.equal((await client.login(username, `kata-sandi-${username}`)).status, 200);
    return client;
  };

  before(async () => {
    t = await startTestServer();
    adminId = (await t.admin.get('/api/v1/auth/me')).body.user.id;
    warga = await signIn('warga-batas', 'warga');
    pimpinan = await signIn('pimpinan-batas', 'pimpinan');
  });
  after(() => t.close());

  it('GET boundary before any upload → 404 wilayah.boundary_not_found; unknown region → wilayah.not_found', async () => {
    const none = await warga.get('/api/v1/wilayah/13.71.01.1001/boundary');
    assert.equal(none.status, 404);
    assert.equal(none.body.code, 'wilayah.boundary_not_found');
    assert.equal((await warga.get('/api/v1/wilayah/13.71.01.1999/boundary')).body.code, 'wilayah.not_found');
  });

  it('two kelurahan: stored in one go, retrievable as GeoJSON, one audit entry and one outbox event', async () => {
    const before = await footprint();
    const belakangPondok = polygon(square(100.36, -0.97, 0.01));
    const alangLaweh = { type: 'MultiPolygon', coordinates: [[square(100.37, -0.97, 0.01)], [square(100.39, -0.97, 0.005)]] };
    const res = await t.admin.post(URL_, {
      type: 'FeatureCollection',
      name: 'batas_kelurahan_padang',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
      features: [feature({ kode: '13.71.01.1001', nama: 'Belakang Pondok' }, belakangPondok), feature({ KODE_WILAYAH: '1371011002' }, alangLaweh)],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.body.importId, UUID);
    assert.deepEqual({ ...res.body, importId: undefined }, { importId: undefined, received: 2, created: ['13.71.01.1001', '13.71.01.1002'], replaced: [], unchanged: [] });

    const got = await warga.get('/api/v1/wilayah/1371011001/boundary');
    assert.equal(got.status, 200);
    assert.match(got.headers.get('content-type') ?? '', /^application\/geo\+json/);
    assert.deepEqual(got.body, {
      type: 'Feature',
      id: '13.71.01.1001',
      bbox: [100.36, -0.97, 100.36 + 0.01, -0.97 + 0.01],
      properties: { kode: '13.71.01.1001', nama: 'Belakang Pondok', level: 'kelurahan', importId: res.body.importId, importedAt: got.body.properties.importedAt },
      geometry: belakangPondok,
    });
    assert.deepEqual((await warga.get('/api/v1/wilayah/13.71.01.1002/boundary')).body.geometry, alangLaweh);
    assert.equal((await warga.get('/api/v1/wilayah/13.71.01.1001')).body.hasBoundary, true);
    assert.equal((await warga.get('/api/v1/wilayah/13.71.01.1003')).body.hasBoundary, false);

    const after = await footprint();
    assert.equal(after.boundaries.length, before.boundaries.length + 2);
    assert.equal(after.audit, before.audit + 1);
    assert.equal(after.outbox, before.outbox + 1);
    const audit = await db().selectFrom('core.audit_log').selectAll().where('action', '=', 'wilayah.boundaries_imported').execute();
    assert.equal(audit.length, 1);
    const entry = audit[0]!;
    assert.equal(entry.entity_type, 'wilayah_boundary_import');
    assert.equal(entry.entity_id, res.body.importId);
    assert.equal(entry.actor_id, adminId);
    assert.equal(entry.request_id, res.headers.get('x-request-id'));
    assert.equal(entry.before, null);
    const logged = (entry.after as { boundaries: { kode: string; sha256: string; bbox: number[] }[] }).boundaries;
    assert.deepEqual(logged.map((b) => b.kode), ['13.71.01.1001', '13.71.01.1002']);
    assert.deepEqual(logged.map((b) => b.sha256), after.boundaries.filter((b) => b.kode <= '13.71.01.1002').map((b) => b.geometry_sha256));
    const events = await db().selectFrom('core.outbox').selectAll().where('type', '=', 'wilayah.boundaries_imported').execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.entity_id, res.body.importId);
    assert.equal(events[0]!.actor_id, adminId);
    assert.deepEqual(events[0]!.payload, {
      importId: res.body.importId,
      kodes: ['13.71.01.1001', '13.71.01.1002'],
      created: ['13.71.01.1001', '13.71.01.1002'],
      replaced: [],
    });
  });

  it('good, self-intersecting, unknown-kode and kode-less features together → 422 naming exactly the bad ones; nothing stored', async () => {
    const before = await footprint();
    const res = await t.admin.post(
      URL_,
      collection(
        feature({ kode: '13.71.02.1001' }, polygon(square(100.38, -0.95, 0.01))),
        feature({ kode: '13.71.02.1002' }, bowTie),
        feature({ kode: '13.71.01.1999' }, polygon(square(100.4, -0.95, 0.01))),
        feature({ nama: 'Tanpa Kode' }, polygon(square(100.42, -0.95, 0.01))),
      ),
    );
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(res.body.code, 'wilayah.boundaries_invalid');
    assert.ok(res.body.detail.startsWith('3 fitur'), res.body.detail);
    assert.deepEqual(reportRules(res), [
      { index: 1, kode: '13.71.02.1002', rules: ['geometry:geometry.self_intersection'] },
      { index: 2, kode: '13.71.01.1999', rules: ['properties/kode:wilayah.kode_unknown'] },
      { index: 3, kode: null, rules: ['properties/kode:wilayah.kode_missing'] },
    ]);
    const [crossing, unknown, missing] = res.body.features as Report[];
    assert.match(crossing!.problems[0]!.message, /berpotongan.*\[100\.405, -0\.895\]/);
    assert.match(unknown!.problems[0]!.message, /13\.71\.01\.1999 tidak terdaftar/);
    assert.ok(missing!.problems[0]!.message.length > 0);
    // The same findings as flat problem+json errors, for generic clients.
    assert.deepEqual(
      res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`),
      ['features/1/geometry:geometry.self_intersection', 'features/2/properties/kode:wilayah.kode_unknown', 'features/3/properties/kode:wilayah.kode_missing'],
    );
    assert.deepEqual(await footprint(), before);
    assert.equal((await warga.get('/api/v1/wilayah/13.71.02.1001/boundary')).status, 404);
  });

  it('every per-feature rule, several per feature, in English on request', async () => {
    const before = await footprint();
    const res = await t.admin.post(
      URL_,
      collection(
        42,
        { type: 'Fitur', properties: { code: 1371031001 }, geometry: polygon(square(100.35, -0.95, 0.01)) },
        feature({ kode: '13.7' }, { type: 'Point', coordinates: [100.35, -0.95] }),
        feature({ kode: '13.71.03.1001' }, polygon(square(100.36, -0.95, 0.01))),
        feature({ kode: '13.71.03.1002' }, polygon([[100.35, -0.95], [100.36, -0.95], [100.36, -0.94], [100.35, -0.94]])),
        feature({ kode: '13.71.03.1003' }, { type: 'Polygon', coordinates: [[[650000, 9890000], [651000, 9890000], [651000, 9891000], [650000, 9890000]]] }),
        feature({ kode: '13.71.03.1004' }, null),
        feature({ kode: '11.01.01.2001' }, polygon([[100.35, -0.95], [100.36, -0.95], [100.35, -0.95]])),
      ),
      { headers: { 'accept-language': 'en' } },
    );
    assert.equal(res.status, 422);
    assert.deepEqual(reportRules(res), [
      { index: 0, kode: null, rules: [':geojson.feature'] },
      { index: 1, kode: '13.71.03.1001', rules: ['type:geojson.feature'] },
      { index: 2, kode: '13.7', rules: ['properties/kode:kode_wilayah.format', 'geometry:geometry.type'] },
      { index: 3, kode: '13.71.03.1001', rules: ['properties/kode:wilayah.kode_duplicate'] },
      { index: 4, kode: '13.71.03.1002', rules: ['geometry:geometry.ring_not_closed'] },
      { index: 5, kode: '13.71.03.1003', rules: ['geometry:geometry.out_of_range'] },
      { index: 6, kode: '13.71.03.1004', rules: ['geometry:required'] },
      { index: 7, kode: '11.01.01.2001', rules: ['properties/kode:wilayah.kode_unknown', 'geometry:geometry.ring_too_short'] },
    ]);
    const messages = (res.body.features as Report[]).flatMap((f) => f.problems.map((p) => p.message));
    assert.ok(messages.includes('The geometry must be a Polygon or MultiPolygon, not Point.'), messages.join('\n'));
    assert.ok(messages.includes('The region code 13.71.03.1001 is already used by feature number 1 in this file.'), messages.join('\n'));
    assert.equal(res.body.title, 'Boundaries rejected');
    assert.deepEqual(await footprint(), before);
  });

  it('the same boundaries again: nothing changes and nothing is recorded; a new shape replaces the old one', async () => {
    const before = await footprint();
    const same = await t.admin.post(URL_, collection(feature({ kode: '13.71.01.1001' }, polygon(square(100.36, -0.97, 0.01)))));
    assert.equal(same.status, 200);
    assert.deepEqual(same.body, { importId: null, received: 1, created: [], replaced: [], unchanged: ['13.71.01.1001'] });
    assert.deepEqual(await footprint(), before);

    const previousSha = before.boundaries.find((b) => b.kode === '13.71.01.1001')!.geometry_sha256;
    const moved = polygon(square(100.361, -0.971, 0.012));
    const res = await t.admin.post(URL_, collection(feature({ kode: '13.71.01.1001' }, moved), feature({ kode: '13.71.01.1003' }, polygon(square(100.3, -0.9, 0.01)))));
    assert.equal(res.status, 200);
    assert.deepEqual({ ...res.body, importId: undefined }, { importId: undefined, received: 2, created: ['13.71.01.1003'], replaced: ['13.71.01.1001'], unchanged: [] });
    assert.deepEqual((await warga.get('/api/v1/wilayah/13.71.01.1001/boundary')).body.geometry, moved);
    const entry = await db().selectFrom('core.audit_log').selectAll().where('entity_id', '=', res.body.importId).executeTakeFirstOrThrow();
    assert.deepEqual(entry.before, { boundaries: [{ kode: '13.71.01.1001', sha256: previousSha }] });
    const event = await db().selectFrom('core.outbox').selectAll().where('entity_id', '=', res.body.importId).executeTakeFirstOrThrow();
    assert.deepEqual((event.payload as { kodes: string[] }).kodes, ['13.71.01.1001', '13.71.01.1003']);
  });

  it('only wilayah.manage may upload: 403 for other roles, 401 anonymous, and nothing changes', async () => {
    const before = await footprint();
    const body = collection(feature({ kode: '13.71.04.1001' }, polygon(square(100.35, -0.9, 0.01))));
    for (const client of [warga, pimpinan]) {
      const res = await client.post(URL_, body);
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'auth.forbidden');
      assert.ok(res.body.detail.includes('"wilayah.manage"'));
    }
    const anonymous = await t.client().post(URL_, body);
    assert.equal(anonymous.status, 401);
    const noCsrf = await t.admin.post(URL_, body, { noCsrf: true });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.body.code, 'auth.csrf_failed');
    assert.deepEqual(await footprint(), before);
  });

  it('a malformed FeatureCollection → 400 request.invalid naming the field; nothing changes', async () => {
    const before = await footprint();
    const cases: [unknown, string, string][] = [
      [[feature({ kode: '13.71.01.1001' }, bowTie)], '', 'type'],
      ['FeatureCollection', '', 'type'],
      [{ type: 'Feature', properties: { kode: '13.71.01.1001' }, geometry: bowTie }, 'type', 'const'],
      [{ type: 'FeatureCollection' }, 'features', 'required'],
      [{ type: 'FeatureCollection', features: {} }, 'features', 'type'],
      [{ type: 'FeatureCollection', features: [] }, 'features', 'minItems'],
    ];
    for (const [body, field, rule] of cases) {
      const res = await t.admin.post(URL_, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.code, 'request.invalid');
      assert.ok(
        res.body.errors.some((e: { field: string; rule: string }) => e.field === field && e.rule === rule),
        `${JSON.stringify(body)}: ${JSON.stringify(res.body.errors)}`,
      );
    }
    const broken = await t.admin.request('POST', URL_, { raw: '{"type": "FeatureCollection", "features": [', headers: { 'content-type': 'application/json' } });
    assert.equal(broken.status, 400);
    assert.equal(broken.body.code, 'request.malformed_json');
    assert.deepEqual(await footprint(), before);
  });

  it('the whole city at once: 104 detailed kelurahan boundaries, beyond the global 1 MB body limit; over 20 MB → 413', async () => {
    const tree = (await warga.get('/api/v1/wilayah/pemda')).body as { kecamatan: { kelurahan: { kode: string }[] }[] };
    const kodes = tree.kecamatan.flatMap((k) => k.kelurahan.map((l) => l.kode));
    assert.equal(kodes.length, 104);
    const features = kodes.map((kode, i) => feature({ kode }, polygon(wobbly(100.3 + (i % 13) * 0.01, -1 + Math.floor(i / 13) * 0.01, 1_000))));
    const body = collection(...features);
    assert.ok(JSON.stringify(body).length > 2 * 1024 * 1024);
    const res = await t.admin.post(URL_, body);
    assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
    assert.equal(res.body.received, 104);
    assert.equal(res.body.created.length + res.body.replaced.length, 104);
    const after = (await warga.get('/api/v1/wilayah/pemda')).body as { kecamatan: { kelurahan: { hasBoundary: boolean }[] }[] };
    assert.ok(after.kecamatan.every((k) => k.kelurahan.every((l) => l.hasBoundary)));

    const tooLarge = await t.admin.request('POST', URL_, { raw: `{"type":"FeatureCollection","features":[${'0,'.repeat(11 * 1024 * 1024)}0]}`, headers: { 'content-type': 'application/json' } });
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.code, 'request.too_large');
    assert.ok(tooLarge.body.detail.includes(String(20 * 1024 * 1024)), tooLarge.body.detail);
  });
});
