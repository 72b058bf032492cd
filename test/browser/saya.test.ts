import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webDist } from '../../src/core/http/app.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const NIK = '1371011203900001'; // a man born 12 March 1990, registered in 13.71.01
const NIK_UNKNOWN = '1371011203909999';
const NO_KK = '1371010101250001';
const NIP = '196608011988031001';
const WARGA = { username: 'warga-rahmat', password: 'kata-sandi-warga-rahmat' };
const WARGA_2 = { username: 'warga-kedua', password: 'kata-sandi-warga-kedua' };
const PEGAWAI = { username: 'pegawai-budi', password: 'kata-sandi-pegawai-budi' };
const OFFICER = { username: 'petugas-1001', password: 'kata-sandi-petugas-1001' };
const REASON = 'Verifikasi permohonan surat domisili';

/**
 * Accounts linked to the people they belong to, in the browser: an admin links a resident's NIK
 * to a warga account on the user page (an unknown NIK refused next to the field, a NIK linked
 * elsewhere refused with a clear message), an officer opens the resident's full record with a
 * reason, and the resident signs in at phone width, opens "Data saya" and sees their record and
 * the officer's access with the reason. An employee sees their own record and positions.
 */
describe('identity links and "Data saya" in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let admin: Page;
  const ids: Record<string, string> = {};

  const ok = (res: { status: number; body: any }, status = 201) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    return res.body;
  };

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${t.url}/`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
  }

  /** Opens "Data saya" from the navigation (through the menu button at phone width). */
  async function openSaya(page: Page): Promise<void> {
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('navigation').first().getByRole('link', { name: 'Data saya', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Data saya' }).waitFor();
  }

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    ok(await t.admin.post('/api/v1/keluarga', { noKk: NO_KK, kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Tautan No. 1', rt: '001', rw: '002' }));
    ok(await t.admin.post('/api/v1/penduduk', {
      nik: NIK, noKk: NO_KK, nama: 'Rahmat Hidayat', jenisKelamin: 'L', tempatLahir: 'Padang', tanggalLahir: '1990-03-12',
      agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 2, shdk: 1,
    }));
    ok(await t.admin.post('/api/v1/opd', { kode: '1.01.0.00.0.00.01.0000', nama: 'Dinas Pendidikan', jenis: 'dinas' }));
    const unit = ok(await t.admin.post('/api/v1/opd/1.01.0.00.0.00.01.0000/unit', { nama: 'Bidang Pembinaan SD', jenis: 'bidang', berlakuMulai: '2000-01-01' }));
    ok(await t.admin.post('/api/v1/pegawai', {
      nip: NIP, nama: 'Budi Saputra', jenisKelamin: 'L', tanggalLahir: '1966-08-01', jenis: 'pns', golongan: 'III/a',
      opdRef: '1.01.0.00.0.00.01.0000', unitId: unit.id, namaJabatan: 'Pengadministrasi Umum', tmtJabatan: '2020-01-01',
    }));
    for (const [account, displayName, roles] of [
      [WARGA, 'Rahmat Hidayat', [{ role: 'warga' }]],
      [WARGA_2, 'Warga Kedua', [{ role: 'warga' }]],
      [PEGAWAI, 'Budi Saputra', [{ role: 'pegawai' }]],
      [OFFICER, 'Petugas Batang Arau', [{ role: 'petugas_kelurahan', scopeCode: '13.71.01.1001' }]],
    ] as const) {
      ids[account.username] = ok(await t.admin.post('/api/v1/users', { username: account.username, displayName, password: account.password, roles })).id;
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
    await signIn(admin, 'admin', ADMIN_PASSWORD);
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a warga whose account is not linked yet gets an explanation, not an error page', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
    const page = await context.newPage();
    await signIn(page, WARGA.username, WARGA.password);
    await openSaya(page);
    const section = page.getByRole('region', { name: 'Data kependudukan saya' });
    await section.getByRole('note').filter({ hasText: 'Akun ini belum ditautkan ke NIK yang terdaftar. Hubungi kelurahan Anda.' }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'the unlinked account is shown as an error');
    // Only the resident's part: a warga is not an employee.
    assert.equal(await page.getByRole('region', { name: 'Data kepegawaian saya' }).count(), 0);
    await context.close();
  });

  it('the admin links the NIK on the user page: an unknown NIK is refused next to the field, then the real one is linked', async () => {
    await admin.getByRole('navigation').first().getByRole('link', { name: 'Pengguna', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'Pengguna' }).waitFor();
    await admin.getByRole('table').getByRole('link', { name: WARGA.username, exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'Rahmat Hidayat' }).waitFor();

    const section = admin.getByRole('region', { name: 'Tautan identitas' });
    await section.getByText('Belum ditautkan').first().waitFor();
    const form = section.getByRole('form', { name: 'Tautkan atau lepaskan' });
    const nik = form.getByLabel('NIK', { exact: true });
    await nik.fill(NIK_UNKNOWN);
    await form.getByRole('button', { name: 'Simpan tautan' }).click();
    await form.getByRole('alert').filter({ hasText: 'NIK atau NIP tidak berformat benar atau tidak ada di registri' }).waitFor();
    assert.equal(await nik.getAttribute('aria-invalid'), 'true');
    const describedBy = ((await nik.getAttribute('aria-describedby')) ?? '').split(' ').pop();
    assert.equal(await admin.locator(`[id="${describedBy}"]`).innerText(), 'NIK ini tidak ada di registri penduduk.');
    assert.ok(await nik.evaluate((element) => element === document.activeElement), 'focus on the refused field');
    assert.equal((await t.admin.get(`/api/v1/users/${ids[WARGA.username]}`)).body.nik, null, 'a refused NIK was stored');

    await nik.fill(NIK);
    await form.getByRole('button', { name: 'Simpan tautan' }).click();
    await form.getByRole('status').filter({ hasText: 'Tautan identitas disimpan.' }).waitFor();
    await section.getByText('137101******0001').waitFor();
    assert.equal(await nik.inputValue(), '');
    assert.ok(!(await admin.content()).includes(NIK), 'the full NIK stays on the admin page');
    assert.equal((await t.admin.get(`/api/v1/users/${ids[WARGA.username]}`)).body.nik, '137101******0001');
  });

  it('the same NIK on a second account is refused with a clear message', async () => {
    await admin.goto(`${t.url}/pengguna/${ids[WARGA_2.username]}`);
    await admin.getByRole('heading', { level: 1, name: 'Warga Kedua' }).waitFor();
    const form = admin.getByRole('form', { name: 'Tautkan atau lepaskan' });
    await form.getByLabel('NIK', { exact: true }).fill(NIK);
    await form.getByRole('button', { name: 'Simpan tautan' }).click();
    await form.getByRole('alert').filter({ hasText: 'NIK ini sudah ditautkan ke akun lain.' }).waitFor();
    assert.equal((await t.admin.get(`/api/v1/users/${ids[WARGA_2.username]}`)).body.nik, null);
  });

  it('after an officer opened the full record with a reason, the resident sees it under "Data saya" at phone width', async () => {
    const officer = t.client();
    ok(await officer.login(OFFICER.username, OFFICER.password), 200);
    ok(await officer.post(`/api/v1/penduduk/${NIK}/lengkap`, { alasan: REASON }), 200);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
    const page = await context.newPage();
    await signIn(page, WARGA.username, WARGA.password);
    await openSaya(page);
    const data = page.getByRole('region', { name: 'Data kependudukan saya' });
    await data.getByText('Rahmat Hidayat', { exact: true }).waitFor();
    await data.getByText(NIK, { exact: true }).waitFor();
    await data.getByText(NO_KK, { exact: true }).waitFor();
    await data.getByText('Padang, 12 Maret 1990').waitFor();
    await data.getByText('Jl. Tautan No. 1, RT 001/RW 002').waitFor();

    const log = page.getByRole('region', { name: 'Siapa yang melihat data saya' });
    const row = log.getByRole('row').filter({ hasText: REASON });
    await row.waitFor();
    await row.getByRole('cell', { name: OFFICER.username, exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Melihat data lengkap', exact: true }).waitFor();
    assert.equal(await log.getByRole('row').count(), 2, 'header and exactly one access');

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);

    // The language switch sits in the phone menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    await page.getByRole('region', { name: 'Who saw my data' }).getByRole('cell', { name: 'Viewed the full record' }).waitFor();
    await context.close();
  });

  it('an employee linked to a NIP sees their own record and positions', async () => {
    ok(await t.admin.put(`/api/v1/users/${ids[PEGAWAI.username]}/identitas`, { nip: NIP }), 200);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    await signIn(page, PEGAWAI.username, PEGAWAI.password);
    await openSaya(page);
    const data = page.getByRole('region', { name: 'Data kepegawaian saya' });
    await data.getByText('19660801 198803 1 001').waitFor();
    await data.getByText('1 Agustus 1966').waitFor();
    await data.getByRole('table', { name: 'Riwayat jabatan, terbaru di atas' }).getByRole('rowheader', { name: 'Pengadministrasi Umum' }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Data kependudukan saya' }).count(), 0);
    await context.close();
  });
});
