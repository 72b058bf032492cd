import type { Kysely } from 'kysely';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import type { DB } from '../../core/db/schema.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import type { Penduduk } from './model.js';
import { requirePenduduk } from './read-service.js';
import { pendudukDb } from './tables.js';

export const MIN_ALASAN = 10;

export interface AksesEntry {
  at: string;
  action: 'view_full' | 'export';
  reason: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  appId: string | null;
  requestId: string | null;
}

export function checkAlasan(alasan: string): string {
  const reason = alasan.trim().replace(/\s+/g, ' ');
  if (reason.length < MIN_ALASAN) throw new AppError('request.invalid', {}, [{ field: 'alasan', rule: 'penduduk.alasan_blank', params: { limit: MIN_ALASAN } }]);
  return reason;
}

/**
 * The full record, for a stated reason. The access-log row and the audit entry are written in
 * the same transaction as the read: no logged row, no data.
 */
export async function viewFull(kernel: Kernel, actor: Actor, access: Access | null, ref: string, alasan: string, action: 'view_full' | 'export' = 'view_full'): Promise<Penduduk> {
  const reason = checkAlasan(alasan);
  return kernel.db.transaction().execute(async (trx) => {
    const found = await requirePenduduk(trx as unknown as Kysely<DB>, access, 'penduduk.read_full', ref);
    await pendudukDb(trx)
      .insertInto('penduduk.akses_log')
      .values({
        actor_type: actor.type, actor_id: actor.id, actor_name: actor.name, app_id: actor.type === 'app' ? actor.id : null,
        penduduk_id: found.id, nik: found.nik, action, reason, request_id: actor.requestId,
      })
      .execute();
    await recordAudit(trx, actor, { action: `penduduk.${action}`, entityType: 'penduduk', entityId: found.id, after: { reason } });
    return found;
  });
}

/**
 * "Who saw my data": every full view and export of one resident, newest first. Staff need
 * penduduk.read_full in the resident's kelurahan; the resident's own path waits for accounts
 * linked to a NIK.
 */
export async function aksesLog(db: Kysely<DB>, access: Access | null, ref: string, limit = 100): Promise<AksesEntry[]> {
  const found = await requirePenduduk(db, access, 'penduduk.read_full', ref);
  return readAksesLog(db, found.id, limit);
}

/** The access log of one resident by id, for the self path and other modules. */
export async function readAksesLog(db: Kysely<DB>, pendudukId: string, limit = 100): Promise<AksesEntry[]> {
  const rows = await pendudukDb(db)
    .selectFrom('penduduk.akses_log')
    .select(['at', 'action', 'reason', 'actor_type', 'actor_id', 'actor_name', 'app_id', 'request_id'])
    .where('penduduk_id', '=', pendudukId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    at: row.at.toISOString(),
    action: row.action,
    reason: row.reason,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    appId: row.app_id,
    requestId: row.request_id,
  }));
}
