import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Route } from 'playwright-core';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { webDist } from '../../../core/http/app.js';
import { contohSurat } from './contoh.js';
import { renderSurat } from './index.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN_VALID = 'Zq7hV3kP9xWm2RtB4nYc8LdE';
const TOKEN_DICABUT = 'Rv2Kc9Wq4Hn7Tz1Ym5Bp8XsA';
const TOKEN_UNKNOWN = 'TidakAdaTokenSeperti1niX';
const ALASAN = 'Data alamat pemohon keliru; diganti surat nomor 470/014/13.71.01.1001/XII/2026';

/**
 * The public page a letter's QR code opens, in Chromium at phone width and without signing in.
 * The verification API is answered here along its contract (the layanan backend implements it):
 * a valid letter, a revoked one, an unknown token; the PDF check compares the SHA-256 of what the
 * page uploads with that of a letter rendered by renderSurat, as the backend does.
 */
describe('letter verification page in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let pdf: Buffer;
  const uploads: Array<{ contentType: string | undefined; body: Buffer }> = [];

  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  async function answerApi(route: Route): Promise<void> {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const json = (status: number, body: unknown, type = 'application/json') =>
      route.fulfill({ status, contentType: type, body: JSON.stringify(body) });
    const surat = {
      jenis: 'Surat Keterangan Domisili',
      nomor: '470/001/13.71.01.1001/XI/2026',
      tanggal: '2026-11-28',
      pemegang: 'Ra**** Hi*****',
      kelurahan: 'Kelurahan Ranah Parak Rumbio',
    };
    if (request.method() === 'POST' && path === `/api/v1/verifikasi/${TOKEN_VALID}/berkas`) {
      const body = request.postDataBuffer() ?? Buffer.alloc(0);
      uploads.push({ contentType: request.headers()['content-type'], body });
      return json(200, { cocok: sha256(body) === sha256(pdf) });
    }
    if (request.method() === 'GET' && path === `/api/v1/verifikasi/${TOKEN_VALID}`) {
      return json(200, { status: 'valid', ...surat, dicabutPada: null, alasanCabut: null });
    }
    if (request.method() === 'GET' && path === `/api/v1/verifikasi/${TOKEN_DICABUT}`) {
      return json(200, { status: 'dicabut', ...surat, dicabutPada: '2026-12-05T03:15:00.000Z', alasanCabut: ALASAN });
    }
    return json(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Surat tidak ditemukan.' }, 'application/problem+json');
  }

  async function phone(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
    await context.route('**/api/v1/verifikasi/**', answerApi);
    return context;
  }

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    pdf = await renderSurat(contohSurat({ verifikasiUrl: `${t.url}/verifikasi/${TOKEN_VALID}` }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a valid letter without sign-in, and tells the issued PDF from an altered one', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${t.url}/verifikasi/${TOKEN_VALID}`);
    await page.getByRole('heading', { level: 1, name: 'Verifikasi Surat' }).waitFor();
    const banner = page.getByRole('status').filter({ hasText: 'Surat ini SAH / VALID' });
    await banner.waitFor();
    assert.equal(new URL(page.url()).pathname, `/verifikasi/${TOKEN_VALID}`, 'no redirect to the sign-in page');
    assert.match(await banner.innerText(), /diterbitkan oleh Kelurahan Ranah Parak Rumbio/);
    // The verdict has the focus, so a screen reader reads it first.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.includes('Surat ini SAH / VALID')), true);

    const details = page.locator('dl');
    const text = await details.innerText();
    for (const expected of ['Surat Keterangan Domisili', '470/001/13.71.01.1001/XI/2026', '28 November 2026', 'Ra**** Hi*****', 'Kelurahan Ranah Parak Rumbio']) {
      assert.ok(text.includes(expected), `${expected} in ${text}`);
    }
    // Fits a phone: nothing wider than the screen.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));

    // No file chosen: the error is named next to the field.
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByRole('alert').filter({ hasText: 'Pilih berkas PDF terlebih dahulu.' }).waitFor();
    assert.equal(await page.getByLabel('Berkas PDF surat').getAttribute('aria-invalid'), 'true');

    // The issued PDF, exactly.
    await page.getByLabel('Berkas PDF surat').setInputFiles({ name: 'surat-domisili.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByRole('status').filter({ hasText: 'Berkas ini sama persis dengan surat yang diterbitkan' }).waitFor();
    assert.equal(uploads.length, 1);
    assert.equal(uploads[0]!.contentType, 'application/pdf');
    assert.ok(uploads[0]!.body.equals(pdf), 'the page sends the file as it is');

    // The same PDF with one byte changed.
    const altered = Buffer.from(pdf);
    const middle = Math.floor(altered.length / 2);
    altered[middle] = altered[middle]! ^ 1;
    await page.getByLabel('Berkas PDF surat').setInputFiles({ name: 'surat-domisili.pdf', mimeType: 'application/pdf', buffer: altered });
    assert.equal(await page.getByText('Berkas ini sama persis').count(), 0, 'a new file clears the previous answer');
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByRole('alert').filter({ hasText: 'Berkas ini BUKAN salinan asli surat ini' }).waitFor();
    assert.equal(uploads.length, 2);

    // English on request.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('This letter is VALID').waitFor();
    await context.close();
  });

  it('shows a revoked letter in red with the date and the reason', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${t.url}/verifikasi/${TOKEN_DICABUT}`);
    const banner = page.getByRole('alert').filter({ hasText: 'Surat ini telah DICABUT' });
    await banner.waitFor();
    const text = await banner.innerText();
    assert.ok(text.includes('Dicabut pada 5 Desember 2026.'), text);
    assert.ok(text.includes(`Alasan: ${ALASAN}`), text);
    assert.equal(await page.getByText('Surat ini SAH / VALID').count(), 0);
    const colour = await banner.evaluate((el) => getComputedStyle(el).borderColor);
    assert.equal(colour, 'rgb(179, 38, 30)', 'the danger colour');
    await context.close();
  });

  it('says clearly when no letter has the token', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${t.url}/verifikasi/${TOKEN_UNKNOWN}`);
    await page.getByRole('alert').filter({ hasText: 'Surat tidak ditemukan' }).waitFor();
    assert.equal(await page.getByText('Surat ini SAH').count(), 0);
    assert.equal(await page.getByLabel('Berkas PDF surat').count(), 0, 'nothing to check a file against');
    await context.close();
  });
});
