import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/helpers/server.js';
import { ok } from './fixture.js';
import { seedKatalog } from './katalog.js';
import { seedHariLibur } from './hari-libur.js';

const SEEDED = ['beda-identitas', 'domisili', 'izin-keramaian', 'kehilangan', 'kelahiran', 'kematian', 'pengantar-nikah', 'pengantar-skck', 'penghasilan-orang-tua', 'pindah', 'sktm', 'usaha'];

const newJenis = (kode: string) => ({
  kode,
  kodeSurat: '470.9',
  nama: 'Surat Keterangan Bersih Lingkungan',
  fields: [
    { name: 'keperluan', label: { id: 'Keperluan', en: 'Purpose' }, type: 'text', required: true, minLength: 5, maxLength: 100 },
    { name: 'lama_tinggal', label: { id: 'Lama tinggal (tahun)', en: 'Years lived here' }, type: 'number', required: true, min: 0, max: 100 },
  ],
  syarat: [{ name: 'ktp', label: 'KTP-el', required: true }],
  slaHari: 3,
  penandatangan: 'sekretaris',
  masaBerlaku: { nilai: 14, satuan: 'hari' },
  template: { judul: 'SURAT KETERANGAN', pembuka: 'Lurah [kelurahan] menerangkan:', isi: ['[nama] telah tinggal [lama_tinggal] tahun untuk [keperluan].'] },
  online: false,
});

