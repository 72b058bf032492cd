import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webDist } from '../../src/core/http/app.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';

describe('web shell in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' });
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a visitor to the sign-in page, signs in, and shows the shell by role', async () => {
    await page.goto(`${t.url}/pengguna`);
    await page.getByLabel('Nama pengguna').waitFor();
    assert.match(page.url(), /\/masuk/);

    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill('salah-sekali-123');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nama pengguna atau kata sandi salah' }).waitFor();

    await page.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    // Back to the page the visitor asked for.
    await page.getByRole('heading', { level: 1, name: 'Pengguna' }).waitFor();
    await page.getByRole('table').getByRole('link', { name: 'admin', exact: true }).waitFor();

    const nav = page.getByRole('navigation').first();
    for (const name of ['Beranda', 'Pengguna', 'Jejak Audit']) {
      assert.equal(await nav.getByRole('link', { name, exact: true }).count(), 1, `nav link ${name}`);
    }
    await nav.getByRole('link', { name: 'Beranda', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    await page.getByText('Admin Platform').first().waitFor();
  });

  it('shows the audit trail with the sign-in recorded', async () => {
    await page.getByRole('navigation').first().getByRole('link', { name: 'Jejak Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jejak Audit' }).waitFor();
    await page.getByText('auth.login').first().waitFor();
  });

  it('switches to English', async () => {
    await page.getByRole('navigation').first().getByRole('link', { name: 'Beranda', exact: true }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
  });

  it('hides admin navigation from a user without the permissions, at phone width', async () => {
    const created = await t.admin.post('/api/v1/users', {
      username: 'warga1',
      displayName: 'Siti Rahma',
      password: 'kata-sandi-warga-1',
      roles: [{ role: 'warga' }],
    });
    assert.equal(created.status, 201);
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    await phone.goto(`${t.url}/`);
    await phone.getByRole('heading', { level: 1, name: 'Masuk ke Padu' }).waitFor();
    await phone.getByLabel('Nama pengguna').fill('warga1');
    await phone.getByLabel('Kata sandi').fill('kata-sandi-warga-1');
    await phone.getByRole('button', { name: 'Masuk' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    assert.equal(await phone.getByRole('link', { name: 'Pengguna' }).count(), 0);
    assert.equal(await phone.getByRole('link', { name: 'Jejak Audit' }).count(), 0);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await phone.close();
  });
});
