import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, invalid, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { assertCurrent, expectedVersion } from '../kernel/etag.js';
import { changedFields, readHistory, writeHistory, type HistoryEntry } from '../kernel/history.js';
import { todayWib } from './dates.js';
import {
  cleanOptional,
  compareJabatan,
  isUuid,
  toJabatan,
  toUnit,
  type Eselon,
  type Jabatan,
  type JabatanJenis,
  type Opd,
  type Unit,
  type UnitJenis,
  UNIT_EDITABLE,
} from './model.js';
import { lockOpd } from './opd-service.js';
import { assertManagesOpd } from './permission.js';
import { HISTORY_SCHEMA, org, type AnyDb, type OrgDb, type OrgTrx } from './tables.js';

export interface UnitDetail extends Unit {
  jabatan: Jabatan[];
}

export function selectUnits(db: OrgDb) {
  return db
    .selectFrom('organisasi.unit as u')
    .innerJoin('organisasi.opd as o', 'o.id', 'u.opd_id')
    .select(['u.id', 'u.opd_id', 'o.kode as opd_kode', 'u.parent_id', 'u.nama', 'u.jenis', 'u.version'])
    .select(['u.alamat', 'u.latitude', 'u.longitude', 'u.archived_at', 'u.archive_reason', 'u.created_at', 'u.updated_at'])
    .select([sql<string>`u.berlaku_mulai::text`.as('berlaku_mulai'), sql<string | null>`u.berlaku_sampai::text`.as('berlaku_sampai')]);
}

export async function findUnit(db: AnyDb, id: string): Promise<Unit | null> {
  if (!isUuid(id)) return null;
  const row = await selectUnits(org(db)).where('u.id', '=', id.toLowerCase()).executeTakeFirst();
  return row ? toUnit(row) : null;
}

export async function getUnit(db: AnyDb, id: string): Promise<Unit> {
  const unit = await findUnit(db, id);
  if (!unit) throw new AppError('unit.not_found', { id });
  return unit;
}

