import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';

interface Tally {
  aplikasiId: string;
  jam: Date;
  metode: string;
  rute: string;
  scope: string;
  jumlah: number;
  gagal: number;
  ditolak: number;
  totalMs: number;
  terakhir: Date;
}

/** Refused outright: no right (401/403) or over the limit (429). */
const REFUSED = new Set([401, 403, 429]);

/**
 * Counts apps' requests per app, hour, endpoint and scope in memory and adds them to
 * integrasi.pemakaian every few seconds in one statement, so metering costs a request no query.
 * Counts of a process that dies before its flush are lost (at most one interval's worth).
 */
export class UsageMeter {
  private tallies = new Map<string, Tally>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Kysely<DB>, private readonly intervalMs = 2_000, private readonly log: (error: Error) => void = () => {}) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  record(aplikasiId: string, metode: string, rute: string, scope: string, status: number, elapsedMs: number): void {
    const now = new Date();
    const jam = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    const key = `${aplikasiId}|${jam.getTime()}|${metode}|${rute}|${scope}`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { aplikasiId, jam, metode, rute, scope, jumlah: 0, gagal: 0, ditolak: 0, totalMs: 0, terakhir: now };
      this.tallies.set(key, tally);
    }
    tally.jumlah += 1;
    if (REFUSED.has(status)) tally.ditolak += 1;
    else if (status >= 400) tally.gagal += 1;
    tally.totalMs += elapsedMs;
    tally.terakhir = now;
  }

  /** Writes what was counted so far; safe to call at any time (calls queue behind each other). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch((error: Error) => this.log(error));
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.tallies.size === 0) return;
    const batch = [...this.tallies.values()];
    this.tallies = new Map();
    try {
      await sql`
        INSERT INTO integrasi.pemakaian AS p (aplikasi_id, jam, metode, rute, scope, jumlah, gagal, ditolak, total_ms, terakhir)
        SELECT * FROM unnest(${batch.map((t) => t.aplikasiId)}::uuid[], ${batch.map((t) => t.jam)}::timestamptz[], ${batch.map((t) => t.metode)}::text[],
          ${batch.map((t) => t.rute)}::text[], ${batch.map((t) => t.scope)}::text[], ${batch.map((t) => t.jumlah)}::bigint[],
          ${batch.map((t) => t.gagal)}::bigint[], ${batch.map((t) => t.ditolak)}::bigint[], ${batch.map((t) => t.totalMs)}::float8[],
          ${batch.map((t) => t.terakhir)}::timestamptz[])
        ON CONFLICT (aplikasi_id, jam, metode, rute, scope) DO UPDATE SET
          jumlah = p.jumlah + excluded.jumlah, gagal = p.gagal + excluded.gagal, ditolak = p.ditolak + excluded.ditolak,
          total_ms = p.total_ms + excluded.total_ms, terakhir = greatest(p.terakhir, excluded.terakhir)`.execute(this.db);
    } catch (error) {
      // An app deleted meanwhile (FK) or a lost connection: keep nothing half-counted, report it.
      this.log(error as Error);
    }
  }
}
