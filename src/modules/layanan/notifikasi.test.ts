import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Dispatcher } from '../../core/events/dispatcher.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { buildWorld, ok, type World } from './fixture.js';

interface Mail {
  from: string;
  to: string[];
  data: string;
}

/** A minimal SMTP server on loopback that accepts every message (enough for nodemailer without TLS). */
function fakeSmtp(mails: Mail[]): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let mail: Mail = { from: '', to: [], data: '' };
    socket.write('220 uji.local ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            mails.push(mail);
            mail = { from: '', to: [], data: '' };
            socket.write('250 2.0.0 queued\r\n');
          } else mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-uji.local\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') {
          mail.from = line;
          socket.write('250 2.1.0 OK\r\n');
        } else if (verb === 'RCPT') {
          mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? line);
          socket.write('250 2.1.5 OK\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

interface Sms {
  authorization: string | undefined;
  body: { to: string; message: string; reference: string };
}

function fakeGateway(messages: Sms[], failFirst: { left: number }): Promise<{ server: HttpServer; port: number }> {
  const server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (failFirst.left > 0) {
        failFirst.left--;
        response.writeHead(503).end();
        return;
      }
      messages.push({ authorization: request.headers.authorization, body: JSON.parse(body) });
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('e-kelurahan notifications through the outbox', () => {
  let t: TestServer;
  let w: World;
  let smtp: Server;
  let gateway: HttpServer;
  const mails: Mail[] = [];
  const sms: Sms[] = [];
  const failFirst = { left: 0 };

  before(async () => {
    const mail = await fakeSmtp(mails);
    const http = await fakeGateway(sms, failFirst);
    smtp = mail.server;
    gateway = http.server;
    // No dispatcher in this process: events wait in the outbox as they would across a restart.
    t = await startTestServer({
      env: {
        PADU_WORKERS: 'false',
        PADU_SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
        PADU_SMTP_FROM: 'Kelurahan <layanan@padang.go.id>',
        PADU_SMS_GATEWAY_URL: `http://127.0.0.1:${http.port}/kirim`,
        PADU_SMS_GATEWAY_TOKEN: 'rahasia-gateway',
        PADU_PUBLIC_BASE_URL: 'https://layanan.padang.go.id',
      },
    });
    w = await buildWorld(t);
  });
  after(async () => {
    await t.close();
    smtp.close();
    gateway.close();
  });

  const pending = async (subscriber: string) =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM core.event_delivery WHERE subscriber = ${subscriber} AND status = 'pending'`.execute(t.kernel.db)).rows[0]!.n);

  it('each status change waits in the outbox until a dispatcher runs, then reaches the resident in-app, by e-mail and by SMS, once', async () => {
    const p = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Uji notifikasi' }, email: 'rahmat@contoh.id', telepon: '081234567890' }));
    ok(await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/ambil`, {}), 200);
    ok(await w.petugas.post(`/api/v1/layanan/permohonan/${p.id}/perbaikan`, { catatan: 'Lampirkan pengantar RT' }), 200);

    // Nothing delivered yet: three changes wait for each of the three channels.
    assert.deepEqual(ok(await w.warga.get('/api/v1/layanan/saya/notifikasi'), 200).items, []);
    assert.equal(await pending('layanan.notifikasi.inapp'), 3);
    assert.equal(await pending('layanan.notifikasi.email'), 3);
    assert.equal(await pending('layanan.notifikasi.sms'), 3);

    // A dispatcher starts (a process after the restart): the gateway fails once, the retry succeeds.
    failFirst.left = 1;
    const dispatcher = new Dispatcher(t.kernel.db, t.kernel.events, null, { pollMs: 50 });
    await dispatcher.runOnce();
    await sql`UPDATE core.event_delivery SET available_at = now() WHERE status = 'pending'`.execute(t.kernel.db);
    await dispatcher.runOnce();
    await dispatcher.runOnce();

    const notes = ok(await w.warga.get('/api/v1/layanan/saya/notifikasi'), 200).items as any[];
    assert.deepEqual(notes.map((n) => n.judul), ['Permohonan perlu diperbaiki', 'Permohonan sedang diverifikasi', 'Permohonan diterima']);
    assert.match(notes[0].pesan, /Lampirkan pengantar RT/);
    assert.match(notes[2].pesan, new RegExp(p.kodeLacak));
    assert.equal(mails.length, 3);
    assert.deepEqual(mails[0]!.to, ['rahmat@contoh.id']);
    assert.match(mails[0]!.from, /layanan@padang\.go\.id/);
    assert.match(mails[0]!.data, new RegExp(`Subject: \\[${p.kodeLacak}\\] Permohonan diterima`));
    assert.match(mails[0]!.data.replace(/=\n/g, ''), new RegExp(`https://layanan\\.padang\\.go\\.id/lacak/${p.kodeLacak}`));
    assert.equal(sms.length, 3);
    assert.equal(sms[0]!.authorization, 'Bearer rahasia-gateway');
    assert.equal(sms[0]!.body.to, '081234567890');
    assert.match(sms.map((s) => s.body.message).join('\n'), /perlu diperbaiki/);
    for (const name of ['layanan.notifikasi.inapp', 'layanan.notifikasi.email', 'layanan.notifikasi.sms']) assert.equal(await pending(name), 0, name);

    // Delivered again (a crash after sending, before the delivery was marked): nobody is notified twice.
    await sql`UPDATE core.event_delivery SET status = 'pending', available_at = now() WHERE subscriber LIKE 'layanan.notifikasi.%'`.execute(t.kernel.db);
    await dispatcher.runOnce();
    assert.equal(ok(await w.warga.get('/api/v1/layanan/saya/notifikasi'), 200).items.length, 3);
    assert.equal(mails.length, 3);
    assert.equal(sms.length, 3);

    // Read marks: own only.
    ok(await w.warga.post(`/api/v1/layanan/saya/notifikasi/${notes[0].id}/dibaca`, {}), 204);
    assert.ok(ok(await w.warga.get('/api/v1/layanan/saya/notifikasi'), 200).items[0].dibacaAt, 'read');
    assert.equal((await w.wargaB.post(`/api/v1/layanan/saya/notifikasi/${notes[1].id}/dibaca`, {})).status, 404);
    assert.deepEqual(ok(await w.wargaB.get('/api/v1/layanan/saya/notifikasi'), 200).items, []);
  });

  it('a resident who opts out of e-mail and gave no number gets in-app notifications only', async () => {
    const before = { mails: mails.length, sms: sms.length };
    const p = ok(await w.warga2.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Tanpa kontak' }, email: null }));
    const dispatcher = new Dispatcher(t.kernel.db, t.kernel.events, null);
    await waitFor('the in-app notification', async () => {
      await dispatcher.runOnce();
      return (ok(await w.warga2.get('/api/v1/layanan/saya/notifikasi'), 200).items as any[]).find((n) => n.permohonanId === p.id);
    });
    assert.deepEqual({ mails: mails.length, sms: sms.length }, before);
  });
});
