import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { systemActor } from '../../core/audit/actor.js';
import { SeededRandom } from '../demo/random.js';
import { validateNik, validateNoKk } from '../identity/index.js';
import { isKnownKecamatan } from '../wilayah/index.js';
import { seedPenduduk } from './seed.js';

describe('penduduk demo seed', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('small: ~2,000 residents in families across every kelurahan, each NIK and No. KK valid and matching birth date and sex; runs once', async () => {
    await seedPenduduk(t.kernel, { scale: 'small', random: new SeededRandom(42), actor: systemActor('demo') });
    const rows = (await sql<{ nik: string; no_kk: string; jenis_kelamin: 'L' | 'P'; tanggal_lahir: string; kode_kelurahan: string; shdk: number }>`
      SELECT p.nik, p.no_kk, p.jenis_kelamin, to_char(p.tanggal_lahir, 'YYYY-MM-DD') AS tanggal_lahir, k.kode_kelurahan, p.shdk
      FROM penduduk.penduduk p JOIN penduduk.keluarga k USING (no_kk)`.execute(t.kernel.db)).rows;
    assert.ok(rows.length >= 2_000 && rows.length < 2_400, `${rows.length} residents`);
    for (const row of rows) {
      const result = validateNik(row.nik, { isKnownKecamatan, birthDate: row.tanggal_lahir, sex: row.jenis_kelamin, today: '2024-12-31' });
      assert.ok(result.ok, `${row.nik.slice(0, 6)}…: ${JSON.stringify(result)}`);
      assert.ok(validateNoKk(row.no_kk, { isKnownKecamatan }).ok);
      assert.equal(row.nik.slice(0, 6), row.kode_kelurahan.slice(0, 8).replaceAll('.', ''));
    }
    const kelurahan = new Set(rows.map((r) => r.kode_kelurahan));
    assert.ok(kelurahan.size >= 100, `${kelurahan.size} kelurahan`);
    const families = new Set(rows.map((r) => r.no_kk));
    assert.equal(rows.filter((r) => r.shdk === 1).length, families.size, 'one head per family');
    // Bulk-loaded: every record points to a muatan (batch) row, and no history row is written at load.
    const loads = (await sql<{ source: string; actor_name: string; penduduk: number }>`SELECT source, actor_name, penduduk FROM penduduk.muatan`.execute(t.kernel.db)).rows;
    assert.deepEqual([...new Set(loads.map((l) => `${l.source}/${l.actor_name}`))], ['demo/demo']);
    assert.equal(loads.reduce((sum, l) => sum + l.penduduk, 0), rows.length);
    const unlinked = await sql<{ n: string }>`SELECT count(*) AS n FROM penduduk.penduduk WHERE muatan_id IS NULL`.execute(t.kernel.db);
    assert.equal(Number(unlinked.rows[0]!.n), 0);
    const history = await sql<{ n: string }>`SELECT count(*) AS n FROM penduduk.history WHERE entity_type = 'penduduk'`.execute(t.kernel.db);
    assert.equal(Number(history.rows[0]!.n), 0);

    // The API then serves them, masked.
    const list = await t.admin.get('/api/v1/penduduk?limit=5&total=true');
    assert.equal(list.body.total, rows.filter(() => true).length);
    for (const row of rows.slice(0, 50)) assert.ok(!list.text.includes(row.nik));

    // History still shows version 1 of a loaded record: the record itself, by the loader, at load time …
    const one = (await t.admin.get('/api/v1/penduduk?limit=1')).body.items[0];
    const loaded = await t.admin.get(`/api/v1/penduduk/${one.id}/riwayat`);
    assert.equal(loaded.status, 200);
    assert.deepEqual(loaded.body.items.map((h: { version: number; action: string; actorName: string }) => [h.version, h.action, h.actorName]), [[1, 'created', 'demo']]);
    assert.equal(loaded.body.items[0].snapshot.nama, one.nama);
    assert.ok(!loaded.text.includes(rows.find((r) => r.nik.endsWith(one.nik.slice(-4)) && r.nik.startsWith(one.nik.slice(0, 6)))?.nik ?? '#'), 'masked');
    // … and the first change writes that version 1 before version 2, so the loaded values survive.
    const current = await t.admin.get(`/api/v1/penduduk/${one.id}`);
    const changed = await t.admin.patch(`/api/v1/penduduk/${one.id}`, { nama: 'Nama Baru Sekali' }, { headers: { 'if-match': current.headers.get('etag')! } });
    assert.equal(changed.status, 200);
    const after = await t.admin.get(`/api/v1/penduduk/${one.id}/riwayat`);
    assert.deepEqual(after.body.items.map((h: { version: number; actorName: string }) => [h.version, h.actorName]), [[2, 'admin'], [1, 'demo']]);
    assert.equal(after.body.items[1].snapshot.nama, one.nama);
    assert.equal(after.body.items[1].at, loaded.body.items[0].at);

    await seedPenduduk(t.kernel, { scale: 'small', random: new SeededRandom(42), actor: systemActor('demo') });
    const again = await sql<{ n: string }>`SELECT count(*) AS n FROM penduduk.penduduk`.execute(t.kernel.db);
    assert.equal(Number(again.rows[0]!.n), rows.length);
  });
});
