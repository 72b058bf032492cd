import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, invalid, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { findOpd, findUnit, inForce, jabatanOf, todayWib, type Opd, type Unit } from '../organisasi/index.js';
import { decodeCursor, encodeCursor, parseFields, parseSort, pick } from '../kernel/cursor.js';
import { assertCurrent, expectedVersion } from '../kernel/etag.js';
import { changedFields, readHistory, writeHistory, type HistoryEntry } from '../kernel/history.js';
import {
  cleanOptional,
  isUuid,
  maskPegawai,
  PEGAWAI_EDITABLE,
  PEGAWAI_FIELDS,
  toPegawai,
  type JenisPegawai,
  type Pegawai,
  type PegawaiRow,
  type StatusPegawai,
} from './model.js';
import { assertCovers, covers, MANAGE, READ, scopeOf, type PegawaiScope } from './permission.js';
import { checkGolongan, checkNip, rulesBroken } from './rules.js';
import { core, HISTORY_SCHEMA, peg, type AnyDb, type PegTrx } from './tables.js';

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** One employee with the current position: a single indexed query (the partial unique index on riwayat). */
export function selectPegawai(db: AnyDb) {
  return peg(db)
    .selectFrom('pegawai.pegawai as p')
    .leftJoin('pegawai.riwayat_jabatan as r', (join) => join.onRef('r.pegawai_id', '=', 'p.id').on('r.selesai', 'is', null))
    .select(['p.id', 'p.nip', 'p.nama', 'p.gelar_depan', 'p.gelar_belakang', 'p.jenis_kelamin', 'p.jenis', 'p.golongan'])
    .select(['p.opd_id', 'p.unit_id', 'p.status', 'p.email', 'p.telepon', 'p.version', 'p.archived_at', 'p.archive_reason'])
    .select(['p.created_at', 'p.updated_at', 'r.jabatan_id', 'r.nama_jabatan'])
    .select([sql<string>`p.tanggal_lahir::text`.as('tanggal_lahir'), sql<string | null>`r.tmt::text`.as('tmt_jabatan')]);
}

/** A reference is an id (uuid) or a NIP, separators (spaces, dots, dashes) allowed. */
export function parseRef(ref: string): { id: string } | { nip: string } | null {
  const trimmed = ref.trim();
  if (isUuid(trimmed)) return { id: trimmed.toLowerCase() };
  const digits = trimmed.replace(/[\s.-]/g, '');
  return /^[0-9]{18}$/.test(digits) ? { nip: digits } : null;
}

// The read-one query is the hottest path of the registry: build its SQL once, not per request.
let byIdSql: string | null = null;
let byNipSql: string | null = null;

/** The employee named by id or NIP, archived ones included; null when there is none. */
export async function findPegawai(db: AnyDb, ref: string): Promise<Pegawai | null> {
  const parsed = parseRef(ref);
  if (!parsed) return null;
  byIdSql ??= selectPegawai(db).where('p.id', '=', '').compile().sql;
  byNipSql ??= selectPegawai(db).where('p.nip', '=', '').compile().sql;
  const compiled = 'id' in parsed ? CompiledQuery.raw(byIdSql, [parsed.id]) : CompiledQuery.raw(byNipSql, [parsed.nip]);
  const { rows } = await db.executeQuery<PegawaiRow>(compiled);
  return rows[0] ? toPegawai(rows[0]) : null;
}

/** Registry function for other modules: the full record (unmasked) by NIP, or null. */
export async function getPegawaiByNip(db: AnyDb, nip: string): Promise<Pegawai | null> {
  const digits = nip.replace(/[\s.-]/g, '');
  return /^[0-9]{18}$/.test(digits) ? findPegawai(db, digits) : null;
}

export interface ReaderView {
  pegawai: Pegawai;
  /** False when personal fields were masked (the reader does not manage the employee's OPD). */
  full: boolean;
}

/**
 * What a reader may see: employees outside the reader's scope do not exist for them (404).
 * Personal fields are shown in full only to those who manage the employee's OPD.
 */
export async function readPegawai(db: AnyDb, access: Access, ref: string): Promise<ReaderView> {
  const pegawai = await findPegawai(db, ref);
  if (!pegawai) throw new AppError('pegawai.not_found', { ref });
  const [read, manage] = await scopesFor(db, access);
  if (!covers(read, pegawai.opdId)) throw new AppError('pegawai.not_found', { ref });
  const full = covers(manage, pegawai.opdId);
  return { pegawai: full ? pegawai : maskPegawai(pegawai), full };
}

