import { sql, type Kysely } from 'kysely';
import type { Access } from '../../core/authz/access.js';
import type { DB } from '../../core/db/schema.js';
import { AppError } from '../../core/http/errors.js';
import { stripSeparators } from '../identity/common.js';
import { decodeCursor, encodeCursor, parseFields, parseSort, pick } from '../kernel/cursor.js';
import { readHistoryWithLoaded, type HistoryEntry } from '../kernel/history.js';
import { maskPenduduk, maskSnapshot, PENDUDUK_FIELDS, selectPenduduk, snapshotOf, toPenduduk, UUID, type Penduduk } from './model.js';
import { inScope, kelurahanScope, type PendudukPermission } from './scope.js';
import { pendudukDb, type PendudukDb, type PendudukTrx, type Status } from './tables.js';

/** The row behind a reference: a uuid or a NIK (separators ignored). Archived ones included. */
export async function findPenduduk(db: PendudukDb | PendudukTrx, ref: string, forUpdate = false): Promise<Penduduk | null> {
  const text = ref.trim();
  let query = selectPenduduk(db);
  if (UUID.test(text)) query = query.where('p.id', '=', text.toLowerCase());
  else {
    const nik = stripSeparators(text);
    if (!/^[0-9]{16}$/.test(nik)) return null;
    query = query.where('p.nik', '=', nik);
  }
  if (forUpdate) query = query.forUpdate('p');
  const row = await query.executeTakeFirst();
  return row ? toPenduduk(row) : null;
}

/** A resident the caller may see under `permission`, full; anything else is the same 404. */
export async function requirePenduduk(db: Kysely<DB>, access: Access | null, permission: PendudukPermission, ref: string): Promise<Penduduk> {
  const found = await findPenduduk(pendudukDb(db), ref);
  if (!found || !inScope(kelurahanScope(access, permission), found.kodeKelurahan)) throw new AppError('penduduk.not_found');
  return found;
}

/**
 * For other modules and the default view: one resident, masked (NIK `137105******0003`, birth
 * year only, address masked), or null when unknown. Without `access`, city-wide.
 */
export async function getPendudukMasked(db: Kysely<DB>, ref: string, access: Access | null = null): Promise<Penduduk | null> {
  const found = await findPenduduk(pendudukDb(db), ref);
  if (!found || !inScope(kelurahanScope(access, 'penduduk.read'), found.kodeKelurahan)) return null;
  return maskPenduduk(found);
}

export const PENDUDUK_SORTS = ['nama', 'createdAt'] as const;