/** Jabatan of the given units (archived ones left out), each list in org-chart order. */
export async function jabatanOf(db: AnyDb, unitIds: readonly string[]): Promise<Map<string, Jabatan[]>> {
  const byUnit = new Map<string, Jabatan[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return byUnit;
  const rows = await org(db).selectFrom('organisasi.jabatan').selectAll().where('unit_id', 'in', [...unitIds]).where('archived_at', 'is', null).execute();
  for (const row of rows) byUnit.get(row.unit_id)?.push(toJabatan(row));
  for (const list of byUnit.values()) list.sort(compareJabatan);
  return byUnit;
}

export async function getUnitDetail(db: AnyDb, id: string): Promise<UnitDetail> {
  const unit = await getUnit(db, id);
  return { ...unit, jabatan: (await jabatanOf(db, [unit.id])).get(unit.id) ?? [] };
}

/** True when the unit exists and belongs to the OPD named by id or kode. */
export async function unitBelongsToOpd(db: AnyDb, unitId: string, opdRef: string): Promise<boolean> {
  const unit = await findUnit(db, unitId);
  if (!unit) return false;
  return isUuid(opdRef) ? unit.opdId === opdRef.toLowerCase() : unit.opdKode.toLowerCase() === opdRef.toLowerCase();
}

/** True when the unit is in force on the day (`YYYY-MM-DD`) and not archived. */
export const inForce = (unit: Pick<Unit, 'berlakuMulai' | 'berlakuSampai' | 'archivedAt'>, day: string): boolean =>
  !unit.archivedAt && unit.berlakuMulai <= day && (unit.berlakuSampai === null || unit.berlakuSampai >= day);

/**
 * Locks the unit's OPD, then the unit: every structure change of one OPD runs alone, so two
 * concurrent moves cannot build a cycle between them.
 */
export async function lockUnit(trx: OrgTrx, id: string): Promise<{ unit: Unit; opd: Opd }> {
  const found = await findUnit(trx, id);
  if (!found) throw new AppError('unit.not_found', { id });
  const opd = await lockOpd(trx, found.opdId);
  await trx.selectFrom('organisasi.unit').select('id').where('id', '=', found.id).forUpdate().execute();
  return { unit: await getUnit(trx, found.id), opd };
}

interface Period {
  berlakuMulai: string;
  berlakuSampai: string | null;
}

/** Ids of the unit and every unit above it. UNION stops on any cycle already stored. */
async function ancestry(trx: OrgTrx, unitId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    WITH RECURSIVE up (id, parent_id) AS (
      SELECT id, parent_id FROM organisasi.unit WHERE id = ${unitId}
      UNION
      SELECT u.id, u.parent_id FROM organisasi.unit u JOIN up ON u.id = up.parent_id)
    SELECT id FROM up`.execute(trx);
  return result.rows.map((row) => row.id);
}

/**
 * A parent must be a unit of the same OPD, not below the child (no cycles), and in force for
 * the child's whole period, so the tree on any date has every parent present.
 */
export async function checkParent(trx: OrgTrx, opd: Opd, child: Period & { id?: string }, parentId: string): Promise<Unit> {
  const parent = await findUnit(trx, parentId);
  if (!parent) throw new AppError('unit.parent_not_found', { ref: parentId });
  if (parent.opdId !== opd.id) throw new AppError('unit.parent_other_opd');
  if (child.id && (await ancestry(trx, parent.id)).includes(child.id)) throw new AppError('unit.cycle');
  const covers =
    !parent.archivedAt &&
    parent.berlakuMulai <= child.berlakuMulai &&
    (parent.berlakuSampai === null || (child.berlakuSampai !== null && parent.berlakuSampai >= child.berlakuSampai));
  if (!covers) throw new AppError('unit.parent_not_in_force', { from: child.berlakuMulai, to: child.berlakuSampai ?? '…' });
  return parent;
}

export interface NewUnitValues {
  opdId: string;
  parentId: string | null;
  nama: string;
  jenis: UnitJenis;
  berlakuMulai: string;
  berlakuSampai: string | null;
  alamat?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface Lokasi {
  alamat: string | null;
  latitude: number | null;
  longitude: number | null;
}

/**
 * An office location: a trimmed address (blank → null) and a coordinate pair, both or neither.
 * Each coordinate's bounds (Indonesia) are checked by the request schema and the table.
 */
export function checkLokasi(values: { alamat?: string | null; latitude?: number | null; longitude?: number | null }, violations: FieldViolation[]): Lokasi {
  const latitude = values.latitude ?? null;
  const longitude = values.longitude ?? null;
  // One coordinate alone places the office nowhere.
  if ((latitude === null) !== (longitude === null)) violations.push({ field: latitude === null ? 'latitude' : 'longitude', rule: 'required' });
  return { alamat: cleanOptional(values.alamat) ?? null, latitude, longitude };
}

/** Inserts a unit and its first history version; audit and events are the caller's. */
export async function insertUnit(trx: OrgTrx, actor: Actor, values: NewUnitValues): Promise<Unit> {
  const id = uuidv7();
  await trx
    .insertInto('organisasi.unit')
    .values({
      id,
      opd_id: values.opdId,
      parent_id: values.parentId,
      nama: values.nama,
      jenis: values.jenis,
      berlaku_mulai: values.berlakuMulai,
      berlaku_sampai: values.berlakuSampai,
      alamat: values.alamat ?? null,
      latitude: values.latitude ?? null,
      longitude: values.longitude ?? null,
    })
    .execute();
  const unit = await getUnit(trx, id);
  await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'unit', entityId: id, version: 1, action: 'created', changed: [], snapshot: { ...unit } });
  return unit;
}

export interface JabatanInput {
  nama: string;
  jenis: JabatanJenis;
  eselon?: Eselon | null;
}

/** Structural positions carry an eselon; others never do. */
export function checkJabatan(input: JabatanInput, field = ''): { nama: string; jenis: JabatanJenis; eselon: Eselon | null } {
  const at = (name: string) => (field ? `${field}/${name}` : name);
  const nama = input.nama.trim();
  const eselon = input.eselon ?? null;
  const violations = [];
  if (!nama) violations.push({ field: at('nama'), rule: 'minLength' as const, params: { limit: 1 } });
  if ((input.jenis === 'struktural') !== (eselon !== null)) violations.push({ field: at('eselon'), rule: 'jabatan.eselon_struktural' as const });
  if (violations.length > 0) throw invalid(violations);
  return { nama, jenis: input.jenis, eselon };
}

export async function insertJabatan(trx: OrgTrx, actor: Actor, unitId: string, values: ReturnType<typeof checkJabatan>): Promise<Jabatan> {
  const id = uuidv7();
  const row = await trx
    .insertInto('organisasi.jabatan')
    .values({ id, unit_id: unitId, nama: values.nama, jenis: values.jenis, eselon: values.eselon })
    .returningAll()
    .executeTakeFirstOrThrow();
  const jabatan = toJabatan(row);
  await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'jabatan', entityId: id, version: 1, action: 'created', changed: [], snapshot: { ...jabatan } });
  return jabatan;
}

const unitEvent = (unit: Unit) => ({ id: unit.id, opdId: unit.opdId, opdKode: unit.opdKode });

export interface UnitInput {
  nama: string;
  jenis: UnitJenis;
  parentId?: string | null;
  berlakuMulai?: string;
  berlakuSampai?: string | null;
  alamat?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export async function createUnit(kernel: Kernel, actor: Actor, access: Access, opdRef: string, input: UnitInput): Promise<UnitDetail> {
  return kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer);
    const opd = await lockOpd(trx, opdRef);
    assertManagesOpd(access, opd.kode);
    if (opd.archivedAt) throw new AppError('record.archived');
    const violations: FieldViolation[] = [];
    const nama = input.nama.trim();
    if (!nama) violations.push({ field: 'nama', rule: 'minLength', params: { limit: 1 } });
    const period = { berlakuMulai: input.berlakuMulai ?? todayWib(), berlakuSampai: input.berlakuSampai ?? null };
    if (period.berlakuSampai !== null && period.berlakuSampai < period.berlakuMulai) violations.push({ field: 'berlakuSampai', rule: 'date.range' });
    const lokasi = checkLokasi(input, violations);
    if (violations.length > 0) throw invalid(violations);
    const parentId = input.parentId ? (await checkParent(trx, opd, period, input.parentId)).id : null;
    const unit = await insertUnit(trx, actor, { opdId: opd.id, parentId, nama, jenis: input.jenis, ...period, ...lokasi });
    await recordAudit(outer, actor, { action: 'unit.created', entityType: 'unit', entityId: unit.id, after: unit });
    await kernel.events.emit(outer, actor, {
      type: 'unit.created',
      entityType: 'unit',
      entityId: unit.id,
      payload: { ...unitEvent(unit), parentId, nama, jenis: unit.jenis, berlakuMulai: unit.berlakuMulai, berlakuSampai: unit.berlakuSampai, version: 1 },
    });
    return { ...unit, jabatan: [] };
  });
}

export interface UnitPatch {
  nama?: string;
  jenis?: UnitJenis;
  parentId?: string | null;
  alamat?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

const unitEditable = (unit: Unit) => Object.fromEntries(UNIT_EDITABLE.map((name) => [name, unit[name]]));

/**
 * Corrects a unit in place (a name, its kind, its parent, its office); a change of structure
 * from a date is a reorganisation.
 */
export async function updateUnit(kernel: Kernel, actor: Actor, access: Access, id: string, ifMatch: string | undefined, patch: UnitPatch): Promise<UnitDetail> {
  return kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer);
    const { unit: before, opd } = await lockUnit(trx, id);
    assertManagesOpd(access, opd.kode);
    assertCurrent(before.version, expectedVersion(ifMatch));
    if (before.archivedAt || opd.archivedAt) throw new AppError('record.archived');
    const violations: FieldViolation[] = [];
    const next = {
      nama: patch.nama === undefined ? before.nama : patch.nama.trim(),
      jenis: patch.jenis ?? before.jenis,
      parentId: patch.parentId === undefined ? before.parentId : patch.parentId?.toLowerCase() ?? null,
      ...checkLokasi(
        {
          alamat: patch.alamat === undefined ? before.alamat : patch.alamat,
          latitude: patch.latitude === undefined ? before.latitude : patch.latitude,
          longitude: patch.longitude === undefined ? before.longitude : patch.longitude,
        },
        violations,
      ),
    };
    if (!next.nama) violations.unshift({ field: 'nama', rule: 'minLength', params: { limit: 1 } });
    if (violations.length > 0) throw invalid(violations);
    const changed = changedFields(unitEditable(before), next);
    if (changed.length === 0) return getUnitDetail(outer, before.id);
    if (changed.includes('parentId') && next.parentId !== null) await checkParent(trx, opd, before, next.parentId);
    const version = before.version + 1;
    await trx
      .updateTable('organisasi.unit')
      .set({
        nama: next.nama,
        jenis: next.jenis,
        parent_id: next.parentId,
        alamat: next.alamat,
        latitude: next.latitude,
        longitude: next.longitude,
        version,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .execute();
    const after = await getUnit(outer, before.id);
    await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'unit', entityId: after.id, version, action: 'updated', changed, snapshot: { ...after } });
    await recordAudit(outer, actor, { action: 'unit.updated', entityType: 'unit', entityId: after.id, before, after });
    await kernel.events.emit(outer, actor, {
      type: 'unit.updated',
      entityType: 'unit',
      entityId: after.id,
      payload: { ...unitEvent(after), version, changed, values: Object.fromEntries(changed.map((name) => [name, after[name as keyof Unit]])) },
    });
    return getUnitDetail(outer, after.id);
  });
}

/** Units below `unitId` that are still in force after `day` (or not yet archived, with `day` null). */
async function liveChildren(trx: OrgTrx, unitId: string, day: string | null, except: readonly string[] = []): Promise<number> {
  let query = trx.selectFrom('organisasi.unit').select((eb) => eb.fn.countAll<string>().as('n')).where('parent_id', '=', unitId).where('archived_at', 'is', null);
  if (day !== null) query = query.where((eb) => eb.or([eb('berlaku_sampai', 'is', null), eb('berlaku_sampai', '>', day)]));
  if (except.length > 0) query = query.where('id', 'not in', [...except]);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * Ends a unit: `lastDay` is its last day in force. Checked by the caller: the OPD is locked,
 * the actor may manage it. Children still in force afterwards (other than those in `closing`)
 * make it a 422: the tree must stay whole on every date.
 */
export async function closeUnitRow(trx: OrgTrx, actor: Actor, unit: Unit, lastDay: string, closing: readonly string[] = []): Promise<Unit> {
  if (!inForce(unit, lastDay)) throw new AppError('unit.not_in_force', { id: unit.id, tanggal: lastDay });
  const open = await liveChildren(trx, unit.id, lastDay, closing);
  if (open > 0) throw new AppError('unit.open_children', { id: unit.id, count: open, tanggal: lastDay });
  const version = unit.version + 1;
  await trx.updateTable('organisasi.unit').set({ berlaku_sampai: lastDay, version, updated_at: new Date() }).where('id', '=', unit.id).execute();
  const after = await getUnit(trx, unit.id);
  await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'unit', entityId: unit.id, version, action: 'closed', changed: ['berlakuSampai'], snapshot: { ...after } });
  return after;
}

export async function closeUnit(kernel: Kernel, actor: Actor, access: Access, id: string, ifMatch: string | undefined, lastDay: string, reason?: string): Promise<UnitDetail> {
  return kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer);
    const { unit: before, opd } = await lockUnit(trx, id);
    assertManagesOpd(access, opd.kode);
    assertCurrent(before.version, expectedVersion(ifMatch));
    if (before.archivedAt || opd.archivedAt) throw new AppError('record.archived');
    const after = await closeUnitRow(trx, actor, before, lastDay);
    const why = reason?.trim() || null;
    await recordAudit(outer, actor, { action: 'unit.closed', entityType: 'unit', entityId: after.id, before, after: { ...after, reason: why } });
    await kernel.events.emit(outer, actor, {
      type: 'unit.closed',
      entityType: 'unit',
      entityId: after.id,
      payload: { ...unitEvent(after), version: after.version, berlakuSampai: lastDay, reason: why },
    });
    return getUnitDetail(outer, after.id);
  });
}

/** Archives a unit entered by mistake; a unit that really existed is closed instead. */
export async function archiveUnit(kernel: Kernel, actor: Actor, access: Access, id: string, ifMatch: string | undefined, reason: string): Promise<UnitDetail> {
  const why = reason.trim();
  if (why.length < 3) throw invalid([{ field: 'reason', rule: 'minLength', params: { limit: 3 } }]);
  return kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer);
    const { unit: before, opd } = await lockUnit(trx, id);
    assertManagesOpd(access, opd.kode);
    assertCurrent(before.version, expectedVersion(ifMatch));
    if (before.archivedAt) throw new AppError('record.archived');
    const children = await liveChildren(trx, before.id, null);
    if (children > 0) throw new AppError('unit.has_children', { id: before.id, count: children });
    const version = before.version + 1;
    await trx.updateTable('organisasi.unit').set({ archived_at: new Date(), archive_reason: why, version, updated_at: new Date() }).where('id', '=', before.id).execute();
    const after = await getUnit(outer, before.id);
    await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'unit', entityId: after.id, version, action: 'archived', changed: ['archivedAt', 'archiveReason'], snapshot: { ...after } });
    await recordAudit(outer, actor, { action: 'unit.archived', entityType: 'unit', entityId: after.id, before, after });
    await kernel.events.emit(outer, actor, {
      type: 'unit.archived',
      entityType: 'unit',
      entityId: after.id,
      payload: { ...unitEvent(after), version, reason: why },
    });
    return getUnitDetail(outer, after.id);
  });
}

export async function createJabatan(kernel: Kernel, actor: Actor, access: Access, unitId: string, input: JabatanInput): Promise<Jabatan> {
  return kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer);
    const { unit, opd } = await lockUnit(trx, unitId);
    assertManagesOpd(access, opd.kode);
    if (unit.archivedAt || opd.archivedAt) throw new AppError('record.archived');
    const jabatan = await insertJabatan(trx, actor, unit.id, checkJabatan(input));
    await recordAudit(outer, actor, { action: 'jabatan.created', entityType: 'jabatan', entityId: jabatan.id, after: jabatan });
    await kernel.events.emit(outer, actor, {
      type: 'jabatan.created',
      entityType: 'jabatan',
      entityId: jabatan.id,
      payload: { id: jabatan.id, unitId: unit.id, opdId: opd.id, opdKode: opd.kode, nama: jabatan.nama, jenis: jabatan.jenis, eselon: jabatan.eselon, version: 1 },
    });
    return jabatan;
  });
}

export async function unitHistory(db: AnyDb, id: string): Promise<HistoryEntry[]> {
  const unit = await getUnit(db, id);
  return readHistory(db, HISTORY_SCHEMA, 'unit', unit.id);
}

