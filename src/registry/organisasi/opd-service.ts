import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, invalid, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { atField, validateKodeWilayah } from '../identity/index.js';
import { decodeCursor, encodeCursor, parseFields, parseSort, pick } from '../kernel/cursor.js';
import { assertCurrent, expectedVersion } from '../kernel/etag.js';
import { changedFields, readHistory, writeHistory, type HistoryEntry } from '../kernel/history.js';
import { cleanOptional, isUuid, OPD_EDITABLE, toOpd, type Opd, type OpdJenis } from './model.js';
import { assertCityWide, assertManagesOpd } from './permission.js';
import { HISTORY_SCHEMA, org, type AnyDb, type OrgTrx } from './tables.js';

export const OPD_FIELDS = [
  'kode', 'nama', 'singkatan', 'jenis', 'kodeWilayah', 'alamat', 'latitude', 'longitude',
  'version', 'archivedAt', 'archiveReason', 'createdAt', 'updatedAt',
] as const;

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** The OPD named by id or kode (any case), archived ones included; null when there is none. */
export async function findOpd(db: AnyDb, ref: string): Promise<Opd | null> {
  const query = org(db).selectFrom('organisasi.opd').selectAll();
  const row = await (isUuid(ref) ? query.where('id', '=', ref.toLowerCase()) : query.where(sql`lower(kode)`, '=', ref.toLowerCase())).executeTakeFirst();
  return row ? toOpd(row) : null;
}

export async function getOpd(db: AnyDb, ref: string): Promise<Opd> {
  const opd = await findOpd(db, ref);
  if (!opd) throw new AppError('opd.not_found', { ref });
  return opd;
}

/** Locks the OPD row for the rest of the transaction: structure changes of one OPD run one at a time. */
export async function lockOpd(trx: OrgTrx, ref: string): Promise<Opd> {
  const query = trx.selectFrom('organisasi.opd').selectAll().forUpdate();
  const row = await (isUuid(ref) ? query.where('id', '=', ref.toLowerCase()) : query.where(sql`lower(kode)`, '=', ref.toLowerCase())).executeTakeFirst();
  if (!row) throw new AppError('opd.not_found', { ref });
  return toOpd(row);
}

export interface OpdQuery {
  q?: string;
  kode?: string;
  jenis?: OpdJenis;
  kodeWilayah?: string;
  includeArchived?: boolean;
  sort?: string;
  limit: number;
  cursor?: string;
  fields?: string;
  total?: boolean;
}

export interface OpdPage {
  items: Partial<Opd>[];
  nextCursor: string | null;
  total?: number;
}

const SORT_COLUMNS = { kode: 'o.kode', nama: 'o.nama' } as const;

export async function listOpd(db: AnyDb, query: OpdQuery): Promise<OpdPage> {
  const sort = parseSort(query.sort, ['kode', 'nama'] as const, 'kode');
  const fields = parseFields(query.fields, OPD_FIELDS);
  let base = org(db).selectFrom('organisasi.opd as o');
  if (!query.includeArchived) base = base.where('o.archived_at', 'is', null);
  if (query.jenis) base = base.where('o.jenis', '=', query.jenis);
  if (query.kode) base = base.where(sql`lower(o.kode)`, '=', query.kode.toLowerCase());
  if (query.kodeWilayah) {
    const kode = query.kodeWilayah;
    // A kecamatan code also finds the kelurahan offices inside it.
    base = base.where((eb) => eb.or([eb('o.kode_wilayah', '=', kode), eb('o.kode_wilayah', 'like', `${kode}.%`)]));
  }
  if (query.q) {
    const pattern = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('o.kode', 'ilike', pattern), eb('o.nama', 'ilike', pattern), eb('o.singkatan', 'ilike', pattern)]));
  }

  const column = SORT_COLUMNS[sort.field];
  let page = base.selectAll('o');
  if (query.cursor) {
    const position = decodeCursor(query.cursor, sort.key);
    if (typeof position.value !== 'string' || !isUuid(position.id)) throw new AppError('request.invalid_cursor');
    const after = [position.value, position.id.toLowerCase()] as const;
    page = page.where((eb) => eb(eb.refTuple(column, 'o.id'), sort.direction === 'asc' ? '>' : '<', eb.tuple(after[0], after[1])));
  }
  const rows = await page.orderBy(column, sort.direction).orderBy('o.id', sort.direction).limit(query.limit + 1).execute();
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(toOpd);
  const last = items.at(-1);
  const result: OpdPage = {
    items: items.map((opd) => pick(opd as unknown as Record<string, unknown>, fields) as Partial<Opd>),
    nextCursor: more && last ? encodeCursor({ sort: sort.key, value: last[sort.field], id: last.id }) : null,
  };
  if (query.total) {
    const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    result.total = Number(count.n);
  }
  return result;
}

