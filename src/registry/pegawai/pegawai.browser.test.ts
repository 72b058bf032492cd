import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { webDist } from '../../core/http/app.js';
import { peg } from './tables.js';

const CHROMIUM = '/usr/bin/chromium';
const KODE = '2.16.0.00.0.00.01.0000';
const KODE_LAIN = '1.02.0.00.0.00.01.0000';
const OPERATOR = 'operator-kominfo';
const OPERATOR_PASSWORD = 'kata-sandi-operator-1';

/**
 * The journey from the issue: an OPD operator finds an employee, edits a field, and sees the
 * change in the history — with If-Match from the loaded ETag, a stale edit refused (412) and
 * field errors shown next to their field.
 */
describe('pegawai pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let rinaId = '';

  const ok = (res: { status: number; body: any }, status = 201) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    return res.body;
  };

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    ok(await t.admin.post('/api/v1/opd', { kode: KODE, nama: 'Dinas Komunikasi dan Informatika', singkatan: 'Diskominfo', jenis: 'dinas' }));
    ok(await t.admin.post('/api/v1/opd', { kode: KODE_LAIN, nama: 'Dinas Kesehatan', jenis: 'dinas' }));
    const unit = ok(await t.admin.post(`/api/v1/opd/${KODE}/unit`, { nama: 'Bidang Aplikasi Informatika', jenis: 'bidang', berlakuMulai: '2020-01-01' }));
    const unitLain = ok(await t.admin.post(`/api/v1/opd/${KODE_LAIN}/unit`, { nama: 'Bidang Pelayanan Kesehatan', jenis: 'bidang', berlakuMulai: '2020-01-01' }));
    const rina = ok(
      await t.admin.post('/api/v1/pegawai', {
        nip: '19850312 201001 2 001',
        nama: 'Rina Marlina',
        jenisKelamin: 'P',
        tanggalLahir: '1985-03-12',
        jenis: 'pns',
        golongan: 'III/b',
        opdRef: KODE,
        unitId: unit.id,
        namaJabatan: 'Pranata Komputer Ahli Pertama',
        tmtJabatan: '2021-04-01',
        email: 'rina.marlina@padang.go.id',
        telepon: '081234567890',
      }),
    );
    rinaId = rina.id;
    ok(
      await t.admin.post('/api/v1/pegawai', {
        nip: '19800517 200503 1 001',
        nama: 'Budi Saputra',
        jenisKelamin: 'L',
        tanggalLahir: '1980-05-17',
        jenis: 'pns',
        golongan: 'III/d',
        opdRef: KODE,
        unitId: unit.id,
        namaJabatan: 'Kepala Seksi Aplikasi',
      }),
    );
    // Another OPD's employee: the operator must not see her.
    ok(
      await t.admin.post('/api/v1/pegawai', {
        nip: '19900101 201503 2 001',
        nama: 'Rahmi Yulia',
        jenisKelamin: 'P',
        tanggalLahir: '1990-01-01',
        jenis: 'pns',
        golongan: 'III/a',
        opdRef: KODE_LAIN,
        unitId: unitLain.id,
        namaJabatan: 'Perawat Ahli Pertama',
      }),
    );
    ok(
      await t.admin.post('/api/v1/users', {
        username: OPERATOR,
        displayName: 'Operator Diskominfo',
        password: OPERATOR_PASSWORD,
        roles: [{ role: 'opd_operator', scopeCode: KODE }],
      }),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    await page.goto(`${t.url}/`);
    await page.getByLabel('Nama pengguna').fill(OPERATOR);
    await page.getByLabel('Kata sandi').fill(OPERATOR_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the operator opens Pegawai, sees only their OPD, filters and searches by name', async () => {
    await page.getByRole('navigation').first().getByRole('link', { name: 'Pegawai', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Pegawai' }).waitFor();
    await page.getByText('Menampilkan 1–2 dari 2').waitFor();
    const table = page.getByRole('table', { name: 'Daftar pegawai' });
    await table.getByRole('link', { name: 'Budi Saputra' }).waitFor();
    assert.equal(await table.getByRole('link', { name: 'Rahmi Yulia' }).count(), 0, 'another OPD’s employee is hidden');

    await page.getByLabel('Status').selectOption('pensiun');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByText('Tidak ada pegawai yang cocok.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Jenis pegawai').selectOption('pns');

    await page.getByLabel('Awal nama atau NIP').fill('Rina');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByText('Menampilkan 1–1 dari 1').waitFor();
    assert.match(page.url(), /q=Rina/);
    await table.getByRole('link', { name: 'Rina Marlina' }).click();
  });

  it('shows the record in full to its OPD, the current position and riwayat jabatan', async () => {
    await page.getByRole('heading', { level: 1, name: 'Rina Marlina' }).waitFor();
    const data = page.getByRole('region', { name: 'Data pegawai' });
    await data.getByText('19850312 201001 2 001').waitFor();
    await data.getByText('12 Maret 1985').waitFor();
    await data.getByText('III/b — Penata Muda Tingkat I').waitFor();
    await data.getByText('rina.marlina@padang.go.id').waitFor();
    const jabatan = page.getByRole('region', { name: 'Jabatan sekarang' });
    await jabatan.getByText('Bidang Aplikasi Informatika').first().waitFor();
    await jabatan.getByText('Dinas Komunikasi dan Informatika').first().waitFor();
    await page.getByRole('region', { name: 'Riwayat jabatan, terbaru di atas' }).getByRole('rowheader', { name: 'Pranata Komputer Ahli Pertama' }).waitFor();
    const history = page.getByRole('region', { name: 'Setiap versi data pegawai, terbaru di atas' });
    await history.getByRole('cell', { name: 'Dibuat' }).waitFor();
  });

  it('puts a field error next to the field and focuses it', async () => {
    await page.getByRole('button', { name: 'Ubah data' }).click();
    const form = page.getByRole('form', { name: 'Ubah data pegawai' });
    const nama = form.getByLabel('Nama', { exact: true });
    await nama.fill('');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.locator('.field__error').first().waitFor();
    assert.equal(await nama.getAttribute('aria-invalid'), 'true');
    assert.ok(await nama.evaluate((element) => element === document.activeElement), 'focus on the first invalid field');
    const describedBy = (await nama.getAttribute('aria-describedby')) ?? '';
    assert.ok((await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText()).length > 0, 'the message is tied to the field');
  });

  it('refuses a stale edit with a clear message, then saves against the reloaded version', async () => {
    // Someone else changes the record after the page loaded it (version 1 → 2).
    ok(await t.admin.patch(`/api/v1/pegawai/${rinaId}`, { telepon: '081298765432' }, { headers: { 'if-match': '"v1"' } }), 200);

    const form = page.getByRole('form', { name: 'Ubah data pegawai' });
    await form.getByLabel('Nama', { exact: true }).fill('Rina Marlina Putri');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Data sudah berubah sejak Anda membukanya' }).waitFor();
    await form.getByRole('button', { name: 'Muat ulang data' }).click();
    await page.getByRole('region', { name: 'Data pegawai' }).getByText('081298765432').waitFor();

    const fresh = page.getByRole('form', { name: 'Ubah data pegawai' });
    await fresh.getByLabel('Nama', { exact: true }).fill('Rina Marlina Putri');
    await fresh.getByLabel('Golongan').selectOption('III/c');
    await fresh.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Perubahan disimpan (versi 3).').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Rina Marlina Putri' }).waitFor();
    await page.getByRole('region', { name: 'Data pegawai' }).getByText('III/c — Penata').waitFor();
  });

  it('shows the new version in the history with the operator and the changed fields, and the row changed', async () => {
    const history = page.getByRole('region', { name: 'Setiap versi data pegawai, terbaru di atas' });
    const row = history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3', exact: true }) });
    await row.getByRole('cell', { name: OPERATOR }).waitFor();
    await row.getByRole('cell', { name: 'Diubah' }).waitFor();
    const changed = await row.getByRole('cell').nth(1).innerText();
    assert.deepEqual(changed.split(', ').sort(), ['Golongan', 'Nama']);
    await history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) }).getByRole('cell', { name: 'admin' }).waitFor();

    const stored = await peg(t.kernel.db).selectFrom('pegawai.pegawai').select(['nama', 'golongan', 'telepon', 'version']).where('id', '=', rinaId).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { nama: 'Rina Marlina Putri', golongan: 'III/c', telepon: '081298765432', version: 3 });
    const api = ok(await t.admin.get(`/api/v1/pegawai/${rinaId}`), 200);
    assert.equal(api.nama, 'Rina Marlina Putri');
  });

  it('fits a 360 px wide phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${t.url}/pegawai/${rinaId}`);
    await phone.getByRole('heading', { level: 1, name: 'Rina Marlina Putri' }).waitFor();
    await phone.getByRole('region', { name: 'Setiap versi data pegawai, terbaru di atas' }).waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width}px wide`);
    await phone.getByRole('button', { name: 'Ubah data' }).click();
    await phone.getByRole('form', { name: 'Ubah data pegawai' }).getByLabel('Golongan').waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the edit form fits too');
    if (process.env.PEGAWAI_SCREENSHOT) await phone.screenshot({ path: process.env.PEGAWAI_SCREENSHOT, fullPage: true });
    await phone.close();
  });
});
