import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { systemActor } from '../../core/audit/actor.js';
import { SeededRandom } from '../demo/random.js';
import { organisasiModule } from './index.js';

describe('organisasi demo data', () => {
  let t: TestServer;
  const seed = () => organisasiModule.seedDemo!(t.kernel, { scale: 'small', random: new SeededRandom(7), actor: systemActor('demo') });
  const counts = async () =>
    (
      await sql<{ opd: number; unit: number; jabatan: number; history: number }>`
        SELECT (SELECT count(*)::int FROM organisasi.opd) AS opd, (SELECT count(*)::int FROM organisasi.unit) AS unit,
               (SELECT count(*)::int FROM organisasi.jabatan) AS jabatan, (SELECT count(*)::int FROM organisasi.history) AS history`.execute(t.kernel.db)
    ).rows[0]!;

  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('seeds agencies, kecamatan and kelurahan offices with unit trees, jabatan and a history row each; once', async () => {
    await seed();
    const first = await counts();
    assert.ok(first.opd >= 35 + 11, JSON.stringify(first));
    assert.ok(first.unit > first.opd && first.jabatan > first.unit, JSON.stringify(first));
    assert.equal(first.history, first.opd + first.unit + first.jabatan);
    await seed();
    assert.deepEqual(await counts(), first);

    const audit = await t.kernel.db.selectFrom('core.audit_log').selectAll().where('action', '=', 'organisasi.demo_seeded').execute();
    assert.equal(audit.length, 1);

    // Read back through the API: a kecamatan office of Padang with its tree and jabatan.
    const kecamatan = (await t.admin.get('/api/v1/opd?jenis=kecamatan&total=true')).body;
    assert.equal(kecamatan.total, 11);
    const office = kecamatan.items.find((o: any) => o.kodeWilayah === '13.71.01');
    assert.equal(office.nama, 'Kecamatan Padang Selatan');
    const chart = (await t.admin.get(`/api/v1/opd/${office.kode}/struktur?tanggal=2024-01-01`)).body;
    assert.deepEqual(chart.units.map((u: any) => `${'  '.repeat(u.depth)}${u.nama}`).slice(0, 3), [
      'Sekretariat Kecamatan',
      '  Sub Bagian Perencanaan dan Keuangan',
      '  Sub Bagian Umum dan Kepegawaian',
    ]);
    assert.deepEqual(chart.units[0].jabatan[0], { ...chart.units[0].jabatan[0], nama: 'Sekretaris Kecamatan', jenis: 'struktural', eselon: 'III.b' });
    assert.equal((await t.admin.get(`/api/v1/opd/${office.kode}/struktur?tanggal=2021-12-31`)).body.units.length, 0);
    assert.equal((await t.admin.get('/api/v1/opd?jenis=kelurahan&total=true')).body.total, 104);
    const kominfo = (await t.admin.get('/api/v1/opd/2.16.0.00.0.00.01.0000/struktur?tanggal=2024-01-01')).body;
    assert.ok(kominfo.units.some((u: any) => u.nama === 'Bidang Aplikasi Informatika'));
    const history = (await t.admin.get(`/api/v1/opd/${office.id}/history`)).body.items;
    assert.deepEqual(history.map((h: any) => [h.version, h.action, h.actorName]), [[1, 'created', 'demo']]);
  });
});
