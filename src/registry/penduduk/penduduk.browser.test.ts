import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webDist } from '../../core/http/app.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const NIK = '1371015203880002'; // a woman (day 12 + 40) born 12 March 1988, first registered in 13.71.01
const NIK_ANAK = '1371011506100003'; // her son, born 15 June 2010
const NIK_ARSIP = '1371010101700004'; // a man born 1 January 1970, archived in the journey
const NIK_LAIN = '1371022002950005'; // a man of another kelurahan (13.71.02.1001)
const NO_KK = '1371010101260001';
const NO_KK_LAIN = '1371020101260002';
const OFFICER = 'petugas-belakang-pondok';
const PASSWORD = 'kata-sandi-petugas-1';
const HISTORY = 'Setiap versi data penduduk, terbaru di atas';

/**
 * The journey from the issue: a kelurahan officer finds a resident (masked), edits a field with
 * If-Match (a stale edit refused with a clear message, field errors next to their field), sees
 * the change in the history, opens the full data with a reason (logged), looks at the family,
 * exports the kelurahan to CSV with a reason, and archives a resident.
 */
describe('penduduk pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let rosmainiId = '';

  const ok = (res: { status: number; body: any }, status = 201) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    return res.body;
  };
  const resident = (nik: string, noKk: string, nama: string, jenisKelamin: 'L' | 'P', tanggalLahir: string, shdk: number) =>
    t.admin.post('/api/v1/penduduk', { nik, noKk, nama, jenisKelamin, tempatLahir: 'Padang', tanggalLahir, agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: shdk === 4 ? 1 : 2, shdk });

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    ok(await t.admin.post('/api/v1/keluarga', { noKk: NO_KK, kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Batang Arau No. 7', rt: '002', rw: '001' }));
    ok(await t.admin.post('/api/v1/keluarga', { noKk: NO_KK_LAIN, kodeKelurahan: '13.71.02.1001', alamat: 'Jl. Sawahan No. 9', rt: '001', rw: '003' }));
    rosmainiId = ok(await resident(NIK, NO_KK, 'Rosmaini Chaniago', 'P', '1988-03-12', 1)).id;
    ok(await resident(NIK_ANAK, NO_KK, 'Rizky Pratama', 'L', '2010-06-15', 4));
    ok(await resident(NIK_ARSIP, NO_KK, 'Syafrudin Arsip', 'L', '1970-01-01', 9));
    ok(await resident(NIK_LAIN, NO_KK_LAIN, 'Roni Sawahan', 'L', '1995-02-20', 1));
    ok(await t.admin.post('/api/v1/users', { username: OFFICER, displayName: 'Petugas Belakang Pondok', password: PASSWORD, roles: [{ role: 'petugas_kelurahan', scopeCode: '13.71.01.1001' }] }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', acceptDownloads: true });
    await page.goto(`${t.url}/`);
    await page.getByLabel('Nama pengguna').fill(OFFICER);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the officer’s kelurahan only, masked; a full view from the list needs a reason and is logged', async () => {
    await page.getByRole('navigation').first().getByRole('link', { name: 'Penduduk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Penduduk' }).waitFor();
    await page.getByText('Menampilkan 1–3 dari 3').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Rosmaini Chaniago' });
    await row.getByText('137101******0002').waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: 'Roni Sawahan' }).count(), 0, 'another kelurahan’s resident is listed');
    assert.ok(!(await page.content()).includes(NIK), 'the list shows a full NIK');

    await row.getByRole('button', { name: 'Tampilkan data lengkap' }).click();
    await page.getByLabel('Alasan (minimal 10 karakter)').fill('Verifikasi permohonan surat domisili');
    await page.getByRole('form').getByRole('button', { name: 'Tampilkan data lengkap' }).click();
    await page.getByRole('heading', { name: 'Data lengkap: Rosmaini Chaniago' }).waitFor();
    await page.getByText(NIK).waitFor();
    const log = await sql<{ reason: string; actor_name: string | null }>`
      SELECT reason, actor_name FROM penduduk.akses_log ORDER BY at DESC LIMIT 1`.execute(t.kernel.db);
    assert.deepEqual(log.rows[0], { reason: 'Verifikasi permohonan surat domisili', actor_name: OFFICER });
    await page.getByRole('button', { name: 'Tutup dan sembunyikan' }).click();
    assert.ok(!(await page.content()).includes(NIK), 'the full NIK stays on screen after closing');
  });

  it('finds a resident with the filters and opens her record, masked', async () => {
    await page.getByLabel('Jenis kelamin').selectOption('P');
    await page.getByLabel('Status').selectOption('mati');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Tidak ada penduduk yang cocok.' }).waitFor();
    await page.getByLabel('Status').selectOption('hidup');
    await page.getByLabel('Awal nama').fill('ros');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByText('Menampilkan 1–1 dari 1').waitFor();
    assert.match(page.url(), /jenisKelamin=P/);
    await page.getByRole('table', { name: 'Daftar penduduk (tersamar)' }).getByRole('link', { name: 'Rosmaini Chaniago' }).click();

    await page.getByRole('heading', { level: 1, name: 'Rosmaini Chaniago' }).waitFor();
    const data = page.getByRole('region', { name: 'Data penduduk', exact: true });
    await data.getByText('137101******0002').waitFor();
    await data.getByText('Kepala Keluarga').waitFor();
    await data.getByText('Karyawan Swasta').waitFor();
    assert.ok(!(await page.content()).includes(NIK), 'the detail shows a full NIK before a reason');
    await page.getByRole('region', { name: HISTORY }).getByRole('cell', { name: 'Dibuat' }).waitFor();
  });

  it('puts a field error next to its field, refuses a stale edit with a clear message, then saves', async () => {
    await page.getByRole('button', { name: 'Ubah data' }).click();
    let form = page.getByRole('form', { name: 'Ubah data penduduk' });
    const nama = form.getByLabel('Nama', { exact: true });
    await nama.fill('');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.locator('.field__error').first().waitFor();
    assert.equal(await nama.getAttribute('aria-invalid'), 'true');
    assert.ok(await nama.evaluate((element) => element === document.activeElement), 'focus on the first invalid field');
    const describedBy = (await nama.getAttribute('aria-describedby')) ?? '';
    assert.equal(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText(), 'Minimal 1 karakter.');

    // Someone else changes the record after the page loaded it (version 1 → 2).
    ok(await t.admin.patch(`/api/v1/penduduk/${rosmainiId}`, { tempatLahir: 'Bukittinggi' }, { headers: { 'if-match': '"v1"' } }), 200);
    await nama.fill('Rosmaini Chaniago');
    await form.getByLabel('Pekerjaan').selectOption({ label: 'Wiraswasta' });
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Data sudah berubah sejak Anda membukanya' }).waitFor();
    await form.getByRole('button', { name: 'Muat ulang data' }).click();
    await page.getByRole('region', { name: 'Data penduduk', exact: true }).getByText('Bukittinggi, 1988').waitFor();

    form = page.getByRole('form', { name: 'Ubah data penduduk' });
    await form.getByLabel('Pekerjaan').selectOption({ label: 'Wiraswasta' });
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Perubahan disimpan (versi 3).').waitFor();
    await page.getByRole('region', { name: 'Data penduduk', exact: true }).getByText('Wiraswasta').waitFor();
  });

  it('shows the change in the history: version, action, the officer and the field', async () => {
    const history = page.getByRole('region', { name: HISTORY });
    const row = history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3', exact: true }) });
    await row.getByRole('cell', { name: OFFICER }).waitFor();
    await row.getByRole('cell', { name: 'Diubah' }).waitFor();
    assert.equal(await row.getByRole('cell').nth(1).innerText(), 'Pekerjaan');
    await history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) }).getByRole('cell', { name: 'Tempat lahir' }).waitFor();
    const stored = await sql<{ pekerjaan: number; version: number }>`SELECT pekerjaan, version FROM penduduk.penduduk WHERE id = ${rosmainiId}`.execute(t.kernel.db);
    assert.deepEqual(stored.rows[0], { pekerjaan: 88, version: 3 });
  });

  it('opens the full data only with a reason of 10 characters, and the access log shows who and why', async () => {
    const akses = page.getByRole('region', { name: 'Siapa yang melihat data ini' });
    await akses.getByRole('cell', { name: 'Verifikasi permohonan surat domisili' }).waitFor();

    await page.getByRole('region', { name: 'Data penduduk', exact: true }).getByRole('button', { name: 'Tampilkan data lengkap' }).click();
    const reasonForm = page.getByRole('form', { name: 'Alasan membuka data lengkap Rosmaini Chaniago' });
    const reason = reasonForm.getByLabel('Alasan (minimal 10 karakter)');
    await reason.fill('cek');
    await reasonForm.getByRole('button', { name: 'Tampilkan data lengkap' }).click();
    await reasonForm.getByRole('alert').filter({ hasText: 'Minimal 10 karakter.' }).waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    assert.ok(!(await page.content()).includes(NIK));

    await reason.fill('Pengecekan data untuk surat pengantar nikah');
    await reasonForm.getByRole('button', { name: 'Tampilkan data lengkap' }).click();
    const full = page.getByRole('region', { name: 'Data lengkap: Rosmaini Chaniago' });
    await full.getByText(NIK).waitFor();
    await full.getByText(NO_KK).waitFor();
    await full.getByText('Bukittinggi, 12 Maret 1988').waitFor();
    await full.getByText('Jl. Batang Arau No. 7', { exact: false }).waitFor();
    const latest = akses.getByRole('row').nth(1);
    await latest.getByRole('cell', { name: 'Pengecekan data untuk surat pengantar nikah' }).waitFor();
    await latest.getByRole('cell', { name: 'Melihat data lengkap' }).waitFor();
    await latest.getByRole('cell', { name: OFFICER }).waitFor();
    await full.getByRole('button', { name: 'Tutup dan sembunyikan' }).click();
    assert.ok(!(await page.content()).includes(NIK));
  });

  it('shows the family: masked card, members with their SHDK', async () => {
    await page.getByRole('link', { name: 'Lihat keluarga' }).click();
    await page.getByRole('heading', { level: 1, name: 'Keluarga 137101******0001' }).waitFor();
    const members = page.getByRole('table', { name: 'Anggota keluarga dengan hubungan dalam keluarga (SHDK)' });
    await members.getByRole('row').filter({ hasText: 'Rosmaini Chaniago' }).getByRole('cell', { name: 'Kepala Keluarga' }).waitFor();
    await members.getByRole('row').filter({ hasText: 'Rizky Pratama' }).getByRole('cell', { name: 'Anak' }).waitFor();
    assert.ok(!(await page.content()).includes(NO_KK), 'the family page shows the full No. KK');
  });

  it('exports the kelurahan to CSV for a reason; every exported resident’s access log records it', async () => {
    await page.getByRole('navigation').first().getByRole('link', { name: 'Penduduk', exact: true }).click();
    await page.getByText('Menampilkan 1–3 dari 3').waitFor();
    await page.getByRole('button', { name: 'Ekspor data lengkap (CSV)' }).click();
    const form = page.getByRole('form', { name: 'Alasan ekspor data lengkap' });
    await form.getByLabel('Alasan (minimal 10 karakter)').fill('Pendataan penerima bantuan sosial 2026');
    const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Unduh CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^penduduk-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    for (const nik of [NIK, NIK_ANAK, NIK_ARSIP]) assert.ok(csv.includes(nik), `the export lacks ${nik.slice(0, 6)}…`);
    assert.ok(!csv.includes(NIK_LAIN), 'the export holds another kelurahan’s resident');
    await page.getByText('3 penduduk diekspor ke').waitFor();
    const logged = await sql<{ nik: string }>`
      SELECT nik FROM penduduk.akses_log WHERE action = 'export' AND reason = 'Pendataan penerima bantuan sosial 2026' ORDER BY nik`.execute(t.kernel.db);
    assert.deepEqual(logged.rows.map((r) => r.nik), [NIK_ARSIP, NIK_ANAK, NIK].sort());
  });

  it('archives a resident with a reason; the record says so and leaves the list', async () => {
    await page.getByRole('link', { name: 'Syafrudin Arsip' }).click();
    await page.getByRole('heading', { level: 1, name: 'Syafrudin Arsip' }).waitFor();
    await page.getByRole('button', { name: 'Arsipkan' }).click();
    const form = page.getByRole('form', { name: 'Arsipkan Syafrudin Arsip' });
    await form.getByLabel('Alasan pengarsipan').fill('Pindah ke Kota Bukittinggi');
    await form.getByRole('button', { name: 'Arsipkan penduduk' }).click();
    await page.getByText('Penduduk ini sudah diarsipkan: Pindah ke Kota Bukittinggi').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Ubah data' }).count(), 0, 'an archived record offers no edit');
    await page.getByRole('region', { name: HISTORY }).getByRole('cell', { name: 'Diarsipkan', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Kembali ke daftar penduduk' }).click();
    await page.getByText('Menampilkan 1–2 dari 2').waitFor();
  });

  it('registers a family, then a resident in it; a broken NIK rule shows under the NIK field', async () => {
    await page.getByRole('link', { name: 'Daftarkan keluarga' }).click();
    const family = page.getByRole('form', { name: 'Data kartu keluarga' });
    await family.getByLabel('Nomor KK').fill('1371010202260003');
    // The officer's one kelurahan is chosen for them.
    await family.getByLabel('Kelurahan').locator('option[value="13.71.01.1001"]').waitFor({ state: 'attached' });
    assert.equal(await family.getByLabel('Kelurahan').inputValue(), '13.71.01.1001');
    await family.getByLabel('Alamat').fill('Jl. Hiligoo No. 3');
    await family.getByLabel('RT').fill('4');
    await family.getByLabel('RW').fill('2');
    await family.getByRole('button', { name: 'Daftarkan keluarga' }).click();
    await page.getByRole('heading', { level: 1, name: 'Keluarga 137101******0003' }).waitFor();
    await page.getByText('Belum ada anggota keluarga yang terdaftar.').waitFor();

    await page.getByRole('link', { name: 'Kembali ke daftar penduduk' }).click();
    await page.getByRole('link', { name: 'Tambah penduduk' }).click();
    const form = page.getByRole('form', { name: 'Data penduduk baru' });
    const nik = form.getByLabel('NIK');
    await nik.fill('1371010303900005'); // a man's NIK (day 03), but the form says a woman
    await form.getByLabel('Nomor KK').fill('1371010202260003');
    await form.getByLabel('Nama', { exact: true }).fill('Yulia Sari');
    await form.getByLabel('Jenis kelamin').selectOption('P');
    await form.getByLabel('Tempat lahir').fill('Padang');
    await form.getByLabel('Tanggal lahir').fill('1990-03-03');
    await form.getByLabel('Agama').selectOption({ label: 'Islam' });
    await form.getByLabel('Pendidikan').selectOption({ label: 'Diploma IV / Strata I' });
    await form.getByLabel('Pekerjaan').selectOption({ label: 'Karyawan Swasta' });
    await form.getByLabel('Status perkawinan').selectOption({ label: 'Kawin' });
    await form.getByLabel('Hubungan dalam keluarga (SHDK)').selectOption({ label: 'Kepala Keluarga' });
    await form.getByRole('button', { name: 'Daftarkan penduduk' }).click();
    await form.locator('.field__error').first().waitFor();
    assert.equal(await nik.getAttribute('aria-invalid'), 'true');
    assert.ok(await nik.evaluate((element) => element === document.activeElement), 'focus on the NIK');
    const describedBy = (await nik.getAttribute('aria-describedby')) ?? '';
    assert.match(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText(), /jenis kelamin/i);

    await nik.fill('1371014303900005'); // day 03 + 40: a woman
    await form.getByRole('button', { name: 'Daftarkan penduduk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Yulia Sari' }).waitFor();
    await page.getByText('Penduduk telah didaftarkan.').waitFor();
    await page.getByRole('region', { name: 'Data penduduk', exact: true }).getByText('137101******0005').waitFor();
  });

  it('fits a 360 px wide phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${t.url}/penduduk/${rosmainiId}`);
    await phone.getByRole('heading', { level: 1, name: 'Rosmaini Chaniago' }).waitFor();
    await phone.getByRole('region', { name: HISTORY }).waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the detail page is wider than the phone');
    await phone.getByRole('button', { name: 'Ubah data' }).click();
    await phone.getByRole('form', { name: 'Ubah data penduduk' }).getByLabel('Pekerjaan').waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the edit form is wider than the phone');
    await phone.goto(`${t.url}/penduduk`);
    await phone.getByRole('heading', { level: 1, name: 'Penduduk' }).waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the list page is wider than the phone');
    if (process.env.PENDUDUK_SCREENSHOT) await phone.screenshot({ path: process.env.PENDUDUK_SCREENSHOT, fullPage: true });
    await phone.close();
  });
});
