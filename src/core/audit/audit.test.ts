import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import type { DB } from '../db/schema.js';
import { packageRoot } from '../paths.js';
import { systemActor } from './actor.js';
import { entryHash, recordAudit, type ChainedFields } from './trail.js';
import { verifyAuditTrail } from './verify.js';

const PASSWORD = 'kata-sandi-panjang-1';

/**
 * Runs SQL on core.audit_log "behind Padu's back": with the append-only triggers switched off for
 * this one transaction. DISABLE TRIGGER needs only table ownership, so it works both as the
 * embedded superuser and as the (owning) role of an external test server.
 */
async function tamper(url: string, statements: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE core.audit_log DISABLE TRIGGER USER');
    await (params.length > 0 ? client.query(statements, params) : client.query(statements));
    await client.query('ALTER TABLE core.audit_log ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

interface AuditRow {
  seq: string;
  prev_hash: string;
  hash: string;
  after: unknown;
}

async function auditRows(db: Kysely<DB>): Promise<AuditRow[]> {
  return db.selectFrom('core.audit_log').select(['seq', 'prev_hash', 'hash', 'after']).orderBy('seq').execute();
}

/** A fresh database holding a trail of `count` entries written the way Padu writes them. */
interface Trail {
  database: TestDatabase;
  pool: pg.Pool;
  db: Kysely<DB>;
  close(): Promise<void>;
}

async function trailOf(count: number): Promise<Trail> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  // Dropping the test database (WITH FORCE) ends any connection still open; that is expected here,
  // and an 'error' event without a listener would crash the test process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  for (let i = 1; i <= count; i++) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, systemActor('test'), {
        action: i % 2 ? 'thing.created' : 'thing.updated',
        entityType: 'thing',
        entityId: `thing-${i}`,
        before: i % 2 ? undefined : { name: `Nama ${i - 1}`, tags: ['a', 'b'], count: i - 1 },
        after: { name: `Nama ${i}`, nested: { z: 1, a: [1, 2.5, null, 'ü—é'] }, ok: true, count: i },
      }),
    );
  }
  return {
    database,
    pool,
    db,
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: packageRoot,
      env: { ...process.env, PADU_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('audit trail through the API', () => {
  let t: TestServer;
  let adminId: string;
  const users: { id: string; username: string }[] = [];

  const everything = async () => {
    const res = await t.admin.get('/api/v1/audit?limit=500');
    assert.equal(res.status, 200);
    assert.equal(res.body.nextBeforeSeq, null);
    return res.body.items as { seq: number; actorId: string | null; actorName: string | null; action: string; entityType: string; entityId: string | null; at: string }[];
  };
  const seqsOf = (items: { seq: number }[]) => items.map((item) => item.seq);

  before(async () => {
    t = await startTestServer();
    adminId = (await t.admin.get('/api/v1/auth/me')).body.user.id;
    for (const username of ['budi', 'siti', 'rahmat']) {
      const res = await t.admin.post('/api/v1/users', { username, displayName: `Ibu/Bapak ${username}`, password: PASSWORD, roles: [{ role: 'warga' }] });
      assert.equal(res.status, 201);
      users.push({ id: res.body.id, username });
    }
    const patched = await t.admin.patch(`/api/v1/users/${users[0]!.id}`, { displayName: 'Budi Santoso', email: 'budi.santoso@padang.go.id' });
    assert.equal(patched.status, 200);
  });
  after(() => t.close());

  it('writes a gapless chain, newest first, with before/after and masked personal data', async () => {
    const items = await everything();
    // bootstrap admin, admin login, three users created, one update
    assert.equal(items.length, 6);
    assert.deepEqual(seqsOf(items), [6, 5, 4, 3, 2, 1]);
    assert.deepEqual(
      items.map((item) => item.action),
      ['user.updated', 'user.created', 'user.created', 'user.created', 'auth.login', 'user.created'],
    );
    const [updated] = items as any[];
    assert.equal(updated.entityId, users[0]!.id);
    assert.equal(updated.actorType, 'user');
    assert.equal(updated.actorId, adminId);
    assert.equal(updated.actorName, 'admin');
    assert.equal(updated.before.displayName, 'Ibu/Bapak budi');
    assert.equal(updated.before.email, null);
    assert.equal(updated.after.displayName, 'Budi Santoso');
    // e-mail addresses are personal data: the trail keeps only a masked form
    assert.match(updated.after.email, /^bu\*+@padang\.go\.id$/);
    assert.ok(!JSON.stringify(items).includes('budi.santoso@'));
    assert.ok(!JSON.stringify(items).includes(PASSWORD));
    const first = items[items.length - 1] as any;
    assert.equal(first.actorType, 'system');
    assert.equal(first.actorName, 'bootstrap');
    assert.equal(first.before, null);

    // every entry chains to the one before it
    const rows = await auditRows(t.kernel.db);
    assert.equal(rows[0]!.prev_hash, '0'.repeat(64));
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
    const head = await t.kernel.db.selectFrom('core.audit_head').selectAll().executeTakeFirstOrThrow();
    assert.equal(head.last_seq, '6');
    assert.equal(head.last_hash, rows[5]!.hash);

    const verify = await t.admin.get('/api/v1/audit/verify');
    assert.equal(verify.status, 200);
    assert.deepEqual(verify.body, { ok: true, checked: 6, firstBadSeq: null, reason: null });
  });

  it('filters by actor name or id', async () => {
    const items = await everything();
    const byName = await t.admin.get('/api/v1/audit?actor=admin');
    assert.deepEqual(seqsOf(byName.body.items), seqsOf(items.filter((i) => i.actorName === 'admin')));
    assert.deepEqual(seqsOf(byName.body.items), [6, 5, 4, 3, 2]);
    const byId = await t.admin.get(`/api/v1/audit?actor=${adminId}`);
    assert.deepEqual(seqsOf(byId.body.items), [6, 5, 4, 3, 2]);
    const bootstrap = await t.admin.get('/api/v1/audit?actor=bootstrap');
    assert.deepEqual(seqsOf(bootstrap.body.items), [1]);
    const nobody = await t.admin.get('/api/v1/audit?actor=tidak-ada');
    assert.deepEqual(nobody.body, { items: [], nextBeforeSeq: null });
  });

  it('filters by action, entity type and entity id', async () => {
    const updated = await t.admin.get('/api/v1/audit?action=user.updated');
    assert.deepEqual(seqsOf(updated.body.items), [6]);
    const created = await t.admin.get('/api/v1/audit?action=user.created');
    assert.deepEqual(seqsOf(created.body.items), [5, 4, 3, 1]);
    const budi = await t.admin.get(`/api/v1/audit?entityType=user&entityId=${users[0]!.id}`);
    assert.deepEqual(
      budi.body.items.map((i: { seq: number; action: string }) => [i.seq, i.action]),
      [
        [6, 'user.updated'],
        [3, 'user.created'],
      ],
    );
    const combined = await t.admin.get(`/api/v1/audit?action=user.created&entityId=${users[1]!.id}`);
    assert.deepEqual(seqsOf(combined.body.items), [4]);
    const otherType = await t.admin.get(`/api/v1/audit?entityType=pegawai&entityId=${users[0]!.id}`);
    assert.deepEqual(otherType.body.items, []);
  });

  it('pages newest first with beforeSeq and nextBeforeSeq', async () => {
    const all = seqsOf(await everything());
    const seen: number[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { seq: number }[]; nextBeforeSeq: number | null } } = await t.admin.get(
        `/api/v1/audit?limit=4${cursor === null ? '' : `&beforeSeq=${cursor}`}`,
      );
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length <= 4);
      seen.push(...seqsOf(res.body.items));
      if (res.body.nextBeforeSeq !== null) assert.equal(res.body.nextBeforeSeq, res.body.items.at(-1)!.seq);
      cursor = res.body.nextBeforeSeq;
      pages += 1;
      assert.ok(pages < 50, 'paging does not end');
    } while (cursor !== null);
    assert.deepEqual(seen, all);
    assert.ok(pages >= 2);

    // beforeSeq alone: strictly older entries
    const older = await t.admin.get('/api/v1/audit?beforeSeq=3');
    assert.deepEqual(seqsOf(older.body.items), [2, 1]);
    assert.equal(older.body.nextBeforeSeq, null);
    // an exact fit says there is no next page
    const exact = await t.admin.get('/api/v1/audit?beforeSeq=3&limit=2');
    assert.equal(exact.body.nextBeforeSeq, null);
    const cut = await t.admin.get('/api/v1/audit?beforeSeq=4&limit=2');
    assert.deepEqual(seqsOf(cut.body.items), [3, 2]);
    assert.equal(cut.body.nextBeforeSeq, 2);
  });

  it('filters by calendar days in WIB (UTC+7), both ends inclusive', async () => {
    // Two entries either side of midnight WIB on 2024-03-11, written with a valid chain.
    const backdate = async (at: string, entityId: string) =>
      t.kernel.db.transaction().execute(async (trx) => {
        const head = await sql<{ last_seq: string; last_hash: string }>`
          SELECT last_seq, last_hash FROM core.audit_head WHERE singleton FOR UPDATE`.execute(trx);
        const previous = head.rows[0]!;
        const fields: ChainedFields = {
          seq: Number(previous.last_seq) + 1,
          at,
          actorType: 'system',
          actorId: null,
          actorName: 'import',
          action: 'test.backdated',
          entityType: 'thing',
          entityId,
          before: null,
          after: null,
          requestId: null,
          prevHash: previous.last_hash,
        };
        const hash = entryHash(fields);
        await trx
          .insertInto('core.audit_log')
          .values({
            seq: fields.seq,
            at: new Date(at),
            actor_type: 'system',
            actor_id: null,
            actor_name: 'import',
            action: fields.action,
            entity_type: 'thing',
            entity_id: entityId,
            before: null,
            after: null,
            request_id: null,
            prev_hash: fields.prevHash,
            hash,
          })
          .execute();
        await trx.updateTable('core.audit_head').set({ last_seq: fields.seq, last_hash: hash }).execute();
      });
    await backdate('2024-03-10T16:59:59.999Z', 'late-on-10th'); // 23:59:59.999 WIB, 10 March
    await backdate('2024-03-10T17:00:00.000Z', 'start-of-11th'); // 00:00 WIB, 11 March

    const ids = async (query: string) =>
      (await t.admin.get(`/api/v1/audit?action=test.backdated&${query}`)).body.items.map((i: { entityId: string }) => i.entityId);
    assert.deepEqual(await ids('from=2024-03-10&to=2024-03-10'), ['late-on-10th']);
    assert.deepEqual(await ids('from=2024-03-11&to=2024-03-11'), ['start-of-11th']);
    assert.deepEqual(await ids('from=2024-03-11'), ['start-of-11th']);
    assert.deepEqual(await ids('to=2024-03-10'), ['late-on-10th']);
    assert.deepEqual(await ids('from=2024-03-10&to=2024-03-11'), ['start-of-11th', 'late-on-10th']);
    assert.deepEqual(await ids('to=2024-03-09'), []);
    assert.deepEqual(await ids('from=2024-03-12'), []);

    // the API-written entries all fall on the WIB day of their timestamp
    const items = await everything();
    const wibDay = (at: string) => new Date(Date.parse(at) + 7 * 3_600_000).toISOString().slice(0, 10);
    const day = wibDay(items[items.length - 1]!.at);
    const sameDay = items.filter((i) => wibDay(i.at) === day).map((i) => i.seq);
    const res = await t.admin.get(`/api/v1/audit?from=${day}&to=${day}&limit=500`);
    assert.deepEqual(seqsOf(res.body.items), sameDay);
    assert.ok(sameDay.length >= 1);

    // backdated entries with a correct chain keep the trail valid
    const verify = await t.admin.get('/api/v1/audit/verify');
    assert.equal(verify.body.ok, true);
  });

  it('rejects bad filters with 400', async () => {
    const reversed = await t.admin.get('/api/v1/audit?from=2024-03-11&to=2024-03-10');
    assert.equal(reversed.status, 400);
    assert.ok(reversed.body.errors.some((e: { field: string }) => e.field === 'to'));
    assert.equal((await t.admin.get('/api/v1/audit?from=11-03-2024')).status, 400);
    assert.equal((await t.admin.get('/api/v1/audit?beforeSeq=0')).status, 400);
    assert.equal((await t.admin.get('/api/v1/audit?limit=501')).status, 400);
    assert.equal((await t.admin.get('/api/v1/audit?unknown=1')).status, 400);
  });

  it('is only for those allowed to read it', async () => {
    const anonymous = await t.client().get('/api/v1/audit');
    assert.equal(anonymous.status, 401);
    const warga = t.client();
    assert.equal((await warga.login('siti', PASSWORD)).status, 200);
    assert.equal((await warga.get('/api/v1/audit')).status, 403);
    assert.equal((await warga.get('/api/v1/audit/verify')).status, 403);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on core.audit_log', async () => {
    const before = await auditRows(t.kernel.db);
    await assert.rejects(sql`UPDATE core.audit_log SET action = 'x' WHERE seq = 2`.execute(t.kernel.db), /append-only/);
    await assert.rejects(sql`DELETE FROM core.audit_log WHERE seq = 2`.execute(t.kernel.db), /append-only/);
    await assert.rejects(sql`DELETE FROM core.audit_log`.execute(t.kernel.db), /append-only/);
    await assert.rejects(sql`TRUNCATE core.audit_log`.execute(t.kernel.db), /append-only/);
    assert.deepEqual(await auditRows(t.kernel.db), before);
    assert.equal((await t.admin.get('/api/v1/audit/verify')).body.ok, true);
  });

  it('reports tampering through GET /api/v1/audit/verify', async () => {
    const original = (await auditRows(t.kernel.db))[2]!;
    await tamper(t.database.url, `UPDATE core.audit_log SET after = after || '{"displayName":"Orang Lain"}' WHERE seq = 3`);
    try {
      const res = await t.admin.get('/api/v1/audit/verify');
      assert.equal(res.status, 200);
      assert.equal(res.body.ok, false);
      assert.equal(res.body.firstBadSeq, 3);
      assert.equal(res.body.checked, 2);
      assert.match(res.body.reason, /3/);
    } finally {
      await tamper(t.database.url, 'UPDATE core.audit_log SET after = $1 WHERE seq = 3', [JSON.stringify(original.after)]);
    }
    assert.equal((await t.admin.get('/api/v1/audit/verify')).body.ok, true);
  });
});

