import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../core/audit/actor.js';
import { sequenceOutbox } from '../../core/events/feed.js';
import { createTestApp, type TestApp } from '../../../test/helpers/apps.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { verifySignature } from './signature.js';
import { TestReceiver } from './test-receiver.js';

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('change feed and webhooks', () => {
  let t: TestServer;
  let reader: TestApp;
  let pendudukApp: TestApp;
  let fullApp: TestApp;
  let bare: TestApp;
  const receiver = new TestReceiver();
  const actor = systemActor('uji-webhook');
  const emit = (type: string, entityId: string, payload: Record<string, unknown>) =>
    t.kernel.db.transaction().execute((trx) => t.kernel.events.emit(trx, actor, { type, entityType: type.split('.')[0], entityId, payload }));

  before(async () => {
    // Short retries.
    t = await startTestServer({ env: { PADU_LOG_LEVEL: 'error', PADU_WEBHOOK_BACKOFF: '1,1', PADU_WEBHOOK_POLL_MS: '50' } });
    await receiver.start();
    reader = await createTestApp(t, { kode: 'pembaca-umpan', scopes: ['events:read', 'organisasi:read', 'pegawai:read'] });
    pendudukApp = await createTestApp(t, { kode: 'umpan-penduduk', scopes: ['events:read', 'penduduk:read'] });
    fullApp = await createTestApp(t, { kode: 'umpan-lengkap', scopes: ['events:read', 'penduduk:read', 'penduduk:read-full'] });
    bare = await createTestApp(t, { kode: 'tanpa-umpan', scopes: ['pegawai:read'] });
  });
  after(async () => {
    await t.close();
    await receiver.stop();
  });

  describe('feed', () => {
    it('pages in commit order and never skips an event whose transaction committed late', async () => {
      const client = await reader.client();
      const start = await client.get('/api/v1/events?after=latest');
      assert.equal(start.status, 200, JSON.stringify(start.body));
      assert.deepEqual(start.body.items, []);
      let cursor = start.body.nextCursor as string;

      // A takes its outbox id first but commits last.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let emittedA!: () => void;
      const aEmitted = new Promise<void>((resolve) => (emittedA = resolve));
      const slow = t.kernel.db.transaction().execute(async (trx) => {
        await t.kernel.events.emit(trx, actor, { type: 'opd.updated', entityType: 'opd', entityId: 'lambat', payload: { id: 'lambat', kode: 'LAMBAT' } });
        emittedA();
        await held;
      });
      await aEmitted;
      await emit('opd.updated', 'cepat', { id: 'cepat', kode: 'CEPAT' });

      const first = await client.get(`/api/v1/events?after=${cursor}`);
      assert.equal(first.status, 200);
      assert.deepEqual(first.body.items.map((i: { entityId: string }) => i.entityId), ['cepat']);
      cursor = first.body.nextCursor;

      release();
      await slow;
      const second = await client.get(`/api/v1/events?after=${cursor}`);
      assert.deepEqual(second.body.items.map((i: { entityId: string }) => i.entityId), ['lambat']);
      // Ids and positions disagree: the late one has the lower outbox id.
      const ids = await sql<{ entity_id: string; id: string; position: string }>`SELECT entity_id, id, position FROM core.outbox WHERE entity_id IN ('lambat', 'cepat')`.execute(t.kernel.db);
      const byEntity = Object.fromEntries(ids.rows.map((r) => [r.entity_id, r]));
      assert.ok(Number(byEntity.lambat!.id) < Number(byEntity.cepat!.id));
      assert.ok(Number(byEntity.lambat!.position) > Number(byEntity.cepat!.position));
    });

    it('filters by type (exact and prefix), pages with hasMore, and resumes from the cursor', async () => {
      const client = await reader.client();
      const cursor = (await client.get('/api/v1/events?after=latest')).body.nextCursor;
      for (let i = 0; i < 5; i++) await emit('unit.updated', `unit-${i}`, { id: `unit-${i}`, opdKode: 'X' });
      await emit('opd.created', 'opd-baru', { id: 'opd-baru', kode: 'BARU' });
      const page1 = await client.get(`/api/v1/events?after=${cursor}&types=unit.*&limit=3`);
      assert.equal(page1.body.items.length, 3);
      assert.equal(page1.body.hasMore, true);
      const page2 = await client.get(`/api/v1/events?after=${page1.body.nextCursor}&types=unit.*&limit=3`);
      assert.deepEqual(page2.body.items.map((i: { entityId: string }) => i.entityId), ['unit-3', 'unit-4']);
      const exact = await client.get(`/api/v1/events?after=${cursor}&types=opd.created`);
      assert.deepEqual(exact.body.items.map((i: { entityId: string }) => i.entityId), ['opd-baru']);
    });

    it('shows each app only the datasets it may read, and residents masked unless read-full', async () => {
      const cursor = (await (await reader.client()).get('/api/v1/events?after=latest')).body.nextCursor;
      await emit('penduduk.updated', '0190c6f4-7c4e-7000-8000-000000000001', { id: '0190c6f4-7c4e-7000-8000-000000000001', nik: '1371010101900001', tanggalLahir: '1990-01-01', alamat: 'Jl. X', changed: ['alamat'], version: 2 });
      await emit('user.created', 'u1', { id: 'u1', username: 'rahasia' });
      await emit('pegawai.updated', 'p1', { id: 'p1', nip: '199001012020121001', changed: ['nama'] });

      const types = async (app: TestApp) => ((await (await app.client()).get(`/api/v1/events?after=${cursor}`)).body.items as { type: string }[]).map((i) => i.type);
      assert.deepEqual(await types(reader), ['pegawai.updated']);
      assert.deepEqual(await types(pendudukApp), ['penduduk.updated']);

      const masked = (await (await pendudukApp.client()).get(`/api/v1/events?after=${cursor}`)).body.items[0];
      assert.deepEqual(masked.data, { id: '0190c6f4-7c4e-7000-8000-000000000001', version: 2, changed: ['alamat'] });
      const full = (await (await fullApp.client()).get(`/api/v1/events?after=${cursor}`)).body.items[0];
      assert.equal(full.data.nik, '1371010101900001');

      // A person with integrasi.read sees the datasets they may read, residents masked.
      const admin = await t.admin.get(`/api/v1/events?after=${cursor}`);
      assert.equal(admin.status, 200);
      assert.deepEqual(admin.body.items.map((i: { type: string }) => i.type), ['penduduk.updated', 'pegawai.updated']);
      assert.equal(admin.body.items[0].data.nik, undefined);
    });

    it('passes events of an OPD-scoped grant only for records of that OPD', async () => {
      const opd = await t.admin.post('/api/v1/opd', { kode: 'OPD-UMPAN', nama: 'Dinas Umpan', jenis: 'dinas' });
      assert.equal(opd.status, 201, JSON.stringify(opd.body));
      const scoped = await createTestApp(t, { kode: 'umpan-opd', opdKode: 'OPD-UMPAN', scopes: ['events:read', { scope: 'pegawai:read', scopeType: 'opd', scopeCode: 'OPD-UMPAN' }] });
      const client = await scoped.client();
      const cursor = (await client.get('/api/v1/events?after=latest')).body.nextCursor;
      await emit('pegawai.updated', 'di-opd', { id: 'di-opd', opdId: opd.body.id, changed: ['nama'] });
      await emit('pegawai.updated', 'di-luar', { id: 'di-luar', opdId: '0190c6f4-7c4e-7000-8000-00000000dead', changed: ['nama'] });
      await emit('pegawai.mutasi', 'pindah-masuk', { id: 'pindah-masuk', from: { opdId: '0190c6f4-7c4e-7000-8000-00000000dead' }, to: { opdId: opd.body.id } });
      const page = await client.get(`/api/v1/events?after=${cursor}`);
      assert.deepEqual(page.body.items.map((i: { entityId: string }) => i.entityId), ['di-opd', 'pindah-masuk']);
    });

    it('refuses an app without events:read, a token without the scope, and bad cursors or types', async () => {
      const noScope = await (await bare.client()).get('/api/v1/events');
      assert.equal(noScope.status, 403);
      const narrowToken = await (await reader.client(['pegawai:read'])).get('/api/v1/events');
      assert.equal(narrowToken.status, 403);
      const client = await reader.client();
      assert.equal((await client.get('/api/v1/events?after=bukan-kursor')).body.code, 'request.invalid_cursor');
      const badType = await client.get('/api/v1/events?types=DROP%20TABLE');
      assert.equal(badType.status, 400);
      assert.equal(badType.body.code, 'request.invalid');
    });
  });

  describe('webhooks', () => {
    const subscribe = async (app: TestApp, body: Record<string, unknown>) => {
      const res = await t.admin.post(`/api/v1/integrasi/aplikasi/${app.kode}/webhook`, body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: string; rahasia: string; version: number };
    };

    it('refuses non-http addresses and bad event types', async () => {
      for (const url of ['ftp://contoh.go.id/hook', 'file:///etc/passwd', 'javascript:alert(1)', 'bukan url']) {
        const res = await t.admin.post(`/api/v1/integrasi/aplikasi/${reader.kode}/webhook`, { nama: 'Salah', url, jenisEvent: ['opd.*'] });
        assert.equal(res.status, 400, url);
        assert.equal(res.body.errors?.[0]?.field ?? res.body.code, res.body.errors ? 'url' : 'request.invalid');
      }
      const badType = await t.admin.post(`/api/v1/integrasi/aplikasi/${reader.kode}/webhook`, { nama: 'Salah', url: receiver.url, jenisEvent: ['opd.*.x'] });
      assert.equal(badType.status, 400);
    });

    it('delivers signed events matching types and filter, each record in order, and logs them', async () => {
      const sub = await subscribe(reader, { nama: 'Organisasi OPD A', url: receiver.url, jenisEvent: ['unit.*', 'jabatan.created'], filter: { opdKode: 'OPD-A' } });
      assert.match(sub.rahasia, /^whsec_[A-Za-z0-9+/]+=*$/);
      // Record r1 fails twice before it gets through; r2 must not wait for it, r1's second event must.
      let r1Failures = 2;
      receiver.respond = (d) => (JSON.parse(d.body).entityId === 'r1' && JSON.parse(d.body).data.step === 1 && r1Failures-- > 0 ? 503 : 200);
      await emit('unit.updated', 'r1', { id: 'r1', opdKode: 'OPD-A', step: 1 });
      await emit('unit.updated', 'r2', { id: 'r2', opdKode: 'OPD-A', step: 1 });
      await emit('unit.updated', 'r1', { id: 'r1', opdKode: 'OPD-A', step: 2 });
      await emit('unit.updated', 'r3', { id: 'r3', opdKode: 'OPD-B', step: 1 }); // filtered out
      await emit('jabatan.updated', 'j1', { id: 'j1', opdKode: 'OPD-A' }); // type not subscribed
      const mine = () => receiver.received.filter((r) => ['r1', 'r2', 'r3', 'j1'].includes(JSON.parse(r.body).entityId));
      await until('three deliveries', () => mine().length >= 3);
      const order = mine().map((r) => `${JSON.parse(r.body).entityId}:${JSON.parse(r.body).data.step}`);
      assert.deepEqual(order.filter((o) => o.startsWith('r1')), ['r1:1', 'r1:2']);
      assert.ok(order.indexOf('r2:1') < order.indexOf('r1:1'), `r2 went first: ${order.join(' ')}`);
      assert.ok(!order.some((o) => o.startsWith('r3') || o.startsWith('j1')));
      for (const r of mine()) assert.ok(verifySignature(sub.rahasia, r.id, r.timestamp, r.body, r.signature));

      const log = await t.admin.get(`/api/v1/integrasi/aplikasi/${reader.kode}/webhook-kiriman?langganan=${sub.id}`);
      assert.equal(log.status, 200);
      assert.equal(log.body.items.length, 3);
      const r1first = log.body.items.find((i: { rekaman: string; percobaan: number }) => i.rekaman === 'unit:r1' && i.percobaan === 3);
      assert.ok(r1first, JSON.stringify(log.body.items));
      assert.equal(r1first.status, 'terkirim');
      const delivered = await t.admin.get(`/api/v1/integrasi/aplikasi/${reader.kode}/webhook-kiriman?langganan=${sub.id}&status=terkirim&jenis=unit.*&kode=200&limit=2`);
      assert.equal(delivered.body.items.length, 2);
      assert.ok(delivered.body.nextCursor);
      const rest = await t.admin.get(`/api/v1/integrasi/aplikasi/${reader.kode}/webhook-kiriman?langganan=${sub.id}&limit=2&cursor=${delivered.body.nextCursor}`);
      assert.equal(rest.body.items.length, 1);
      const future = await t.admin.get(`/api/v1/integrasi/aplikasi/${reader.kode}/webhook-kiriman?langganan=${sub.id}&dari=2099-01-01T00:00:00Z`);
      assert.equal(future.body.items.length, 0);
      receiver.respond = () => 200;
      // Paused: nothing goes out; resumed: it comes.
      const paused = await t.admin.patch(`/api/v1/integrasi/webhook/${sub.id}`, { status: 'jeda' }, { headers: { 'if-match': `"v${sub.version}"` } });
      assert.equal(paused.status, 200, JSON.stringify(paused.body));
      await emit('unit.updated', 'r4', { id: 'r4', opdKode: 'OPD-A', step: 1 });
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(!receiver.received.some((r) => JSON.parse(r.body).entityId === 'r4'));
      const stale = await t.admin.patch(`/api/v1/integrasi/webhook/${sub.id}`, { status: 'aktif' }, { headers: { 'if-match': `"v${sub.version}"` } });
      assert.equal(stale.status, 412);
      const resumed = await t.admin.patch(`/api/v1/integrasi/webhook/${sub.id}`, { status: 'aktif' }, { headers: { 'if-match': paused.headers.get('etag')! } });
      assert.equal(resumed.status, 200);
      await until('the paused event', () => receiver.received.some((r) => JSON.parse(r.body).entityId === 'r4'));
      const removed = await t.admin.request('DELETE', `/api/v1/integrasi/webhook/${sub.id}`, { headers: { 'if-match': resumed.headers.get('etag')! } });
      assert.equal(removed.status, 204);
    });

    it('marks a delivery dead after its last attempt, then re-sends one or all of them in order', async () => {
      const sub = await subscribe(reader, { nama: 'Mati', url: receiver.url, jenisEvent: ['opd.archived'] });
      let down = true;
      receiver.respond = (d) => (down && JSON.parse(d.body).type === 'opd.archived' ? 500 : 200);
      await emit('opd.archived', 'd1', { id: 'd1', kode: 'D1' });
      await emit('opd.archived', 'd2', { id: 'd2', kode: 'D2' });
      await emit('opd.archived', 'd3', { id: 'd3', kode: 'D3' });
      const dead = async () => (await t.admin.get(`/api/v1/integrasi/aplikasi/${reader.kode}/webhook-kiriman?langganan=${sub.id}&status=mati`)).body.items;
      await until('three dead deliveries', async () => (await dead()).length === 3);
      const one = (await dead())[0];
      assert.equal(one.percobaan, 3); // 1 + two retries
      assert.equal(one.kodeRespons, 500);
      assert.equal(one.cuplikanRespons, 'tidak siap');
      down = false;
      const single = await t.admin.post(`/api/v1/integrasi/webhook-kiriman/${one.id}/kirim-ulang`, {});
      assert.equal(single.status, 200, JSON.stringify(single.body));
      await until('the single re-send', () => receiver.received.some((r) => r.id === one.eventId));
      const all = await t.admin.post(`/api/v1/integrasi/webhook/${sub.id}/kirim-ulang`, {});
      assert.equal(all.body.jumlah, 2);
      await until('all re-sent', async () => (await t.admin.get(`/api/v1/integrasi/aplikasi/${reader.kode}/webhook-kiriman?langganan=${sub.id}&status=terkirim`)).body.items.length === 3);
      const missing = await t.admin.post('/api/v1/integrasi/webhook-kiriman/999999999/kirim-ulang', {});
      assert.equal(missing.status, 404);
    });

    it('lets an app only get what its grants allow, and an OPD operator manage only its own apps', async () => {
      const sub = await subscribe(pendudukApp, { nama: 'Penduduk', url: receiver.url, jenisEvent: ['penduduk.*', 'pegawai.*'] });
      await emit('pegawai.updated', 'pg-x', { id: 'pg-x', nip: '1' });
      await emit('penduduk.updated', 'pd-x', { id: 'pd-x', nik: '1371010101900009', changed: ['nama'] });
      await until('the resident event', () => receiver.received.some((r) => JSON.parse(r.body).entityId === 'pd-x'));
      await sequenceOutbox(t.kernel.db);
      await new Promise((r) => setTimeout(r, 300));
      const got = receiver.received.filter((r) => ['pg-x', 'pd-x'].includes(JSON.parse(r.body).entityId));
      assert.equal(got.length, 1);
      assert.deepEqual(JSON.parse(got[0]!.body).data, { id: 'pd-x', changed: ['nama'] });
      assert.ok(verifySignature(sub.rahasia, got[0]!.id, got[0]!.timestamp, got[0]!.body, got[0]!.signature));

      // An operator of another OPD neither changes nor sees another OPD's (or a city) app's webhooks.
      assert.equal((await t.admin.post('/api/v1/opd', { kode: 'OPD-LAIN', nama: 'Dinas Lain', jenis: 'dinas' })).status, 201);
      const op = await t.admin.post('/api/v1/users', { username: 'operator-lain', displayName: 'Operator', password: 'kata-sandi-operator', roles: [{ role: 'opd_operator', scopeCode: 'OPD-LAIN' }] });
      assert.equal(op.status, 201, JSON.stringify(op.body));
      const operator = t.client();
      await operator.login('operator-lain', 'kata-sandi-operator');
      const write = await operator.post(`/api/v1/integrasi/aplikasi/${pendudukApp.kode}/webhook`, { nama: 'X', url: receiver.url, jenisEvent: ['penduduk.*'] });
      assert.equal(write.status, 403);
      assert.equal((await operator.get(`/api/v1/integrasi/aplikasi/${pendudukApp.kode}/webhook`)).status, 403);
      assert.equal((await operator.get(`/api/v1/integrasi/aplikasi/${pendudukApp.kode}/webhook-kiriman`)).status, 403);
      const list = await t.admin.get(`/api/v1/integrasi/aplikasi/${pendudukApp.kode}/webhook`);
      assert.equal(list.body.items[0].rahasia, undefined);
      assert.match(list.body.items[0].petunjukRahasia, /^…/);
    });

    it('rotates the secret: both sign during the overlap', async () => {
      const sub = await subscribe(reader, { nama: 'Rotasi', url: receiver.url, jenisEvent: ['opd.reorganised'] });
      const rotated = await t.admin.post(`/api/v1/integrasi/webhook/${sub.id}/rahasia`, { masaTumpangJam: 1 });
      assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
      await emit('opd.reorganised', 'rot', { id: 'rot', kode: 'ROT' });
      await until('the rotated delivery', () => receiver.received.some((r) => JSON.parse(r.body).entityId === 'rot'));
      const got = receiver.received.find((r) => JSON.parse(r.body).entityId === 'rot')!;
      assert.ok(verifySignature(rotated.body.rahasia, got.id, got.timestamp, got.body, got.signature));
      assert.ok(verifySignature(sub.rahasia, got.id, got.timestamp, got.body, got.signature));
    });
  });
});
