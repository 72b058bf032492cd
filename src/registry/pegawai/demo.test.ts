import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { systemActor } from '../../core/audit/actor.js';
import { SeededRandom } from '../demo/random.js';
import { validateNip } from '../identity/index.js';
import { pegawaiModule } from './index.js';

describe('pegawai demo seed', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
    for (const [kode, nama] of [['1.01.0.00.0.00.01.0000', 'Dinas Pendidikan'], ['5.03.0.00.0.00.01.0000', 'BKPSDM']] as const) {
      assert.equal((await t.admin.post('/api/v1/opd', { kode, nama, jenis: kode.startsWith('1') ? 'dinas' : 'badan' })).status, 201);
      for (const unit of ['Sekretariat', 'Bidang Satu', 'Bidang Dua']) {
        const res = await t.admin.post(`/api/v1/opd/${kode}/unit`, { nama: unit, jenis: unit === 'Sekretariat' ? 'sekretariat' : 'bidang', berlakuMulai: '1990-01-01' });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
    }
    await pegawaiModule.seedDemo!(t.kernel, { scale: 'small', random: new SeededRandom(42), actor: systemActor('demo') });
  });
  after(() => t.close());

  it('seeds about 300 employees with NIPs consistent with birth date and sex, one current position each', async () => {
    const rows = await sql<{ nip: string | null; jenis: string; tanggal_lahir: string; jenis_kelamin: 'L' | 'P'; opd_id: string; unit_id: string; r_opd: string; r_unit: string; open: number; versions: number }>`
      SELECT p.nip, p.jenis, p.tanggal_lahir::text, p.jenis_kelamin, p.opd_id, p.unit_id, r.opd_id AS r_opd, r.unit_id AS r_unit,
             (SELECT count(*)::int FROM pegawai.riwayat_jabatan x WHERE x.pegawai_id = p.id AND x.selesai IS NULL) AS open,
             (SELECT count(*)::int FROM pegawai.history h WHERE h.entity_id = p.id) AS versions
      FROM pegawai.pegawai p JOIN pegawai.riwayat_jabatan r ON r.pegawai_id = p.id AND r.selesai IS NULL`.execute(t.kernel.db);
    assert.ok(rows.rows.length >= 290 && rows.rows.length <= 300, String(rows.rows.length));
    const kinds = new Set(rows.rows.map((r) => r.jenis));
    assert.deepEqual([...kinds].sort(), ['non_asn', 'pns', 'pppk']);
    for (const row of rows.rows) {
      assert.equal(row.open, 1);
      assert.equal(row.versions, 1);
      assert.deepEqual([row.r_opd, row.r_unit], [row.opd_id, row.unit_id]);
      if (row.jenis === 'non_asn') assert.equal(row.nip, null);
      else assert.ok(validateNip(row.nip!, { today: new Date(), birthDate: row.tanggal_lahir, sex: row.jenis_kelamin }).ok, row.nip!);
    }
    const anyNip = rows.rows.find((r) => r.nip)!.nip!;
    const res = await t.admin.get(`/api/v1/pegawai/${anyNip}`);
    assert.equal(res.status, 200);
    assert.equal((await t.admin.get('/api/v1/pegawai?total=true&limit=1')).body.total > 0, true);
  });
});
