import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/helpers/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type Item = { id: string; kode: string; nama: string; level: string; parentKode: string | null; hasBoundary: boolean; source: string; loadedAt: string };

describe('wilayah API (read)', () => {
  let t: TestServer;
  let warga: ApiClient;

  const list = async (query: string, client: ApiClient = warga) => {
    const res = await client.get(`/api/v1/wilayah${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { items: Item[]; nextCursor: string | null };
  };
  const pageThrough = async (query: string) => {
    const kodes: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      kodes.push(...page.items.map((i) => i.kode));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    return { kodes, pages };
  };

  before(async () => {
    t = await startTestServer();
    const created = await t.admin.post('/api/v1/users', { username: 'warga-wilayah', displayName: 'Warga', password: 'kata-sandi-warga-1', roles: [{ role: 'warga' }] });
    assert.equal(created.status, 201);
    warga = t.client();
    assert.equal((await warga.login('warga-wilayah', 'kata-sandi-warga-1')).status, 200);
  });
  after(() => t.close());

  it('anonymous → 401 on every read route', async () => {
    for (const path of ['/api/v1/wilayah', '/api/v1/wilayah/pemda', '/api/v1/wilayah/13.71', '/api/v1/wilayah/13.71/children', '/api/v1/wilayah/13.71/boundary']) {
      const res = await t.client().get(path);
      assert.equal(res.status, 401, path);
      assert.equal(res.body.code, 'auth.required', path);
    }
  });

  it('one region by dotted kode, undotted kode and id, for anyone signed in', async () => {
    const dotted = await warga.get('/api/v1/wilayah/13.71.01.1001');
    assert.equal(dotted.status, 200);
    const item = dotted.body as Item;
    assert.match(item.id, UUID);
    assert.deepEqual(
      { ...item, id: undefined, loadedAt: undefined, source: undefined },
      { id: undefined, loadedAt: undefined, source: undefined, kode: '13.71.01.1001', nama: 'Belakang Pondok', level: 'kelurahan', parentKode: '13.71.01', hasBoundary: false },
    );
    assert.match(item.source, /^idn-area-data@/);
    assert.ok(!Number.isNaN(Date.parse(item.loadedAt)));
    assert.deepEqual((await warga.get('/api/v1/wilayah/1371011001')).body, item);
    assert.deepEqual((await warga.get(`/api/v1/wilayah/${item.id}`)).body, item);
    assert.deepEqual((await warga.get(`/api/v1/wilayah/${item.id.toUpperCase()}`)).body, item);
    assert.equal((await warga.get('/api/v1/wilayah/%2013.71.01.1001%20')).body.kode, '13.71.01.1001');
    const kota = await warga.get('/api/v1/wilayah/1371');
    assert.deepEqual([kota.body.kode, kota.body.nama, kota.body.level, kota.body.parentKode], ['13.71', 'KOTA PADANG', 'kabkota', '13']);
  });

  it('an unknown kode or id → 404 wilayah.not_found in problem+json', async () => {
    for (const kode of ['13.71.12', '13.71.01.1999', '1371011999', '11.01.01.2001', '0190c6f4-7c4e-7000-8000-000000000000']) {
      const res = await warga.get(`/api/v1/wilayah/${kode}`);
      assert.equal(res.status, 404, kode);
      assert.equal(res.body.code, 'wilayah.not_found', kode);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.ok(res.body.detail.includes(kode), res.body.detail);
    }
    const en = await warga.get('/api/v1/wilayah/13.71.12', { headers: { 'accept-language': 'en' } });
    assert.equal(en.body.detail, 'There is no region with code or id 13.71.12.');
  });

  it('a malformed kode → 400 naming the kode_wilayah rule', async () => {
    const cases: [string, string[]][] = [
      ['abc', ['kode_wilayah.format']],
      ['13.7', ['kode_wilayah.format']],
      ['13710', ['kode_wilayah.format']],
      ['13.71.01.1001.1', ['kode_wilayah.format']],
      ['13.00', ['kode_wilayah.kabkota_range']],
      ['13.71.00', ['kode_wilayah.kecamatan_zero']],
      ['13.71.01.4001', ['kode_wilayah.village_type']],
      ['137101%201001', ['kode_wilayah.format']],
    ];
    for (const [kode, rules] of cases) {
      for (const path of [`/api/v1/wilayah/${kode}`, `/api/v1/wilayah/${kode}/children`, `/api/v1/wilayah/${kode}/boundary`]) {
        const res = await warga.get(path);
        assert.equal(res.status, 400, path);
        assert.equal(res.body.code, 'request.invalid', path);
        assert.deepEqual(
          res.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule]),
          rules.map((rule) => ['kode', rule]),
          path,
        );
        assert.ok(res.body.errors[0].message.length > 0);
      }
    }
  });

  it('children of the province, of the kota and of a kecamatan, in kode order', async () => {
    const kota = await warga.get('/api/v1/wilayah/13.71/children');
    assert.equal(kota.status, 200);
    assert.deepEqual(
      kota.body.items.map((i: Item) => i.kode),
      ['13.71.01', '13.71.02', '13.71.03', '13.71.04', '13.71.05', '13.71.06', '13.71.07', '13.71.08', '13.71.09', '13.71.10', '13.71.11'],
    );
    assert.ok(kota.body.items.every((i: Item) => i.level === 'kecamatan' && i.parentKode === '13.71'));
    const province = await warga.get('/api/v1/wilayah/13/children');
    assert.equal(province.body.items.length, 19);
    assert.ok(province.body.items.some((i: Item) => i.kode === '13.71'));
    const kecamatan = await warga.get('/api/v1/wilayah/137101/children');
    assert.ok(kecamatan.body.items.length > 5 && kecamatan.body.items.every((i: Item) => i.level === 'kelurahan' && i.parentKode === '13.71.01'));
    // A kecamatan of another pemda: its villages are not loaded.
    assert.deepEqual((await warga.get('/api/v1/wilayah/11.01.01/children')).body, { items: [] });
    assert.equal((await warga.get('/api/v1/wilayah/13.71.12/children')).status, 404);
  });

  it('list filters: level, parent, within, q by name or kode', async () => {
    const provinces = await list('?level=provinsi&limit=1000');
    assert.equal(provinces.items.length, 38);
    assert.equal(provinces.nextCursor, null);
    const kecamatan = await list('?parent=13.71');
    assert.equal(kecamatan.items.length, 11);
    assert.deepEqual(await list('?parent=1371'), kecamatan);
    const kelurahan = await list('?within=13.71&level=kelurahan&limit=200');
    assert.equal(kelurahan.items.length, 104);
    const everything = await list('?within=13.71&limit=200');
    assert.equal(everything.items.length, 115);
    assert.ok(everything.items.every((i) => i.kode.startsWith('13.71.')));

    const byName = await list('?q=padang&level=kecamatan&limit=1000');
    assert.ok(byName.items.some((i) => i.kode === '13.71.01'));
    assert.ok(byName.items.every((i) => /padang/i.test(i.nama) && i.level === 'kecamatan'));
    const byKode = await list('?q=13.71.01&limit=100');
    assert.deepEqual(byKode.items.map((i) => i.kode), ['13.71.01', ...kelurahan.items.filter((k) => k.parentKode === '13.71.01').map((k) => k.kode)]);
    assert.deepEqual((await list('?q=100%25')).items, []);
    assert.deepEqual((await list('?q=tidak-ada-wilayah-ini')).items, []);
    assert.deepEqual(await list('?parent=13.71.12'), { items: [], nextCursor: null });
  });

  it('keyset pages by kode: no gaps, no repeats, in kode order, across levels', async () => {
    const all = await list('?within=13.71&limit=1000');
    const paged = await pageThrough('?within=13.71&limit=7');
    assert.equal(paged.pages, Math.ceil(115 / 7));
    assert.deepEqual(paged.kodes, all.items.map((i) => i.kode));
    assert.deepEqual([...paged.kodes].sort(), paged.kodes);
    // Hierarchical order: a kecamatan comes right before its kelurahan.
    assert.deepEqual(paged.kodes.slice(0, 2), ['13.71.01', '13.71.01.1001']);

    const national = await pageThrough('?level=kecamatan&limit=1000');
    assert.equal(national.kodes.length, 7277);
    assert.equal(new Set(national.kodes).size, 7277);
    assert.equal(national.pages, 8);
  });

  it('bad list parameters → 400 naming the field', async () => {
    const cases: [string, string, string][] = [
      ['?level=kota', 'level', 'enum'],
      ['?limit=0', 'limit', 'minimum'],
      ['?limit=1001', 'limit', 'maximum'],
      ['?parent=13.7', 'parent', 'kode_wilayah.format'],
      ['?within=abc', 'within', 'kode_wilayah.format'],
      ['?sort=nama', 'sort', 'additionalProperties'],
    ];
    for (const [query, field, rule] of cases) {
      const res = await warga.get(`/api/v1/wilayah${query}`);
      assert.equal(res.status, 400, query);
      assert.deepEqual(res.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule]), [[field, rule]], query);
    }
    const cursor = await warga.get('/api/v1/wilayah?cursor=bukan-kursor');
    assert.equal(cursor.status, 400);
    assert.equal(cursor.body.code, 'request.invalid_cursor');
  });

  it('the pemda tree: Kota Padang under Sumatera Barat, 11 kecamatan with 104 kelurahan', async () => {
    const res = await warga.get('/api/v1/wilayah/pemda');
    assert.equal(res.status, 200);
    assert.equal(res.body.pemda.kode, '13.71');
    assert.equal(res.body.provinsi.kode, '13');
    assert.equal(res.body.kecamatan.length, 11);
    const kelurahan = res.body.kecamatan.flatMap((k: { kode: string; kelurahan: Item[] }) => k.kelurahan.map((l) => [k.kode, l.kode]));
    assert.equal(kelurahan.length, 104);
    for (const [kecamatan, kode] of kelurahan) assert.equal(kode.slice(0, 8), kecamatan);
  });

  it('the OpenAPI document describes every wilayah route with its schemas', async () => {
    const doc = (await t.client().get('/api/v1/openapi.json')).body;
    for (const path of ['/api/v1/wilayah', '/api/v1/wilayah/pemda', '/api/v1/wilayah/{kode}', '/api/v1/wilayah/{kode}/children', '/api/v1/wilayah/{kode}/boundary']) {
      assert.ok(doc.paths[path]?.get?.responses?.['200'], path);
    }
    const post = doc.paths['/api/v1/wilayah/boundaries'].post;
    assert.ok(post.requestBody);
    assert.ok(post.responses['200'] && post.responses['422']);
  });
});
