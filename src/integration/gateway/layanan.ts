import { sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import type { DB } from '../../core/db/schema.js';
import { AppError, invalid, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { assertCurrent, expectedVersion } from '../../registry/kernel/etag.js';
import { changedFields } from '../../registry/kernel/history.js';
import type { AnyDb } from '../db.js';
import { assertCanManage, canManage, getAplikasi, type AplikasiRow } from '../katalog/aplikasi.js';
import { normaliseRule } from './aturan.js';

export const STATUS_LAYANAN = ['aktif', 'jeda'] as const;
export type StatusLayanan = (typeof STATUS_LAYANAN)[number];

export const DEFAULTS = { timeoutMs: 10_000, maksRequestBytes: 10 * 1024 * 1024, maksResponseBytes: 10 * 1024 * 1024 };

interface LayananRow {
  id: string;
  aplikasi_id: string;
  aplikasi_kode: string;
  aplikasi_nama: string;
  opd_kode: string | null;
  kode: string;
  nama: string;
  deskripsi: string | null;
  base_url: string;
  ada_openapi: boolean;
  timeout_ms: number;
  maks_request_bytes: number;
  maks_response_bytes: number;
  log_isi: boolean;
  status: StatusLayanan;
  versi: number;
  created_at: Date;
  updated_at: Date;
}

/** A service as the API shows it. */
export interface Layanan {
  id: string;
  aplikasi: { id: string; kode: string; nama: string; opdKode: string | null };
  kode: string;
  nama: string;
  deskripsi: string | null;
  baseUrl: string;
  /** Where other apps call it, relative to Padu's origin. */
  gatewayPath: string;
  adaOpenapi: boolean;
  timeoutMs: number;
  maksRequestBytes: number;
  maksResponseBytes: number;
  logIsi: boolean;
  status: StatusLayanan;
  versi: number;
  createdAt: string;
  updatedAt: string;
}

const toLayanan = (r: LayananRow): Layanan => ({
  id: r.id,
  aplikasi: { id: r.aplikasi_id, kode: r.aplikasi_kode, nama: r.aplikasi_nama, opdKode: r.opd_kode },
  kode: r.kode,
  nama: r.nama,
  deskripsi: r.deskripsi,
  baseUrl: r.base_url,
  gatewayPath: `/gw/${r.aplikasi_kode}/${r.kode}/`,
  adaOpenapi: r.ada_openapi,
  timeoutMs: r.timeout_ms,
  maksRequestBytes: r.maks_request_bytes,
  maksResponseBytes: r.maks_response_bytes,
  logIsi: r.log_isi,
  status: r.status,
  versi: r.versi,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const SELECT_LAYANAN = sql`
  SELECT l.id, l.aplikasi_id, a.kode AS aplikasi_kode, a.nama AS aplikasi_nama, a.opd_kode, l.kode, l.nama, l.deskripsi, l.base_url,
    l.openapi IS NOT NULL AS ada_openapi, l.timeout_ms, l.maks_request_bytes, l.maks_response_bytes, l.log_isi, l.status, l.versi,
    l.created_at, l.updated_at
  FROM integrasi.gw_layanan l JOIN integrasi.aplikasi a ON a.id = l.aplikasi_id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findLayanan(db: AnyDb, id: string, forUpdate = false): Promise<Layanan | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await sql<LayananRow>`${SELECT_LAYANAN} WHERE l.id = ${id}::uuid ${forUpdate ? sql`FOR UPDATE OF l` : sql``}`.execute(db);
  return rows[0] ? toLayanan(rows[0]) : null;
}

export async function requireLayanan(db: AnyDb, id: string, forUpdate = false): Promise<Layanan> {
  const found = await findLayanan(db, id, forUpdate);
  if (!found) throw new AppError('integrasi.gw_layanan_not_found', { ref: id });
  return found;
}

/**
 * The OPDs whose apps a reader sees gateway details of (lower-case codes); null = every app.
 * City-wide readers see everything; an OPD operator (integrasi.read in its OPD) the services its
 * OPD's apps provide and, in the message log, also the calls its apps make.
 */
export function readableOpds(access: Access): string[] | null {
  const scopes = access.scopes('integrasi.read');
  if (scopes.some((s) => s.type === 'city')) return null;
  return scopes.filter((s) => s.type === 'opd' && s.code).map((s) => s.code!.toLowerCase());
}

export interface LayananFilter {
  aplikasi?: string;
  q?: string;
  status?: StatusLayanan;
  /** Only services of apps owned by these OPDs (managers); undefined = all. */
  opds?: string[] | null;
}

export async function listLayanan(db: AnyDb, filter: LayananFilter): Promise<Layanan[]> {
  const where = [sql`true`];
  if (filter.aplikasi) where.push(UUID.test(filter.aplikasi) ? sql`a.id = ${filter.aplikasi}::uuid` : sql`a.kode = ${filter.aplikasi.toLowerCase()}`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(sql`(l.nama ILIKE ${like} OR l.kode ILIKE ${like} OR a.kode ILIKE ${like} OR a.nama ILIKE ${like})`);
  }
  if (filter.status) where.push(sql`l.status = ${filter.status}`);
  if (filter.opds) where.push(sql`lower(a.opd_kode) = ANY(${filter.opds}::text[])`);
  const { rows } = await sql<LayananRow>`${SELECT_LAYANAN} WHERE ${sql.join(where, sql` AND `)} ORDER BY a.kode, l.kode LIMIT 500`.execute(db);
  return rows.map(toLayanan);
}

export interface LayananInput {
  kode: string;
  nama: string;
  deskripsi?: string | null;
  baseUrl: string;
  timeoutMs?: number;
  maksRequestBytes?: number;
  maksResponseBytes?: number;
  logIsi?: boolean;
  status?: StatusLayanan;
  openapi?: Record<string, unknown> | null;
}

/** http(s) only, no credentials or fragment; the trailing slash is dropped. */
export function checkBaseUrl(text: string): { ok: true; value: string } | { ok: false } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.hash || url.search || !url.hostname) return { ok: false };
  return { ok: true, value: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** An OpenAPI document: a JSON object with a 3.x `openapi` version string and a `paths` object. */
export function checkOpenapi(doc: unknown, prefix = 'openapi/'): FieldViolation[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [{ field: prefix ? prefix.slice(0, -1) : 'openapi', rule: 'type', params: { type: 'object' } }];
  const o = doc as Record<string, unknown>;
  const v: FieldViolation[] = [];
  if (typeof o.openapi !== 'string' || !/^3\.\d+(\.\d+)?$/.test(o.openapi)) v.push({ field: `${prefix}openapi`, rule: 'pattern' });
  if (o.paths === null || typeof o.paths !== 'object' || Array.isArray(o.paths)) v.push({ field: `${prefix}paths`, rule: 'type', params: { type: 'object' } });
  return v;
}

function checkInput(input: Partial<LayananInput>): { baseUrl?: string } {
  const v: FieldViolation[] = [];
  let baseUrl: string | undefined;
  if (input.baseUrl !== undefined) {
    const checked = checkBaseUrl(input.baseUrl);
    if (checked.ok) baseUrl = checked.value;
    else v.push({ field: 'baseUrl', rule: 'format', params: { format: 'http(s) URL' } });
  }
  if (v.length > 0) throw invalid(v);
  if (input.openapi !== undefined && input.openapi !== null) {
    const doc = checkOpenapi(input.openapi);
    if (doc.length > 0) throw new AppError('integrasi.gw_openapi_tidak_sah', {}, doc);
  }
  return { baseUrl };
}

async function writeRiwayat(trx: AnyDb, actor: Actor, entry: { entityType: string; entityId: string; version: number; action: string; changed: string[]; snapshot: unknown }) {
  await sql`
    INSERT INTO integrasi.gw_riwayat (entity_type, entity_id, version, action, changed, snapshot, actor_type, actor_id, actor_name, request_id)
    VALUES (${entry.entityType}, ${entry.entityId}, ${entry.version}, ${entry.action}, ${entry.changed}, ${JSON.stringify(entry.snapshot)}::jsonb,
      ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId})`.execute(trx);
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** Services and grants changed: the gateway drops what it cached (this process at once, others within seconds). */
type OnChange = () => void;
const listeners = new Set<OnChange>();
export function onGatewayChange(listener: OnChange): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => {
  for (const listener of listeners) listener();
};

async function inTransaction<T>(kernel: Kernel, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const result = await kernel.db.transaction().execute(work);
  changed();
  return result;
}

export async function createLayanan(kernel: Kernel, actor: Actor, access: Access, aplikasiRef: string, input: LayananInput): Promise<Layanan> {
  const app = await getAplikasi(kernel.db, aplikasiRef);
  assertCanManage(access, app);
  const { baseUrl } = checkInput(input);
  const id = uuidv7();
  const kode = input.kode.trim().toLowerCase();
  try {
    return await inTransaction(kernel, async (trx) => {
      await sql`
        INSERT INTO integrasi.gw_layanan (id, aplikasi_id, kode, nama, deskripsi, base_url, openapi, timeout_ms, maks_request_bytes, maks_response_bytes, log_isi, status)
        VALUES (${id}, ${app.id}, ${kode}, ${input.nama.trim()}, ${input.deskripsi?.trim() || null}, ${baseUrl!},
          ${input.openapi ? JSON.stringify(input.openapi) : null}::jsonb, ${input.timeoutMs ?? DEFAULTS.timeoutMs},
          ${input.maksRequestBytes ?? DEFAULTS.maksRequestBytes}, ${input.maksResponseBytes ?? DEFAULTS.maksResponseBytes},
          ${input.logIsi ?? false}, ${input.status ?? 'aktif'})`.execute(trx);
      const layanan = (await findLayanan(trx, id))!;
      await writeRiwayat(trx, actor, { entityType: 'gw_layanan', entityId: id, version: 1, action: 'created', changed: [], snapshot: layanan });
      await recordAudit(trx, actor, { action: 'gw_layanan.created', entityType: 'gw_layanan', entityId: id, after: layanan });
      await kernel.events.emit(trx, actor, {
        type: 'gw_layanan.created',
        entityType: 'gw_layanan',
        entityId: id,
        payload: { id, aplikasi: app.kode, kode, status: layanan.status, version: 1 },
      });
      return layanan;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('integrasi.gw_layanan_kode_dipakai', { kode, aplikasi: app.kode });
    throw error;
  }
}

const editable = (l: Layanan) => ({
  nama: l.nama,
  deskripsi: l.deskripsi,
  baseUrl: l.baseUrl,
  timeoutMs: l.timeoutMs,
  maksRequestBytes: l.maksRequestBytes,
  maksResponseBytes: l.maksResponseBytes,
  logIsi: l.logIsi,
  status: l.status,
});

export type LayananPatch = Partial<Omit<LayananInput, 'kode' | 'openapi'>>;

async function lockManaged(trx: AnyDb, access: Access, id: string, ifMatch: string | undefined): Promise<{ before: Layanan; app: AplikasiRow }> {
  const version = expectedVersion(ifMatch);
  const before = await requireLayanan(trx, id, true);
  const app = await getAplikasi(trx, before.aplikasi.id);
  assertCanManage(access, app);
  assertCurrent(before.versi, version);
  return { before, app };
}

export async function updateLayanan(kernel: Kernel, actor: Actor, access: Access, id: string, ifMatch: string | undefined, patch: LayananPatch): Promise<Layanan> {
  const { baseUrl } = checkInput(patch);
  return inTransaction(kernel, async (trx) => {
    const { before } = await lockManaged(trx, access, id, ifMatch);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const merged = { ...editable(before), ...defined, ...(baseUrl ? { baseUrl } : {}) };
    if (typeof merged.nama === 'string') merged.nama = merged.nama.trim();
    if (typeof merged.deskripsi === 'string') merged.deskripsi = merged.deskripsi.trim() || null;
    const fields = changedFields(editable(before), merged);
    if (fields.length === 0) return before;
    const version = before.versi + 1;
    await sql`
      UPDATE integrasi.gw_layanan SET nama = ${merged.nama}, deskripsi = ${merged.deskripsi}, base_url = ${merged.baseUrl},
        timeout_ms = ${merged.timeoutMs}, maks_request_bytes = ${merged.maksRequestBytes}, maks_response_bytes = ${merged.maksResponseBytes},
        log_isi = ${merged.logIsi}, status = ${merged.status}, versi = ${version}, updated_at = now()
      WHERE id = ${before.id}`.execute(trx);
    const after = (await findLayanan(trx, before.id))!;
    await writeRiwayat(trx, actor, { entityType: 'gw_layanan', entityId: after.id, version, action: 'updated', changed: fields, snapshot: after });
    await recordAudit(trx, actor, { action: 'gw_layanan.updated', entityType: 'gw_layanan', entityId: after.id, before, after });
    await kernel.events.emit(trx, actor, {
      type: 'gw_layanan.updated',
      entityType: 'gw_layanan',
      entityId: after.id,
      payload: { id: after.id, aplikasi: after.aplikasi.kode, kode: after.kode, status: after.status, version, changed: fields },
    });
    return after;
  });
}

/** Replaces (or with null removes) the service's OpenAPI document. */
export async function setOpenapi(kernel: Kernel, actor: Actor, access: Access, id: string, ifMatch: string | undefined, doc: unknown | null): Promise<Layanan> {
  if (doc !== null) {
    const v = checkOpenapi(doc, '');
    if (v.length > 0) throw new AppError('integrasi.gw_openapi_tidak_sah', {}, v);
  }
  return inTransaction(kernel, async (trx) => {
    const { before } = await lockManaged(trx, access, id, ifMatch);
    const version = before.versi + 1;
    await sql`UPDATE integrasi.gw_layanan SET openapi = ${doc === null ? null : JSON.stringify(doc)}::jsonb, versi = ${version}, updated_at = now() WHERE id = ${before.id}`.execute(trx);
    const after = (await findLayanan(trx, before.id))!;
    const action = doc === null ? 'openapi_removed' : 'openapi_uploaded';
    await writeRiwayat(trx, actor, { entityType: 'gw_layanan', entityId: after.id, version, action, changed: ['openapi'], snapshot: after });
    await recordAudit(trx, actor, { action: `gw_layanan.${action}`, entityType: 'gw_layanan', entityId: after.id, before, after });
    await kernel.events.emit(trx, actor, {
      type: 'gw_layanan.updated',
      entityType: 'gw_layanan',
      entityId: after.id,
      payload: { id: after.id, aplikasi: after.aplikasi.kode, kode: after.kode, status: after.status, version, changed: ['openapi'] },
    });
    return after;
  });
}

export async function openapiOf(db: AnyDb, id: string): Promise<Record<string, unknown>> {
  const { rows } = await sql<{ openapi: Record<string, unknown> | null }>`SELECT openapi FROM integrasi.gw_layanan WHERE id = ${id}::uuid`.execute(db);
  const doc = rows[0]?.openapi;
  if (!doc) throw new AppError('integrasi.gw_openapi_tidak_ada', { ref: id });
  return doc;
}

export async function riwayatLayanan(db: AnyDb, id: string) {
  const { rows } = await sql<{ entity_type: string; entity_id: string; version: number; action: string; changed: string[]; at: Date; actor_type: string; actor_name: string | null }>`
    SELECT r.entity_type, r.entity_id, r.version, r.action, r.changed, r.at, r.actor_type, r.actor_name
    FROM integrasi.gw_riwayat r
    WHERE r.entity_id = ${id}::uuid OR (r.entity_type = 'gw_izin' AND r.snapshot->>'layananId' = ${id})
    ORDER BY r.at DESC, r.version DESC LIMIT 200`.execute(db);
  return rows.map((r) => ({
    entityType: r.entity_type,
    entityId: r.entity_id,
    version: r.version,
    action: r.action,
    changed: r.changed,
    at: r.at.toISOString(),
    actorType: r.actor_type,
    actorName: r.actor_name,
  }));
}

// ------------------------------------------------------------------------------------ grants

interface IzinRow {
  id: string;
  layanan_id: string;
  klien_aplikasi_id: string;
  klien_kode: string;
  klien_nama: string;
  aturan: string[];
  catatan: string | null;
  versi: number;
  created_at: Date;
  updated_at: Date;
}

export interface Izin {
  id: string;
  layananId: string;
  klien: { id: string; kode: string; nama: string };
  aturan: string[];
  catatan: string | null;
  versi: number;
  createdAt: string;
  updatedAt: string;
}

const toIzin = (r: IzinRow): Izin => ({
  id: r.id,
  layananId: r.layanan_id,
  klien: { id: r.klien_aplikasi_id, kode: r.klien_kode, nama: r.klien_nama },
  aturan: r.aturan,
  catatan: r.catatan,
  versi: r.versi,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const SELECT_IZIN = sql`
  SELECT i.id, i.layanan_id, i.klien_aplikasi_id, a.kode AS klien_kode, a.nama AS klien_nama, i.aturan, i.catatan, i.versi, i.created_at, i.updated_at
  FROM integrasi.gw_izin i JOIN integrasi.aplikasi a ON a.id = i.klien_aplikasi_id`;

export async function listIzin(db: AnyDb, layananId: string): Promise<Izin[]> {
  const { rows } = await sql<IzinRow>`${SELECT_IZIN} WHERE i.layanan_id = ${layananId}::uuid ORDER BY a.kode`.execute(db);
  return rows.map(toIzin);
}

async function findIzin(db: AnyDb, layananId: string, izinId: string, forUpdate = false): Promise<Izin> {
  const found = UUID.test(izinId)
    ? await sql<IzinRow>`${SELECT_IZIN} WHERE i.id = ${izinId}::uuid AND i.layanan_id = ${layananId}::uuid ${forUpdate ? sql`FOR UPDATE OF i` : sql``}`.execute(db)
    : { rows: [] };
  if (!found.rows[0]) throw new AppError('integrasi.gw_izin_not_found', { ref: izinId });
  return toIzin(found.rows[0]);
}

function checkAturan(aturan: string[]): string[] {
  const v: FieldViolation[] = [];
  const out: string[] = [];
  aturan.forEach((rule, i) => {
    const normal = normaliseRule(rule);
    if (normal === null) v.push({ field: `aturan/${i}`, rule: 'pattern' });
    else if (!out.includes(normal)) out.push(normal);
  });
  if (v.length > 0) throw invalid(v);
  return out;
}

export interface IzinInput {
  klien: string;
  aturan?: string[];
  catatan?: string | null;
}

export async function grantIzin(kernel: Kernel, actor: Actor, access: Access, layananId: string, input: IzinInput): Promise<Izin> {
  const aturan = checkAturan(input.aturan ?? []);
  const layanan = await requireLayanan(kernel.db, layananId);
  const provider = await getAplikasi(kernel.db, layanan.aplikasi.id);
  assertCanManage(access, provider);
  const klien = await getAplikasi(kernel.db, input.klien);
  const id = uuidv7();
  try {
    return await inTransaction(kernel, async (trx) => {
      await sql`
        INSERT INTO integrasi.gw_izin (id, layanan_id, klien_aplikasi_id, aturan, catatan)
        VALUES (${id}, ${layanan.id}, ${klien.id}, ${aturan}::text[], ${input.catatan?.trim() || null})`.execute(trx);
      const izin = await findIzin(trx, layanan.id, id);
      await writeRiwayat(trx, actor, { entityType: 'gw_izin', entityId: id, version: 1, action: 'granted', changed: [], snapshot: izin });
      await recordAudit(trx, actor, { action: 'gw_izin.granted', entityType: 'gw_izin', entityId: id, after: izin });
      await kernel.events.emit(trx, actor, {
        type: 'gw_izin.granted',
        entityType: 'gw_izin',
        entityId: id,
        payload: { id, layanan: layanan.id, penyedia: layanan.aplikasi.kode, kode: layanan.kode, klien: klien.kode, aturan, version: 1 },
      });
      return izin;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('integrasi.gw_izin_sudah_ada', { klien: klien.kode, kode: layanan.kode });
    throw error;
  }
}

async function lockIzin(trx: AnyDb, access: Access, layananId: string, izinId: string, ifMatch: string | undefined) {
  const version = expectedVersion(ifMatch);
  const layanan = await requireLayanan(trx, layananId);
  const provider = await getAplikasi(trx, layanan.aplikasi.id);
  assertCanManage(access, provider);
  const before = await findIzin(trx, layanan.id, izinId, true);
  assertCurrent(before.versi, version);
  return { layanan, before };
}

export async function updateIzin(
  kernel: Kernel, actor: Actor, access: Access, layananId: string, izinId: string, ifMatch: string | undefined, patch: { aturan?: string[]; catatan?: string | null },
): Promise<Izin> {
  const aturan = patch.aturan === undefined ? undefined : checkAturan(patch.aturan);
  return inTransaction(kernel, async (trx) => {
    const { layanan, before } = await lockIzin(trx, access, layananId, izinId, ifMatch);
    const merged = { aturan: aturan ?? before.aturan, catatan: patch.catatan === undefined ? before.catatan : patch.catatan?.trim() || null };
    const fields = changedFields({ aturan: before.aturan, catatan: before.catatan }, merged);
    if (fields.length === 0) return before;
    const version = before.versi + 1;
    await sql`UPDATE integrasi.gw_izin SET aturan = ${merged.aturan}::text[], catatan = ${merged.catatan}, versi = ${version}, updated_at = now() WHERE id = ${before.id}`.execute(trx);
    const after = await findIzin(trx, layanan.id, before.id);
    await writeRiwayat(trx, actor, { entityType: 'gw_izin', entityId: after.id, version, action: 'updated', changed: fields, snapshot: after });
    await recordAudit(trx, actor, { action: 'gw_izin.updated', entityType: 'gw_izin', entityId: after.id, before, after });
    await kernel.events.emit(trx, actor, {
      type: 'gw_izin.updated',
      entityType: 'gw_izin',
      entityId: after.id,
      payload: { id: after.id, layanan: layanan.id, penyedia: layanan.aplikasi.kode, kode: layanan.kode, klien: after.klien.kode, aturan: after.aturan, version },
    });
    return after;
  });
}

export async function revokeIzin(kernel: Kernel, actor: Actor, access: Access, layananId: string, izinId: string, ifMatch: string | undefined): Promise<void> {
  await inTransaction(kernel, async (trx) => {
    const { layanan, before } = await lockIzin(trx, access, layananId, izinId, ifMatch);
    await sql`DELETE FROM integrasi.gw_izin WHERE id = ${before.id}`.execute(trx);
    await writeRiwayat(trx, actor, { entityType: 'gw_izin', entityId: before.id, version: before.versi + 1, action: 'revoked', changed: [], snapshot: before });
    await recordAudit(trx, actor, { action: 'gw_izin.revoked', entityType: 'gw_izin', entityId: before.id, before });
    await kernel.events.emit(trx, actor, {
      type: 'gw_izin.revoked',
      entityType: 'gw_izin',
      entityId: before.id,
      payload: { id: before.id, layanan: layanan.id, penyedia: layanan.aplikasi.kode, kode: layanan.kode, klien: before.klien.kode },
    });
  });
}

/** May this person see the service: city-wide readers, readers in the provider's OPD, its managers. */
export function canSeeLayanan(access: Access, layanan: Layanan): boolean {
  const opds = readableOpds(access);
  return opds === null || opds.includes(layanan.aplikasi.opdKode?.toLowerCase() ?? '') || canManage(access, { opd_kode: layanan.aplikasi.opdKode });
}
