import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { DB } from './db/schema.js';
import type { EventBus } from './events/bus.js';
import type { SessionCache } from './auth/session-cache.js';
import type { AppAuthenticator } from './auth/app-auth.js';

/** What every service and route of Padu stands on, built once at start. */
export interface Kernel {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  events: EventBus;
  /** Present in a serving process (it needs the notification listener). */
  sessionCache: SessionCache | null;
  /** Set by the integration hub at start: verifies apps' bearer tokens and meters their use. */
  appAuth: AppAuthenticator | null;
}
