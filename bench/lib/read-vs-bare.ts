import Fastify from 'fastify';
import pg from 'pg';
import { runLoad, type LoadResult } from './load.js';

export interface ReadVsBareOptions {
  /** The Padu URL to read, with the session cookie that may read it. */
  paduUrl: string;
  cookie: string;
  /** The same SQL the Padu route runs for its data, with its parameters. */
  sql: string;
  parameters: unknown[];
  databaseUrl: string;
  poolSize: number;
  connections: number;
  seconds: number;
  rounds: number;
}

/**
 * Padu's full stack against a bare Fastify route that runs the same SQL with plain `pg` and no
 * auth, on the same database in the same run. Rounds alternate so drift on a shared machine
 * hits both sides alike.
 */
export async function readVsBare(options: ReadVsBareOptions): Promise<{ padu: LoadResult[]; bare: LoadResult[] }> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => (await pool.query(options.sql, options.parameters)).rows[0]);
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;
  try {
    const check = await fetch(options.paduUrl, { headers: { cookie: options.cookie } });
    if (check.status !== 200) throw new Error(`Padu route ${options.paduUrl} answered ${check.status}`);
    const load = (url: string, seconds: number, headers?: Record<string, string>) =>
      runLoad({ url, connections: options.connections, seconds, headers });
    await load(bareUrl, 2);
    await load(options.paduUrl, 2, { cookie: options.cookie });
    const results = { padu: [] as LoadResult[], bare: [] as LoadResult[] };
    for (let round = 0; round < options.rounds; round++) {
      results.bare.push(await load(bareUrl, options.seconds));
      results.padu.push(await load(options.paduUrl, options.seconds, { cookie: options.cookie }));
    }
    return results;
  } finally {
    await bare.close();
    await pool.end();
  }
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`bench sign-in as ${username} failed: ${response.status}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

export function report(title: string, baseline: string, subject: string, results: { padu: LoadResult[]; bare: LoadResult[] }): void {
  const mean = (list: LoadResult[], key: keyof LoadResult) => list.reduce((sum, r) => sum + r[key], 0) / list.length;
  const row = (name: string, list: LoadResult[]) =>
    `${name.padEnd(44)} ${mean(list, 'requestsPerSecond').toFixed(0).padStart(7)} req/s   p50 ${mean(list, 'p50').toFixed(1).padStart(5)} ms   p99 ${mean(list, 'p99').toFixed(1).padStart(6)} ms   non-2xx ${mean(list, 'non2xx').toFixed(0)}`;
  console.log(`\n${title}`);
  console.log(row(`baseline: ${baseline}`, results.bare));
  console.log(row(`Padu: ${subject}`, results.padu));
  results.padu.forEach((padu, i) => console.log(`  round ${i + 1}: ratio ${(padu.requestsPerSecond / results.bare[i]!.requestsPerSecond).toFixed(2)}`));
  const ratio = mean(results.padu, 'requestsPerSecond') / mean(results.bare, 'requestsPerSecond');
  console.log(`ratio Padu / baseline: ${ratio.toFixed(2)} (target ≥ 0.60)`);
}
