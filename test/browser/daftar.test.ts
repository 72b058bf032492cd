import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webDist } from '../../src/core/http/app.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const NIK = '1371011203900001'; // a man born 12 March 1990, registered in 13.71.01
const NO_KK = '1371010101250001';
const PASSWORD = 'kata-sandi-rahmat-1';
const PHONE = { width: 390, height: 844 };

/**
 * A resident opens their own account on a phone: from the sign-in page to "Daftar akun warga";
 * the browser's own checks next to the fields; a wrong birth date refused without saying which
 * part is wrong; then the right data signs them in on the home page, with their record under
 * "Data saya"; later they sign in with their phone number.
 */
describe('resident sign-up in Chromium at phone width', () => {
  let t: TestServer;
  let browser: Browser;

  const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    const ok = (res: { status: number; body: unknown }) => assert.equal(res.status, 201, JSON.stringify(res.body));
    ok(await t.admin.post('/api/v1/keluarga', { noKk: NO_KK, kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Daftar No. 1', rt: '001', rw: '002' }));
    ok(await t.admin.post('/api/v1/penduduk', {
      nik: NIK, noKk: NO_KK, nama: 'Rahmat Hidayat', jenisKelamin: 'L', tempatLahir: 'Padang', tanggalLahir: '1990-03-12',
      agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 2, shdk: 1,
    }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs up from the sign-in page: field checks, the generic refusal, then signed in on the home page', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Masuk ke Padu' }).waitFor();
    await page.getByLabel('NIK, nomor HP, e-mail, atau nama pengguna').waitFor();
    await page.getByRole('link', { name: 'Daftar akun warga' }).click();
    await page.getByRole('heading', { level: 1, name: 'Daftar akun warga' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/daftar');

    // The browser's own checks, next to their fields; focus on the first one.
    const form = page.getByRole('form', { name: 'Daftar akun warga' });
    await form.getByRole('button', { name: 'Daftar' }).click();
    await page.getByRole('alert').filter({ hasText: 'Periksa isian yang ditandai.' }).waitFor();
    const nik = form.getByLabel('NIK', { exact: true });
    assert.equal(await nik.getAttribute('aria-invalid'), 'true');
    const describedBy = ((await nik.getAttribute('aria-describedby')) ?? '').split(' ').pop();
    assert.equal(await page.locator(`[id="${describedBy}"]`).innerText(), 'NIK harus 16 angka.');
    assert.ok(await nik.evaluate((element) => element === document.activeElement), 'focus on the first marked field');

    await nik.fill('1371 0112 0390 0001');
    await form.getByLabel('Nama lengkap').fill('rahmat hidayat');
    await form.getByLabel('Tanggal lahir').fill('1990-03-21');
    await form.getByLabel('Nomor HP (opsional)').fill('0812 3456 7890');
    await form.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
    await form.getByLabel('Ulangi kata sandi').fill('kata-sandi-lain-1');
    await form.getByRole('button', { name: 'Daftar' }).click();
    await form.getByText('Kedua kata sandi tidak sama.').waitFor();

    // A wrong birth date: the refusal names no field.
    await form.getByLabel('Ulangi kata sandi').fill(PASSWORD);
    await form.getByRole('button', { name: 'Daftar' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'NIK, nama lengkap dan tanggal lahir tidak cocok dengan data kependudukan' });
    await refusal.waitFor();
    assert.doesNotMatch(await refusal.innerText(), /tanggal lahir (salah|keliru)|nama (salah|keliru)/i);
    assert.equal(await form.locator('[aria-invalid="true"]').count(), 0, 'the refusal points at a field');
    assert.equal(await form.getByLabel('Kata sandi', { exact: true }).inputValue(), '', 'the password stays in the form');
    assert.ok((await overflowOf(page)) <= 0, 'the sign-up page is wider than the phone');

    await form.getByLabel('Tanggal lahir').fill('1990-03-12');
    await form.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
    await form.getByLabel('Ulangi kata sandi').fill(PASSWORD);
    await form.getByRole('button', { name: 'Daftar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    await page.getByText('Selamat datang, Rahmat Hidayat.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.ok((await overflowOf(page)) <= 0, 'the home page is wider than the phone');

    // Their own record, through the phone menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation').first().getByRole('link', { name: 'Data saya', exact: true }).click();
    const data = page.getByRole('region', { name: 'Data kependudukan saya' });
    await data.getByText(NIK, { exact: true }).waitFor();

    const account = await t.kernel.db.selectFrom('core.app_user').select(['nik', 'phone']).where('nik', '=', NIK).executeTakeFirstOrThrow();
    assert.deepEqual(account, { nik: NIK, phone: '+6281234567890' });
    await context.close();
  });

  it('the new resident signs in with the phone number, spelled another way', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${t.url}/`);
    await page.getByLabel('NIK, nomor HP, e-mail, atau nama pengguna').fill('+62 812-3456-7890');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    await page.getByText('Selamat datang, Rahmat Hidayat.').waitFor();
    await context.close();
  });
});
