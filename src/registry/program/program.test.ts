import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ApiClient, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { parseCsv } from './csv.js';
import { parsePagu } from './import-sipd.js';

const KODE_A = '1.02.0.00.0.00.01.0000';
const KODE_B = '1.01.0.00.0.00.01.0000';
const HEADER = 'tahun,kode_opd,nama_opd,kode_urusan,nama_urusan,kode_bidang_urusan,nama_bidang_urusan,kode_program,nama_program,kode_kegiatan,nama_kegiatan,kode_sub_kegiatan,nama_sub_kegiatan,pagu,indikator,satuan,target';
const KES = '1,Urusan Wajib Pelayanan Dasar,1.02,Kesehatan,1.02.02,Program Pemenuhan Upaya Kesehatan,1.02.02.2.02,Penyediaan Layanan Kesehatan';
const row = (opd: string, sub: string, nama: string, pagu: string, indikator = '', satuan = '', target = '') =>
  `2026,${opd},Dinas,${KES},${sub},${nama},${pagu},${indikator},${satuan},${target}`;

/** Header on line 1, four data rows: two lines for one sub-kegiatan (two indicators), padding variants. */
const VALID = [
  HEADER,
  row(KODE_A, '1.02.02.2.02.0008', 'Pelayanan Kesehatan Penderita Hipertensi', '1.250.000.000', 'Penderita hipertensi dilayani', 'orang', '1500'),
  row(KODE_A, '1.2.2.2.2.8', 'Pelayanan Kesehatan Penderita Hipertensi', '1250000000', 'Puskesmas melapor', 'unit', '"23,5"'),
  row(KODE_A, '1.02.02.02.02.0003', 'Pelayanan Kesehatan Balita', '300000000', 'Balita dilayani', 'orang', '4000'),
  row(KODE_B, '1.02.02.2.02.0003', '"Pelayanan Kesehatan Balita"', '75.000.000'),
].join('\r\n');

