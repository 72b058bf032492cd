/**
 * `npm test`: runs every *.test.ts under src/ and test/ with node:test (through tsx), each file
 * in its own process and its own database. Without DATABASE_URL it starts one embedded
 * PostgreSQL for the run; with it, it creates the test databases on that server.
 * Fails when no test ran, so a broken file list cannot pass silently.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/core/db/embedded.js';
import { migrate } from '../src/core/db/migrate.js';
import { Kysely, PostgresDialect } from 'kysely';
import { loadConfig } from '../src/core/config.js';
import type { DB } from '../src/core/db/schema.js';
import { EventBus } from '../src/core/events/bus.js';
import type { Kernel } from '../src/core/kernel.js';
import { migrationSources, modules } from '../src/modules.js';
import { packageRoot } from '../src/core/paths.js';

async function findTests(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...(await findTests(full)));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found.sort();
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

const filter = process.argv.slice(2);
const files = (await Promise.all(['src', 'test', 'examples'].map((d) => findTests(path.join(packageRoot, d)))))
  .flat()
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)));
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}

let embedded: EmbeddedServer | null = null;
let scratch: string | null = null;
let adminUrl = process.env.DATABASE_URL ?? '';
const mode = adminUrl ? 'external PostgreSQL (DATABASE_URL)' : 'embedded PostgreSQL';
if (!adminUrl) {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'padu-test-'));
  await fs.chmod(scratch, 0o755);
  embedded = await startEmbeddedPostgres({ dataDir: scratch, durable: false });
  adminUrl = embedded.url;
}
console.log(`Padu tests: ${files.length} files on ${mode}`);

const template = `padu_template_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${template}`);
await admin.query(`CREATE DATABASE ${template}`);
// Migrate the template and run the modules' start hooks on it (the wilayah load), so every
// test database is cloned with that data already in place.
const templateUrl = withDatabase(adminUrl, template);
const templatePool = new pg.Pool({ connectionString: templateUrl, max: 2 });
await migrate(templatePool, migrationSources);
const templateDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: templatePool }) });
const templateKernel: Kernel = {
  config: loadConfig({ DATABASE_URL: templateUrl }),
  database: { db: templateDb, pool: templatePool, kind: 'external', url: templateUrl, close: async () => {} },
  db: templateDb,
  events: new EventBus(),
  sessionCache: null,
  appAuth: null,
};
for (const module of modules) await module.start?.(templateKernel);
await templateDb.destroy();

const env = {
  ...process.env,
  PADU_TEST_ADMIN_URL: adminUrl,
  PADU_TEST_TEMPLATE: template,
  // The suite may start servers of its own; they must not inherit the run's DATABASE_URL.
  DATABASE_URL: '',
  PADU_TEST_EXTERNAL: embedded ? '' : '1',
};
const concurrency = String(Math.max(2, os.availableParallelism()));
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { env, stdio: ['ignore', 'pipe', 'inherit'], cwd: packageRoot },
);
let output = '';
child.stdout.on('data', (chunk: Buffer) => {
  output += chunk.toString();
  process.stdout.write(chunk);
});
const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));

// Clean up the databases the files made, then the template and the embedded server.
const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'padu\\_t\\_%'`);
for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
await admin.end();
await embedded?.stop();
if (scratch) await fs.rm(scratch, { recursive: true, force: true });

const count = (label: string) => Number(new RegExp(`^\\S*\\s*${label} (\\d+)`, 'm').exec(output)?.[1] ?? 0);
const passed = count('pass');
const failed = count('fail');
if (count('tests') === 0 || passed === 0) {
  console.error('No test ran: treating the run as failed.');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(code);
