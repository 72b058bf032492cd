/**
 * Import from a legacy app (BENCH_ONLY=impor): a 100,000-row resident CSV (valid generated data,
 * BENCH_IMPOR_ROWS to change) through Padu's import — read, mapped, every row checked by the
 * registry's rules (NIK/No. KK, code lists, families), then applied as a batched upsert by NIK with
 * families, provenance and one outbox event per resident — against PostgreSQL `COPY` of the same
 * file into a plain table of the file's columns, in the same run; and, the comparison the target
 * is read against, `COPY` of the same rows, as stored, into the registry's own tables (every
 * constraint, index, foreign key and trigger Padu's write meets). An earlier version copied into
 * `CREATE TABLE … (LIKE … INCLUDING ALL)` tables, which lack the foreign key and the trigger.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../src/core/audit/actor.js';
import { createAplikasi } from '../src/integration/katalog/aplikasi.js';
import { Access } from '../src/core/authz/access.js';
import { contohCsvPenduduk, CONTOH_HEADER } from '../src/integration/impor/contoh.js';
import { getImpor, periksa, terapkan, unggah } from '../src/integration/impor/layanan.js';
import { jalankan, klaim } from '../src/integration/impor/pekerja.js';
import type { RunningServer } from '../src/server.js';

const ROWS = Number(process.env.BENCH_IMPOR_ROWS ?? 100_000);

async function copyFile(pool: pg.Pool, table: string, csv: Buffer): Promise<void> {
  const client = await pool.connect();
  try {
    await pipeline(Readable.from([csv]), client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)));
  } finally {
    client.release();
  }
}

export async function imporBench(server: RunningServer): Promise<void> {
  const { kernel } = server;
  const db = kernel.db;
  console.log(`\nImport of a legacy export: ${ROWS.toLocaleString('en')} residents from CSV, full validation, against COPY`);
  const csv = Buffer.from(contohCsvPenduduk(ROWS, 500_000));
  const everything = new Access([{ role: 'admin', scopeType: 'city', scopeCode: null }]);
  const actor = systemActor('bench');
  await createAplikasi(kernel, actor, everything, { kode: 'bench-siak', nama: 'SIAK lama (bench)', jenis: 'lainnya' });

  // Baseline 1: COPY of the same file into a plain table of its columns (best of 2).
  const columns = CONTOH_HEADER.map((_h, i) => `c${i} text`).join(', ');
  let copySeconds = Infinity;
  for (let round = 0; round < 2; round++) {
    await sql.raw(`CREATE TABLE public.bench_impor_csv (${columns})`).execute(db);
    const started = performance.now();
    await copyFile(kernel.database.pool, 'public.bench_impor_csv', csv);
    copySeconds = Math.min(copySeconds, (performance.now() - started) / 1000);
    await sql`DROP TABLE public.bench_impor_csv`.execute(db);
  }

  // Padu: upload (read + store the file), dry-run (every row through the registry's rules), apply.
  const started = performance.now();
  const up = await unggah(kernel, actor, { aplikasi: 'bench-siak', dataset: 'penduduk', nama: 'siak.csv', isi: csv });
  const uploaded = performance.now();
  const checked = await periksa(kernel, actor, up.id, undefined);
  if ((checked.tidak_valid ?? 0) > 0) throw new Error(`bench data has invalid rows: ${JSON.stringify(checked.ringkasan?.aturan)}`);
  const dryRun = performance.now();
  await terapkan(kernel, actor, up.id);
  const job = await klaim(kernel, 'bench', up.id);
  if (job) await jalankan(kernel, 'bench', job);
  for (;;) {
    const now = await getImpor(db, up.id);
    if (now.status === 'selesai') break;
    if (now.status === 'gagal') throw new Error(now.galat ?? 'import failed');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const paduSeconds = (performance.now() - started) / 1000;
  const applySeconds = (performance.now() - dryRun) / 1000;
  const done = await getImpor(db, up.id);
  if (done.dibuat !== ROWS) throw new Error(`expected ${ROWS} residents created, got ${done.dibuat}`);

  // Baseline 2: the same rows as Padu stored them, COPY'd into the registry's own tables (their
  // constraints, indexes, foreign key and trigger), committed. Between rounds the rows are deleted
  // and the tables vacuumed, so each round starts where Padu's import started; the last round
  // leaves them as Padu stored them.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'padu-impor-'));
  await fs.chmod(dir, 0o777);
  const files = { keluarga: path.join(dir, 'keluarga.csv'), penduduk: path.join(dir, 'penduduk.csv') };
  const families = sql.raw(`SELECT no_kk FROM penduduk.keluarga WHERE alamat = 'Jl. Impor No. 1'`);
  await sql.raw(`COPY (SELECT * FROM penduduk.keluarga WHERE alamat = 'Jl. Impor No. 1') TO '${files.keluarga}' WITH (FORMAT csv)`).execute(db);
  await sql.raw(`COPY (SELECT * FROM penduduk.penduduk WHERE nama LIKE 'Warga Impor %') TO '${files.penduduk}' WITH (FORMAT csv)`).execute(db);
  let registrySeconds = Infinity;
  for (let round = 0; round < 2; round++) {
    await sql`DELETE FROM penduduk.penduduk WHERE no_kk IN (${families})`.execute(db);
    await sql`DELETE FROM penduduk.keluarga WHERE no_kk IN (${families})`.execute(db);
    await sql`VACUUM (ANALYZE) penduduk.penduduk, penduduk.keluarga`.execute(db);
    const t0 = performance.now();
    await db.transaction().execute(async (trx) => {
      await sql.raw(`COPY penduduk.keluarga FROM '${files.keluarga}' WITH (FORMAT csv)`).execute(trx);
      await sql.raw(`COPY penduduk.penduduk FROM '${files.penduduk}' WITH (FORMAT csv)`).execute(trx);
    });
    registrySeconds = Math.min(registrySeconds, (performance.now() - t0) / 1000);
  }
  await fs.rm(dir, { recursive: true, force: true });
  const restored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM penduduk.penduduk WHERE nama LIKE 'Warga Impor %'`.execute(db);
  if (restored.rows[0]!.n !== ROWS) throw new Error(`baseline left ${restored.rows[0]!.n} residents, expected ${ROWS}`);

  const rate = (seconds: number) => (ROWS / seconds).toFixed(0).padStart(9);
  console.log(`${'baseline: COPY of the file into a plain table (best of 2)'.padEnd(62)}${rate(copySeconds)} rows/s  (${copySeconds.toFixed(2)} s)`);
  console.log(`${'baseline: COPY of the rows into the registry tables (best of 2)'.padEnd(62)}${rate(registrySeconds)} rows/s  (${registrySeconds.toFixed(2)} s)`);
  console.log(`${'Padu: upload + dry-run + apply, full validation'.padEnd(62)}${rate(paduSeconds)} rows/s  (${paduSeconds.toFixed(2)} s: upload ${((uploaded - started) / 1000).toFixed(2)}, dry-run ${((dryRun - uploaded) / 1000).toFixed(2)}, apply ${applySeconds.toFixed(2)})`);
  console.log(`ratio Padu / COPY of the file into a plain table: ${(copySeconds / paduSeconds).toFixed(2)}`);
  console.log(`ratio Padu / COPY into the registry tables: ${(registrySeconds / paduSeconds).toFixed(2)} (target ≥ 0.50: the same rows into the same tables)`);
}
