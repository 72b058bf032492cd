import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertBrowserReady, openBrowser, signIn } from '../../../test/helpers/browser.js';
import { systemActor } from '../../core/audit/actor.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { createTestApp, type TestApp } from '../../../test/helpers/apps.js';
import { verifySignature } from './signature.js';
import { TestReceiver } from './test-receiver.js';


/**
 * An administrator subscribes an app to OPD events in the Webhook tab (a bad address is refused
 * next to its field; the secret is shown once), sees deliveries in the log, and re-sends a dead
 * one once the receiver is back. At phone width the page still works.
 */
describe('webhook pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let app: TestApp;
  const receiver = new TestReceiver();
  const emit = (id: string) =>
    t.kernel.db.transaction().execute((trx) => t.kernel.events.emit(trx, systemActor('uji'), { type: 'opd.updated', entityType: 'opd', entityId: id, payload: { id, kode: id } }));
  const until = async (what: string, check: () => boolean) => {
    const deadline = Date.now() + 20_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  before(async () => {
    assertBrowserReady();
    // One quick retry, then dead: the re-send button has something to do.
    t = await startTestServer({ env: { PADU_LOG_LEVEL: 'error', PADU_WEBHOOK_BACKOFF: '1', PADU_WEBHOOK_POLL_MS: '50' } });
    await receiver.start();
    app = await createTestApp(t, { kode: 'simpeg-uji', nama: 'SIMPEG Uji', scopes: ['events:read', 'organisasi:read'] });
    ({ browser, page } = await openBrowser());
    await signIn(page, t.url, 'admin', ADMIN_PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await receiver.stop();
  });

  it('subscribes with the secret shown once, lists deliveries, and re-sends a dead one', async () => {
    await page.goto(`${t.url}/integrasi`);
    await page.getByRole('link', { name: 'Webhook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor();
    await page.getByLabel('Aplikasi (kode)').fill(app.kode);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.getByText('Aplikasi ini belum berlangganan webhook.').waitFor();

    await page.getByLabel('Nama', { exact: true }).fill('Perubahan OPD');
    await page.getByLabel('Alamat penerima (URL)').fill('ftp://contoh.go.id/hook');
    await page.getByLabel('Jenis event').fill('opd.*');
    await page.getByRole('button', { name: 'Buat langganan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Periksa isian yang ditandai.' }).waitFor();
    assert.equal(await page.getByLabel('Alamat penerima (URL)').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Alamat penerima (URL)').fill(receiver.url);
    await page.getByRole('button', { name: 'Buat langganan' }).click();
    const secret = (await page.getByTestId('webhook-rahasia').textContent()) ?? '';
    assert.match(secret, /^whsec_/);
    await page.getByRole('cell', { name: /Perubahan OPD/ }).waitFor();

    await emit('opd-satu');
    await until('the delivery', () => receiver.received.some((r) => JSON.parse(r.body).entityId === 'opd-satu'));
    const got = receiver.received.find((r) => JSON.parse(r.body).entityId === 'opd-satu')!;
    assert.ok(verifySignature(secret, got.id, got.timestamp, got.body, got.signature));

    // The receiver is down: the next one dies after its retry.
    receiver.respond = () => 503;
    await emit('opd-dua');
    await page.reload();
    await page.getByLabel('Aplikasi (kode)').waitFor();
    await page.getByRole('link', { name: 'Lihat log kiriman' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log kiriman webhook' }).waitFor();
    await page.getByLabel('Status').selectOption('mati');
    const apply = page.getByRole('button', { name: 'Terapkan' });
    await apply.click();
    const deadRow = page.getByRole('row').filter({ hasText: 'opd:opd-dua' });
    for (let i = 0; i < 100 && !(await deadRow.isVisible()); i++) {
      await new Promise((r) => setTimeout(r, 200));
      await apply.click();
    }
    await deadRow.getByRole('cell', { name: /^503/ }).waitFor();
    assert.equal(await page.getByText(secret).count(), 0); // the secret is shown once, not in the log

    receiver.respond = () => 200;
    await page.setViewportSize({ width: 390, height: 844 });
    await deadRow.getByRole('button', { name: /Kirim ulang/ }).click();
    await page.getByRole('status').filter({ hasText: 'dijadwalkan ulang' }).waitFor();
    await until('the re-sent delivery', () => receiver.received.some((r) => JSON.parse(r.body).entityId === 'opd-dua'));
    await page.getByLabel('Status').selectOption('terkirim');
    await apply.click();
    await page.getByRole('row').filter({ hasText: 'opd:opd-dua' }).waitFor();
    await page.getByRole('link', { name: 'Kembali ke langganan' }).click();
    await page.getByRole('cell', { name: /Perubahan OPD/ }).waitFor();
  });
});
