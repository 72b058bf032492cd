/**
 * The example client against a real Padu test server: token, feed from a persisted cursor,
 * and webhook signatures (a real delivery passes; forged, altered and replayed ones do not).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../src/core/audit/actor.js';
import { createTestApp, type TestApp } from '../../test/helpers/apps.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { FileCursorStore, PaduClient, PaduError, verifyWebhook, WebhookVerificationError, type PaduEvent, type WebhookEvent } from './padu-client.js';
import { createReceiver } from './receiver.js';

describe('example client (examples/padu-client)', () => {
  let t: TestServer;
  let app: TestApp;
  let dir: string;
  const emit = (id: string) =>
    t.kernel.db.transaction().execute((trx) => t.kernel.events.emit(trx, systemActor('contoh'), { type: 'opd.updated', entityType: 'opd', entityId: id, payload: { id, kode: id.toUpperCase() } }));

  before(async () => {
    t = await startTestServer({ env: { PADU_LOG_LEVEL: 'error', PADU_WEBHOOK_POLL_MS: '50' } });
    app = await createTestApp(t, { kode: 'contoh-klien', scopes: ['events:read', 'organisasi:read'] });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'padu-client-'));
  });
  after(async () => {
    await t.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('gets a token and pulls the feed from the cursor it persisted, across restarts', async () => {
    const client = () => new PaduClient({ baseUrl: t.url, clientId: app.clientId, clientSecret: app.clientSecret });
    const store = new FileCursorStore(path.join(dir, 'cursor.txt'));
    await store.save((await client().events('latest')).nextCursor);
    for (const id of ['satu', 'dua', 'tiga']) await emit(id);
    const seen: PaduEvent[] = [];
    assert.equal(await client().pull(store, async (events) => void seen.push(...events), { limit: 2 }), 3);
    assert.deepEqual(seen.map((e) => e.entityId), ['satu', 'dua', 'tiga']);

    // A new process (new client, same file) continues after the last event.
    await emit('empat');
    const later: PaduEvent[] = [];
    await client().pull(store, async (events) => void later.push(...events));
    assert.deepEqual(later.map((e) => e.entityId), ['empat']);
  });

  it('reports a wrong secret as a PaduError', async () => {
    const wrong = new PaduClient({ baseUrl: t.url, clientId: app.clientId, clientSecret: 'salah' });
    await assert.rejects(wrong.accessToken(), (error: unknown) => error instanceof PaduError && error.status === 401);
  });

  it('accepts a real signed delivery and rejects forged, altered and replayed ones', async () => {
    const got: WebhookEvent[] = [];
    let secret = '';
    const server = createReceiver({ secret: () => secret, handle: async (e) => void got.push(e) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/padu`;
    try {
      const created = await t.admin.post(`/api/v1/integrasi/aplikasi/${app.kode}/webhook`, { nama: 'Contoh', url, jenisEvent: ['opd.*'] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      secret = created.body.rahasia as string;
      await emit('lima');
      const deadline = Date.now() + 20_000;
      while (!got.some((e) => e.entityId === 'lima')) {
        if (Date.now() > deadline) throw new Error('the webhook never arrived');
        await new Promise((r) => setTimeout(r, 50));
      }

      const body = JSON.stringify({ id: 'evt-1', type: 'opd.updated', timestamp: new Date().toISOString(), cursor: 'x', entityType: 'opd', entityId: 'palsu', data: {} });
      const now = Math.floor(Date.now() / 1000);
      const signed = (key: string, ts = now, payload = body) =>
        `v1,${createHmac('sha256', Buffer.from(key.replace(/^whsec_/, ''), 'base64')).update(`evt-1.${ts}.${payload}`).digest('base64')}`;
      const headers = (signature: string, ts = now) => ({ 'webhook-id': 'evt-1', 'webhook-timestamp': String(ts), 'webhook-signature': signature });

      assert.equal(verifyWebhook(secret, headers(signed(secret)), body).entityId, 'palsu');
      const forged = 'whsec_' + Buffer.from('kunci penyerang yang lain sama sekali').toString('base64');
      assert.throws(() => verifyWebhook(secret, headers(signed(forged)), body), WebhookVerificationError);
      assert.throws(() => verifyWebhook(secret, headers(signed(secret)), body.replace('palsu', 'diubah')), WebhookVerificationError);
      const old = now - 600;
      assert.throws(() => verifyWebhook(secret, headers(signed(secret, old), old), body), /tolerance/);
      assert.throws(() => verifyWebhook(secret, { 'webhook-id': 'evt-1' }, body), /missing/);

      // Over HTTP: the receiver answers 401 to a forgery and to a replay, and handles neither.
      const post = (h: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body });
      assert.equal((await post(headers(signed(forged)))).status, 401);
      assert.equal((await post(headers(signed(secret, old), old))).status, 401);
      assert.ok(!got.some((e) => e.entityId === 'palsu'));
      assert.equal((await post(headers(signed(secret)))).status, 204);
      assert.equal((await post(headers(signed(secret)))).status, 204); // a duplicate: acknowledged, handled once
      assert.equal(got.filter((e) => e.entityId === 'palsu').length, 1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