describe('registry program', () => {
  let t: TestServer;
  let operatorA: ApiClient;
  const opd: Record<'A' | 'B', string> = { A: '', B: '' };

  const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.kernel.db)).rows[0]!.n);
  const footprint = async () => ({
    nomenklatur: await count('program.nomenklatur'),
    anggaran: await count('program.anggaran'),
    indikator: await count('program.indikator'),
    history: await count('program.history'),
    versions: (await sql<{ v: string }>`SELECT coalesce(sum(version), 0) AS v FROM program.anggaran`.execute(t.kernel.db)).rows[0]!.v,
  });

  before(async () => {
    t = await startTestServer();
    for (const [key, kode, nama] of [['A', KODE_A, 'Dinas Kesehatan'], ['B', KODE_B, 'Dinas Pendidikan']] as const) {
      const res = await t.admin.post('/api/v1/opd', { kode, nama, jenis: 'dinas' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      opd[key] = res.body.id;
    }
    const created = await t.admin.post('/api/v1/users', { username: 'operator-a', displayName: 'Operator A', password: 'kata-sandi-operator-a', roles: [{ role: 'opd_operator', scopeCode: KODE_A }] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    operatorA = t.client();
    assert.equal((await operatorA.login('operator-a', 'kata-sandi-operator-a')).status, 200);
  });
  after(() => t.close());

  describe('parsing', () => {
    it('reads pagu as whole Rupiah with or without dot separators, refusing decimals and signs', () => {
      assert.equal(parsePagu('1.250.000.000'), 1_250_000_000);
      assert.equal(parsePagu('1250000000'), 1_250_000_000);
      assert.equal(parsePagu('0'), 0);
      for (const bad of ['1250000,50', '1250000.5', '-5', '1.25', '12.50.000', '', '1e9', 'Rp 5']) assert.equal(parsePagu(bad), null, bad);
    });

    it('parses RFC 4180 quoting and either separator, keeping each record’s starting line', () => {
      const parsed = parseCsv('a;b\n"x;1";"multi\nline ""q"""\n\n3;4');
      assert.equal(parsed.separator, ';');
      assert.deepEqual(parsed.records, [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x;1', 'multi\nline "q"'] },
        { line: 5, fields: ['3', '4'] },
      ]);
    });
  });

  describe('SIPD import', () => {
    it('refuses a file with a bad code on line 3 and a decimal pagu on line 5, listing exactly those lines, storing nothing', async () => {
      const before = await footprint();
      const outbox = await count('core.outbox');
      const csv = [
        HEADER,
        row(KODE_A, '1.02.02.2.02.0001', 'Satu', '1000'),
        row(KODE_A, '1.02.02.2.02.12345', 'Kode terlalu panjang', '1000'),
        row(KODE_A, '1.02.02.2.02.0002', 'Dua', '2.000'),
        row(KODE_A, '1.02.02.2.02.0004', 'Pagu desimal', '1250000,50'),
      ].join('\n').replace('Pagu desimal,1250000,50', 'Pagu desimal,"1250000,50"');
      const res = await t.admin.post('/api/v1/program/import', { csv });
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.equal(res.body.code, 'program.import_invalid');
      assert.deepEqual(res.body.rows.map((r: { line: number }) => r.line), [3, 5]);
      assert.equal(res.body.rows[0].problems[0].column, 'kode_sub_kegiatan');
      assert.equal(res.body.rows[1].problems[0].column, 'pagu');
      assert.equal(res.body.rows[1].problems[0].rule, 'program.pagu_whole');
      assert.ok(res.body.rows[1].problems[0].message.length > 0);
      assert.deepEqual(await footprint(), before);
      assert.equal(await count('core.outbox'), outbox);
    });

    it('reports an unknown OPD and a missing header column', async () => {
      const res = await t.admin.post('/api/v1/program/import', { csv: `${HEADER}\n${row('TIDAK-ADA', '1.02.02.2.02.0001', 'Satu', '1000')}` });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body.rows, [{ line: 2, problems: [{ column: 'kode_opd', rule: 'program.opd_unknown', message: res.body.rows[0].problems[0].message }] }]);
      const noPagu = await t.admin.post('/api/v1/program/import', { csv: 'tahun,kode_opd,kode_sub_kegiatan,nama_sub_kegiatan\n2026,x,1.02.02.2.02.0001,Satu' });
      assert.equal(noPagu.status, 422);
      assert.equal(noPagu.body.rows[0].line, 1);
      assert.equal(noPagu.body.rows[0].problems[0].rule, 'program.header');
    });

    it('imports a valid file: nomenclature, anggaran with indicators, one audit entry and one event', async () => {
      const audit = await count('core.audit_log');
      const res = await t.admin.post('/api/v1/program/import', { csv: VALID });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body, { rows: 4, nomenklatur: { created: 6, updated: 0 }, anggaran: { created: 3, updated: 0, unchanged: 0 }, tahun: [2026] });
      assert.equal(await count('core.audit_log'), audit + 1);
      const events = await t.kernel.db.selectFrom('core.outbox').select(['type', 'payload']).where('type', '=', 'program.imported').execute();
      assert.equal(events.length, 1);
      assert.equal((events[0]!.payload as { anggaran: { created: number } }).anggaran.created, 3);

      const list = await t.admin.get(`/api/v1/program/anggaran?opd=${KODE_A}&tahun=2026`);
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 2);
      const hipertensi = list.body.items.find((a: { kode: string }) => a.kode === '1.02.02.2.02.0008');
      assert.equal(hipertensi.pagu, 1_250_000_000);
      assert.deepEqual(hipertensi.indikator, [
        { nama: 'Penderita hipertensi dilayani', satuan: 'orang', target: 1500 },
        { nama: 'Puskesmas melapor', satuan: 'unit', target: 23.5 },
      ]);
      assert.equal(await count('program.history'), 3);
    });

    it('re-importing the same file changes nothing', async () => {
      const before = await footprint();
      const res = await t.admin.post('/api/v1/program/import', { csv: VALID.replaceAll(',', ';').replace('"23;5"', '23,5') });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.nomenklatur, { created: 0, updated: 0 });
      assert.deepEqual(res.body.anggaran, { created: 0, updated: 0, unchanged: 3 });
      assert.deepEqual(await footprint(), before);
    });

    it('a changed pagu in a later import bumps the version and writes history', async () => {
      const csv = `${HEADER}\n${row(KODE_B, '1.02.02.2.02.0003', 'Pelayanan Kesehatan Balita', '80.000.000')}`;
      const res = await t.admin.post('/api/v1/program/import', { csv });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.anggaran, { created: 0, updated: 1, unchanged: 0 });
      const list = await t.admin.get(`/api/v1/program/anggaran?opd=${opd.B}`);
      assert.equal(list.body.items[0].pagu, 80_000_000);
      assert.equal(list.body.items[0].version, 2);
      const riwayat = await t.admin.get(`/api/v1/program/anggaran/${list.body.items[0].id}/riwayat`);
      assert.deepEqual(riwayat.body.items.map((h: { action: string }) => h.action), ['updated', 'created']);
      assert.deepEqual(riwayat.body.items[0].changed, ['pagu']);
    });

    it('needs program.manage city-wide: an OPD operator gets 403', async () => {
      const res = await operatorA.post('/api/v1/program/import', { csv: VALID });
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'auth.forbidden');
    });
  });

  describe('nomenklatur', () => {
    it('finds an entry by any zero-padding variant of its code', async () => {
      for (const variant of ['1.02.02.2.02.0008', '1.2.2.2.2.8', '01.002.02.02.02.08']) {
        const res = await t.admin.get(`/api/v1/program/nomenklatur/${variant}`);
        assert.equal(res.status, 200, variant);
        assert.deepEqual(res.body, { kode: '1.02.02.2.02.0008', level: 'sub_kegiatan', parentKode: '1.02.02.2.02', nama: 'Pelayanan Kesehatan Penderita Hipertensi' });
      }
      assert.equal((await t.admin.get('/api/v1/program/nomenklatur/9.99.99.9.99.9999')).status, 404);
      assert.equal((await t.admin.get('/api/v1/program/nomenklatur/1.0.1')).status, 400);
    });

    it('lists by level, parent (any variant) and text, with paging', async () => {
      const children = await operatorA.get('/api/v1/program/nomenklatur?parent=1.2.2.2.2');
      assert.equal(children.status, 200);
      assert.deepEqual(children.body.items.map((n: { kode: string }) => n.kode), ['1.02.02.2.02.0003', '1.02.02.2.02.0008']);
      const first = await t.admin.get('/api/v1/program/nomenklatur?limit=4');
      assert.equal(first.body.items.length, 4);
      const rest = await t.admin.get(`/api/v1/program/nomenklatur?limit=4&cursor=${first.body.nextCursor}`);
      assert.equal(rest.status, 200, JSON.stringify(rest.body));
      assert.deepEqual(rest.body.items.map((n: { kode: string }) => n.kode), ['1.02.02.2.02.0003', '1.02.02.2.02.0008']);
      assert.equal(rest.body.nextCursor, null);
      const urusan = await t.admin.get('/api/v1/program/nomenklatur?level=urusan');
      assert.deepEqual(urusan.body.items, [{ kode: '1', level: 'urusan', parentKode: null, nama: 'Urusan Wajib Pelayanan Dasar' }]);
      const q = await t.admin.get('/api/v1/program/nomenklatur?q=balita');
      assert.deepEqual(q.body.items.map((n: { kode: string }) => n.kode), ['1.02.02.2.02.0003']);
    });
  });

  describe('anggaran', () => {
    let id = '';

    it('creates a line with a normalised code; pagu must be a whole non-negative number', async () => {
      for (const pagu of [1.5, -1, '1000', 1e16]) {
        const res = await t.admin.post('/api/v1/program/anggaran', { tahun: 2027, opd: KODE_A, kode: '1.02.02.2.02.0008', pagu });
        assert.equal(res.status, 400, `${pagu}: ${JSON.stringify(res.body)}`);
      }
      const unknown = await t.admin.post('/api/v1/program/anggaran', { tahun: 2027, opd: KODE_A, kode: '1.02.02.2.02.0099', pagu: 1 });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.errors[0].rule, 'program.kode_unknown');
      const notSub = await t.admin.post('/api/v1/program/anggaran', { tahun: 2027, opd: KODE_A, kode: '1.02.02', pagu: 1 });
      assert.equal(notSub.status, 422);
      assert.equal(notSub.body.errors[0].rule, 'kode_program.level');

      const res = await operatorA.post('/api/v1/program/anggaran', {
        tahun: 2027, opd: KODE_A, kode: '1.02.02.02.02.08', pagu: 500_000_000,
        indikator: [{ nama: 'Penderita dilayani', satuan: 'orang', target: 1200 }],
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.kode, '1.02.02.2.02.0008');
      assert.equal(res.body.opdId, opd.A);
      assert.equal(res.headers.get('etag'), '"v1"');
      id = res.body.id;
      const again = await t.admin.post('/api/v1/program/anggaran', { tahun: 2027, opd: opd.A, kode: '1.2.2.2.2.8', pagu: 1 });
      assert.equal(again.status, 409);
    });

    it('an operator of OPD A cannot write OPD B’s anggaran', async () => {
      const res = await operatorA.post('/api/v1/program/anggaran', { tahun: 2027, opd: KODE_B, kode: '1.02.02.2.02.0003', pagu: 1000 });
      assert.equal(res.status, 403);
      const b = (await t.admin.get(`/api/v1/program/anggaran?opd=${KODE_B}`)).body.items[0];
      const patch = await operatorA.patch(`/api/v1/program/anggaran/${b.id}`, { pagu: 1 }, { headers: { 'if-match': `"v${b.version}"` } });
      assert.equal(patch.status, 403);
      const arsip = await operatorA.post(`/api/v1/program/anggaran/${b.id}/arsip`, { alasan: 'Salah input' }, { headers: { 'if-match': `"v${b.version}"` } });
      assert.equal(arsip.status, 403);
      assert.equal((await t.admin.get(`/api/v1/program/anggaran/${b.id}`)).body.version, b.version);
    });

    it('changes with If-Match only: 428 without, 412 when stale; history keeps every version', async () => {
      const get = await t.admin.get(`/api/v1/program/anggaran/${id}`);
      assert.equal(get.status, 200);
      assert.equal(get.headers.get('etag'), '"v1"');
      assert.equal((await operatorA.patch(`/api/v1/program/anggaran/${id}`, { pagu: 600_000_000 })).status, 428);
      assert.equal((await operatorA.patch(`/api/v1/program/anggaran/${id}`, { pagu: 600_000_000 }, { headers: { 'if-match': '"v9"' } })).status, 412);
      assert.equal((await operatorA.patch(`/api/v1/program/anggaran/${id}`, { pagu: 1.25 }, { headers: { 'if-match': '"v1"' } })).status, 400);
      const ok = await operatorA.patch(`/api/v1/program/anggaran/${id}`, { pagu: 600_000_000 }, { headers: { 'if-match': '"v1"' } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.pagu, 600_000_000);
      assert.equal(ok.headers.get('etag'), '"v2"');
      assert.equal(ok.body.indikator.length, 1);
      const arsip = await operatorA.post(`/api/v1/program/anggaran/${id}/arsip`, { alasan: 'Dipindah ke tahun berikut' }, { headers: { 'if-match': '"v2"' } });
      assert.equal(arsip.status, 200);
      assert.equal(arsip.body.archiveReason, 'Dipindah ke tahun berikut');
      const riwayat = await t.admin.get(`/api/v1/program/anggaran/${id}/riwayat`);
      assert.deepEqual(riwayat.body.items.map((h: { version: number; action: string }) => `${h.version}:${h.action}`), ['3:archived', '2:updated', '1:created']);
      const audit = await t.kernel.db.selectFrom('core.audit_log').select('action').where('entity_id', '=', id).orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['anggaran.created', 'anggaran.updated', 'anggaran.archived']);
      assert.equal((await t.admin.get('/api/v1/program/anggaran/0190c6f4-7c4e-7000-8000-000000000000')).status, 404);
    });

    it('lists with totals: count and totalPagu over every matching row, fields and sort', async () => {
      const all = await t.admin.get('/api/v1/program/anggaran?tahun=2026&total=true&sort=-pagu&limit=1&fields=pagu,kode');
      assert.equal(all.status, 200, JSON.stringify(all.body));
      assert.equal(all.body.total, 3);
      assert.equal(all.body.totalPagu, 1_250_000_000 + 300_000_000 + 80_000_000);
      assert.deepEqual(Object.keys(all.body.items[0]).sort(), ['id', 'kode', 'pagu']);
      assert.equal(all.body.items[0].pagu, 1_250_000_000);
      const next = await t.admin.get(`/api/v1/program/anggaran?tahun=2026&total=true&sort=-pagu&limit=1&fields=pagu,kode&cursor=${all.body.nextCursor}`);
      assert.equal(next.body.items[0].pagu, 300_000_000);
      const byKode = await t.admin.get(`/api/v1/program/anggaran?kode=1.2.2.2.2.3&total=true`);
      assert.equal(byKode.body.total, 2);
      assert.equal(byKode.body.totalPagu, 380_000_000);
      const archivedExcluded = await t.admin.get('/api/v1/program/anggaran?tahun=2027&total=true');
      assert.deepEqual([archivedExcluded.body.total, archivedExcluded.body.totalPagu], [0, 0]);
      const none = await t.admin.get('/api/v1/program/anggaran?opd=TIDAK-ADA&total=true');
      assert.deepEqual(none.body, { items: [], nextCursor: null, total: 0, totalPagu: 0 });
    });
  });

  describe('for the pages: search, code prefix, path, permissions, per-OPD totals, CSV body', () => {
    it('lists anggaran by text in the sub-kegiatan name or code, with totals', async () => {
      const byName = await t.admin.get('/api/v1/program/anggaran?tahun=2026&q=HIPERTENSI&total=true');
      assert.equal(byName.status, 200, JSON.stringify(byName.body));
      assert.deepEqual(byName.body.items.map((a: { kode: string }) => a.kode), ['1.02.02.2.02.0008']);
      assert.deepEqual([byName.body.total, byName.body.totalPagu], [1, 1_250_000_000]);
      const byKode = await t.admin.get(`/api/v1/program/anggaran?q=0003&opd=${KODE_B}&total=true`);
      assert.deepEqual([byKode.body.total, byKode.body.totalPagu], [1, 80_000_000]);
      const wildcard = await t.admin.get('/api/v1/program/anggaran?q=%25&total=true');
      assert.equal(wildcard.body.total, 0, 'a % in the text is matched literally');
      const combined = await t.admin.get('/api/v1/program/anggaran?tahun=2026&kode=1.02.02&q=balita&sort=-pagu&total=true');
      assert.deepEqual(combined.body.items.map((a: { pagu: number }) => a.pagu), [300_000_000, 80_000_000]);
      assert.equal((await t.admin.get('/api/v1/program/anggaran?q=%01')).status, 400);
    });

    it('lists nomenclature under a code prefix (any padding), with a level filter', async () => {
      const under = await t.admin.get('/api/v1/program/nomenklatur?kode=1.2.2');
      assert.equal(under.status, 200, JSON.stringify(under.body));
      assert.deepEqual(under.body.items.map((n: { kode: string }) => n.kode), ['1.02.02', '1.02.02.2.02', '1.02.02.2.02.0003', '1.02.02.2.02.0008']);
      const subs = await t.admin.get('/api/v1/program/nomenklatur?kode=1.02&level=sub_kegiatan');
      assert.deepEqual(subs.body.items.map((n: { kode: string }) => n.kode), ['1.02.02.2.02.0003', '1.02.02.2.02.0008']);
      const bad = await t.admin.get('/api/v1/program/nomenklatur?kode=1.02.02.2');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].field, 'kode');
    });

    it('gives the path of a sub-kegiatan from its urusan down', async () => {
      const res = await operatorA.get('/api/v1/program/nomenklatur/1.2.2.2.2.8/jalur');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.items.map((n: { kode: string; level: string }) => `${n.level}:${n.kode}`),
        ['urusan:1', 'bidang_urusan:1.02', 'program:1.02.02', 'kegiatan:1.02.02.2.02', 'sub_kegiatan:1.02.02.2.02.0008'],
      );
      assert.equal(res.body.items[1].nama, 'Kesehatan');
      assert.deepEqual((await t.admin.get('/api/v1/program/nomenklatur/1/jalur')).body.items.map((n: { kode: string }) => n.kode), ['1']);
      assert.equal((await t.admin.get('/api/v1/program/nomenklatur/9.99/jalur')).status, 404);
      assert.equal((await t.admin.get('/api/v1/program/nomenklatur/1.0.1/jalur')).status, 400);
    });

    it('tells each caller which OPDs they may manage: the operator their own, the admin every active one, others none', async () => {
      const own = await operatorA.get('/api/v1/program/kewenangan');
      assert.equal(own.status, 200, JSON.stringify(own.body));
      assert.deepEqual(own.body, { cityWide: false, opd: [{ id: opd.A, kode: KODE_A, nama: 'Dinas Kesehatan', singkatan: null }] });
      const all = await t.admin.get('/api/v1/program/kewenangan');
      assert.equal(all.body.cityWide, true);
      assert.deepEqual(all.body.opd.map((o: { kode: string }) => o.kode), [KODE_B, KODE_A]);
      const created = await t.admin.post('/api/v1/users', { username: 'pimpinan-p', displayName: 'Pimpinan', password: 'kata-sandi-pimpinan', roles: [{ role: 'pimpinan' }] });
      assert.equal(created.status, 201);
      const pimpinan = t.client();
      assert.equal((await pimpinan.login('pimpinan-p', 'kata-sandi-pimpinan')).status, 200);
      assert.deepEqual((await pimpinan.get('/api/v1/program/kewenangan')).body, { cityWide: false, opd: [] });
      assert.equal((await t.client().get('/api/v1/program/kewenangan')).status, 401);
    });

    it('sums budget lines and pagu per OPD, per year, leaving archived lines out unless asked', async () => {
      const res = await operatorA.get('/api/v1/program/ringkasan?tahun=2026');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body, {
        items: [
          { opd: { id: opd.B, kode: KODE_B, nama: 'Dinas Pendidikan', singkatan: null }, total: 1, totalPagu: 80_000_000 },
          { opd: { id: opd.A, kode: KODE_A, nama: 'Dinas Kesehatan', singkatan: null }, total: 2, totalPagu: 1_550_000_000 },
        ],
        total: 3,
        totalPagu: 1_630_000_000,
      });
      assert.deepEqual((await t.admin.get('/api/v1/program/ringkasan?tahun=2027')).body, { items: [], total: 0, totalPagu: 0 });
      const archived = await t.admin.get('/api/v1/program/ringkasan?tahun=2027&includeArchived=true');
      assert.deepEqual(archived.body.items.map((i: { opd: { kode: string }; total: number; totalPagu: number }) => [i.opd.kode, i.total, i.totalPagu]), [[KODE_A, 1, 600_000_000]]);
      assert.equal((await t.admin.get('/api/v1/program/ringkasan?tahun=1999')).status, 400);
    });

    it('imports a file sent as text/csv, and keeps 400/415 for bad bodies', async () => {
      const csv = `${HEADER}\n${row(KODE_B, '1.02.02.2.02.0008', 'Pelayanan Kesehatan Penderita Hipertensi', '42.000.000')}\n`;
      const res = await t.admin.request('POST', '/api/v1/program/import', { raw: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.anggaran, { created: 1, updated: 0, unchanged: 0 });
      const stored = await t.admin.get(`/api/v1/program/anggaran?opd=${KODE_B}&kode=1.02.02.2.02.0008`);
      assert.equal(stored.body.items[0].pagu, 42_000_000);

      const failing = await t.admin.request('POST', '/api/v1/program/import', { raw: `${HEADER}\n${row(KODE_B, '1.02.02.2.02.0009', 'Baru', '1,5')}`, headers: { 'content-type': 'text/csv' } });
      assert.equal(failing.status, 422, failing.text);
      assert.deepEqual(failing.body.rows.map((r: { line: number }) => r.line), [2]);
      const empty = await t.admin.request('POST', '/api/v1/program/import', { raw: '', headers: { 'content-type': 'text/csv' } });
      assert.equal(empty.status, 400, empty.text);
      const nul = await t.admin.request('POST', '/api/v1/program/import', { raw: `${HEADER}\n2026,\u0000`, headers: { 'content-type': 'text/csv' } });
      assert.equal(nul.status, 400, nul.text);
      assert.equal(nul.body.errors[0].field, 'csv');
      const denied = await operatorA.request('POST', '/api/v1/program/import', { raw: csv, headers: { 'content-type': 'text/csv' } });
      assert.equal(denied.status, 403);
      // Only the import takes CSV.
      const other = await t.admin.request('POST', '/api/v1/program/anggaran', { raw: csv, headers: { 'content-type': 'text/csv' } });
      assert.equal(other.status, 415, other.text);
    });
  });
});
