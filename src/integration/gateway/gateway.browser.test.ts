import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertBrowserReady, openBrowser, signIn } from '../../../test/helpers/browser.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { createTestApp, type AppClient } from '../../../test/helpers/apps.js';
import { gatewayLogOf } from './proxy.js';


/**
 * An administrator publishes an app's API in the Gateway tab (a bad URL is named next to its
 * field; an OpenAPI file is uploaded with it), grants another app one path, sees the calls that
 * app makes in the service's figures and in the message log, and the page works at phone width.
 */
describe('gateway pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let caller: AppClient;
  let backend: http.Server;
  let backendUrl = '';

  before(async () => {
    assertBrowserReady();
    t = await startTestServer();
    backend = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url }));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    await createTestApp(t, { kode: 'simpeg', nama: 'SIMPEG', scopes: [] });
    caller = await (await createTestApp(t, { kode: 'absensi', nama: 'Absensi Online', scopes: [] })).client();
    ({ browser, page } = await openBrowser());
    await signIn(page, t.url, 'admin', ADMIN_PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await new Promise<void>((resolve) => backend?.close(() => resolve()));
  });

  it('publishes a service with its OpenAPI document, grants an app one path, and shows its calls', async () => {
    await page.goto(`${t.url}/integrasi`);
    await page.getByRole('link', { name: 'Gateway layanan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gateway layanan' }).waitFor();
    await page.getByText('Belum ada layanan yang cocok.').waitFor();

    await page.getByLabel('Aplikasi penyedia').last().fill('simpeg');
    await page.getByLabel('Kode layanan').fill('data-pegawai');
    await page.getByLabel('Nama', { exact: true }).fill('API Data Pegawai');
    await page.getByLabel('URL dasar API').fill('ftp://contoh.go.id/api');
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Periksa isian yang ditandai.' }).waitFor();
    assert.equal(await page.getByLabel('URL dasar API').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('URL dasar API').fill(`${backendUrl}/v1`);
    const doc = { openapi: '3.0.3', info: { title: 'Data Pegawai', version: '1' }, paths: { '/pegawai/{nip}': { get: { responses: { 200: { description: 'OK' } } } } } };
    await page.getByLabel('Dokumen OpenAPI').setInputFiles({ name: 'openapi.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'API Data Pegawai' }).waitFor();
    await page.getByText('/gw/simpeg/data-pegawai/').first().waitFor();
    await page.getByRole('link', { name: 'Unduh dokumen OpenAPI' }).waitFor();
    await page.getByText('Belum ada aplikasi yang diberi izin.').waitFor();

    // Publishing granted nobody.
    assert.equal((await caller.get('/gw/simpeg/data-pegawai/pegawai/1')).status, 403);

    await page.getByRole('textbox', { name: 'Aplikasi pemanggil' }).fill('absensi');
    await page.getByRole('textbox', { name: 'Aturan (satu per baris)' }).last().fill('GET /pegawai/*');
    await page.getByRole('button', { name: 'Beri izin' }).click();
    await page.getByText('Izin diberikan kepada absensi.').waitFor();

    assert.equal((await caller.get('/gw/simpeg/data-pegawai/pegawai/1')).status, 200);
    assert.equal((await caller.get('/gw/simpeg/data-pegawai/pegawai/2')).status, 200);
    assert.equal((await caller.get('/gw/simpeg/data-pegawai/jabatan/1')).status, 403);
    await gatewayLogOf(t.kernel)!.flush();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'API Data Pegawai' }).waitFor();
    const figures = page.getByRole('table', { name: /Panggilan dalam 7 hari terakhir/ });
    assert.equal((await figures.getByRole('cell').first().textContent())?.trim(), '4', 'three calls after the grant and the refused one before it');
    await page.getByRole('table', { name: /Aplikasi pemanggil/ }).getByRole('rowheader', { name: /Absensi Online/ }).waitFor();

    await page.getByRole('link', { name: 'Log pesan layanan ini' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log pesan gateway' }).waitFor();
    await page.getByText('GET /pegawai/2').waitFor();
    await page.getByText('integrasi.gw_tidak_diizinkan').first().waitFor();
    await page.getByLabel('Status').selectOption('4xx');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByText('Panggilan terbaru (2 ditampilkan)').waitFor();

    // Phone width: the same page, no sideways scrolling of the page itself.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole('heading', { level: 1, name: 'Log pesan gateway' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  });
});
