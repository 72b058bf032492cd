import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { DB } from '../../core/db/schema.js';
import type { Kernel } from '../../core/kernel.js';
import { sidikCocok, sidikNilai } from './sidik.js';
import { datasets, type ApplyRow, type Dataset, type Stored } from './dataset.js';
import { bacaTabel, checkedOf, forget, periksaSemua, type ImporRow } from './layanan.js';

/**
 * The apply worker. Any Padu process runs one: it claims a queued import (or one whose lease ran
 * out: its process died) with FOR UPDATE SKIP LOCKED, and applies it batch by batch. Each batch
 * is one transaction that also advances the checkpoint, so a crash loses at most the batch in
 * flight, which the next owner applies again; applying a batch twice changes nothing.
 */


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

/** An import's load of new records (integrasi.provenans_muatan): the app and the fields it gave. */
interface SumberMuatan {
  aplikasi_id: string;
  kode: string;
  fields: string[];
}

interface Keputusan {
  rows: ApplyRow[];
  provenans: { kunci: string; nilai: Record<string, string> }[];
  /** Fields given by the new records (their provenance is the load's, when the dataset loads in bulk). */
  fieldsBaru: Set<string>;
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
export function putuskan(
  dataset: Dataset, aplikasiId: string, rows: { values: Record<string, string> }[], stored: Map<string, Stored>,
  provenans: Map<string, Provenans[]>, muatan: Map<string, SumberMuatan> = new Map(),
): Keputusan {
  const out: Keputusan = { rows: [], provenans: [], fieldsBaru: new Set(), konflik: [], sama: 0 };
  const norm = dataset.normalKey ?? ((key: string) => key);
  for (const row of rows) {
    const current = stored.get(row.values[dataset.key]!);
    const kunci = norm(row.values[dataset.key]!);
    const given = dataset.compared.filter((f) => row.values[f] !== undefined && row.values[f] !== '');
    if (!current) {
      out.rows.push({ values: row.values, tulis: [...given], baru: true });
      if (dataset.provenansPerMuatan) for (const f of given) out.fieldsBaru.add(f);
      else out.provenans.push({ kunci, nilai: Object.fromEntries(given.map((f) => [f, sidikNilai(row.values[f]!)])) });
      continue;
    }
    const sources = provenans.get(kunci) ?? [];
    // The load that created the record, for the fields nobody changed since.
    const loadedBy = current.muatanId ? muatan.get(current.muatanId) : undefined;
    const tulis: string[] = [];
    const nilai: Record<string, string> = {};
    const conflicts: Keputusan['konflik'] = [];
    for (const field of given) {
      const incoming = row.values[field]!;
      const now = current.values[field] ?? null;
      if (now === null || now === '') {
        tulis.push(field);
        nilai[field] = sidikNilai(incoming);
      } else if (now === incoming) {
        nilai[field] = sidikNilai(incoming);
      } else {
        const from: { aplikasi_id: string; kode: string }[] = sources.filter((p) => sidikCocok(p.nilai[field], now));
        if (loadedBy && loadedBy.fields.includes(field) && !current.berubah?.includes(field)) from.push(loadedBy);
        if (from.some((p) => p.aplikasi_id === aplikasiId)) {
          tulis.push(field);
          nilai[field] = sidikNilai(incoming);
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

/** The import loads that created these records (by the registry's load id). */
export async function sumberMuatanOf(db: Kysely<DB> | Transaction<DB>, muatanIds: string[]): Promise<Map<string, SumberMuatan>> {
  if (muatanIds.length === 0) return new Map();
  const result = await sql<SumberMuatan & { muatan_id: string }>`
    SELECT m.muatan_id, m.aplikasi_id, a.kode, m.fields FROM integrasi.provenans_muatan m JOIN integrasi.aplikasi a ON a.id = m.aplikasi_id
    WHERE m.muatan_id = ANY(${muatanIds}::uuid[])`.execute(db);
  return new Map(result.rows.map((r) => [r.muatan_id, r]));
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

/**
 * The import's batches. Rows keep the file's order, except that the rows of one group (a family's
 * residents) are moved up to the group's first row and never split across batches, so batches
 * applied side by side never need each other's records. The same checked rows give the same plan
 * on every run: a batch number names the same rows after a restart.
 */
export function rencanaBatch<R extends { values: Record<string, string> }>(dataset: Dataset, rows: readonly R[], size: number): R[][] {
  const plan: R[][] = [];
  const group = dataset.kelompok;
  if (!group) {
    for (let start = 0; start < rows.length; start += size) plan.push(rows.slice(start, start + size));
    return plan;
  }
  const keys = rows.map((row, index) => group(row.values) ?? `#${index}`);
  const first = new Map<string, number>();
  keys.forEach((key, index) => first.has(key) || first.set(key, index));
  const order = rows.map((_row, index) => index).sort((x, y) => first.get(keys[x]!)! - first.get(keys[y]!)! || x - y);
  let current: R[] = [];
  let currentKey: string | null = null;
  for (const index of order) {
    const key = keys[index]!;
    if (current.length >= size && key !== currentKey) {
      plan.push(current);
      current = [];
    }
    current.push(rows[index]!);
    currentKey = key;
  }
  if (current.length > 0) plan.push(current);
  return plan;
}

/** Failures another attempt may not meet: a deadlock, a serialisation failure, a lock timeout, a key another writer inserted meanwhile. */
const RETRYABLE = new Set(['40P01', '40001', '55P03', '23505']);
const MAX_ATTEMPTS = 5;

/**
 * Applies a claimed import: the batches not yet committed, `kernel.config.impor.parallel` at a
 * time, each in its own transaction on its own connection that also records the batch as done
 * (integrasi.impor_batch) and adds its counts to the import, so a crash loses at most the batches
 * in flight, which the next owner applies again. `onProgress` after each committed batch.
 */
export async function jalankan(kernel: Kernel, owner: string, job: ImporRow, onProgress?: (done: number, total: number) => void, berhenti?: () => boolean): Promise<'selesai' | 'gagal' | 'lepas'> {
  const dataset = datasets[job.dataset];
  const actor = actorOfJob(job);
  const sumber = `impor:${job.aplikasi_kode}`;
  try {
    const rows = checkedOf(job) ?? (await periksaSemua(kernel, dataset, await bacaTabel(kernel.db, job), job.pemetaan)).rows;
    const done = new Set((await sql<{ nomor: number }>`SELECT nomor FROM integrasi.impor_batch WHERE impor_id = ${job.id}`.execute(kernel.db)).rows.map((r) => r.nomor));
    // Rows the dry-run found valid; a row that broke since (e.g. its family was archived) fails the job before anything is written.
    const bad = rows.filter((r) => r.violations.length > 0);
    if (bad.length > 0 && done.size === 0) throw new Error(`${bad.length} baris tidak valid lagi / rows no longer valid (baris ${bad[0]!.baris}: ${bad[0]!.violations[0]!.rule})`);
    const plan = rencanaBatch(dataset, rows, job.ukuran_batch);
    await sql`UPDATE integrasi.impor SET batch_total = ${plan.length} WHERE id = ${job.id} AND lease_owner = ${owner}`.execute(kernel.db);
    const todo = plan.map((_batch, k) => k).filter((k) => !done.has(k));

    const applyBatch = (k: number) => inClientTransaction(kernel, async (trx, client) => {
      const slice = plan[k]!;
      const batch = slice.filter((r) => r.violations.length === 0);
      const keys = batch.map((r) => r.values[dataset.key]!);
      const stored = await dataset.current(trx, keys);
      // Provenance only matters for records that exist already.
      const loads = [...new Set([...stored.values()].map((r) => r.muatanId).filter((id): id is string => !!id))];
      const decided = putuskan(
        dataset, job.aplikasi_id, batch, stored,
        await provenansOf(trx, dataset.nama, [...stored.keys()].map(dataset.normalKey ?? ((key) => key))), await sumberMuatanOf(trx, loads),
      );
      await simpanProvenans(trx, dataset.nama, job.aplikasi_id, job.id, decided.provenans);
      await simpanKonflik(trx, dataset.nama, job.aplikasi_id, job.id, decided.konflik);
      // The registry's write ends with its audit entry, which holds the trail's head until commit:
      // batches side by side wait for each other only from there on.
      const applied = await dataset.apply(trx, client, kernel.events, actor, sumber, decided.rows);
      if (applied.muatan) {
        await sql`
          INSERT INTO integrasi.provenans_muatan (muatan_id, dataset, aplikasi_id, impor_id, fields)
          VALUES (${applied.muatan}, ${dataset.nama}, ${job.aplikasi_id}, ${job.id}, ${[...decided.fieldsBaru]}::text[])`.execute(trx);
      }
      const sama = decided.sama + (decided.rows.length - applied.dibuat - applied.diubah);
      await sql`
        INSERT INTO integrasi.impor_batch (impor_id, nomor, baris, dibuat, diubah, sama, konflik)
        VALUES (${job.id}, ${k}, ${slice.length}, ${applied.dibuat}, ${applied.diubah}, ${sama}, ${decided.konflik.length})`.execute(trx);
      // Still ours? (Another process takes over only after the lease ran out; then this batch rolls back.)
      const progress = await sql<{ baris_selesai: number }>`
        UPDATE integrasi.impor SET batch_selesai = batch_selesai + 1, baris_selesai = baris_selesai + ${slice.length}, dibuat = dibuat + ${applied.dibuat},
               diubah = diubah + ${applied.diubah}, sama = sama + ${sama}, konflik = konflik + ${decided.konflik.length},
               lease_until = now() + make_interval(secs => ${kernel.config.impor.leaseSeconds})
        WHERE id = ${job.id} AND lease_owner = ${owner} AND status = 'berjalan' RETURNING baris_selesai`.execute(trx);
      if (progress.rows.length === 0) throw new LeaseLost();
      return progress.rows[0]!.baris_selesai;
    });

    let next = 0;
    let failure: unknown = null;
    let stopped = false;
    const lane = async () => {
      while (failure === null && !stopped && next < todo.length) {
        if (berhenti?.()) {
          stopped = true;
          return;
        }
        const k = todo[next++]!;
        try {
          // Not `onProgress?.(await …)`: without a listener that would skip the batch itself.
          const barisSelesai = await applyBatch(k);
          onProgress?.(barisSelesai, rows.length);
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(kernel.config.impor.parallel, todo.length)) }, lane));
    if (failure !== null) throw failure;
    if (stopped) {
      await sql`UPDATE integrasi.impor SET status = 'antre', lease_owner = NULL, lease_until = NULL WHERE id = ${job.id} AND lease_owner = ${owner}`.execute(kernel.db);
      return 'lepas';
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
    if (RETRYABLE.has((error as { code?: string }).code ?? '') && job.percobaan < MAX_ATTEMPTS) {
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