/** Read and manage scopes together; city-wide grants need no query at all. */
async function scopesFor(db: AnyDb, access: Access): Promise<[PegawaiScope, PegawaiScope]> {
  return Promise.all([scopeOf(db, access, READ), scopeOf(db, access, MANAGE)]);
}

export interface PegawaiQuery {
  opd?: string;
  unit?: string;
  jenis?: JenisPegawai;
  golongan?: string;
  status?: StatusPegawai;
  q?: string;
  includeArchived?: boolean;
  sort?: string;
  limit: number;
  cursor?: string;
  fields?: string;
  total?: boolean;
}

export interface PegawaiPage {
  items: Partial<Pegawai>[];
  nextCursor: string | null;
  total?: number;
}

const SORT_KEYS: Record<'nama' | 'nip' | 'tmt', RawBuilder<string>> = {
  nama: sql<string>`p.nama`,
  nip: sql<string>`coalesce(p.nip, '')`,
  tmt: sql<string>`coalesce(r.tmt::text, '')`,
};

/** Lists employees in the reader's scope; personal fields are always masked in lists. */
export async function listPegawai(db: AnyDb, access: Access, query: PegawaiQuery): Promise<PegawaiPage> {
  const sort = parseSort(query.sort, ['nama', 'nip', 'tmt'] as const, 'nama');
  const fields = parseFields(query.fields, PEGAWAI_FIELDS);
  const scope = await scopeOf(db, access, READ);
  const empty: PegawaiPage = { items: [], nextCursor: null, ...(query.total ? { total: 0 } : {}) };

  let base = peg(db).selectFrom('pegawai.pegawai as p');
  if (!scope.city) {
    if (scope.opdIds.size === 0) return empty;
    base = base.where('p.opd_id', 'in', [...scope.opdIds]);
  }
  if (query.opd) {
    const opd = await findOpd(core(db), query.opd);
    if (!opd) return empty;
    base = base.where('p.opd_id', '=', opd.id);
  }
  if (query.unit) base = base.where('p.unit_id', '=', query.unit.toLowerCase());
  if (query.jenis) base = base.where('p.jenis', '=', query.jenis);
  if (query.golongan) base = base.where('p.golongan', '=', query.golongan);
  if (query.status) base = base.where('p.status', '=', query.status);
  if (!query.includeArchived) base = base.where('p.archived_at', 'is', null);
  const q = query.q?.trim();
  if (q) {
    const digits = q.replace(/[\s.-]/g, '');
    if (/^[0-9]+$/.test(digits)) base = base.where('p.nip', 'like', `${digits}%`);
    else {
      const prefix = `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where(sql<boolean>`lower(p.nama) LIKE ${prefix}`);
    }
  }

  const key = SORT_KEYS[sort.field];
  const direction = sql.raw(sort.direction);
  let page = base
    .leftJoin('pegawai.riwayat_jabatan as r', (join) => join.onRef('r.pegawai_id', '=', 'p.id').on('r.selesai', 'is', null))
    .select(['p.id', 'p.nip', 'p.nama', 'p.gelar_depan', 'p.gelar_belakang', 'p.jenis_kelamin', 'p.jenis', 'p.golongan'])
    .select(['p.opd_id', 'p.unit_id', 'p.status', 'p.email', 'p.telepon', 'p.version', 'p.archived_at', 'p.archive_reason'])
    .select(['p.created_at', 'p.updated_at', 'r.jabatan_id', 'r.nama_jabatan'])
    .select([sql<string>`p.tanggal_lahir::text`.as('tanggal_lahir'), sql<string | null>`r.tmt::text`.as('tmt_jabatan')]);
  if (query.cursor) {
    const position = decodeCursor(query.cursor, sort.key);
    if (typeof position.value !== 'string' || !isUuid(position.id)) throw new AppError('request.invalid_cursor');
    const op = sql.raw(sort.direction === 'asc' ? '>' : '<');
    page = page.where(sql<boolean>`(${key}, p.id) ${op} (${position.value}, ${position.id.toLowerCase()}::uuid)`);
  }
  const rows = await page.orderBy(sql`${key} ${direction}`).orderBy(sql`p.id ${direction}`).limit(query.limit + 1).execute();
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map((row) => toPegawai(row as PegawaiRow));
  const last = items.at(-1);
  const sortValue = (p: Pegawai): string => (sort.field === 'nama' ? p.nama : sort.field === 'nip' ? (p.nip ?? '') : (p.tmtJabatan ?? ''));
  const result: PegawaiPage = {
    items: items.map((p) => pick(maskPegawai(p) as unknown as Record<string, unknown>, fields) as Partial<Pegawai>),
    nextCursor: more && last ? encodeCursor({ sort: sort.key, value: sortValue(last), id: last.id }) : null,
  };
  if (query.total) {
    const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    result.total = Number(count.n);
  }
  return result;
}

export interface PegawaiInput {
  nip?: string | null;
  nama: string;
  gelarDepan?: string | null;
  gelarBelakang?: string | null;
  jenisKelamin: 'L' | 'P';
  tanggalLahir: string;
  jenis: JenisPegawai;
  golongan?: string | null;
  status?: StatusPegawai;
  email?: string | null;
  telepon?: string | null;
}

export interface NewPegawai extends PegawaiInput {
  opdRef: string;
  unitId: string;
  jabatanId?: string | null;
  namaJabatan?: string;
  tmtJabatan?: string;
}

interface PegawaiValues {
  nip: string | null;
  nama: string;
  gelarDepan: string | null;
  gelarBelakang: string | null;
  jenisKelamin: 'L' | 'P';
  tanggalLahir: string;
  jenis: JenisPegawai;
  golongan: string | null;
  status: StatusPegawai;
  email: string | null;
  telepon: string | null;
}

/** Checks the rules across fields; throws 422 naming every broken rule, or returns the values as stored. */
function checkValues(values: PegawaiValues, now: Date, checkIdentity: boolean, extra: FieldViolation[] = []): PegawaiValues {
  const violations: FieldViolation[] = [...extra];
  const nama = values.nama.trim();
  if (!nama) violations.push({ field: 'nama', rule: 'minLength', params: { limit: 1 } });
  if (values.tanggalLahir >= todayWib(now)) violations.push({ field: 'tanggalLahir', rule: 'pegawai.tanggal_lahir' });
  let nip = values.nip;
  if (checkIdentity) nip = checkNip(values, now, violations);
  checkGolongan(values, violations);
  if (violations.length > 0) throw rulesBroken(violations);
  return {
    ...values,
    nip,
    nama,
    gelarDepan: cleanOptional(values.gelarDepan) ?? null,
    gelarBelakang: cleanOptional(values.gelarBelakang) ?? null,
    email: cleanOptional(values.email)?.toLowerCase() ?? null,
    telepon: cleanOptional(values.telepon) ?? null,
  };
}

const columnsOf = (values: PegawaiValues) => ({
  nip: values.nip,
  nama: values.nama,
  gelar_depan: values.gelarDepan,
  gelar_belakang: values.gelarBelakang,
  jenis_kelamin: values.jenisKelamin,
  tanggal_lahir: values.tanggalLahir,
  jenis: values.jenis,
  golongan: values.golongan,
  status: values.status,
  email: values.email,
  telepon: values.telepon,
});

const editable = (p: Pegawai): Record<string, unknown> => Object.fromEntries(PEGAWAI_EDITABLE.map((name) => [name, p[name]]));

export interface Placement {
  opd: Opd;
  unit: Unit;
  jabatanId: string | null;
  namaJabatan: string;
}

/**
 * Resolves where an employee is placed, through organisasi's functions only: the OPD must
 * exist and not be archived, the unit must belong to it and be in force on the TMT, the
 * jabatan (optional) must be one of the unit's. Broken rules go into `violations`.
 */
export async function resolvePlacement(
  db: AnyDb,
  input: { opdRef: string; unitId: string; jabatanId?: string | null; namaJabatan?: string; tmt: string },
  fieldOf: { opd: string; unit: string; jabatan: string; namaJabatan: string },
  violations: FieldViolation[],
): Promise<Placement | null> {
  const kernelDb = core(db);
  const opd = await findOpd(kernelDb, input.opdRef);
  if (!opd || opd.archivedAt) {
    violations.push({ field: fieldOf.opd, rule: 'pegawai.opd_unknown', params: { ref: input.opdRef } });
    return null;
  }
  const unit = await findUnit(kernelDb, input.unitId);
  if (!unit || unit.opdId !== opd.id) {
    violations.push({ field: fieldOf.unit, rule: 'pegawai.unit_opd' });
    return null;
  }
  if (!inForce(unit, input.tmt)) violations.push({ field: fieldOf.unit, rule: 'pegawai.unit_not_in_force', params: { tanggal: input.tmt } });
  let namaJabatan = input.namaJabatan?.trim() ?? '';
  const jabatanId = input.jabatanId?.toLowerCase() ?? null;
  if (jabatanId) {
    const jabatan = (await jabatanOf(kernelDb, [unit.id])).get(unit.id)?.find((j) => j.id === jabatanId);
    if (!jabatan) violations.push({ field: fieldOf.jabatan, rule: 'pegawai.jabatan_unit' });
    else if (!namaJabatan) namaJabatan = jabatan.nama;
  }
  if (!namaJabatan) violations.push({ field: fieldOf.namaJabatan, rule: 'required' });
  return { opd, unit, jabatanId, namaJabatan };
}

export async function createPegawai(kernel: Kernel, actor: Actor, access: Access, input: NewPegawai): Promise<Pegawai> {
  const now = new Date();
  const today = todayWib(now);
  const tmt = input.tmtJabatan ?? today;
  const violations: FieldViolation[] = [];
  const placement = await resolvePlacement(
    kernel.db,
    { opdRef: input.opdRef, unitId: input.unitId, jabatanId: input.jabatanId, namaJabatan: input.namaJabatan, tmt },
    { opd: 'opdRef', unit: 'unitId', jabatan: 'jabatanId', namaJabatan: 'namaJabatan' },
    violations,
  );
  // Another OPD's operator learns nothing more than "not yours".
  if (placement) assertCovers(await scopeOf(kernel.db, access, MANAGE), placement.opd.id);
  if (tmt > today) violations.push({ field: 'tmtJabatan', rule: 'pegawai.tmt_future', params: { today } });
  const values = checkValues(
    {
      nip: input.nip ?? null,
      nama: input.nama,
      gelarDepan: input.gelarDepan ?? null,
      gelarBelakang: input.gelarBelakang ?? null,
      jenisKelamin: input.jenisKelamin,
      tanggalLahir: input.tanggalLahir,
      jenis: input.jenis,
      golongan: input.golongan ?? null,
      status: input.status ?? 'aktif',
      email: input.email ?? null,
      telepon: input.telepon ?? null,
    },
    now,
    true,
    violations,
  );
  const { opd, unit, jabatanId, namaJabatan } = placement!;
  const id = uuidv7();
  try {
    return await kernel.db.transaction().execute(async (outer) => {
      const trx = peg(outer);
      await trx.insertInto('pegawai.pegawai').values({ id, ...columnsOf(values), opd_id: opd.id, unit_id: unit.id }).execute();
      await trx
        .insertInto('pegawai.riwayat_jabatan')
        .values({ id: uuidv7(), pegawai_id: id, opd_id: opd.id, unit_id: unit.id, jabatan_id: jabatanId, nama_jabatan: namaJabatan, tmt })
        .execute();
      const pegawai = (await findPegawai(trx, id))!;
      await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'pegawai', entityId: id, version: 1, action: 'created', changed: [], snapshot: { ...pegawai } });
      await recordAudit(outer, actor, { action: 'pegawai.created', entityType: 'pegawai', entityId: id, after: pegawai });
      await kernel.events.emit(outer, actor, {
        type: 'pegawai.created',
        entityType: 'pegawai',
        entityId: id,
        payload: { id, nip: pegawai.nip, jenis: pegawai.jenis, opdId: opd.id, unitId: unit.id, status: pegawai.status, version: 1 },
      });
      return pegawai;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('pegawai.nip_taken');
    throw error;
  }
}

/**
 * Locks the employee for the rest of the transaction and checks the writer's right to it:
 * 403 outside the writer's OPDs, 428/412 on a missing or stale If-Match, 409 when archived.
 */
export async function lockForWrite(trx: PegTrx, access: Access, ref: string, ifMatch: string | undefined): Promise<Pegawai> {
  const parsed = parseRef(ref);
  if (!parsed) throw new AppError('pegawai.not_found', { ref });
  const query = trx.selectFrom('pegawai.pegawai').select('id').forUpdate();
  const locked = await ('id' in parsed ? query.where('id', '=', parsed.id) : query.where('nip', '=', parsed.nip)).executeTakeFirst();
  if (!locked) throw new AppError('pegawai.not_found', { ref });
  const before = (await findPegawai(trx, locked.id))!;
  assertCovers(await scopeOf(trx, access, MANAGE), before.opdId);
  assertCurrent(before.version, expectedVersion(ifMatch));
  if (before.archivedAt) throw new AppError('record.archived');
  return before;
}

export type PegawaiPatch = Partial<PegawaiInput>;

const IDENTITY_FIELDS = ['nip', 'jenis', 'tanggalLahir', 'jenisKelamin'] as const;

export async function updatePegawai(kernel: Kernel, actor: Actor, access: Access, ref: string, ifMatch: string | undefined, patch: PegawaiPatch): Promise<Pegawai> {
  const now = new Date();
  try {
    return await kernel.db.transaction().execute(async (outer) => {
      const trx = peg(outer);
      const before = await lockForWrite(trx, access, ref, ifMatch);
      const merged: PegawaiValues = {
        nip: patch.nip === undefined ? before.nip : patch.nip,
        nama: patch.nama ?? before.nama,
        gelarDepan: patch.gelarDepan === undefined ? before.gelarDepan : patch.gelarDepan,
        gelarBelakang: patch.gelarBelakang === undefined ? before.gelarBelakang : patch.gelarBelakang,
        jenisKelamin: patch.jenisKelamin ?? before.jenisKelamin,
        tanggalLahir: patch.tanggalLahir ?? before.tanggalLahir,
        jenis: patch.jenis ?? before.jenis,
        golongan: patch.golongan === undefined ? before.golongan : patch.golongan,
        status: patch.status ?? before.status,
        email: patch.email === undefined ? before.email : patch.email,
        telepon: patch.telepon === undefined ? before.telepon : patch.telepon,
      };
      // A NIP is re-validated whenever it, or what it encodes or depends on, is sent.
      const identityTouched = IDENTITY_FIELDS.some((name) => patch[name] !== undefined);
      const values = checkValues(merged, now, identityTouched);
      const changed = changedFields(editable(before), values as unknown as Record<string, unknown>);
      if (changed.length === 0) return before;
      const version = before.version + 1;
      await trx.updateTable('pegawai.pegawai').set({ ...columnsOf(values), version, updated_at: now }).where('id', '=', before.id).execute();
      const after = (await findPegawai(trx, before.id))!;
      await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'pegawai', entityId: after.id, version, action: 'updated', changed, snapshot: { ...after } });
      await recordAudit(outer, actor, { action: 'pegawai.updated', entityType: 'pegawai', entityId: after.id, before, after });
      await kernel.events.emit(outer, actor, {
        type: 'pegawai.updated',
        entityType: 'pegawai',
        entityId: after.id,
        payload: { id: after.id, nip: after.nip, opdId: after.opdId, version, changed },
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('pegawai.nip_taken');
    throw error;
  }
}

export async function archivePegawai(kernel: Kernel, actor: Actor, access: Access, ref: string, ifMatch: string | undefined, reason: string): Promise<Pegawai> {
  const why = reason.trim();
  if (why.length < 3) throw invalid([{ field: 'alasan', rule: 'minLength', params: { limit: 3 } }]);
  return kernel.db.transaction().execute(async (outer) => {
    const trx = peg(outer);
    const before = await lockForWrite(trx, access, ref, ifMatch);
    const version = before.version + 1;
    await trx
      .updateTable('pegawai.pegawai')
      .set({ archived_at: new Date(), archive_reason: why, version, updated_at: new Date() })
      .where('id', '=', before.id)
      .execute();
    const after = (await findPegawai(trx, before.id))!;
    await writeHistory(trx, HISTORY_SCHEMA, actor, {
      entityType: 'pegawai',
      entityId: after.id,
      version,
      action: 'archived',
      changed: ['archivedAt', 'archiveReason'],
      snapshot: { ...after },
    });
    await recordAudit(outer, actor, { action: 'pegawai.archived', entityType: 'pegawai', entityId: after.id, before, after });
    await kernel.events.emit(outer, actor, {
      type: 'pegawai.archived',
      entityType: 'pegawai',
      entityId: after.id,
      payload: { id: after.id, nip: after.nip, opdId: after.opdId, version, reason: why },
    });
    return after;
  });
}

/** Every version, newest first; snapshots are masked for readers who do not manage the OPD. */
export async function pegawaiHistory(db: AnyDb, access: Access, ref: string): Promise<HistoryEntry[]> {
  const { pegawai, full } = await readPegawai(db, access, ref);
  const entries = await readHistory(db, HISTORY_SCHEMA, 'pegawai', pegawai.id);
  return full ? entries : entries.map((entry) => ({ ...entry, snapshot: maskPegawai(entry.snapshot as Partial<Pegawai>) as Record<string, unknown> }));
}

export interface RiwayatJabatan {
  id: string;
  opdId: string;
  opdNama: string | null;
  unitId: string;
  unitNama: string | null;
  jabatanId: string | null;
  namaJabatan: string;
  tmt: string;
  /** The TMT of the next position (exclusive); null for the current one. */
  selesai: string | null;
}

/** Positions over time, newest first, with OPD and unit names read through organisasi. */
export async function riwayatJabatan(db: AnyDb, access: Access, ref: string): Promise<RiwayatJabatan[]> {
  const { pegawai } = await readPegawai(db, access, ref);
  return riwayatJabatanOf(db, pegawai.id);
}

/** Positions over time of an employee the caller already may see (the self path, other modules). */
export async function riwayatJabatanOf(db: AnyDb, pegawaiId: string): Promise<RiwayatJabatan[]> {
  const rows = await peg(db)
    .selectFrom('pegawai.riwayat_jabatan')
    .select(['id', 'opd_id', 'unit_id', 'jabatan_id', 'nama_jabatan'])
    .select([sql<string>`tmt::text`.as('tmt'), sql<string | null>`selesai::text`.as('selesai')])
    .where('pegawai_id', '=', pegawaiId)
    .orderBy('tmt', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  // A handful of distinct OPDs and units per employee: one lookup each, not one per row.
  const kernelDb = core(db);
  const opdIds = [...new Set(rows.map((r) => r.opd_id))];
  const unitIds = [...new Set(rows.map((r) => r.unit_id))];
  const [opds, units] = await Promise.all([
    Promise.all(opdIds.map((id) => findOpd(kernelDb, id))),
    Promise.all(unitIds.map((id) => findUnit(kernelDb, id))),
  ]);
  const opdNama = new Map(opds.flatMap((o) => (o ? [[o.id, o.nama] as const] : [])));
  const unitNama = new Map(units.flatMap((u) => (u ? [[u.id, u.nama] as const] : [])));
  return rows.map((r) => ({
    id: r.id,
    opdId: r.opd_id,
    opdNama: opdNama.get(r.opd_id) ?? null,
    unitId: r.unit_id,
    unitNama: unitNama.get(r.unit_id) ?? null,
    jabatanId: r.jabatan_id,
    namaJabatan: r.nama_jabatan,
    tmt: r.tmt,
    selesai: r.selesai,
  }));
}

const normaliseName = (name: string) => name.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Yes/no verification for other apps: is this NIP a registered, not archived employee (whose
 * name matches, when given), and are they in service? `aktif` is true for status aktif and
 * cuti (on leave is still in service). Nothing of the record is returned.
 */
export async function verifyNip(db: AnyDb, nip: string, nama?: string): Promise<{ valid: boolean; aktif: boolean }> {
  const pegawai = await getPegawaiByNip(db, nip);
  if (!pegawai || pegawai.archivedAt) return { valid: false, aktif: false };
  if (nama !== undefined && nama.trim() !== '') {
    const given = normaliseName(nama);
    const full = normaliseName([pegawai.gelarDepan, pegawai.nama, pegawai.gelarBelakang].filter(Boolean).join(' '));
    if (given !== normaliseName(pegawai.nama) && given !== full) return { valid: false, aktif: false };
  }
  return { valid: true, aktif: pegawai.status === 'aktif' || pegawai.status === 'cuti' };
}
