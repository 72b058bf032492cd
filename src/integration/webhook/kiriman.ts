import { sql } from 'kysely';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, invalid } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { assertCanManage, canSee, getAplikasi } from '../katalog/aplikasi.js';
import type { AnyDb } from '../db.js';

export const STATUS_KIRIMAN = ['menunggu', 'gagal', 'terkirim', 'mati'] as const;
export type StatusKiriman = (typeof STATUS_KIRIMAN)[number];

export interface KirimanQuery {
  langganan?: string;
  status?: StatusKiriman;
  /** Exact event type or a prefix with `.*`. */
  jenis?: string;
  kode?: number;
  dari?: string;
  sampai?: string;
  eventId?: string;
  cursor?: string;
  limit?: number;
}

interface Row {
  id: string;
  langganan_id: string;
  langganan_nama: string;
  event_id: string;
  posisi: string;
  jenis_event: string;
  kunci_rekaman: string;
  status: StatusKiriman;
  percobaan: number;
  kirim_ulang: number;
  tersedia_pada: Date;
  kode_respons: number | null;
  latensi_ms: number | null;
  galat: string | null;
  cuplikan_respons: string | null;
  terakhir_dicoba: Date | null;
  terkirim_pada: Date | null;
  dibuat_pada: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toKiriman(r: Row) {
  return {
    id: r.id,
    langgananId: r.langganan_id,
    langganan: r.langganan_nama,
    eventId: r.event_id,
    jenisEvent: r.jenis_event,
    rekaman: r.kunci_rekaman,
    status: r.status,
    percobaan: r.percobaan,
    kirimUlang: r.kirim_ulang,
    kodeRespons: r.kode_respons,
    latensiMs: r.latensi_ms,
    galat: r.galat,
    cuplikanRespons: r.cuplikan_respons,
    dibuatPada: r.dibuat_pada.toISOString(),
    terakhirDicoba: iso(r.terakhir_dicoba),
    terkirimPada: iso(r.terkirim_pada),
    /** When a failed delivery is tried next. */
    berikutnya: r.status === 'gagal' || r.status === 'menunggu' ? r.tersedia_pada.toISOString() : null,
  };
}
export type Kiriman = ReturnType<typeof toKiriman>;

const encodeCursor = (id: string) => Buffer.from(`k${id}`).toString('base64url');
function decodeCursor(cursor: string): string {
  const match = /^k(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new AppError('request.invalid_cursor');
  return match[1]!;
}

function date(field: string, raw: string | undefined): Date | null {
  if (!raw) return null;
  const value = new Date(raw);
  if (Number.isNaN(value.getTime())) throw invalid([{ field, rule: 'format', params: { format: 'date-time' } }]);
  return value;
}

/** The delivery log of an app (optionally one subscription), newest first, keyset-paged. */
export async function listKiriman(kernel: Kernel, access: Access, ref: string, query: KirimanQuery) {
  const app = await getAplikasi(kernel.db, ref);
  if (!canSee(access, app)) throw new AppError('auth.forbidden', { permission: 'integrasi.read' });
  const limit = query.limit ?? 50;
  const dari = date('dari', query.dari);
  const sampai = date('sampai', query.sampai);
  const conditions = [sql`k.aplikasi_id = ${app.id}::uuid`];
  if (query.langganan) conditions.push(sql`k.langganan_id = ${query.langganan}::uuid`);
  if (query.status) conditions.push(sql`k.status = ${query.status}`);
  if (query.jenis) conditions.push(query.jenis.endsWith('.*') ? sql`k.jenis_event LIKE ${`${query.jenis.slice(0, -2).replace(/[%_\\]/g, '\\$&')}.%`}` : sql`k.jenis_event = ${query.jenis}`);
  if (query.kode !== undefined) conditions.push(sql`k.kode_respons = ${query.kode}`);
  if (dari) conditions.push(sql`k.dibuat_pada >= ${dari}`);
  if (sampai) conditions.push(sql`k.dibuat_pada < ${sampai}`);
  if (query.eventId) conditions.push(sql`k.event_id = ${query.eventId}::uuid`);
  if (query.cursor) conditions.push(sql`k.id < ${decodeCursor(query.cursor)}::bigint`);
  const { rows } = await sql<Row>`
    SELECT k.id, k.langganan_id, l.nama AS langganan_nama, k.event_id, k.posisi, k.jenis_event, k.kunci_rekaman, k.status, k.percobaan, k.kirim_ulang,
      k.tersedia_pada, k.kode_respons, k.latensi_ms, k.galat, k.cuplikan_respons, k.terakhir_dicoba, k.terkirim_pada, k.dibuat_pada
    FROM integrasi.webhook_kiriman k JOIN integrasi.webhook_langganan l ON l.id = k.langganan_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY k.id DESC
    LIMIT ${limit + 1}`.execute(kernel.db);
  const page = rows.slice(0, limit);
  return { items: page.map(toKiriman), nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null };
}

async function appOfLangganan(db: AnyDb, id: string) {
  const { rows } = await sql<{ aplikasi_id: string }>`SELECT aplikasi_id FROM integrasi.webhook_langganan WHERE id = ${id}::uuid AND status <> 'dihapus'`.execute(db);
  if (!rows[0]) throw new AppError('integrasi.webhook_not_found', { id });
  return getAplikasi(db, rows[0].aplikasi_id);
}

/** Sends one delivery again (whatever its state, unless it is already waiting), with a fresh schedule. */
export async function kirimUlang(kernel: Kernel, actor: Actor, access: Access, id: string): Promise<Kiriman> {
  if (!/^\d{1,18}$/.test(id)) throw new AppError('integrasi.kiriman_not_found', { id });
  return kernel.db.transaction().execute(async (trx) => {
    const { rows } = await sql<Row & { aplikasi_id: string }>`SELECT k.*, k.aplikasi_id FROM integrasi.webhook_kiriman k WHERE k.id = ${id}::bigint FOR UPDATE`.execute(trx);
    const row = rows[0];
    if (!row) throw new AppError('integrasi.kiriman_not_found', { id });
    const app = await getAplikasi(trx, row.aplikasi_id);
    assertCanManage(access, app);
    await sql`UPDATE integrasi.webhook_kiriman SET status = 'menunggu', percobaan = 0, kirim_ulang = kirim_ulang + 1, tersedia_pada = now()
      WHERE id = ${id}::bigint AND status <> 'menunggu'`.execute(trx);
    await recordAudit(trx, actor, { action: 'webhook.resent', entityType: 'aplikasi', entityId: app.id, after: { kirimanId: id, eventId: row.event_id, statusSebelum: row.status } });
    const { rows: after } = await sql<Row>`
      SELECT k.*, l.nama AS langganan_nama FROM integrasi.webhook_kiriman k JOIN integrasi.webhook_langganan l ON l.id = k.langganan_id WHERE k.id = ${id}::bigint`.execute(trx);
    return toKiriman(after[0]!);
  });
}

/**
 * Sends again every failed and dead delivery of a subscription, in feed order (per record the
 * ordering rule still holds). Returns how many were queued.
 */
export async function kirimUlangSemua(kernel: Kernel, actor: Actor, access: Access, langgananId: string): Promise<number> {
  return kernel.db.transaction().execute(async (trx) => {
    const app = await appOfLangganan(trx, langgananId);
    assertCanManage(access, app);
    const { rows } = await sql<{ n: string }>`
      WITH queued AS (
        UPDATE integrasi.webhook_kiriman SET status = 'menunggu', percobaan = 0, kirim_ulang = kirim_ulang + 1, tersedia_pada = now()
        WHERE langganan_id = ${langgananId}::uuid AND status IN ('gagal', 'mati') RETURNING 1)
      SELECT count(*) AS n FROM queued`.execute(trx);
    const n = Number(rows[0]?.n ?? 0);
    await recordAudit(trx, actor, { action: 'webhook.resent_all', entityType: 'aplikasi', entityId: app.id, after: { langgananId, jumlah: n } });
    return n;
  });
}
