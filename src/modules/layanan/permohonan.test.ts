import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { buildWorld, EXE, JPG, KEL_A, NIK_A, NIK_A2, NIK_B, ok, PDF, PNG, upload, type World } from './fixture.js';
import { addWorkingDays, dayWib, workingDaysBetween } from './kalender.js';
import { loadHolidays } from './hari-libur.js';

const MAX_BYTES = 4096;
const MAX_FILES = 5;

describe('e-kelurahan requests: submission, workflow, queues, attachments, authorization', () => {
  let t: TestServer;
  let w: World;

  before(async () => {
    t = await startTestServer({ env: { PADU_LAYANAN_MAX_FILE_BYTES: String(MAX_BYTES), PADU_LAYANAN_MAX_FILES: String(MAX_FILES) } });
    w = await buildWorld(t);
  });
  after(() => t.close());

  const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM layanan.permohonan`.execute(t.kernel.db)).rows[0]!.n);

  it('pre-fills the form from the registry: the resident never retypes their data', async () => {
    const draf = ok(await w.warga.get('/api/v1/layanan/saya/draf/domisili'), 200);
    assert.equal(draf.jenis.kode, 'domisili');
    assert.deepEqual(draf.jenis.fields.map((f: any) => f.name), ['keperluan']);
    assert.equal(draf.pemohon.nama, 'Rahmat Hidayat');
    assert.equal(draf.pemohon.nik, NIK_A);
    assert.equal(draf.pemohon.kodeKelurahan, KEL_A);
    assert.equal(draf.pemohon.kota, 'Kota Padang');
    assert.equal(draf.pemohon.kecamatan, 'Padang Selatan');
    assert.equal(draf.terisi.ttl, 'Padang, 12 Maret 1990');
    assert.equal(draf.terisi.jenis_kelamin, 'Laki-laki');
    assert.match(draf.terisi.alamat, /^Jl\. Batang Arau No\. 7, RT 001\/RW 002, Kelurahan .+, Kecamatan Padang Selatan$/);
    const unlinked = await w.wargaUnlinked.get('/api/v1/layanan/saya/draf/domisili');
    assert.equal(unlinked.status, 404);
    assert.equal(unlinked.body.code, 'layanan.self_unlinked');
    assert.equal((await w.warga.get('/api/v1/layanan/saya/draf/tidak-ada')).status, 404);
  });

  it('submits with only the extra fields; bad fields are a 422 naming each one', async () => {
    const bad = await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'sktm', data: { keperluan: 'x', penghasilan: 'banyak', lain: 1 } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.code, 'layanan.data_invalid');
    assert.deepEqual(bad.body.errors.map((e: any) => [e.field, e.rule]), [
      ['data/lain', 'additionalProperties'],
      ['data/keperluan', 'minLength'],
      ['data/penghasilan', 'type'],
      ['data/tanggungan', 'required'],
    ]);
    const before = await count();
    const res = await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'sktm', data: { keperluan: 'Beasiswa anak sekolah', penghasilan: 1500000, tanggungan: 3 }, email: 'rahmat@contoh.id' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.kodeLacak, /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
    assert.equal(res.body.status, 'baru');
    assert.equal(res.body.kanal, 'online');
    assert.equal(res.body.pemohon.nama, 'Rahmat Hidayat');
    const holidays = await loadHolidays(t.kernel.db);
    assert.equal(res.body.jatuhTempo, addWorkingDays(dayWib(), 2, holidays));
    assert.equal(res.body.sisaHariKerja, 2);
    assert.deepEqual(res.body.riwayat.map((r: any) => [r.dari, r.ke]), [[null, 'baru']]);
    assert.equal(await count(), before + 1);
    // The audit entry masks personal data.
    const audit = await sql<{ after: any }>`SELECT after FROM core.audit_log WHERE action = 'permohonan.created' AND entity_id = ${res.body.id}`.execute(t.kernel.db);
    assert.notEqual(audit.rows[0]!.after.nik, NIK_A);
    assert.notEqual(audit.rows[0]!.after.email, 'rahmat@contoh.id');
  });

  it('one Idempotency-Key, sent twice or at once, makes one request with the same answer', async () => {
    const body = { jenis: 'domisili', data: { keperluan: 'Mendaftar sekolah anak' } };
    const before = await count();
    const first = await w.warga.post('/api/v1/layanan/saya/permohonan', body, { headers: { 'idempotency-key': 'kunci-uji-0001' } });
    const second = await w.warga.post('/api/v1/layanan/saya/permohonan', body, { headers: { 'idempotency-key': 'kunci-uji-0001' } });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.kodeLacak, first.body.kodeLacak);
    assert.equal(await count(), before + 1);
    const different = await w.warga.post('/api/v1/layanan/saya/permohonan', { ...body, data: { keperluan: 'Keperluan yang lain' } }, { headers: { 'idempotency-key': 'kunci-uji-0001' } });
    assert.equal(different.status, 422);
    assert.equal(different.body.code, 'layanan.idempotency_conflict');

    const racing = await Promise.all(Array.from({ length: 6 }, () => w.warga.post('/api/v1/layanan/saya/permohonan', body, { headers: { 'idempotency-key': 'kunci-balapan-01' } })));
    assert.deepEqual(racing.map((r) => r.status), [201, 201, 201, 201, 201, 201]);
    assert.equal(new Set(racing.map((r) => r.body.id)).size, 1);
    assert.equal(await count(), before + 2);
    // Another account's key space is its own.
    const other = await w.warga2.post('/api/v1/layanan/saya/permohonan', body, { headers: { 'idempotency-key': 'kunci-uji-0001' } });
    assert.equal(other.status, 201);
    assert.notEqual(other.body.id, first.body.id);
  });

  it('resident A asking for resident B’s request by id or code gets 404; staff of another kelurahan 404 to read, 403 to act', async () => {
    const mine = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Uji akses antarwarga' } }));
    for (const ref of [mine.id, mine.kodeLacak, mine.kodeLacak.toLowerCase()]) {
      const res = await w.wargaB.get(`/api/v1/layanan/saya/permohonan/${ref}`);
      assert.equal(res.status, 404, ref);
      assert.equal(res.body.code, 'layanan.permohonan_not_found');
      assert.equal((await w.wargaB.post(`/api/v1/layanan/saya/permohonan/${ref}/batal`, {})).status, 404);
      assert.equal((await upload(w.wargaB, `/api/v1/layanan/saya/permohonan/${ref}/lampiran?syarat=ktp`, PNG)).status, 404);
    }
    const own = ok(await w.warga.get(`/api/v1/layanan/saya/permohonan/${mine.kodeLacak}`), 200);
    assert.equal(own.id, mine.id);
    // The holder sees their own data in full; staff see NIK, No. KK and birth date masked, in lists and in the request.
    assert.match(own.pemohon.nik, /^[0-9]{16}$/);
    const staffView = ok(await w.petugas.get(`/api/v1/layanan/permohonan/${mine.id}`), 200);
    assert.equal(staffView.pemohon.nama, own.pemohon.nama);
    for (const text of [JSON.stringify(staffView), JSON.stringify(ok(await w.petugas.get('/api/v1/layanan/permohonan'), 200))]) {
      assert.ok(!text.includes(own.pemohon.nik), 'full NIK in a staff view');
      assert.ok(!text.includes(own.pemohon.noKk), 'full No. KK in a staff view');
      assert.ok(!text.includes(own.pemohon.tanggalLahir), 'birth date in a staff view');
    }
    assert.ok(!ok(await w.wargaB.get('/api/v1/layanan/saya/permohonan'), 200).items.some((p: any) => p.id === mine.id));

    assert.equal((await w.petugasB.get(`/api/v1/layanan/permohonan/${mine.id}`)).status, 404);
    const acting = await w.petugasB.post(`/api/v1/layanan/permohonan/${mine.id}/ambil`, {});
    assert.equal(acting.status, 403);
    assert.equal(acting.body.code, 'auth.forbidden');
    assert.equal((await upload(w.petugasB, `/api/v1/layanan/permohonan/${mine.id}/lampiran?syarat=ktp`, PNG)).status, 403);
    assert.ok(!ok(await w.petugasB.get('/api/v1/layanan/permohonan'), 200).items.some((p: any) => p.id === mine.id));
    // Residents cannot use the staff routes at all.
    assert.equal((await w.warga.get('/api/v1/layanan/permohonan')).status, 403);
  });

  it('walks the workflow: assign to self, needs changes, re-submit, verify files, forward, refuse or approve; stale steps are 409/412', async () => {
    const p = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Mengurus paspor umrah' }, telepon: '081234567890' }));
    const path = `/api/v1/layanan/permohonan/${p.id}`;
    const taken = ok(await w.petugas.post(`${path}/ambil`, {}), 200);
    assert.equal(taken.status, 'verifikasi');
    assert.equal(taken.petugas.nama, 'petugas-a');
    const twice = await w.petugas.post(`${path}/ambil`, {});
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'layanan.status_conflict');
    assert.equal((await w.petugas.post(`${path}/perbaikan`, { catatan: 'ok' })).status, 400);
    const stale = await w.petugas.post(`${path}/perbaikan`, { catatan: 'Foto KTP buram, unggah ulang' }, { headers: { 'if-match': '"v1"' } });
    assert.equal(stale.status, 412);
    const fix = ok(await w.petugas.post(`${path}/perbaikan`, { catatan: 'Foto KTP buram, unggah ulang' }, { headers: { 'if-match': `"v${taken.version}"` } }), 200);
    assert.equal(fix.status, 'perlu_perbaikan');
    assert.equal(fix.catatan, 'Foto KTP buram, unggah ulang');

    for (const syarat of ['pengantar_rt', 'ktp', 'kk']) ok(await upload(w.warga, `/api/v1/layanan/saya/permohonan/${p.id}/lampiran?syarat=${syarat}&nama=${syarat}.jpg`, JPG));
    const back = ok(await w.warga.post(`/api/v1/layanan/saya/permohonan/${p.id}/ajukan-ulang`, { data: { keperluan: 'Mengurus paspor umrah 2027' } }), 200);
    assert.equal(back.status, 'verifikasi');
    assert.equal(back.data.keperluan, 'Mengurus paspor umrah 2027');

    const early = await w.petugas.post(`${path}/teruskan`, {});
    assert.equal(early.status, 422);
    assert.equal(early.body.code, 'layanan.syarat_belum_lengkap');
    assert.deepEqual(early.body.errors.map((e: any) => e.field), ['syarat/pengantar_rt', 'syarat/ktp', 'syarat/kk']);
    const files = ok(await w.petugas.get(path), 200).lampiran;
    assert.equal(files.length, 3);
    ok(await w.petugas.post(`${path}/lampiran/${files[0].id}/verifikasi`, { sah: true }), 200);
    ok(await w.petugas.post(`${path}/lampiran/${files[1].id}/verifikasi`, { sah: false, catatan: 'Buram' }), 200);
    ok(await w.petugas.post(`${path}/lampiran/${files[2].id}/verifikasi`, { sah: true }), 200);
    const stillMissing = await w.petugas.post(`${path}/teruskan`, {});
    assert.deepEqual(stillMissing.body.errors.map((e: any) => e.field), ['syarat/ktp']);
    ok(await w.petugas.post(`${path}/lampiran/${files[1].id}/verifikasi`, { sah: true }), 200);
    const forwarded = ok(await w.petugas.post(`${path}/teruskan`, { catatan: 'Lengkap' }), 200);
    assert.equal(forwarded.status, 'menunggu_ttd');

    // Once it waits for the signature, only the signer may refuse it; the resident may still cancel before approval.
    const officerRefuses = await w.petugas.post(`${path}/tolak`, { alasan: 'Tidak memenuhi syarat' });
    assert.equal(officerRefuses.status, 403);
    const refused = ok(await w.lurah.post(`${path}/tolak`, { alasan: 'Alamat tidak sesuai pengantar RT' }), 200);
    assert.equal(refused.status, 'ditolak');
    assert.ok(refused.selesaiAt);
    assert.equal((await w.warga.post(`/api/v1/layanan/saya/permohonan/${p.id}/batal`, {})).status, 409);

    const timeline = ok(await w.warga.get(`/api/v1/layanan/saya/permohonan/${p.id}`), 200).riwayat;
    assert.deepEqual(timeline.map((r: any) => r.ke), ['baru', 'verifikasi', 'perlu_perbaikan', 'verifikasi', 'menunggu_ttd', 'ditolak']);
    assert.equal(timeline[2].catatan, 'Foto KTP buram, unggah ulang');
    assert.equal(timeline[5].oleh, 'lurah-a');
    assert.ok(timeline.every((r: any) => r.at));
    const events = await sql<{ n: string }>`SELECT count(*) AS n FROM core.outbox WHERE type = 'permohonan.status_changed' AND entity_id = ${p.id}`.execute(t.kernel.db);
    assert.equal(Number(events.rows[0]!.n), 6);
  });

  it('the resident cancels before approval; a cancelled request cannot move again', async () => {
    const p = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Batal diajukan' } }));
    const cancelled = ok(await w.warga.post(`/api/v1/layanan/saya/permohonan/${p.id}/batal`, { alasan: 'Salah pilih layanan' }), 200);
    assert.equal(cancelled.status, 'dibatalkan');
    assert.equal(cancelled.sisaHariKerja, null);
    assert.equal((await w.warga.post(`/api/v1/layanan/saya/permohonan/${p.id}/batal`, {})).status, 409);
    assert.equal((await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/ambil`, {})).status, 409);
  });

  it('walk-in requests are entered at the counter for a resident of the officer’s kelurahan, also for letters not offered online', async () => {
    const walkIn = await w.petugas.post('/api/v1/layanan/permohonan', { nik: NIK_A2, jenis: 'kehilangan', data: { barang_hilang: 'Dompet berisi KTP', tanggal_hilang: '2026-11-20', tempat_hilang: 'Pasar Raya' } }, { headers: { 'idempotency-key': 'loket-0001-uji' } });
    assert.equal(walkIn.status, 201, JSON.stringify(walkIn.body));
    assert.equal(walkIn.body.kanal, 'loket');
    assert.equal(walkIn.body.namaPemohon, 'Siti Aminah');
    assert.deepEqual(walkIn.body.riwayat.map((r: any) => [r.ke, r.oleh]), [['baru', 'petugas-a']]);
    // The resident sees it as their own.
    assert.ok(ok(await w.warga2.get('/api/v1/layanan/saya/permohonan'), 200).items.some((p: any) => p.id === walkIn.body.id));
    const elsewhere = await w.petugas.post('/api/v1/layanan/permohonan', { nik: NIK_B, jenis: 'domisili', data: { keperluan: 'Bukan warga kami' } });
    assert.equal(elsewhere.status, 403);
    const unknown = await w.petugas.post('/api/v1/layanan/permohonan', { nik: '1371011203909999', jenis: 'domisili', data: { keperluan: 'Tidak terdaftar' } });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.code, 'layanan.pemohon_tidak_dikenal');

    // A type not offered online is refused to residents, accepted at the counter.
    ok(await t.admin.patch('/api/v1/layanan/jenis/izin-keramaian', { online: false }, { headers: { 'if-match': '"v1"' } }), 200);
    const data = { jenis_acara: 'Pesta pernikahan', tanggal_acara: '2026-12-20', waktu_acara: '10.00–16.00', tempat_acara: 'Rumah', jumlah_undangan: 300 };
    const online = await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'izin-keramaian', data });
    assert.equal(online.status, 422);
    assert.equal(online.body.code, 'layanan.jenis_tidak_online');
    assert.equal((await w.petugas.post('/api/v1/layanan/permohonan', { nik: NIK_A, jenis: 'izin-keramaian', data })).status, 201);
  });

  it('queues per kelurahan with due dates, assigned-to-me and overdue filters; the camat sees overdue ones across the kecamatan', async () => {
    const queue = ok(await w.petugas.get('/api/v1/layanan/permohonan?limit=200'), 200).items as any[];
    assert.ok(queue.length >= 5);
    assert.ok(queue.every((p) => p.kodeKelurahan === KEL_A));
    for (let i = 1; i < queue.length; i++) assert.ok(queue[i - 1].jatuhTempo <= queue[i].jatuhTempo);
    const baru = ok(await w.petugas.get('/api/v1/layanan/permohonan?status=baru'), 200).items as any[];
    assert.ok(baru.length > 0 && baru.every((p) => p.status === 'baru'));

    const target = baru[0];
    ok(await w.petugas.post(`/api/v1/layanan/permohonan/${target.id}/ambil`, {}), 200);
    const mine = ok(await w.petugas.get('/api/v1/layanan/permohonan?saya=true'), 200).items as any[];
    assert.ok(mine.some((p) => p.id === target.id));
    assert.ok(mine.every((p) => p.petugas?.nama === 'petugas-a'));

    // Make it overdue: submitted long ago, due 3 working days ago.
    const holidays = await loadHolidays(t.kernel.db);
    const due = addWorkingDays(dayWib(), -3, holidays);
    await sql`UPDATE layanan.permohonan SET jatuh_tempo = ${due}::date WHERE id = ${target.id}::uuid`.execute(t.kernel.db);
    const late = ok(await w.petugas.get('/api/v1/layanan/permohonan?terlambat=true'), 200).items as any[];
    assert.deepEqual(late.map((p) => p.id), [target.id]);
    assert.equal(late[0].terlambat, true);
    assert.equal(late[0].sisaHariKerja, workingDaysBetween(dayWib(), due, holidays));
    assert.ok(late[0].sisaHariKerja < 0, 'overdue: negative working days left');

    const kecamatan = ok(await w.camat.get('/api/v1/layanan/kecamatan/permohonan?terlambat=true'), 200).items as any[];
    assert.deepEqual(kecamatan.map((p) => p.id), [target.id]);
    assert.equal((await w.petugas.get('/api/v1/layanan/kecamatan/permohonan')).status, 403);
    assert.deepEqual(ok(await w.petugasB.get('/api/v1/layanan/permohonan?terlambat=true'), 200).items, []);

    const page1 = ok(await w.petugas.get('/api/v1/layanan/permohonan?limit=2'), 200);
    assert.equal(page1.items.length, 2);
    const page2 = ok(await w.petugas.get(`/api/v1/layanan/permohonan?limit=2&cursor=${page1.nextCursor}`), 200);
    assert.ok(!page2.items.some((p: any) => page1.items.some((q: any) => q.id === p.id)));
    assert.equal((await w.petugas.get('/api/v1/layanan/permohonan?cursor=bukan-kursor')).status, 400);
  });

  it('attachments: checked by content, size- and count-limited, stored with SHA-256, verified by officers', async () => {
    const p = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'usaha', data: { nama_usaha: 'Warung Sate', jenis_usaha: 'Kuliner', alamat_usaha: 'Jl. Pondok', keperluan: 'Pinjaman modal usaha' } }));
    const base = `/api/v1/layanan/saya/permohonan/${p.id}/lampiran`;

    const exe = await upload(w.warga, `${base}?syarat=ktp&nama=ktp.pdf`, EXE, 'application/pdf');
    assert.equal(exe.status, 415);
    assert.equal(exe.body.code, 'layanan.lampiran_jenis');
    const big = await upload(w.warga, `${base}?syarat=ktp`, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]), 'application/pdf');
    assert.equal(big.status, 413);
    assert.equal(big.body.code, 'layanan.lampiran_terlalu_besar');
    assert.match(big.body.detail, new RegExp(String(MAX_BYTES)));
    const empty = await upload(w.warga, `${base}?syarat=ktp`, Buffer.alloc(0));
    assert.equal(empty.status, 422);
    const unknownSyarat = await upload(w.warga, `${base}?syarat=paspor`, PNG, 'image/png');
    assert.equal(unknownSyarat.status, 422);
    assert.equal(unknownSyarat.body.code, 'layanan.syarat_unknown');

    const ktp = await upload(w.warga, `${base}?syarat=ktp&nama=KTP%20saya.png`, PNG, 'image/jpeg');
    assert.equal(ktp.status, 201, JSON.stringify(ktp.body));
    assert.equal(ktp.body.mediaType, 'image/png'); // by content, not by the header
    assert.equal(ktp.body.namaBerkas, 'KTP saya.png');
    assert.equal(ktp.body.sha256, createHash('sha256').update(PNG).digest('hex'));
    // A second file for the same requirement replaces the first.
    const ktp2 = ok(await upload(w.warga, `${base}?syarat=ktp`, PDF, 'application/pdf'));
    const listed = ok(await w.warga.get(`/api/v1/layanan/saya/permohonan/${p.id}`), 200).lampiran as any[];
    assert.deepEqual(listed.map((l) => l.id), [ktp2.id]);

    ok(await upload(w.warga, `${base}?syarat=kk`, JPG));
    ok(await upload(w.warga, `${base}?syarat=pengantar_rt`, PDF));
    ok(await upload(w.warga, `${base}?syarat=lainnya`, PNG));
    ok(await upload(w.warga, `${base}?syarat=lainnya`, PNG));
    const tooMany = await upload(w.warga, `${base}?syarat=lainnya`, PNG);
    assert.equal(tooMany.status, 422);
    assert.equal(tooMany.body.code, 'layanan.lampiran_terlalu_banyak');
    const stored = await sql<{ n: string }>`SELECT count(*) AS n FROM layanan.lampiran WHERE permohonan_id = ${p.id}::uuid`.execute(t.kernel.db);
    assert.equal(Number(stored.rows[0]!.n), MAX_FILES);

    ok(await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/ambil`, {}), 200);
    const download = await w.petugas.get(`/api/v1/layanan/permohonan/${p.id}/lampiran/${ktp2.id}`);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.equal(download.text, PDF.toString());
    const marked = ok(await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/lampiran/${ktp2.id}/verifikasi`, { sah: true, catatan: 'Jelas' }), 200);
    assert.equal(marked.diverifikasi, 'sah');
    assert.equal(marked.diverifikasiOleh, 'petugas-a');
    // While verifying, the resident can no longer change files.
    assert.equal((await upload(w.warga, `${base}?syarat=kk`, JPG)).status, 409);
    assert.equal((await w.warga.request('DELETE', `${base}/${ktp2.id}`)).status, 409);
  });
});
