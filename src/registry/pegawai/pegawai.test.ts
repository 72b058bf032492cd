import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/helpers/server.js';

const KODE_A = '1.01.0.00.0.00.01.0000';
const KODE_B = '1.02.0.00.0.00.01.0000';

describe('registry pegawai', () => {
  let t: TestServer;
  let operatorA: ApiClient;
  let pimpinan: ApiClient;
  const opd = { A: '', B: '' };
  const unit = { A1: '', A2: '', B1: '' };
  let jabatanA2 = '';

  const base = (over: Record<string, unknown> = {}) => ({
    nip: '19660801 198803 1 001',
    nama: 'Budi Saputra',
    jenisKelamin: 'L',
    tanggalLahir: '1966-08-01',
    jenis: 'pns',
    golongan: 'III/a',
    opdRef: KODE_A,
    unitId: unit.A1,
    namaJabatan: 'Pengadministrasi Umum',
    tmtJabatan: '2020-01-01',
    email: 'budi.saputra@padang.go.id',
    telepon: '081234567890',
    ...over,
  });
  let serial = 100;
  /** A fresh valid NIP for a man born 1980-05-17, CPNS March 2005. */
  const nextNip = () => `198005172005031${String(++serial).padStart(3, '0')}`;
  const fresh = (over: Record<string, unknown> = {}) =>
    base({ nip: nextNip(), tanggalLahir: '1980-05-17', nama: `Pegawai ${serial}`, ...over });

  const outbox = async (type: string, entityId: string) =>
    t.kernel.db.selectFrom('core.outbox').select(['type', 'payload']).where('type', '=', type).where('entity_id', '=', entityId).execute();

  const user = async (username: string, role: string, scopeCode?: string) => {
    const created = await t.admin.post('/api/v1/users', {
      username,
      displayName: username,
      password: `kata-sandi-${username}`,
      roles: [scopeCode ? { role, scopeCode } : { role }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const client = t.client();
    assert.equal((await client.login(username, `kata-sandi-${username}`)).status, 200);
    return client;
  };

  before(async () => {
    t = await startTestServer();
    for (const [key, kode, nama] of [['A', KODE_A, 'Dinas Pendidikan'], ['B', KODE_B, 'Dinas Kesehatan']] as const) {
      const res = await t.admin.post('/api/v1/opd', { kode, nama, jenis: 'dinas' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      opd[key] = res.body.id;
    }
    const mkUnit = async (opdRef: string, nama: string) => {
      const res = await t.admin.post(`/api/v1/opd/${opdRef}/unit`, { nama, jenis: 'bidang', berlakuMulai: '2000-01-01' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body.id as string;
    };
    unit.A1 = await mkUnit(KODE_A, 'Bidang Pembinaan SD');
    unit.A2 = await mkUnit(KODE_A, 'Bidang Pembinaan SMP');
    unit.B1 = await mkUnit(KODE_B, 'Bidang Pelayanan Kesehatan');
    const jab = await t.admin.post(`/api/v1/unit/${unit.A2}/jabatan`, { nama: 'Analis Kurikulum', jenis: 'fungsional' });
    assert.equal(jab.status, 201, JSON.stringify(jab.body));
    jabatanA2 = jab.body.id;
    operatorA = await user('operator-a', 'opd_operator', KODE_A);
    pimpinan = await user('pimpinan-1', 'pimpinan');
  });
  after(() => t.close());

  describe('create and NIP rules', () => {
    it('creates a PNS with a valid NIP, opens the first position and emits pegawai.created', async () => {
      const res = await t.admin.post('/api/v1/pegawai', base());
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.nip, '196608011988031001');
      assert.equal(res.body.pangkat, 'Penata Muda');
      assert.equal(res.body.opdId, opd.A);
      assert.equal(res.body.namaJabatan, 'Pengadministrasi Umum');
      assert.equal(res.body.tmtJabatan, '2020-01-01');
      assert.equal(res.headers.get('etag'), '"v1"');
      assert.equal((await outbox('pegawai.created', res.body.id)).length, 1);
    });

    const cases: [string, Record<string, unknown>, string][] = [
      ['digits', { nip: '19660801 198803 1 00X' }, 'nip.digits'],
      ['length', { nip: '1966080119880310011' }, 'nip.length'],
      ['birth date', { nip: '196613011988031001', tanggalLahir: '1966-08-01' }, 'nip.birth_date'],
      ['tmt cpns month', { nip: '196608011988131001' }, 'nip.tmt_cpns'],
      ['tmt cpns before 18', { nip: '196608011975031001' }, 'nip.tmt_cpns'],
      ['gender digit', { nip: '196608011988033001' }, 'nip.gender_digit'],
      ['serial', { nip: '196608011988031000' }, 'nip.serial_zero'],
      ['birth date mismatch', { nip: '196608011988031002', tanggalLahir: '1966-08-02' }, 'nip.mismatch_birth_date'],
      ['sex mismatch', { nip: '196608011988032001', jenisKelamin: 'L' }, 'nip.mismatch_sex'],
      ['PNS without NIP', { nip: null }, 'pegawai.nip_required'],
      ['non-ASN with NIP', { jenis: 'non_asn', golongan: null }, 'pegawai.nip_not_allowed'],
      ['PNS without golongan', { nip: '196608011988031003', golongan: null }, 'pegawai.golongan_pns'],
      ['PPPK with a PNS golongan', { nip: '196608011988031004', jenis: 'pppk', golongan: 'III/a' }, 'pegawai.golongan_pppk'],
    ];
    for (const [name, over, rule] of cases) {
      it(`${name} alone → 422 naming ${rule}`, async () => {
        const res = await t.admin.post('/api/v1/pegawai', base(over));
        assert.equal(res.status, 422, JSON.stringify(res.body));
        assert.equal(res.body.code, 'pegawai.invalid');
        assert.deepEqual(res.body.errors.map((e: { rule: string }) => e.rule), [rule]);
        assert.ok(res.body.errors[0].message.length > 0);
      });
    }

    it('a duplicate NIP → 409, also written with separators', async () => {
      const res = await t.admin.post('/api/v1/pegawai', base({ nip: '19660801-198803-1-001' }));
      assert.equal(res.status, 409);
      assert.equal(res.body.code, 'pegawai.nip_taken');
    });

    it('non-ASN without NIP is fine, several of them', async () => {
      for (const nama of ['Rina Koto', 'Andi Tanjung']) {
        const res = await t.admin.post('/api/v1/pegawai', base({ nip: null, nama, jenis: 'non_asn', golongan: null, tanggalLahir: '1995-02-03' }));
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.equal(res.body.nip, null);
      }
    });

    it('PPPK: digits 9–14 are not held to the TMT CPNS rule', async () => {
      const res = await t.admin.post('/api/v1/pegawai', base({ nip: '199001012021152001', jenis: 'pppk', golongan: 'IX', jenisKelamin: 'P', tanggalLahir: '1990-01-01' }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
    });

    it('a unit of another OPD → 422 pegawai.unit_opd; unknown OPD → 422 pegawai.opd_unknown', async () => {
      const wrongUnit = await t.admin.post('/api/v1/pegawai', fresh({ unitId: unit.B1 }));
      assert.equal(wrongUnit.status, 422);
      assert.deepEqual(wrongUnit.body.errors.map((e: { rule: string }) => e.rule), ['pegawai.unit_opd']);
      const noOpd = await t.admin.post('/api/v1/pegawai', fresh({ opdRef: '9.99' }));
      assert.equal(noOpd.status, 422);
      assert.equal(noOpd.body.errors[0].rule, 'pegawai.opd_unknown');
    });
  });

  describe('read, ETag and If-Match', () => {
    it('GET by id and by NIP with spaces; ETag; 404 for unknown', async () => {
      const byNip = await t.admin.get(`/api/v1/pegawai/${encodeURIComponent('19660801 198803 1 001')}`);
      assert.equal(byNip.status, 200);
      assert.equal(byNip.headers.get('etag'), '"v1"');
      assert.equal(byNip.body.email, 'budi.saputra@padang.go.id');
      const byId = await t.admin.get(`/api/v1/pegawai/${byNip.body.id}`);
      assert.equal(byId.body.nip, '196608011988031001');
      assert.equal((await t.admin.get('/api/v1/pegawai/196608011988031999')).status, 404);
    });

    it('a city-wide reader who does not manage the OPD sees personal fields masked', async () => {
      const res = await pimpinan.get('/api/v1/pegawai/196608011988031001');
      assert.equal(res.status, 200);
      assert.equal(res.body.tanggalLahir, '1966-**-**');
      assert.notEqual(res.body.email, 'budi.saputra@padang.go.id');
      assert.notEqual(res.body.telepon, '081234567890');
    });

    it('PATCH: 428 without If-Match, 412 when stale, 200 and pegawai.updated with the changed fields', async () => {
      const created = await t.admin.post('/api/v1/pegawai', fresh());
      const ref = created.body.nip;
      assert.equal((await t.admin.patch(`/api/v1/pegawai/${ref}`, { golongan: 'III/b' })).status, 428);
      const stale = await t.admin.patch(`/api/v1/pegawai/${ref}`, { golongan: 'III/b' }, { headers: { 'if-match': '"v9"' } });
      assert.equal(stale.status, 412);
      const ok = await t.admin.patch(`/api/v1/pegawai/${ref}`, { golongan: 'III/b', nama: 'Nama Baru' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.headers.get('etag'), '"v2"');
      assert.equal(ok.body.pangkat, 'Penata Muda Tingkat I');
      const events = await outbox('pegawai.updated', created.body.id);
      assert.equal(events.length, 1);
      assert.deepEqual([...(events[0]!.payload as { changed: string[] }).changed].sort(), ['golongan', 'nama']);
      // The same If-Match again is now stale.
      assert.equal((await t.admin.patch(`/api/v1/pegawai/${ref}`, { nama: 'Lagi' }, { headers: { 'if-match': '"v1"' } })).status, 412);
    });

    it('PATCH re-validates a changed NIP and a changed birth date against the NIP', async () => {
      const created = await t.admin.post('/api/v1/pegawai', fresh());
      const res = await t.admin.patch(`/api/v1/pegawai/${created.body.id}`, { tanggalLahir: '1980-05-18' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body.errors.map((e: { rule: string }) => e.rule), ['nip.mismatch_birth_date']);
      const taken = await t.admin.patch(`/api/v1/pegawai/${created.body.id}`, { nip: '196608011988031001', tanggalLahir: '1966-08-01' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(taken.status, 409);
    });
  });

  describe('OPD scoping', () => {
    let employeeB = '';
    before(async () => {
      const res = await t.admin.post('/api/v1/pegawai', fresh({ opdRef: KODE_B, unitId: unit.B1 }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      employeeB = res.body.id;
    });

    it("an operator of A gets 404 reading B's employee and 403 writing it", async () => {
      assert.equal((await operatorA.get(`/api/v1/pegawai/${employeeB}`)).status, 404);
      assert.equal((await operatorA.get(`/api/v1/pegawai/${employeeB}/riwayat`)).status, 404);
      const patch = await operatorA.patch(`/api/v1/pegawai/${employeeB}`, { nama: 'X' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(patch.status, 403);
      assert.equal(patch.body.code, 'auth.forbidden');
      assert.equal((await operatorA.post(`/api/v1/pegawai/${employeeB}/arsip`, { alasan: 'salah input' }, { headers: { 'if-match': '"v1"' } })).status, 403);
      assert.equal((await operatorA.post('/api/v1/pegawai', fresh({ opdRef: KODE_B, unitId: unit.B1 }))).status, 403);
      const current = await t.admin.get(`/api/v1/pegawai/${employeeB}`);
      assert.equal(current.body.version, 1);
    });

    it('an operator of A lists only A and writes A’s employees, seeing personal data in full', async () => {
      const list = await operatorA.get('/api/v1/pegawai?limit=200&total=true');
      assert.equal(list.status, 200);
      assert.ok(list.body.items.length > 0);
      assert.ok(list.body.items.every((p: { opdId: string }) => p.opdId === opd.A));
      const created = await operatorA.post('/api/v1/pegawai', fresh());
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const read = await operatorA.get(`/api/v1/pegawai/${created.body.id}`);
      assert.equal(read.body.tanggalLahir, '1980-05-17');
    });

    it('an operator of A cannot move an employee of A into B', async () => {
      const created = await operatorA.post('/api/v1/pegawai', fresh());
      const res = await operatorA.post(`/api/v1/pegawai/${created.body.id}/mutasi`, { opdRef: KODE_B, unitId: unit.B1, namaJabatan: 'Staf', tmt: '2024-01-01' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(res.status, 403);
    });
  });

  describe('mutasi', () => {
    it('closes the old position, opens the new one, bumps the version once, one event, history', async () => {
      const created = await t.admin.post('/api/v1/pegawai', fresh());
      const id = created.body.id;
      const res = await t.admin.post(`/api/v1/pegawai/${id}/mutasi`, { opdRef: opd.B, unitId: unit.B1, namaJabatan: 'Pengelola Data', tmt: '2024-03-01' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.opdId, opd.B);
      assert.equal(res.body.unitId, unit.B1);
      assert.equal(res.body.tmtJabatan, '2024-03-01');
      assert.equal(res.headers.get('etag'), '"v2"');

      const riwayat = await t.admin.get(`/api/v1/pegawai/${id}/riwayat-jabatan`);
      assert.equal(riwayat.status, 200);
      assert.equal(riwayat.body.items.length, 2);
      const [now, old] = riwayat.body.items;
      assert.deepEqual([now.opdId, now.selesai, now.opdNama], [opd.B, null, 'Dinas Kesehatan']);
      assert.deepEqual([old.opdId, old.tmt, old.selesai], [opd.A, '2020-01-01', '2024-03-01']);

      const events = await t.kernel.db.selectFrom('core.outbox').select(['type', 'payload']).where('entity_id', '=', id).where('type', 'like', 'pegawai.%').execute();
      assert.deepEqual(events.map((e) => e.type).sort(), ['pegawai.created', 'pegawai.mutasi']);
      const payload = events.find((e) => e.type === 'pegawai.mutasi')!.payload as { from: { opdId: string }; to: { opdId: string; tmt: string } };
      assert.equal(payload.from.opdId, opd.A);
      assert.deepEqual([payload.to.opdId, payload.to.tmt], [opd.B, '2024-03-01']);

      const history = await t.admin.get(`/api/v1/pegawai/${id}/riwayat`);
      assert.deepEqual(history.body.items.map((h: { version: number; action: string }) => [h.version, h.action]), [[2, 'mutasi'], [1, 'created']]);
      assert.ok(history.body.items[0].changed.includes('opdId'));
      assert.equal(history.body.items[0].actorName, 'admin');
    });

    it('takes the jabatan name from organisasi, and refuses bad targets and dates with 422', async () => {
      const created = await t.admin.post('/api/v1/pegawai', fresh());
      const id = created.body.id;
      const h = { headers: { 'if-match': '"v1"' } };
      const wrongUnit = await t.admin.post(`/api/v1/pegawai/${id}/mutasi`, { opdRef: KODE_A, unitId: unit.B1, namaJabatan: 'X', tmt: '2024-01-01' }, h);
      assert.equal(wrongUnit.status, 422);
      assert.equal(wrongUnit.body.errors[0].rule, 'pegawai.unit_opd');
      const early = await t.admin.post(`/api/v1/pegawai/${id}/mutasi`, { opdRef: KODE_A, unitId: unit.A2, namaJabatan: 'X', tmt: '2019-01-01' }, h);
      assert.equal(early.status, 422);
      assert.equal(early.body.errors[0].rule, 'pegawai.tmt_order');
      const wrongJabatan = await t.admin.post(`/api/v1/pegawai/${id}/mutasi`, { opdRef: KODE_A, unitId: unit.A1, jabatanId: jabatanA2, tmt: '2024-01-01' }, h);
      assert.equal(wrongJabatan.status, 422);
      assert.ok(wrongJabatan.body.errors.some((e: { rule: string }) => e.rule === 'pegawai.jabatan_unit'));
      assert.equal((await t.admin.post(`/api/v1/pegawai/${id}/mutasi`, { opdRef: KODE_A, unitId: unit.A2, tmt: '2024-01-01' })).status, 428);
      const ok = await t.admin.post(`/api/v1/pegawai/${id}/mutasi`, { opdRef: KODE_A, unitId: unit.A2, jabatanId: jabatanA2, tmt: '2024-01-01' }, h);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual([ok.body.jabatanId, ok.body.namaJabatan], [jabatanA2, 'Analis Kurikulum']);
      // Nothing half-written by the refused attempts.
      assert.equal((await t.admin.get(`/api/v1/pegawai/${id}/riwayat-jabatan`)).body.items.length, 2);
    });
  });

  describe('archive and verification', () => {
    it('archives with a reason (If-Match), keeps the record, refuses later changes, verification says no', async () => {
      const created = await t.admin.post('/api/v1/pegawai', fresh());
      const nip = created.body.nip;
      const verify = await t.admin.post('/api/v1/pegawai/verifikasi', { nip: `${nip.slice(0, 8)} ${nip.slice(8)}`, nama: created.body.nama.toUpperCase() });
      assert.deepEqual(verify.body, { valid: true, aktif: true });
      assert.equal((await t.admin.post(`/api/v1/pegawai/${nip}/arsip`, { alasan: 'data ganda' })).status, 428);
      const archived = await t.admin.post(`/api/v1/pegawai/${nip}/arsip`, { alasan: 'data ganda' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(archived.status, 200);
      assert.equal(archived.body.archiveReason, 'data ganda');
      assert.ok(archived.body.archivedAt);
      assert.equal((await t.admin.get(`/api/v1/pegawai/${nip}`)).status, 200);
      assert.equal((await t.admin.patch(`/api/v1/pegawai/${nip}`, { nama: 'X' }, { headers: { 'if-match': '"v2"' } })).status, 409);
      assert.deepEqual((await t.admin.post('/api/v1/pegawai/verifikasi', { nip })).body, { valid: false, aktif: false });
      const list = await t.admin.get(`/api/v1/pegawai?q=${nip}`);
      assert.equal(list.body.items.length, 0);
      const withArchived = await t.admin.get(`/api/v1/pegawai?q=${nip}&includeArchived=true`);
      assert.equal(withArchived.body.items.length, 1);
      assert.equal((await outbox('pegawai.archived', created.body.id)).length, 1);
    });

    it('verification: unknown, wrong name, not in service; only the yes/no comes back', async () => {
      assert.deepEqual((await t.admin.post('/api/v1/pegawai/verifikasi', { nip: '196608011988031999' })).body, { valid: false, aktif: false });
      assert.deepEqual((await t.admin.post('/api/v1/pegawai/verifikasi', { nip: 'bukan nip' })).body, { valid: false, aktif: false });
      assert.deepEqual((await t.admin.post('/api/v1/pegawai/verifikasi', { nip: '196608011988031001', nama: 'Orang Lain' })).body, { valid: false, aktif: false });
      const created = await t.admin.post('/api/v1/pegawai', fresh({ status: 'pensiun' }));
      assert.deepEqual((await t.admin.post('/api/v1/pegawai/verifikasi', { nip: created.body.nip })).body, { valid: true, aktif: false });
      assert.equal((await pimpinan.post('/api/v1/pegawai/verifikasi', { nip: created.body.nip })).status, 403);
    });
  });

  describe('list', () => {
    it('filters per field, masks personal data, pages with a cursor, picks fields, counts', async () => {
      const all = await t.admin.get('/api/v1/pegawai?limit=200&total=true');
      assert.equal(all.status, 200);
      assert.equal(all.body.total, all.body.items.length);
      const budi = all.body.items.find((p: { nip: string }) => p.nip === '196608011988031001');
      assert.equal(budi.tanggalLahir, '1966-**-**');
      assert.equal(budi.email, 'bu**********@padang.go.id');

      const nonAsn = await t.admin.get('/api/v1/pegawai?jenis=non_asn&total=true');
      assert.equal(nonAsn.body.total, 2);
      assert.ok(nonAsn.body.items.every((p: { jenis: string }) => p.jenis === 'non_asn'));
      const byOpd = await t.admin.get(`/api/v1/pegawai?opd=${KODE_B}`);
      assert.ok(byOpd.body.items.length > 0 && byOpd.body.items.every((p: { opdId: string }) => p.opdId === opd.B));
      const byUnit = await t.admin.get(`/api/v1/pegawai?unit=${unit.A2}`);
      assert.ok(byUnit.body.items.every((p: { unitId: string }) => p.unitId === unit.A2));
      assert.equal((await t.admin.get('/api/v1/pegawai?golongan=III/b')).body.items.length, 1);
      assert.equal((await t.admin.get('/api/v1/pegawai?status=pensiun')).body.items.length, 1);
      const prefix = await t.admin.get('/api/v1/pegawai?q=rina');
      assert.deepEqual(prefix.body.items.map((p: { nama: string }) => p.nama), ['Rina Koto']);

      for (const sort of ['nama', '-nama', 'nip', '-tmt']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.admin.get(
            `/api/v1/pegawai?limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          seen.push(...page.body.items.map((p) => p.id));
          cursor = page.body.nextCursor;
        } while (cursor);
        assert.equal(seen.length, all.body.total, sort);
        assert.equal(new Set(seen).size, seen.length, sort);
      }
      const names = (await t.admin.get('/api/v1/pegawai?sort=-nama&limit=200')).body.items.map((p: { nama: string }) => p.nama);
      assert.deepEqual(names, [...names].sort((a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0)));

      const picked = await t.admin.get('/api/v1/pegawai?fields=nip,nama&limit=1');
      assert.deepEqual(Object.keys(picked.body.items[0]).sort(), ['id', 'nama', 'nip']);
      assert.equal((await t.admin.get('/api/v1/pegawai?fields=rahasia')).status, 400);
      assert.equal((await t.admin.get('/api/v1/pegawai?cursor=abc')).status, 400);
    });
  });

  it('is in the OpenAPI document', async () => {
    const doc = await t.client().get('/api/v1/openapi.json');
    for (const path of ['/api/v1/pegawai', '/api/v1/pegawai/{ref}', '/api/v1/pegawai/{ref}/mutasi', '/api/v1/pegawai/verifikasi', '/api/v1/pegawai/{ref}/riwayat-jabatan']) {
      assert.ok(doc.body.paths[path], path);
    }
  });
});
