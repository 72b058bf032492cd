import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { KODE_LISTS } from './tables.js';

/**
 * The resident table guards its code columns with CHECKs on the code range (migration 0002)
 * instead of foreign keys; this keeps each range equal to its code table, so a code added to a
 * table without widening its CHECK (or the other way round) fails here.
 */
describe('penduduk code lists', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  for (const list of KODE_LISTS) {
    it(`${list}: the codes are 1…n without gaps and the CHECK on penduduk.${list} allows exactly 1…n`, async () => {
      const codes = (await sql<{ kode: number }>`SELECT kode FROM ${sql.table(`penduduk.${list}`)} ORDER BY kode`.execute(t.kernel.db)).rows.map((r) => r.kode);
      assert.deepEqual(codes, codes.map((_, i) => i + 1));
      const check = (await sql<{ definition: string }>`
        SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = 'penduduk.penduduk'::regclass AND conname = ${`penduduk_${list}_kode`}`.execute(t.kernel.db)).rows[0];
      assert.ok(check, `CHECK penduduk_${list}_kode exists`);
      const bounds = check.definition.match(/>= (\d+).*<= (\d+)/);
      assert.ok(bounds, check.definition);
      assert.deepEqual([Number(bounds[1]), Number(bounds[2])], [1, codes.length]);
    });
  }

  it('the pekerjaan list is the complete Dukcapil list (89 codes)', async () => {
    const names = (await sql<{ kode: number; nama: string }>`SELECT kode, nama FROM penduduk.pekerjaan WHERE kode IN (1, 65, 88, 89) ORDER BY kode`.execute(t.kernel.db)).rows;
    assert.deepEqual(names.map((r) => r.nama), ['Belum/Tidak Bekerja', 'Guru', 'Wiraswasta', 'Lainnya']);
  });
});
