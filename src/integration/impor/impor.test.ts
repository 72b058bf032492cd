import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/helpers/server.js';
import { collectActivity } from '../aktivitas.js';
import { contohBaris, contohCsv, contohCsvPenduduk, contohPenduduk, CONTOH_HEADER } from './contoh.js';

let t: TestServer;
let walidata: ApiClient;

async function createApp(kode: string): Promise<string> {
  const res = await t.admin.post('/api/v1/integrasi/aplikasi', { kode, nama: `Aplikasi ${kode}`, jenis: 'e_kelurahan' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

const upload = (client: ApiClient, aplikasi: string, dataset: string, body: string | Uint8Array, nama = 'data.csv') =>
  client.request('POST', `/api/v1/integrasi/impor?aplikasi=${aplikasi}&dataset=${dataset}&nama=${encodeURIComponent(nama)}`, {
    raw: body, headers: { 'content-type': 'text/csv' },
  });

async function waitFor(client: ApiClient, id: string): Promise<any> {
  for (let i = 0; i < 300; i += 1) {
    const res = await client.get(`/api/v1/integrasi/impor/${id}`);
    assert.equal(res.status, 200);
    if (res.body.status === 'selesai' || res.body.status === 'gagal') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

/** Upload, dry-run (asserting it is clean), apply, wait: the whole journey. */
async function importCsv(aplikasi: string, csv: string): Promise<any> {
  const up = await upload(walidata, aplikasi, 'penduduk', csv);
  assert.equal(up.status, 201, JSON.stringify(up.body));
  const dry = await walidata.post(`/api/v1/integrasi/impor/${up.body.id}/periksa`, {});
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.equal(dry.body.tidakValid, 0, JSON.stringify(dry.body.ringkasan));
  const apply = await walidata.post(`/api/v1/integrasi/impor/${up.body.id}/terapkan`);
  assert.equal(apply.status, 202, JSON.stringify(apply.body));
  const done = await waitFor(walidata, up.body.id);
  assert.equal(done.status, 'selesai', done.galat);
  return done;
}

const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(t.kernel.db)).rows[0]!.n;

describe('imports from legacy apps', () => {
  before(async () => {
    t = await startTestServer({ env: { PADU_IMPOR_MAX_BYTES: String(8 * 1024 * 1024), PADU_IMPOR_BATCH: '7', PADU_IMPOR_POLL_MS: '200' } });
    const res = await t.admin.post('/api/v1/users', { username: 'walidata-impor', displayName: 'Walidata Impor', password: 'kata-sandi-walidata', roles: [{ role: 'walidata' }] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    walidata = t.client();
    assert.equal((await walidata.login('walidata-impor', 'kata-sandi-walidata')).status, 200);
    await createApp('sipenduduk-lama');
    await createApp('simkel-lama');
    await createApp('simpeg-lama');
  });
  after(() => t?.close());

  describe('bad files answer a clear 4xx and store nothing', () => {
    const expectProblem = async (body: string | Uint8Array, status: number, code: string, nama = 'data.csv') => {
      const res = await upload(walidata, 'sipenduduk-lama', 'penduduk', body, nama);
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.equal(res.body.code, code);
      assert.equal(res.headers.get('content-type')?.includes('problem+json'), true);
      return res.body;
    };

    it('an empty file, and a CSV with only its header', async () => {
      await expectProblem('', 422, 'integrasi.impor_kosong');
      await expectProblem(CONTOH_HEADER.join(',') + '\n', 422, 'integrasi.impor_kosong');
    });

    it('Windows-1252 bytes name the byte and its line', async () => {
      const text = Buffer.concat([Buffer.from(`${CONTOH_HEADER.join(',')}\n${contohBaris(contohPenduduk(1)).join(',')}\n`), Buffer.from('1371,Jos'), Buffer.from([0xe9]), Buffer.from(',x\n')]);
      const body = await expectProblem(text, 422, 'integrasi.impor_encoding');
      assert.match(body.detail, /0xE9/);
      assert.match(body.detail, /baris 3/);
    });

    it('a malformed CSV names the line', async () => {
      const body = await expectProblem(`${CONTOH_HEADER.join(',')}\n${contohBaris(contohPenduduk(1)).join(',')}\n"1371,"unterminated,x\n`, 422, 'integrasi.impor_csv_rusak');
      assert.match(body.detail, /baris \d+/);
      await expectProblem(`${CONTOH_HEADER.join(',')}\n1,2,3\n`, 422, 'integrasi.impor_csv_rusak');
    });

    it('an XLSX with merged header cells names the ranges', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Data');
      sheet.addRow(['Identitas', '', 'Nama Lengkap']);
      sheet.addRow(['NIK', 'No KK', '']);
      sheet.addRow([contohPenduduk(1).nik, contohPenduduk(1).noKk, 'Warga']);
      sheet.mergeCells('A1:B1');
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      const body = await expectProblem(bytes, 422, 'integrasi.impor_header_gabung', 'data.xlsx');
      assert.match(body.detail, /A1:B1/);
    });

    it('a JSON that is not an array of objects, duplicate headers, a file too large, an unknown dataset', async () => {
      await expectProblem('{"nik": "1"}', 422, 'integrasi.impor_json_rusak', 'data.json');
      await expectProblem('[1, 2]', 422, 'integrasi.impor_json_rusak', 'data.json');
      await expectProblem('NIK,NIK\n1,2\n', 422, 'integrasi.impor_header_ganda');
      await expectProblem(new Uint8Array(9 * 1024 * 1024).fill(0x41), 413, 'integrasi.impor_terlalu_besar');
      const res = await upload(walidata, 'sipenduduk-lama', 'kendaraan', contohCsvPenduduk(2));
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 'integrasi.impor_dataset');
      const unknownApp = await upload(walidata, 'tidak-ada', 'penduduk', contohCsvPenduduk(2));
      assert.equal(unknownApp.status, 404);
      assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM integrasi.impor`), 0);
    });
  });

  it('XLSX and JSON exports are read too, with dates and Indonesian headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(CONTOH_HEADER);
    const p = contohPenduduk(900);
    const row = contohBaris(p) as (string | Date)[];
    row[5] = new Date(`${p.tanggalLahir}T00:00:00Z`);
    sheet.addRow(row);
    const xlsx = await upload(walidata, 'sipenduduk-lama', 'penduduk', new Uint8Array(await workbook.xlsx.writeBuffer()), 'ekspor.xlsx');
    assert.equal(xlsx.status, 201, JSON.stringify(xlsx.body));
    assert.equal(xlsx.body.berkas.format, 'xlsx');
    const dry = await walidata.post(`/api/v1/integrasi/impor/${xlsx.body.id}/periksa`, {});
    assert.equal(dry.body.tidakValid, 0, JSON.stringify(dry.body.ringkasan));
    const json = JSON.stringify([{ nik: p.nik, nama: p.nama, tanggal_lahir: p.tanggalLahir, jenis_kelamin: 'Laki-laki', warna: 'biru' }]);
    const up = await upload(walidata, 'sipenduduk-lama', 'penduduk', json, 'ekspor.json');
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.pemetaan.nik, 'nik');
    assert.equal(up.body.pemetaan.tanggal_lahir, 'tanggalLahir');
    assert.equal(up.body.pemetaan.warna, null);
  });

  it('suggests a mapping from Indonesian headers, reports unknown columns, and reuses a saved mapping', async () => {
    const csv = contohCsv([contohBaris(contohPenduduk(1)).concat('x')], [...CONTOH_HEADER, 'Kolom Aneh']);
    const up = await upload(walidata, 'simkel-lama', 'penduduk', csv);
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.deepEqual(
      { nik: up.body.pemetaan.NIK, kk: up.body.pemetaan['No KK'], nama: up.body.pemetaan['Nama Lengkap'], jk: up.body.pemetaan.JK, tgl: up.body.pemetaan['Tgl Lahir'], aneh: up.body.pemetaan['Kolom Aneh'] },
      { nik: 'nik', kk: 'noKk', nama: 'nama', jk: 'jenisKelamin', tgl: 'tanggalLahir', aneh: null },
    );
    // The walidata maps the odd column by hand (to tempatLahir instead of Tempat Lahir); the next upload gets it back.
    const pemetaan = { ...up.body.pemetaan, 'Tempat Lahir': null, 'Kolom Aneh': 'tempatLahir' };
    const dry = await walidata.post(`/api/v1/integrasi/impor/${up.body.id}/periksa`, { pemetaan });
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual(dry.body.ringkasan.tidakDikenal, ['Tempat Lahir']);
    const again = await upload(walidata, 'simkel-lama', 'penduduk', csv);
    assert.equal(again.body.pemetaan['Kolom Aneh'], 'tempatLahir');
    assert.equal(again.body.pemetaan['Tempat Lahir'], null);
    const bad = await walidata.post(`/api/v1/integrasi/impor/${up.body.id}/periksa`, { pemetaan: { ...pemetaan, NIK: null } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'integrasi.pemetaan_tidak_valid');
  });

  it('a dry-run reports each broken rule per row and by rule; 50,000 bad rows apply nothing', async () => {
    const rows: string[][] = [];
    for (let i = 0; i < 50_000; i += 1) rows.push(contohBaris(contohPenduduk(i, 200_000), { NIK: `99${i}` }));
    rows.push(contohBaris(contohPenduduk(0, 300_000), { 'Tgl Lahir': '31-02-1990', Agama: 'Jedi' }));
    rows.push(contohBaris(contohPenduduk(1, 300_000)));
    rows.push(contohBaris(contohPenduduk(1, 300_000)));
    const up = await upload(walidata, 'sipenduduk-lama', 'penduduk', contohCsv(rows));
    assert.equal(up.status, 201, JSON.stringify(up.body).slice(0, 500));
    const dry = await walidata.post(`/api/v1/integrasi/impor/${up.body.id}/periksa`, {});
    assert.equal(dry.status, 200);
    assert.equal(dry.body.total, 50_003);
    assert.equal(dry.body.tidakValid, 50_002);
    assert.equal(dry.body.valid, 1);
    const byRule = Object.fromEntries(dry.body.ringkasan.aturan.map((a: any) => [`${a.field}:${a.aturan}`, a.jumlah]));
    assert.equal(byRule['nik:nik.length'], 50_000);
    assert.equal(byRule['tanggalLahir:format'], 1);
    assert.equal(byRule['agama:penduduk.kode_unknown'], 1);
    assert.equal(byRule['nik:impor.kunci_ganda'], 1);
    assert.equal(dry.body.ringkasan.kunciGanda, 1);
    const page1 = await walidata.get(`/api/v1/integrasi/impor/${up.body.id}/masalah?limit=100`);
    assert.equal(page1.status, 200);
    assert.equal(page1.body.total, 50_002);
    assert.equal(page1.body.items[0].baris, 2);
    assert.equal(page1.body.items[0].aturan, 'nik.length');
    assert.match(page1.body.items[0].pesan, /16 digit/);
    const page2 = await walidata.get(`/api/v1/integrasi/impor/${up.body.id}/masalah?limit=100&setelah=${page1.body.nextCursor}`);
    assert.equal(page2.body.items[0].baris, 102);
    const dup = await walidata.get(`/api/v1/integrasi/impor/${up.body.id}/masalah?aturan=impor.kunci_ganda`);
    assert.equal(dup.body.items.length, 1);
    assert.equal(dup.body.items[0].baris, 50_004);
    assert.match(dup.body.items[0].pesan, /baris 50003/);
    const apply = await walidata.post(`/api/v1/integrasi/impor/${up.body.id}/terapkan`);
    assert.equal(apply.status, 409);
    assert.equal(apply.body.code, 'integrasi.impor_tidak_valid');
    assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM penduduk.penduduk WHERE nama LIKE 'Warga Impor 3%'`), 0);
  });

  it('applies in batches: residents and families created, events and provenance written, re-applying changes nothing', async () => {
    const outboxBefore = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM core.outbox WHERE type = 'penduduk.created'`);
    const done = await importCsv('sipenduduk-lama', contohCsvPenduduk(30));
    assert.equal(done.progres.barisSelesai, 30);
    // Batches of 7 rows, but a family's residents are never split: families of 4 (the last of 2) make batches of 8, 8, 8, 6.
    assert.equal(done.progres.batchTotal, 4);
    assert.equal(done.progres.persen, 100);
    assert.deepEqual(done.hasil, { dibuat: 30, diubah: 0, sama: 0, konflik: 0 });
    assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM penduduk.penduduk WHERE nama LIKE 'Warga Impor %'`), 30);
    assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM penduduk.keluarga WHERE alamat = 'Jl. Impor No. 1'`), 8);
    assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM core.outbox WHERE type = 'penduduk.created'`) - outboxBefore, 30);
    // Provenance of created residents: one row per registry load (batch), naming the app, the import and the fields it gave.
    assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM integrasi.provenans WHERE dataset = 'penduduk'`), 0);
    const loads = await sql<{ kode: string; impor_id: string; fields: string[]; n: number }>`
      SELECT a.kode, m.impor_id, m.fields, (SELECT count(*)::int FROM penduduk.penduduk p WHERE p.muatan_id = m.muatan_id) AS n
      FROM integrasi.provenans_muatan m JOIN integrasi.aplikasi a ON a.id = m.aplikasi_id WHERE m.dataset = 'penduduk'`.execute(t.kernel.db);
    assert.equal(loads.rows.length, 4);
    assert.ok(loads.rows.every((r) => r.kode === 'sipenduduk-lama' && r.impor_id === done.id && r.fields.includes('nama') && r.fields.includes('tanggalLahir')));
    assert.equal(loads.rows.reduce((sum, r) => sum + r.n, 0), 30);
    // Read through the registry's API like any user: the record is there, masked.
    const one = await t.admin.get(`/api/v1/penduduk?q=${encodeURIComponent('Warga Impor 7')}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.items.filter((p: any) => p.nama === 'Warga Impor 7').length, 1);
    const eventsBefore = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM core.outbox WHERE type LIKE 'penduduk.%'`);
    const again = await importCsv('sipenduduk-lama', contohCsvPenduduk(30));
    assert.deepEqual(again.hasil, { dibuat: 0, diubah: 0, sama: 30, konflik: 0 });
    assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM penduduk.penduduk WHERE nama LIKE 'Warga Impor %'`), 30);
    assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM core.outbox WHERE type LIKE 'penduduk.%'`), eventsBefore);
    const activity = await collectActivity(t.kernel.db, new Date(Date.now() - 86_400_000));
    const app = await t.admin.get('/api/v1/integrasi/aplikasi/sipenduduk-lama');
    assert.ok(activity.some((a) => a.aplikasiId === app.body.id && a.kind === 'write' && a.dataset === 'penduduk' && a.count === 2));
  });

  it('conflicts: the same source updates, another app or a person’s edit is held for reconciliation', async () => {
    const p = contohPenduduk(3);
    // The same app spells the name differently: its own value, so it is updated (with history and an event).
    await importCsv('sipenduduk-lama', contohCsv([contohBaris(p, { 'Nama Lengkap': 'Warga Impor Tiga' })]));
    const stored = async () => (await sql<{ nama: string; id: string; version: number }>`SELECT id, nama, version FROM penduduk.penduduk WHERE nik = ${p.nik}`.execute(t.kernel.db)).rows[0]!;
    assert.equal((await stored()).nama, 'Warga Impor Tiga');
    assert.equal((await stored()).version, 2);
    const history = await sql<{ version: number; changed: string[] }>`SELECT version, changed FROM penduduk.history WHERE entity_id = ${(await stored()).id} ORDER BY version`.execute(t.kernel.db);
    assert.deepEqual(history.rows, [{ version: 1, changed: [] }, { version: 2, changed: ['nama'] }]);
    // Another app disagrees: nothing is overwritten, a conflict names both values and sources.
    const other = await importCsv('simkel-lama', contohCsv([contohBaris(p, { 'Nama Lengkap': 'Warga Impor 3 (Simkel)', Pekerjaan: '88' })]));
    assert.equal(other.hasil.konflik, 2);
    assert.equal((await stored()).nama, 'Warga Impor Tiga');
    const queue = await walidata.get(`/api/v1/integrasi/konflik?kunci=${p.nik}`);
    assert.equal(queue.status, 200);
    assert.equal(queue.body.total, 2);
    const nama = queue.body.items.find((k: any) => k.field === 'nama');
    assert.equal(nama.nilaiSekarang, 'Warga Impor Tiga');
    assert.deepEqual({ jenis: nama.sumberSekarang.jenis, kode: nama.sumberSekarang.kode }, { jenis: 'aplikasi', kode: 'sipenduduk-lama' });
    assert.equal(nama.nilaiMasuk, 'Warga Impor 3 (Simkel)');
    assert.equal(nama.aplikasi.kode, 'simkel-lama');
    // Re-applying the same file keeps one open conflict per field.
    await importCsv('simkel-lama', contohCsv([contohBaris(p, { 'Nama Lengkap': 'Warga Impor 3 (Simkel)', Pekerjaan: '88' })]));
    assert.equal((await walidata.get(`/api/v1/integrasi/konflik?kunci=${p.nik}`)).body.total, 2);

    // A person edits a resident through the API; the app's old value then conflicts with source "registri".
    const q = contohPenduduk(5);
    const detail = await t.admin.get(`/api/v1/penduduk?q=${encodeURIComponent('Warga Impor 5')}`);
    const id = detail.body.items.find((r: any) => r.nama === 'Warga Impor 5').id;
    const current = await t.admin.get(`/api/v1/penduduk/${id}`);
    const patched = await t.admin.patch(`/api/v1/penduduk/${id}`, { tempatLahir: 'Bukittinggi' }, { headers: { 'if-match': current.headers.get('etag')! } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const back = await importCsv('sipenduduk-lama', contohCsv([contohBaris(q)]));
    assert.equal(back.hasil.konflik, 1);
    const edited = (await walidata.get(`/api/v1/integrasi/konflik?kunci=${q.nik}`)).body.items[0];
    assert.deepEqual([edited.field, edited.sumberSekarang.jenis, edited.nilaiSekarang, edited.nilaiMasuk], ['tempatLahir', 'registri', 'Bukittinggi', 'Padang']);
  });

  it('a walidata decides conflicts: the registry is written, the decision audited and emitted', async () => {
    const p = contohPenduduk(3);
    const queue = (await walidata.get(`/api/v1/integrasi/konflik?kunci=${p.nik}`)).body.items;
    const nama = queue.find((k: any) => k.field === 'nama');
    const pekerjaan = queue.find((k: any) => k.field === 'pekerjaan');
    const short = await walidata.post(`/api/v1/integrasi/konflik/${nama.id}/keputusan`, { keputusan: 'ambil_masuk', alasan: 'ok' });
    assert.equal(short.status, 400);
    const take = await walidata.post(`/api/v1/integrasi/konflik/${nama.id}/keputusan`, { keputusan: 'ambil_masuk', alasan: 'Sesuai KTP yang diperiksa' });
    assert.equal(take.status, 200, JSON.stringify(take.body));
    assert.equal(take.body.status, 'diputuskan');
    assert.equal((await sql<{ nama: string }>`SELECT nama FROM penduduk.penduduk WHERE nik = ${p.nik}`.execute(t.kernel.db)).rows[0]!.nama, 'Warga Impor 3 (Simkel)');
    const event = await sql<{ payload: any }>`SELECT payload FROM core.outbox WHERE type = 'rekonsiliasi.diputuskan' ORDER BY id DESC LIMIT 1`.execute(t.kernel.db);
    assert.deepEqual(
      { dataset: event.rows[0]!.payload.dataset, field: event.rows[0]!.payload.field, sumber: event.rows[0]!.payload.sumber, keputusan: event.rows[0]!.payload.keputusan },
      { dataset: 'penduduk', field: 'nama', sumber: 'aplikasi:simkel-lama', keputusan: 'ambil_masuk' },
    );
    assert.equal(JSON.stringify(event.rows[0]!.payload).includes(p.nik), false);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM core.audit_log WHERE action = 'integrasi.konflik_diputuskan' AND entity_id = ${nama.id}`.execute(t.kernel.db);
    assert.equal(audit.rows[0]!.n, 1);
    const twice = await walidata.post(`/api/v1/integrasi/konflik/${nama.id}/keputusan`, { keputusan: 'pertahankan', alasan: 'Sekali lagi saja' });
    assert.equal(twice.status, 409);
    // A corrected value goes through the registry's rules first.
    const wrong = await walidata.post(`/api/v1/integrasi/konflik/${pekerjaan.id}/keputusan`, { keputusan: 'koreksi', nilai: '999', alasan: 'Kode dari formulir' });
    assert.equal(wrong.status, 422, JSON.stringify(wrong.body));
    assert.equal(wrong.body.code, 'integrasi.konflik_nilai');
    const fixed = await walidata.post(`/api/v1/integrasi/konflik/${pekerjaan.id}/keputusan`, { keputusan: 'koreksi', nilai: 'Wiraswasta', alasan: 'Dikonfirmasi ke kelurahan' });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
    assert.equal(fixed.body.nilaiAkhir, '88');
    const keep = (await walidata.get(`/api/v1/integrasi/konflik?kunci=${contohPenduduk(5).nik}`)).body.items[0];
    const kept = await walidata.post(`/api/v1/integrasi/konflik/${keep.id}/keputusan`, { keputusan: 'pertahankan', alasan: 'Diubah petugas dengan bukti' });
    assert.equal(kept.status, 200);
    assert.equal((await sql<{ t: string }>`SELECT tempat_lahir AS t FROM penduduk.penduduk WHERE nik = ${contohPenduduk(5).nik}`.execute(t.kernel.db)).rows[0]!.t, 'Bukittinggi');
    // Once taken, the incoming app's value is its own: importing it again is "same".
    const again = await importCsv('simkel-lama', contohCsv([contohBaris(p, { 'Nama Lengkap': 'Warga Impor 3 (Simkel)', Pekerjaan: '88' })]));
    assert.equal(again.hasil.konflik, 0);
    const decided = await walidata.get('/api/v1/integrasi/konflik?status=diputuskan');
    assert.equal(decided.body.total, 3);
  });

  it('data quality per dataset and per source app', async () => {
    // The latest dry-run of each app counts: one more from simkel, with a bad NIK and a blank name.
    const up = await upload(walidata, 'simkel-lama', 'penduduk', contohCsv([contohBaris(contohPenduduk(40), { NIK: '12345' }), contohBaris(contohPenduduk(41), { 'Nama Lengkap': '' })]));
    await walidata.post(`/api/v1/integrasi/impor/${up.body.id}/periksa`, {});
    const ds = await walidata.get('/api/v1/integrasi/kualitas/dataset/penduduk');
    assert.equal(ds.status, 200, JSON.stringify(ds.body));
    assert.ok(ds.body.total >= 30);
    assert.ok(ds.body.kelengkapan.some((k: any) => k.field === 'nama' && k.persen === 100));
    assert.ok(ds.body.nilaiTidakValid.some((v: any) => v.aturan === 'nik.length'));
    assert.equal(typeof ds.body.duplikat.total, 'number');
    const app = await walidata.get('/api/v1/integrasi/kualitas/aplikasi/simkel-lama');
    assert.equal(app.status, 200, JSON.stringify(app.body));
    assert.equal(app.body.dataset[0].dataset, 'penduduk');
    assert.ok(app.body.dataset[0].kelengkapan.some((k: any) => k.field === 'nik' && k.persen === 100));
    assert.ok(app.body.dataset[0].kelengkapan.some((k: any) => k.field === 'nama' && k.persen === 50));
    assert.ok(app.body.konflikTerbuka.length === 0);
    const unknown = await walidata.get('/api/v1/integrasi/kualitas/dataset/kendaraan');
    assert.equal(unknown.status, 400);
  });

  it('pegawai by NIP: new employees placed through organisasi, rules named per row', async () => {
    const opd = await t.admin.post('/api/v1/opd', { kode: 'IMPOR-BKPSDM', nama: 'Badan Kepegawaian', jenis: 'badan' });
    assert.equal(opd.status, 201, JSON.stringify(opd.body));
    const unit = await t.admin.post('/api/v1/opd/IMPOR-BKPSDM/unit', { nama: 'Bidang Data', jenis: 'bidang', berlakuMulai: '2024-01-01' });
    assert.equal(unit.status, 201, JSON.stringify(unit.body));
    const header = ['NIP', 'Nama Pegawai', 'JK', 'Tgl Lahir', 'Jenis Pegawai', 'Gol', 'OPD', 'Unit', 'Jabatan', 'TMT'];
    const rows = [
      ['198504122010011001', 'Budi Impor', 'L', '12-04-1985', 'PNS', 'III/a', 'IMPOR-BKPSDM', unit.body.id, 'Analis Data', '2024-02-01'],
      ['198504122010011002', 'Andi Impor', 'L', '12-04-1985', 'PNS', 'III/b', 'IMPOR-BKPSDM', unit.body.id, 'Analis Data', '2024-02-01'],
    ];
    const bad = await upload(walidata, 'simpeg-lama', 'pegawai', contohCsv([...rows, ['198504122010011003', 'Salah', 'P', '12-04-1985', 'PNS', 'V/z', 'TIDAK-ADA', unit.body.id, 'X', '']], header));
    assert.equal(bad.status, 201, JSON.stringify(bad.body));
    const dry = await walidata.post(`/api/v1/integrasi/impor/${bad.body.id}/periksa`, {});
    assert.equal(dry.body.tidakValid, 1);
    const rules = dry.body.ringkasan.aturan.map((a: any) => a.aturan).sort();
    assert.deepEqual(rules, ['nip.mismatch_sex', 'pegawai.golongan_pns']);
    const good = await upload(walidata, 'simpeg-lama', 'pegawai', contohCsv(rows, header));
    const clean = await walidata.post(`/api/v1/integrasi/impor/${good.body.id}/periksa`, {});
    assert.equal(clean.body.tidakValid, 0, JSON.stringify(clean.body.ringkasan));
    assert.equal((await walidata.post(`/api/v1/integrasi/impor/${good.body.id}/terapkan`)).status, 202);
    const done = await waitFor(walidata, good.body.id);
    assert.equal(done.status, 'selesai', done.galat);
    assert.equal(done.hasil.dibuat, 2);
    const budi = await t.admin.get('/api/v1/pegawai/198504122010011001');
    assert.equal(budi.status, 200);
    assert.deepEqual([budi.body.nama, budi.body.golongan, budi.body.namaJabatan, budi.body.tmtJabatan], ['Budi Impor', 'III/a', 'Analis Data', '2024-02-01']);
    // The same app promotes Budi (its own value: updated, with history); another app disagrees on golongan:
    // golongan and jenis are written together or not at all, so nothing of that pair is written.
    const promoted = await upload(walidata, 'simpeg-lama', 'pegawai', contohCsv([[...rows[0]!.slice(0, 5), 'III/b', ...rows[0]!.slice(6)]], header));
    await walidata.post(`/api/v1/integrasi/impor/${promoted.body.id}/periksa`, {});
    await walidata.post(`/api/v1/integrasi/impor/${promoted.body.id}/terapkan`);
    assert.deepEqual((await waitFor(walidata, promoted.body.id)).hasil, { dibuat: 0, diubah: 1, sama: 0, konflik: 0 });
    const other = await upload(walidata, 'simkel-lama', 'pegawai', contohCsv([[...rows[0]!.slice(0, 4), 'PPPK', 'V', ...rows[0]!.slice(6)]], header));
    const otherDry = await walidata.post(`/api/v1/integrasi/impor/${other.body.id}/periksa`, {});
    assert.equal(otherDry.body.tidakValid, 0, JSON.stringify(otherDry.body.ringkasan));
    await walidata.post(`/api/v1/integrasi/impor/${other.body.id}/terapkan`);
    assert.deepEqual((await waitFor(walidata, other.body.id)).hasil, { dibuat: 0, diubah: 0, sama: 0, konflik: 2 });
    const after = await t.admin.get('/api/v1/pegawai/198504122010011001');
    assert.deepEqual([after.body.jenis, after.body.golongan, after.body.version], ['pns', 'III/b', 2]);
    const held = (await walidata.get('/api/v1/integrasi/konflik?dataset=pegawai')).body.items.map((k: any) => k.field).sort();
    assert.deepEqual(held, ['golongan', 'jenis']);
  });

  it('organisasi by kode: a semicolon CSV, coordinates as numbers, a renamed OPD is a conflict', async () => {
    const csv = 'Kode OPD;Nama OPD;Singkatan;Jenis;Lat;Lon\n5.01.0.00.0.00.01.0000;Dinas Impor Baru;DIB;Dinas;-0,9471;100,3543\nimpor-bkpsdm;Badan Kepegawaian dan SDM;BKPSDM;badan;;\n';
    const up = await upload(walidata, 'simpeg-lama', 'organisasi', csv, 'opd.csv');
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.pemetaan['Kode OPD'], 'kode');
    assert.equal(up.body.pemetaan.Lat, 'latitude');
    const dry = await walidata.post(`/api/v1/integrasi/impor/${up.body.id}/periksa`, {});
    assert.equal(dry.body.tidakValid, 0, JSON.stringify(dry.body.ringkasan));
    assert.deepEqual([dry.body.ringkasan.baru, dry.body.ringkasan.ada], [1, 1]);
    assert.equal((await walidata.post(`/api/v1/integrasi/impor/${up.body.id}/terapkan`)).status, 202);
    const done = await waitFor(walidata, up.body.id);
    assert.equal(done.status, 'selesai', done.galat);
    // The existing OPD was named through the API: its name is held as a conflict; its empty abbreviation is filled.
    assert.deepEqual(done.hasil, { dibuat: 1, diubah: 1, sama: 0, konflik: 1 });
    const opd = await t.admin.get('/api/v1/opd/5.01.0.00.0.00.01.0000');
    assert.equal(opd.status, 200);
    assert.deepEqual([opd.body.nama, opd.body.singkatan, opd.body.latitude, opd.body.longitude], ['Dinas Impor Baru', 'DIB', -0.9471, 100.3543]);
    const bk = await t.admin.get('/api/v1/opd/IMPOR-BKPSDM');
    assert.deepEqual([bk.body.nama, bk.body.singkatan], ['Badan Kepegawaian', 'BKPSDM']);
    const konflik = (await walidata.get('/api/v1/integrasi/konflik?dataset=organisasi')).body.items;
    assert.deepEqual(konflik.map((k: any) => [k.kunci, k.field, k.nilaiSekarang, k.nilaiMasuk]), [['impor-bkpsdm', 'nama', 'Badan Kepegawaian', 'Badan Kepegawaian dan SDM']]);
  });

  it('only walidata and admin import or reconcile', async () => {
    const res = await t.admin.post('/api/v1/users', { username: 'pimpinan-impor', displayName: 'Pimpinan', password: 'kata-sandi-pimpinan', roles: [{ role: 'pimpinan' }] });
    assert.equal(res.status, 201);
    const leader = t.client();
    await leader.login('pimpinan-impor', 'kata-sandi-pimpinan');
    assert.equal((await upload(leader, 'sipenduduk-lama', 'penduduk', contohCsvPenduduk(1))).status, 403);
    assert.equal((await leader.get('/api/v1/integrasi/konflik')).status, 403);
    assert.equal((await leader.get('/api/v1/integrasi/kualitas/dataset/penduduk')).status, 403);
  });
});
