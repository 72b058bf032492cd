import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { appScopes, isAppScope } from '../../core/authz/app-scopes.js';
import { AppError, invalid, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { referenceExists } from '../../core/references.js';
import { assertCanManage, getAplikasi, type AplikasiRow } from '../katalog/aplikasi.js';
import type { AnyDb } from '../db.js';

export interface Klien {
  id: string;
  clientId: string;
  nama: string;
  status: 'aktif' | 'dicabut';
  createdAt: Date;
  revokedAt: Date | null;
  lastTokenAt: Date | null;
  rahasia: { id: string; petunjuk: string; createdAt: Date; expiresAt: Date | null }[];
}

export interface Izin {
  scope: string;
  scopeType: 'city' | 'opd' | 'kelurahan';
  scopeCode: string | null;
}

interface KlienRow {
  id: string;
  aplikasi_id: string;
  client_id: string;
  nama: string;
  status: 'aktif' | 'dicabut';
  created_at: Date;
  revoked_at: Date | null;
  last_token_at: Date | null;
}

/** Secrets are 32 random bytes: `pds_` + base64url. Only their SHA-256 is stored. */
export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();
const newSecret = () => `pds_${randomBytes(32).toString('base64url')}`;
const hintOf = (secret: string) => `…${secret.slice(-4)}`;

/** Called after a change to an app's clients or grants, so cached token checks see it at once. */
export type Invalidate = (clientId: string | null, aplikasiId: string) => void;

async function clientsOf(db: AnyDb, aplikasiId: string, clientId?: string): Promise<Klien[]> {
  const rows = await sql<KlienRow & { rahasia: { id: string; petunjuk: string; created_at: string; expires_at: string | null }[] }>`
    SELECT k.*, coalesce((
      SELECT json_agg(json_build_object('id', r.id, 'petunjuk', r.petunjuk, 'created_at', r.created_at, 'expires_at', r.expires_at) ORDER BY r.created_at)
      FROM integrasi.klien_rahasia r WHERE r.klien_id = k.id AND (r.expires_at IS NULL OR r.expires_at > now())), '[]') AS rahasia
    FROM integrasi.klien k
    WHERE k.aplikasi_id = ${aplikasiId} ${clientId ? sql`AND k.client_id = ${clientId}` : sql``}
    ORDER BY k.created_at`.execute(db);
  return rows.rows.map((row) => ({
    id: row.id,
    clientId: row.client_id,
    nama: row.nama,
    status: row.status,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastTokenAt: row.last_token_at,
    rahasia: row.rahasia.map((r) => ({ id: r.id, petunjuk: r.petunjuk, createdAt: new Date(r.created_at), expiresAt: r.expires_at ? new Date(r.expires_at) : null })),
  }));
}

export async function listKlien(kernel: Kernel, access: Access, ref: string): Promise<Klien[]> {
  const app = await getAplikasi(kernel.db, ref);
  assertCanManage(access, app);
  return clientsOf(kernel.db, app.id);
}

export async function createKlien(kernel: Kernel, actor: Actor, access: Access, ref: string, nama: string): Promise<Klien & { clientSecret: string }> {
  const app = await getAplikasi(kernel.db, ref);
  assertCanManage(access, app);
  const id = uuidv7();
  const clientId = `${app.kode}.${randomBytes(6).toString('hex')}`;
  const secret = newSecret();
  await kernel.db.transaction().execute(async (trx) => {
    await sql`INSERT INTO integrasi.klien (id, aplikasi_id, client_id, nama) VALUES (${id}, ${app.id}, ${clientId}, ${nama})`.execute(trx);
    await sql`
      INSERT INTO integrasi.klien_rahasia (id, klien_id, secret_hash, petunjuk)
      VALUES (${uuidv7()}, ${id}, ${hashSecret(secret)}, ${hintOf(secret)})`.execute(trx);
    await recordAudit(trx, actor, { action: 'klien.created', entityType: 'aplikasi', entityId: app.id, after: { clientId, nama } });
    await kernel.events.emit(trx, actor, { type: 'klien.created', entityType: 'aplikasi', entityId: app.id, payload: { aplikasi: app.kode, clientId } });
  });
  const [created] = await clientsOf(kernel.db, app.id, clientId);
  return { ...created!, clientSecret: secret };
}

async function clientForWrite(kernel: Kernel, access: Access, clientId: string): Promise<{ app: AplikasiRow; klien: KlienRow }> {
  const found = await sql<KlienRow>`SELECT * FROM integrasi.klien WHERE client_id = ${clientId}`.execute(kernel.db);
  const klien = found.rows[0];
  if (!klien) throw new AppError('integrasi.klien_not_found', { clientId });
  const app = await getAplikasi(kernel.db, klien.aplikasi_id);
  assertCanManage(access, app);
  return { app, klien };
}

/**
 * A new secret; the secrets in use keep working for the overlap, so the app can switch
 * without downtime. An overlap of 0 ends them at once (a leaked secret).
 */
export async function rotateSecret(
  kernel: Kernel, actor: Actor, access: Access, clientId: string, overlapHours: number, invalidate: Invalidate,
): Promise<{ clientSecret: string; rahasiaLamaBerakhir: Date }> {
  const { app, klien } = await clientForWrite(kernel, access, clientId);
  if (klien.status !== 'aktif') throw new AppError('integrasi.klien_dicabut', { clientId });
  const secret = newSecret();
  const endsAt = await kernel.db.transaction().execute(async (trx) => {
    const ends = await sql<{ ends: Date }>`SELECT now() + make_interval(hours => ${overlapHours}) AS ends`.execute(trx);
    const endsAtValue = ends.rows[0]!.ends;
    await sql`
      UPDATE integrasi.klien_rahasia SET expires_at = ${endsAtValue}
      WHERE klien_id = ${klien.id} AND (expires_at IS NULL OR expires_at > ${endsAtValue})`.execute(trx);
    await sql`
      INSERT INTO integrasi.klien_rahasia (id, klien_id, secret_hash, petunjuk)
      VALUES (${uuidv7()}, ${klien.id}, ${hashSecret(secret)}, ${hintOf(secret)})`.execute(trx);
    await recordAudit(trx, actor, { action: 'klien.secret_rotated', entityType: 'aplikasi', entityId: app.id, after: { clientId, oldSecretsEnd: endsAtValue.toISOString() } });
    return endsAtValue;
  });
  invalidate(clientId, app.id);
  return { clientSecret: secret, rahasiaLamaBerakhir: endsAt };
}

/** Revoked clients get no tokens, and tokens they hold stop working at once (401). */
export async function revokeKlien(kernel: Kernel, actor: Actor, access: Access, clientId: string, alasan: string, invalidate: Invalidate): Promise<Klien> {
  const { app, klien } = await clientForWrite(kernel, access, clientId);
  if (klien.status === 'aktif') {
    await kernel.db.transaction().execute(async (trx) => {
      await sql`UPDATE integrasi.klien SET status = 'dicabut', revoked_at = now() WHERE id = ${klien.id}`.execute(trx);
      await recordAudit(trx, actor, { action: 'klien.revoked', entityType: 'aplikasi', entityId: app.id, before: { clientId, status: 'aktif' }, after: { clientId, status: 'dicabut', alasan } });
      await kernel.events.emit(trx, actor, { type: 'klien.revoked', entityType: 'aplikasi', entityId: app.id, payload: { aplikasi: app.kode, clientId } });
    });
  }
  invalidate(clientId, app.id);
  const [after] = await clientsOf(kernel.db, app.id, clientId);
  return after!;
}

export async function izinOf(db: AnyDb, aplikasiId: string): Promise<Izin[]> {
  const rows = await sql<{ scope: string; scope_type: Izin['scopeType']; scope_code: string }>`
    SELECT scope, scope_type, scope_code FROM integrasi.izin WHERE aplikasi_id = ${aplikasiId} ORDER BY scope, scope_code`.execute(db);
  return rows.rows.map((row) => ({ scope: row.scope, scopeType: row.scope_type, scopeCode: row.scope_code || null }));
}

/** What an app was granted; every catalogue reader may see it. */
export async function readIzin(kernel: Kernel, ref: string): Promise<Izin[]> {
  const app = await getAplikasi(kernel.db, ref);
  return izinOf(kernel.db, app.id);
}

/**
 * Replaces an app's grants. It needs `integrasi.izin` (city admins): an OPD operator manages its
 * apps' clients but does not decide what data they may read.
 */
export async function setIzin(kernel: Kernel, actor: Actor, ref: string, items: Izin[], invalidate: Invalidate): Promise<Izin[]> {
  const app = await getAplikasi(kernel.db, ref);
  const violations: FieldViolation[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (!isAppScope(item.scope)) violations.push({ field: `items/${index}/scope`, rule: 'enum', params: { allowed: Object.keys(appScopes).join(', ') } });
    const code = item.scopeType === 'city' ? null : item.scopeCode?.trim() || null;
    if (item.scopeType !== 'city' && !code) violations.push({ field: `items/${index}/scopeCode`, rule: 'scope.required', params: { scopeType: item.scopeType } });
    if (item.scopeType === 'opd' && code && !(await referenceExists(kernel.db, 'opd', code))) {
      violations.push({ field: `items/${index}/scopeCode`, rule: 'scope.unknown_opd', params: { code } });
    }
    if (item.scopeType === 'kelurahan' && code && !(await referenceExists(kernel.db, 'kelurahan', code))) {
      violations.push({ field: `items/${index}/scopeCode`, rule: 'scope.unknown_kelurahan', params: { code } });
    }
    const key = `${item.scope}|${code ?? ''}`;
    if (seen.has(key)) violations.push({ field: `items/${index}`, rule: 'uniqueItems' });
    seen.add(key);
  }
  if (violations.length > 0) throw invalid(violations);
  const before = await izinOf(kernel.db, app.id);
  await kernel.db.transaction().execute(async (trx) => {
    await sql`DELETE FROM integrasi.izin WHERE aplikasi_id = ${app.id}`.execute(trx);
    for (const item of items) {
      const code = item.scopeType === 'city' ? '' : item.scopeCode!.trim();
      await sql`INSERT INTO integrasi.izin (aplikasi_id, scope, scope_type, scope_code) VALUES (${app.id}, ${item.scope}, ${item.scopeType}, ${code})`.execute(trx);
    }
    await recordAudit(trx, actor, { action: 'aplikasi.izin_set', entityType: 'aplikasi', entityId: app.id, before: { izin: before }, after: { izin: items } });
    await kernel.events.emit(trx, actor, { type: 'aplikasi.izin_set', entityType: 'aplikasi', entityId: app.id, payload: { aplikasi: app.kode, scopes: items.map((i) => i.scope) } });
  });
  invalidate(null, app.id);
  return izinOf(kernel.db, app.id);
}
