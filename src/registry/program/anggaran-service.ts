import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { validateKodeProgram } from '../identity/kode-program.js';
import { decodeCursor, encodeCursor, parseFields, parseSort, pick } from '../kernel/cursor.js';
import { assertCurrent, expectedVersion } from '../kernel/etag.js';
import { changedFields, readHistory, writeHistory, type HistoryEntry } from '../kernel/history.js';
import { findOpd, type Opd } from '../organisasi/index.js';
import { isUuid, MAX_PAGU, type Anggaran, type Indikator } from './model.js';
import { assertManagesOpd } from './permission.js';
import { core, HISTORY_SCHEMA, prog, type AnyDb, type ProgTrx } from './tables.js';

export const ANGGARAN_FIELDS = ['tahun', 'opdId', 'kode', 'nama', 'pagu', 'indikator', 'version', 'archivedAt', 'archiveReason', 'createdAt', 'updatedAt'] as const;

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

interface AnggaranRow {
  id: string;
  tahun: number;
  opd_id: string;
  kode: string;
  nama: string;
  pagu: string;
  version: number;
  archived_at: Date | null;
  archive_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const toAnggaran = (row: AnggaranRow, indikator: Indikator[]): Anggaran => ({
  id: row.id,
  tahun: row.tahun,
  opdId: row.opd_id,
  kode: row.kode,
  nama: row.nama,
  pagu: Number(row.pagu),
  indikator,
  version: row.version,
  archivedAt: row.archived_at?.toISOString() ?? null,
  archiveReason: row.archive_reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const baseQuery = (db: AnyDb) =>
  prog(db)
    .selectFrom('program.anggaran as a')
    .innerJoin('program.nomenklatur as n', 'n.kode', 'a.kode')
    .select(['a.id', 'a.tahun', 'a.opd_id', 'a.kode', 'n.nama', 'a.pagu', 'a.version', 'a.archived_at', 'a.archive_reason', 'a.created_at', 'a.updated_at']);

/** Indicators of the given anggaran, in their order. */
export async function indikatorOf(db: AnyDb, ids: readonly string[]): Promise<Map<string, Indikator[]>> {
  const out = new Map<string, Indikator[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await prog(db)
    .selectFrom('program.indikator')
    .select(['anggaran_id', 'nama', 'satuan', 'target'])
    .where('anggaran_id', 'in', [...ids])
    .orderBy('anggaran_id')
    .orderBy('urutan')
    .execute();
  for (const row of rows) out.get(row.anggaran_id)!.push({ nama: row.nama, satuan: row.satuan, target: row.target === null ? null : Number(row.target) });
  return out;
}

export async function findAnggaran(db: AnyDb, id: string): Promise<Anggaran | null> {
  if (!isUuid(id)) return null;
  const row = await baseQuery(db).where('a.id', '=', id.toLowerCase()).executeTakeFirst();
  if (!row) return null;
  return toAnggaran(row, (await indikatorOf(db, [row.id])).get(row.id)!);
}

export async function getAnggaran(db: AnyDb, id: string): Promise<Anggaran> {
  const found = await findAnggaran(db, id);
  if (!found) throw new AppError('program.anggaran_not_found', { id });
  return found;
}

export interface AnggaranQuery {
  tahun?: number;
  /** OPD id or kode. */
  opd?: string;
  /** A code of any level (any zero-padding variant): the anggaran of every sub-kegiatan under it. */
  kode?: string;
  /** Text in the sub-kegiatan name or code, case-insensitive. */
  q?: string;
  includeArchived?: boolean;
  sort?: string;
  limit: number;
  cursor?: string;
  fields?: string;
  total?: boolean;
}

export interface AnggaranPage {
  items: Partial<Anggaran>[];
  nextCursor: string | null;
  total?: number;
  /** Sum of pagu over every row matching the filters (whole Rupiah), with `total=true`. */
  totalPagu?: number;
}

const SORT_COLUMNS = { kode: 'a.kode', pagu: 'a.pagu' } as const;

export async function listAnggaran(db: AnyDb, query: AnggaranQuery): Promise<AnggaranPage> {
  const sort = parseSort(query.sort, ['kode', 'pagu'] as const, 'kode');
  const fields = parseFields(query.fields, ANGGARAN_FIELDS);
  const empty: AnggaranPage = { items: [], nextCursor: null, ...(query.total ? { total: 0, totalPagu: 0 } : {}) };
  let base = prog(db).selectFrom('program.anggaran as a').innerJoin('program.nomenklatur as n', 'n.kode', 'a.kode');
  if (!query.includeArchived) base = base.where('a.archived_at', 'is', null);
  if (query.tahun !== undefined) base = base.where('a.tahun', '=', query.tahun);
  if (query.opd) {
    const opd = await findOpd(core(db), query.opd);
    if (!opd) return empty;
    base = base.where('a.opd_id', '=', opd.id);
  }
  if (query.kode) {
    const checked = validateKodeProgram(query.kode);
    if (!checked.ok) throw new AppError('request.invalid', {}, checked.violations.map((v) => ({ field: 'kode', rule: v.rule, params: v.params }) as FieldViolation));
    const kode = checked.value;
    base = base.where((eb) => eb.or([eb('a.kode', '=', kode), eb('a.kode', 'like', `${kode}.%`)]));
  }
  const text = query.q?.trim();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('n.nama', 'ilike', pattern), eb('a.kode', 'ilike', pattern)]));
  }

