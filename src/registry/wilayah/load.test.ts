import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { getWilayah, isKnownKecamatan, listKelurahan } from './index.js';
import { loadWilayah } from './load.js';
import { WILAYAH_SOURCE } from './source.js';
import { wilayahDb } from './tables.js';

describe('wilayah load from idn-area-data', () => {
  let t: TestServer;
  const db = () => wilayahDb(t.kernel.db);
  const countByLevel = async () =>
    Object.fromEntries(
      (await db().selectFrom('wilayah.region').select(['level', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('level').execute()).map((r) => [r.level, Number(r.n)]),
    );
  const snapshot = async () => ({
    regions: await db().selectFrom('wilayah.region').selectAll().orderBy('kode').execute(),
    state: await db().selectFrom('wilayah.load_state').selectAll().execute(),
  });
  const count = async (table: 'core.audit_log' | 'core.outbox') =>
    Number((await t.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('the start hook loaded every province, kab/kota and kecamatan, and the kelurahan of Kota Padang only', async () => {
    assert.deepEqual(await countByLevel(), { provinsi: 38, kabkota: 514, kecamatan: 7277, kelurahan: 104 });
    const state = await db().selectFrom('wilayah.load_state').selectAll().executeTakeFirstOrThrow();
    assert.equal(state.source, WILAYAH_SOURCE);
    assert.match(WILAYAH_SOURCE, /^idn-area-data@\d+\.\d+\.\d+$/);
    assert.equal(state.pemda_code, '13.71');
    const sources = await db().selectFrom('wilayah.region').select('source').distinct().execute();
    assert.deepEqual(sources, [{ source: WILAYAH_SOURCE }]);
  });

  it('Kota Padang: 11 kecamatan 13.71.01–13.71.11 and 104 kelurahan, all 13.71.CC.1xxx under their kecamatan', async () => {
    const kecamatan = await db().selectFrom('wilayah.region').select(['kode', 'nama', 'parent_kode']).where('parent_kode', '=', '13.71').orderBy('kode').execute();
    assert.deepEqual(
      kecamatan.map((k) => k.kode),
      Array.from({ length: 11 }, (_, i) => `13.71.${String(i + 1).padStart(2, '0')}`),
    );
    assert.equal(kecamatan[0]!.nama, 'Padang Selatan');
    assert.equal(kecamatan[10]!.nama, 'Koto Tangah');

    const kelurahan = await listKelurahan(t.kernel.db);
    assert.equal(kelurahan.length, 104);
    for (const k of kelurahan) {
      assert.match(k.kode, /^13\.71\.(0[1-9]|1[01])\.1\d{3}$/, k.kode);
      assert.equal(k.level, 'kelurahan');
      assert.equal(k.parentKode, k.kode.slice(0, 8));
    }
    assert.deepEqual(new Set(kelurahan.map((k) => k.parentKode)), new Set(kecamatan.map((k) => k.kode)));
    const first = kelurahan[0]!;
    assert.deepEqual([first.kode, first.nama], ['13.71.01.1001', 'Belakang Pondok']);
    // No village of any other pemda is loaded.
    const others = await db().selectFrom('wilayah.region').select('kode').where('level', 'in', ['kelurahan', 'desa']).where('kode', 'not like', '13.71.%').execute();
    assert.deepEqual(others, []);
  });

  it('listKelurahan of one kecamatan, and of something that is not a kecamatan', async () => {
    const padangSelatan = await listKelurahan(t.kernel.db, '13.71.01');
    assert.ok(padangSelatan.length > 5);
    assert.ok(padangSelatan.every((k) => k.parentKode === '13.71.01'));
    assert.deepEqual((await listKelurahan(t.kernel.db, '137101')).map((k) => k.kode), padangSelatan.map((k) => k.kode));
    assert.deepEqual(await listKelurahan(t.kernel.db, '13.71'), []);
    assert.deepEqual(await listKelurahan(t.kernel.db, 'bukan kode'), []);
  });

  it('the province 13 and kab/kota 13.71 exist with their parents', async () => {
    const province = await getWilayah(t.kernel.db, '13');
    assert.equal(province?.nama, 'SUMATERA BARAT');
    assert.equal(province?.level, 'provinsi');
    assert.equal(province?.parentKode, null);
    const kota = await getWilayah(t.kernel.db, '1371');
    assert.equal(kota?.kode, '13.71');
    assert.equal(kota?.nama, 'KOTA PADANG');
    assert.equal(kota?.level, 'kabkota');
    assert.equal(kota?.parentKode, '13');
    assert.equal(await getWilayah(t.kernel.db, '13.99'), null);
    assert.equal(await getWilayah(t.kernel.db, 'x'), null);
  });

  it('national kecamatan are known, in memory too (for NIK checks); unknown or malformed codes are not', async () => {
    for (const kode of ['11.01.01', '31.71.01', '91.71.01', '13.71.11', '13.01.01']) {
      assert.ok(await getWilayah(t.kernel.db, kode), kode);
      assert.equal(isKnownKecamatan(kode), true, kode);
    }
    assert.equal(isKnownKecamatan('110101'), true);
    for (const code of ['13.71.99', '94.71.01', '13.71', '13.71.01.1001', '', 'abc', '00.00.00']) assert.equal(isKnownKecamatan(code), false, code);
    // Villages outside the pemda are not loaded, their kecamatan are.
    assert.equal(await getWilayah(t.kernel.db, '11.01.01.2001'), null);
  });

  it('running the loader again changes nothing, and without force it does not even read the package', async () => {
    const before = await snapshot();
    const audit = await count('core.audit_log');
    const outbox = await count('core.outbox');
    const skipped = await loadWilayah(t.kernel);
    assert.equal(skipped.ran, false);
    const forced = await loadWilayah(t.kernel, { force: true });
    assert.deepEqual(forced, { ran: true, source: WILAYAH_SOURCE, pemdaCode: '13.71', added: [], renamed: [], restamped: 0 });
    assert.deepEqual(await snapshot(), before);
    assert.equal(await count('core.audit_log'), audit);
    assert.equal(await count('core.outbox'), outbox);
  });

  it('an emptied registry is filled again even though the stored source is current', async () => {
    await sql`DELETE FROM wilayah.region`.execute(t.kernel.db);
    const result = await loadWilayah(t.kernel);
    assert.equal(result.ran, true);
    assert.equal(result.added.length, 38 + 514 + 7277 + 104);
    assert.deepEqual(await countByLevel(), { provinsi: 38, kabkota: 514, kecamatan: 7277, kelurahan: 104 });
  });

  it('filling the empty registry at start is not audited (it is installation), and the initial admin is still seq 1', async () => {
    const actions = await t.kernel.db.selectFrom('core.audit_log').select(['seq', 'action']).orderBy('seq').execute();
    assert.equal(actions[0]?.action, 'user.created');
    assert.ok(!actions.some((a) => a.action === 'wilayah.loaded'));
  });

  it('a new package version that renames a region restores the name, restamps the rows, and is audited with one event', async () => {
    await sql`UPDATE wilayah.region SET nama = 'Nama Lama', source = 'idn-area-data@0.0.1' WHERE kode = '13.71.01.1001'`.execute(t.kernel.db);
    await sql`UPDATE wilayah.region SET source = 'idn-area-data@0.0.1' WHERE kode = '13.71.01.1002'`.execute(t.kernel.db);
    await sql`UPDATE wilayah.load_state SET source = 'idn-area-data@0.0.1'`.execute(t.kernel.db);
    const result = await loadWilayah(t.kernel);
    assert.equal(result.ran, true);
    assert.deepEqual(result.added, []);
    assert.deepEqual(result.renamed, [{ kode: '13.71.01.1001', from: 'Nama Lama', to: 'Belakang Pondok' }]);
    assert.equal(result.restamped, 1);
    assert.equal((await getWilayah(t.kernel.db, '13.71.01.1001'))?.nama, 'Belakang Pondok');
    assert.equal((await getWilayah(t.kernel.db, '13.71.01.1002'))?.source, WILAYAH_SOURCE);

    const audit = await t.kernel.db.selectFrom('core.audit_log').selectAll().where('action', '=', 'wilayah.loaded').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_type, 'system');
    assert.deepEqual(audit[0]!.after, {
      source: WILAYAH_SOURCE,
      previousSource: 'idn-area-data@0.0.1',
      pemdaCode: '13.71',
      added: 0,
      renamed: [{ kode: '13.71.01.1001', from: 'Nama Lama', to: 'Belakang Pondok' }],
      restamped: 1,
    });
    const events = await t.kernel.db.selectFrom('core.outbox').selectAll().where('type', '=', 'wilayah.loaded').execute();
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]!.payload, { source: WILAYAH_SOURCE, previousSource: 'idn-area-data@0.0.1', pemdaCode: '13.71', added: [], renamed: ['13.71.01.1001'] });
    const verify = await t.admin.get('/api/v1/audit/verify');
    assert.equal(verify.body.ok, true);
  });

  it('another pemda adds its villages and keeps the ones loaded before', async () => {
    const other = { ...t.kernel, config: { ...t.kernel.config, pemdaCode: '13.72' } };
    const result = await loadWilayah(other);
    assert.equal(result.ran, true);
    assert.ok(result.added.length > 0);
    assert.ok(result.added.every((kode) => kode.startsWith('13.72.')));
    assert.equal((await listKelurahan(t.kernel.db)).filter((k) => k.kode.startsWith('13.71.')).length, 104);
    const state = await db().selectFrom('wilayah.load_state').selectAll().executeTakeFirstOrThrow();
    assert.equal(state.pemda_code, '13.72');
  });

  it('a pemda code that is not in the package stops the load with a clear message', async () => {
    const other = { ...t.kernel, config: { ...t.kernel.config, pemdaCode: '13.99' } };
    await assert.rejects(loadWilayah(other), /PADU_PEMDA_CODE 13\.99 is not a region in idn-area-data@/);
  });
});
