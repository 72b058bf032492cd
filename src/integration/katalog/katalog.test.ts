import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp } from '../../../test/helpers/apps.js';
import { startTestServer, type ApiClient, type ApiResponse, type TestServer } from '../../../test/helpers/server.js';
import { registerActivityProvider, type Activity } from '../aktivitas.js';
import { tokenServiceOf } from '../kredensial/index.js';

const OPD_A = '2.16.0.00.0.00.01.0000';
const OPD_B = '1.02.0.00.0.00.01.0000';
type Errors = { field: string; rule: string }[];
const fields = (res: ApiResponse) => ((res.body.errors ?? []) as Errors).map((e) => e.field).sort();

/**
 * Activity a test declares for an app, as another part of the hub would report it: imports
 * (writes that never went through the API) and gateway calls. Levels 4–5 and the map's
 * import/gateway flows are checked with it; reads are metered through the real API path.
 */
const declared: Activity[] = [];
registerActivityProvider('katalog-test', async (_db, since) => declared.filter((a) => a.lastAt >= since));

describe('integrasi: app catalogue, levels, inventory and map', () => {
  let t: TestServer;
  let operatorA: ApiClient;
  let operatorB: ApiClient;
  let pimpinan: ApiClient;
  let pegawaiUser: ApiClient;
  let unitA = '';

  const count = async (table: string, where = sql`true`) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${where}`.execute(t.kernel.db)).rows[0]!.n);
  const footprint = async () => ({ apps: await count('integrasi.aplikasi'), history: await count('integrasi.history'), audit: await count('core.audit_log'), outbox: await count('core.outbox') });
  const signInAs = async (username: string, roles: { role: string; scopeCode?: string }[]) => {
    const created = await t.admin.post('/api/v1/users', { username, displayName: username, password: 'kata-sandi-panjang', roles });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const client = t.client();
    assert.equal((await client.login(username, 'kata-sandi-panjang')).status, 200);
    return client;
  };
  const create = async (body: Record<string, unknown>, client: ApiClient = t.admin) => {
    const res = await client.post('/api/v1/integrasi/aplikasi', { nama: `Aplikasi ${body.kode}`, jenis: 'aplikasi_opd', opdKode: OPD_A, ...body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res;
  };
  const levelOf = async (kode: string) => (await t.admin.get(`/api/v1/integrasi/aplikasi/${kode}`)).body as { tingkat: number; alasan: { kode: string; terpenuhi: boolean; params: Record<string, unknown> }[] };
  const upload = (client: ApiClient, body: string | Uint8Array, { apply = false, type = 'text/csv' } = {}) =>
    client.request('POST', `/api/v1/integrasi/inventaris${apply ? '?apply=true' : ''}`, { raw: body, headers: { 'content-type': type } });

  before(async () => {
    t = await startTestServer();
    for (const [kode, nama] of [[OPD_A, 'Dinas Komunikasi dan Informatika'], [OPD_B, 'Dinas Kesehatan']] as const) {
      const opd = await t.admin.post('/api/v1/opd', { kode, nama, jenis: 'dinas' });
      assert.equal(opd.status, 201, JSON.stringify(opd.body));
      const unit = await t.admin.post(`/api/v1/opd/${kode}/unit`, { nama: 'Sekretariat', jenis: 'sekretariat', berlakuMulai: '2000-01-01' });
      assert.equal(unit.status, 201, JSON.stringify(unit.body));
      if (kode === OPD_A) unitA = unit.body.id;
    }
    const pegawai = await t.admin.post('/api/v1/pegawai', {
      nip: '198005172005031101', nama: 'Pegawai Satu', jenisKelamin: 'L', tanggalLahir: '1980-05-17', jenis: 'pns', golongan: 'III/a',
      opdRef: OPD_A, unitId: unitA, namaJabatan: 'Analis', tmtJabatan: '2020-01-01',
    });
    assert.equal(pegawai.status, 201, JSON.stringify(pegawai.body));
    operatorA = await signInAs('operator-a', [{ role: 'opd_operator', scopeCode: OPD_A }]);
    operatorB = await signInAs('operator-b', [{ role: 'opd_operator', scopeCode: OPD_B }]);
    pimpinan = await signInAs('pimpinan-1', [{ role: 'pimpinan' }]);
    pegawaiUser = await signInAs('pegawai-1', [{ role: 'pegawai' }]);
  });
  after(() => t.close());

  describe('create, read, change, retire', () => {
    it('201 with ETag and Location; history v1, audit and one aplikasi.created event; level 1', async () => {
      const before = await footprint();
      const res = await create({
        kode: 'Simpeg-Uji', nama: '  SIMPEG   Uji ', jenis: 'kepegawaian', url: 'https://simpeg.padang.go.id', kontakEmail: 'Admin@Padang.go.id',
        datasetProduksi: ['pegawai'], datasetKonsumsi: ['organisasi', 'wilayah'], opdKode: OPD_A.toUpperCase(),
      });
      const app = res.body;
      assert.equal(app.kode, 'simpeg-uji');
      assert.equal(app.nama, 'SIMPEG Uji');
      assert.equal(app.kontakEmail, 'admin@padang.go.id');
      assert.equal(app.opdKode, OPD_A);
      assert.equal(app.opdNama, 'Dinas Komunikasi dan Informatika');
      assert.equal(app.status, 'aktif');
      assert.equal(app.tingkat, 1);
      assert.equal(res.headers.get('etag'), '"v1"');
      assert.equal(res.headers.get('location'), '/api/v1/integrasi/aplikasi/simpeg-uji');
      const after = await footprint();
      assert.deepEqual({ apps: after.apps - before.apps, history: after.history - before.history, audit: after.audit - before.audit, outbox: after.outbox - before.outbox }, { apps: 1, history: 1, audit: 1, outbox: 1 });
      const event = await t.kernel.db.selectFrom('core.outbox').selectAll().where('entity_id', '=', app.id).executeTakeFirstOrThrow();
      assert.equal(event.type, 'aplikasi.created');
      const byId = await t.admin.get(`/api/v1/integrasi/aplikasi/${app.id}`);
      assert.equal(byId.status, 200);
      assert.equal(byId.body.kode, 'simpeg-uji');
      assert.equal(byId.headers.get('etag'), '"v1"');
      const dup = await t.admin.post('/api/v1/integrasi/aplikasi', { kode: 'simpeg-uji', nama: 'Lagi', jenis: 'lainnya' });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.code, 'integrasi.aplikasi_kode_dipakai');
    });

    it('PATCH needs If-Match (428), refuses a stale one (412), then changes and emits aplikasi.updated', async () => {
      await create({ kode: 'portal-uji' });
      const patch = (ifMatch: string | null, body: Record<string, unknown>) =>
        t.admin.patch('/api/v1/integrasi/aplikasi/portal-uji', body, ifMatch ? { headers: { 'if-match': ifMatch } } : {});
      assert.equal((await patch(null, { nama: 'Portal Baru' })).status, 428);
      const stale = await patch('"v7"', { nama: 'Portal Baru' });
      assert.equal(stale.status, 412);
      const ok = await patch('"v1"', { nama: 'Portal Baru', url: 'http://portal.padang.go.id', datasetKonsumsi: ['wilayah'] });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.nama, 'Portal Baru');
      assert.equal(ok.body.version, 2);
      assert.equal(ok.headers.get('etag'), '"v2"');
      const event = await t.kernel.db.selectFrom('core.outbox').selectAll().where('entity_id', '=', ok.body.id).where('type', '=', 'aplikasi.updated').executeTakeFirstOrThrow();
      assert.deepEqual((event.payload as { changed: string[] }).changed.sort(), ['datasetKonsumsi', 'nama', 'url']);
      const history = await t.admin.get('/api/v1/integrasi/aplikasi/portal-uji/riwayat');
      assert.deepEqual(history.body.items.map((h: { version: number }) => h.version), [2, 1]);
      assert.equal((await patch('"v1"', { nama: 'Lama' })).status, 412, 'the old version is stale now');
    });

    it('status: retire with a reason (no delete), needs If-Match; the app stays readable', async () => {
      await create({ kode: 'lama-uji' });
      const noReason = await t.admin.post('/api/v1/integrasi/aplikasi/lama-uji/status', { status: 'pensiun', alasan: '' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(noReason.status, 400);
      assert.equal((await t.admin.post('/api/v1/integrasi/aplikasi/lama-uji/status', { status: 'pensiun', alasan: 'Diganti' })).status, 428);
      const res = await t.admin.post('/api/v1/integrasi/aplikasi/lama-uji/status', { status: 'pensiun', alasan: 'Diganti portal baru' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'pensiun');
      const audit = await t.kernel.db.selectFrom('core.audit_log').selectAll().where('entity_id', '=', res.body.id).where('action', '=', 'aplikasi.updated').executeTakeFirstOrThrow();
      assert.equal((audit.after as { alasan: string }).alasan, 'Diganti portal baru');
      const list = await t.admin.get('/api/v1/integrasi/aplikasi?status=pensiun');
      assert.deepEqual(list.body.items.map((a: { kode: string }) => a.kode), ['lama-uji']);
    });

    it('bad input: 4xx naming each field, nothing stored', async () => {
      const before = await footprint();
      const bad = await t.admin.post('/api/v1/integrasi/aplikasi', {
        kode: 'x', nama: 'Aplikasi', jenis: 'robot', url: 'ftp://files', kontakEmail: 'bukan-email', datasetKonsumsi: ['pegawai', 'cuaca'],
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(new Set(fields(bad)), new Set(['kode', 'jenis', 'url', 'kontakEmail', 'datasetKonsumsi/1']));
      const unknownOpd = await t.admin.post('/api/v1/integrasi/aplikasi', { kode: 'tanpa-opd', nama: 'Aplikasi', jenis: 'lainnya', opdKode: '9.99.0.00.0.00.01.0000' });
      assert.equal(unknownOpd.status, 422);
      assert.deepEqual(fields(unknownOpd), ['opdKode']);
      const slug = await t.admin.post('/api/v1/integrasi/aplikasi', { kode: 'spasi tidak boleh', nama: 'Aplikasi', jenis: 'lainnya' });
      assert.equal(slug.status, 400);
      const unknownField = await t.admin.post('/api/v1/integrasi/aplikasi', { kode: 'ok-kode', nama: 'Aplikasi', jenis: 'lainnya', tingkat: 5 });
      assert.equal(unknownField.status, 400, 'the level is never typed in');
      const patchBad = await t.admin.patch('/api/v1/integrasi/aplikasi/simpeg-uji', { url: 'javascript:alert(1)' }, { headers: { 'if-match': '*' } });
      assert.equal(patchBad.status, 400);
      assert.equal((await t.admin.get('/api/v1/integrasi/aplikasi/tidak-ada')).status, 404);
      assert.deepEqual(await footprint(), before);
    });
  });

  describe('who may see and change what', () => {
    it('an OPD operator registers and changes apps of their OPD only (403 for another OPD, nothing stored)', async () => {
      const own = await create({ kode: 'dinkes-app', opdKode: OPD_B }, operatorB);
      assert.equal(own.body.bolehKelola, true);
      const before = await footprint();
      const other = await operatorB.post('/api/v1/integrasi/aplikasi', { kode: 'bukan-milik', nama: 'Bukan milik', jenis: 'lainnya', opdKode: OPD_A });
      assert.equal(other.status, 403);
      assert.equal(other.body.code, 'integrasi.aplikasi_bukan_wewenang');
      const cityWide = await operatorB.post('/api/v1/integrasi/aplikasi', { kode: 'tanpa-pemilik', nama: 'Tanpa pemilik', jenis: 'lainnya' });
      assert.equal(cityWide.status, 403, 'an app with no owner OPD is the city’s');
      const patch = await operatorB.patch('/api/v1/integrasi/aplikasi/simpeg-uji', { nama: 'Diambil alih' }, { headers: { 'if-match': '*' } });
      assert.equal(patch.status, 403);
      const move = await operatorB.patch('/api/v1/integrasi/aplikasi/dinkes-app', { opdKode: OPD_A }, { headers: { 'if-match': '"v1"' } });
      assert.equal(move.status, 403, 'moving to an OPD one does not manage');
      const status = await operatorB.post('/api/v1/integrasi/aplikasi/simpeg-uji/status', { status: 'nonaktif', alasan: 'Coba' }, { headers: { 'if-match': '*' } });
      assert.equal(status.status, 403);
      assert.deepEqual(await footprint(), before);
    });

    it('operators see their OPD’s apps; readers see all; others get 403', async () => {
      const mine = await operatorB.get('/api/v1/integrasi/aplikasi');
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body.items.map((a: { kode: string }) => a.kode), ['dinkes-app']);
      assert.equal((await operatorB.get('/api/v1/integrasi/aplikasi/simpeg-uji')).status, 403);
      const theirs = await operatorA.get('/api/v1/integrasi/aplikasi');
      assert.ok(theirs.body.items.some((a: { kode: string; bolehKelola: boolean }) => a.kode === 'simpeg-uji' && a.bolehKelola));
      assert.ok(!theirs.body.items.some((a: { kode: string }) => a.kode === 'dinkes-app'));
      assert.equal((await operatorB.get('/api/v1/integrasi/aplikasi/simpeg-uji/riwayat')).status, 403);
      const all = await pimpinan.get('/api/v1/integrasi/aplikasi');
      assert.ok(all.body.items.length >= 4);
      assert.ok(all.body.items.every((a: { bolehKelola: boolean }) => a.bolehKelola === false));
      assert.equal((await pimpinan.post('/api/v1/integrasi/aplikasi', { kode: 'pimpinan-app', nama: 'X', jenis: 'lainnya' })).status, 403);
      const none = await pegawaiUser.get('/api/v1/integrasi/aplikasi');
      assert.equal(none.status, 403);
      assert.equal(none.body.code, 'auth.forbidden');
      assert.equal((await pegawaiUser.get('/api/v1/integrasi/aplikasi/simpeg-uji')).status, 403);
      const map = await operatorB.get('/api/v1/integrasi/peta');
      assert.equal(map.status, 200);
      assert.deepEqual(map.body.nodes.filter((n: { type: string }) => n.type === 'aplikasi').map((n: { kode: string }) => n.kode), ['dinkes-app'], 'an operator’s map holds their OPD’s apps');
      assert.equal((await pegawaiUser.get('/api/v1/integrasi/peta')).status, 403);
    });

    it('lists filter by q, jenis, opd and page with a cursor', async () => {
      const q = await t.admin.get('/api/v1/integrasi/aplikasi?q=simpeg');
      assert.deepEqual(q.body.items.map((a: { kode: string }) => a.kode), ['simpeg-uji']);
      const jenis = await t.admin.get('/api/v1/integrasi/aplikasi?jenis=kepegawaian');
      assert.deepEqual(jenis.body.items.map((a: { kode: string }) => a.kode), ['simpeg-uji']);
      const opd = await t.admin.get(`/api/v1/integrasi/aplikasi?opd=${OPD_B}`);
      assert.deepEqual(opd.body.items.map((a: { kode: string }) => a.kode), ['dinkes-app']);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ApiResponse = await t.admin.get(`/api/v1/integrasi/aplikasi?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200);
        assert.ok(page.body.items.length <= 2);
        seen.push(...page.body.items.map((a: { kode: string }) => a.kode));
        cursor = page.body.nextCursor;
      } while (cursor);
      const all = await t.admin.get('/api/v1/integrasi/aplikasi?limit=200');
      assert.deepEqual(seen, all.body.items.map((a: { kode: string }) => a.kode));
      assert.equal(all.body.total, seen.length);
      assert.equal((await t.admin.get('/api/v1/integrasi/aplikasi?cursor=bm9wZQ')).status, 400);
    });
  });

  describe('integration levels', () => {
    it('1 registered → 2 active client → 3 real API reads (metered) → 4 writes → 5 only when nothing is imported', async () => {
      const app = await createTestApp(t, { kode: 'absensi-uji', opdKode: OPD_A, jenis: 'absensi', scopes: ['pegawai:read', 'organisasi:read'] });
      // The helper made an active client: level 2, reads missing.
      let level = await levelOf('absensi-uji');
      assert.equal(level.tingkat, 2);
      assert.equal(level.alasan.find((a) => a.kode === 'membaca')!.terpenuhi, false);
      const patch = await t.admin.patch('/api/v1/integrasi/aplikasi/absensi-uji', { datasetKonsumsi: ['pegawai', 'organisasi'] }, { headers: { 'if-match': '*' } });
      assert.equal(patch.status, 200);

      // Real reads through the API with the app's token, metered by the guard.
      const client = await app.client();
      assert.equal((await client.get('/api/v1/pegawai')).status, 200);
      assert.equal((await client.get(`/api/v1/opd/${OPD_A}`)).status, 200);
      await tokenServiceOf(t.kernel)!.meter.flush();
      level = await levelOf('absensi-uji');
      assert.equal(level.tingkat, 3, JSON.stringify(level.alasan));
      assert.match(String(level.alasan.find((a) => a.kode === 'membaca')!.params.dataset), /pegawai/);

      // Level 4: events pulled from the feed (a metered events:read row, as the guard writes it).
      await sql`INSERT INTO integrasi.pemakaian (aplikasi_id, jam, metode, rute, scope, jumlah, gagal, ditolak, total_ms, terakhir)
        VALUES (${app.id}, date_trunc('hour', now()), 'GET', '/api/v1/events', 'events:read', 12, 0, 0, 50, now())`.execute(t.kernel.db);
      level = await levelOf('absensi-uji');
      const organisasiRead = level.alasan.find((a) => a.kode === 'konsumsi_lewat_padu')!;
      // Both consumed datasets are read through the API and nothing is imported: level 5.
      assert.equal(organisasiRead.terpenuhi, true, JSON.stringify(level.alasan));
      assert.equal(level.tingkat, 5);

      // An import from the app (a write that never went through the API) keeps it at 4.
      declared.push({ aplikasiId: app.id, kind: 'write', dataset: 'pegawai', count: 40, lastAt: new Date() });
      level = await levelOf('absensi-uji');
      assert.equal(level.tingkat, 4);
      const tanpaImpor = level.alasan.find((a) => a.kode === 'tanpa_impor')!;
      assert.equal(tanpaImpor.terpenuhi, false);
      assert.equal(tanpaImpor.params.impor, 40);
      const byLevel = await t.admin.get('/api/v1/integrasi/aplikasi?tingkat=4');
      assert.ok(byLevel.body.items.some((a: { kode: string }) => a.kode === 'absensi-uji'));
      assert.ok(byLevel.body.items.every((a: { tingkat: number }) => a.tingkat === 4));
      assert.ok(byLevel.body.perTingkat['4'] >= 1);
    });

    it('a declared dataset not read through Padu keeps level 5 away; refused requests are not activity', async () => {
      const app = await createTestApp(t, { kode: 'peta-uji', opdKode: OPD_A, jenis: 'geospasial', scopes: ['wilayah:read'] });
      await sql`INSERT INTO integrasi.pemakaian (aplikasi_id, jam, metode, rute, scope, jumlah, gagal, ditolak, total_ms, terakhir) VALUES
        (${app.id}, date_trunc('hour', now()), 'GET', '/api/v1/penduduk', 'penduduk:read', 5, 0, 5, 10, now()),
        (${app.id}, date_trunc('hour', now()), 'POST', '/api/v1/pegawai', 'pegawai:write', 3, 0, 0, 10, now())`.execute(t.kernel.db);
      const patch = await t.admin.patch('/api/v1/integrasi/aplikasi/peta-uji', { datasetKonsumsi: ['wilayah'] }, { headers: { 'if-match': '*' } });
      assert.equal(patch.status, 200);
      const level = await levelOf('peta-uji');
      assert.equal(level.alasan.find((a) => a.kode === 'membaca')!.terpenuhi, false, 'every penduduk read was refused');
      assert.equal(level.alasan.find((a) => a.kode === 'menulis_menerima')!.terpenuhi, true, 'the API write counts');
      assert.equal(level.alasan.find((a) => a.kode === 'konsumsi_lewat_padu')!.params.kurang, 'wilayah');
      assert.equal(level.tingkat, 4);
    });
  });

  describe('inventory import', () => {
    const csv = [
      'Kode Aplikasi;Nama Aplikasi;Kode OPD;Jenis;Alamat URL;Status;Narahubung;Surel;Data Dipakai;Catatan Lain',
      'sipd-uji;SIPD Penghubung;2.16.0.00.0.00.01.0000;aplikasi OPD;https://sipd.padang.go.id;aktif;Budi;budi@padang.go.id;program, organisasi;abaikan',
      'e-spm-uji;E-SPM Kesehatan;1.02.0.00.0.00.01.0000;e-SPM;https://espm.padang.go.id;active;Sari;sari@padang.go.id;penduduk|wilayah;',
      'simpeg-uji;SIMPEG Uji;2.16.0.00.0.00.01.0000;kepegawaian;https://simpeg.padang.go.id;aktif;Tim SIMPEG;;organisasi,wilayah;',
    ].join('\r\n');

    it('dry-run: a per-row report with aliases resolved, nothing stored', async () => {
      const before = await footprint();
      const res = await upload(t.admin, csv);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.applied, false);
      assert.deepEqual(res.body.summary, { rows: 3, create: 2, update: 1, unchanged: 0, invalid: 0 });
      assert.deepEqual(res.body.columns.ignored, ['Catatan Lain']);
      const simpeg = res.body.rows.find((r: { kode: string }) => r.kode === 'simpeg-uji');
      assert.equal(simpeg.action, 'update');
      assert.deepEqual(simpeg.changed, ['kontakNama', 'kontakEmail']);
      assert.deepEqual(await footprint(), before);
    });

    it('apply: upsert by kode in one go, with history, audit and events; applying again changes nothing', async () => {
      const res = await upload(t.admin, csv, { apply: true });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.applied, true);
      const spm = await t.admin.get('/api/v1/integrasi/aplikasi/e-spm-uji');
      assert.equal(spm.body.jenis, 'e_spm');
      assert.equal(spm.body.opdKode, OPD_B);
      assert.deepEqual(spm.body.datasetKonsumsi, ['penduduk', 'wilayah']);
      const simpeg = await t.admin.get('/api/v1/integrasi/aplikasi/simpeg-uji');
      assert.equal(simpeg.body.kontakNama, 'Tim SIMPEG');
      assert.equal(simpeg.body.kontakEmail, null, 'an empty cell clears the field');
      assert.equal(await count('core.outbox', sql`type = 'aplikasi.created' AND payload->>'kode' IN ('sipd-uji', 'e-spm-uji')`), 2);
      const before = await footprint();
      const again = await upload(t.admin, csv, { apply: true });
      assert.deepEqual(again.body.summary, { rows: 3, create: 0, update: 0, unchanged: 3, invalid: 0 });
      const after = await footprint();
      assert.equal(after.apps, before.apps);
      assert.equal(after.outbox, before.outbox);
    });

    it('one bad row: 422 naming line and column, nothing applied', async () => {
      const before = await footprint();
      const bad = [
        'kode,nama,opd_kode,jenis,url,kontak_email,dataset_konsumsi',
        'baru-satu,Aplikasi Baru,2.16.0.00.0.00.01.0000,website,https://baru.padang.go.id,a@padang.go.id,wilayah',
        'Bukan Slug!,Aplikasi,9.9.0.00.0.00.01.0000,robot,ftp://x,bukan-email,cuaca',
        'baru-satu,Ganda,,website,,,',
      ].join('\n');
      const dry = await upload(t.admin, bad);
      assert.equal(dry.status, 200);
      assert.equal(dry.body.summary.invalid, 2);
      const res = await upload(t.admin, bad, { apply: true });
      assert.equal(res.status, 422);
      assert.equal(res.body.code, 'integrasi.inventaris_invalid');
      assert.equal(res.body.applied, false);
      const line3 = res.body.rows.find((r: { line: number }) => r.line === 3);
      assert.deepEqual(line3.problems.map((p: { column: string }) => p.column).sort(), ['dataset_konsumsi', 'jenis', 'kode', 'kontak_email', 'opd_kode', 'url']);
      assert.ok(line3.problems.every((p: { message: string }) => p.message.length > 0));
      const line4 = res.body.rows.find((r: { line: number }) => r.line === 4);
      assert.match(line4.problems[0].message, /baris 2/);
      assert.deepEqual(await footprint(), before);
    });

    it('an operator imports only their OPD’s apps', async () => {
      const res = await upload(operatorB, 'kode,nama,opd_kode,jenis\nlab-uji,Lab Kesehatan,1.02.0.00.0.00.01.0000,lainnya\nambil-alih,Bukan,2.16.0.00.0.00.01.0000,lainnya', { apply: true });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body.rows.map((r: { kode: string }) => r.kode), ['ambil-alih']);
      assert.equal((await t.admin.get('/api/v1/integrasi/aplikasi/lab-uji')).status, 404);
    });

    it('XLSX with Indonesian headers imports; merged header cells are a clear 400', async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Inventaris');
      sheet.addRow(['Daftar aplikasi Kota Padang']);
      sheet.addRow([]);
      sheet.addRow(['kode', 'nama_aplikasi', 'kode_opd', 'jenis', 'url']);
      sheet.addRow(['geo-xlsx', 'Geoportal XLSX', OPD_A, 'geospasial', { text: 'https://geo.padang.go.id', hyperlink: 'https://geo.padang.go.id' }]);
      // The title row is the first non-empty row, so it is the header: kode/nama missing → 400 naming them.
      const titled = await upload(t.admin, new Uint8Array(await book.xlsx.writeBuffer()), { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      assert.equal(titled.status, 400);
      assert.equal(titled.body.code, 'integrasi.inventaris_kolom_wajib');
      sheet.spliceRows(1, 2);
      const res = await upload(t.admin, new Uint8Array(await book.xlsx.writeBuffer()), { apply: true, type: 'application/octet-stream' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.format, 'xlsx');
      assert.equal((await t.admin.get('/api/v1/integrasi/aplikasi/geo-xlsx')).body.url, 'https://geo.padang.go.id');
      sheet.mergeCells('A1:B1');
      const merged = await upload(t.admin, new Uint8Array(await book.xlsx.writeBuffer()));
      assert.equal(merged.status, 400);
      assert.equal(merged.body.code, 'integrasi.inventaris_kepala_gabung');
      assert.match(merged.body.detail, /A1:B1/);
    });

    it('unreadable files answer 4xx saying what is wrong', async () => {
      const before = await footprint();
      const latin1 = Buffer.from('kode,nama,jenis\nkafe,Kafé Kota,lainnya\n', 'latin1');
      const encoding = await upload(t.admin, new Uint8Array(latin1));
      assert.equal(encoding.status, 400);
      assert.equal(encoding.body.code, 'integrasi.inventaris_encoding');
      const utf16 = await upload(t.admin, new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kode,nama\n', 'utf16le')])));
      assert.equal(utf16.body.code, 'integrasi.inventaris_encoding');
      const quote = await upload(t.admin, 'kode,nama,jenis\nabc,"tidak ditutup,lainnya\n');
      assert.equal(quote.status, 400);
      assert.equal(quote.body.code, 'integrasi.inventaris_csv_rusak');
      const columns = await upload(t.admin, 'nama_aplikasi,jenis\nX,lainnya');
      assert.equal(columns.body.code, 'integrasi.inventaris_kolom_wajib');
      assert.match(columns.body.detail, /kode/);
      const empty = await upload(t.admin, 'kode,nama\n');
      assert.equal(empty.body.code, 'integrasi.inventaris_kosong');
      const xlsx = await upload(t.admin, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
      assert.equal(xlsx.body.code, 'integrasi.inventaris_xlsx_rusak');
      const twice = await upload(t.admin, 'kode,code,nama\na,b,c');
      assert.equal(twice.body.code, 'integrasi.inventaris_kolom_ganda');
      const image = await t.admin.request('POST', '/api/v1/integrasi/inventaris', { raw: new Uint8Array([1, 2]), headers: { 'content-type': 'image/png' } });
      assert.equal(image.status, 415);
      const many = ['kode,nama,jenis', ...Array.from({ length: 6000 }, (_, i) => `x${i},Nama,robot`)].join('\n');
      const tooMany = await upload(t.admin, many);
      assert.equal(tooMany.status, 413);
      assert.equal(tooMany.body.code, 'integrasi.inventaris_terlalu_banyak');
      const fiveThousandBad = ['kode,nama,jenis', ...Array.from({ length: 5000 }, (_, i) => `bad-${i},Nama,robot`)].join('\n');
      const report = await upload(t.admin, fiveThousandBad, { apply: true });
      assert.equal(report.status, 422);
      assert.equal(report.body.summary.invalid, 5000);
      assert.equal(report.body.rows.length, 500);
      assert.equal(report.body.truncated, true);
      assert.deepEqual(await footprint(), before);
    });
  });

  describe('integration map', () => {
    it('flows from real activity (reads, writes, imports, gateway calls), islands for apps with none', async () => {
      const caller = (await t.admin.get('/api/v1/integrasi/aplikasi/peta-uji')).body.id as string;
      const provider = (await t.admin.get('/api/v1/integrasi/aplikasi/simpeg-uji')).body.id as string;
      declared.push({ aplikasiId: caller, kind: 'call', dataset: null, peerAplikasiId: provider, count: 7, lastAt: new Date() });
      declared.push({ aplikasiId: provider, kind: 'provide', dataset: null, peerAplikasiId: caller, count: 7, lastAt: new Date() });
      const res = await pimpinan.get('/api/v1/integrasi/peta');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const flow = (from: string, to: string, kind: string) => res.body.flows.find((f: { from: string; to: string; kind: string }) => f.from === from && f.to === to && f.kind === kind);
      assert.ok(flow('dataset:pegawai', 'aplikasi:absensi-uji', 'baca'), 'metered read');
      assert.ok(flow('dataset:organisasi', 'aplikasi:absensi-uji', 'baca'));
      assert.ok(flow('dataset:events', 'aplikasi:absensi-uji', 'terima'), 'feed pulls');
      assert.equal(flow('aplikasi:absensi-uji', 'dataset:pegawai', 'impor').count, 40);
      assert.ok(flow('aplikasi:peta-uji', 'dataset:pegawai', 'tulis'), 'API write');
      assert.equal(flow('aplikasi:peta-uji', 'aplikasi:simpeg-uji', 'panggil').count, 7, 'caller and provider report the same calls once');
      assert.equal(flow('dataset:penduduk', 'aplikasi:peta-uji', 'baca'), undefined, 'refused reads are no flow');
      assert.ok(res.body.islands.includes('portal-uji'));
      assert.ok(!res.body.islands.includes('absensi-uji'));
      assert.ok(!res.body.islands.includes('lama-uji'), 'retired apps are left out');
      const node = res.body.nodes.find((n: { id: string }) => n.id === 'aplikasi:absensi-uji');
      assert.equal(node.tingkat, 4);
      assert.ok(res.body.nodes.some((n: { id: string }) => n.id === 'dataset:wilayah'));
      const withRetired = await pimpinan.get('/api/v1/integrasi/peta?pensiun=true');
      assert.ok(withRetired.body.islands.includes('lama-uji'));
    });
  });
});
