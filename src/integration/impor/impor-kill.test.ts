/**
 * SIGKILL in the middle of an import: a real `padu serve` process on the test database is killed
 * with -9 while it applies batches; a new process takes the job over once the lease runs out and
 * finishes it with exactly the file's rows: no duplicates, no lost batch, one event per resident.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { packageRoot } from '../../core/paths.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { ApiClient } from '../../../test/helpers/server.js';
import { contohCsvPenduduk } from './contoh.js';

const ROWS = 30_000;
const ADMIN_PASSWORD = 'rahasia-admin-kill-1';
/** Guards against a hung process only; no assertion depends on how long anything takes. */
const GUARD_MS = 240_000;

let database: TestDatabase;
let db: pg.Client;
const children = new Set<ChildProcess>();

function serve(): { child: ChildProcess; url: Promise<string> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    PADU_LOG_LEVEL: 'warn',
    PADU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PADU_DEMO_DATA: 'false',
    PADU_DB_POOL_SIZE: '4',
    PADU_IMPOR_BATCH: '250',
    PADU_IMPOR_LEASE_S: '2',
    PADU_IMPOR_POLL_MS: '200',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { cwd: packageRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('close', () => children.delete(child));
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /berjalan di (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', () => reject(new Error(`padu serve ended before listening:\n${out}`)));
  });
  return { child, url };
}

const query = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;

async function until(what: string, check: () => Promise<boolean>, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + GUARD_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

describe('an import survives SIGKILL of its process', { timeout: GUARD_MS * 2 }, () => {
  before(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });
  after(async () => {
    for (const child of children) child.kill('SIGKILL');
    await db?.end().catch(() => {});
    await database?.drop();
  });

  it('is resumed by a new process and ends with exactly the file’s rows, no duplicates', async () => {
    const first = serve();
    const api = new ApiClient(await first.url);
    assert.equal((await api.login('admin', ADMIN_PASSWORD)).status, 200);
    assert.equal((await api.post('/api/v1/integrasi/aplikasi', { kode: 'sipenduduk-kill', nama: 'SIAK lama', jenis: 'lainnya' })).status, 201);
    const up = await api.request('POST', '/api/v1/integrasi/impor?aplikasi=sipenduduk-kill&dataset=penduduk&nama=besar.csv', {
      raw: contohCsvPenduduk(ROWS), headers: { 'content-type': 'text/csv' },
    });
    assert.equal(up.status, 201, JSON.stringify(up.body));
    const dry = await api.post(`/api/v1/integrasi/impor/${up.body.id}/periksa`, {});
    assert.equal(dry.body.tidakValid, 0);
    assert.equal((await api.post(`/api/v1/integrasi/impor/${up.body.id}/terapkan`)).status, 202);

    // Kill -9 once some batches are committed and others are not.
    await until('some batches to commit', async () => Number((await query('SELECT baris_selesai FROM integrasi.impor WHERE id = $1', [up.body.id]))[0].baris_selesai) >= 1000, 20);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('close', resolve));
    const [killed] = await query('SELECT status, baris_selesai, batch_selesai, batch_total FROM integrasi.impor WHERE id = $1', [up.body.id]);
    assert.equal(killed.status, 'berjalan', 'the process was killed before it finished');
    assert.ok(killed.batch_selesai < killed.batch_total);
    // Committed batches are whole: exactly the checkpoint's rows are in the registry.
    const [partial] = await query(`SELECT count(*)::int AS n FROM penduduk.penduduk WHERE nama LIKE 'Warga Impor %'`);
    assert.equal(partial.n, killed.baris_selesai);

    const second = serve();
    const api2 = new ApiClient(await second.url);
    assert.equal((await api2.login('admin', ADMIN_PASSWORD)).status, 200);
    await until('the import to finish', async () => (await api2.get(`/api/v1/integrasi/impor/${up.body.id}`)).body.status === 'selesai', 200);
    const done = (await api2.get(`/api/v1/integrasi/impor/${up.body.id}`)).body;
    assert.deepEqual(done.hasil, { dibuat: ROWS, diubah: 0, sama: 0, konflik: 0 });
    assert.equal(done.progres.barisSelesai, ROWS);
    const [rows] = await query(`SELECT count(*)::int AS n, count(DISTINCT nik)::int AS niks FROM penduduk.penduduk WHERE nama LIKE 'Warga Impor %'`);
    assert.deepEqual(rows, { n: ROWS, niks: ROWS });
    const [events] = await query(`SELECT count(*)::int AS n, count(DISTINCT entity_id)::int AS ids FROM core.outbox WHERE type = 'penduduk.created'`);
    assert.deepEqual(events, { n: ROWS, ids: ROWS });
    // Every created resident's load has its provenance row (one per committed batch, none twice).
    const [provenans] = await query(`
      SELECT count(*)::int AS n FROM penduduk.penduduk p JOIN integrasi.provenans_muatan m ON m.muatan_id = p.muatan_id
      WHERE p.nama LIKE 'Warga Impor %' AND m.impor_id = $1`, [up.body.id]);
    assert.equal(provenans.n, ROWS);
    const [batches] = await query('SELECT count(*)::int AS n, count(DISTINCT nomor)::int AS nomor FROM integrasi.impor_batch WHERE impor_id = $1', [up.body.id]);
    assert.equal(batches.n, batches.nomor);
    assert.equal(batches.n, done.progres.batchTotal);
    const [job] = await query('SELECT percobaan FROM integrasi.impor WHERE id = $1', [up.body.id]);
    assert.equal(job.percobaan, 2);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('close', resolve));
  });

  it('`padu impor` imports a file from the command line and prints its progress', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'padu-impor-cli-'));
    const file = path.join(dir, 'ekspor.csv');
    await fs.writeFile(file, contohCsvPenduduk(3000, 100_000));
    const env = { ...process.env, DATABASE_URL: database.url, PADU_LOG_LEVEL: 'warn', PADU_IMPOR_BATCH: '1000' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'impor', file, '--aplikasi', 'sipenduduk-kill', '--dataset', 'penduduk'], { cwd: packageRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    await fs.rm(dir, { recursive: true, force: true });
    assert.equal(code, 0, out);
    assert.match(out, /Uji coba: 3\.000 baris valid, 0 tidak valid/);
    assert.match(out, /Diterapkan 3\.000 \/ 3\.000 baris \(100%\)/);
    assert.match(out, /Selesai: 3\.000 dibuat, 0 diubah, 0 sama, 0 konflik/);
    const [rows] = await query(`SELECT count(*)::int AS n FROM penduduk.penduduk WHERE nama LIKE 'Warga Impor %'`);
    assert.equal(rows.n, ROWS + 3000);
    // A file with bad rows: the CLI names them and applies nothing (exit code 1).
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(file, 'NIK,Nama Lengkap\n12345,Salah\n');
    const bad = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'impor', file, '--aplikasi', 'sipenduduk-kill', '--dataset', 'penduduk'], { cwd: packageRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let badOut = '';
    bad.stdout!.on('data', (chunk: Buffer) => (badOut += chunk.toString()));
    bad.stderr!.on('data', (chunk: Buffer) => (badOut += chunk.toString()));
    assert.equal(await new Promise<number | null>((resolve) => bad.once('close', resolve)), 1, badOut);
    assert.match(badOut, /baris 2 NIK: NIK harus 16 digit/);
    assert.match(badOut, /Tidak ada yang diterapkan/);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
