/**
 * The `padu` CLI end to end on the embedded PostgreSQL path: real processes, one data folder
 * reused across the steps (each initdb costs seconds), every process killed in after().
 * Runs the same whether the suite itself uses embedded or external PostgreSQL.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { packageRoot } from '../src/core/paths.js';
import { ApiClient } from './helpers/server.js';

const CLI = ['--import', 'tsx', 'src/cli.ts'];
/** Guards against a hung process only; no assertion depends on how long anything takes. */
const STARTUP_GUARD_MS = 90_000;
const RUN_GUARD_MS = 120_000;

function envFor(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PADU_DATA_DIR: dataDir,
    DATABASE_URL: '',
    PORT: '0',
    HOST: '127.0.0.1',
    PADU_LOG_LEVEL: 'warn',
  };
  delete env.PADU_ADMIN_PASSWORD;
  return env;
}

/** Running, and not an exited-but-unreaped zombie (orphans may stay those in a container without init). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return true;
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A `padu …` process; its output is collected as it comes. */
class Padu {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private done = false;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    // A step still running after the suite gave up (timeout) must not leave a server behind.
    if (suiteOver) throw new Error('the CLI suite has ended; not starting another process');
    // Its own process group, so after() can end it together with its PostgreSQL.
    this.child = spawn(process.execPath, [...CLI, ...args], { cwd: packageRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.done = true;
        resolve({ code, signal });
      });
    });
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get finished(): boolean {
    return this.done;
  }

  /** Waits for the line `serve` prints once it listens; fails if the process ends first. */
  async url(): Promise<string> {
    const pattern = /berjalan di (http:\/\/127\.0\.0\.1:\d+)/;
    await until('padu serve to print its URL', () => pattern.test(this.stdout) || this.done, STARTUP_GUARD_MS);
    const match = pattern.exec(this.stdout);
    if (!match) throw new Error(`padu serve ended before listening:\n${this.stdout}\n${this.stderr}`);
    return match[1]!;
  }

  describe(): string {
    return `stdout:\n${this.stdout}\nstderr:\n${this.stderr}`;
  }
}

const running = new Set<Padu>();
let suiteOver = false;

/** Runs a command to its end (killing it if it hangs, e.g. a `serve` that was expected to fail). */
async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const padu = new Padu(args, env);
  const guard = setTimeout(() => {
    padu.stderr += `\n[test] padu ${args.join(' ')} still running after ${RUN_GUARD_MS} ms: killed\n`;
    killGroup(padu.pid);
  }, RUN_GUARD_MS);
  const { code } = await padu.exited.finally(() => clearTimeout(guard));
  return { code, stdout: padu.stdout, stderr: padu.stderr };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function postmasterOf(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const content = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => null);
  if (content === null) return null;
  const lines = content.split('\n');
  return { pid: Number.parseInt(lines[0] ?? '', 10), port: Number.parseInt(lines[3] ?? '', 10) };
}

/** Connects straight to the embedded server of a data folder, the way an operator with psql would. */
async function connectEmbedded(dataDir: string): Promise<pg.Client> {
  const credentials = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded-postgres.json'), 'utf8')) as { user: string; password: string };
  const postmaster = await postmasterOf(dataDir);
  assert.ok(postmaster, 'the embedded server is running');
  const client = new pg.Client({ host: '127.0.0.1', port: postmaster.port, database: 'padu', ...credentials });
  await client.connect();
  return client;
}