export interface PendudukQuery {
  kelurahan?: string;
  noKk?: string;
  status?: Status;
  jenisKelamin?: 'L' | 'P';
  q?: string;
  includeArchived?: boolean;
  sort?: string;
  limit: number;
  cursor?: string;
  fields?: string;
  total?: boolean;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The filters a list or an export applies (GET /api/v1/penduduk, POST /api/v1/penduduk/ekspor). */
export type PendudukFilter = Pick<PendudukQuery, 'kelurahan' | 'noKk' | 'status' | 'jenisKelamin' | 'q' | 'includeArchived'>;

/**
 * Applies the caller's kelurahan scope (null = city-wide) and the filters to a resident query;
 * one function for the list and the export, so an export never holds a row the list would hide.
 */
export function whereFiltered<Q extends ReturnType<typeof selectPenduduk>>(q: Q, scope: string[] | null, filter: PendudukFilter): Q {
  let out = q;
  if (scope !== null) out = out.where('p.kode_kelurahan', 'in', scope) as Q;
  if (filter.kelurahan) out = out.where('p.kode_kelurahan', '=', filter.kelurahan) as Q;
  if (filter.noKk) out = out.where('p.no_kk', '=', stripSeparators(filter.noKk)) as Q;
  if (filter.status) out = out.where('p.status', '=', filter.status) as Q;
  if (filter.jenisKelamin) out = out.where('p.jenis_kelamin', '=', filter.jenisKelamin) as Q;
  if (!filter.includeArchived) out = out.where('p.archived_at', 'is', null) as Q;
  const prefix = filter.q?.trim();
  if (prefix) out = out.where(sql<boolean>`lower(p.nama) COLLATE "C" LIKE lower(${escapeLike(prefix)}) || '%'`) as Q;
  return out;
}

/** Masked list, scoped to the caller's kelurahan; keyset pages in name or creation order. */
export async function listPenduduk(db: Kysely<DB>, access: Access | null, query: PendudukQuery) {
  const sort = parseSort(query.sort, PENDUDUK_SORTS, 'nama');
  const fields = parseFields(query.fields, PENDUDUK_FIELDS);
  const scope = kelurahanScope(access, 'penduduk.read');
  if (scope !== null && scope.length === 0) return { items: [], nextCursor: null, ...(query.total ? { total: 0 } : {}) };

  const pdb = pendudukDb(db);
  const filtered = <Q extends ReturnType<typeof selectPenduduk>>(q: Q): Q => whereFiltered(q, scope, query);

  const key = sort.field === 'nama' ? sql`lower(p.nama) COLLATE "C"` : sql`p.created_at`;
  const desc = sort.direction === 'desc';
  let page = filtered(selectPenduduk(pdb)).select(sql<string>`${key}::text`.as('sort_value'));
  if (query.cursor) {
    const position = decodeCursor(query.cursor, sort.key);
    const value = sort.field === 'nama' ? sql`${String(position.value)}` : sql`${String(position.value)}::timestamptz`;
    page = page.where(desc ? sql<boolean>`(${key}, p.id) < (${value}, ${position.id}::uuid)` : sql<boolean>`(${key}, p.id) > (${value}, ${position.id}::uuid)`);
  }
  page = page.orderBy(desc ? sql`${key} DESC` : sql`${key} ASC`).orderBy('p.id', desc ? 'desc' : 'asc').limit(query.limit + 1);

  const [rows, count] = await Promise.all([
    page.execute(),
    query.total
      ? filtered(selectPenduduk(pdb)).clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
      : Promise.resolve(null),
  ]);
  const more = rows.length > query.limit;
  const shown = rows.slice(0, query.limit);
  const last = shown.at(-1);
  const nextCursor = more && last
    ? encodeCursor({ sort: sort.key, value: last.sort_value, id: last.id })
    : null;
  return {
    items: shown.map((row) => pick(maskPenduduk(toPenduduk(row)) as unknown as Record<string, unknown>, fields)),
    nextCursor,
    ...(count ? { total: Number(count.n) } : {}),
  };
}

/** Every version of a resident, newest first; snapshots masked (a full view needs a reason). */
export async function pendudukHistory(db: Kysely<DB>, access: Access | null, ref: string): Promise<HistoryEntry[]> {
  const found = await requirePenduduk(db, access, 'penduduk.read', ref);
  const entries = await readHistoryWithLoaded(db, 'penduduk', 'penduduk.penduduk', 'penduduk', found.id, { ...snapshotOf(found), version: found.version });
  return entries.map((entry) => ({ ...entry, snapshot: maskSnapshot(entry.snapshot) }));
}

/** The code lists (agama, pendidikan, pekerjaan, status kawin, SHDK) with their names. */
export async function kodeLists(db: Kysely<DB>) {
  const result = await sql<{ list: string; kode: number; nama: string }>`
    SELECT 'agama' AS list, kode, nama FROM penduduk.agama
    UNION ALL SELECT 'pendidikan', kode, nama FROM penduduk.pendidikan
    UNION ALL SELECT 'pekerjaan', kode, nama FROM penduduk.pekerjaan
    UNION ALL SELECT 'statusKawin', kode, nama FROM penduduk.status_kawin
    UNION ALL SELECT 'shdk', kode, nama FROM penduduk.shdk
    ORDER BY 1, 2`.execute(db);
  const lists: Record<string, { kode: number; nama: string }[]> = { agama: [], pendidikan: [], pekerjaan: [], statusKawin: [], shdk: [] };
  for (const row of result.rows) lists[row.list]!.push({ kode: row.kode, nama: row.nama });
  return lists;
}
