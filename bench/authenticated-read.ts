/**
 * An authenticated GET of one small record through Padu's full stack (session lookup,
 * permission check, database read, serialisation) against a bare Fastify route that runs the
 * same record query with `pg` and no auth, on the same database in the same run.
 */
import Fastify from 'fastify';
import pg from 'pg';
import type { Kernel } from '../src/core/kernel.js';
import { createUser, selectUsers } from '../src/core/users/service.js';
import { systemActor } from '../src/core/audit/actor.js';
import type { RunningServer } from '../src/server.js';
import { runLoad, type LoadResult } from './lib/load.js';

export interface ReadBenchOptions {
  server: RunningServer;
  kernel: Kernel;
  connections: number;
  seconds: number;
  rounds: number;
}

export async function authenticatedReadBench(options: ReadBenchOptions): Promise<{ padu: LoadResult[]; bare: LoadResult[] }> {
  const { server, kernel } = options;
  const reader = await createUser(kernel, systemActor('bench'), {
    username: 'bench-reader',
    displayName: 'Pembaca Bench',
    password: 'bench-password-123',
    roles: [{ role: 'pimpinan' }],
  });
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-reader', password: 'bench-password-123' }),
  });
  if (login.status !== 200) throw new Error(`bench login failed: ${login.status}`);
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

  // The very query Padu's getUser() runs, compiled by Kysely, executed with plain pg.
  const { sql: recordSql } = selectUsers(kernel.db).where('u.id', '=', reader.id).compile();
  const pool = new pg.Pool({ connectionString: kernel.database.url, max: kernel.config.dbPoolSize });
  const bare = Fastify({ logger: false });
  bare.get('/bare/users/:id', async (request) => {
    const { id } = request.params as { id: string };
    const result = await pool.query(recordSql, [id]);
    return result.rows[0];
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddress = bare.server.address() as { port: number };

  const paduUrl = `${server.url}/api/v1/users/${reader.id}`;
  const bareUrl = `http://127.0.0.1:${bareAddress.port}/bare/users/${reader.id}`;
  const check = await fetch(paduUrl, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`Padu route answered ${check.status}`);

  const results = { padu: [] as LoadResult[], bare: [] as LoadResult[] };
  // Warm both, then alternate so drift on a shared machine hits both sides alike.
  await runLoad({ url: bareUrl, connections: options.connections, seconds: 2 });
  await runLoad({ url: paduUrl, connections: options.connections, seconds: 2, headers: { cookie } });
  for (let round = 0; round < options.rounds; round++) {
    results.bare.push(await runLoad({ url: bareUrl, connections: options.connections, seconds: options.seconds }));
    results.padu.push(await runLoad({ url: paduUrl, connections: options.connections, seconds: options.seconds, headers: { cookie } }));
  }
  await bare.close();
  await pool.end();
  return results;
}