describe('audit verification detects tampering behind Padu’s back', () => {
  const COUNT = 7;
  let trail: Trail;
  before(async () => {
    trail = await trailOf(COUNT);
  });
  after(() => trail.close());

  /** Each case tampers, checks, and puts the trail back exactly as it was. */
  const snapshot = async () => (await trail.pool.query('SELECT * FROM core.audit_log ORDER BY seq')).rows;
  let saved: Record<string, unknown>[];
  const restore = async () => {
    await tamper(trail.database.url, 'DELETE FROM core.audit_log');
    for (const row of saved) {
      const columns = Object.keys(row);
      await tamper(
        trail.database.url,
        `INSERT INTO core.audit_log (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) => (c === 'before' || c === 'after') && row[c] !== null ? JSON.stringify(row[c]) : row[c]),
      );
    }
    assert.equal((await verifyAuditTrail(trail.db)).ok, true);
  };

  it('an intact trail verifies', async () => {
    saved = await snapshot();
    assert.equal(saved.length, COUNT);
    assert.deepEqual(await verifyAuditTrail(trail.db), { ok: true, checked: COUNT, firstBadSeq: null, reason: null });
  });

  it('(a) a changed middle row fails at that row', async () => {
    await tamper(trail.database.url, `UPDATE core.audit_log SET after = jsonb_set(after, '{count}', '999') WHERE seq = 4`);
    const result = await verifyAuditTrail(trail.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, 4);
    assert.equal(result.checked, 3);
    assert.match(result.reason!, /altered/);
    await restore();
  });

  it('(a2) a changed row whose hash was recomputed fails at the next row', async () => {
    const row = (await trail.pool.query('SELECT * FROM core.audit_log WHERE seq = 4')).rows[0];
    const forgedAfter = { ...row.after, count: 999 };
    const hash = entryHash({
      seq: 4,
      at: row.at.toISOString(),
      actorType: row.actor_type,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: row.before,
      after: forgedAfter,
      requestId: row.request_id,
      prevHash: row.prev_hash,
    });
    await tamper(trail.database.url, 'UPDATE core.audit_log SET after = $1, hash = $2 WHERE seq = 4', [JSON.stringify(forgedAfter), hash]);
    const result = await verifyAuditTrail(trail.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, 5);
    assert.match(result.reason!, /chain/);
    await restore();
  });

  it('(b) a deleted middle row fails at its seq', async () => {
    await tamper(trail.database.url, 'DELETE FROM core.audit_log WHERE seq = 3');
    const result = await verifyAuditTrail(trail.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, 3);
    assert.match(result.reason!, /missing/);
    await restore();
  });

  it('(b2) a deleted first row fails at 1', async () => {
    await tamper(trail.database.url, 'DELETE FROM core.audit_log WHERE seq = 1');
    const result = await verifyAuditTrail(trail.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, 1);
    await restore();
  });

  it('(c) a deleted last row (audit_head left alone) fails', async () => {
    await tamper(trail.database.url, `DELETE FROM core.audit_log WHERE seq = ${COUNT}`);
    const result = await verifyAuditTrail(trail.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, COUNT);
    assert.equal(result.checked, COUNT - 1);
    await restore();
  });

  it('(d) a forged row fails, with a made-up or a correctly computed hash', async () => {
    const last = saved[saved.length - 1] as { hash: string; at: Date };
    const insert = (hash: string) =>
      tamper(
        trail.database.url,
        `INSERT INTO core.audit_log (seq, at, actor_type, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
         VALUES ($1, $2, 'system', NULL, 'test', 'thing.deleted', 'thing', 'thing-1', NULL, NULL, NULL, $3, $4)`,
        [COUNT + 1, last.at, last.hash, hash],
      );
    await insert('f'.repeat(64));
    let result = await verifyAuditTrail(trail.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, COUNT + 1);
    await restore();

    // Even a forger who knows the hash formula is caught by audit_head.
    const hash = entryHash({
      seq: COUNT + 1,
      at: last.at.toISOString(),
      actorType: 'system',
      actorId: null,
      actorName: 'test',
      action: 'thing.deleted',
      entityType: 'thing',
      entityId: 'thing-1',
      before: null,
      after: null,
      requestId: null,
      prevHash: last.hash,
    });
    await insert(hash);
    result = await verifyAuditTrail(trail.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, COUNT + 1);
    assert.match(result.reason!, /head/);
    await restore();
  });

  it('a row moved to another seq fails', async () => {
    // swap the seq of entries 5 and 6 (both keep their own hashes)
    await tamper(
      trail.database.url,
      `UPDATE core.audit_log SET seq = -5 WHERE seq = 5;
       UPDATE core.audit_log SET seq = 5 WHERE seq = 6;
       UPDATE core.audit_log SET seq = 6 WHERE seq = -5;`,
    );
    const result = await verifyAuditTrail(trail.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, 5);
    await restore();
  });
});

describe('padu audit verify (CLI)', () => {
  let trail: Trail;
  before(async () => {
    trail = await trailOf(5);
  });
  after(() => trail.close());

  it('exits 0 and says the trail is intact, then exits non-zero naming the bad entry', async () => {
    const intact = await runCli(['audit', 'verify'], { DATABASE_URL: trail.database.url });
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /Jejak audit utuh: 5 entri diperiksa \(audit trail intact\)/);
    assert.equal(intact.stderr, '');

    await tamper(trail.database.url, `UPDATE core.audit_log SET actor_name = 'orang lain' WHERE seq = 2`);
    const broken = await runCli(['audit', 'verify'], { DATABASE_URL: trail.database.url });
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /RUSAK pada entri 2:/);
    assert.match(broken.stderr, /entry 2 was altered/);
    assert.doesNotMatch(broken.stdout, /utuh/);
  });
});

describe('audit trail under concurrent writes', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { PADU_DB_POOL_SIZE: '10' } });
  });
  after(() => t.close());

  it('20 parallel user creations give 20 entries, gapless seq and a valid chain', async () => {
    const before = (await t.admin.get('/api/v1/audit?limit=500')).body.items.length as number;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.admin.post('/api/v1/users', { username: `paralel${i}`, displayName: `Paralel ${i}`, password: PASSWORD, roles: [{ role: 'warga' }] }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      results.map(() => 201),
    );
    const items = (await t.admin.get('/api/v1/audit?limit=500')).body.items as { seq: number; action: string; entityId: string }[];
    assert.equal(items.length, before + 20);
    assert.deepEqual(
      items.map((i) => i.seq),
      items.map((_, index) => items.length - index),
    );
    const createdIds = new Set(items.filter((i) => i.action === 'user.created').map((i) => i.entityId));
    for (const r of results) assert.ok(createdIds.has(r.body.id));
    assert.deepEqual((await t.admin.get('/api/v1/audit/verify')).body, { ok: true, checked: items.length, firstBadSeq: null, reason: null });
  });

  it('verification running while entries are written never reports a false break', async () => {
    let writing = true;
    const writers = Array.from({ length: 3 }, async (_, w) => {
      for (let i = 0; i < 60; i++) {
        await t.kernel.db.transaction().execute((trx) =>
          recordAudit(trx, systemActor(`writer-${w}`), { action: 'thing.touched', entityType: 'thing', entityId: `${w}-${i}`, after: { i } }),
        );
      }
    });
    const done = Promise.all(writers).finally(() => {
      writing = false;
    });
    const failures: unknown[] = [];
    let runs = 0;
    while (writing) {
      const result = await verifyAuditTrail(t.kernel.db);
      runs += 1;
      if (!result.ok) failures.push(result);
    }
    await done;
    assert.deepEqual(failures, []);
    assert.ok(runs > 0);
    const final = await verifyAuditTrail(t.kernel.db);
    assert.equal(final.ok, true);
    const head = await t.kernel.db.selectFrom('core.audit_head').select('last_seq').executeTakeFirstOrThrow();
    assert.equal(final.checked, Number(head.last_seq));
  });
});
