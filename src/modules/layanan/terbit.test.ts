import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { bulanRomawi } from './dokumen/index.js';
import { buildWorld, domisiliSampaiTtd, KEL_A, NIK_A, NIP_LURAH, ok, PNG, upload, type World } from './fixture.js';
import { dayWib } from './kalender.js';

const MAX_MISSES = 5;
const BASE = 'https://layanan.padang.go.id';

describe('e-kelurahan letters: numbering, issuing, verification, tracking, figures', () => {
  let t: TestServer;
  let w: World;

  before(async () => {
    t = await startTestServer({ env: { PADU_LAYANAN_PUBLIC_MAX_MISSES: String(MAX_MISSES), PADU_PUBLIC_BASE_URL: BASE } });
    w = await buildWorld(t);
  });
  after(() => t.close());

  const today = dayWib();
  const tahun = today.slice(0, 4);
  const bulan = bulanRomawi(Number(today.slice(5, 7)));

  it('20 approvals at the same moment take 20 consecutive numbers: no gaps, no duplicates', async () => {
    const waiting = [];
    for (let i = 0; i < 20; i++) waiting.push(await domisiliSampaiTtd(w, `Keperluan nomor ${i + 1}`));
    assert.ok(waiting.every((p) => p.status === 'menunggu_ttd'), 'all wait for the signature');
    const results = await Promise.all(waiting.map((p) => w.lurah.post(`/api/v1/layanan/permohonan/${p.id}/setujui`, {})));
    assert.deepEqual(results.map((r) => r.status), Array(20).fill(200), JSON.stringify(results.find((r) => r.status !== 200)?.body));
    const numbers = results.map((r) => r.body.surat.nomor as string).sort();
    const expected = Array.from({ length: 20 }, (_, i) => `470/${String(i + 1).padStart(3, '0')}/${KEL_A}/${bulan}/${tahun}`);
    assert.deepEqual(numbers, expected);
    const stored = await sql<{ urut: number }>`SELECT urut FROM layanan.surat WHERE kode_kelurahan = ${KEL_A} ORDER BY urut`.execute(t.kernel.db);
    assert.deepEqual(stored.rows.map((r) => r.urut), Array.from({ length: 20 }, (_, i) => i + 1));
    // Approving one again (two approvals of the same request) is a 409 and takes no number.
    const again = await w.lurah.post(`/api/v1/layanan/permohonan/${waiting[0].id}/setujui`, {});
    assert.equal(again.status, 409);
    const counter = await sql<{ terakhir: number }>`SELECT terakhir FROM layanan.nomor_urut WHERE kode_kelurahan = ${KEL_A}`.execute(t.kernel.db);
    assert.equal(counter.rows[0]!.terakhir, 20);
  });

  it('two approvals of one request at once: one number, one letter', async () => {
    const p = await domisiliSampaiTtd(w);
    const both = await Promise.all([w.lurah.post(`/api/v1/layanan/permohonan/${p.id}/setujui`, {}), w.lurah.post(`/api/v1/layanan/permohonan/${p.id}/setujui`, {})]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
    const letters = await sql<{ n: string }>`SELECT count(*) AS n FROM layanan.surat WHERE permohonan_id = ${p.id}::uuid`.execute(t.kernel.db);
    assert.equal(letters.rows[0]!.n, '1');
    const counter = await sql<{ terakhir: number }>`SELECT terakhir FROM layanan.nomor_urut WHERE kode_kelurahan = ${KEL_A}`.execute(t.kernel.db);
    assert.equal(counter.rows[0]!.terakhir, 21);
  });

  it('issues the PDF with the signer from the registry; the resident downloads their own, nobody else’s', async () => {
    const p = await domisiliSampaiTtd(w, 'Melamar kerja di Bank Nagari');
    const unlinked = await w.lurahUnlinked.post(`/api/v1/layanan/permohonan/${p.id}/setujui`, {});
    assert.equal(unlinked.status, 422);
    assert.equal(unlinked.body.code, 'layanan.penandatangan_belum_tertaut');
    const sekretaris = await w.sekretaris.post(`/api/v1/layanan/permohonan/${p.id}/setujui`, {});
    assert.equal(sekretaris.status, 403);
    assert.equal(sekretaris.body.code, 'layanan.perlu_lurah');
    const officer = await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/setujui`, {});
    assert.equal(officer.status, 403);

    const approved = ok(await w.lurah.post(`/api/v1/layanan/permohonan/${p.id}/setujui`, {}), 200);
    assert.equal(approved.status, 'selesai');
    const surat = approved.surat;
    assert.equal(surat.nomor, `470/022/${KEL_A}/${bulan}/${tahun}`);
    assert.equal(surat.tanggal, today);
    assert.deepEqual(surat.penandatangan, { jabatan: `Lurah ${approved.pemohon.kelurahan}`, nama: 'Budi Saputra, S.Sos', nip: NIP_LURAH });
    assert.match(surat.verifikasiUrl, new RegExp(`^${BASE}/verifikasi/[A-Za-z0-9_-]{24}$`));
    assert.ok(surat.berlakuSampai > today, 'valid for 6 months');
    assert.deepEqual(approved.riwayat.map((r: any) => r.ke), ['baru', 'verifikasi', 'menunggu_ttd', 'selesai']);

    const pdf = await fetch(`${t.url}/api/v1/layanan/saya/permohonan/${p.kodeLacak}/surat`, { headers: { cookie: w.warga.cookie! } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.equal(createHash('sha256').update(bytes).digest('hex'), surat.sha256);
    assert.equal(bytes.length, surat.ukuran);
    const staff = await fetch(`${t.url}/api/v1/layanan/permohonan/${p.id}/surat`, { headers: { cookie: w.petugas.cookie! } });
    assert.equal(createHash('sha256').update(Buffer.from(await staff.arrayBuffer())).digest('hex'), surat.sha256);
    assert.equal((await w.wargaB.get(`/api/v1/layanan/saya/permohonan/${p.id}/surat`)).status, 404);
    assert.equal((await w.petugasB.get(`/api/v1/layanan/permohonan/${p.id}/surat`)).status, 404);

    // The audit entry of the approval names the number and the hash; the letter is never re-rendered.
    const audit = await sql<{ after: any }>`SELECT after FROM core.audit_log WHERE action = 'permohonan.disetujui' AND entity_id = ${p.id}`.execute(t.kernel.db);
    assert.equal(audit.rows[0]!.after.nomor, surat.nomor);
    const event = await sql<{ payload: any }>`SELECT payload FROM core.outbox WHERE type = 'surat.diterbitkan' AND payload->>'permohonanId' = ${p.id}`.execute(t.kernel.db);
    assert.equal(event.rows[0]!.payload.sha256, surat.sha256);
    assert.ok(!JSON.stringify(event.rows[0]!.payload).includes(NIK_A), 'no NIK in the event');
  });

  it('the sekretaris signs letters whose type names the sekretaris, as “a.n. Lurah”', async () => {
    const p = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'kehilangan', data: { barang_hilang: 'STNK motor', tanggal_hilang: '2026-11-01', tempat_hilang: 'Pantai Padang' } }));
    for (const syarat of ['pengantar_rt', 'ktp']) ok(await upload(w.warga, `/api/v1/layanan/saya/permohonan/${p.id}/lampiran?syarat=${syarat}`, PNG));
    ok(await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/ambil`, {}), 200);
    for (const l of ok(await w.petugas.get(`/api/v1/layanan/permohonan/${p.id}`), 200).lampiran) ok(await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/lampiran/${l.id}/verifikasi`, { sah: true }), 200);
    ok(await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/teruskan`, {}), 200);
    const signed = ok(await w.sekretaris.post(`/api/v1/layanan/permohonan/${p.id}/setujui`, {}), 200);
    assert.match(signed.surat.penandatangan.jabatan, /^a\.n\. Lurah .+, Sekretaris Kelurahan$/);
    assert.equal(signed.surat.nomor, `331.2/001/${KEL_A}/${bulan}/${tahun}`);
  });

  it('public verification: valid with the name masked, the exact PDF matches, a revoked letter says so; visits are logged', async () => {
    const p = await domisiliSampaiTtd(w, 'Verifikasi publik');
    const approved = ok(await w.lurah.post(`/api/v1/layanan/permohonan/${p.id}/setujui`, {}), 200);
    const token = approved.surat.verifikasiUrl.split('/').at(-1);
    const anonymous = t.client();
    const page = await anonymous.get(`/api/v1/verifikasi/${token}`);
    assert.equal(page.status, 200);
    assert.deepEqual(page.body, {
      status: 'valid',
      jenis: 'Surat Keterangan Domisili',
      nomor: approved.surat.nomor,
      tanggal: today,
      pemegang: 'Ra**** Hi*****',
      kelurahan: approved.pemohon.kelurahan,
      dicabutPada: null,
      alasanCabut: null,
    });
    assert.ok(!page.text.includes(NIK_A) && !page.text.includes('Rahmat'), 'no personal data');

    const pdf = Buffer.from(await (await fetch(`${t.url}/api/v1/layanan/saya/permohonan/${p.id}/surat`, { headers: { cookie: w.warga.cookie! } })).arrayBuffer());
    const same = await anonymous.request('POST', `/api/v1/verifikasi/${token}/berkas`, { raw: pdf, headers: { 'content-type': 'application/pdf' } });
    assert.deepEqual([same.status, same.body], [200, { cocok: true }]);
    const tampered = Buffer.from(pdf);
    tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 1;
    const changed = await anonymous.request('POST', `/api/v1/verifikasi/${token}/berkas`, { raw: tampered, headers: { 'content-type': 'application/pdf' } });
    assert.deepEqual([changed.status, changed.body], [200, { cocok: false }]);
    const huge = await anonymous.request('POST', `/api/v1/verifikasi/${token}/berkas`, { raw: Buffer.alloc(2 * 1024 * 1024 + 1, 0x25), headers: { 'content-type': 'application/pdf' } });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.code, 'layanan.lampiran_terlalu_besar');

    assert.equal((await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/surat/cabut`, { alasan: 'Data keliru' })).status, 403);
    const revoked = ok(await w.lurah.post(`/api/v1/layanan/permohonan/${p.id}/surat/cabut`, { alasan: 'Pemohon pindah domisili' }), 200);
    assert.ok(revoked.dicabutAt);
    assert.equal((await w.lurah.post(`/api/v1/layanan/permohonan/${p.id}/surat/cabut`, { alasan: 'Lagi lagi' })).status, 409);
    const after = ok(await anonymous.get(`/api/v1/verifikasi/${token}`), 200);
    assert.equal(after.status, 'dicabut');
    assert.equal(after.alasanCabut, 'Pemohon pindah domisili');
    assert.ok(after.dicabutPada);

    const visits = await sql<{ jenis: string; hasil: string }>`SELECT jenis, hasil FROM layanan.kunjungan_publik WHERE surat_id = (SELECT id FROM layanan.surat WHERE token = ${token}) ORDER BY id`.execute(t.kernel.db);
    assert.deepEqual(visits.rows.map((v) => [v.jenis, v.hasil]), [['verifikasi', 'valid'], ['berkas', 'cocok'], ['berkas', 'tidak_cocok'], ['verifikasi', 'dicabut']]);
  });

  it('public tracking by code shows status and dates only', async () => {
    const p = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Lacak tanpa masuk' } }));
    const res = await t.client().get(`/api/v1/lacak/${p.kodeLacak.toLowerCase().replace(/(.{4})/, '$1-')}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(Object.keys(res.body).sort(), ['diajukanPada', 'jatuhTempo', 'jenis', 'kodeLacak', 'riwayat', 'selesaiPada', 'status']);
    assert.equal(res.body.status, 'baru');
    assert.deepEqual(res.body.riwayat.map((r: any) => Object.keys(r).sort()), [['pada', 'status']]);
    for (const secret of [NIK_A, 'Rahmat', 'Lacak tanpa masuk', 'Batang Arau No. 7']) assert.ok(!res.text.includes(secret), secret);
  });

  it('figures: per kelurahan, type and month; median time to completion; share within SLA — for lurah, camat and pimpinan', async () => {
    const lurah = ok(await w.lurah.get(`/api/v1/layanan/statistik?tahun=${tahun}`), 200);
    assert.equal(lurah.ringkasan.selesai, 24); // 20 + 1 + 1 + 1 domisili, 1 kehilangan
    assert.equal(lurah.ringkasan.diajukan, 25);
    assert.equal(lurah.ringkasan.persenTepatWaktu, 100);
    assert.equal(typeof lurah.ringkasan.medianHariSelesai, 'number');
    const domisili = lurah.perBulan.find((m: any) => m.jenis === 'domisili');
    assert.equal(domisili.bulan, today.slice(0, 7));
    assert.equal(domisili.kodeKelurahan, KEL_A);
    assert.equal(domisili.selesai, 23);
    assert.deepEqual(ok(await w.camat.get(`/api/v1/layanan/statistik?tahun=${tahun}`), 200).ringkasan, lurah.ringkasan);
    assert.deepEqual(ok(await w.pimpinan.get(`/api/v1/layanan/statistik?tahun=${tahun}`), 200).ringkasan, lurah.ringkasan);
    assert.equal(ok(await w.pimpinan.get('/api/v1/layanan/statistik?tahun=2020'), 200).ringkasan.diajukan, 0);
    assert.equal((await w.petugas.get(`/api/v1/layanan/statistik?tahun=${tahun}`)).status, 403);
    assert.equal((await w.warga.get(`/api/v1/layanan/statistik?tahun=${tahun}`)).status, 403);
  });

  it('guessing tokens or codes is throttled per address (429 with Retry-After), valid ones included once locked', async () => {
    const anonymous = t.client();
    const p = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Uji pembatasan' } }));
    for (let i = 0; i < MAX_MISSES; i++) {
      const miss = await anonymous.get(i % 2 ? `/api/v1/lacak/ABCDEFGH${String(i).padStart(2, '2')}` : `/api/v1/verifikasi/tebakan-token-${i}-xxxxxxxx`);
      assert.equal(miss.status, 404, `guess ${i}`);
    }
    const locked = await anonymous.get(`/api/v1/lacak/${p.kodeLacak}`);
    assert.equal(locked.status, 429);
    assert.equal(locked.body.code, 'layanan.terlalu_banyak_percobaan');
    assert.ok(Number(locked.headers.get('retry-after')) > 0, 'Retry-After');
    assert.equal((await anonymous.get('/api/v1/verifikasi/tebakan-lagi-xxxxxxxxxx')).status, 429);
    const logged = await sql<{ n: string }>`SELECT count(*) AS n FROM layanan.kunjungan_publik WHERE hasil = 'tidak_dikenal'`.execute(t.kernel.db);
    assert.equal(Number(logged.rows[0]!.n), MAX_MISSES);
  });
});
