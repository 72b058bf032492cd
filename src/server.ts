import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './core/config.js';
import { openDatabase, type Database } from './core/db/database.js';
import { migrate } from './core/db/migrate.js';
import { deleteExpiredSessions } from './core/auth/sessions.js';
import { SessionCache } from './core/auth/session-cache.js';
import { PgListener } from './core/db/listener.js';
import { EventBus } from './core/events/bus.js';
import { Dispatcher } from './core/events/dispatcher.js';
import { buildApp } from './core/http/app.js';
import type { Kernel } from './core/kernel.js';
import { createLogger } from './core/logger.js';
import { ensureFirstAdmin, type FirstAdmin } from './core/users/bootstrap.js';
import { migrationSources, moduleRoutes, modules } from './modules.js';
import { seedDemo } from './registry/demo/seed.js';

export interface OpenKernelOptions {
  log?: Logger;
  durable?: boolean;
  attachToRunning?: boolean;
}

/** Database up, migrations applied, event bus ready: what every command needs. */
export async function openKernel(config: Config, options: OpenKernelOptions = {}): Promise<Kernel> {
  const log = options.log ?? createLogger(config.logLevel);
  const database: Database = await openDatabase(config, {
    durable: options.durable,
    attachToRunning: options.attachToRunning,
    log: (message) => log.debug({ component: 'postgres' }, message),
  });
  try {
    const { applied } = await migrate(database.pool, migrationSources);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, database, db: database.db, events: new EventBus(), sessionCache: null, appAuth: null };
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  kernel: Kernel;
  firstAdmin: FirstAdmin | null;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  durable?: boolean;
  /** Called with the kernel before the dispatcher starts, to subscribe to events. */
  beforeStart?: (kernel: Kernel) => void;
  /** Called with the app before it listens (tests add probe routes). */
  configureApp?: (app: FastifyInstance) => void;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const kernel = await openKernel(config, { log, durable: options.durable });
  let app: FastifyInstance | null = null;
  let dispatcher: Dispatcher | null = null;
  let sweeper: NodeJS.Timeout | null = null;
  const listener = new PgListener(kernel.database.url, (message) => log.warn(message));
  const close = async () => {
    if (sweeper) clearInterval(sweeper);
    await app?.close();
    await dispatcher?.stop();
    for (const module of [...modules].reverse()) await module.stop?.(kernel);
    await listener.stop();
    await kernel.database.close();
  };
  try {
    // The cache subscribes first, so its LISTEN is in place before it trusts anything.
    kernel.sessionCache = new SessionCache(listener);
    await listener.start();
    for (const module of modules) await module.start?.(kernel);
    options.beforeStart?.(kernel);
    const firstAdmin = await ensureFirstAdmin(kernel);
    if (firstAdmin && config.demoData) {
      const seeded = await seedDemo(kernel, 'small');
      if (seeded.length > 0) log.info({ modules: seeded }, 'demo data seeded');
    }
    app = await buildApp(kernel, log, moduleRoutes);
    options.configureApp?.(app);
    await app.listen({ port: config.port, host: config.host });
    if (config.workers) {
      dispatcher = new Dispatcher(kernel.db, kernel.events, listener, {
        log: (level, message, details) => log[level](details ?? {}, message),
      });
      dispatcher.start();
    }
    const policy = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
    sweeper = setInterval(() => {
      deleteExpiredSessions(kernel.db, policy).catch((error: Error) => log.warn({ error: error.message }, 'session sweep failed'));
    }, 10 * 60_000);
    sweeper.unref();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, app, kernel, firstAdmin, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}