  const column = SORT_COLUMNS[sort.field];
  let page = base
    .select(['a.id', 'a.tahun', 'a.opd_id', 'a.kode', 'n.nama', 'a.pagu', 'a.version', 'a.archived_at', 'a.archive_reason', 'a.created_at', 'a.updated_at']);
  if (query.cursor) {
    const position = decodeCursor(query.cursor, sort.key);
    if (!isUuid(position.id) || (sort.field === 'pagu' ? typeof position.value !== 'number' : typeof position.value !== 'string')) throw new AppError('request.invalid_cursor');
    const value = position.value as string | number;
    page = page.where((eb) => eb(eb.refTuple(column, 'a.id'), sort.direction === 'asc' ? '>' : '<', eb.tuple(value as never, position.id.toLowerCase())));
  }
  const rows = await page.orderBy(column, sort.direction).orderBy('a.id', sort.direction).limit(query.limit + 1).execute();
  const more = rows.length > query.limit;
  const kept = rows.slice(0, query.limit);
  const indikator = await indikatorOf(db, kept.map((row) => row.id));
  const items = kept.map((row) => toAnggaran(row, indikator.get(row.id)!));
  const last = items.at(-1);
  const result: AnggaranPage = {
    items: items.map((a) => pick(a as unknown as Record<string, unknown>, fields) as Partial<Anggaran>),
    nextCursor: more && last ? encodeCursor({ sort: sort.key, value: last[sort.field], id: last.id }) : null,
  };
  if (query.total) {
    const sums = await base
      .select((eb) => [eb.fn.countAll<string>().as('n'), sql<string>`coalesce(sum(a.pagu), 0)`.as('pagu')])
      .executeTakeFirstOrThrow();
    result.total = Number(sums.n);
    result.totalPagu = Number(sums.pagu);
  }
  return result;
}

export interface IndikatorInput {
  nama: string;
  satuan?: string | null;
  target?: number | null;
}

export interface AnggaranInput {
  tahun: number;
  /** OPD id or kode. */
  opd: string;
  /** Sub-kegiatan code, any zero-padding variant. */
  kode: string;
  pagu: number;
  indikator?: IndikatorInput[];
}

function checkPagu(pagu: number, violations: FieldViolation[]): void {
  if (!Number.isSafeInteger(pagu) || pagu < 0 || pagu > MAX_PAGU) violations.push({ field: 'pagu', rule: 'program.pagu_whole' });
}

