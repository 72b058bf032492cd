import crypto, { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { DB } from '../../core/db/schema.js';
import type { Kernel } from '../../core/kernel.js';
import { datasets, type ApplyRow, type Dataset, type Stored } from './dataset.js';
import { bacaTabel, checkedOf, forget, periksaSemua, type ImporRow } from './layanan.js';

/**
 * The apply worker. Any Padu process runs one: it claims a queued import (or one whose lease ran
 * out: its process died) with FOR UPDATE SKIP LOCKED, and applies it batch by batch. Each batch
 * is one transaction that also advances the checkpoint, so a crash loses at most the batch in
 * flight, which the next owner applies again; applying a batch twice changes nothing.
 */

/** md5 of a value's canonical text: what provenance keeps of each value. */
export const hashNilai = (value: string) => (crypto as unknown as { hash(alg: string, data: string): string }).hash('md5', value).slice(0, 16);

/** A transaction on one pooled connection, seen both by Kysely and as the raw client (for COPY). */
export async function inClientTransaction<T>(kernel: Kernel, run: (trx: Transaction<DB>, client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await kernel.database.pool.connect();
  const pinned = { query: (...args: unknown[]) => (client.query as (...a: unknown[]) => unknown)(...args), release: () => {} };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: async () => pinned, end: async () => {} } as never }) });
  try {
    await client.query('BEGIN');
    const result = await run(db as unknown as Transaction<DB>, client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
    await db.destroy().catch(() => {});
  }
}

interface Provenans {
  aplikasi_id: string;
  kode: string;
  nilai: Record<string, string>;
}

interface Keputusan {
  rows: ApplyRow[];
  provenans: { kunci: string; nilai: Record<string, string> }[];
  konflik: { kunci: string; field: string; nilaiSekarang: string | null; sumber: Record<string, unknown>; nilaiMasuk: string }[];
  sama: number;
}

/** Fields that must be written together or not at all (a CHECK spans them). */
const GROUPS: Record<string, string[][]> = { pegawai: [['jenis', 'golongan']], penduduk: [], organisasi: [['latitude', 'longitude'], ['jenis', 'kodeWilayah']] };

/**
 * Per record and field: an empty stored value or one that came from this same app is updated; a
 * differing value that came from elsewhere (another app, or an edit through the API/UI: no app's
 * hash matches it) is held as a conflict; equal values only refresh the provenance.
 */
export function putuskan(dataset: Dataset, aplikasiId: string, rows: { values: Record<string, string> }[], stored: Map<string, Stored>, provenans: Map<string, Provenans[]>): Keputusan {
  const out: Keputusan = { rows: [], provenans: [], konflik: [], sama: 0 };
  const norm = dataset.normalKey ?? ((key: string) => key);
  for (const row of rows) {
    const current = stored.get(row.values[dataset.key]!);
    const kunci = norm(row.values[dataset.key]!);
    const given = dataset.compared.filter((f) => row.values[f] !== undefined && row.values[f] !== '');
    if (!current) {
      out.rows.push({ values: row.values, tulis: [...given], baru: true });
      out.provenans.push({ kunci, nilai: Object.fromEntries(given.map((f) => [f, hashNilai(row.values[f]!)])) });
      continue;
    }
    const sources = provenans.get(kunci) ?? [];
    const tulis: string[] = [];
    const nilai: Record<string, string> = {};
    const conflicts: Keputusan['konflik'] = [];
    for (const field of given) {
      const incoming = row.values[field]!;
      const now = current.values[field] ?? null;
      if (now === null || now === '') {
        tulis.push(field);
        nilai[field] = hashNilai(incoming);
      } else if (now === incoming) {
        nilai[field] = hashNilai(incoming);
      } else {
        const h = hashNilai(now);
        const from = sources.filter((p) => p.nilai[field] === h);
        if (from.some((p) => p.aplikasi_id === aplikasiId)) {
          tulis.push(field);
          nilai[field] = hashNilai(incoming);
        } else {
          const other = from[0];
          conflicts.push({
            kunci, field, nilaiSekarang: now, nilaiMasuk: incoming,
            sumber: other ? { jenis: 'aplikasi', aplikasiId: other.aplikasi_id, kode: other.kode } : { jenis: 'registri' },
          });
        }
      }
    }
    for (const group of GROUPS[dataset.nama] ?? []) {
      if (group.some((f) => conflicts.some((c) => c.field === f))) {
        for (const f of group) {
          const at = tulis.indexOf(f);
          if (at >= 0) tulis.splice(at, 1);
        }
      }
    }
    out.konflik.push(...conflicts);
    if (tulis.length > 0) out.rows.push({ values: row.values, tulis, baru: false });
    else if (conflicts.length === 0) out.sama += 1;
    if (Object.keys(nilai).length > 0) out.provenans.push({ kunci, nilai });
  }
  return out;
}

