import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type ApiClient, type ApiResponse, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { csvField, EXPORT_MAX_ROWS } from './ekspor.js';

/** A NIK: kecamatan digits, day (+40 for women), month, 2-digit year, serial. */
function nik(kecamatan: string, sex: 'L' | 'P', date: string, serial: number): string {
  const [y, m, d] = date.split('-');
  return `${kecamatan}${String(Number(d) + (sex === 'P' ? 40 : 0)).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}

const KK_A = '1371011203150001'; // family in 13.71.01.1001
const KK_B = '1371020101160002'; // family in 13.71.02.1001
const PASSWORD = 'kata-sandi-uji-123';
type Errors = { field: string; rule: string }[];
const rules = (res: ApiResponse) => (res.body.errors as Errors).map(({ field, rule }) => `${field}:${rule}`);

describe('penduduk', () => {
  let t: TestServer;
  let petugasA: ApiClient;
  let petugasB: ApiClient;
  let pimpinan: ApiClient;
  let warga: ApiClient;
  let counter = 1;
  /** Every full NIK, No. KK and birth date this file stores: none may appear where masking applies. */
  const personal = new Set<string>([KK_A, KK_B]);

  const person = (overrides: Record<string, unknown> = {}) => {
    const sex = (overrides.jenisKelamin as 'L' | 'P') ?? 'L';
    const tanggalLahir = (overrides.tanggalLahir as string) ?? '1990-03-12';
    const body = {
      nik: nik('137101', sex, tanggalLahir, counter++),
      noKk: KK_A,
      nama: 'Budi Santoso',
      jenisKelamin: sex,
      tempatLahir: 'Padang',
      tanggalLahir,
      agama: 1,
      pendidikan: 5,
      pekerjaan: 15,
      statusKawin: 2,
      shdk: 1,
      ...overrides,
    };
    personal.add(body.nik as string);
    personal.add(tanggalLahir);
    return body;
  };
  const create = async (client: ApiClient, overrides: Record<string, unknown> = {}) => {
    const body = person(overrides);
    const res = await client.post('/api/v1/penduduk', body);
    return { res, body };
  };
  const created = async (overrides: Record<string, unknown> = {}) => {
    const { res, body } = await create(t.admin, overrides);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return { id: res.body.id as string, nik: body.nik as string, etag: res.headers.get('etag')!, body };
  };
  const signIn = async (username: string, role: string, scopeCode?: string) => {
    const res = await t.admin.post('/api/v1/users', { username, displayName: username, password: PASSWORD, roles: [scopeCode ? { role, scopeCode } : { role }] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const client = t.client();
    assert.equal((await client.login(username, PASSWORD)).status, 200);
    return client;
  };
  const aksesRows = (pendudukId: string) =>
    t.kernel.db.withTables<{ 'penduduk.akses_log': { penduduk_id: string; reason: string; action: string; actor_name: string | null; nik: string } }>()
      .selectFrom('penduduk.akses_log').selectAll().where('penduduk_id', '=', pendudukId).execute();
  const auditOf = (entityId: string) =>
    t.kernel.db.selectFrom('core.audit_log').selectAll().where('entity_id', '=', entityId).orderBy('seq').execute();
  const outboxOf = (entityId: string) =>
    t.kernel.db.selectFrom('core.outbox').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();
  const assertNoPersonal = (text: string, label: string) => {
    for (const value of personal) assert.ok(!text.includes(value), `${label} contains ${value.slice(0, 4)}…`);
  };

  before(async () => {
    t = await startTestServer();
    for (const [noKk, kodeKelurahan] of [[KK_A, '13.71.01.1001'], [KK_B, '13.71.02.1001']] as const) {
      const res = await t.admin.post('/api/v1/keluarga', { noKk, kodeKelurahan, alamat: 'Jl. Sudirman No. 12', rt: '3', rw: '2' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    petugasA = await signIn('petugas-a', 'petugas_kelurahan', '13.71.01.1001');
    petugasB = await signIn('petugas-b', 'lurah', '13.71.02.1001');
    pimpinan = await signIn('pimpinan-kota', 'pimpinan');
    warga = await signIn('warga-satu', 'warga');
  });
  after(() => t.close());

  describe('create and NIK rules', () => {
    it('201 with a masked answer, an ETag, history, a masked audit entry and an event without values', async () => {
      const { res, body } = await create(t.admin, { nama: '  Siti   Rahma ', jenisKelamin: 'P', tanggalLahir: '1992-07-05', shdk: 3 });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.headers.get('etag'), '"v1"');
      assert.equal(res.body.nama, 'Siti Rahma');
      assert.equal(res.body.nik, `${(body.nik as string).slice(0, 6)}******${(body.nik as string).slice(-4)}`);
      assert.equal(res.body.tanggalLahir, null);
      assert.equal(res.body.tahunLahir, 1992);
      assert.equal(res.body.masked, true);
      assertNoPersonal(res.text, 'create answer');
      const audit = await auditOf(res.body.id);
      assert.deepEqual(audit.map((a) => a.action), ['penduduk.created']);
      assertNoPersonal(JSON.stringify(audit), 'audit');
      const events = await outboxOf(res.body.id);
      assert.deepEqual(events.map((e) => [e.type, e.payload]), [['penduduk.created', { id: res.body.id }]]);
    });

    const cases: [string, Record<string, unknown>, string][] = [
      ['nik.digits', { nik: '13710112039A0001' }, 'nik:nik.digits'],
      ['nik.length', { nik: '137101120390001' }, 'nik:nik.length'],
      ['nik.kecamatan_unknown', { nik: nik('999901', 'L', '1990-03-12', 7) }, 'nik:nik.kecamatan_unknown'],
      ['nik.birth_date', { nik: '1371013202900001' }, 'nik:nik.birth_date'],
      ['nik.serial_zero', { nik: nik('137101', 'L', '1990-03-12', 0) }, 'nik:nik.serial_zero'],
      ['nik.mismatch_birth_date', { nik: nik('137101', 'L', '1990-03-13', 8) }, 'nik:nik.mismatch_birth_date'],
      ['nik.mismatch_sex', { nik: nik('137101', 'P', '1990-03-12', 9) }, 'nik:nik.mismatch_sex'],
    ];
    for (const [rule, overrides, expected] of cases) {
      it(`422 naming ${rule} alone`, async () => {
        const { res } = await create(t.admin, overrides);
        assert.equal(res.status, 422, JSON.stringify(res.body));
        assert.equal(res.body.code, 'penduduk.invalid');
        assert.deepEqual(rules(res), [expected]);
      });
    }

    it('409 for a NIK already registered (archived ones included); 422 for an unknown family or code', async () => {
      const first = await created();
      const again = await t.admin.post('/api/v1/penduduk', { ...first.body });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'penduduk.nik_taken');
      assert.ok(!again.text.includes(first.nik));
      const unknownKk = await create(t.admin, { noKk: '1371019999990001' });
      assert.equal(unknownKk.res.status, 422);
      assert.deepEqual(rules(unknownKk.res), ['noKk:penduduk.keluarga_unknown']);
      const unknownCode = await create(t.admin, { pekerjaan: 90 });
      assert.equal(unknownCode.res.status, 422);
      assert.deepEqual(rules(unknownCode.res), ['pekerjaan:penduduk.kode_unknown']);
      const schema = await t.admin.post('/api/v1/penduduk', { nik: '1' });
      assert.equal(schema.status, 400);
    });
  });

  describe('reading, masked', () => {
    it('lists never contain a full NIK, No. KK or birth date; filters, sort, cursor, fields and total work', async () => {
      for (const nama of ['Zainal Abidin', 'Zahara Putri', 'Zubir Koto']) await created({ nama, shdk: 4 });
      const res = await t.admin.get('/api/v1/penduduk?limit=2&total=true&q=z&sort=nama');
      assert.equal(res.status, 200);
      assertNoPersonal(res.text, 'list');
      assert.equal(res.body.total, 3);
      assert.deepEqual(res.body.items.map((p: { nama: string }) => p.nama), ['Zahara Putri', 'Zainal Abidin']);
      const next = await t.admin.get(`/api/v1/penduduk?limit=2&q=z&sort=nama&cursor=${res.body.nextCursor}`);
      assert.deepEqual(next.body.items.map((p: { nama: string }) => p.nama), ['Zubir Koto']);
      assert.equal(next.body.nextCursor, null);
      const desc = await t.admin.get('/api/v1/penduduk?q=Z&sort=-nama&fields=nama,nik');
      assert.deepEqual(desc.body.items.map((p: Record<string, unknown>) => Object.keys(p).sort()), [['id', 'nama', 'nik'], ['id', 'nama', 'nik'], ['id', 'nama', 'nik']]);
      assert.equal(desc.body.items[0].nama, 'Zubir Koto');
      assert.match(desc.body.items[0].nik, /^137101\*{6}\d{4}$/);
      const byKk = await t.admin.get(`/api/v1/penduduk?noKk=${KK_B}&total=true`);
      assert.equal(byKk.body.total, 0);
      assert.equal((await t.admin.get('/api/v1/penduduk?fields=bogus')).status, 400);
      assert.equal((await t.admin.get('/api/v1/penduduk?cursor=abc')).status, 400);
    });

    it('one resident by id, by NIK in the URL and by NIK in the body: masked, with an ETag', async () => {
      const p = await created();
      for (const res of [await t.admin.get(`/api/v1/penduduk/${p.id}`), await t.admin.get(`/api/v1/penduduk/${p.nik}`), await t.admin.post('/api/v1/penduduk/cari', { nik: p.nik })]) {
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.id, p.id);
        assert.equal(res.headers.get('etag'), '"v1"');
        assertNoPersonal(res.text, 'one resident');
      }
      assert.equal((await t.admin.post('/api/v1/penduduk/cari', { nik: '1371011111110001' })).status, 404);
      const keluarga = await t.admin.get(`/api/v1/keluarga/${KK_A}`);
      assert.equal(keluarga.status, 200);
      assert.ok(keluarga.body.anggota.some((m: { id: string }) => m.id === p.id));
      assertNoPersonal(keluarga.text, 'keluarga');
      assert.equal(keluarga.body.rt, '003');
    });
  });

  describe('full record with a reason, and the access log', () => {
    it('400 without a reason or with a short one, nothing logged; 200 with one, logged in the same breath and audited', async () => {
      const p = await created();
      for (const body of [{}, { alasan: 'cek' }, { alasan: '           ' }]) {
        const res = await petugasA.post(`/api/v1/penduduk/${p.id}/lengkap`, body);
        assert.equal(res.status, 400, JSON.stringify(body));
      }
      assert.equal((await aksesRows(p.id)).length, 0);
      const alasan = 'Verifikasi surat keterangan domisili';
      const res = await petugasA.post(`/api/v1/penduduk/${p.id}/lengkap`, { alasan });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.nik, p.nik);
      assert.equal(res.body.tanggalLahir, '1990-03-12');
      assert.equal(res.body.masked, false);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const rows = await aksesRows(p.id);
      assert.deepEqual(rows.map((r) => [r.action, r.reason, r.actor_name, r.nik]), [['view_full', alasan, 'petugas-a', p.nik]]);
      const audit = (await auditOf(p.id)).filter((a) => a.action === 'penduduk.view_full');
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_name, 'petugas-a');
      assertNoPersonal(JSON.stringify(audit), 'audit');

      const log = await petugasA.get(`/api/v1/penduduk/${p.id}/akses-log`);
      assert.equal(log.status, 200);
      assert.deepEqual(log.body.items.map((e: { action: string; reason: string; actorName: string }) => [e.action, e.reason, e.actorName]), [['view_full', alasan, 'petugas-a']]);
      assertNoPersonal(log.text, 'akses log');
      assert.equal((await pimpinan.post(`/api/v1/penduduk/${p.id}/lengkap`, { alasan })).status, 403);
      assert.equal((await pimpinan.get(`/api/v1/penduduk/${p.id}/akses-log`)).status, 403);
      assert.equal((await warga.get(`/api/v1/penduduk/${p.id}/akses-log`)).status, 403);
    });
  });

  describe('kelurahan scope', () => {
    it('an officer of 13.71.01.1001 gets 404 reading and 403 changing a resident of 13.71.02.1001; the city leader reads both', async () => {
      const own = await created();
      const other = await created({ noKk: KK_B });
      assert.equal((await petugasA.get(`/api/v1/penduduk/${own.id}`)).status, 200);
      assert.equal((await petugasA.get(`/api/v1/penduduk/${other.id}`)).status, 404);
      assert.equal((await petugasA.post('/api/v1/penduduk/cari', { nik: other.nik })).status, 404);
      assert.equal((await petugasA.post(`/api/v1/penduduk/${other.id}/lengkap`, { alasan: 'Ingin tahu saja ya' })).status, 404);
      assert.equal((await petugasA.get(`/api/v1/penduduk/${other.id}/riwayat`)).status, 404);
      assert.equal((await petugasA.get(`/api/v1/keluarga/${KK_B}`)).status, 404);
      const patch = await petugasA.patch(`/api/v1/penduduk/${other.id}`, { nama: 'Diubah' }, { headers: { 'if-match': other.etag } });
      assert.equal(patch.status, 403);
      assert.equal((await petugasA.post(`/api/v1/penduduk/${other.id}/arsip`, { alasan: 'pindah' }, { headers: { 'if-match': other.etag } })).status, 403);
      assert.equal((await create(petugasA, { noKk: KK_B })).res.status, 403);
      assert.equal((await t.admin.get(`/api/v1/penduduk/${other.id}`)).body.nama, 'Budi Santoso');
      const list = await petugasA.get('/api/v1/penduduk?limit=200');
      assert.ok(list.body.items.every((p: { kodeKelurahan: string }) => p.kodeKelurahan === '13.71.01.1001'));
      assert.ok(list.body.items.some((p: { id: string }) => p.id === own.id));
      const listB = await petugasB.get('/api/v1/penduduk?limit=200');
      assert.deepEqual(listB.body.items.map((p: { id: string }) => p.id), [other.id]);
      assert.equal((await pimpinan.get(`/api/v1/penduduk/${other.id}`)).status, 200);
      assert.equal((await pimpinan.patch(`/api/v1/penduduk/${other.id}`, { nama: 'X' }, { headers: { 'if-match': other.etag } })).status, 403);
      assert.equal((await warga.get('/api/v1/penduduk')).status, 403);
      const created201 = await create(petugasA);
      assert.equal(created201.res.status, 201);
    });
  });

  describe('changes', () => {
    it('PATCH: 428 without If-Match, 412 when stale, 200 with the next ETag; event names fields only; NIK never changes', async () => {
      const p = await created();
      const missing = await petugasA.patch(`/api/v1/penduduk/${p.id}`, { pekerjaan: 88 });
      assert.equal(missing.status, 428);
      const stale = await petugasA.patch(`/api/v1/penduduk/${p.id}`, { pekerjaan: 88 }, { headers: { 'if-match': '"v9"' } });
      assert.equal(stale.status, 412);
      const ok = await petugasA.patch(`/api/v1/penduduk/${p.id}`, { pekerjaan: 88, nama: 'Budi Santoso Putra', statusKawin: 3 }, { headers: { 'if-match': p.etag } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.headers.get('etag'), '"v2"');
      assert.equal(ok.body.pekerjaan, 88);
      assertNoPersonal(ok.text, 'patch answer');
      const again = await petugasA.patch(`/api/v1/penduduk/${p.id}`, { pekerjaan: 15 }, { headers: { 'if-match': p.etag } });
      assert.equal(again.status, 412);
      const updated = (await outboxOf(p.id)).filter((e) => e.type === 'penduduk.updated');
      assert.deepEqual(updated.map((e) => e.payload), [{ id: p.id, changed: ['nama', 'pekerjaan', 'statusKawin'] }]);
      const events = JSON.stringify(await outboxOf(p.id));
      assertNoPersonal(events, 'events');
      assert.ok(!events.includes('Budi Santoso Putra'), 'events carry no names');
      const nikChange = await petugasA.patch(`/api/v1/penduduk/${p.id}`, { nik: '1371011203900099' }, { headers: { 'if-match': '"v2"' } });
      assert.equal(nikChange.status, 422);
      assert.deepEqual(rules(nikChange), ['nik:penduduk.nik_immutable']);
      const badSex = await petugasA.patch(`/api/v1/penduduk/${p.id}`, { jenisKelamin: 'P' }, { headers: { 'if-match': '"v2"' } });
      assert.equal(badSex.status, 422);
      assert.deepEqual(rules(badSex), ['nik:nik.mismatch_sex']);
    });

    it('archive with a reason: If-Match, gone from lists, still readable, no further changes; history masked', async () => {
      const p = await created({ nama: 'Yusuf Arsip' });
      assert.equal((await petugasA.post(`/api/v1/penduduk/${p.id}/arsip`, { alasan: 'Data ganda' })).status, 428);
      const res = await petugasA.post(`/api/v1/penduduk/${p.id}/arsip`, { alasan: 'Data ganda' }, { headers: { 'if-match': p.etag } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.archivedAt);
      assert.equal(res.body.archiveReason, 'Data ganda');
      assert.equal((await t.admin.get('/api/v1/penduduk?q=Yusuf%20Arsip&total=true')).body.total, 0);
      assert.equal((await t.admin.get('/api/v1/penduduk?q=Yusuf%20Arsip&total=true&includeArchived=true')).body.total, 1);
      assert.equal((await t.admin.get(`/api/v1/penduduk/${p.id}`)).status, 200);
      const after = await petugasA.patch(`/api/v1/penduduk/${p.id}`, { pekerjaan: 88 }, { headers: { 'if-match': '"v2"' } });
      assert.equal(after.status, 409);
      const history = await petugasA.get(`/api/v1/penduduk/${p.id}/riwayat`);
      assert.equal(history.status, 200);
      assert.deepEqual(history.body.items.map((h: { version: number; action: string }) => [h.version, h.action]), [[2, 'archived'], [1, 'created']]);
      assert.equal(history.body.items[1].snapshot.nama, 'Yusuf Arsip');
      assertNoPersonal(history.text, 'history');
      assert.deepEqual((await outboxOf(p.id)).map((e) => [e.type, e.payload]), [['penduduk.created', { id: p.id }], ['penduduk.archived', { id: p.id }]]);
    });
  });

  describe('verification', () => {
    it('answers only yes or no, the same shape for an unknown NIK and for each mismatch; needs penduduk.verify', async () => {
      const p = await created({ nama: 'Rahmat Hidayat', tanggalLahir: '1985-11-02' });
      const ask = (body: Record<string, unknown>) => t.admin.post('/api/v1/penduduk/verifikasi', body);
      const yes = await ask({ nik: p.nik, nama: '  rahmat   HIDAYAT ', tanggalLahir: '1985-11-02' });
      assert.equal(yes.status, 200);
      assert.deepEqual(yes.body, { cocok: true });
      const noes = [
        await ask({ nik: p.nik, nama: 'Rahmat Hidayah', tanggalLahir: '1985-11-02' }),
        await ask({ nik: p.nik, nama: 'Rahmat Hidayat', tanggalLahir: '1985-11-03' }),
        await ask({ nik: '1371010211850999', nama: 'Rahmat Hidayat', tanggalLahir: '1985-11-02' }),
        await ask({ nik: 'bukan-nik', nama: 'Rahmat Hidayat', tanggalLahir: '1985-11-02' }),
      ];
      for (const no of noes) {
        assert.equal(no.status, 200);
        assert.equal(no.text, '{"cocok":false}');
      }
      assert.equal((await petugasA.post('/api/v1/penduduk/verifikasi', { nik: p.nik, nama: 'Rahmat Hidayat', tanggalLahir: '1985-11-02' })).status, 403);
    });
  });

  describe('keluarga', () => {
    it('No. KK rules are 422 each, a duplicate is 409, an unknown kelurahan is 422, another kelurahan is 403', async () => {
      const post = (body: Record<string, unknown>) => petugasA.post('/api/v1/keluarga', { kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Hamka No. 3', rt: '001', rw: '001', ...body });
      const serial = await post({ noKk: '1371010101200000' });
      assert.equal(serial.status, 422);
      assert.deepEqual(rules(serial), ['noKk:no_kk.serial_zero']);
      const kecamatan = await post({ noKk: '9999010101200001' });
      assert.deepEqual(rules(kecamatan), ['noKk:no_kk.kecamatan_unknown']);
      assert.equal((await post({ noKk: KK_A })).status, 409);
      const kel = await post({ noKk: '1371010101200003', kodeKelurahan: '13.71.01.1999' });
      assert.equal(kel.status, 422);
      assert.deepEqual(rules(kel), ['kodeKelurahan:penduduk.kelurahan_unknown']);
      assert.equal((await post({ noKk: '1371010101200004', kodeKelurahan: '13.71.02.1001' })).status, 403);
      const ok = await post({ noKk: '1371010101200005' });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.equal(ok.body.noKk, '137101******0005');
    });
  });

  // Last: these add residents to the second kelurahan and a crowd to a third, which the scope test above does not expect.
  describe('export (CSV) with a reason', () => {
    /** The data rows of a CSV answer, as arrays of fields (the test data hold no quotes or commas). */
    const csvRows = (text: string) => text.trim().split('\r\n').slice(1).filter(Boolean).map((line) => line.split(','));
    const exportRows = (pendudukId: string) => aksesRows(pendudukId).then((rows) => rows.filter((r) => r.action === 'export'));

    it('answers the full records of the officer’s kelurahan only, logs one access row per resident and audits once', async () => {
      const own = [await created({ nama: 'Ekspor Andi' }), await created({ nama: 'Ekspor Bunga', jenisKelamin: 'P', tanggalLahir: '1994-08-21', shdk: 3 })];
      const other = await created({ nama: 'Ekspor Citra', noKk: KK_B });
      const alasan = 'Rekap data warga untuk bantuan sosial';
      const res = await petugasA.post('/api/v1/penduduk/ekspor', { alasan, q: 'Ekspor' });
      assert.equal(res.status, 200, res.text);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="penduduk-\d{4}-\d{2}-\d{2}\.csv"$/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('x-export-count'), '2');
      const [header] = res.text.split('\r\n');
      assert.equal(header, 'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,agama,pendidikan,pekerjaan,status_kawin,shdk,status,kewarganegaraan,kode_kelurahan,alamat,rt,rw,archived_at');
      const rows = csvRows(res.text);
      assert.deepEqual(rows.map((r) => r[0]), own.map((p) => p.nik), 'full NIKs in name order');
      assert.deepEqual(rows[1], [own[1]!.nik, KK_A, 'Ekspor Bunga', 'P', 'Padang', '1994-08-21', 'Islam', 'SLTA / Sederajat', 'Karyawan Swasta', 'Kawin', 'Istri', 'hidup', 'WNI', '13.71.01.1001', 'Jl. Sudirman No. 12', '003', '002', '']);
      assert.ok(!res.text.includes(other.nik), 'another kelurahan’s resident is in the export');
      assert.ok(!res.text.includes('Ekspor Citra'));

      for (const p of own) {
        const logged = await exportRows(p.id);
        assert.deepEqual(logged.map((r) => [r.reason, r.actor_name, r.nik]), [[alasan, 'petugas-a', p.nik]]);
      }
      assert.deepEqual(await exportRows(other.id), []);
      const log = await petugasA.get(`/api/v1/penduduk/${own[0]!.id}/akses-log`);
      assert.deepEqual(log.body.items.map((e: { action: string; reason: string }) => [e.action, e.reason]), [['export', alasan]]);

      const audit = await t.kernel.db.selectFrom('core.audit_log').selectAll().where('action', '=', 'penduduk.export').orderBy('seq', 'desc').limit(1).execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_name, 'petugas-a');
      assert.deepEqual(audit[0]!.after, { reason: alasan, count: 2, filters: { q: 'Ekspor' } });

      // Asking for the other kelurahan by name gives an empty file and logs nothing for its residents.
      const elsewhere = await petugasA.post('/api/v1/penduduk/ekspor', { alasan, kelurahan: '13.71.02.1001' });
      assert.equal(elsewhere.status, 200);
      assert.equal(elsewhere.headers.get('x-export-count'), '0');
      assert.deepEqual(csvRows(elsewhere.text), []);
      assert.deepEqual(await exportRows(other.id), []);

      // The city-wide admin gets both kelurahan; the same filters as the list apply.
      const city = await t.admin.post('/api/v1/penduduk/ekspor', { alasan, q: 'ekspor', jenisKelamin: 'L' });
      assert.equal(city.status, 200, city.text);
      assert.deepEqual(csvRows(city.text).map((r) => r[2]), ['Ekspor Andi', 'Ekspor Citra']);
      assert.equal((await exportRows(other.id)).length, 1);
    });

    it('refuses a missing, short or blank reason (400), readers without penduduk.read_full (403), and logs nothing', async () => {
      const p = await created({ nama: 'Ekspor Tolak' });
      const before = (await t.kernel.db.selectFrom('core.audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('action', '=', 'penduduk.export').executeTakeFirstOrThrow()).n;
      for (const body of [{ q: 'Ekspor Tolak' }, { alasan: 'cek', q: 'Ekspor Tolak' }, { alasan: '            ', q: 'Ekspor Tolak' }, { alasan: 'Alasan yang cukup panjang', bogus: 1 }]) {
        const res = await petugasA.post('/api/v1/penduduk/ekspor', body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
      }
      const blank = await petugasA.post('/api/v1/penduduk/ekspor', { alasan: '            ' });
      assert.deepEqual(rules(blank), ['alasan:penduduk.alasan_blank']);
      for (const client of [pimpinan, warga]) {
        const res = await client.post('/api/v1/penduduk/ekspor', { alasan: 'Rekap data warga untuk laporan' });
        assert.equal(res.status, 403);
        assert.equal(res.body.code, 'auth.forbidden');
      }
      assert.deepEqual(await exportRows(p.id), []);
      const after = (await t.kernel.db.selectFrom('core.audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('action', '=', 'penduduk.export').executeTakeFirstOrThrow()).n;
      assert.equal(after, before);
    });

    it(`answers 422 when the filters match more than ${EXPORT_MAX_ROWS} residents, and logs nothing`, async () => {
      const noKk = '1371030101200001';
      const family = await t.admin.post('/api/v1/keluarga', { noKk, kodeKelurahan: '13.71.03.1001', alamat: 'Jl. Massal No. 1', rt: '1', rw: '1' });
      assert.equal(family.status, 201, JSON.stringify(family.body));
      // One set-based statement: EXPORT_MAX_ROWS + 1 residents of Flamboyan Baru (16-digit numbers the table accepts).
      await sql`
        INSERT INTO penduduk.penduduk (id, nik, no_kk, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, agama, pendidikan, pekerjaan, status_kawin, shdk)
        SELECT gen_random_uuid(), '137103' || lpad(n::text, 10, '0'), ${noKk}, 'Warga Massal ' || n, 'L', 'Padang', DATE '1990-03-12', 1, 5, 15, 1, 4
        FROM generate_series(1, ${EXPORT_MAX_ROWS + 1}) AS n`.execute(t.kernel.db);
      const alasan = 'Rekap seluruh warga kelurahan';
      const res = await t.admin.post('/api/v1/penduduk/ekspor', { alasan, kelurahan: '13.71.03.1001' });
      assert.equal(res.status, 422, res.text.slice(0, 300));
      assert.equal(res.body.code, 'penduduk.export_too_large');
      assert.match(res.body.detail, new RegExp(String(EXPORT_MAX_ROWS)));
      const logged = await sql<{ n: string }>`SELECT count(*) AS n FROM penduduk.akses_log a JOIN penduduk.penduduk p ON p.id = a.penduduk_id WHERE p.no_kk = ${noKk}`.execute(t.kernel.db);
      assert.equal(logged.rows[0]!.n, '0');
      // Narrowed (here: by name prefix) it fits.
      const narrowed = await t.admin.post('/api/v1/penduduk/ekspor', { alasan, kelurahan: '13.71.03.1001', q: 'Warga Massal 1000' });
      assert.equal(narrowed.status, 200);
      assert.deepEqual(csvRows(narrowed.text).map((r) => r[2]), ['Warga Massal 1000', 'Warga Massal 10000', 'Warga Massal 10001']);
    });

    it('keeps spreadsheet formulas out of the CSV and quotes separators', () => {
      assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
      assert.equal(csvField('@SUM(A1)'), `'@SUM(A1)`);
      assert.equal(csvField('Jl. Sudirman, No. 1'), '"Jl. Sudirman, No. 1"');
      assert.equal(csvField('1371011203900001'), '1371011203900001');
      assert.equal(csvField(null), '');
    });
  });

  it('the code lists and every route are in the OpenAPI document', async () => {
    const ref = await t.admin.get('/api/v1/penduduk/referensi');
    assert.equal(ref.status, 200);
    assert.equal(ref.body.shdk[0].nama, 'Kepala Keluarga');
    const doc = (await t.client().get('/api/v1/openapi.json')).body;
    for (const path of ['/api/v1/penduduk', '/api/v1/penduduk/{ref}', '/api/v1/penduduk/{ref}/lengkap', '/api/v1/penduduk/{ref}/akses-log', '/api/v1/penduduk/verifikasi', '/api/v1/penduduk/cari', '/api/v1/penduduk/ekspor', '/api/v1/keluarga/{noKk}']) {
      assert.ok(doc.paths[path], path);
    }
    assert.ok(doc.paths['/api/v1/penduduk/ekspor'].post.responses['200'].content['text/csv'], 'the export documents its CSV answer');
  });
});