const cleanIndikator = (list: IndikatorInput[]): Indikator[] =>
  list.map((i) => ({ nama: i.nama.trim(), satuan: i.satuan?.trim() || null, target: i.target ?? null }));

/** Replaces the indicator list of the given anggaran (set-based). */
export async function replaceIndikator(trx: ProgTrx, lists: ReadonlyMap<string, Indikator[]>): Promise<void> {
  const ids = [...lists.keys()];
  if (ids.length === 0) return;
  await trx.deleteFrom('program.indikator').where('anggaran_id', 'in', ids).execute();
  const rows = [...lists].flatMap(([anggaranId, list]) =>
    list.map((i, n) => ({ id: uuidv7(), anggaran_id: anggaranId, urutan: n + 1, nama: i.nama, satuan: i.satuan, target: i.target })),
  );
  for (let start = 0; start < rows.length; start += 1000) await trx.insertInto('program.indikator').values(rows.slice(start, start + 1000)).execute();
}

async function activeOpd(db: AnyDb, ref: string, field: string, violations: FieldViolation[]): Promise<Opd | null> {
  const opd = await findOpd(core(db), ref);
  if (!opd || opd.archivedAt) {
    violations.push({ field, rule: 'program.opd_unknown', params: { ref } });
    return null;
  }
  return opd;
}

export async function createAnggaran(kernel: Kernel, actor: Actor, access: Access, input: AnggaranInput): Promise<Anggaran> {
  const violations: FieldViolation[] = [];
  checkPagu(input.pagu, violations);
  const checked = validateKodeProgram(input.kode, { level: 'sub_kegiatan' });
  if (!checked.ok) violations.push(...checked.violations.map((v) => ({ field: 'kode', rule: v.rule, params: v.params }) as FieldViolation));
  const opd = await activeOpd(kernel.db, input.opd, 'opd', violations);
  if (opd) assertManagesOpd(access, opd);
  if (checked.ok && !(await prog(kernel.db).selectFrom('program.nomenklatur').select('kode').where('kode', '=', checked.value).where('level', '=', 'sub_kegiatan').executeTakeFirst())) {
    violations.push({ field: 'kode', rule: 'program.kode_unknown', params: { kode: checked.value } });
  }
  if (violations.length > 0 || !opd || !checked.ok) throw new AppError('program.invalid', {}, violations);
  const kode = checked.value;
  const id = uuidv7();
  try {
    return await kernel.db.transaction().execute(async (outer) => {
      const trx = prog(outer);
      await trx.insertInto('program.anggaran').values({ id, tahun: input.tahun, opd_id: opd.id, kode, pagu: input.pagu }).execute();
      await replaceIndikator(trx, new Map([[id, cleanIndikator(input.indikator ?? [])]]));
      const anggaran = await getAnggaran(trx, id);
      await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'anggaran', entityId: id, version: 1, action: 'created', changed: [], snapshot: { ...anggaran } });
      await recordAudit(outer, actor, { action: 'anggaran.created', entityType: 'anggaran', entityId: id, after: anggaran });
      await kernel.events.emit(outer, actor, {
        type: 'anggaran.created',
        entityType: 'anggaran',
        entityId: id,
        payload: { id, tahun: anggaran.tahun, opdId: anggaran.opdId, kode, pagu: anggaran.pagu, version: 1 },
      });
      return anggaran;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('program.anggaran_exists', { kode, tahun: input.tahun });
    throw error;
  }
}

async function lockAnggaran(trx: ProgTrx, id: string): Promise<Anggaran> {
  if (!isUuid(id)) throw new AppError('program.anggaran_not_found', { id });
  const locked = await trx.selectFrom('program.anggaran').select('id').where('id', '=', id.toLowerCase()).forUpdate().executeTakeFirst();
  if (!locked) throw new AppError('program.anggaran_not_found', { id });
  return getAnggaran(trx, locked.id);
}