export async function provenansOf(db: Kysely<DB> | Transaction<DB>, dataset: string, keys: string[]): Promise<Map<string, Provenans[]>> {
  if (keys.length === 0) return new Map();
  const result = await sql<Provenans & { kunci: string }>`
    SELECT p.kunci, p.aplikasi_id, a.kode, p.nilai FROM integrasi.provenans p JOIN integrasi.aplikasi a ON a.id = p.aplikasi_id
    WHERE p.dataset = ${dataset} AND p.kunci = ANY(${keys}::text[])`.execute(db);
  const out = new Map<string, Provenans[]>();
  for (const row of result.rows) out.set(row.kunci, [...(out.get(row.kunci) ?? []), row]);
  return out;
}

export async function simpanProvenans(trx: Transaction<DB>, dataset: string, aplikasiId: string, imporId: string, items: { kunci: string; nilai: Record<string, string> }[]): Promise<void> {
  if (items.length === 0) return;
  await sql`
    INSERT INTO integrasi.provenans (dataset, kunci, aplikasi_id, impor_id, at, nilai)
    SELECT ${dataset}, x.k, ${aplikasiId}::uuid, ${imporId}::uuid, now(), x.n
    FROM jsonb_to_recordset(${JSON.stringify(items.map((i) => ({ k: i.kunci, n: i.nilai })))}::jsonb) AS x(k text, n jsonb)
    ON CONFLICT (dataset, kunci, aplikasi_id) DO UPDATE SET nilai = integrasi.provenans.nilai || EXCLUDED.nilai, impor_id = EXCLUDED.impor_id, at = EXCLUDED.at`.execute(trx);
}

async function simpanKonflik(trx: Transaction<DB>, dataset: string, aplikasiId: string, imporId: string, items: Keputusan['konflik']): Promise<void> {
  if (items.length === 0) return;
  await sql`
    INSERT INTO integrasi.konflik (id, dataset, kunci, field, nilai_sekarang, sumber_sekarang, nilai_masuk, aplikasi_id, impor_id)
    SELECT id, ${dataset}, k, f, ns, s, nm, ${aplikasiId}::uuid, ${imporId}::uuid
    FROM unnest(${items.map(() => uuidv7())}::uuid[], ${items.map((i) => i.kunci)}::text[], ${items.map((i) => i.field)}::text[],
                ${items.map((i) => i.nilaiSekarang)}::text[], ${items.map((i) => JSON.stringify(i.sumber))}::jsonb[], ${items.map((i) => i.nilaiMasuk)}::text[]) AS x(id, k, f, ns, s, nm)
    ON CONFLICT (dataset, kunci, field, aplikasi_id) WHERE status = 'terbuka'
    DO UPDATE SET nilai_sekarang = EXCLUDED.nilai_sekarang, sumber_sekarang = EXCLUDED.sumber_sekarang, nilai_masuk = EXCLUDED.nilai_masuk,
                  impor_id = EXCLUDED.impor_id, updated_at = now()`.execute(trx);
}

const actorOfJob = (job: ImporRow): Actor => ({ type: job.actor_type, id: job.actor_id, name: job.actor_name, requestId: `impor:${job.id}` });

