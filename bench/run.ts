/**
 * `npm run bench`: Padu against baselines measured in the same run, on the same database.
 * Settings: BENCH_SECONDS (per round, default 10), BENCH_ROUNDS (default 2), BENCH_CONNECTIONS
 * (default 50), BENCH_ONLY (one benchmark: read, pegawai, penduduk, surat, layanan, token, gateway, webhook, impor). The city-scale resident load
 * (penduduk) takes minutes, so it runs only when named by BENCH_ONLY=penduduk or BENCH_CITY=1.
 * BENCH_POLLS: waves of 1,000 residents polling their request per round (layanan, default 4).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/core/config.js';
import { createLogger } from '../src/core/logger.js';
import { startServer } from '../src/server.js';
import { seedDemo } from '../src/registry/demo/seed.js';
import { authenticatedReadBench, createBenchReader, type BenchSettings } from './authenticated-read.js';
import { pendudukCityBench } from './penduduk-city.js';
import { pegawaiReadBench } from './pegawai-read.js';
import { suratPdfBench } from './surat-pdf.js';
import { layananBench } from './layanan.js';
import { tokenBench } from './token.js';
import { gatewayBench } from './gateway.js';
import { webhookBench } from './webhook.js';
import { imporBench } from './impor.js';

const settings: BenchSettings = {
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  rounds: Number(process.env.BENCH_ROUNDS ?? 2),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
};
const only = process.env.BENCH_ONLY;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'padu-bench-'));
await fs.chmod(dataDir, 0o755);
const config = loadConfig({
  ...process.env,
  PORT: '0',
  PADU_DATA_DIR: dataDir,
  PADU_ADMIN_PASSWORD: 'bench-admin-password',
  PADU_LOG_LEVEL: 'warn',
  // Demo data is seeded below, after the city-scale load (which needs an empty resident table).
  PADU_DEMO_DATA: 'false',
});
const server = await startServer(config, { log: createLogger('warn') });
console.log(
  `Padu bench on ${server.kernel.database.kind} PostgreSQL, ${os.cpus().length} cores, ${settings.connections} connections, ${settings.rounds}×${settings.seconds}s per side`,
);
try {
  await createBenchReader(server);
  if (only === 'penduduk' || process.env.BENCH_CITY === '1') await pendudukCityBench(server);
  await seedDemo(server.kernel, 'small');
  if (!only || only === 'read') await authenticatedReadBench(server, settings);
  if (!only || only === 'pegawai') await pegawaiReadBench(server, settings);
  if (!only || only === 'surat') await suratPdfBench(settings);
  if (!only || only === 'layanan') await layananBench(server, settings);
  if (!only || only === 'token') await tokenBench(server, settings);
  if (!only || only === 'gateway') await gatewayBench(server, settings);
  if (!only || only === 'webhook') await webhookBench(server);
  if (!only || only === 'impor') await imporBench(server);
} finally {
  await server.close();
  await fs.rm(dataDir, { recursive: true, force: true });
}
