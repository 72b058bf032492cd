import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { webDist } from '../../core/http/app.js';
import { prog } from './tables.js';

const CHROMIUM = '/usr/bin/chromium';
const KODE = '1.02.0.00.0.00.01.0000';
const KODE_LAIN = '1.01.0.00.0.00.01.0000';
const OPERATOR = 'operator-dinkes';
const OPERATOR_PASSWORD = 'kata-sandi-operator-1';
const HEADER = 'tahun;kode_opd;nama_opd;kode_urusan;nama_urusan;kode_bidang_urusan;nama_bidang_urusan;kode_program;nama_program;kode_kegiatan;nama_kegiatan;kode_sub_kegiatan;nama_sub_kegiatan;pagu;indikator;satuan;target';
const KES = '1;Urusan Wajib Pelayanan Dasar;1.02;Kesehatan;1.02.02;Program Pemenuhan Upaya Kesehatan;1.02.02.2.02;Penyediaan Layanan Kesehatan';
const line = (opd: string, sub: string, nama: string, pagu: string, indikator = '', satuan = '', target = '') =>
  `2026;${opd};Dinas;${KES};${sub};${nama};${pagu};${indikator};${satuan};${target}`;
const CSV = [
  HEADER,
  line(KODE, '1.02.02.2.02.0008', 'Pelayanan Kesehatan Penderita Hipertensi', '1.250.000.000', 'Penderita hipertensi dilayani', 'orang', '1500'),
  line(KODE, '1.02.02.2.02.0003', 'Pelayanan Kesehatan Balita', '300.000.000', 'Balita dilayani', 'orang', '4000'),
  line(KODE_LAIN, '1.02.02.2.02.0003', 'Pelayanan Kesehatan Balita', '80.000.000'),
].join('\n');

