import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, invalid, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { addDays } from './dates.js';
import { isUuid, type Opd, type Unit, type UnitJenis } from './model.js';
import { lockOpd } from './opd-service.js';
import { assertManagesOpd } from './permission.js';
import { org } from './tables.js';
import {
  checkJabatan,
  checkParent,
  closeUnitRow,
  findUnit,
  inForce,
  insertJabatan,
  insertUnit,
  type JabatanInput,
  type UnitDetail,
} from './unit-service.js';

export interface BukaInput {
  /** A name for this new unit, for other entries' parentRef. */
  ref?: string;
  /** Id of a unit in force, or the ref of another new unit; absent or null for a top unit. */
  parentRef?: string | null;
  nama: string;
  jenis: UnitJenis;
  jabatan?: JabatanInput[];
}

export interface ReorganisasiInput {
  /** First day of the new structure; closed units end the day before. */
  tanggal: string;
  keterangan?: string;
  tutup: string[];
  buka: BukaInput[];
}

export interface ReorganisasiResult {
  opd: Opd;
  tanggal: string;
  closed: Unit[];
  opened: UnitDetail[];
}

type Checked = Omit<BukaInput, 'jabatan' | 'parentRef'> & { parentRef: string | null; index: number; jabatan: ReturnType<typeof checkJabatan>[] };

/** Checks the request on its own and orders new units so each parent comes before its children. */
function plan(input: ReorganisasiInput): { tutup: string[]; buka: Checked[] } {
  const violations: FieldViolation[] = [];
  if (input.tutup.length === 0 && input.buka.length === 0) violations.push({ field: 'buka', rule: 'minItems', params: { limit: 1 } });
  const tutup = input.tutup.map((id) => id.toLowerCase());
  if (new Set(tutup).size !== tutup.length) violations.push({ field: 'tutup', rule: 'uniqueItems' });
  const refs = new Map<string, number>();
  const buka: Checked[] = input.buka.map((entry, index) => {
    if (entry.ref !== undefined) {
      if (refs.has(entry.ref) || isUuid(entry.ref)) violations.push({ field: `buka/${index}/ref`, rule: refs.has(entry.ref) ? 'uniqueItems' : 'pattern' });
      refs.set(entry.ref, index);
    }
    const nama = entry.nama.trim();
    if (!nama) violations.push({ field: `buka/${index}/nama`, rule: 'minLength', params: { limit: 1 } });
    const jabatan = (entry.jabatan ?? []).flatMap((j, k) => {
      try {
        return [checkJabatan(j, `buka/${index}/jabatan/${k}`)];
      } catch (error) {
        if (error instanceof AppError) violations.push(...error.violations);
        else throw error;
        return [];
      }
    });
    return { ...entry, nama, index, jabatan, parentRef: entry.parentRef ?? null };
  });
  if (violations.length > 0) throw invalid(violations);

  for (const entry of buka) {
    if (entry.parentRef !== null && !refs.has(entry.parentRef) && !isUuid(entry.parentRef)) throw new AppError('unit.parent_not_found', { ref: entry.parentRef });
  }
  // Depth-first over refs: a parent is placed before its children; meeting an entry twice on one path is a cycle.
  const ordered: Checked[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const place = (entry: Checked) => {
    if (state.get(entry.index) === 'done') return;
    if (state.get(entry.index) === 'visiting') throw new AppError('unit.cycle');
    state.set(entry.index, 'visiting');
    const parentIndex = entry.parentRef === null ? undefined : refs.get(entry.parentRef);
    if (parentIndex !== undefined) place(buka[parentIndex]!);
    state.set(entry.index, 'done');
    ordered.push(entry);
  };
  for (const entry of buka) place(entry);
  return { tutup, buka: ordered };
}

/**
 * A reorganisation of one OPD, all or nothing: units in `tutup` end the day before `tanggal`,
 * units in `buka` start on it (with their jabatan). One `opd.reorganised` event tells the rest.
 */
export async function reorganise(kernel: Kernel, actor: Actor, access: Access, opdRef: string, input: ReorganisasiInput): Promise<ReorganisasiResult> {
  const { tutup, buka } = plan(input);
  const lastDay = addDays(input.tanggal, -1);
  const keterangan = input.keterangan?.trim() || null;
  return kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer);
    const opd = await lockOpd(trx, opdRef);
    assertManagesOpd(access, opd.kode);
    if (opd.archivedAt) throw new AppError('record.archived');

    const closed: Unit[] = [];
    for (const id of tutup) {
      const unit = await findUnit(trx, id);
      if (!unit || unit.opdId !== opd.id) throw new AppError('unit.not_found', { id });
      // It must be in force on the eve and on the day of the reorganisation.
      if (!inForce(unit, input.tanggal) || unit.berlakuMulai > lastDay) throw new AppError('unit.not_in_force', { id, tanggal: lastDay });
      const after = await closeUnitRow(trx, actor, unit, lastDay, tutup);
      await recordAudit(outer, actor, { action: 'unit.closed', entityType: 'unit', entityId: unit.id, before: unit, after: { ...after, reason: keterangan } });
      closed.push(after);
    }

    const opened: UnitDetail[] = [];
    const idByRef = new Map<string, string>();
    const period = { berlakuMulai: input.tanggal, berlakuSampai: null };
    for (const entry of buka) {
      let parentId: string | null = null;
      if (entry.parentRef !== null) {
        parentId = idByRef.get(entry.parentRef) ?? (await checkParent(trx, opd, period, entry.parentRef.toLowerCase())).id;
      }
      const unit = await insertUnit(trx, actor, { opdId: opd.id, parentId, nama: entry.nama, jenis: entry.jenis, ...period });
      if (entry.ref !== undefined) idByRef.set(entry.ref, unit.id);
      await recordAudit(outer, actor, { action: 'unit.created', entityType: 'unit', entityId: unit.id, after: unit });
      const jabatan = [];
      for (const values of entry.jabatan) {
        const created = await insertJabatan(trx, actor, unit.id, values);
        await recordAudit(outer, actor, { action: 'jabatan.created', entityType: 'jabatan', entityId: created.id, after: created });
        jabatan.push(created);
      }
      opened[entry.index] = { ...unit, jabatan };
    }

    const summary = {
      tanggal: input.tanggal,
      keterangan,
      closed: closed.map((u) => ({ id: u.id, nama: u.nama, berlakuSampai: u.berlakuSampai })),
      opened: opened.map((u) => ({ id: u.id, nama: u.nama, jenis: u.jenis, parentId: u.parentId, jabatan: u.jabatan.length })),
    };
    await recordAudit(outer, actor, { action: 'opd.reorganised', entityType: 'opd', entityId: opd.id, after: summary });
    await kernel.events.emit(outer, actor, {
      type: 'opd.reorganised',
      entityType: 'opd',
      entityId: opd.id,
      payload: { id: opd.id, kode: opd.kode, ...summary },
    });
    return { opd, tanggal: input.tanggal, closed, opened };
  });
}
