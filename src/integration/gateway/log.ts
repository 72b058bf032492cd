import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from '../../core/db/schema.js';
import { AppError } from '../../core/http/errors.js';
import type { AnyDb } from '../db.js';

/** One gateway call, as the message log keeps it. */
export interface LogEntry {
  at: Date;
  requestId: string;
  layananId: string;
  klienId: string;
  penyediaId: string;
  metode: string;
  path: string;
  status: number;
  durasiMs: number;
  ukuranRequest: number;
  ukuranResponse: number;
  galat: string | null;
  isiRequest: string | null;
  isiResponse: string | null;
}

interface Meter {
  layananId: string;
  klienId: string;
  jam: Date;
  jumlah: number;
  gagal: number;
  totalMs: number;
  bytesRequest: number;
  bytesResponse: number;
  terakhir: Date;
}

export interface GatewayLogOptions {
  flushMs?: number;
  maxRows?: number;
  /** Rows kept in memory at most while the database is unavailable; older ones are dropped. */
  maxBuffered?: number;
  warn?: (message: string, details: Record<string, unknown>) => void;
}

const HOUR = 3_600_000;
/** Message-log rows older than this are deleted (the hourly meter is kept). */
export const LOG_RETENTION_DAYS = 90;
export const isFailure = (status: number, galat: string | null) => status >= 500 || galat !== null;

/**
 * The message log and the per-service meter, written in batches: calls are buffered in memory and
 * flushed every second (or at `maxRows`), in one transaction: a COPY for the log rows (the cheapest
 * way PostgreSQL takes rows, for both sides: a busy gateway logs thousands a second) and one upsert
 * for the meter, so logging never waits on the request's hot path. close() flushes what is left.
 */
