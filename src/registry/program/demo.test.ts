import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { systemActor } from '../../core/audit/actor.js';
import { SeededRandom } from '../demo/random.js';
import { programModule } from './index.js';
import { tahunIni } from './model.js';

describe('program demo seed', () => {
  let t: TestServer;
  const seed = () => programModule.seedDemo!(t.kernel, { scale: 'small', random: new SeededRandom(42), actor: systemActor('demo') });
  before(async () => {
    t = await startTestServer();
    for (const [kode, nama, jenis] of [['1.01.0.00.0.00.01.0000', 'Dinas Pendidikan', 'dinas'], ['1.02.0.00.0.00.01.0000', 'Dinas Kesehatan', 'dinas'], ['7.01.0.00.0.00.01.0001', 'Kelurahan Contoh', 'kelurahan']] as const) {
      assert.equal((await t.admin.post('/api/v1/opd', { kode, nama, jenis })).status, 201);
    }
    await seed();
  });
  after(() => t.close());

  it('seeds this fiscal year’s sub-kegiatan for each agency (not kelurahan offices), with plausible whole-Rupiah pagu', async () => {
    const res = await t.admin.get(`/api/v1/program/anggaran?tahun=${tahunIni()}&total=true&limit=200`);
    assert.equal(res.status, 200);
    assert.ok(res.body.total >= 4, String(res.body.total));
    const opds = new Set(res.body.items.map((a: { opdId: string }) => a.opdId));
    assert.equal(opds.size, 2);
    for (const a of res.body.items as { pagu: number; kode: string; indikator: unknown[] }[]) {
      assert.ok(Number.isInteger(a.pagu) && a.pagu >= 20_000_000 && a.pagu % 1000 === 0, `${a.kode} ${a.pagu}`);
      assert.equal(a.indikator.length, 1);
    }
    const health = await t.admin.get('/api/v1/program/anggaran?opd=1.02.0.00.0.00.01.0000&kode=1.02');
    assert.ok(health.body.items.length >= 1);
  });

  it('is deterministic and idempotent: seeding again changes nothing', async () => {
    const before = (await sql<{ n: string }>`SELECT count(*) || ':' || sum(pagu) || ':' || sum(version) AS n FROM program.anggaran`.execute(t.kernel.db)).rows[0]!.n;
    await seed();
    const after = (await sql<{ n: string }>`SELECT count(*) || ':' || sum(pagu) || ':' || sum(version) AS n FROM program.anggaran`.execute(t.kernel.db)).rows[0]!.n;
    assert.equal(after, before);
  });
});