export interface OpdInput {
  kode: string;
  nama: string;
  singkatan?: string | null;
  jenis: OpdJenis;
  kodeWilayah?: string | null;
  alamat?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

type OpdValues = Required<OpdInput>;

/** Checks rules that span fields; returns the values as stored. */
function checkOpd(values: OpdValues, pemdaCode: string): OpdValues {
  const violations: FieldViolation[] = [];
  const kode = values.kode.trim();
  // A kode shaped like a uuid would make `/opd/{ref}` ambiguous.
  if (isUuid(kode)) violations.push({ field: 'kode', rule: 'pattern' });
  const nama = values.nama.trim();
  if (!nama) violations.push({ field: 'nama', rule: 'minLength', params: { limit: 1 } });
  let kodeWilayah = values.kodeWilayah?.trim() || null;
  if (kodeWilayah) {
    const level = values.jenis === 'kecamatan' ? 'kecamatan' : values.jenis === 'kelurahan' ? 'kelurahan_desa' : null;
    if (!level) violations.push({ field: 'kodeWilayah', rule: 'opd.kode_wilayah_jenis' });
    else {
      const checked = validateKodeWilayah(kodeWilayah, { level });
      if (!checked.ok) violations.push(...atField('kodeWilayah', checked.violations));
      else if (!checked.value.startsWith(`${pemdaCode}.`)) violations.push({ field: 'kodeWilayah', rule: 'opd.kode_wilayah_pemda', params: { pemda: pemdaCode } });
      else kodeWilayah = checked.value;
    }
  }
  // A location is a pair: one coordinate alone places the office nowhere.
  if ((values.latitude === null) !== (values.longitude === null)) {
    violations.push({ field: values.latitude === null ? 'latitude' : 'longitude', rule: 'required' });
  }
  if (violations.length > 0) throw invalid(violations);
  return {
    ...values,
    kode,
    nama,
    kodeWilayah,
    singkatan: cleanOptional(values.singkatan) ?? null,
    alamat: cleanOptional(values.alamat) ?? null,
  };
}

const columnsOf = (values: OpdValues) => ({
  kode: values.kode,
  nama: values.nama,
  singkatan: values.singkatan,
  jenis: values.jenis,
  kode_wilayah: values.kodeWilayah,
  alamat: values.alamat,
  latitude: values.latitude,
  longitude: values.longitude,
});

const editable = (opd: Opd): Record<string, unknown> => Object.fromEntries(OPD_EDITABLE.map((name) => [name, opd[name]]));

async function assertKodeFree(trx: OrgTrx, kode: string, exceptId?: string): Promise<void> {
  let query = trx.selectFrom('organisasi.opd').select('id').where(sql`lower(kode)`, '=', kode.toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new AppError('opd.kode_taken', { kode });
}

export async function createOpd(kernel: Kernel, actor: Actor, access: Access, input: OpdInput): Promise<Opd> {
  assertCityWide(access);
  const values = checkOpd(
    {
      kode: input.kode,
      nama: input.nama,
      singkatan: input.singkatan ?? null,
      jenis: input.jenis,
      kodeWilayah: input.kodeWilayah ?? null,
      alamat: input.alamat ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
    },
    kernel.config.pemdaCode,
  );
  const id = uuidv7();
  try {
    return await kernel.db.transaction().execute(async (outer) => {
      const trx = org(outer);
      await assertKodeFree(trx, values.kode);
      await trx.insertInto('organisasi.opd').values({ id, ...columnsOf(values) }).execute();
      const opd = await getOpd(outer, id);
      await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'opd', entityId: id, version: 1, action: 'created', changed: [], snapshot: { ...opd } });
      await recordAudit(outer, actor, { action: 'opd.created', entityType: 'opd', entityId: id, after: opd });
      await kernel.events.emit(outer, actor, {
        type: 'opd.created',
        entityType: 'opd',
        entityId: id,
        payload: { id, kode: opd.kode, nama: opd.nama, jenis: opd.jenis, version: 1 },
      });
      return opd;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('opd.kode_taken', { kode: values.kode });
    throw error;
  }
}

export type OpdPatch = Partial<OpdInput>;

export async function updateOpd(kernel: Kernel, actor: Actor, access: Access, ref: string, ifMatch: string | undefined, patch: OpdPatch): Promise<Opd> {
  try {
    return await kernel.db.transaction().execute(async (outer) => {
      const trx = org(outer);
      const before = await lockOpd(trx, ref);
      assertManagesOpd(access, before.kode);
      // Renaming the code or changing the kind of agency is the city's decision, not the OPD's own.
      const recodes = (patch.kode !== undefined && patch.kode.trim() !== before.kode) || (patch.jenis !== undefined && patch.jenis !== before.jenis);
      if (recodes) assertCityWide(access);
      assertCurrent(before.version, expectedVersion(ifMatch));
      if (before.archivedAt) throw new AppError('record.archived');
      const values = checkOpd(
        {
          kode: patch.kode ?? before.kode,
          nama: patch.nama ?? before.nama,
          singkatan: patch.singkatan === undefined ? before.singkatan : patch.singkatan,
          jenis: patch.jenis ?? before.jenis,
          kodeWilayah: patch.kodeWilayah === undefined ? before.kodeWilayah : patch.kodeWilayah,
          alamat: patch.alamat === undefined ? before.alamat : patch.alamat,
          latitude: patch.latitude === undefined ? before.latitude : patch.latitude,
          longitude: patch.longitude === undefined ? before.longitude : patch.longitude,
        },
        kernel.config.pemdaCode,
      );
      const changed = changedFields(editable(before), values as unknown as Record<string, unknown>);
      if (changed.length === 0) return before;
      if (changed.includes('kode')) await assertKodeFree(trx, values.kode, before.id);
      const version = before.version + 1;
      await trx
        .updateTable('organisasi.opd')
        .set({ ...columnsOf(values), version, updated_at: new Date() })
        .where('id', '=', before.id)
        .execute();
      const after = await getOpd(outer, before.id);
      const newValues = Object.fromEntries(changed.map((name) => [name, after[name as keyof Opd]]));
      await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'opd', entityId: after.id, version, action: 'updated', changed, snapshot: { ...after } });
      await recordAudit(outer, actor, { action: 'opd.updated', entityType: 'opd', entityId: after.id, before, after });
      await kernel.events.emit(outer, actor, {
        type: 'opd.updated',
        entityType: 'opd',
        entityId: after.id,
        payload: { id: after.id, kode: after.kode, version, changed, values: newValues },
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('opd.kode_taken', { kode: patch.kode ?? '' });
    throw error;
  }
}

export async function archiveOpd(kernel: Kernel, actor: Actor, access: Access, ref: string, ifMatch: string | undefined, reason: string): Promise<Opd> {
  assertCityWide(access);
  const why = reason.trim();
  if (why.length < 3) throw invalid([{ field: 'reason', rule: 'minLength', params: { limit: 3 } }]);
  return kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer);
    const before = await lockOpd(trx, ref);
    assertCurrent(before.version, expectedVersion(ifMatch));
    if (before.archivedAt) throw new AppError('record.archived');
    const version = before.version + 1;
    await trx
      .updateTable('organisasi.opd')
      .set({ archived_at: new Date(), archive_reason: why, version, updated_at: new Date() })
      .where('id', '=', before.id)
      .execute();
    const after = await getOpd(outer, before.id);
    await writeHistory(trx, HISTORY_SCHEMA, actor, {
      entityType: 'opd',
      entityId: after.id,
      version,
      action: 'archived',
      changed: ['archivedAt', 'archiveReason'],
      snapshot: { ...after },
    });
    await recordAudit(outer, actor, { action: 'opd.archived', entityType: 'opd', entityId: after.id, before, after });
    await kernel.events.emit(outer, actor, {
      type: 'opd.archived',
      entityType: 'opd',
      entityId: after.id,
      payload: { id: after.id, kode: after.kode, version, reason: why },
    });
    return after;
  });
}

export async function opdHistory(db: AnyDb, ref: string): Promise<HistoryEntry[]> {
  const opd = await getOpd(db, ref);
  return readHistory(db, HISTORY_SCHEMA, 'opd', opd.id);
}
