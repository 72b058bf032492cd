import type { Access } from '../../core/authz/access.js';
import { AppError } from '../../core/http/errors.js';
import { decodeCursor, encodeCursor } from '../../registry/kernel/cursor.js';
import { findOpd } from '../../registry/organisasi/index.js';
import type { AnyDb } from '../db.js';
import {
  assertCatalogueAccess, canManage, canSee, getAplikasi, selectAplikasi, visibleOpds, toAplikasi, type Aplikasi, type AplikasiRow,
} from './aplikasi.js';
import { levelsOf, type Alasan } from './tingkat.js';

/** An app in the catalogue: its record, owner's name, computed level with reasons, and what the caller may do. */
export interface AplikasiKatalog extends Aplikasi {
  opdNama: string | null;
  tingkat: number;
  alasan: Alasan[];
  bolehKelola: boolean;
}

export interface KatalogQuery {
  q?: string;
  jenis?: string;
  status?: string;
  opd?: string;
  tingkat?: number;
  limit: number;
  cursor?: string;
}

export interface KatalogPage {
  items: AplikasiKatalog[];
  nextCursor: string | null;
  total: number;
  /** Apps per level among those matching the other filters (before `tingkat`). */
  perTingkat: Record<'1' | '2' | '3' | '4' | '5', number>;
}

async function opdNames(db: AnyDb, apps: AplikasiRow[]): Promise<Map<string, string>> {
  const codes = [...new Set(apps.map((a) => a.opd_kode).filter((k): k is string => !!k))];
  const found = await Promise.all(codes.map(async (kode) => [kode, (await findOpd(db, kode))?.nama ?? null] as const));
  return new Map(found.filter((f): f is [string, string] => f[1] !== null));
}

async function enrich(db: AnyDb, access: Access, apps: AplikasiRow[]): Promise<AplikasiKatalog[]> {
  const [levels, names] = await Promise.all([levelsOf(db, apps), opdNames(db, apps)]);
  return apps.map((app) => {
    const level = levels.get(app.id)!;
    return { ...toAplikasi(app), opdNama: app.opd_kode ? (names.get(app.opd_kode) ?? null) : null, tingkat: level.tingkat, alasan: level.alasan, bolehKelola: canManage(access, app) };
  });
}

/**
 * The catalogue, by name. Readers see every app; an OPD operator the apps of their OPD. Levels
 * are computed for every matching app (a city has a few hundred), so `tingkat` filters like any
 * other field; the cursor names the last app served.
 */
export async function listKatalog(db: AnyDb, access: Access, query: KatalogQuery): Promise<KatalogPage> {
  assertCatalogueAccess(access);
  const rows = await selectAplikasi(db, { q: query.q, jenis: query.jenis, status: query.status, opd: query.opd, opds: visibleOpds(access) });
  const all = await enrich(db, access, rows);
  const perTingkat = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const app of all) perTingkat[String(app.tingkat) as keyof typeof perTingkat]++;
  const matching = query.tingkat ? all.filter((app) => app.tingkat === query.tingkat) : all;
  let start = 0;
  if (query.cursor) {
    const position = decodeCursor(query.cursor, 'nama');
    if (typeof position.value !== 'number') throw new AppError('request.invalid_cursor');
    const at = matching.findIndex((app) => app.id === position.id);
    start = at >= 0 ? at + 1 : Math.min(position.value, matching.length);
  }
  const items = matching.slice(start, start + query.limit);
  const last = items.at(-1);
  const more = start + query.limit < matching.length;
  return {
    items,
    nextCursor: more && last ? encodeCursor({ sort: 'nama', value: start + items.length, id: last.id }) : null,
    total: matching.length,
    perTingkat,
  };
}

/** One app with its level; an operator of another OPD gets 403. */
export async function readKatalog(db: AnyDb, access: Access, ref: string): Promise<AplikasiKatalog> {
  assertCatalogueAccess(access);
  const app = await getAplikasi(db, ref);
  if (!canSee(access, app)) throw new AppError('integrasi.aplikasi_bukan_wewenang', { kode: app.kode });
  return (await enrich(db, access, [app]))[0]!;
}
