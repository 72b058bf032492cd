import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import { AppError, invalid } from '../../core/http/errors.js';
import { atField } from '../identity/index.js';
import { decodeCursor, encodeCursor } from '../kernel/cursor.js';
import { parseKode } from './kode.js';
import { wilayahDb, type Level, type WilayahDb } from './tables.js';

/** Regions page by kode, so the cursor's key is a kode, not a uuid. */
const KODE_IN_CURSOR = /^\d{2}(\.\d{2}){0,2}(\.\d{4})?$/;

export interface Wilayah {
  id: string;
  kode: string;
  nama: string;
  level: Level;
  parentKode: string | null;
  hasBoundary: boolean;
  /** Package name and version the region was loaded from. */
  source: string;
  loadedAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VILLAGE_LEVELS: Level[] = ['kelurahan', 'desa'];

function selectWilayah(db: WilayahDb) {
  return db
    .selectFrom('wilayah.region as r')
    .select(['r.id', 'r.kode', 'r.nama', 'r.level', 'r.parent_kode', 'r.source', 'r.loaded_at'])
    .select((eb) => eb.exists(eb.selectFrom('wilayah.boundary as b').select('b.kode').whereRef('b.kode', '=', 'r.kode')).as('has_boundary'));
}

type WilayahRow = Awaited<ReturnType<ReturnType<typeof selectWilayah>['execute']>>[number];

const toWilayah = (row: WilayahRow): Wilayah => ({
  id: row.id,
  kode: row.kode,
  nama: row.nama,
  level: row.level,
  parentKode: row.parent_kode,
  hasBoundary: Boolean(row.has_boundary),
  source: row.source,
  loadedAt: row.loaded_at.toISOString(),
});

/** The dotted kode of a request field, or a 400 naming the broken kode_wilayah rules. */
export function kodeParam(field: string, value: string): string {
  const parsed = parseKode(value);
  if (!parsed.ok) throw invalid(atField(field, parsed.violations));
  return parsed.kode;
}

/**
 * One region by kode (`13.71.01.1001` or `1371011001`) or by id; null when there is none or the
 * kode is malformed. For other modules: `getWilayah(kernel.db, '13.71.01.1001')`.
 */
export async function getWilayah(db: Kysely<DB>, kodeOrId: string): Promise<Wilayah | null> {
  const text = kodeOrId.trim();
  const query = selectWilayah(wilayahDb(db));
  if (UUID.test(text)) {
    const row = await query.where('r.id', '=', text.toLowerCase()).executeTakeFirst();
    return row ? toWilayah(row) : null;
  }
  const parsed = parseKode(text);
  if (!parsed.ok) return null;
  const row = await query.where('r.kode', '=', parsed.kode).executeTakeFirst();
  return row ? toWilayah(row) : null;
}

/** Like getWilayah, for routes: a malformed kode is a 400, an unknown one a 404. */
export async function requireWilayah(db: Kysely<DB>, kodeOrId: string): Promise<Wilayah> {
  if (!UUID.test(kodeOrId.trim())) kodeParam('kode', kodeOrId);
  const found = await getWilayah(db, kodeOrId);
  if (!found) throw new AppError('wilayah.not_found', { kode: kodeOrId.trim() });
  return found;
}

/** The kelurahan and desa in the registry (the pemda's own), or those of one kecamatan, in kode order. */
export async function listKelurahan(db: Kysely<DB>, kecamatanKode?: string): Promise<Wilayah[]> {
  let query = selectWilayah(wilayahDb(db)).where('r.level', 'in', VILLAGE_LEVELS);
  if (kecamatanKode !== undefined) {
    const parsed = parseKode(kecamatanKode);
    if (!parsed.ok || parsed.level !== 'kecamatan') return [];
    query = query.where('r.parent_kode', '=', parsed.kode);
  }
  return (await query.orderBy('r.kode').execute()).map(toWilayah);
}

export async function listChildren(db: Kysely<DB>, kodeOrId: string): Promise<Wilayah[]> {
  const parent = await requireWilayah(db, kodeOrId);
  return (await selectWilayah(wilayahDb(db)).where('r.parent_kode', '=', parent.kode).orderBy('r.kode').execute()).map(toWilayah);
}

export interface WilayahQuery {
  level?: Level;
  parent?: string;
  within?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

const CURSOR_SORT = 'kode';

/** Regions in kode order, one keyset page at a time. */
export async function listWilayah(db: Kysely<DB>, query: WilayahQuery): Promise<{ items: Wilayah[]; nextCursor: string | null }> {
  let select = selectWilayah(wilayahDb(db));
  if (query.level) select = select.where('r.level', '=', query.level);
  if (query.parent !== undefined) select = select.where('r.parent_kode', '=', kodeParam('parent', query.parent));
  if (query.within !== undefined) select = select.where('r.kode', 'like', `${kodeParam('within', query.within)}.%`);
  const q = query.q?.trim();
  if (q) {
    const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    const kodePrefix = parseKode(q);
    select = select.where((eb) =>
      eb.or([eb('r.nama', 'ilike', `%${escaped}%`), ...(kodePrefix.ok ? [eb('r.kode', 'like', `${kodePrefix.kode}%`)] : [])]),
    );
  }
  if (query.cursor) select = select.where('r.kode', '>', decodeCursor(query.cursor, CURSOR_SORT, KODE_IN_CURSOR).id);
  const rows = await select.orderBy('r.kode').limit(query.limit + 1).execute();
  const items = rows.slice(0, query.limit).map(toWilayah);
  const last = items[items.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ sort: CURSOR_SORT, value: last.kode, id: last.kode }) : null;
  return { items, nextCursor };
}

export interface PemdaTree {
  pemda: Wilayah;
  /** The province above a kab/kota pemda; null when the pemda is a province. */
  provinsi: Wilayah | null;
  kecamatan: (Wilayah & { kelurahan: Wilayah[] })[];
}

/** The configured pemda with its kecamatan and, under each, its kelurahan and desa. */
export async function pemdaTree(db: Kysely<DB>, pemdaCode: string): Promise<PemdaTree> {
  const rows = (
    await selectWilayah(wilayahDb(db))
      .where((eb) => eb.or([eb('r.kode', '=', pemdaCode), eb('r.kode', 'like', `${pemdaCode}.%`), eb('r.kode', '=', pemdaCode.slice(0, 2))]))
      .where(sql<boolean>`r.level <> 'kabkota' OR r.kode = ${pemdaCode}`)
      .orderBy('r.kode')
      .execute()
  ).map(toWilayah);
  const pemda = rows.find((r) => r.kode === pemdaCode);
  if (!pemda) throw new AppError('wilayah.not_found', { kode: pemdaCode });
  const provinsi = pemda.level === 'provinsi' ? null : (rows.find((r) => r.kode === pemda.parentKode) ?? null);
  const villages = new Map<string, Wilayah[]>();
  for (const row of rows) {
    if (!VILLAGE_LEVELS.includes(row.level) || !row.parentKode) continue;
    const list = villages.get(row.parentKode) ?? [];
    list.push(row);
    villages.set(row.parentKode, list);
  }
  const kecamatan = rows.filter((r) => r.level === 'kecamatan').map((k) => ({ ...k, kelurahan: villages.get(k.kode) ?? [] }));
  return { pemda, provinsi, kecamatan };
}