const csvFile = (text: string) => ({ name: 'sipd-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

/**
 * The journey from the issue: an OPD operator opens Program & Anggaran, finds a budget line,
 * changes its pagu (If-Match; a stale edit refused with a clear message, field errors next to
 * the field) and sees the change in the history. Then adding and archiving a line, the
 * nomenclature browser, and the SIPD import as the city-wide admin.
 */
describe('program pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let hipertensiId = '';

  const ok = (res: { status: number; body: any }, status = 201) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    return res.body;
  };
  const signIn = async (target: Page, username: string, password: string) => {
    await target.goto(`${t.url}/`);
    await target.getByLabel('Nama pengguna').fill(username);
    await target.getByLabel('Kata sandi').fill(password);
    await target.getByRole('button', { name: 'Masuk' }).click();
    await target.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
  };

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    ok(await t.admin.post('/api/v1/opd', { kode: KODE, nama: 'Dinas Kesehatan', singkatan: 'Dinkes', jenis: 'dinas' }));
    ok(await t.admin.post('/api/v1/opd', { kode: KODE_LAIN, nama: 'Dinas Pendidikan', singkatan: 'Disdik', jenis: 'dinas' }));
    ok(await t.admin.post('/api/v1/program/import', { csv: CSV }), 200);
    const list = ok(await t.admin.get(`/api/v1/program/anggaran?opd=${KODE}&kode=1.02.02.2.02.0008`), 200);
    hipertensiId = list.items[0].id;
    ok(await t.admin.post('/api/v1/users', { username: OPERATOR, displayName: 'Operator Dinkes', password: OPERATOR_PASSWORD, roles: [{ role: 'opd_operator', scopeCode: KODE }] }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    await signIn(page, OPERATOR, OPERATOR_PASSWORD);
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the operator opens Program & Anggaran: lines with pagu in Rupiah, totals, filters and search', async () => {
    await page.getByRole('navigation').first().getByRole('link', { name: 'Program & Anggaran', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Program & Anggaran' }).waitFor();
    await page.getByText('Menampilkan 1–3 dari 3').waitFor();
    await page.getByText('Jumlah pagu: Rp 1.630.000.000').waitFor();
    const table = page.getByRole('table', { name: 'Daftar anggaran' });
    const row = table.getByRole('row').filter({ hasText: 'Penderita Hipertensi' });
    await row.getByRole('cell', { name: 'Rp 1.250.000.000' }).waitFor();
    await row.getByRole('cell', { name: 'Dinkes' }).waitFor();
    if (process.env.PROGRAM_SCREENSHOT_LIST) await page.screenshot({ path: process.env.PROGRAM_SCREENSHOT_LIST, fullPage: true });
    // The operator may add lines (for their OPD), but the city-wide import is not offered.
    await page.getByRole('link', { name: 'Tambah anggaran' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Impor SIPD' }).count(), 0);

    await page.getByLabel('OPD', { exact: true }).selectOption({ label: 'Dinas Pendidikan' });
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByText('Menampilkan 1–1 dari 1').waitFor();
    await page.getByText('Jumlah pagu: Rp 80.000.000').waitFor();

    await page.getByLabel('OPD', { exact: true }).selectOption('');
    await page.getByLabel('Urutkan').selectOption({ label: 'Pagu terbesar dulu' });
    await page.getByLabel('Nama atau kode sub-kegiatan').fill('balita');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByText('Menampilkan 1–2 dari 2').waitFor();
    const pagu = await table.locator('tbody tr td.program-number').allInnerTexts();
    assert.deepEqual(pagu.map((p) => p.replace(/\s/g, ' ')), ['Rp 300.000.000', 'Rp 80.000.000']);
    assert.match(page.url(), /q=balita/);
    assert.match(page.url(), /sort=-pagu/);

    await page.getByRole('link', { name: 'Hapus saringan' }).click();
    await page.getByLabel('Awal kode').fill('1.2.2.2.2.8');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByText('Menampilkan 1–1 dari 1').waitFor();
    await table.getByRole('link', { name: 'Pelayanan Kesehatan Penderita Hipertensi' }).click();
  });

  it('shows the line: its path in the nomenclature with codes, pagu, indicators and history', async () => {
    await page.getByRole('heading', { level: 1, name: 'Pelayanan Kesehatan Penderita Hipertensi' }).waitFor();
    const data = page.getByRole('region', { name: 'Data anggaran' });
    await data.getByText('Rp 1.250.000.000').waitFor();
    await data.getByRole('link', { name: 'Dinas Kesehatan' }).waitFor();
    const jalur = page.getByRole('region', { name: 'Kedudukan dalam nomenklatur' });
    const steps = await jalur.getByRole('listitem').allInnerTexts();
    assert.equal(steps.length, 5);
    assert.match(steps[0]!, /Urusan\s+1\s+Urusan Wajib Pelayanan Dasar/);
    assert.match(steps[1]!, /Bidang urusan\s+1\.02\s+Kesehatan/);
    assert.match(steps[4]!, /Sub-kegiatan\s+1\.02\.02\.2\.02\.0008\s+Pelayanan Kesehatan Penderita Hipertensi/);
    const indikator = page.getByRole('region', { name: 'Indikator kinerja sub-kegiatan ini' });
    await indikator.getByRole('rowheader', { name: 'Penderita hipertensi dilayani' }).waitFor();
    await indikator.getByRole('cell', { name: '1.500' }).waitFor();
    const history = page.getByRole('region', { name: 'Setiap versi data anggaran, terbaru di atas' });
    await history.getByRole('cell', { name: 'Dibuat' }).waitFor();
  });

  it('puts the API’s field error next to the pagu field and focuses it', async () => {
    await page.getByRole('button', { name: 'Ubah pagu dan indikator' }).click();
    const form = page.getByRole('form', { name: 'Ubah anggaran' });
    const pagu = form.getByLabel('Pagu', { exact: true });
    // Above the ceiling the API accepts (999.999.999.999.999): the browser sends it, the API refuses it.
    await pagu.fill('1.000.000.000.000.000');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.locator('.field__error').first().waitFor();
    assert.equal(await pagu.getAttribute('aria-invalid'), 'true');
    assert.ok(await pagu.evaluate((element) => element === document.activeElement), 'focus on the invalid field');
    const describedBy = (await pagu.getAttribute('aria-describedby')) ?? '';
    assert.match(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText(), /999999999999999/);
    // A pagu that is not whole Rupiah is caught before sending.
    await pagu.fill('1250000,50');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Periksa isian yang ditandai.' }).waitFor();
    await form.getByText('Pagu harus bilangan bulat Rupiah tidak negatif').waitFor();
  });

  it('refuses a stale edit with a clear message, then saves against the reloaded version', async () => {
    // Someone else changes the line after the page loaded it (version 1 → 2).
    ok(await t.admin.patch(`/api/v1/program/anggaran/${hipertensiId}`, { pagu: 1_300_000_000 }, { headers: { 'if-match': '"v1"' } }), 200);

    const form = page.getByRole('form', { name: 'Ubah anggaran' });
    await form.getByLabel('Pagu', { exact: true }).fill('1.500.000.000');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Data sudah berubah sejak Anda membukanya' }).waitFor();
    await form.getByRole('button', { name: 'Muat ulang data' }).click();
    await page.getByRole('region', { name: 'Data anggaran' }).getByText('Rp 1.300.000.000').waitFor();

    const fresh = page.getByRole('form', { name: 'Ubah anggaran' });
    await fresh.getByLabel('Pagu', { exact: true }).fill('1.500.000.000');
    await fresh.getByText('Tertulis: Rp 1.500.000.000').waitFor();
    await fresh.getByLabel('Target indikator 1').fill('1.750');
    await fresh.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Perubahan disimpan (versi 3).').waitFor();
    await page.getByRole('region', { name: 'Data anggaran' }).getByText('Rp 1.500.000.000').waitFor();
    await page.getByRole('region', { name: 'Indikator kinerja sub-kegiatan ini' }).getByRole('cell', { name: '1.750' }).waitFor();
  });

  it('shows the change in the history with the operator and the changed fields', async () => {
    const history = page.getByRole('region', { name: 'Setiap versi data anggaran, terbaru di atas' });
    const row = history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3', exact: true }) });
    await row.getByRole('cell', { name: OPERATOR }).waitFor();
    await row.getByRole('cell', { name: 'Diubah' }).waitFor();
    const changed = await row.getByRole('cell').nth(1).innerText();
    assert.deepEqual(changed.split(', ').sort(), ['Indikator kinerja', 'Pagu']);
    await history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) }).getByRole('cell', { name: 'admin' }).waitFor();

    const stored = await prog(t.kernel.db).selectFrom('program.anggaran').select(['pagu', 'version']).where('id', '=', hipertensiId).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { pagu: '1500000000', version: 3 });
    const api = ok(await t.admin.get(`/api/v1/program/anggaran/${hipertensiId}`), 200);
    assert.deepEqual(api.indikator, [{ nama: 'Penderita hipertensi dilayani', satuan: 'orang', target: 1750 }]);
  });

  it('does not offer changes to another OPD’s line', async () => {
    const lain = ok(await t.admin.get(`/api/v1/program/anggaran?opd=${KODE_LAIN}`), 200).items[0];
    await page.goto(`${t.url}/program/anggaran/${lain.id}`);
    await page.getByRole('region', { name: 'Data anggaran' }).getByText('Rp 80.000.000').waitFor();
    // Whether the buttons show depends on the user's permissions, loaded alongside.
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByRole('button', { name: 'Ubah pagu dan indikator' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Arsipkan' }).count(), 0);
  });

  it('adds a line for the operator’s own OPD only, then archives it with a reason', async () => {
    await page.goto(`${t.url}/program`);
    await page.getByRole('link', { name: 'Tambah anggaran' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tambah anggaran' }).waitFor();
    const form = page.getByRole('form', { name: 'Baris anggaran baru' });
    const opd = form.getByLabel('OPD', { exact: true });
    assert.deepEqual(await opd.locator('option').allInnerTexts(), ['Dinas Kesehatan']);

    await form.getByLabel('Tahun anggaran').fill('2027');
    await form.getByLabel('Kode sub-kegiatan').fill('1.02.02.2.02.0099');
    await form.getByLabel('Pagu', { exact: true }).fill('450.000.000');
    await form.getByLabel('Nama indikator 1').fill('Kunjungan posyandu');
    await form.getByLabel('Satuan indikator 1').fill('kunjungan');
    await form.getByLabel('Target indikator 1').fill('12,5');
    await form.getByRole('button', { name: 'Simpan anggaran' }).click();
    // Not a sub-kegiatan of the nomenclature: the API's message sits next to the code.
    const kode = form.getByLabel('Kode sub-kegiatan');
    await form.getByText('bukan sub-kegiatan yang terdaftar').waitFor();
    assert.equal(await kode.getAttribute('aria-invalid'), 'true');

    await kode.fill('1.2.2.2.2.8');
    await form.getByRole('button', { name: 'Simpan anggaran' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pelayanan Kesehatan Penderita Hipertensi' }).waitFor();
    await page.getByText('Anggaran ditambahkan.').waitFor();
    const data = page.getByRole('region', { name: 'Data anggaran' });
    await data.getByText('Rp 450.000.000').waitFor();
    await data.getByText('2027').waitFor();
    await page.getByRole('region', { name: 'Indikator kinerja sub-kegiatan ini' }).getByRole('cell', { name: '12,5' }).waitFor();

    await page.getByRole('button', { name: 'Arsipkan' }).click();
    const arsip = page.getByRole('form', { name: 'Arsipkan anggaran' });
    await arsip.getByRole('button', { name: 'Arsipkan anggaran' }).click();
    await arsip.getByText('Tuliskan alasan, minimal 3 karakter.').waitFor();
    await arsip.getByLabel('Alasan').fill('Dipindah ke perubahan anggaran');
    await arsip.getByRole('button', { name: 'Arsipkan anggaran' }).click();
    await page.getByText('Anggaran ini sudah diarsipkan: Dipindah ke perubahan anggaran').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Ubah pagu dan indikator' }).count(), 0);
    await page.getByRole('region', { name: 'Setiap versi data anggaran, terbaru di atas' }).getByRole('cell', { name: 'Diarsipkan' }).waitFor();
  });

  it('browses the nomenclature by level and code prefix', async () => {
    await page.goto(`${t.url}/program`);
    await page.getByRole('link', { name: 'Nomenklatur', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Nomenklatur program' }).waitFor();
    const table = page.getByRole('table', { name: 'Nomenklatur, urut kode' });
    await table.getByRole('cell', { name: 'Kesehatan', exact: true }).waitFor();
    await page.getByLabel('Tingkat', { exact: true }).selectOption({ label: 'Sub-kegiatan' });
    await page.getByLabel('Awal kode').fill('1.02');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByText('Menampilkan 1–2').waitFor();
    assert.deepEqual(await table.locator('tbody th code').allInnerTexts(), ['1.02.02.2.02.0003', '1.02.02.2.02.0008']);
    await page.getByLabel('Awal kode').fill('1.02.0');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    // A prefix that is no level of the code (U.BB.PP.K is none) is refused, and said so.
    await page.getByText(/^Awal kode: ./).waitFor();
  });

  it('fits a 360 px wide phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    await phone.context().addCookies(await page.context().cookies());
    for (const path of ['/program', `/program/anggaran/${hipertensiId}`, '/program/anggaran/baru', '/program/nomenklatur']) {
      await phone.goto(`${t.url}${path}`);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      await phone.waitForLoadState('networkidle');
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${path} is ${width}px wide`);
    }
    await phone.goto(`${t.url}/program/anggaran/${hipertensiId}`);
    await phone.getByRole('button', { name: 'Ubah pagu dan indikator' }).click();
    await phone.getByRole('form', { name: 'Ubah anggaran' }).getByLabel('Target indikator 1').waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the edit form fits too');
    if (process.env.PROGRAM_SCREENSHOT) await phone.screenshot({ path: process.env.PROGRAM_SCREENSHOT, fullPage: true });
    await phone.close();
  });

  it('imports a SIPD CSV as the city-wide admin: per-line report for a bad file, counts for a good one', async () => {
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    await signIn(admin, 'admin', ADMIN_PASSWORD);
    await admin.goto(`${t.url}/program`);
    await admin.getByRole('link', { name: 'Impor SIPD' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Impor SIPD' }).waitFor();

    const bad = [HEADER, line(KODE, '1.02.02.2.02.0011', 'Baru', '5.000.000'), line(KODE, '1.02.02.2.02.0012', 'Pagu desimal', '1250000,50'), line('TIDAK-ADA', '1.02.02.2.02.0013', 'OPD salah', '1000')].join('\n');
    await admin.getByLabel('Berkas CSV', { exact: true }).setInputFiles(csvFile(bad));
    await admin.getByRole('button', { name: 'Impor', exact: true }).click();
    const report = admin.getByRole('table', { name: '2 baris bermasalah; tidak ada yang disimpan.' });
    await report.waitFor();
    assert.deepEqual(await report.locator('tbody th').allInnerTexts(), ['3', '4']);
    assert.deepEqual(await report.locator('tbody td code').allInnerTexts(), ['pagu', 'kode_opd']);
    assert.equal(ok(await t.admin.get('/api/v1/program/nomenklatur?q=Baru'), 200).items.length, 0, 'nothing stored');

    const good = [HEADER, line(KODE, '1.02.02.2.02.0011', 'Pelayanan Kesehatan Usia Lanjut', '5.000.000', 'Lansia dilayani', 'orang', '900'), line(KODE, '1.02.02.2.02.0003', 'Pelayanan Kesehatan Balita', '300.000.000', 'Balita dilayani', 'orang', '4000')].join('\n');
    await admin.getByLabel('Berkas CSV', { exact: true }).setInputFiles(csvFile(good));
    await admin.getByRole('button', { name: 'Impor', exact: true }).click();
    await admin.getByText('Impor selesai: 2 baris untuk tahun 2026.').waitFor();
    await admin.getByText('Nomenklatur: 1 baru, 0 diperbarui.').waitFor();
    await admin.getByText('Anggaran: 1 baru, 0 diperbarui, 1 tetap.').waitFor();
    assert.equal(await admin.getByRole('table', { name: /baris bermasalah/ }).count(), 0);
    await admin.getByRole('link', { name: 'Lihat anggaran tahun 2026' }).click();
    await admin.getByText('Menampilkan 1–4 dari 4').waitFor();
    await admin.close();
  });
});