describe('e-kelurahan catalogue and calendar', () => {
  let t: TestServer;
  let warga: ApiClient;

  before(async () => {
    t = await startTestServer();
    ok(await t.admin.post('/api/v1/users', { username: 'warga-katalog', displayName: 'Warga', password: 'kata-sandi-warga-katalog', roles: [{ role: 'warga' }] }));
    warga = t.client();
    ok(await warga.login('warga-katalog', 'kata-sandi-warga-katalog'), 200);
  });
  after(() => t.close());

  it('ships twelve letter types as data, each with fields, requirements, SLA, signer, template and numbering', async () => {
    const all = ok(await t.admin.get('/api/v1/layanan/jenis?semua=true'), 200).items as any[];
    assert.deepEqual(all.map((j) => j.kode).sort(), SEEDED);
    for (const j of all) {
      assert.ok(j.syarat.length > 0 && j.template.isi.length > 0 && j.slaHari >= 1, j.kode);
      assert.equal(j.formatNomor, '[kode_surat]/[nomor,3]/[kode_kelurahan]/[bulan_romawi]/[tahun]');
      assert.equal(j.version, 1);
    }
    const domisili = await warga.get('/api/v1/layanan/jenis/domisili');
    assert.equal(domisili.status, 200);
    assert.equal(domisili.headers.get('etag'), '"v1"');
    assert.deepEqual(domisili.body.masaBerlaku, { nilai: 6, satuan: 'bulan' });
    assert.equal(domisili.body.fields[0].name, 'keperluan');
    // Seeding again (every start) adds nothing and leaves edits alone.
    assert.equal(await seedKatalog(t.kernel), 0);
    assert.equal(await seedHariLibur(t.kernel.db), 0);
    const history = ok(await t.admin.get('/api/v1/layanan/jenis/domisili/riwayat'), 200);
    assert.equal(history.items.length, 1);
  });

  it('an admin adds, changes (If-Match) and archives a type; each change is versioned and audited', async () => {
    const created = await t.admin.post('/api/v1/layanan/jenis', newJenis('bersih-lingkungan'));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.headers.get('etag'), '"v1"');
    assert.equal(created.body.formatNomor, '[kode_surat]/[nomor,3]/[kode_kelurahan]/[bulan_romawi]/[tahun]');
    // Not requestable online: absent from the residents' list, present for staff.
    assert.ok(!ok(await warga.get('/api/v1/layanan/jenis'), 200).items.some((j: any) => j.kode === 'bersih-lingkungan'));

    const dup = await t.admin.post('/api/v1/layanan/jenis', newJenis('bersih-lingkungan'));
    assert.equal(dup.status, 409);
    assert.equal(dup.body.code, 'layanan.jenis_kode_taken');

    const noIfMatch = await t.admin.patch('/api/v1/layanan/jenis/bersih-lingkungan', { slaHari: 2 });
    assert.equal(noIfMatch.status, 428);
    const stale = await t.admin.patch('/api/v1/layanan/jenis/bersih-lingkungan', { slaHari: 2 }, { headers: { 'if-match': '"v7"' } });
    assert.equal(stale.status, 412);
    const changed = await t.admin.patch('/api/v1/layanan/jenis/bersih-lingkungan', { slaHari: 2, online: true, formatNomor: '[nomor,4]/[kode_surat]/[tahun]' }, { headers: { 'if-match': '"v1"' } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.headers.get('etag'), '"v2"');
    assert.equal(changed.body.slaHari, 2);
    assert.ok(ok(await warga.get('/api/v1/layanan/jenis'), 200).items.some((j: any) => j.kode === 'bersih-lingkungan'));

    const recode = await t.admin.patch('/api/v1/layanan/jenis/bersih-lingkungan', { kode: 'lain' }, { headers: { 'if-match': '"v2"' } });
    assert.equal(recode.status, 400);
    assert.equal(recode.body.errors[0].rule, 'additionalProperties');
    const history = ok(await t.admin.get('/api/v1/layanan/jenis/bersih-lingkungan/riwayat'), 200).items;
    assert.deepEqual(history.map((h: any) => [h.version, h.action]), [[2, 'updated'], [1, 'created']]);
    assert.deepEqual(history[0].changed.sort(), ['formatNomor', 'online', 'slaHari']);
    const audit = await sql<{ action: string }>`SELECT action FROM core.audit_log WHERE entity_type = 'jenis_surat' ORDER BY seq`.execute(t.kernel.db);
    assert.deepEqual(audit.rows.map((r) => r.action), ['jenis_surat.created', 'jenis_surat.updated']);

    const archived = await t.admin.post('/api/v1/layanan/jenis/bersih-lingkungan/arsip', { alasan: 'Tidak dipakai lagi' }, { headers: { 'if-match': '"v2"' } });
    assert.equal(archived.status, 200);
    assert.ok(archived.body.archivedAt);
    assert.ok(!ok(await warga.get('/api/v1/layanan/jenis'), 200).items.some((j: any) => j.kode === 'bersih-lingkungan'));
    const again = await t.admin.patch('/api/v1/layanan/jenis/bersih-lingkungan', { slaHari: 4 }, { headers: { 'if-match': '"v3"' } });
    assert.equal(again.status, 409);
  });

  it('refuses broken definitions with a 422 naming each rule, and malformed bodies with a 400', async () => {
    const broken = {
      ...newJenis('rusak'),
      fields: [
        { name: 'nama', label: { id: 'Nama', en: 'Name' }, type: 'text', required: true },
        { name: 'pilih', label: { id: 'Pilih', en: 'Pick' }, type: 'select', required: true },
      ],
      template: { judul: 'X', pembuka: 'Untuk [tidak_ada]', isi: ['[nama]'] },
      formatNomor: '[kode_surat]/[tahun]',
    };
    const res = await t.admin.post('/api/v1/layanan/jenis', broken);
    assert.equal(res.status, 422);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(res.body.code, 'layanan.jenis_invalid');
    assert.deepEqual(
      res.body.errors.map((e: any) => [e.field, e.rule]),
      [
        ['fields/0/name', 'layanan.isian_registri'],
        ['fields/1/options', 'layanan.pilihan_kosong'],
        ['template/pembuka', 'layanan.placeholder_unknown'],
        ['formatNomor', 'layanan.format_tanpa_nomor'],
      ],
    );
    const shape = await t.admin.post('/api/v1/layanan/jenis', { ...newJenis('bentuk'), slaHari: 'tiga', fields: [{ name: 'A B' }] });
    assert.equal(shape.status, 400);
    assert.equal(shape.body.code, 'request.invalid');
    const forbidden = await warga.post('/api/v1/layanan/jenis', newJenis('dari-warga'));
    assert.equal(forbidden.status, 403);
    const missing = await warga.get('/api/v1/layanan/jenis/tidak-ada');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'layanan.jenis_not_found');
  });

  it('holds the 2026 holidays as data that admins confirm, correct and extend', async () => {
    const list = ok(await warga.get('/api/v1/layanan/hari-libur?tahun=2026'), 200).items as any[];
    assert.equal(list.length, 25);
    const kemerdekaan = list.find((h) => h.tanggal === '2026-08-17');
    assert.equal(kemerdekaan.perkiraan, false);
    const idulAdha = list.find((h) => h.nama.startsWith('Hari Raya Idul Adha'));
    assert.equal(idulAdha.perkiraan, true);

    // 2026-11-30 is a Monday: without a holiday, Friday 27 + 1 working day is Monday 30.
    assert.equal(ok(await warga.get('/api/v1/layanan/hari-kerja?mulai=2026-11-27&hari=1'), 200).tanggal, '2026-11-30');
    const daerah = await t.admin.post('/api/v1/layanan/hari-libur', { tanggal: '2026-11-30', nama: 'Libur daerah (uji)', jenis: 'daerah' });
    assert.equal(daerah.status, 201);
    assert.equal(ok(await warga.get('/api/v1/layanan/hari-kerja?mulai=2026-11-27&hari=1'), 200).tanggal, '2026-12-01');
    assert.equal((await t.admin.post('/api/v1/layanan/hari-libur', { tanggal: '2026-11-30', nama: 'Lagi', jenis: 'daerah' })).status, 409);

    const confirmed = await t.admin.patch(`/api/v1/layanan/hari-libur/${idulAdha.id}`, { perkiraan: false }, { headers: { 'if-match': '"v1"' } });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.body.perkiraan, false);
    assert.equal((await t.admin.patch(`/api/v1/layanan/hari-libur/${idulAdha.id}`, { tanggal: '2026-05-26' })).status, 428);
    const removed = await t.admin.request('DELETE', `/api/v1/layanan/hari-libur/${daerah.body.id}`, { headers: { 'if-match': '"v1"' } });
    assert.equal(removed.status, 204);
    assert.equal(ok(await warga.get('/api/v1/layanan/hari-kerja?mulai=2026-11-27&hari=1'), 200).tanggal, '2026-11-30');
    assert.equal((await warga.post('/api/v1/layanan/hari-libur', { tanggal: '2026-12-01', nama: 'X', jenis: 'daerah' })).status, 403);
    assert.equal((await t.admin.post('/api/v1/layanan/hari-libur', { tanggal: '2026-02-30', nama: 'X', jenis: 'daerah' })).status, 400);
  });

  it('documents every e-kelurahan route in the OpenAPI document, public ones without a session', async () => {
    const doc = ok(await t.client().get('/api/v1/openapi.json'), 200);
    for (const path of ['/api/v1/layanan/jenis', '/api/v1/layanan/saya/permohonan', '/api/v1/layanan/permohonan/{ref}/setujui', '/api/v1/layanan/statistik', '/api/v1/lacak/{kode}']) {
      assert.ok(doc.paths[path], path);
    }
    assert.deepEqual(doc.paths['/api/v1/verifikasi/{token}'].get.security, []);
    assert.deepEqual(doc.paths['/api/v1/verifikasi/{token}/berkas'].post.security, []);
    assert.ok(doc.paths['/api/v1/layanan/saya/permohonan'].post.parameters.some((p: any) => p.name === 'idempotency-key'), 'Idempotency-Key documented');
  });
});
