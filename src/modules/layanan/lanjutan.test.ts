import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { getWilayah, listKelurahan } from '../../registry/wilayah/index.js';
import { buildWorld, JPG, KEC, KEL_A, KEL_B, NIK_A, NIK_A2, NIK_B, ok, PDF, PNG, upload, type World } from './fixture.js';
import { titleCase } from './pemohon.js';

const MAX_BYTES = 6000;
const MAX_FILES = 7;

/**
 * The follow-ups to the first e-kelurahan release: residents download their own files, the camat
 * opens a request of the kecamatan, forms read the upload limits, the counter pre-fills a walk-in
 * request by NIK (masked), figures per kelurahan, letter type and month with medians, and
 * "my requests" a page at a time.
 */
describe('e-kelurahan follow-ups: own files, camat’s view, limits, counter pre-fill, figures, paging', () => {
  let t: TestServer;
  let w: World;

  before(async () => {
    t = await startTestServer({ env: { PADU_LAYANAN_MAX_FILE_BYTES: String(MAX_BYTES), PADU_LAYANAN_MAX_FILES: String(MAX_FILES) } });
    w = await buildWorld(t);
  });
  after(() => t.close());

  const masked = (text: string, pemohon: { nik: string; noKk: string; tanggalLahir: string }) => {
    assert.ok(!text.includes(pemohon.nik), 'full NIK');
    assert.ok(!text.includes(pemohon.noKk), 'full No. KK');
    assert.ok(!text.includes(pemohon.tanggalLahir), 'full birth date');
  };

  it('residents download the files of their own requests; anyone else’s is a 404', async () => {
    const mine = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Unduh berkas sendiri' } }));
    const other = ok(await w.warga2.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Berkas orang lain' } }));
    const ktp = ok(await upload(w.warga, `/api/v1/layanan/saya/permohonan/${mine.id}/lampiran?syarat=ktp&nama=KTP%20saya.pdf`, PDF));
    const kk = ok(await upload(w.warga2, `/api/v1/layanan/saya/permohonan/${other.id}/lampiran?syarat=kk&nama=kk.png`, PNG));

    for (const ref of [mine.id, mine.kodeLacak]) {
      const res = await w.warga.get(`/api/v1/layanan/saya/permohonan/${ref}/lampiran/${ktp.id}`);
      assert.equal(res.status, 200, ref);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="KTP_saya\.pdf"$/);
      assert.equal(res.text, PDF.toString());
    }
    // Another resident's request, by id or code, and another request's file on one's own: 404.
    for (const path of [
      `/api/v1/layanan/saya/permohonan/${other.id}/lampiran/${kk.id}`,
      `/api/v1/layanan/saya/permohonan/${other.kodeLacak}/lampiran/${kk.id}`,
      `/api/v1/layanan/saya/permohonan/${mine.id}/lampiran/${kk.id}`,
    ]) {
      const res = await w.warga.get(path);
      assert.equal(res.status, 404, path);
      assert.match(res.body.code, /^layanan\.(permohonan|lampiran)_not_found$/);
      assert.ok(!res.text.includes('IHDR'), 'bytes of another’s file');
    }
    assert.equal((await w.wargaB.get(`/api/v1/layanan/saya/permohonan/${mine.id}/lampiran/${ktp.id}`)).status, 404);
    assert.equal((await w.wargaUnlinked.get(`/api/v1/layanan/saya/permohonan/${mine.id}/lampiran/${ktp.id}`)).body.code, 'layanan.self_unlinked');
    assert.equal((await w.warga.get(`/api/v1/layanan/saya/permohonan/${mine.id}/lampiran/bukan-uuid`)).status, 400);
    // Staff have their own route; the residents' one is not theirs.
    assert.equal((await w.petugas.get(`/api/v1/layanan/saya/permohonan/${mine.id}/lampiran/${ktp.id}`)).status, 403);
  });

  it('the camat opens a request of the kecamatan read-only, masked like staff; outside the kecamatan it is a 404', async () => {
    const p = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Dilihat camat' } }));
    ok(await upload(w.warga, `/api/v1/layanan/saya/permohonan/${p.id}/lampiran?syarat=kk&nama=kk.jpg`, JPG));
    const own = ok(await w.warga.get(`/api/v1/layanan/saya/permohonan/${p.id}`), 200);

    for (const ref of [p.id, p.kodeLacak]) {
      const res = await w.camat.get(`/api/v1/layanan/kecamatan/permohonan/${ref}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.id, p.id);
      assert.equal(res.headers.get('etag'), `"v${own.version}"`);
      assert.equal(res.body.pemohon.nama, 'Rahmat Hidayat');
      assert.equal(res.body.pemohon.tanggalLahir, '1990-**-**');
      assert.match(res.body.pemohon.nik, /^\d{6}\*+\d{4}$/);
      assert.deepEqual(res.body.lampiran.map((l: any) => l.namaBerkas), ['kk.jpg']);
      assert.deepEqual(res.body.riwayat.map((r: any) => r.ke), ['baru']);
      masked(res.text, own.pemohon);
    }

    // A request in another kecamatan, entered by the admin (city-wide).
    const [elsewhere] = await listKelurahan(t.kernel.db, '13.71.02');
    assert.ok(elsewhere, 'a kelurahan of another kecamatan in the wilayah registry');
    ok(await t.admin.post('/api/v1/keluarga', { noKk: '1371020101250009', kodeKelurahan: elsewhere.kode, alamat: 'Jl. Lain No. 9', rt: '001', rw: '001' }));
    ok(await t.admin.post('/api/v1/penduduk', {
      nik: '1371021203900009', noKk: '1371020101250009', nama: 'Warga Kecamatan Lain', jenisKelamin: 'L', tempatLahir: 'Padang', tanggalLahir: '1990-03-12',
      agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 2, shdk: 1,
    }));
    const luar = ok(await t.admin.post('/api/v1/layanan/permohonan', { nik: '1371021203900009', jenis: 'domisili', data: { keperluan: 'Di luar kecamatan' } }));
    const outside = await w.camat.get(`/api/v1/layanan/kecamatan/permohonan/${luar.id}`);
    assert.equal(outside.status, 404);
    assert.equal(outside.body.code, 'layanan.permohonan_not_found');
    assert.equal((await w.camat.get('/api/v1/layanan/kecamatan/permohonan/ZZZZZZZZZZ')).status, 404);

    // Read-only: the camat has no staff actions, and kelurahan staff do not use the camat's route.
    assert.equal((await w.camat.post(`/api/v1/layanan/permohonan/${p.id}/ambil`, {})).status, 403);
    assert.equal((await w.camat.get(`/api/v1/layanan/permohonan/${p.id}`)).status, 403);
    assert.equal((await w.petugas.get(`/api/v1/layanan/kecamatan/permohonan/${p.id}`)).status, 403);
    assert.equal((await w.warga.get(`/api/v1/layanan/kecamatan/permohonan/${p.id}`)).status, 403);
  });

  it('publishes the upload limits the server applies', async () => {
    for (const client of [w.warga, w.petugas]) {
      const batas = ok(await client.get('/api/v1/layanan/batas'), 200);
      assert.deepEqual(batas, { maxBytes: MAX_BYTES, maxFiles: MAX_FILES, mediaTypes: ['application/pdf', 'image/jpeg', 'image/png'], ekstensi: ['.pdf', '.jpg', '.jpeg', '.png'] });
    }
    assert.equal((await t.client().get('/api/v1/layanan/batas')).status, 401);
    // The limits said are the limits kept.
    const p = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Uji batas berkas' } }));
    const base = `/api/v1/layanan/saya/permohonan/${p.id}/lampiran`;
    ok(await upload(w.warga, `${base}?syarat=lainnya`, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length, 0x20)])));
    assert.equal((await upload(w.warga, `${base}?syarat=lainnya`, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length + 1, 0x20)]))).status, 413);
    for (let i = 1; i < MAX_FILES; i++) ok(await upload(w.warga, `${base}?syarat=lainnya`, PNG));
    assert.equal((await upload(w.warga, `${base}?syarat=lainnya`, PNG)).status, 422);
  });

  it('the counter pre-fills a walk-in request by NIK, masked; unknown NIK 404, another kelurahan 403', async () => {
    const count = async () => (await sql<{ n: string }>`SELECT count(*) AS n FROM layanan.permohonan`.execute(t.kernel.db)).rows[0]!.n;
    const before = await count();
    const res = await w.petugas.get(`/api/v1/layanan/loket/draf/kehilangan?nik=${encodeURIComponent('1371 0155 0692 0002')}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.jenis.kode, 'kehilangan');
    assert.ok(res.body.jenis.fields.some((f: any) => f.name === 'barang_hilang'));
    const { pemohon } = res.body;
    assert.equal(pemohon.nama, 'Siti Aminah');
    assert.equal(pemohon.nik, '137101******0002');
    assert.match(pemohon.noKk, /^137101\*+0001$/);
    assert.equal(pemohon.tanggalLahir, '1992-**-**');
    assert.equal(pemohon.kodeKelurahan, KEL_A);
    assert.equal(pemohon.kecamatan, 'Padang Selatan');
    assert.match(pemohon.alamat, /^Jl\. Batang Arau No\. 7$/);
    masked(res.text, { nik: NIK_A2, noKk: '1371010101250001', tanggalLahir: '1992-06-15' });

    // A type not requestable online is offered at the counter too.
    ok(await t.admin.patch('/api/v1/layanan/jenis/izin-keramaian', { online: false }, { headers: { 'if-match': '*' } }), 200);
    assert.equal(ok(await w.petugas.get(`/api/v1/layanan/loket/draf/izin-keramaian?nik=${NIK_A}`), 200).jenis.online, false);

    const unknown = await w.petugas.get('/api/v1/layanan/loket/draf/domisili?nik=1371011203909999');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'layanan.pemohon_not_found');
    assert.match(unknown.body.detail, /tidak terdaftar/);
    const elsewhere = await w.petugas.get(`/api/v1/layanan/loket/draf/domisili?nik=${NIK_B}`);
    assert.equal(elsewhere.status, 403);
    assert.equal(elsewhere.body.code, 'layanan.pemohon_luar_wilayah');
    assert.ok(!elsewhere.text.includes('Budi Santoso'), 'another kelurahan’s resident named');
    // The submission answers the same way.
    const submitted = await w.petugas.post('/api/v1/layanan/permohonan', { nik: NIK_B, jenis: 'domisili', data: { keperluan: 'Bukan warga kami' } });
    assert.equal(submitted.status, 403);
    assert.equal(submitted.body.code, 'layanan.pemohon_luar_wilayah');
    // Officer B serves that resident.
    assert.equal(ok(await w.petugasB.get(`/api/v1/layanan/loket/draf/domisili?nik=${NIK_B}`), 200).pemohon.nama, 'Budi Santoso');

    const badNik = await w.petugas.get('/api/v1/layanan/loket/draf/domisili?nik=1371-0112-0390-00011');
    assert.equal(badNik.status, 400);
    assert.equal(badNik.body.errors[0].field, 'nik');
    assert.equal((await w.petugas.get('/api/v1/layanan/loket/draf/domisili')).status, 400);
    assert.equal((await w.petugas.get(`/api/v1/layanan/loket/draf/tidak-ada?nik=${NIK_A}`)).body.code, 'layanan.jenis_not_found');
    assert.equal((await w.warga.get(`/api/v1/layanan/loket/draf/domisili?nik=${NIK_A}`)).status, 403);
    assert.equal((await w.camat.get(`/api/v1/layanan/loket/draf/domisili?nik=${NIK_A}`)).status, 403);
    // A pre-fill (and a refused submission) makes nothing.
    assert.equal(await count(), before);
  });

  it('figures per kelurahan, letter type and month, each with its median time and share within SLA, places named', async () => {
    const tahun = new Date().getUTCFullYear() - 1;
    // Five finished requests last year, with known durations (days) and due dates.
    const plan: { client: World['warga']; jenis: string; data: object; from: string; days: number; dueDays: number }[] = [
      { client: w.warga, jenis: 'domisili', data: { keperluan: 'Statistik satu' }, from: `${tahun}-01-10`, days: 1, dueDays: 3 },
      { client: w.warga, jenis: 'domisili', data: { keperluan: 'Statistik dua' }, from: `${tahun}-01-12`, days: 2, dueDays: 3 },
      { client: w.warga, jenis: 'domisili', data: { keperluan: 'Statistik tiga' }, from: `${tahun}-02-02`, days: 4, dueDays: 3 },
      { client: w.warga, jenis: 'sktm', data: { keperluan: 'Statistik empat', penghasilan: 1000000, tanggungan: 2 }, from: `${tahun}-02-03`, days: 0.5, dueDays: 2 },
      { client: w.wargaB, jenis: 'domisili', data: { keperluan: 'Statistik lima' }, from: `${tahun}-02-10`, days: 3, dueDays: 3 },
    ];
    for (const step of plan) {
      const p = ok(await step.client.post('/api/v1/layanan/saya/permohonan', { jenis: step.jenis, data: step.data }));
      const from = `${step.from}T09:00:00+07:00`;
      await sql`UPDATE layanan.permohonan SET status = 'selesai', diajukan_at = ${from}::timestamptz,
        selesai_at = ${from}::timestamptz + make_interval(secs => ${step.days * 86400}),
        jatuh_tempo = (${step.from}::date + ${step.dueDays}::int) WHERE id = ${p.id}::uuid`.execute(t.kernel.db);
    }
    const nama = async (kode: string) => titleCase((await getWilayah(t.kernel.db, kode))!.nama);

    const lurah = ok(await w.lurah.get(`/api/v1/layanan/statistik?tahun=${tahun}`), 200);
    assert.equal(lurah.ringkasan.selesai, 4);
    assert.equal(lurah.ringkasan.medianHariSelesai, 1.5);
    assert.deepEqual(lurah.menurutKelurahan, [
      { kodeKelurahan: KEL_A, kelurahan: await nama(KEL_A), kodeKecamatan: KEC, kecamatan: 'Padang Selatan', diajukan: 4, selesai: 4, tepatWaktu: 3, medianHariSelesai: 1.5, persenTepatWaktu: 75 },
    ]);
    assert.notEqual(lurah.menurutKelurahan[0].kelurahan, KEL_A);

    const camat = ok(await w.camat.get(`/api/v1/layanan/statistik?tahun=${tahun}`), 200);
    assert.equal(camat.ringkasan.medianHariSelesai, 2);
    // Every kelurahan of the kecamatan is listed, those without requests with zeros.
    const semua = await listKelurahan(t.kernel.db, KEC);
    assert.deepEqual(camat.menurutKelurahan.map((r: any) => r.kodeKelurahan), semua.map((k) => k.kode));
    const b = camat.menurutKelurahan.find((r: any) => r.kodeKelurahan === KEL_B);
    assert.deepEqual({ ...b, kelurahan: undefined }, { kodeKelurahan: KEL_B, kelurahan: undefined, kodeKecamatan: KEC, kecamatan: 'Padang Selatan', diajukan: 1, selesai: 1, tepatWaktu: 1, medianHariSelesai: 3, persenTepatWaktu: 100 });
    const kosong = camat.menurutKelurahan.find((r: any) => ![KEL_A, KEL_B].includes(r.kodeKelurahan));
    if (kosong) assert.deepEqual([kosong.diajukan, kosong.medianHariSelesai, kosong.persenTepatWaktu], [0, null, null]);
    const sktm = ok(await w.camat.get('/api/v1/layanan/jenis/sktm'), 200).nama;
    assert.deepEqual(camat.menurutJenis, [
      { jenis: 'domisili', nama: 'Surat Keterangan Domisili', diajukan: 4, selesai: 4, tepatWaktu: 3, medianHariSelesai: 2.5, persenTepatWaktu: 75 },
      { jenis: 'sktm', nama: sktm, diajukan: 1, selesai: 1, tepatWaktu: 1, medianHariSelesai: 0.5, persenTepatWaktu: 100 },
    ]);
    assert.deepEqual(camat.menurutBulan, [
      { bulan: `${tahun}-01`, diajukan: 2, selesai: 2, tepatWaktu: 2, medianHariSelesai: 1.5, persenTepatWaktu: 100 },
      { bulan: `${tahun}-02`, diajukan: 3, selesai: 3, tepatWaktu: 2, medianHariSelesai: 3, persenTepatWaktu: 66.7 },
    ]);
    // One kelurahan asked for: only that one.
    const hanyaB = ok(await w.camat.get(`/api/v1/layanan/statistik?tahun=${tahun}&kelurahan=${KEL_B}`), 200);
    assert.deepEqual(hanyaB.menurutKelurahan.map((r: any) => r.kodeKelurahan), [KEL_B]);
    assert.equal(hanyaB.ringkasan.diajukan, 1);

    // The city's list names only the kelurahan with requests.
    const kota = ok(await w.pimpinan.get(`/api/v1/layanan/statistik?tahun=${tahun}`), 200);
    assert.deepEqual(kota.menurutKelurahan.map((r: any) => [r.kodeKelurahan, r.diajukan]), [[KEL_A, 4], [KEL_B, 1]]);
    const empty = ok(await w.pimpinan.get('/api/v1/layanan/statistik?tahun=2001'), 200);
    assert.deepEqual([empty.menurutKelurahan, empty.menurutJenis, empty.menurutBulan], [[], [], []]);
  });

  it('“my requests” a page at a time, newest first, with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push(ok(await w.warga2.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: `Halaman nomor ${i}` } })).id);
    const all = ok(await w.warga2.get('/api/v1/layanan/saya/permohonan'), 200);
    assert.equal(all.nextCursor, null);
    const expected = all.items.map((p: any) => p.id);
    assert.ok(ids.every((id) => expected.includes(id)));
    assert.deepEqual(expected.slice(0, 5), [...ids].reverse(), 'newest first');

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = ok(await w.warga2.get(`/api/v1/layanan/saya/permohonan?limit=2${cursor ? `&cursor=${cursor}` : ''}`), 200);
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((p: any) => p.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    assert.deepEqual(seen, expected);
    assert.equal(pages, Math.ceil(expected.length / 2));

    // Another resident's list never shows them; broken or foreign cursors are a 400.
    assert.ok(!ok(await w.warga.get('/api/v1/layanan/saya/permohonan?limit=200'), 200).items.some((p: any) => ids.includes(p.id)));
    const forged = Buffer.from(JSON.stringify({ sort: 'created_at', value: "2026-01-01'; DROP TABLE x", id: ids[0] })).toString('base64url');
    const queueCursor = Buffer.from(JSON.stringify({ due: '2026-01-01', id: ids[0] })).toString('base64url');
    for (const bad of ['bukan-kursor', forged, queueCursor]) {
      const res = await w.warga2.get(`/api/v1/layanan/saya/permohonan?cursor=${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.code, 'request.invalid_cursor');
    }
    assert.equal((await w.warga2.get('/api/v1/layanan/saya/permohonan?limit=0')).status, 400);
  });
});
