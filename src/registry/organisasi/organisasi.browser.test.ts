import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { webDist } from '../../core/http/app.js';

const CHROMIUM = '/usr/bin/chromium';

describe('organisasi pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    const ok = (res: { status: number; body: any }, status = 201) => {
      assert.equal(res.status, status, JSON.stringify(res.body));
      return res.body;
    };
    ok(await t.admin.post('/api/v1/opd', { kode: '2.16.0.00.0.00.01.0000', nama: 'Dinas Komunikasi dan Informatika', singkatan: 'Diskominfo', jenis: 'dinas' }));
    ok(await t.admin.post('/api/v1/opd', { kode: '1.02.0.00.0.00.01.0000', nama: 'Dinas Kesehatan', singkatan: 'Dinkes', jenis: 'dinas' }));
    ok(await t.admin.post('/api/v1/opd', { kode: '7.01.0.00.0.00.01.0000', nama: 'Kecamatan Padang Barat', jenis: 'kecamatan', kodeWilayah: '13.71.03' }));
    for (let i = 1; i <= 22; i++) {
      ok(await t.admin.post('/api/v1/opd', { kode: `5.${String(i).padStart(2, '0')}.0.00.0.00.01.0000`, nama: `Badan Contoh ${i}`, jenis: 'badan' }));
    }
    const kode = '2.16.0.00.0.00.01.0000';
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
});
