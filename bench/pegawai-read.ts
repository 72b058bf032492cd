/**
 * Registry: GET one employee by NIP through the API (session, permission, masking) against the
 * bare route running the same query. Needs the demo data (seeded on the bench's fresh database).
 */
import { sql as rawSql } from 'kysely';
import { selectPegawai } from '../src/registry/pegawai/pegawai-service.js';
import type { RunningServer } from '../src/server.js';
import { createBenchReader, type BenchSettings } from './authenticated-read.js';
import { readVsBare, report, signIn } from './lib/read-vs-bare.js';

export async function pegawaiReadBench(server: RunningServer, settings: BenchSettings): Promise<void> {
  const { kernel } = server;
  await createBenchReader(server);
  const sample = await rawSql<{ nip: string }>`SELECT nip FROM pegawai.pegawai WHERE nip IS NOT NULL ORDER BY nip LIMIT 1`.execute(kernel.db);
  const nip = sample.rows[0]?.nip;
  if (!nip) throw new Error('no employee to read: the demo data is missing');
  const { sql, parameters } = selectPegawai(kernel.db).where('p.nip', '=', nip).compile();
  const results = await readVsBare({
    paduUrl: `${server.url}/api/v1/pegawai/${nip}`,
    cookie: await signIn(server.url, 'bench-reader', 'bench-password-123'),
    sql,
    parameters: [...parameters],
    databaseUrl: kernel.database.url,
    poolSize: kernel.config.dbPoolSize,
    ...settings,
  });
  report('GET one employee by NIP (session + permission + masking + read)', 'bare Fastify + pg, same query', 'GET /api/v1/pegawai/:nip', results);
}
