import { sql } from 'kysely';
import type { Access } from '../../core/authz/access.js';
import { findOpd, listOpd, type Opd } from '../organisasi/index.js';
import { MANAGE } from './permission.js';
import { core, prog, type AnyDb } from './tables.js';

/** How a budget page names an OPD. */
export interface OpdRef {
  id: string;
  kode: string;
  nama: string;
  singkatan: string | null;
}

const refOf = (opd: Pick<Opd, 'id' | 'kode' | 'nama' | 'singkatan'>): OpdRef => ({ id: opd.id, kode: opd.kode, nama: opd.nama, singkatan: opd.singkatan });
const byKode = (a: OpdRef, b: OpdRef) => a.kode.localeCompare(b.kode);

/** Every OPD (archived ones too when asked), through organisasi's list, in kode order. */
async function allOpd(db: AnyDb, includeArchived: boolean): Promise<Opd[]> {
  const out: Opd[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOpd(core(db), { limit: 200, includeArchived, ...(cursor ? { cursor } : {}) });
    out.push(...(page.items as Opd[]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export interface Kewenangan {
  cityWide: boolean;
  opd: OpdRef[];
}

/**
 * The active OPDs whose budget lines the caller may add and change: every one with a city-wide
 * program.manage, the OPD named by each OPD-scoped grant otherwise (the same rule as assertManagesOpd).
 */
export async function kewenanganOf(db: AnyDb, access: Access): Promise<Kewenangan> {
  const scopes = access.scopes(MANAGE);
  if (scopes.some((scope) => scope.type === 'city')) {
    return { cityWide: true, opd: (await allOpd(db, false)).map(refOf) };
  }
  const codes = new Set(scopes.flatMap((scope) => (scope.type === 'opd' && scope.code ? [scope.code.toLowerCase()] : [])));
  const found: OpdRef[] = [];
  for (const code of codes) {
    const opd = await findOpd(core(db), code);
    if (opd && !opd.archivedAt) found.push(refOf(opd));
  }
  return { cityWide: false, opd: found.sort(byKode) };
}

export interface RingkasanQuery {
  tahun?: number;
  includeArchived?: boolean;
}

export interface Ringkasan {
  items: { opd: OpdRef; total: number; totalPagu: number }[];
  total: number;
  totalPagu: number;
}

/** Budget lines and their pagu per OPD (in a fiscal year), for an overview and the OPD filter. */
export async function ringkasanPerOpd(db: AnyDb, query: RingkasanQuery): Promise<Ringkasan> {
  const rows = await sql<{ opd_id: string; n: string; pagu: string }>`
    SELECT opd_id, count(*) AS n, coalesce(sum(pagu), 0) AS pagu
    FROM program.anggaran
    WHERE (${query.tahun ?? null}::int IS NULL OR tahun = ${query.tahun ?? null}::int)
      AND (${query.includeArchived ?? false}::boolean OR archived_at IS NULL)
    GROUP BY opd_id`.execute(prog(db));
  const directory = new Map((rows.rows.length > 0 ? await allOpd(db, true) : []).map((opd) => [opd.id, opd]));
  const items = rows.rows.map((row) => {
    const opd = directory.get(row.opd_id);
    // An OPD removed from organisasi still shows, by its id.
    return { opd: opd ? refOf(opd) : { id: row.opd_id, kode: row.opd_id, nama: row.opd_id, singkatan: null }, total: Number(row.n), totalPagu: Number(row.pagu) };
  });
  items.sort((a, b) => byKode(a.opd, b.opd));
  return {
    items,
    total: items.reduce((sum, item) => sum + item.total, 0),
    totalPagu: items.reduce((sum, item) => sum + item.totalPagu, 0),
  };
}
