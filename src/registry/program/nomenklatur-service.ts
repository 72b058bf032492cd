import { sql } from 'kysely';
import { AppError, invalid } from '../../core/http/errors.js';
import { atField } from '../identity/index.js';
import { validateKodeProgram } from '../identity/kode-program.js';
import type { Nomenklatur, ProgramLevel } from './model.js';
import { prog, type AnyDb } from './tables.js';

const toNomenklatur = (row: { kode: string; level: string; parent_kode: string | null; nama: string }): Nomenklatur => ({
  kode: row.kode,
  level: row.level as ProgramLevel,
  parentKode: row.parent_kode,
  nama: row.nama,
});

/** Normalises a code from a request; a malformed one is a 400 on `field`. */
export function normaliseKode(input: string, field: string): string {
  const checked = validateKodeProgram(input);
  if (!checked.ok) throw invalid(atField(field, checked.violations));
  return checked.value;
}

/** The entry with this code in any zero-padding variant (`1.2.2.2.2.8` = `1.02.02.2.02.0008`); null when there is none. */
export async function findNomenklatur(db: AnyDb, kode: string): Promise<Nomenklatur | null> {
  const checked = validateKodeProgram(kode);
  if (!checked.ok) return null;
  const row = await prog(db).selectFrom('program.nomenklatur').select(['kode', 'level', 'parent_kode', 'nama']).where('kode', '=', checked.value).executeTakeFirst();
  return row ? toNomenklatur(row) : null;
}

export async function getNomenklatur(db: AnyDb, kode: string): Promise<Nomenklatur> {
  const normal = normaliseKode(kode, 'kode');
  const found = await findNomenklatur(db, normal);
  if (!found) throw new AppError('program.nomenklatur_not_found', { kode: normal });
  return found;
}

/** Nomenclature pages in code order: the cursor holds the last code served (the kernel's cursors carry uuids). */
function decodeKodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') {
      const checked = validateKodeProgram(parsed.after);
      if (checked.ok && checked.value === parsed.after) return checked.value;
    }
  } catch {
    // falls through to the 400
  }
  throw new AppError('request.invalid_cursor');
}

export interface NomenklaturQuery {
  level?: ProgramLevel;
  parent?: string;
  /** The entry with this code and every entry under it (any zero-padding variant). */
  kode?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export interface NomenklaturPage {
  items: Nomenklatur[];
  nextCursor: string | null;
}

/** Entries in code order, filtered by level, parent or code prefix (any zero-padding variant) or text in kode or nama. */
export async function listNomenklatur(db: AnyDb, query: NomenklaturQuery): Promise<NomenklaturPage> {
  let page = prog(db).selectFrom('program.nomenklatur').select(['kode', 'level', 'parent_kode', 'nama']);
  if (query.level) page = page.where('level', '=', query.level);
  if (query.parent) page = page.where('parent_kode', '=', normaliseKode(query.parent, 'parent'));
  if (query.kode) {
    const kode = normaliseKode(query.kode, 'kode');
    page = page.where((eb) => eb.or([eb('kode', '=', kode), eb('kode', 'like', `${kode}.%`)]));
  }
  if (query.q) {
    const pattern = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    page = page.where((eb) => eb.or([eb('kode', 'ilike', pattern), eb('nama', 'ilike', pattern)]));
  }
  if (query.cursor) page = page.where('kode', '>', decodeKodeCursor(query.cursor));
  const rows = await page.orderBy('kode').limit(query.limit + 1).execute();
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(toNomenklatur);
  const last = items.at(-1);
  return { items, nextCursor: more && last ? Buffer.from(JSON.stringify({ after: last.kode })).toString('base64url') : null };
}

/** The entry and its ancestors, from the urusan down (`urusan › bidang › program › kegiatan › sub-kegiatan`). */
export async function nomenklaturJalur(db: AnyDb, kode: string): Promise<Nomenklatur[]> {
  const entry = await getNomenklatur(db, kode);
  const rows = await sql<{ kode: string; level: string; parent_kode: string | null; nama: string; depth: number }>`
    WITH RECURSIVE up AS (
      SELECT kode, level, parent_kode, nama, 0 AS depth FROM program.nomenklatur WHERE kode = ${entry.kode}
      UNION ALL
      SELECT n.kode, n.level, n.parent_kode, n.nama, up.depth + 1 FROM program.nomenklatur n JOIN up ON n.kode = up.parent_kode WHERE up.depth < 10
    )
    SELECT kode, level, parent_kode, nama, depth FROM up ORDER BY depth DESC`.execute(prog(db));
  return rows.rows.map(toNomenklatur);
}
