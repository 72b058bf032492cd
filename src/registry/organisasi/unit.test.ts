import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type ApiClient, type ApiResponse, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { getOpd, getUnit, strukturAsOf, unitBelongsToOpd } from './index.js';

type Errors = { field: string; rule: string }[];
const violations = (res: ApiResponse) => (res.body.errors as Errors).map(({ field, rule }) => ({ field, rule }));

describe('organisasi: units, jabatan, struktur and reorganisation', () => {
  let t: TestServer;
  let opdA: Record<string, any>;
  let opdB: Record<string, any>;
  let operatorA: ApiClient;

  const scalar = async (query: ReturnType<typeof sql<{ n: string }>>) => (await query.execute(t.kernel.db)).rows[0]!.n;
  /** Everything a write could touch; a refused request must leave it exactly as it was. */
  const footprint = async () => ({
    units: await scalar(sql`SELECT count(*)::text AS n FROM organisasi.unit`),
    unitState: await scalar(sql`SELECT coalesce(string_agg(id || ':' || version || ':' || coalesce(parent_id::text, '-') || ':' || coalesce(berlaku_sampai::text, '-'), ',' ORDER BY id), '') AS n FROM organisasi.unit`),
    jabatan: await scalar(sql`SELECT count(*)::text AS n FROM organisasi.jabatan`),
    history: await scalar(sql`SELECT count(*)::text AS n FROM organisasi.history`),
    audit: await scalar(sql`SELECT count(*)::text AS n FROM core.audit_log`),
    outbox: await scalar(sql`SELECT count(*)::text AS n FROM core.outbox`),
  });
  const eventsOfRequest = (requestId: string) => t.kernel.db.selectFrom('core.outbox').selectAll().where('request_id', '=', requestId).orderBy('id').execute();

  const addUnit = async (opd: Record<string, any>, body: Record<string, unknown>, client: ApiClient = t.admin) => {
    const res = await client.post(`/api/v1/opd/${opd.kode}/unit`, { berlakuMulai: '2024-01-01', ...body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as Record<string, any>;
  };
  const struktur = async (opd: Record<string, any>, tanggal: string) => {
    const res = await t.admin.get(`/api/v1/opd/${opd.kode}/struktur?tanggal=${tanggal}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { tanggal: string; units: Record<string, any>[] };
  };
  /** The tree as indented names, easy to compare. */
  const outline = (body: { units: Record<string, any>[] }) => body.units.map((u) => `${'  '.repeat(u.depth)}${u.nama}`);

  const signInAs = async (username: string, roles: { role: string; scopeCode?: string }[]): Promise<ApiClient> => {
    const created = await t.admin.post('/api/v1/users', { username, displayName: username, password: 'kata-sandi-panjang', roles });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const client = t.client();
    assert.equal((await client.login(username, 'kata-sandi-panjang')).status, 200);
    return client;
  };

  before(async () => {
    t = await startTestServer();
    opdA = (await t.admin.post('/api/v1/opd', { kode: '2.16.0.00.0.00.01.0000', nama: 'Dinas Komunikasi dan Informatika', singkatan: 'Diskominfo', jenis: 'dinas' })).body;
    opdB = (await t.admin.post('/api/v1/opd', { kode: '1.02.0.00.0.00.01.0000', nama: 'Dinas Kesehatan', singkatan: 'Dinkes', jenis: 'dinas' })).body;
    operatorA = await signInAs('operator-kominfo', [{ role: 'opd_operator', scopeCode: opdA.kode }]);
  });
  after(() => t.close());

  describe('units', () => {
    it('create: 201 with ETag, default start today, history, audit and one unit.created event', async () => {
      const res = await t.admin.post(`/api/v1/opd/${opdA.id}/unit`, { nama: ' Bidang Persandian ', jenis: 'bidang' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const unit = res.body;
      assert.equal(res.headers.get('etag'), '"v1"');
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
      assert.deepEqual(
        { ...unit, id: undefined, createdAt: undefined, updatedAt: undefined },
        {
          id: undefined,
          createdAt: undefined,
          updatedAt: undefined,
          opdId: opdA.id,
          opdKode: opdA.kode,
          parentId: null,
          nama: 'Bidang Persandian',
          jenis: 'bidang',
          berlakuMulai: today,
          berlakuSampai: null,
          alamat: null,
          latitude: null,
          longitude: null,
          version: 1,
          archivedAt: null,
          archiveReason: null,
          jabatan: [],
        },
      );
      const got = await t.admin.get(`/api/v1/unit/${unit.id}`);
      assert.deepEqual(got.body, unit);
      assert.equal(got.headers.get('etag'), '"v1"');
      const events = await eventsOfRequest(res.headers.get('x-request-id')!);
      assert.deepEqual(events.map((e) => [e.type, e.entity_id]), [['unit.created', unit.id]]);
      assert.deepEqual(events[0]!.payload, {
        id: unit.id, opdId: opdA.id, opdKode: opdA.kode, parentId: null, nama: 'Bidang Persandian', jenis: 'bidang', berlakuMulai: today, berlakuSampai: null, version: 1,
      });
      const audit = await t.kernel.db.selectFrom('core.audit_log').selectAll().where('entity_id', '=', unit.id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['unit.created']);
      assert.equal((await t.admin.get(`/api/v1/unit/${unit.id}/history`)).body.items.length, 1);
    });

    it('bad parent, period or id → 4xx, nothing written', async () => {
      const bidang = await addUnit(opdA, { nama: 'Bidang Uji Induk', jenis: 'bidang', berlakuMulai: '2024-06-01' });
      const otherOpdUnit = await addUnit(opdB, { nama: 'Bidang Pelayanan Kesehatan', jenis: 'bidang' });
      const before = await footprint();
      const cases: [Record<string, unknown>, number, string][] = [
        [{ parentId: '0190c6f4-7c4e-7000-8000-000000000000' }, 422, 'unit.parent_not_found'],
        [{ parentId: otherOpdUnit.id }, 422, 'unit.parent_other_opd'],
        // Starts before its parent does.
        [{ parentId: bidang.id, berlakuMulai: '2024-01-01' }, 422, 'unit.parent_not_in_force'],
        [{ berlakuMulai: '2024-05-01', berlakuSampai: '2024-04-30' }, 400, 'request.invalid'],
        [{ berlakuMulai: '2024-02-30' }, 400, 'request.invalid'],
        [{ berlakuMulai: '0000-01-01' }, 400, 'request.invalid'],
        [{ jenis: 'direktorat' }, 400, 'request.invalid'],
        [{ parentId: 'bukan-uuid' }, 400, 'request.invalid'],
      ];
      for (const [change, status, code] of cases) {
        const res = await t.admin.post(`/api/v1/opd/${opdA.kode}/unit`, { nama: 'Seksi Uji', jenis: 'seksi', berlakuMulai: '2024-06-01', ...change });
        assert.equal(res.status, status, JSON.stringify(change));
        assert.equal(res.body.code, code, JSON.stringify(change));
      }
      assert.equal((await t.admin.post('/api/v1/opd/TIDAK-ADA/unit', { nama: 'X', jenis: 'seksi' })).status, 404);
      assert.equal((await t.admin.get('/api/v1/unit/0190c6f4-7c4e-7000-8000-000000000000')).body.code, 'unit.not_found');
      assert.equal((await t.admin.get('/api/v1/unit/bukan-uuid')).status, 400);
      assert.deepEqual(await footprint(), before);
    });

    it('PATCH needs If-Match (428, 412), then changes and emits unit.updated with the changed fields', async () => {
      const bidang = await addUnit(opdA, { nama: 'Bidang Tata Kelola', jenis: 'bidang' });
      const seksi = await addUnit(opdA, { nama: 'Seksi Lepas', jenis: 'seksi' });
      const before = await footprint();
      assert.equal((await t.admin.patch(`/api/v1/unit/${seksi.id}`, { parentId: bidang.id })).status, 428);
      assert.equal((await t.admin.patch(`/api/v1/unit/${seksi.id}`, { parentId: bidang.id }, { headers: { 'if-match': '"v7"' } })).status, 412);
      assert.deepEqual(await footprint(), before);

      const res = await t.admin.patch(`/api/v1/unit/${seksi.id}`, { parentId: bidang.id, nama: 'Seksi Tata Kelola TIK' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.headers.get('etag'), '"v2"');
      assert.equal(res.body.parentId, bidang.id);
      const events = await eventsOfRequest(res.headers.get('x-request-id')!);
      assert.deepEqual(events.map((e) => e.type), ['unit.updated']);
      assert.deepEqual(events[0]!.payload, {
        id: seksi.id, opdId: opdA.id, opdKode: opdA.kode, version: 2, changed: ['nama', 'parentId'], values: { nama: 'Seksi Tata Kelola TIK', parentId: bidang.id },
      });
      const history = (await t.admin.get(`/api/v1/unit/${seksi.id}/history`)).body.items;
      assert.deepEqual(history.map((h: any) => [h.version, h.action, h.changed]), [[2, 'updated', ['nama', 'parentId']], [1, 'created', []]]);
      // Back to the top level.
      const top = await t.admin.patch(`/api/v1/unit/${seksi.id}`, { parentId: null }, { headers: { 'if-match': '"v2"' } });
      assert.equal(top.status, 200);
      assert.equal(top.body.parentId, null);
    });

    it('office location: set on create, changed and cleared with PATCH; a lone coordinate or one outside Indonesia → 400', async () => {
      const upt = await addUnit(opdA, {
        nama: 'UPT Pusat Data',
        jenis: 'upt',
        alamat: ' Jl. Jenderal Sudirman No. 1, Padang ',
        latitude: -0.9471234,
        longitude: 100.3531234,
      });
      assert.deepEqual([upt.alamat, upt.latitude, upt.longitude], ['Jl. Jenderal Sudirman No. 1, Padang', -0.947123, 100.353123]);
      const before = await footprint();
      const cases: [Record<string, unknown>, string, string][] = [
        [{ latitude: null }, 'latitude', 'required'],
        [{ longitude: null }, 'longitude', 'required'],
        [{ latitude: 40 }, 'latitude', 'maximum'],
        [{ longitude: 10 }, 'longitude', 'minimum'],
        [{ latitude: 'utara' }, 'latitude', 'type'],
        [{ alamat: 'x'.repeat(501) }, 'alamat', 'maxLength'],
      ];
      for (const [body, field, rule] of cases) {
        const res = await t.admin.patch(`/api/v1/unit/${upt.id}`, body, { headers: { 'if-match': '"v1"' } });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.deepEqual(violations(res).map((v) => v.field), [field], JSON.stringify(body));
        assert.equal(violations(res)[0]!.rule, rule, JSON.stringify(body));
      }
      const lone = await t.admin.post(`/api/v1/opd/${opdA.kode}/unit`, { nama: 'UPT Setengah', jenis: 'upt', latitude: -0.9 });
      assert.deepEqual(violations(lone), [{ field: 'longitude', rule: 'required' }]);
      assert.deepEqual(await footprint(), before);

      const moved = await t.admin.patch(`/api/v1/unit/${upt.id}`, { alamat: 'Jl. Bagindo Aziz Chan No. 10', latitude: -0.91, longitude: 100.36 }, { headers: { 'if-match': '"v1"' } });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual([moved.body.alamat, moved.body.latitude, moved.body.longitude, moved.body.version], ['Jl. Bagindo Aziz Chan No. 10', -0.91, 100.36, 2]);
      const events = await eventsOfRequest(moved.headers.get('x-request-id')!);
      assert.deepEqual((events[0]!.payload as any).changed, ['alamat', 'latitude', 'longitude']);
      const cleared = await t.admin.patch(`/api/v1/unit/${upt.id}`, { alamat: '  ', latitude: null, longitude: null }, { headers: { 'if-match': '"v2"' } });
      assert.equal(cleared.status, 200);
      assert.deepEqual([cleared.body.alamat, cleared.body.latitude, cleared.body.longitude], [null, null, null]);
      const history = (await t.admin.get(`/api/v1/unit/${upt.id}/history`)).body.items;
      assert.deepEqual(history.map((h: any) => [h.version, h.changed]), [[3, ['alamat', 'latitude', 'longitude']], [2, ['alamat', 'latitude', 'longitude']], [1, []]]);
    });

    it('a unit made its own ancestor → 422 unit.cycle; a parent of another OPD → 422; nothing written', async () => {
      const bidang = await addUnit(opdA, { nama: 'Bidang Siklus', jenis: 'bidang' });
      const seksi = await addUnit(opdA, { nama: 'Seksi Siklus', jenis: 'seksi', parentId: bidang.id });
      const sub = await addUnit(opdA, { nama: 'Sub Siklus', jenis: 'lainnya', parentId: seksi.id });
      const foreign = await addUnit(opdB, { nama: 'Bidang Asing', jenis: 'bidang' });
      const before = await footprint();
      for (const [unit, parentId, code] of [
        [bidang, bidang.id, 'unit.cycle'],
        [bidang, seksi.id, 'unit.cycle'],
        [bidang, sub.id, 'unit.cycle'],
        [seksi, sub.id, 'unit.cycle'],
        [seksi, foreign.id, 'unit.parent_other_opd'],
        [seksi, '0190c6f4-7c4e-7000-8000-000000000000', 'unit.parent_not_found'],
      ] as const) {
        const res = await t.admin.patch(`/api/v1/unit/${unit.id}`, { parentId }, { headers: { 'if-match': '"v1"' } });
        assert.equal(res.status, 422, `${unit.nama} under ${parentId}`);
        assert.equal(res.body.code, code);
      }
      assert.deepEqual(await footprint(), before);
    });

    it('close: children in force afterwards → 422; leaf first, then the parent; unit.closed events', async () => {
      const bidang = await addUnit(opdA, { nama: 'Bidang Ditutup', jenis: 'bidang' });
      const seksi = await addUnit(opdA, { nama: 'Seksi Ditutup', jenis: 'seksi', parentId: bidang.id });
      const before = await footprint();
      const blocked = await t.admin.post(`/api/v1/unit/${bidang.id}/close`, { berlakuSampai: '2024-12-31' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(blocked.status, 422);
      assert.equal(blocked.body.code, 'unit.open_children');
      const early = await t.admin.post(`/api/v1/unit/${seksi.id}/close`, { berlakuSampai: '2023-12-31' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(early.status, 422);
      assert.equal(early.body.code, 'unit.not_in_force');
      assert.equal((await t.admin.post(`/api/v1/unit/${seksi.id}/close`, { berlakuSampai: '2024-12-31' })).status, 428);
      assert.deepEqual(await footprint(), before);

      const leaf = await t.admin.post(`/api/v1/unit/${seksi.id}/close`, { berlakuSampai: '2024-12-31', reason: 'Perwali 12/2024' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(leaf.status, 200, JSON.stringify(leaf.body));
      assert.equal(leaf.body.berlakuSampai, '2024-12-31');
      assert.equal(leaf.headers.get('etag'), '"v2"');
      const parent = await t.admin.post(`/api/v1/unit/${bidang.id}/close`, { berlakuSampai: '2024-12-31' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(parent.status, 200);
      const events = await eventsOfRequest(leaf.headers.get('x-request-id')!);
      assert.deepEqual(events.map((e) => e.payload), [{ id: seksi.id, opdId: opdA.id, opdKode: opdA.kode, version: 2, berlakuSampai: '2024-12-31', reason: 'Perwali 12/2024' }]);
      assert.equal(events[0]!.type, 'unit.closed');
      const names = (await struktur(opdA, '2025-01-01')).units.map((u) => u.nama);
      assert.ok(!names.includes('Bidang Ditutup') && !names.includes('Seksi Ditutup'));
      assert.ok((await struktur(opdA, '2024-12-31')).units.some((u) => u.nama === 'Seksi Ditutup'));
    });

    it('archive a unit entered by mistake: not while it has sub-units; then hidden from the chart', async () => {
      const bidang = await addUnit(opdA, { nama: 'Bidang Salah Input', jenis: 'bidang' });
      const seksi = await addUnit(opdA, { nama: 'Seksi Salah Input', jenis: 'seksi', parentId: bidang.id });
      const blocked = await t.admin.post(`/api/v1/unit/${bidang.id}/archive`, { reason: 'Salah input' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(blocked.status, 422);
      assert.equal(blocked.body.code, 'unit.has_children');
      const leaf = await t.admin.post(`/api/v1/unit/${seksi.id}/archive`, { reason: 'Salah input' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(leaf.status, 200);
      assert.equal(leaf.body.archiveReason, 'Salah input');
      assert.equal((await t.admin.post(`/api/v1/unit/${bidang.id}/archive`, { reason: 'Salah input' }, { headers: { 'if-match': '"v1"' } })).status, 200);
      const frozen = await t.admin.patch(`/api/v1/unit/${bidang.id}`, { nama: 'Lagi' }, { headers: { 'if-match': '"v2"' } });
      assert.equal(frozen.status, 409);
      assert.equal(frozen.body.code, 'record.archived');
      assert.ok(!(await struktur(opdA, '2024-06-01')).units.some((u) => u.nama.includes('Salah Input')));
    });
  });

  describe('jabatan', () => {
    it('structural positions need an eselon, others must not have one; 201 with jabatan.created; listed on the unit and in the chart', async () => {
      const bidang = await addUnit(opdA, { nama: 'Bidang Jabatan', jenis: 'bidang', berlakuMulai: '2023-01-01' });
      const before = await footprint();
      for (const [body, field] of [
        [{ nama: 'Kepala Bidang', jenis: 'struktural' }, 'eselon'],
        [{ nama: 'Kepala Bidang', jenis: 'struktural', eselon: null }, 'eselon'],
        [{ nama: 'Pranata Komputer', jenis: 'fungsional', eselon: 'IV.a' }, 'eselon'],
        [{ nama: 'Pengadministrasi', jenis: 'pelaksana', eselon: 'IV.b' }, 'eselon'],
      ] as const) {
        const res = await t.admin.post(`/api/v1/unit/${bidang.id}/jabatan`, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.deepEqual(violations(res), [{ field, rule: 'jabatan.eselon_struktural' }]);
      }
      const badEselon = await t.admin.post(`/api/v1/unit/${bidang.id}/jabatan`, { nama: 'Kepala', jenis: 'struktural', eselon: 'VI.a' });
      assert.equal(badEselon.status, 400);
      assert.deepEqual(await footprint(), before);

      const staff = await t.admin.post(`/api/v1/unit/${bidang.id}/jabatan`, { nama: 'Pengelola Layanan Operasional', jenis: 'pelaksana' });
      const head = await t.admin.post(`/api/v1/unit/${bidang.id}/jabatan`, { nama: 'Kepala Bidang Jabatan', jenis: 'struktural', eselon: 'III.b' });
      const expert = await t.admin.post(`/api/v1/unit/${bidang.id}/jabatan`, { nama: 'Pranata Komputer Ahli Muda', jenis: 'fungsional' });
      for (const res of [staff, head, expert]) assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(head.body.eselon, 'III.b');
      assert.equal(head.body.unitId, bidang.id);
      const events = await eventsOfRequest(head.headers.get('x-request-id')!);
      assert.deepEqual(events.map((e) => e.payload), [
        { id: head.body.id, unitId: bidang.id, opdId: opdA.id, opdKode: opdA.kode, nama: 'Kepala Bidang Jabatan', jenis: 'struktural', eselon: 'III.b', version: 1 },
      ]);
      assert.equal(events[0]!.type, 'jabatan.created');
      const order = ['Kepala Bidang Jabatan', 'Pranata Komputer Ahli Muda', 'Pengelola Layanan Operasional'];
      assert.deepEqual((await t.admin.get(`/api/v1/unit/${bidang.id}`)).body.jabatan.map((j: any) => j.nama), order);
      const inChart = (await struktur(opdA, '2023-06-01')).units.find((u) => u.id === bidang.id)!;
      assert.deepEqual(inChart.jabatan.map((j: any) => [j.nama, j.eselon]), [[order[0], 'III.b'], [order[1], null], [order[2], null]]);
    });
  });

  describe('OPD operator scope', () => {
    it('an operator of OPD A writing OPD B’s units → 403 auth.forbidden and nothing written; A’s own → success', async () => {
      const unitB = await addUnit(opdB, { nama: 'Bidang Pencegahan Penyakit', jenis: 'bidang' });
      const unitA = await addUnit(opdA, { nama: 'Bidang Statistik Uji', jenis: 'bidang' });
      const before = await footprint();
      const attempts: [string, string, unknown, Record<string, string>][] = [
        ['PATCH', `/api/v1/unit/${unitB.id}`, { nama: 'Diambil Alih' }, { 'if-match': '"v1"' }],
        ['POST', `/api/v1/unit/${unitB.id}/close`, { berlakuSampai: '2024-12-31' }, { 'if-match': '"v1"' }],
        ['POST', `/api/v1/unit/${unitB.id}/archive`, { reason: 'Bukan milik' }, { 'if-match': '"v1"' }],
        ['POST', `/api/v1/unit/${unitB.id}/jabatan`, { nama: 'Penyusup', jenis: 'pelaksana' }, {}],
        ['POST', `/api/v1/opd/${opdB.kode}/unit`, { nama: 'Bidang Titipan', jenis: 'bidang' }, {}],
        ['POST', `/api/v1/opd/${opdB.id}/reorganisasi`, { tanggal: '2025-01-01', tutup: [unitB.id], buka: [] }, {}],
      ];
      for (const [method, path, body, headers] of attempts) {
        const res = await operatorA.request(method, path, { body, headers });
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal(res.body.code, 'auth.forbidden');
      }
      // B's unit cannot be pulled into A's tree through A either.
      const pulled = await operatorA.patch(`/api/v1/unit/${unitA.id}`, { parentId: unitB.id }, { headers: { 'if-match': '"v1"' } });
      assert.equal(pulled.status, 422);
      assert.deepEqual(await footprint(), before);
      const warga = await signInAs('warga-unit', [{ role: 'warga' }]);
      assert.equal((await warga.patch(`/api/v1/unit/${unitA.id}`, { nama: 'X' }, { headers: { 'if-match': '"v1"' } })).status, 403);
      assert.equal((await warga.get(`/api/v1/unit/${unitA.id}`)).status, 200);

      const own = await operatorA.patch(`/api/v1/unit/${unitA.id}`, { nama: 'Bidang Statistik dan Persandian' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(own.status, 200, JSON.stringify(own.body));
      assert.equal(own.body.nama, 'Bidang Statistik dan Persandian');
      const child = await operatorA.post(`/api/v1/opd/${opdA.kode}/unit`, { nama: 'Seksi Statistik', jenis: 'seksi', parentId: unitA.id, berlakuMulai: '2024-01-01' });
      assert.equal(child.status, 201);
      assert.equal((await operatorA.post(`/api/v1/unit/${child.body.id}/jabatan`, { nama: 'Statistisi Ahli Pertama', jenis: 'fungsional' })).status, 201);
      const history = (await t.admin.get(`/api/v1/unit/${unitA.id}/history`)).body.items;
      assert.equal(history[0].actorName, 'operator-kominfo');
    });
  });

  describe('reorganisation', () => {
    let kec: Record<string, any>;
    const ids: Record<string, string> = {};

    before(async () => {
      kec = (await t.admin.post('/api/v1/opd', { kode: '7.01.0.00.0.00.01.0000', nama: 'Kecamatan Padang Barat', jenis: 'kecamatan', kodeWilayah: '13.71.03' })).body;
      const add = async (key: string, nama: string, jenis: string, parent?: string) => {
        ids[key] = (await addUnit(kec, { nama, jenis, parentId: parent ? ids[parent] : undefined, berlakuMulai: '2022-01-01' })).id;
      };
      await add('sekretariat', 'Sekretariat Kecamatan', 'sekretariat');
      await add('umum', 'Sub Bagian Umum dan Kepegawaian', 'sub_bagian', 'sekretariat');
      await add('pemerintahan', 'Seksi Pemerintahan', 'seksi');
      await add('trantib', 'Seksi Ketenteraman dan Ketertiban Umum', 'seksi');
      await add('pembangunan', 'Seksi Pembangunan', 'seksi');
      await add('ekonomi', 'Sub Seksi Ekonomi', 'lainnya', 'pembangunan');
    });

    it('closes and opens units atomically with one opd.reorganised event; the chart before and after the date differs', async () => {
      const oldChart = [
        'Sekretariat Kecamatan',
        '  Sub Bagian Umum dan Kepegawaian',
        'Seksi Ketenteraman dan Ketertiban Umum',
        'Seksi Pembangunan',
        '  Sub Seksi Ekonomi',
        'Seksi Pemerintahan',
      ];
      assert.deepEqual(outline(await struktur(kec, '2024-12-31')), oldChart);
      assert.deepEqual(outline(await struktur(kec, '2021-12-31')), []);

      const res = await operatorA.post(`/api/v1/opd/${kec.kode}/reorganisasi`, { tanggal: '2025-01-01', tutup: [ids.pembangunan], buka: [] });
      assert.equal(res.status, 403, 'an operator of another OPD');

      const reorg = await t.admin.post(`/api/v1/opd/${kec.kode}/reorganisasi`, {
        tanggal: '2025-01-01',
        keterangan: 'Perwali Padang No. 7 Tahun 2024',
        tutup: [ids.ekonomi, ids.pembangunan],
        buka: [
          // Listed before its parent: the order of entries does not matter.
          { parentRef: 'ekbang', nama: 'Sub Seksi Pemberdayaan Ekonomi', jenis: 'lainnya' },
          {
            ref: 'ekbang',
            nama: 'Seksi Ekonomi dan Pembangunan',
            jenis: 'seksi',
            jabatan: [
              { nama: 'Kepala Seksi Ekonomi dan Pembangunan', jenis: 'struktural', eselon: 'IV.a' },
              { nama: 'Pengelola Data Pembangunan', jenis: 'pelaksana' },
            ],
          },
          { parentRef: ids.sekretariat, nama: 'Sub Bagian Perencanaan dan Keuangan', jenis: 'sub_bagian' },
        ],
      });
      assert.equal(reorg.status, 200, JSON.stringify(reorg.body));
      assert.equal(reorg.body.tanggal, '2025-01-01');
      assert.deepEqual(reorg.body.closed.map((u: any) => [u.id, u.berlakuSampai, u.version]), [[ids.ekonomi, '2024-12-31', 2], [ids.pembangunan, '2024-12-31', 2]]);
      const opened = reorg.body.opened as any[];
      assert.deepEqual(opened.map((u) => [u.nama, u.berlakuMulai, u.berlakuSampai]), [
        ['Sub Seksi Pemberdayaan Ekonomi', '2025-01-01', null],
        ['Seksi Ekonomi dan Pembangunan', '2025-01-01', null],
        ['Sub Bagian Perencanaan dan Keuangan', '2025-01-01', null],
      ]);
      assert.equal(opened[0].parentId, opened[1].id);
      assert.equal(opened[2].parentId, ids.sekretariat);
      assert.deepEqual(opened[1].jabatan.map((j: any) => j.eselon), ['IV.a', null]);

      const events = await eventsOfRequest(reorg.headers.get('x-request-id')!);
      assert.deepEqual(events.map((e) => e.type), ['opd.reorganised']);
      const payload = events[0]!.payload as any;
      assert.equal(payload.id, kec.id);
      assert.equal(payload.tanggal, '2025-01-01');
      assert.equal(payload.keterangan, 'Perwali Padang No. 7 Tahun 2024');
      assert.deepEqual(payload.closed.map((c: any) => c.id), [ids.ekonomi, ids.pembangunan]);
      assert.deepEqual(payload.opened.map((o: any) => o.id), opened.map((u) => u.id));
      const audit = await t.kernel.db.selectFrom('core.audit_log').select('action').where('request_id', '=', reorg.headers.get('x-request-id')).orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), [
        'unit.closed', 'unit.closed', 'unit.created', 'jabatan.created', 'jabatan.created', 'unit.created', 'unit.created', 'opd.reorganised',
      ]);

      // The day before: the old chart, untouched. From the day: the new one.
      assert.deepEqual(outline(await struktur(kec, '2024-12-31')), oldChart);
      const newChart = await struktur(kec, '2025-01-01');
      assert.deepEqual(outline(newChart), [
        'Sekretariat Kecamatan',
        '  Sub Bagian Perencanaan dan Keuangan',
        '  Sub Bagian Umum dan Kepegawaian',
        'Seksi Ekonomi dan Pembangunan',
        '  Sub Seksi Pemberdayaan Ekonomi',
        'Seksi Ketenteraman dan Ketertiban Umum',
        'Seksi Pemerintahan',
      ]);
      assert.deepEqual(newChart.units.find((u) => u.nama === 'Seksi Ekonomi dan Pembangunan')!.jabatan.map((j: any) => j.nama), [
        'Kepala Seksi Ekonomi dan Pembangunan',
        'Pengelola Data Pembangunan',
      ]);
      assert.deepEqual(outline(await struktur(kec, '2030-06-01')), outline(newChart));

      const history = (await t.admin.get(`/api/v1/unit/${ids.pembangunan}/history`)).body.items;
      assert.deepEqual(history.map((h: any) => [h.version, h.action, h.snapshot.berlakuSampai]), [[2, 'closed', '2024-12-31'], [1, 'created', null]]);
    });

    it('a reorganisation that fails part-way writes nothing at all', async () => {
      const chart = outline(await struktur(kec, '2026-01-01'));
      const attempts: [Record<string, unknown>, number, string][] = [
        // The closing goes through, then a new unit names a parent that closes in the same reorganisation.
        [{ tutup: [ids.trantib], buka: [{ parentRef: ids.trantib, nama: 'Sub Seksi Linmas', jenis: 'lainnya' }] }, 422, 'unit.parent_not_in_force'],
        // A parent closing while its child stays.
        [{ tutup: [ids.sekretariat], buka: [] }, 422, 'unit.open_children'],
        // Already closed.
        [{ tutup: [ids.pembangunan], buka: [] }, 422, 'unit.not_in_force'],
        // A unit of another OPD.
        [{ tutup: [ids.trantib, (await addUnit(opdB, { nama: 'Bidang Lain', jenis: 'bidang' })).id], buka: [] }, 404, 'unit.not_found'],
        [{ tutup: [], buka: [{ ref: 'a', parentRef: 'b', nama: 'A', jenis: 'seksi' }, { ref: 'b', parentRef: 'a', nama: 'B', jenis: 'seksi' }] }, 422, 'unit.cycle'],
        [{ tutup: [], buka: [{ parentRef: 'tidak-ada', nama: 'A', jenis: 'seksi' }] }, 422, 'unit.parent_not_found'],
        [{ tutup: [], buka: [] }, 400, 'request.invalid'],
        [{ tutup: [ids.trantib, ids.trantib], buka: [] }, 400, 'request.invalid'],
        [{ tutup: [], buka: [{ nama: 'Kepala', jenis: 'seksi', jabatan: [{ nama: 'Kasi', jenis: 'struktural' }] }] }, 400, 'request.invalid'],
        [{ tutup: [], buka: [{ ref: 'x', nama: 'A', jenis: 'seksi' }, { ref: 'x', nama: 'B', jenis: 'seksi' }] }, 400, 'request.invalid'],
      ];
      const footprintAfterFixture = await footprint();
      for (const [body, status, code] of attempts) {
        const res = await t.admin.post(`/api/v1/opd/${kec.id}/reorganisasi`, { tanggal: '2026-01-01', ...body });
        assert.equal(res.status, status, JSON.stringify(body));
        assert.equal(res.body.code, code, JSON.stringify(body));
      }
      assert.deepEqual(await footprint(), footprintAfterFixture);
      assert.deepEqual(outline(await struktur(kec, '2026-01-01')), chart);
    });

    it('registry functions for other modules read the same data', async () => {
      assert.equal((await getOpd(t.kernel.db, kec.kode.toLowerCase())).id, kec.id);
      assert.equal((await getUnit(t.kernel.db, ids.trantib!)).opdKode, kec.kode);
      assert.equal(await unitBelongsToOpd(t.kernel.db, ids.trantib!, kec.kode), true);
      assert.equal(await unitBelongsToOpd(t.kernel.db, ids.trantib!, kec.id), true);
      assert.equal(await unitBelongsToOpd(t.kernel.db, ids.trantib!, opdA.kode), false);
      assert.equal(await unitBelongsToOpd(t.kernel.db, '0190c6f4-7c4e-7000-8000-000000000000', kec.kode), false);
      const chart = await strukturAsOf(t.kernel.db, kec.id, '2024-12-31');
      assert.equal(chart.units.length, 6);
    });

    it('struktur: a bad date → 400; an unknown OPD → 404; default date is today (WIB)', async () => {
      for (const tanggal of ['2024-02-30', '24-01-01', 'kemarin', '0001-01-01']) {
        const res = await t.admin.get(`/api/v1/opd/${kec.kode}/struktur?tanggal=${tanggal}`);
        assert.equal(res.status, 400, tanggal);
      }
      assert.equal((await t.admin.get('/api/v1/opd/TIDAK-ADA/struktur')).status, 404);
      const today = await t.admin.get(`/api/v1/opd/${kec.kode}/struktur`);
      assert.equal(today.status, 200);
      assert.equal(today.body.tanggal, new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()));
      assert.equal(today.body.opd.id, kec.id);
    });
  });
});
