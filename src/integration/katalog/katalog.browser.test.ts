import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertBrowserReady, openBrowser, signIn } from '../../../test/helpers/browser.js';
import { requestToken } from '../../../test/helpers/apps.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

const KODE = '2.16.0.00.0.00.01.0000';
const OPERATOR = 'operator-kominfo';
const OPERATOR_PASSWORD = 'kata-sandi-operator-1';

/**
 * The catalogue journey: an OPD operator registers their agency's app through the form (a bad
 * code is named next to its field first), sees it at level 1, creates an OAuth client and sees
 * its secret exactly once (the token endpoint takes it), sees the level rise to 2, and opens the
 * integration map, where the app is an island; the map's table also works at phone width.
 */
describe('integration hub catalogue pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let secret = '';
  let clientId = '';

  before(async () => {
    assertBrowserReady();
    t = await startTestServer();
    const opd = await t.admin.post('/api/v1/opd', { kode: KODE, nama: 'Dinas Komunikasi dan Informatika', singkatan: 'Diskominfo', jenis: 'dinas' });
    assert.equal(opd.status, 201, JSON.stringify(opd.body));
    const user = await t.admin.post('/api/v1/users', { username: OPERATOR, displayName: 'Operator Diskominfo', password: OPERATOR_PASSWORD, roles: [{ role: 'opd_operator', scopeCode: KODE }] });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    const other = await t.admin.post('/api/v1/integrasi/aplikasi', { kode: 'portal-lama', nama: 'Portal Lama Diskominfo', jenis: 'website', opdKode: KODE, datasetKonsumsi: ['organisasi'] });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    ({ browser, page } = await openBrowser());
    await signIn(page, t.url, OPERATOR, OPERATOR_PASSWORD);
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('registers an app through the form; a bad code is named next to its field', async () => {
    await page.getByRole('navigation').first().getByRole('link', { name: 'Integrasi', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Katalog aplikasi' }).waitFor();
    await page.getByRole('table', { name: 'Aplikasi dalam katalog' }).getByRole('link', { name: 'Portal Lama Diskominfo' }).waitFor();
    await page.getByRole('link', { name: 'Daftarkan aplikasi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Daftarkan aplikasi' }).waitFor();
    await page.getByLabel('Kode', { exact: true }).fill('e absensi');
    await page.getByLabel('Nama aplikasi').fill('E-Absensi ASN');
    await page.getByLabel('Jenis', { exact: true }).selectOption('absensi');
    assert.equal(await page.getByLabel('OPD pemilik').inputValue(), KODE, 'the operator’s own OPD is chosen');
    await page.getByLabel('Alamat (URL)').fill('https://absensi.padang.go.id');
    await page.getByRole('group', { name: 'Data yang dipakai' }).getByLabel('Pegawai').check();
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    const kode = page.getByLabel('Kode', { exact: true });
    await page.locator('.field__error').first().waitFor();
    assert.equal(await kode.getAttribute('aria-invalid'), 'true');
    await kode.fill('e-absensi');
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'E-Absensi ASN' }).waitFor();
    assert.match(page.url(), /\/integrasi\/aplikasi\/e-absensi$/);
    assert.equal((await page.getByTestId('tingkat-integrasi').textContent())?.trim(), '1');
    await page.getByText('Untuk naik ke tingkat 2:').waitFor();
    await page.getByText('Klien OAuth aktif: 0.', { exact: true }).waitFor();
  });

  it('creates a client and shows its secret once; the level rises to 2', async () => {
    const panel = page.getByRole('region', { name: 'Kredensial (klien OAuth)' });
    await panel.getByLabel('Nama klien').fill('produksi');
    await panel.getByRole('button', { name: 'Buat klien' }).click();
    const shown = panel.getByTestId('rahasia-klien');
    await shown.waitFor();
    secret = (await shown.textContent())!.trim();
    assert.match(secret, /^pds_/);
    await panel.getByText('hanya ditampilkan sekali').waitFor();
    await panel.getByRole('button', { name: 'Salin' }).waitFor();
    clientId = (await panel.getByRole('table', { name: 'Klien aplikasi ini' }).locator('code').first().textContent())!.trim();
    assert.match(clientId, /^e-absensi\./);
    await panel.getByRole('button', { name: 'Sudah saya simpan' }).click();
    await shown.waitFor({ state: 'detached' });
    assert.ok(!(await page.content()).includes(secret), 'the secret is gone from the page');
    const token = await requestToken(t.url, clientId, secret);
    assert.equal(token.status, 200, 'the secret shown is the one that works');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'E-Absensi ASN' }).waitFor();
    assert.equal((await page.getByTestId('tingkat-integrasi').textContent())?.trim(), '2');
    assert.ok(!(await page.content()).includes(secret), 'the secret is never shown again');
  });

  it('opens the integration map: the apps by level, islands marked, the same flows as a table, at phone width too', async () => {
    await page.getByRole('navigation', { name: 'Bagian hub integrasi' }).getByRole('link', { name: 'Peta integrasi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Peta integrasi' }).waitFor();
    const svg = page.getByRole('img', { name: /Diagram alur integrasi: 2 aplikasi/ });
    await svg.waitFor();
    assert.equal(await svg.locator('a[href="/integrasi/aplikasi/e-absensi"]').count(), 1);
    const islands = page.getByRole('region', { name: /Pulau: aplikasi tanpa aliran data \(2\)/ });
    await islands.getByRole('link', { name: 'Portal Lama Diskominfo' }).waitFor();
    await islands.getByText('menyimpan salinan: Organisasi').waitFor();
    await page.getByRole('table', { name: 'Alur data' }).getByText('Belum ada alur data.').waitFor();

    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${t.url}/integrasi/peta`);
    await phone.getByRole('heading', { level: 1, name: 'Peta integrasi' }).waitFor();
    await phone.getByRole('table', { name: 'Alur data' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page itself does not scroll sideways (${overflow}px); the diagram scrolls in its own region`);
    await phone.close();
  });

  it('imports the inventory: a test run reports per row, applying stores the apps', async () => {
    await page.goto(`${t.url}/integrasi`);
    await page.getByRole('link', { name: 'Impor inventaris (CSV/XLSX)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impor inventaris aplikasi' }).waitFor();
    const csv = [
      'Kode Aplikasi;Nama Aplikasi;Kode OPD;Jenis;Surel',
      `e-arsip;E-Arsip Dinamis;${KODE};aplikasi OPD;arsip@padang.go.id`,
      `ppid;PPID Kota Padang;${KODE};website;bukan-email`,
    ].join('\n');
    await page.getByLabel('Berkas CSV atau XLSX').setInputFiles({ name: 'inventaris.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Uji (tanpa menyimpan)' }).click();
    await page.getByText('Hasil uji: 2 baris — 1 baru, 0 diubah, 0 sama, 1 bermasalah.', { exact: false }).waitFor();
    const report = page.getByRole('table', { name: 'Laporan per baris' });
    await report.getByText('Surel').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Terapkan' }).isDisabled(), 'a file with problems cannot be applied');
    await page.getByLabel('Berkas CSV atau XLSX').setInputFiles({ name: 'inventaris.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replace('bukan-email', 'ppid@padang.go.id')) });
    await page.getByRole('button', { name: 'Uji (tanpa menyimpan)' }).click();
    await page.getByText('Hasil uji: 2 baris — 2 baru').waitFor();
    assert.equal((await t.admin.get('/api/v1/integrasi/aplikasi/ppid')).status, 404, 'a test run stores nothing');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByText('Diterapkan: 2 aplikasi baru, 0 diubah, 0 sama.').waitFor();
    const stored = await t.admin.get('/api/v1/integrasi/aplikasi/ppid');
    assert.equal(stored.status, 200);
    assert.equal(stored.body.kontakEmail, 'ppid@padang.go.id');
  });
});
