import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, invalid } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { assertCurrent, expectedVersion } from '../kernel/etag.js';
import { changedFields, readHistory, writeHistory, type HistoryEntry } from '../kernel/history.js';
import { compareJabatan, isUuid, JABATAN_EDITABLE, toJabatan, type Eselon, type Jabatan, type JabatanJenis, type Opd, type Unit } from './model.js';
import { assertManagesOpd } from './permission.js';
import { HISTORY_SCHEMA, org, type AnyDb, type OrgTrx } from './tables.js';
import { checkJabatan, getUnit, lockUnit } from './unit-service.js';

/**
 * Positions (jabatan) of a unit, each with its own versions: corrected in place with If-Match,
 * archived with a reason, never deleted (an employee's riwayat jabatan may name one).
 */

export async function findJabatan(db: AnyDb, id: string): Promise<Jabatan | null> {
  if (!isUuid(id)) return null;
  const row = await org(db).selectFrom('organisasi.jabatan').selectAll().where('id', '=', id.toLowerCase()).executeTakeFirst();
  return row ? toJabatan(row) : null;
}

export async function getJabatan(db: AnyDb, id: string): Promise<Jabatan> {
  const jabatan = await findJabatan(db, id);
  if (!jabatan) throw new AppError('jabatan.not_found', { id });
  return jabatan;
}

/** A unit's positions in org-chart order; archived ones only when asked for, after the others. */
export async function listJabatan(db: AnyDb, unitId: string, includeArchived = false): Promise<Jabatan[]> {
  const unit = await getUnit(db, unitId);
  let query = org(db).selectFrom('organisasi.jabatan').selectAll().where('unit_id', '=', unit.id);
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  const items = (await query.execute()).map(toJabatan);
  return items.sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null) || compareJabatan(a, b));
}

/** Locks the jabatan's OPD and unit (as every structure change does), then the jabatan itself. */
async function lockJabatan(trx: OrgTrx, id: string): Promise<{ jabatan: Jabatan; unit: Unit; opd: Opd }> {
  const found = await findJabatan(trx, id);
  if (!found) throw new AppError('jabatan.not_found', { id });
  const { unit, opd } = await lockUnit(trx, found.unitId);
  const row = await trx.selectFrom('organisasi.jabatan').selectAll().where('id', '=', found.id).forUpdate().executeTakeFirstOrThrow();
  return { jabatan: toJabatan(row), unit, opd };
}

const jabatanEvent = (jabatan: Jabatan, opd: Opd) => ({ id: jabatan.id, unitId: jabatan.unitId, opdId: opd.id, opdKode: opd.kode });

export interface JabatanPatch {
  nama?: string;
  jenis?: JabatanJenis;
  eselon?: Eselon | null;
}

/**
 * Corrects a position: its name, kind or eselon. Leaving the structural kind drops the eselon
 * unless the patch names one (which is then refused: only structural positions carry one).
 */
export async function updateJabatan(kernel: Kernel, actor: Actor, access: Access, id: string, ifMatch: string | undefined, patch: JabatanPatch): Promise<Jabatan> {
  return kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer);
    const { jabatan: before, unit, opd } = await lockJabatan(trx, id);
    assertManagesOpd(access, opd.kode);
    assertCurrent(before.version, expectedVersion(ifMatch));
    if (before.archivedAt || unit.archivedAt || opd.archivedAt) throw new AppError('record.archived');
    const jenis = patch.jenis ?? before.jenis;
    const eselon = patch.eselon !== undefined ? patch.eselon : jenis === 'struktural' ? before.eselon : null;
    const next = checkJabatan({ nama: patch.nama ?? before.nama, jenis, eselon });
    const changed = changedFields(Object.fromEntries(JABATAN_EDITABLE.map((name) => [name, before[name]])), next);
    if (changed.length === 0) return before;
    const version = before.version + 1;
    await trx
      .updateTable('organisasi.jabatan')
      .set({ nama: next.nama, jenis: next.jenis, eselon: next.eselon, version, updated_at: new Date() })
      .where('id', '=', before.id)
      .execute();
    const after = await getJabatan(trx, before.id);
    await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'jabatan', entityId: after.id, version, action: 'updated', changed, snapshot: { ...after } });
    await recordAudit(outer, actor, { action: 'jabatan.updated', entityType: 'jabatan', entityId: after.id, before, after });
    await kernel.events.emit(outer, actor, {
      type: 'jabatan.updated',
      entityType: 'jabatan',
      entityId: after.id,
      payload: { ...jabatanEvent(after, opd), version, changed, values: Object.fromEntries(changed.map((name) => [name, after[name as keyof Jabatan]])) },
    });
    return after;
  });
}

/** Archives a position no longer used; it leaves the org chart, its versions stay readable. */
export async function archiveJabatan(kernel: Kernel, actor: Actor, access: Access, id: string, ifMatch: string | undefined, reason: string): Promise<Jabatan> {
  const why = reason.trim();
  if (why.length < 3) throw invalid([{ field: 'reason', rule: 'minLength', params: { limit: 3 } }]);
  return kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer);
    const { jabatan: before, opd } = await lockJabatan(trx, id);
    assertManagesOpd(access, opd.kode);
    assertCurrent(before.version, expectedVersion(ifMatch));
    if (before.archivedAt) throw new AppError('record.archived');
    const version = before.version + 1;
    await trx
      .updateTable('organisasi.jabatan')
      .set({ archived_at: new Date(), archive_reason: why, version, updated_at: new Date() })
      .where('id', '=', before.id)
      .execute();
    const after = await getJabatan(trx, before.id);
    await writeHistory(trx, HISTORY_SCHEMA, actor, {
      entityType: 'jabatan',
      entityId: after.id,
      version,
      action: 'archived',
      changed: ['archivedAt', 'archiveReason'],
      snapshot: { ...after },
    });
    await recordAudit(outer, actor, { action: 'jabatan.archived', entityType: 'jabatan', entityId: after.id, before, after });
    await kernel.events.emit(outer, actor, {
      type: 'jabatan.archived',
      entityType: 'jabatan',
      entityId: after.id,
      payload: { ...jabatanEvent(after, opd), version, reason: why },
    });
    return after;
  });
}

export async function jabatanHistory(db: AnyDb, id: string): Promise<HistoryEntry[]> {
  const jabatan = await getJabatan(db, id);
  return readHistory(db, HISTORY_SCHEMA, 'jabatan', jabatan.id);
}