/** The OPD of an existing anggaran, for the permission check (an archived OPD still has an operator scope). */
async function opdOf(db: AnyDb, anggaran: Anggaran): Promise<Opd> {
  const opd = await findOpd(core(db), anggaran.opdId);
  if (!opd) throw new AppError('program.anggaran_not_found', { id: anggaran.id });
  return opd;
}

export interface AnggaranPatch {
  pagu?: number;
  indikator?: IndikatorInput[];
}

export async function updateAnggaran(kernel: Kernel, actor: Actor, access: Access, id: string, ifMatch: string | undefined, patch: AnggaranPatch): Promise<Anggaran> {
  return kernel.db.transaction().execute(async (outer) => {
    const trx = prog(outer);
    const before = await lockAnggaran(trx, id);
    assertManagesOpd(access, await opdOf(trx, before));
    assertCurrent(before.version, expectedVersion(ifMatch));
    if (before.archivedAt) throw new AppError('record.archived');
    const violations: FieldViolation[] = [];
    if (patch.pagu !== undefined) checkPagu(patch.pagu, violations);
    if (violations.length > 0) throw new AppError('program.invalid', {}, violations);
    const values = { pagu: patch.pagu ?? before.pagu, indikator: patch.indikator ? cleanIndikator(patch.indikator) : before.indikator };
    const changed = changedFields({ pagu: before.pagu, indikator: before.indikator }, values);
    if (changed.length === 0) return before;
    const version = before.version + 1;
    await trx.updateTable('program.anggaran').set({ pagu: values.pagu, version, updated_at: new Date() }).where('id', '=', before.id).execute();
    if (changed.includes('indikator')) await replaceIndikator(trx, new Map([[before.id, values.indikator]]));
    const after = await getAnggaran(trx, before.id);
    await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'anggaran', entityId: after.id, version, action: 'updated', changed, snapshot: { ...after } });
    await recordAudit(outer, actor, { action: 'anggaran.updated', entityType: 'anggaran', entityId: after.id, before, after });
    await kernel.events.emit(outer, actor, {
      type: 'anggaran.updated',
      entityType: 'anggaran',
      entityId: after.id,
      payload: { id: after.id, tahun: after.tahun, opdId: after.opdId, kode: after.kode, version, changed, pagu: after.pagu },
    });
    return after;
  });
}

export async function archiveAnggaran(kernel: Kernel, actor: Actor, access: Access, id: string, ifMatch: string | undefined, reason: string): Promise<Anggaran> {
  const why = reason.trim();
  if (why.length < 3) throw new AppError('request.invalid', {}, [{ field: 'alasan', rule: 'minLength', params: { limit: 3 } }]);
  return kernel.db.transaction().execute(async (outer) => {
    const trx = prog(outer);
    const before = await lockAnggaran(trx, id);
    assertManagesOpd(access, await opdOf(trx, before));
    assertCurrent(before.version, expectedVersion(ifMatch));
    if (before.archivedAt) throw new AppError('record.archived');
    const version = before.version + 1;
    await trx.updateTable('program.anggaran').set({ archived_at: new Date(), archive_reason: why, version, updated_at: new Date() }).where('id', '=', before.id).execute();
    const after = await getAnggaran(trx, before.id);
    await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'anggaran', entityId: after.id, version, action: 'archived', changed: ['archivedAt', 'archiveReason'], snapshot: { ...after } });
    await recordAudit(outer, actor, { action: 'anggaran.archived', entityType: 'anggaran', entityId: after.id, before, after });
    await kernel.events.emit(outer, actor, {
      type: 'anggaran.archived',
      entityType: 'anggaran',
      entityId: after.id,
      payload: { id: after.id, tahun: after.tahun, opdId: after.opdId, kode: after.kode, version, reason: why },
    });
    return after;
  });
}

export async function anggaranHistory(db: AnyDb, id: string): Promise<HistoryEntry[]> {
  const anggaran = await getAnggaran(db, id);
  return readHistory(db, HISTORY_SCHEMA, 'anggaran', anggaran.id);
}
