import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { EVENT_TYPE_PATTERN } from '../../core/events/feed.js';
import { AppError, invalid } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { assertCurrent } from '../../registry/kernel/etag.js';
import type { AnyDb } from '../db.js';
import { assertCanManage, canSee, getAplikasi } from '../katalog/aplikasi.js';
import type { WebhookFilter } from './filter.js';
import { newSecret } from './signature.js';

export const STATUS_LANGGANAN = ['aktif', 'jeda'] as const;
export type StatusLangganan = (typeof STATUS_LANGGANAN)[number];

interface Row {
  id: string;
  aplikasi_id: string;
  aplikasi_kode: string;
  nama: string;
  url: string;
  jenis_event: string[];
  filter: WebhookFilter;
  status: StatusLangganan | 'dihapus';
  rahasia: string;
  rahasia_lama_sampai: Date | null;
  versi: number;
  created_at: Date;
  updated_at: Date;
  menunggu: string;
  gagal: string;
  mati: string;
  terkirim: string;
  terakhir_terkirim: Date | null;
}

export interface Langganan {
  id: string;
  aplikasiId: string;
  aplikasi: string;
  nama: string;
  url: string;
  jenisEvent: string[];
  filter: WebhookFilter;
  status: StatusLangganan;
  /** Last characters of the secret, to tell which one a receiver holds. */
  petunjukRahasia: string;
  rahasiaLamaBerakhir: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  jumlah: { menunggu: number; gagal: number; mati: number; terkirim: number };
  terakhirTerkirim: string | null;
}

export interface LanggananInput {
  nama: string;
  url: string;
  jenisEvent: string[];
  filter?: WebhookFilter;
  status?: StatusLangganan;
}

const SELECT = sql`
  SELECT l.*, a.kode AS aplikasi_kode,
    (SELECT count(*) FROM integrasi.webhook_kiriman k WHERE k.langganan_id = l.id AND k.status = 'menunggu') AS menunggu,
    (SELECT count(*) FROM integrasi.webhook_kiriman k WHERE k.langganan_id = l.id AND k.status = 'gagal') AS gagal,
    (SELECT count(*) FROM integrasi.webhook_kiriman k WHERE k.langganan_id = l.id AND k.status = 'mati') AS mati,
    (SELECT count(*) FROM integrasi.webhook_kiriman k WHERE k.langganan_id = l.id AND k.status = 'terkirim') AS terkirim,
    (SELECT max(terkirim_pada) FROM integrasi.webhook_kiriman k WHERE k.langganan_id = l.id AND k.status = 'terkirim') AS terakhir_terkirim
  FROM integrasi.webhook_langganan l JOIN integrasi.aplikasi a ON a.id = l.aplikasi_id`;

function toLangganan(row: Row): Langganan {
  return {
    id: row.id,
    aplikasiId: row.aplikasi_id,
    aplikasi: row.aplikasi_kode,
    nama: row.nama,
    url: row.url,
    jenisEvent: row.jenis_event,
    filter: row.filter,
    status: row.status as StatusLangganan,
    petunjukRahasia: `…${row.rahasia.slice(-4)}`,
    rahasiaLamaBerakhir: row.rahasia_lama_sampai && row.rahasia_lama_sampai > new Date() ? row.rahasia_lama_sampai.toISOString() : null,
    version: row.versi,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    jumlah: { menunggu: Number(row.menunggu), gagal: Number(row.gagal), mati: Number(row.mati), terkirim: Number(row.terkirim) },
    terakhirTerkirim: row.terakhir_terkirim ? row.terakhir_terkirim.toISOString() : null,
  };
}

