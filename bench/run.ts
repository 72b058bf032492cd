/**
 * `npm run bench`: Padu against a baseline measured in the same run, on the same database.
 * Settings: BENCH_SECONDS (per round, default 10), BENCH_ROUNDS (default 2), BENCH_CONNECTIONS
 * (default 50), DATABASE_URL (external PostgreSQL instead of a fresh embedded one).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/core/config.js';
import { createLogger } from '../src/core/logger.js';
import { startServer } from '../src/server.js';
import { authenticatedReadBench } from './authenticated-read.js';
import type { LoadResult } from './lib/load.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'padu-bench-'));
await fs.chmod(dataDir, 0o755);
const config = loadConfig({
  ...process.env,
  PORT: '0',
  PADU_DATA_DIR: dataDir,
  PADU_ADMIN_PASSWORD: 'bench-admin-password',
  PADU_LOG_LEVEL: 'warn',
});
const server = await startServer(config, { log: createLogger('warn') });
console.log(`Padu bench on ${server.kernel.database.kind} PostgreSQL, ${os.cpus().length} cores, ${connections} connections, ${rounds}×${seconds}s per side`);

try {
  const { padu, bare } = await authenticatedReadBench({ server, kernel: server.kernel, connections, seconds, rounds });
  const mean = (list: LoadResult[], key: keyof LoadResult) => list.reduce((sum, r) => sum + r[key], 0) / list.length;
  const row = (name: string, list: LoadResult[]) =>
    `${name.padEnd(38)} ${mean(list, 'requestsPerSecond').toFixed(0).padStart(8)} req/s   p50 ${mean(list, 'p50').toFixed(1).padStart(5)} ms   p99 ${mean(list, 'p99').toFixed(1).padStart(6)} ms   non-2xx ${mean(list, 'non2xx').toFixed(0)}`;
  console.log('\nAuthenticated GET of one record (session + permission + read)');
  console.log(row('baseline: bare Fastify + pg, no auth', bare));
  console.log(row('Padu: GET /api/v1/users/:id', padu));
  for (let i = 0; i < rounds; i++) {
    console.log(`  round ${i + 1}: ratio ${(padu[i]!.requestsPerSecond / bare[i]!.requestsPerSecond).toFixed(2)}`);
  }
  const ratio = mean(padu, 'requestsPerSecond') / mean(bare, 'requestsPerSecond');
  console.log(`ratio Padu / baseline: ${ratio.toFixed(2)} (target ≥ 0.60)`);
} finally {
  await server.close();
  await fs.rm(dataDir, { recursive: true, force: true });
}