export class GatewayLog {
  private rows: LogEntry[] = [];
  private meters = new Map<string, Meter>();
  private lastMeter: Meter | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** A flush for `maxRows` is queued and has not taken the rows yet (one at a time is enough). */
  private queued = false;
  private readonly timer: NodeJS.Timeout;
  private readonly maxRows: number;
  private readonly maxBuffered: number;
  private lastPrune = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly pool: pg.Pool,
    private readonly options: GatewayLogOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 500;
    this.maxBuffered = options.maxBuffered ?? 50_000;
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 1000);
    this.timer.unref();
  }

  add(entry: LogEntry): void {
    if (this.rows.length >= this.maxBuffered) this.rows.shift();
    this.rows.push(entry);
    const hour = Math.floor(entry.at.getTime() / HOUR) * HOUR;
    // A busy service sees the same caller call after call: its meter is the one the last call used.
    let meter = this.lastMeter;
    if (meter === null || meter.layananId !== entry.layananId || meter.klienId !== entry.klienId || meter.jam.getTime() !== hour) {
      const key = `${entry.layananId}|${entry.klienId}|${hour}`;
      meter = this.meters.get(key) ?? null;
      if (meter === null) {
        meter = { layananId: entry.layananId, klienId: entry.klienId, jam: new Date(hour), jumlah: 0, gagal: 0, totalMs: 0, bytesRequest: 0, bytesResponse: 0, terakhir: entry.at };
        this.meters.set(key, meter);
      }
      this.lastMeter = meter;
    }
    meter.jumlah++;
    if (isFailure(entry.status, entry.galat)) meter.gagal++;
    meter.totalMs += entry.durasiMs;
    meter.bytesRequest += entry.ukuranRequest;
    meter.bytesResponse += entry.ukuranResponse;
    if (entry.at > meter.terakhir) meter.terakhir = entry.at;
    if (this.rows.length >= this.maxRows && !this.queued) {
      this.queued = true;
      void this.flush();
    }
  }

  /** Writes everything buffered so far; resolves when it is stored. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** One transaction: the rows by COPY, the meter by upsert. */
  private async store(rows: LogEntry[], meters: Meter[]): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      if (rows.length > 0) {
        let text = '';
        for (const row of rows) text += copyLine(row);
        await new Promise<void>((resolve, reject) => {
          const copy = client.query(copyFrom(`COPY integrasi.gw_log (${LOG_COLUMNS}) FROM STDIN`));
          copy.on('error', reject);
          copy.on('finish', resolve);
          copy.end(text);
        });
      }
      if (meters.length > 0) {
        await client.query(METER_UPSERT, [
          meters.map((m) => m.layananId), meters.map((m) => m.klienId), meters.map((m) => m.jam), meters.map((m) => m.jumlah),
          meters.map((m) => m.gagal), meters.map((m) => m.totalMs), meters.map((m) => m.bytesRequest), meters.map((m) => m.bytesResponse),
          meters.map((m) => m.terakhir),
        ]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Deletes message-log rows past the retention period; returns how many. */
  async prune(now = new Date()): Promise<number> {
    this.lastPrune = now.getTime();
    const cutoff = new Date(now.getTime() - LOG_RETENTION_DAYS * 86_400_000);
    const result = await sql`DELETE FROM integrasi.gw_log WHERE at < ${cutoff}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  private async write(): Promise<void> {
    if (Date.now() - this.lastPrune > HOUR) {
      await this.prune().catch((error: Error) => this.options.warn?.('gateway message log prune failed', { error: error.message }));
    }
    this.queued = false;
    if (this.rows.length === 0 && this.meters.size === 0) return;
    const rows = this.rows;
    const meters = [...this.meters.values()];
    this.rows = [];
    this.meters = new Map();
    this.lastMeter = null;
    try {
      await this.store(rows, meters);
    } catch (error) {
      // Keep the batch for the next flush (bounded), so a database hiccup loses nothing.
      this.options.warn?.('gateway message log flush failed', { error: (error as Error).message, rows: rows.length });
      this.rows = [...rows, ...this.rows].slice(-this.maxBuffered);
      for (const m of meters) {
        const key = `${m.layananId}|${m.klienId}|${m.jam.getTime()}`;
        const current = this.meters.get(key);
        if (!current) this.meters.set(key, m);
        else {
          current.jumlah += m.jumlah;
          current.gagal += m.gagal;
          current.totalMs += m.totalMs;
          current.bytesRequest += m.bytesRequest;
          current.bytesResponse += m.bytesResponse;
          if (m.terakhir > current.terakhir) current.terakhir = m.terakhir;
        }
      }
    }
  }
}

const LOG_COLUMNS = 'at, request_id, layanan_id, klien_aplikasi_id, penyedia_aplikasi_id, metode, path, status, durasi_ms, ukuran_request, ukuran_response, galat, isi_request, isi_response';
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** A text value in COPY's text format (\N is NULL). */
const copyText = (value: string | null): string =>
  value === null ? '\\N' : COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;

function copyLine(r: LogEntry): string {
  return `${r.at.toISOString()}\t${copyText(r.requestId)}\t${r.layananId}\t${r.klienId}\t${r.penyediaId}\t${copyText(r.metode)}\t${copyText(r.path)}\t${r.status}\t${r.durasiMs}\t${r.ukuranRequest}\t${r.ukuranResponse}\t${copyText(r.galat)}\t${copyText(r.isiRequest)}\t${copyText(r.isiResponse)}\n`;
}

const METER_UPSERT = `
  INSERT INTO integrasi.gw_meter AS m (layanan_id, klien_aplikasi_id, jam, jumlah, gagal, total_ms, bytes_request, bytes_response, terakhir)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::float8[], $7::bigint[], $8::bigint[], $9::timestamptz[])
  ON CONFLICT (layanan_id, klien_aplikasi_id, jam) DO UPDATE SET
    jumlah = m.jumlah + EXCLUDED.jumlah, gagal = m.gagal + EXCLUDED.gagal, total_ms = m.total_ms + EXCLUDED.total_ms,
    bytes_request = m.bytes_request + EXCLUDED.bytes_request, bytes_response = m.bytes_response + EXCLUDED.bytes_response,
    terakhir = GREATEST(m.terakhir, EXCLUDED.terakhir)`;

// ------------------------------------------------------------------------------ metrics

export interface Metrik {
  layananId: string;
  panggilan: number;
  gagal: number;
  ditolak: number;
  p50Ms: number | null;
  p95Ms: number | null;
  terakhir: string | null;
}

/** Calls, failures (5xx or answered by the gateway), denials, p50/p95 latency in the last `hari` days; last call ever. */
export async function metrikLayanan(db: AnyDb, ids: string[], hari: number): Promise<Map<string, Metrik>> {
  const result = new Map<string, Metrik>();
  if (ids.length === 0) return result;
  for (const id of ids) result.set(id, { layananId: id, panggilan: 0, gagal: 0, ditolak: 0, p50Ms: null, p95Ms: null, terakhir: null });
  const since = new Date(Date.now() - hari * 86_400_000);
  const [logRows, lastRows] = await Promise.all([
    sql<{ layanan_id: string; panggilan: string; gagal: string; ditolak: string; p50: number | null; p95: number | null }>`
      SELECT layanan_id, count(*) AS panggilan,
        count(*) FILTER (WHERE status >= 500 OR galat IS NOT NULL) AS gagal,
        count(*) FILTER (WHERE galat = 'integrasi.gw_tidak_diizinkan') AS ditolak,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY durasi_ms) AS p50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY durasi_ms) AS p95
      FROM integrasi.gw_log WHERE layanan_id = ANY(${ids}::uuid[]) AND at >= ${since}
      GROUP BY layanan_id`.execute(db),
    sql<{ layanan_id: string; terakhir: Date }>`
      SELECT layanan_id, max(terakhir) AS terakhir FROM integrasi.gw_meter WHERE layanan_id = ANY(${ids}::uuid[]) GROUP BY layanan_id`.execute(db),
  ]);
  for (const r of logRows.rows) {
    const m = result.get(r.layanan_id)!;
    m.panggilan = Number(r.panggilan);
    m.gagal = Number(r.gagal);
    m.ditolak = Number(r.ditolak);
    m.p50Ms = r.p50 === null ? null : Math.round(r.p50 * 10) / 10;
    m.p95Ms = r.p95 === null ? null : Math.round(r.p95 * 10) / 10;
  }
  for (const r of lastRows.rows) result.get(r.layanan_id)!.terakhir = r.terakhir.toISOString();
  return result;
}

/** Calls per caller app for one service over the period (from the meter). */
export async function pemanggilLayanan(db: AnyDb, id: string, hari: number) {
  const since = new Date(Date.now() - hari * 86_400_000);
  const { rows } = await sql<{ kode: string; nama: string; jumlah: string; gagal: string; total_ms: number; terakhir: Date }>`
    SELECT a.kode, a.nama, sum(m.jumlah) AS jumlah, sum(m.gagal) AS gagal, sum(m.total_ms) AS total_ms, max(m.terakhir) AS terakhir
    FROM integrasi.gw_meter m JOIN integrasi.aplikasi a ON a.id = m.klien_aplikasi_id
    WHERE m.layanan_id = ${id}::uuid AND m.jam >= ${new Date(Math.floor(since.getTime() / HOUR) * HOUR)}
    GROUP BY a.kode, a.nama ORDER BY sum(m.jumlah) DESC`.execute(db);
  return rows.map((r) => ({
    kode: r.kode,
    nama: r.nama,
    panggilan: Number(r.jumlah),
    gagal: Number(r.gagal),
    rataRataMs: Number(r.jumlah) > 0 ? Math.round((r.total_ms / Number(r.jumlah)) * 10) / 10 : null,
    terakhir: r.terakhir.toISOString(),
  }));
}

// ------------------------------------------------------------------------------ search

export interface LogFilter {
  layanan?: string;
  klien?: string;
  penyedia?: string;
  status?: string;
  dari?: string;
  sampai?: string;
  cursor?: string;
  limit?: number;
  /** OPD-scoped readers: only calls from or to apps of these OPDs; undefined/null = all. */
  opds?: string[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const appRef = (column: string, ref: string) =>
  UUID.test(ref) ? sql`${sql.ref(column)} = ${ref}::uuid` : sql`${sql.ref(column)} = (SELECT id FROM integrasi.aplikasi WHERE kode = ${ref.toLowerCase()})`;

export async function searchLog(db: AnyDb, filter: LogFilter) {
  const where = [sql`true`];
  if (filter.layanan) {
    if (!UUID.test(filter.layanan)) throw new AppError('integrasi.gw_layanan_not_found', { ref: filter.layanan });
    where.push(sql`g.layanan_id = ${filter.layanan}::uuid`);
  }
  if (filter.klien) where.push(appRef('g.klien_aplikasi_id', filter.klien));
  if (filter.penyedia) where.push(appRef('g.penyedia_aplikasi_id', filter.penyedia));
  if (filter.status) {
    const klass = /^([1-5])xx$/.exec(filter.status);
    if (klass) where.push(sql`g.status / 100 = ${Number(klass[1])}`);
    else if (filter.status === 'gagal') where.push(sql`(g.status >= 500 OR g.galat IS NOT NULL)`);
    else where.push(sql`g.status = ${Number(filter.status)}`);
  }
  if (filter.dari) where.push(sql`g.at >= ${new Date(filter.dari)}`);
  if (filter.sampai) where.push(sql`g.at < ${new Date(filter.sampai)}`);
  if (filter.cursor) {
    if (!/^\d{1,18}$/.test(filter.cursor)) throw new AppError('request.invalid_cursor');
    where.push(sql`g.id < ${filter.cursor}::bigint`);
  }
  if (filter.opds) where.push(sql`(lower(p.opd_kode) = ANY(${filter.opds}::text[]) OR lower(k.opd_kode) = ANY(${filter.opds}::text[]))`);
  const limit = filter.limit ?? 50;
  const { rows } = await sql<{
    id: string; at: Date; request_id: string; layanan_id: string; layanan_kode: string; klien_kode: string; penyedia_kode: string;
    metode: string; path: string; status: number; durasi_ms: number; ukuran_request: string; ukuran_response: string; galat: string | null;
    isi_request: string | null; isi_response: string | null;
  }>`
    SELECT g.id, g.at, g.request_id, g.layanan_id, l.kode AS layanan_kode, k.kode AS klien_kode, p.kode AS penyedia_kode, g.metode, g.path,
      g.status, g.durasi_ms, g.ukuran_request, g.ukuran_response, g.galat, g.isi_request, g.isi_response
    FROM integrasi.gw_log g
    JOIN integrasi.gw_layanan l ON l.id = g.layanan_id
    JOIN integrasi.aplikasi k ON k.id = g.klien_aplikasi_id
    JOIN integrasi.aplikasi p ON p.id = g.penyedia_aplikasi_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY g.id DESC LIMIT ${limit + 1}`.execute(db);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      requestId: r.request_id,
      layanan: { id: r.layanan_id, kode: r.layanan_kode },
      klien: r.klien_kode,
      penyedia: r.penyedia_kode,
      metode: r.metode,
      path: r.path,
      status: r.status,
      durasiMs: Math.round(r.durasi_ms * 10) / 10,
      ukuranRequest: Number(r.ukuran_request),
      ukuranResponse: Number(r.ukuran_response),
      galat: r.galat,
      isiRequest: r.isi_request,
      isiResponse: r.isi_response,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