/** http(s) only, no credentials in it, a host: anything else is refused with a field error. */
export function checkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid([{ field: 'url', rule: 'format', params: { format: 'uri' } }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid([{ field: 'url', rule: 'pattern', params: { pattern: '^https?://' } }]);
  if (url.username || url.password || !url.hostname) throw invalid([{ field: 'url', rule: 'format', params: { format: 'uri' } }]);
  return url.toString();
}

function checkInput(input: Partial<LanggananInput>): void {
  if (input.jenisEvent && (input.jenisEvent.length === 0 || input.jenisEvent.some((t) => !EVENT_TYPE_PATTERN.test(t)))) {
    throw invalid([{ field: 'jenisEvent', rule: 'pattern', params: { pattern: 'dataset.event or dataset.*' } }]);
  }
}

async function findRow(db: AnyDb, id: string): Promise<Row | null> {
  const { rows } = await sql<Row>`${SELECT} WHERE l.id = ${id}::uuid AND l.status <> 'dihapus'`.execute(db);
  return rows[0] ?? null;
}

export async function listLangganan(kernel: Kernel, access: Access, ref: string): Promise<Langganan[]> {
  const app = await getAplikasi(kernel.db, ref);
  if (!canSee(access, app)) throw new AppError('auth.forbidden', { permission: 'integrasi.read' });
  const { rows } = await sql<Row>`${SELECT} WHERE l.aplikasi_id = ${app.id}::uuid AND l.status <> 'dihapus' ORDER BY l.created_at`.execute(kernel.db);
  return rows.map(toLangganan);
}

/** A subscription the reader may see; unknown → 404. */
export async function getLangganan(kernel: Kernel, access: Access, id: string): Promise<Langganan> {
  const row = await findRow(kernel.db, id);
  if (!row) throw new AppError('integrasi.webhook_not_found', { id });
  const app = await getAplikasi(kernel.db, row.aplikasi_id);
  if (!canSee(access, app)) throw new AppError('auth.forbidden', { permission: 'integrasi.read' });
  return toLangganan(row);
}

/** Creates a subscription; the secret is in this answer only. Events from now on are delivered. */
export async function createLangganan(kernel: Kernel, actor: Actor, access: Access, ref: string, input: LanggananInput): Promise<Langganan & { rahasia: string }> {
  const app = await getAplikasi(kernel.db, ref);
  assertCanManage(access, app);
  const url = checkUrl(input.url);
  checkInput(input);
  const id = uuidv7();
  const rahasia = newSecret();
  await kernel.db.transaction().execute(async (trx) => {
    // Start where fan-out stands, under its lock: every later fan-out sees this subscription, and
    // no event is fanned out between choosing the start and the subscription becoming visible.
    const cursor = await sql<{ posisi: string }>`SELECT posisi FROM integrasi.webhook_kursor WHERE id = 1 FOR UPDATE`.execute(trx);
    const mulai = cursor.rows[0]?.posisi ?? '0';
    await sql`
      INSERT INTO integrasi.webhook_langganan (id, aplikasi_id, nama, url, jenis_event, filter, status, rahasia, mulai_posisi)
      VALUES (${id}, ${app.id}, ${input.nama.trim()}, ${url}, ${[...new Set(input.jenisEvent)]}::text[], ${JSON.stringify(input.filter ?? {})}::jsonb,
        ${input.status ?? 'aktif'}, ${rahasia}, ${mulai})`.execute(trx);
    const after = { nama: input.nama, url, jenisEvent: input.jenisEvent, filter: input.filter ?? {}, status: input.status ?? 'aktif' };
    await recordAudit(trx, actor, { action: 'webhook.created', entityType: 'aplikasi', entityId: app.id, after: { langgananId: id, ...after } });
    await kernel.events.emit(trx, actor, { type: 'webhook.created', entityType: 'webhook_langganan', entityId: id, payload: { id, aplikasi: app.kode } });
  });
  return { ...toLangganan((await findRow(kernel.db, id))!), rahasia };
}

/** Locks the subscription for a change by a manager of its app, at the expected version. */
async function lockForWrite(trx: AnyDb, access: Access, id: string, expected: number) {
  const { rows } = await sql<Row>`SELECT l.*, a.kode AS aplikasi_kode FROM integrasi.webhook_langganan l JOIN integrasi.aplikasi a ON a.id = l.aplikasi_id
    WHERE l.id = ${id}::uuid AND l.status <> 'dihapus' FOR UPDATE OF l`.execute(trx);
  const row = rows[0];
  if (!row) throw new AppError('integrasi.webhook_not_found', { id });
  const app = await getAplikasi(trx, row.aplikasi_id);
  assertCanManage(access, app);
  assertCurrent(row.versi, expected);
  return { row, app };
}

export async function updateLangganan(kernel: Kernel, actor: Actor, access: Access, id: string, expected: number, patch: Partial<LanggananInput>): Promise<Langganan> {
  checkInput(patch);
  const url = patch.url === undefined ? undefined : checkUrl(patch.url);
  await kernel.db.transaction().execute(async (trx) => {
    const { row, app } = await lockForWrite(trx, access, id, expected);
    const before = { nama: row.nama, url: row.url, jenisEvent: row.jenis_event, filter: row.filter, status: row.status };
    const after = {
      nama: patch.nama?.trim() ?? row.nama,
      url: url ?? row.url,
      jenisEvent: patch.jenisEvent ? [...new Set(patch.jenisEvent)] : row.jenis_event,
      filter: patch.filter ?? row.filter,
      status: patch.status ?? row.status,
    };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    await sql`
      UPDATE integrasi.webhook_langganan SET nama = ${after.nama}, url = ${after.url}, jenis_event = ${after.jenisEvent}::text[], filter = ${JSON.stringify(after.filter)}::jsonb,
        status = ${after.status}, versi = versi + 1, updated_at = now()
      WHERE id = ${id}::uuid`.execute(trx);
    await recordAudit(trx, actor, { action: 'webhook.updated', entityType: 'aplikasi', entityId: app.id, before: { langgananId: id, ...before }, after: { langgananId: id, ...after } });
    await kernel.events.emit(trx, actor, { type: 'webhook.updated', entityType: 'webhook_langganan', entityId: id, payload: { id, aplikasi: app.kode, changed } });
  });
  return toLangganan((await findRow(kernel.db, id))!);
}

/** Ends a subscription: nothing more is delivered; its log stays. */
export async function deleteLangganan(kernel: Kernel, actor: Actor, access: Access, id: string, expected: number): Promise<void> {
  await kernel.db.transaction().execute(async (trx) => {
    const { row, app } = await lockForWrite(trx, access, id, expected);
    await sql`UPDATE integrasi.webhook_langganan SET status = 'dihapus', versi = versi + 1, updated_at = now() WHERE id = ${id}::uuid`.execute(trx);
    // Undelivered ones will never go: mark them dead so they do not wait forever.
    await sql`UPDATE integrasi.webhook_kiriman SET status = 'mati', galat = 'langganan dihapus' WHERE langganan_id = ${id}::uuid AND status IN ('menunggu', 'gagal')`.execute(trx);
    await recordAudit(trx, actor, { action: 'webhook.deleted', entityType: 'aplikasi', entityId: app.id, before: { langgananId: id, url: row.url, status: row.status } });
    await kernel.events.emit(trx, actor, { type: 'webhook.deleted', entityType: 'webhook_langganan', entityId: id, payload: { id, aplikasi: app.kode } });
  });
}

/** A new secret (shown once); the old one keeps signing alongside it for `overlapHours`. */
export async function rotateRahasia(kernel: Kernel, actor: Actor, access: Access, id: string, overlapHours: number): Promise<{ rahasia: string; rahasiaLamaBerakhir: string | null }> {
  const rahasia = newSecret();
  const ends = overlapHours > 0 ? new Date(Date.now() + overlapHours * 3600_000) : null;
  await kernel.db.transaction().execute(async (trx) => {
    const { app } = await lockForWrite(trx, access, id, -1);
    await sql`UPDATE integrasi.webhook_langganan SET rahasia_lama = ${ends ? sql`rahasia` : null}, rahasia_lama_sampai = ${ends}, rahasia = ${rahasia},
      versi = versi + 1, updated_at = now() WHERE id = ${id}::uuid`.execute(trx);
    await recordAudit(trx, actor, { action: 'webhook.secret_rotated', entityType: 'aplikasi', entityId: app.id, after: { langgananId: id, oldSecretEnds: ends?.toISOString() ?? null } });
  });
  return { rahasia, rahasiaLamaBerakhir: ends?.toISOString() ?? null };
}