/** Claims one import to apply: queued, or running under a lease that ran out. */
export async function klaim(kernel: Kernel, owner: string, id?: string): Promise<ImporRow | null> {
  const only = id ? sql`AND id = ${id}` : sql``;
  const result = await sql<ImporRow>`
    UPDATE integrasi.impor SET status = 'berjalan', lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${kernel.config.impor.leaseSeconds}),
           percobaan = percobaan + 1, mulai_at = coalesce(mulai_at, now())
    WHERE id = (
      SELECT id FROM integrasi.impor
      WHERE (status = 'antre' OR (status = 'berjalan' AND lease_until < now())) ${only}
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(kernel.db);
  const row = result.rows[0];
  if (!row) return null;
  const full = await sql<ImporRow>`
    SELECT i.*, a.kode AS aplikasi_kode, a.nama AS aplikasi_nama, b.nama AS berkas_nama, b.format, b.ukuran
    FROM integrasi.impor i JOIN integrasi.aplikasi a ON a.id = i.aplikasi_id JOIN integrasi.impor_berkas b ON b.id = i.berkas_id WHERE i.id = ${row.id}`.execute(kernel.db);
  return full.rows[0]!;
}

export class LeaseLost extends Error {}

/** Applies a claimed import from its checkpoint to the end; `onProgress` after each committed batch. */
export async function jalankan(kernel: Kernel, owner: string, job: ImporRow, onProgress?: (done: number, total: number) => void, berhenti?: () => boolean): Promise<'selesai' | 'gagal' | 'lepas'> {
  const dataset = datasets[job.dataset];
  const actor = actorOfJob(job);
  const sumber = `impor:${job.aplikasi_kode}`;
  try {
    const rows = checkedOf(job) ?? (await periksaSemua(kernel, dataset, await bacaTabel(kernel.db, job), job.pemetaan)).rows;
    // Rows the dry-run found valid; a row that broke since (e.g. its family was archived) fails the job before anything is written.
    const bad = rows.filter((r) => r.violations.length > 0);
    if (bad.length > 0 && job.batch_selesai === 0) throw new Error(`${bad.length} baris tidak valid lagi / rows no longer valid (baris ${bad[0]!.baris}: ${bad[0]!.violations[0]!.rule})`);
    // Batches are slices of the file's rows, the same on every run, so the checkpoint names the same rows.
    const valid = rows;
    const size = job.ukuran_batch;
    const batchTotal = Math.ceil(valid.length / size);
    for (let k = job.batch_selesai; k < batchTotal; k += 1) {
      if (berhenti?.()) {
        await sql`UPDATE integrasi.impor SET status = 'antre', lease_owner = NULL, lease_until = NULL WHERE id = ${job.id} AND lease_owner = ${owner}`.execute(kernel.db);
        return 'lepas';
      }
      const slice = valid.slice(k * size, (k + 1) * size);
      const batch = slice.filter((r) => r.violations.length === 0);
      const progress = await inClientTransaction(kernel, async (trx, client) => {
        const held = await sql<{ id: string }>`
          UPDATE integrasi.impor SET lease_until = now() + make_interval(secs => ${kernel.config.impor.leaseSeconds})
          WHERE id = ${job.id} AND lease_owner = ${owner} AND status = 'berjalan' AND batch_selesai = ${k} RETURNING id`.execute(trx);
        if (held.rows.length === 0) throw new LeaseLost();
        const keys = batch.map((r) => r.values[dataset.key]!);
        const stored = await dataset.current(trx, keys);
        // Provenance only matters for records that exist already.
        const decided = putuskan(dataset, job.aplikasi_id, batch, stored, await provenansOf(trx, dataset.nama, [...stored.keys()].map(dataset.normalKey ?? ((key) => key))));
        const applied = await dataset.apply(trx, client, kernel.events, actor, sumber, decided.rows);
        await simpanProvenans(trx, dataset.nama, job.aplikasi_id, job.id, decided.provenans);
        await simpanKonflik(trx, dataset.nama, job.aplikasi_id, job.id, decided.konflik);
        const done = await sql<{ baris_selesai: number }>`
          UPDATE integrasi.impor SET batch_selesai = ${k + 1}, baris_selesai = baris_selesai + ${slice.length}, dibuat = dibuat + ${applied.dibuat},
                 diubah = diubah + ${applied.diubah}, sama = sama + ${decided.sama + (decided.rows.length - applied.dibuat - applied.diubah)}, konflik = konflik + ${decided.konflik.length}
          WHERE id = ${job.id} RETURNING baris_selesai`.execute(trx);
        return done.rows[0]!.baris_selesai;
      });
      onProgress?.(progress, valid.length);
    }
    await kernel.db.transaction().execute(async (trx) => {
      const finished = await sql<ImporRow>`
        UPDATE integrasi.impor SET status = 'selesai', selesai_at = now(), lease_owner = NULL, lease_until = NULL
        WHERE id = ${job.id} AND lease_owner = ${owner} RETURNING *`.execute(trx);
      const row = finished.rows[0];
      if (!row) throw new LeaseLost();
      // The file holds personal data (UU PDP): once applied it is no longer needed; its hash, report and provenance stay.
      await sql`UPDATE integrasi.impor_berkas SET isi = ''::bytea WHERE id = ${job.berkas_id}`.execute(trx);
      await recordAudit(trx, actor, {
        action: 'integrasi.impor_selesai', entityType: 'integrasi.impor', entityId: job.id,
        after: { aplikasi: job.aplikasi_kode, dataset: job.dataset, baris: row.baris_selesai, dibuat: row.dibuat, diubah: row.diubah, sama: row.sama, konflik: row.konflik },
      });
      await kernel.events.emit(trx, actor, {
        type: 'impor.selesai', entityType: 'integrasi.impor', entityId: job.id,
        payload: { id: job.id, aplikasi: job.aplikasi_kode, dataset: job.dataset, dibuat: row.dibuat, diubah: row.diubah, konflik: row.konflik },
      });
    });
    forget(job.id);
    return 'selesai';
  } catch (error) {
    if (error instanceof LeaseLost) return 'lepas';
    // A deadlock or serialisation failure with another writer: put it back in the queue, it resumes from its checkpoint.
    if (['40P01', '40001', '55P03'].includes((error as { code?: string }).code ?? '')) {
      await sql`UPDATE integrasi.impor SET status = 'antre', lease_owner = NULL, lease_until = NULL WHERE id = ${job.id} AND lease_owner = ${owner}`.execute(kernel.db).catch(() => {});
      return 'lepas';
    }
    // A closed pool (the process is stopping) leaves the lease to run out: another process resumes.
    if (/pool|terminat|Connection|ECONNREFUSED/i.test(String((error as Error)?.message ?? ''))) return 'lepas';
    await sql`
      UPDATE integrasi.impor SET status = 'gagal', galat = ${String((error as Error)?.message ?? error).slice(0, 500)}, lease_owner = NULL, lease_until = NULL
      WHERE id = ${job.id} AND lease_owner = ${owner}`.execute(kernel.db).catch(() => {});
    return 'gagal';
  }
}

/** The worker of one process: polls for work (and wakes sooner when asked). */
export class PekerjaImpor {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly kernel: Kernel, private readonly intervalMs = kernel.config.impor.pollMs) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.intervalMs);
    this.timer.unref();
    this.wake();
  }

  wake(): void {
    if (this.running || this.stopped) return;
    this.running = (async () => {
      try {
        for (;;) {
          if (this.stopped) return;
          const job = await klaim(this.kernel, this.owner);
          if (!job) return;
          await jalankan(this.kernel, this.owner, job, undefined, () => this.stopped);
        }
      } catch {
        // the next tick tries again
      } finally {
        this.running = null;
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => {});
  }
}

const workers = new WeakMap<Kernel, PekerjaImpor>();

/** Starts this process's worker (serving processes with workers enabled). */
export function mulaiPekerja(kernel: Kernel): PekerjaImpor {
  const worker = new PekerjaImpor(kernel);
  workers.set(kernel, worker);
  worker.start();
  return worker;
}

export async function hentikanPekerja(kernel: Kernel): Promise<void> {
  await workers.get(kernel)?.stop();
  workers.delete(kernel);
}

/** Wakes this process's worker now (after an apply was queued) instead of at its next poll. */
export function bangunkanPekerja(kernel: Kernel): void {
  workers.get(kernel)?.wake();
}
