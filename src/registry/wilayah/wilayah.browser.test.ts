import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webDist } from '../../core/http/app.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../../test/helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const square = (x: number, y: number, size: number) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];
const geojsonFile = (features: unknown[]) => ({
  name: 'batas.geojson',
  mimeType: 'application/geo+json',
  buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
});

describe('wilayah page in Chromium', () => {
  let t: TestServer;
  let browser: Browser;

  const signIn = async (username: string, password: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    await page.goto(`${t.url}/`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    return page;
  };

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an admin lists the kecamatan and kelurahan, uploads boundaries, and sees a rejected file explained per feature', async () => {
    const page = await signIn('admin', ADMIN_PASSWORD);
    await page.getByRole('navigation').first().getByRole('link', { name: 'Wilayah', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Wilayah' }).waitFor();
    await page.getByText('KOTA PADANG (13.71), SUMATERA BARAT: 11 kecamatan dan 104 kelurahan/desa, 0 di antaranya').waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: /^Kecamatan / }).count(), 11);
    const selatan = page.getByRole('region', { name: /Kecamatan Padang Selatan/ });
    const row = selatan.getByRole('row', { name: /Belakang Pondok/ });
    await row.getByText('13.71.01.1001').waitFor();
    await row.getByText('Belum ada').waitFor();

    await page
      .getByLabel('Berkas GeoJSON')
      .setInputFiles(geojsonFile([{ type: 'Feature', properties: { kode: '13.71.01.1001' }, geometry: { type: 'Polygon', coordinates: square(100.36, -0.97, 0.01) } }]));
    await page.getByRole('button', { name: 'Unggah' }).click();
    await page.getByText('1 fitur diterima: 1 batas baru, 0 diganti, 0 tidak berubah.').waitFor();
    await row.getByText('Ada', { exact: true }).waitFor();

    await page.getByLabel('Berkas GeoJSON').setInputFiles(
      geojsonFile([
        { type: 'Feature', properties: { kode: '13.71.01.1002' }, geometry: { type: 'Polygon', coordinates: square(100.37, -0.97, 0.01) } },
        { type: 'Feature', properties: { kode: '13.71.01.1999' }, geometry: { type: 'Polygon', coordinates: square(100.38, -0.97, 0.01) } },
      ]),
    );
    await page.getByRole('button', { name: 'Unggah' }).click();
    const report = page.getByRole('table', { name: '1 fitur ditolak' });
    await report.waitFor();
    await report.getByText('Kode wilayah 13.71.01.1999 tidak terdaftar.').waitFor();
    await page.getByRole('alert').filter({ hasText: 'tidak ada batas wilayah yang disimpan' }).waitFor();
    assert.equal((await t.admin.get('/api/v1/wilayah/13.71.01.1002')).body.hasBoundary, false);
    await page.close();
  });

  it('anyone signed in sees the page, without the upload form', async () => {
    const created = await t.admin.post('/api/v1/users', { username: 'warga-peta', displayName: 'Warga', password: 'kata-sandi-warga-1', roles: [{ role: 'warga' }] });
    assert.equal(created.status, 201);
    const page = await signIn('warga-peta', 'kata-sandi-warga-1');
    await page.getByRole('navigation').first().getByRole('link', { name: 'Wilayah', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /Kecamatan Koto Tangah/ }).waitFor();
    assert.equal(await page.getByLabel('Berkas GeoJSON').count(), 0);
    await page.close();
  });
});
