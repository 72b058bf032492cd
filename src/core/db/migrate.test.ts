import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { urlForDatabase } from '../../../test/helpers/database.js';
import { verifyAuditTrail } from '../audit/verify.js';
import { migrationSources } from '../../modules.js';
import { migrate, MigrationError, type MigrationSource } from './migrate.js';
import type { DB } from './schema.js';

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** A brand-new database made without the migrated template: nothing in it but PostgreSQL's defaults. */
async function emptyDatabase(): Promise<{ url: string; pool: pg.Pool }> {
  const adminUrl = process.env.PADU_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('PADU_TEST_ADMIN_URL is not set: run the tests with `npm test`');
  // padu_t_ so that the runner drops it even when this file dies early
  const name = `padu_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = urlForDatabase(name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  cleanups.push(async () => {
    await pool.end();
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => client.end());
  });
  return { url, pool };
}

/** A temporary folder of migration files for one module. */
async function folder(module: string, files: Record<string, string>): Promise<MigrationSource & { write(name: string, sql: string): Promise<void>; remove(name: string): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `padu-migrations-${module}-`));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  const write = (name: string, sql: string) => fs.writeFile(path.join(dir, name), sql);
  for (const [name, sql] of Object.entries(files)) await write(name, sql);
  return { module, dir, write, remove: (name) => fs.rm(path.join(dir, name)) };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function recorded(pool: pg.Pool) {
  const res = await pool.query<{ module: string; version: number; name: string; checksum: string }>(
    'SELECT module, version, name, checksum FROM public.padu_migration ORDER BY module, version',
  );
  return res.rows;
}

async function tableExists(pool: pg.Pool, name: string): Promise<boolean> {
  const res = await pool.query('SELECT to_regclass($1) IS NOT NULL AS found', [name]);
  return res.rows[0].found;
}

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  const error = await promise.then(
    () => assert.fail('expected migrate() to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof MigrationError, `expected a MigrationError, got ${String(error)}`);
  return error;
}

describe('migrate()', () => {
  it('applies files in numeric order, module by module, records them, and applies nothing twice', async () => {
    const { pool } = await emptyDatabase();
    // written out of order on purpose; each one depends on the one before
    const alphaFiles = {
      '0010_third.sql': "INSERT INTO alpha_log (v) VALUES ('third');",
      '0002_second.sql': "ALTER TABLE alpha_log ADD COLUMN extra integer;\nINSERT INTO alpha_log (v, extra) VALUES ('second', 2);",
      '0001_first.sql': "CREATE TABLE alpha_log (n serial PRIMARY KEY, v text NOT NULL);\nINSERT INTO alpha_log (v) VALUES ('first');",
      'README.md': 'not a migration',
    };
    const alpha = await folder('alpha', alphaFiles);
    const beta = await folder('beta', { '0001_uses_alpha.sql': "INSERT INTO alpha_log (v) VALUES ('beta');" });

    const first = await migrate(pool, [alpha, beta]);
    assert.deepEqual(first.applied, ['alpha/0001_first.sql', 'alpha/0002_second.sql', 'alpha/0010_third.sql', 'beta/0001_uses_alpha.sql']);
    const log = async () => (await pool.query('SELECT v FROM alpha_log ORDER BY n')).rows.map((r) => r.v);
    assert.deepEqual(await log(), ['first', 'second', 'third', 'beta']);
    assert.deepEqual(await recorded(pool), [
      { module: 'alpha', version: 1, name: 'first', checksum: sha256(alphaFiles['0001_first.sql']) },
      { module: 'alpha', version: 2, name: 'second', checksum: sha256(alphaFiles['0002_second.sql']) },
      { module: 'alpha', version: 10, name: 'third', checksum: sha256(alphaFiles['0010_third.sql']) },
      { module: 'beta', version: 1, name: 'uses_alpha', checksum: sha256("INSERT INTO alpha_log (v) VALUES ('beta');") },
    ]);

    const second = await migrate(pool, [alpha, beta]);
    assert.deepEqual(second.applied, []);
    assert.deepEqual(await log(), ['first', 'second', 'third', 'beta']);

    // a new file lands: only it is applied
    await alpha.write('0011_fourth.sql', "INSERT INTO alpha_log (v) VALUES ('fourth');");
    const third = await migrate(pool, [alpha, beta]);
    assert.deepEqual(third.applied, ['alpha/0011_fourth.sql']);
    assert.deepEqual(await log(), ['first', 'second', 'third', 'beta', 'fourth']);
  });

  it('rolls a failing migration back completely and names its file; the fixed file applies later', async () => {
    const { pool } = await emptyDatabase();
    const alpha = await folder('alpha', {
      '0001_good.sql': 'CREATE TABLE good_table (id integer);',
      '0002_broken.sql': 'CREATE TABLE half_done (id integer);\nINSERT INTO half_done VALUES (1);\nINSERT INTO no_such_table VALUES (1);',
      '0003_after.sql': 'CREATE TABLE after_broken (id integer);',
    });
    const error = await rejection(migrate(pool, [alpha]));
    assert.match(error.message, /alpha\/0002_broken\.sql failed/);
    assert.match(error.message, /no_such_table/);

    assert.equal(await tableExists(pool, 'good_table'), true);
    assert.equal(await tableExists(pool, 'half_done'), false, 'the first statement of the failed file was rolled back');
    assert.equal(await tableExists(pool, 'after_broken'), false, 'later files did not run');
    assert.deepEqual(
      (await recorded(pool)).map((r) => r.version),
      [1],
    );

    // it never landed, so fixing the file is fine
    await alpha.write('0002_broken.sql', 'CREATE TABLE half_done (id integer);\nINSERT INTO half_done VALUES (1);');
    const retried = await migrate(pool, [alpha]);
    assert.deepEqual(retried.applied, ['alpha/0002_broken.sql', 'alpha/0003_after.sql']);
    assert.equal((await pool.query('SELECT count(*)::int AS n FROM half_done')).rows[0].n, 1);
  });

  it('refuses to run when a landed migration was edited, naming the file, and applies nothing', async () => {
    const { pool } = await emptyDatabase();
    const alpha = await folder('alpha', { '0001_first.sql': 'CREATE TABLE edited_table (id integer);' });
    await migrate(pool, [alpha]);

    await alpha.write('0001_first.sql', 'CREATE TABLE edited_table (id integer, sneaky text);');
    await alpha.write('0002_pending.sql', 'CREATE TABLE pending_table (id integer);');
    const error = await rejection(migrate(pool, [alpha]));
    assert.match(error.message, /alpha\/0001_first\.sql was edited after it was applied/);
    assert.match(error.message, /new numbered migration/);
    assert.equal(await tableExists(pool, 'pending_table'), false);
    assert.deepEqual(
      (await recorded(pool)).map((r) => r.version),
      [1],
    );

    // restoring the file makes it pass again
    await alpha.write('0001_first.sql', 'CREATE TABLE edited_table (id integer);');
    assert.deepEqual((await migrate(pool, [alpha])).applied, ['alpha/0002_pending.sql']);
  });

  it('refuses badly named files and duplicate numbers, before touching the database', async () => {
    const { pool } = await emptyDatabase();
    for (const bad of ['1_short.sql', '0001-dash.sql', '0001_Upper.sql', '00001_five_digits.sql', '0001_.sql', '0001_spaces here.sql']) {
      const source = await folder('alpha', { '0000_fine.sql': 'SELECT 1;', [bad]: 'SELECT 1;' });
      const error = await rejection(migrate(pool, [source]));
      assert.ok(error.message.includes(`alpha/${bad}`), `${error.message} should name ${bad}`);
      assert.match(error.message, /NNNN_description\.sql/);
    }
    const duplicate = await folder('alpha', { '0001_one.sql': 'SELECT 1;', '0001_other.sql': 'SELECT 1;' });
    const error = await rejection(migrate(pool, [duplicate]));
    assert.match(error.message, /alpha.*0001/);
    assert.equal(await tableExists(pool, 'public.padu_migration'), false, 'nothing was written');
  });

  it('refuses to run when a landed migration of a module has lost its file', async () => {
    const { pool } = await emptyDatabase();
    const alpha = await folder('alpha', { '0001_first.sql': 'SELECT 1;', '0002_second.sql': 'SELECT 2;' });
    await migrate(pool, [alpha]);
    await alpha.remove('0002_second.sql');
    const error = await rejection(migrate(pool, [alpha]));
    assert.match(error.message, /alpha\/0002_second\.sql was applied to this database but its file is missing/);
    // another module's history is not this source's business
    const beta = await folder('beta', { '0001_only.sql': 'SELECT 3;' });
    assert.deepEqual((await migrate(pool, [beta])).applied, ['beta/0001_only.sql']);
  });

  it('two processes migrating the same database at once apply each migration once', async () => {
    const { url, pool } = await emptyDatabase();
    const other = new pg.Pool({ connectionString: url, max: 2 });
    cleanups.push(() => other.end());
    // Applying either file twice would fail: CREATE TABLE without IF NOT EXISTS.
    const alpha = await folder('alpha', {
      '0001_slow.sql': 'CREATE TABLE raced (id integer);\nSELECT pg_sleep(0.3);',
      '0002_next.sql': 'CREATE TABLE raced_next (id integer);',
    });
    const results = await Promise.all([migrate(pool, [alpha]), migrate(other, [alpha])]);
    assert.deepEqual(
      results.map((r) => r.applied.length).sort(),
      [0, 2],
    );
    assert.deepEqual(
      (await recorded(pool)).map((r) => r.version),
      [1, 2],
    );
    // the lock is released: a third run proceeds
    assert.deepEqual((await migrate(other, [alpha])).applied, []);
  });

  it('the real core migrations apply to an empty database', async () => {
    const { url, pool } = await emptyDatabase();
    const result = await migrate(pool, migrationSources);
    assert.ok(result.applied.includes('core/0001_core.sql'));
    assert.ok(result.applied.every((file) => /^[a-z0-9_]+\/\d{4}_[a-z0-9_]+\.sql$/.test(file)));
    for (const table of ['core.app_user', 'core.user_role', 'core.session', 'core.audit_log', 'core.audit_head', 'core.outbox', 'core.event_delivery']) {
      assert.equal(await tableExists(pool, table), true, table);
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
    try {
      assert.deepEqual(await verifyAuditTrail(db), { ok: true, checked: 0, firstBadSeq: null, reason: null });
    } finally {
      await db.destroy();
    }
    assert.deepEqual((await migrate(pool, migrationSources)).applied, []);
  });
});
