import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { systemActor } from '../../core/audit/actor.js';
import { SeededRandom } from '../../registry/demo/random.js';
import { organisasiModule } from '../../registry/organisasi/index.js';
import { integrasiModule } from '../index.js';
import { DEMO_APPS } from './demo.js';

describe('katalog demo seed', () => {
  let t: TestServer;
  const context = () => ({ scale: 'small' as const, random: new SeededRandom(7), actor: systemActor('demo') });
  before(async () => {
    t = await startTestServer();
    await organisasiModule.seedDemo!(t.kernel, context());
    await integrasiModule.seedDemo!(t.kernel, context());
  });
  after(() => t.close());

  it('seeds ~30 Kota Padang apps owned by registry OPDs, at every level, with islands on the map', async () => {
    const list = await t.admin.get('/api/v1/integrasi/aplikasi?limit=200');
    assert.equal(list.status, 200);
    assert.equal(list.body.total, DEMO_APPS.length);
    assert.ok(DEMO_APPS.length >= 28);
    assert.ok(list.body.items.every((a: { opdNama: string | null }) => a.opdNama !== null), 'every owner is in the registry');
    assert.deepEqual(Object.values(list.body.perTingkat).map((n) => (n as number) > 0), [true, true, true, true, true], JSON.stringify(list.body.perTingkat));
    const byKode = new Map(list.body.items.map((a: { kode: string; tingkat: number }) => [a.kode, a.tingkat]));
    assert.equal(byKode.get('e-absensi'), 5);
    assert.equal(byKode.get('simpeg'), 4);
    assert.equal(byKode.get('padang-go-id'), 3);
    assert.equal(byKode.get('e-pad'), 2);
    assert.equal(byKode.get('jdih'), 1);
    const map = await t.admin.get('/api/v1/integrasi/peta');
    assert.ok(map.body.flows.length > 10);
    assert.ok(map.body.islands.includes('dtks-dinsos'));
    assert.ok(!map.body.islands.includes('web-kominfo-lama'), 'retired apps are not on the map');
    const history = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM integrasi.history`.execute(t.kernel.db)).rows[0]!.n);
    assert.equal(history, DEMO_APPS.length);
    // Seeding again adds nothing.
    await integrasiModule.seedDemo!(t.kernel, context());
    assert.equal((await t.admin.get('/api/v1/integrasi/aplikasi?limit=1')).body.total, DEMO_APPS.length);
  });
});
