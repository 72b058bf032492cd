import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { webDist } from '../../core/http/app.js';
import { org } from './tables.js';

const CHROMIUM = '/usr/bin/chromium';
const KODE = '2.16.0.00.0.00.01.0000';
const OPERATOR = 'operator-kominfo';
const OPERATOR_PASSWORD = 'kata-sandi-operator-1';

describe('organisasi pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  /** Signed in as Diskominfo's own operator (organisasi.manage in that OPD only). */
  let operator: Page;
  let diskominfoId = '';

  const ok = (res: { status: number; body: any }, status = 201) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    return res.body;
  };

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    diskominfoId = ok(await t.admin.post('/api/v1/opd', { kode: KODE, nama: 'Dinas Komunikasi dan Informatika', singkatan: 'Diskominfo', jenis: 'dinas' })).id;
    ok(await t.admin.post('/api/v1/opd', { kode: '1.02.0.00.0.00.01.0000', nama: 'Dinas Kesehatan', singkatan: 'Dinkes', jenis: 'dinas' }));
    ok(await t.admin.post('/api/v1/opd', { kode: '7.01.0.00.0.00.01.0000', nama: 'Kecamatan Padang Barat', jenis: 'kecamatan', kodeWilayah: '13.71.03' }));
    for (let i = 1; i <= 22; i++) {
      ok(await t.admin.post('/api/v1/opd', { kode: `5.${String(i).padStart(2, '0')}.0.00.0.00.01.0000`, nama: `Badan Contoh ${i}`, jenis: 'badan' }));
    }
    const kode = KODE;
    ok(await t.admin.post('/api/v1/opd/1.02.0.00.0.00.01.0000/unit', { nama: 'Bidang Pelayanan Kesehatan', jenis: 'bidang', berlakuMulai: '2023-01-01' }));
    ok(await t.admin.post('/api/v1/users', { username: OPERATOR, displayName: 'Operator Diskominfo', password: OPERATOR_PASSWORD, roles: [{ role: 'opd_operator', scopeCode: KODE }] }));
    const unit = (body: Record<string, unknown>) => t.admin.post(`/api/v1/opd/${kode}/unit`, { berlakuMulai: '2023-01-01', ...body }).then((r) => ok(r));
    const sekretariat = await unit({ nama: 'Sekretariat', jenis: 'sekretariat' });
    await unit({ nama: 'Sub Bagian Umum dan Kepegawaian', jenis: 'sub_bagian', parentId: sekretariat.id });
    const aptika = await unit({ nama: 'Bidang Aplikasi Informatika', jenis: 'bidang' });
    ok(await t.admin.post(`/api/v1/unit/${aptika.id}/jabatan`, { nama: 'Kepala Bidang Aplikasi Informatika', jenis: 'struktural', eselon: 'III.b' }));
    ok(
      await t.admin.post(`/api/v1/opd/${kode}/reorganisasi`, {
        tanggal: '2025-01-01',
        tutup: [aptika.id],
        buka: [{ nama: 'Bidang Transformasi Digital', jenis: 'bidang', jabatan: [{ nama: 'Pranata Komputer Ahli Madya', jenis: 'fungsional' }] }],
      }),
      200,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    await page.goto(`${t.url}/organisasi`);
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    operator = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    await operator.goto(`${t.url}/organisasi`);
    await operator.getByLabel('Nama pengguna').fill(OPERATOR);
    await operator.getByLabel('Kata sandi').fill(OPERATOR_PASSWORD);
    await operator.getByRole('button', { name: 'Masuk' }).click();
    await operator.getByRole('heading', { level: 1, name: 'Organisasi Perangkat Daerah' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists agencies with search, a kind filter and paging', async () => {
    await page.getByRole('heading', { level: 1, name: 'Organisasi Perangkat Daerah' }).waitFor();
    await page.getByRole('navigation').first().getByRole('link', { name: 'Organisasi', exact: true }).waitFor();
    await page.getByText('Menampilkan 1–20 dari 25').waitFor();
    await page.getByRole('button', { name: 'Berikutnya' }).click();
    await page.getByText('Menampilkan 21–25 dari 25').waitFor();
    await page.getByRole('button', { name: 'Sebelumnya' }).click();
    await page.getByText('Menampilkan 1–20 dari 25').waitFor();

    await page.getByLabel('Jenis').selectOption('kecamatan');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByRole('link', { name: 'Kecamatan Padang Barat' }).waitFor();
    assert.equal(await page.getByRole('table').getByRole('row').count(), 2);

    await page.getByLabel('Jenis').selectOption('');
    await page.getByLabel('Kode, nama atau singkatan').fill('kominfo');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByText('Menampilkan 1–1 dari 1').waitFor();
    await page.getByRole('link', { name: 'Dinas Komunikasi dan Informatika' }).click();
  });

  it('shows the org chart as nested headings as of a chosen date, and the history', async () => {
    await page.getByRole('heading', { level: 1, name: 'Dinas Komunikasi dan Informatika' }).waitFor();
    const chart = page.getByRole('list', { name: /Struktur organisasi per/ });
    await chart.getByRole('heading', { level: 3, name: 'Bidang Transformasi Digital' }).waitFor();
    await chart.getByRole('heading', { level: 4, name: 'Sub Bagian Umum dan Kepegawaian' }).waitFor();
    await chart.getByText('Pranata Komputer Ahli Madya').waitFor();
    assert.equal(await chart.getByRole('heading', { name: 'Bidang Aplikasi Informatika' }).count(), 0);

    await page.getByLabel('Tanggal berlaku').fill('2024-12-31');
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.getByRole('heading', { level: 2, name: 'Struktur organisasi per 31 Desember 2024' }).waitFor();
    await chart.getByRole('heading', { level: 3, name: 'Bidang Aplikasi Informatika' }).waitFor();
    await chart.getByText('Kepala Bidang Aplikasi Informatika').waitFor();
    assert.equal(await chart.getByRole('heading', { name: 'Bidang Transformasi Digital' }).count(), 0);
    assert.match(page.url(), /tanggal=2024-12-31/);

    const history = page.getByRole('region', { name: 'Setiap versi data OPD, terbaru di atas' });
    await history.getByRole('cell', { name: 'Dibuat' }).waitFor();
    await history.getByRole('cell', { name: 'admin' }).waitFor();
    if (process.env.ORGANISASI_SCREENSHOT) await page.screenshot({ path: process.env.ORGANISASI_SCREENSHOT, fullPage: true });
  });

  it('the city admin adds an agency with "Tambah OPD": errors next to their fields, then the new agency’s page', async () => {
    await page.goto(`${t.url}/organisasi`);
    await page.getByRole('button', { name: 'Tambah OPD' }).click();
    const form = page.getByRole('form', { name: 'Tambah OPD' });
    await form.getByLabel('Kode OPD').fill('4.01/salah');
    await form.getByLabel('Lintang (latitude)').fill('-0,9471');
    await form.getByRole('button', { name: 'Simpan OPD' }).click();
    const kode = form.getByLabel('Kode OPD');
    await form.locator('.field__error').first().waitFor();
    assert.equal(await kode.getAttribute('aria-invalid'), 'true');
    assert.ok(await kode.evaluate((element) => element === document.activeElement), 'focus on the first invalid field');
    const errorOf = async (label: string) => {
      const describedBy = (await form.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
      return page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText();
    };
    assert.equal(await errorOf('Kode OPD'), 'Formatnya tidak sesuai.');
    assert.equal(await errorOf('Nama'), 'Minimal 1 karakter.');

    await kode.fill('4.01.0.00.0.00.01.0000');
    await form.getByLabel('Nama', { exact: true }).fill('Badan Perencanaan Pembangunan Daerah');
    await form.getByLabel('Jenis').selectOption('badan');
    await form.getByRole('button', { name: 'Simpan OPD' }).click();
    // One coordinate alone places the office nowhere: the server names the missing one.
    await form.getByText('Wajib diisi.').waitFor();
    assert.equal(await form.getByLabel('Bujur (longitude)').getAttribute('aria-invalid'), 'true');
    await form.getByLabel('Bujur (longitude)').fill('100,3531');
    await form.getByLabel('Alamat kantor').fill('Jl. Khatib Sulaiman No. 1, Padang');
    await form.getByRole('button', { name: 'Simpan OPD' }).click();
    await page.getByRole('heading', { level: 1, name: 'Badan Perencanaan Pembangunan Daerah' }).waitFor();
    await page.getByText('OPD ditambahkan.').waitFor();
    const data = page.getByRole('region', { name: 'Data OPD' });
    await data.getByText('-0.9471, 100.3531').waitFor();
    await data.getByText('Jl. Khatib Sulaiman No. 1, Padang').waitFor();
    const stored = ok(await t.admin.get('/api/v1/opd/4.01.0.00.0.00.01.0000'), 200);
    assert.deepEqual([stored.jenis, stored.latitude, stored.longitude], ['badan', -0.9471, 100.3531]);
  });

  it('an operator sees no edit actions on another agency, nor "Tambah OPD"', async () => {
    await operator.getByRole('link', { name: 'Dinas Kesehatan' }).waitFor();
    assert.equal(await operator.getByRole('button', { name: 'Tambah OPD' }).count(), 0);
    await operator.getByRole('link', { name: 'Dinas Kesehatan' }).click();
    await operator.getByRole('heading', { level: 1, name: 'Dinas Kesehatan' }).waitFor();
    const chart = operator.getByRole('list', { name: /Struktur organisasi per/ });
    await chart.getByRole('button', { name: 'Rincian Bidang Pelayanan Kesehatan' }).click();
    await operator.getByRole('heading', { level: 2, name: 'Unit: Bidang Pelayanan Kesehatan' }).waitFor();
    await operator.getByRole('region', { name: 'Setiap versi data unit, terbaru di atas' }).getByRole('cell', { name: 'Dibuat' }).waitFor();
    for (const name of ['Ubah data OPD', 'Arsipkan OPD', 'Tambah unit', 'Reorganisasi', 'Ubah unit', 'Tambah jabatan']) {
      assert.equal(await operator.getByRole('button', { name, exact: true }).count(), 0, name);
    }
  });

  it('an operator edits their agency; a stale version gets a clear message, then saves after reloading', async () => {
    await operator.goto(`${t.url}/organisasi/${diskominfoId}`);
    await operator.getByRole('heading', { level: 1, name: 'Dinas Komunikasi dan Informatika' }).waitFor();
    await operator.getByRole('button', { name: 'Ubah data OPD' }).click();
    const form = operator.getByRole('form', { name: 'Ubah data OPD' });
    assert.equal(await form.getByLabel('Kode OPD').getAttribute('readonly'), '', 'the code is the city’s to change');
    assert.ok(await form.getByLabel('Jenis').isDisabled());
    // Someone else changes the agency after the page loaded it (version 1 → 2).
    ok(await t.admin.patch(`/api/v1/opd/${diskominfoId}`, { singkatan: 'Kominfo' }, { headers: { 'if-match': '"v1"' } }), 200);
    await form.getByLabel('Alamat kantor').fill('Jl. Prof. M. Yamin SH No. 70, Padang');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Data ini sudah diubah orang lain sejak Anda membukanya' }).waitFor();
    await form.getByRole('button', { name: 'Muat ulang data' }).click();
    const data = operator.getByRole('region', { name: 'Data OPD' });
    await data.getByText('Kominfo', { exact: true }).waitFor();

    const fresh = operator.getByRole('form', { name: 'Ubah data OPD' });
    await fresh.getByLabel('Alamat kantor').fill('Jl. Prof. M. Yamin SH No. 70, Padang');
    await fresh.getByRole('button', { name: 'Simpan perubahan' }).click();
    await operator.getByText('Perubahan disimpan (versi 3).').waitFor();
    await data.getByText('Jl. Prof. M. Yamin SH No. 70, Padang').waitFor();
    const history = operator.getByRole('region', { name: 'Setiap versi data OPD, terbaru di atas' });
    const row = history.getByRole('row').filter({ has: operator.getByRole('rowheader', { name: '3', exact: true }) });
    await row.getByRole('cell', { name: OPERATOR }).waitFor();
    await row.getByRole('cell', { name: 'Alamat kantor' }).waitFor();
  });

  it('an operator adds a unit through the form and sees it in the org chart', async () => {
    await operator.getByRole('button', { name: 'Tambah unit', exact: true }).click();
    const form = operator.getByRole('form', { name: 'Tambah unit' });
    await form.getByLabel('Unit induk').selectOption({ label: 'Sekretariat' });
    await form.getByRole('button', { name: 'Simpan unit' }).click();
    const nama = form.getByLabel('Nama unit');
    await form.locator('.field__error').first().waitFor();
    assert.equal(await nama.getAttribute('aria-invalid'), 'true');
    assert.ok(await nama.evaluate((element) => element === document.activeElement));

    await nama.fill('Sub Bagian Perencanaan');
    await form.getByLabel('Jenis unit').selectOption('sub_bagian');
    await form.getByRole('button', { name: 'Simpan unit' }).click();
    await operator.getByText('Unit Sub Bagian Perencanaan ditambahkan.').waitFor();
    const chart = operator.getByRole('list', { name: /Struktur organisasi per/ });
    await chart.getByRole('heading', { level: 4, name: 'Sub Bagian Perencanaan' }).waitFor();
    const stored = ok(await t.admin.get(`/api/v1/opd/${KODE}/struktur`), 200);
    const unit = stored.units.find((u: any) => u.nama === 'Sub Bagian Perencanaan');
    assert.equal(stored.units.find((u: any) => u.id === unit.parentId).nama, 'Sekretariat');
  });

  it('an operator edits the unit and sees the change in the chart and in the unit’s history', async () => {
    const chart = operator.getByRole('list', { name: /Struktur organisasi per/ });
    await chart.getByRole('button', { name: 'Rincian Sub Bagian Perencanaan' }).click();
    const panel = operator.getByRole('region', { name: 'Unit: Sub Bagian Perencanaan' });
    await panel.getByRole('button', { name: 'Ubah unit' }).click();
    const form = panel.getByRole('form', { name: 'Ubah unit' });
    await form.getByLabel('Nama unit').fill('Sub Bagian Perencanaan dan Keuangan');
    await form.getByLabel('Alamat kantor unit').fill('Jl. Bagindo Aziz Chan No. 10');
    await form.getByLabel('Lintang (latitude)').fill('-0,91');
    await form.getByLabel('Bujur (longitude)').fill('100,36');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await operator.getByText('Perubahan disimpan (versi 2).').waitFor();
    await chart.getByRole('heading', { level: 4, name: 'Sub Bagian Perencanaan dan Keuangan' }).waitFor();
    const edited = operator.getByRole('region', { name: 'Unit: Sub Bagian Perencanaan dan Keuangan' });
    await edited.getByText('Jl. Bagindo Aziz Chan No. 10').waitFor();

    const history = edited.getByRole('region', { name: 'Setiap versi data unit, terbaru di atas' });
    const row = history.getByRole('row').filter({ has: operator.getByRole('rowheader', { name: '2', exact: true }) });
    await row.getByRole('cell', { name: 'Diubah' }).waitFor();
    await row.getByRole('cell', { name: OPERATOR }).waitFor();
    const changed = await row.getByRole('cell').nth(1).innerText();
    assert.deepEqual(changed.split(', '), ['Nama', 'Alamat kantor', 'Lintang (latitude)', 'Bujur (longitude)']);
    await history.getByRole('row').filter({ has: operator.getByRole('rowheader', { name: '1', exact: true }) }).getByRole('cell', { name: 'Dibuat' }).waitFor();
  });

  it('an operator adds a position (the eselon rule shown next to its field), edits it and archives it with a reason', async () => {
    const panel = operator.getByRole('region', { name: 'Unit: Sub Bagian Perencanaan dan Keuangan' });
    await panel.getByRole('button', { name: 'Tambah jabatan' }).click();
    const form = panel.getByRole('form', { name: 'Tambah jabatan' });
    await form.getByLabel('Nama jabatan').fill('Kepala Sub Bagian Perencanaan');
    await form.getByLabel('Jenis jabatan').selectOption('struktural');
    await form.getByRole('button', { name: 'Simpan jabatan' }).click();
    const eselon = form.getByLabel('Eselon', { exact: true });
    await form.getByText('Eselon wajib untuk jabatan struktural dan tidak diisi untuk jabatan lain.').waitFor();
    assert.equal(await eselon.getAttribute('aria-invalid'), 'true');
    await eselon.selectOption('IV.a');
    await form.getByRole('button', { name: 'Simpan jabatan' }).click();
    await operator.getByText('Jabatan Kepala Sub Bagian Perencanaan ditambahkan.').waitFor();
    if (process.env.ORGANISASI_OPERATOR_SCREENSHOT) await operator.screenshot({ path: process.env.ORGANISASI_OPERATOR_SCREENSHOT, fullPage: true });
    const chart = operator.getByRole('list', { name: /Struktur organisasi per/ });
    await chart.getByText('Kepala Sub Bagian Perencanaan').waitFor();

    await panel.getByRole('button', { name: 'Ubah jabatan Kepala Sub Bagian Perencanaan' }).click();
    const edit = panel.getByRole('form', { name: 'Ubah jabatan Kepala Sub Bagian Perencanaan' });
    await edit.getByLabel('Nama jabatan').fill('Perencana Ahli Muda');
    await edit.getByLabel('Jenis jabatan').selectOption('fungsional');
    assert.equal(await edit.getByLabel('Eselon', { exact: true }).count(), 0, 'only structural positions have an eselon');
    await edit.getByRole('button', { name: 'Simpan perubahan' }).click();
    await operator.getByText('Jabatan Perencana Ahli Muda disimpan.').waitFor();
    await chart.getByText('Perencana Ahli Muda').waitFor();

    await panel.getByRole('button', { name: 'Arsipkan jabatan Perencana Ahli Muda' }).click();
    const archive = panel.getByRole('form', { name: 'Arsipkan jabatan Perencana Ahli Muda' });
    await archive.getByRole('button', { name: 'Arsipkan jabatan' }).click();
    await archive.getByText('Minimal 3 karakter.').waitFor();
    await archive.getByLabel('Alasan').fill('Formasi dialihkan ke Bappeda');
    await archive.getByRole('button', { name: 'Arsipkan jabatan' }).click();
    await operator.getByText('Jabatan Perencana Ahli Muda diarsipkan.').waitFor();
    await panel.getByText('Belum ada jabatan di unit ini.').waitFor();
    // The chart reloads on its own after the panel: wait for it rather than read it at once.
    await chart.getByText('Perencana Ahli Muda').waitFor({ state: 'detached' });
    const stored = await org(t.kernel.db)
      .selectFrom('organisasi.jabatan')
      .select(['nama', 'jenis', 'eselon', 'version', 'archive_reason'])
      .where('nama', '=', 'Perencana Ahli Muda')
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { nama: 'Perencana Ahli Muda', jenis: 'fungsional', eselon: null, version: 3, archive_reason: 'Formasi dialihkan ke Bappeda' });
  });

  it('an operator reorganises: closes a unit and opens a new one from a date, and the chart shows that date', async () => {
    await operator.getByRole('button', { name: 'Reorganisasi', exact: true }).click();
    const form = operator.getByRole('form', { name: 'Reorganisasi' });
    await form.getByLabel('Tanggal berlaku struktur baru').fill('2030-01-01');
    await form.getByLabel('Dasar hukum / keterangan').fill('Perwali Padang No. 9 Tahun 2029');
    await form.getByRole('checkbox', { name: 'Bidang Transformasi Digital' }).check();
    await form.getByLabel('Nama unit baru 1').fill('Bidang Ekonomi Digital');
    await form.getByRole('button', { name: 'Tambah baris unit baru' }).click();
    await form.getByLabel('Nama unit baru 2').fill('Seksi Ekosistem Digital');
    await form.getByLabel('Jenis unit baru 2').selectOption('seksi');
    await form.getByLabel('Induk unit baru 2').selectOption({ label: 'Unit baru: Bidang Ekonomi Digital' });
    await form.getByRole('button', { name: 'Simpan reorganisasi' }).click();
    await operator.getByText('Reorganisasi disimpan: 1 unit ditutup dan 2 unit dibuka mulai 1 Januari 2030.').waitFor();
    await operator.getByRole('heading', { level: 2, name: 'Struktur organisasi per 1 Januari 2030' }).waitFor();
    const chart = operator.getByRole('list', { name: /Struktur organisasi per/ });
    await chart.getByRole('heading', { level: 3, name: 'Bidang Ekonomi Digital' }).waitFor();
    await chart.getByRole('heading', { level: 4, name: 'Seksi Ekosistem Digital' }).waitFor();
    assert.equal(await chart.getByRole('heading', { name: 'Bidang Transformasi Digital' }).count(), 0);
    assert.match(operator.url(), /tanggal=2030-01-01/);
    // The day before, the old structure stands.
    const before = ok(await t.admin.get(`/api/v1/opd/${KODE}/struktur?tanggal=2029-12-31`), 200);
    assert.ok(before.units.some((u: any) => u.nama === 'Bidang Transformasi Digital'));
  });

  it('fits a 360 px wide phone, forms included', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    await phone.context().addCookies(await operator.context().cookies());
    await phone.goto(`${t.url}/organisasi/${diskominfoId}`);
    await phone.getByRole('heading', { level: 1, name: 'Dinas Komunikasi dan Informatika' }).waitFor();
    await phone.getByRole('list', { name: /Struktur organisasi per/ }).getByRole('button', { name: 'Rincian Sekretariat' }).click();
    await phone.getByRole('region', { name: 'Unit: Sekretariat' }).getByRole('button', { name: 'Ubah unit' }).click();
    await phone.getByRole('form', { name: 'Ubah unit' }).getByLabel('Alamat kantor unit').waitFor();
    await phone.getByRole('button', { name: 'Reorganisasi', exact: true }).click();
    await phone.getByRole('form', { name: 'Reorganisasi' }).getByLabel('Nama unit baru 1').waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width}px wide`);
    if (process.env.ORGANISASI_PHONE_SCREENSHOT) await phone.screenshot({ path: process.env.ORGANISASI_PHONE_SCREENSHOT, fullPage: true });
    await phone.close();
  });
});