describe('padu CLI with the embedded database', { timeout: 240_000 }, () => {
  let dataDir: string;
  let server: Padu | null = null;
  let url: string;
  let adminPassword: string;
  let budiPassword: string;

  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'padu-cli-'));
    // When the tests run as root, PostgreSQL runs as "postgres" and must be able to enter it.
    await fs.chmod(dataDir, 0o755);
  });

  after(async () => {
    suiteOver = true;
    for (const padu of running) killGroup(padu.pid);
    // A PostgreSQL left behind by a killed `serve` (crash test, or a failure midway).
    const postmaster = dataDir ? await postmasterOf(dataDir) : null;
    if (postmaster && alive(postmaster.pid)) {
      process.kill(postmaster.pid, 'SIGQUIT');
      await until('the leftover PostgreSQL to stop', () => !alive(postmaster.pid), 20_000).catch(() => process.kill(postmaster.pid, 'SIGKILL'));
    }
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  const startServe = () => new Padu(['serve'], envFor(dataDir));

  /** Steps that build on a running server fail at once (instead of hanging) when an earlier one broke. */
  function runningServer(): Padu {
    assert.ok(server && !server.finished, 'the server started by an earlier step is running');
    return server;
  }

  async function stopServe(padu: Padu): Promise<void> {
    padu.child.kill('SIGTERM');
    const { code, signal } = await padu.exited;
    assert.equal(signal, null, padu.describe());
    assert.equal(code, 0, padu.describe());
  }

  it('padu --help lists the commands', async () => {
    const help = await run(['--help'], envFor(dataDir));
    assert.equal(help.code, 0, help.stderr);
    for (const command of ['serve', 'migrate', 'user', 'audit']) assert.match(help.stdout, new RegExp(`^\\s+${command}\\b`, 'm'), command);
  });

  it('padu migrate on a fresh data folder sets up the database and exits 0', async () => {
    const result = await run(['migrate'], envFor(dataDir));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Migrasi database selesai/);
    assert.ok(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION')), 'a cluster was initialised');
    assert.equal(await postmasterOf(dataDir), null, 'its PostgreSQL was stopped again');
    assert.equal(existsSync(path.join(dataDir, 'padu.pid')), false);
  });

  it('padu serve prints its URL and a generated admin password once; the password signs in', async () => {
    server = startServe();
    url = await server.url();
    assert.match(server.stdout, /\(database: embedded\)/);
    const match = /dan kata sandi: (\S+)/.exec(server.stdout);
    assert.ok(match, server.describe());
    adminPassword = match[1]!;
    assert.ok(adminPassword.length >= 10);
    assert.equal(server.stdout.split(adminPassword).length - 1, 1, 'printed exactly once');

    const health = await new ApiClient(url).get('/api/v1/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.database, 'embedded');
    const admin = new ApiClient(url);
    const login = await admin.login('admin', adminPassword);
    assert.equal(login.status, 200);
    assert.ok(login.body.roles.some((r: { role: string }) => r.role === 'admin'));
    assert.equal((await new ApiClient(url).login('admin', 'salah-kata-sandi')).status, 401);
  });

  it('user add and reset-password work while the server runs; their passwords sign in there', async () => {
    runningServer();
    const env = envFor(dataDir);
    const added = await run(['user', 'add', 'budi', '--name', 'Budi', '--role', 'warga'], env);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Pengguna "budi" dibuat/);
    const first = /Kata sandi: (\S+)/.exec(added.stdout)?.[1];
    assert.ok(first, added.stdout);

    const budi = new ApiClient(url);
    const login = await budi.login('budi', first);
    assert.equal(login.status, 200);
    assert.equal(login.body.user.displayName, 'Budi');
    assert.deepEqual(
      login.body.roles.map((r: { role: string }) => r.role),
      ['warga'],
    );

    // an empty PADU_LOG_LEVEL (as env files often leave it) means the default, as it does for `serve`
    const reset = await run(['user', 'reset-password', 'budi'], { ...env, PADU_LOG_LEVEL: '' });
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /Kata sandi "budi" diganti/);
    budiPassword = /Kata sandi baru: (\S+)/.exec(reset.stdout)?.[1] ?? '';
    assert.ok(budiPassword);
    assert.notEqual(budiPassword, first);
    assert.equal((await new ApiClient(url).login('budi', first)).status, 401);
    assert.equal((await new ApiClient(url).login('budi', budiPassword)).status, 200);
    // the reset ended the session opened with the old password
    assert.equal((await budi.get('/api/v1/auth/me')).status, 401);

    const weak = await run(['user', 'add', 'siti', '--name', 'Siti', '--password', 'pendek'], env);
    assert.notEqual(weak.code, 0);
    assert.match(weak.stderr, /request\.invalid/);
    assert.match(weak.stderr, /password: The password needs at least 10 characters/);
    assert.equal((await new ApiClient(url).login('siti', 'pendek')).status, 401);

    // the CLI's changes are in the trail, by the system actor "cli", and the trail is intact
    const admin = new ApiClient(url);
    assert.equal((await admin.login('admin', adminPassword)).status, 200);
    const trail = await admin.get('/api/v1/audit?actor=cli');
    assert.deepEqual(
      trail.body.items.map((i: { action: string }) => i.action),
      ['user.password_reset', 'user.created'],
    );
    assert.equal((await admin.get('/api/v1/audit/verify')).body.ok, true);
  });

  it('a second server on the same data folder is refused while the first runs', async () => {
    const first = runningServer();
    const second = await run(['serve'], envFor(dataDir));
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, new RegExp(`Another Padu process \\(pid ${first.pid}\\) is using the data folder`));
    assert.equal((await new ApiClient(url).get('/api/v1/health')).status, 200, 'the first one is unharmed');
  });

  it('SIGTERM stops the server and its PostgreSQL, exit code 0', async () => {
    const first = runningServer();
    const postmaster = await postmasterOf(dataDir);
    assert.ok(postmaster && alive(postmaster.pid));
    await stopServe(first);
    server = null;
    assert.equal(alive(postmaster.pid), false, 'PostgreSQL is gone');
    assert.equal(await postmasterOf(dataDir), null, 'postmaster.pid was removed');
    assert.equal(existsSync(path.join(dataDir, 'padu.pid')), false);
    await assert.rejects(fetch(`${url}/api/v1/health`));
  });

  it('a second start reuses the data: no new password, the same accounts sign in', async () => {
    server = startServe();
    url = await server.url();
    assert.doesNotMatch(server.stdout, /Akun admin pertama/);
    assert.doesNotMatch(server.stdout, /kata sandi/i);
    assert.ok(!server.stdout.includes(adminPassword));
    assert.equal((await new ApiClient(url).login('admin', adminPassword)).status, 200);
    assert.equal((await new ApiClient(url).login('budi', budiPassword)).status, 200);
  });

  it('after the server is killed (SIGKILL) a new start stops the leftover PostgreSQL; the data is intact', async () => {
    const killed = runningServer();
    const leftover = await postmasterOf(dataDir);
    assert.ok(leftover && alive(leftover.pid));
    killed.child.kill('SIGKILL');
    const { signal } = await killed.exited;
    assert.equal(signal, 'SIGKILL');
    server = null;
    assert.equal(alive(leftover.pid), true, 'its PostgreSQL outlived it');

    server = startServe();
    url = await server.url();
    assert.equal(alive(leftover.pid), false, 'the leftover server was stopped');
    const current = await postmasterOf(dataDir);
    assert.ok(current && alive(current.pid));
    assert.notEqual(current.pid, leftover.pid);
    assert.doesNotMatch(server.stdout, /kata sandi/i);
    assert.equal((await new ApiClient(url).login('admin', adminPassword)).status, 200);
    assert.equal((await new ApiClient(url).login('budi', budiPassword)).status, 200);
  });

  it('an edited landed migration stops the next start with a clear message and a non-zero exit', async () => {
    const last = runningServer();
    const client = await connectEmbedded(dataDir);
    try {
      const updated = await client.query(`UPDATE public.padu_migration SET checksum = repeat('0', 64) WHERE module = 'core' AND version = 1`);
      assert.equal(updated.rowCount, 1);
    } finally {
      await client.end();
    }
    await stopServe(last);
    server = null;

    const failed = await run(['serve'], envFor(dataDir));
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /^padu: Migration core\/0001_core\.sql was edited after it was applied to this database/m);
    assert.doesNotMatch(failed.stderr, /\n\s+at /, 'a message, not a stack trace');
    assert.doesNotMatch(failed.stdout, /berjalan di/);
    assert.equal(await postmasterOf(dataDir), null, 'its PostgreSQL was stopped');
    assert.equal(existsSync(path.join(dataDir, 'padu.pid')), false);
  });
});
