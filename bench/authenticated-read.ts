/**
 * Foundation: an authenticated GET of one small record (a user) through Padu's full stack —
 * session lookup, permission check, database read, serialisation — against the bare route.
 */
import { systemActor } from '../src/core/audit/actor.js';
import type { RunningServer } from '../src/server.js';
import { createUser, selectUsers } from '../src/core/users/service.js';
import { readVsBare, report, signIn } from './lib/read-vs-bare.js';

export interface BenchSettings {
  connections: number;
  seconds: number;
  rounds: number;
}

/** The reader every benchmark signs in as: a leader (read-only, whole city). Returns its id. */
export async function createBenchReader(server: RunningServer): Promise<string> {
  const existing = await server.kernel.db.selectFrom('core.app_user').select('id').where('username', '=', 'bench-reader').executeTakeFirst();
  if (existing) return existing.id;
  const reader = await createUser(server.kernel, systemActor('bench'), {
    username: 'bench-reader',
    displayName: 'Pembaca Bench',
    password: 'bench-password-123',
    roles: [{ role: 'pimpinan' }],
  });
  return reader.id;
}

export async function authenticatedReadBench(server: RunningServer, settings: BenchSettings): Promise<void> {
  const { kernel } = server;
  const reader = await createBenchReader(server);
  const { sql, parameters } = selectUsers(kernel.db).where('u.id', '=', reader).compile();
  const results = await readVsBare({
    paduUrl: `${server.url}/api/v1/users/${reader}`,
    cookie: await signIn(server.url, 'bench-reader', 'bench-password-123'),
    sql,
    parameters: [...parameters],
    databaseUrl: kernel.database.url,
    poolSize: kernel.config.dbPoolSize,
    ...settings,
  });
  report('Authenticated GET of one record (session + permission + read)', 'bare Fastify + pg, no auth', 'GET /api/v1/users/:id', results);
}
