import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'embedded' | 'external';

export interface Database {
  db: Kysely<DB>;
  pool: pg.Pool;
  kind: DatabaseKind;
  /** Connection string of the running server, for tools that need their own connection (LISTEN). */
  url: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  log?: (message: string) => void;
  /** Embedded only: skip fsync (tests). */
  durable?: boolean;
  /** Embedded only: use the server of a running `padu serve` on the same data folder. */
  attachToRunning?: boolean;
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'>,
  options: OpenOptions = {},
): Promise<Database> {
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, durable: options.durable, attachToRunning: options.attachToRunning, log: options.log });
    url = embedded.url;
  }
  const pool = new pg.Pool({ connectionString: url, max: config.dbPoolSize, application_name: 'padu' });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.log?.(`database pool: ${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  } catch (error) {
    await db.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    db,
    pool,
    url,
    kind: embedded ? 'embedded' : 'external',
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
