import type { MultiPolygon, Polygon } from 'geojson';
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { sha256Hex } from '../../core/audit/canonical.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { DB } from '../../core/db/schema.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { checkFeatures, type FeatureReport } from './feature-check.js';
import type { BBox } from './geometry.js';
import { requireWilayah } from './service.js';
import { wilayahDb } from './tables.js';

export interface ImportSummary {
  /** Null when every boundary was already stored exactly so: nothing changed, nothing recorded. */
  importId: string | null;
  received: number;
  created: string[];
  replaced: string[];
  unchanged: string[];
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; reports: FeatureReport[] };

interface BoundaryRow {
  kode: string;
  geometry: Polygon | MultiPolygon;
  sha256: string;
  bbox: BBox;
}

/**
 * Attaches boundaries to regions from the features of a GeoJSON FeatureCollection. All or
 * nothing: when any feature breaks a rule the answer lists every such feature and nothing is
 * stored; otherwise all are stored in one transaction with one audit entry and one
 * `wilayah.boundaries_imported` event. A boundary identical to the stored one is left alone.
 */
export async function importBoundaries(kernel: Kernel, actor: Actor, features: readonly unknown[]): Promise<ImportOutcome> {
  const db = wilayahDb(kernel.db);
  const results = checkFeatures(features);
  const kodes = results.flatMap((r) => (r.wellFormed ? [r.wellFormed.kode] : []));
  const known = new Set(
    kodes.length === 0
      ? []
      : (await db.selectFrom('wilayah.region').select('kode').where(sql<boolean>`kode = ANY(${kodes}::text[])`).execute()).map((r) => r.kode),
  );
  for (const result of results) {
    if (!result.wellFormed || known.has(result.wellFormed.kode)) continue;
    const geometryAt = result.problems.findIndex((p) => p.field === 'geometry');
    const problem = { field: result.wellFormed.field, rule: 'wilayah.kode_unknown' as const, params: { kode: result.wellFormed.kode } };
    result.problems.splice(geometryAt < 0 ? result.problems.length : geometryAt, 0, problem);
  }
  const failed = results.filter((r) => r.problems.length > 0);
  if (failed.length > 0) return { ok: false, reports: failed.map(({ index, kode, problems }) => ({ index, kode, problems })) };

  const rows: BoundaryRow[] = results.map((r) => {
    const geometry = r.geometry!.value;
    return { kode: r.wellFormed!.kode, geometry, sha256: sha256Hex(JSON.stringify(geometry)), bbox: r.geometry!.bbox };
  });
  return { ok: true, summary: await storeBoundaries(kernel, actor, rows) };
}

async function storeBoundaries(kernel: Kernel, actor: Actor, rows: BoundaryRow[]): Promise<ImportSummary> {
  const summary: ImportSummary = { importId: null, received: rows.length, created: [], replaced: [], unchanged: [] };
  await kernel.db.transaction().execute(async (coreTrx) => {
    const trx = wilayahDb(coreTrx);
    const stored = await trx
      .selectFrom('wilayah.boundary')
      .select(['kode', 'geometry_sha256'])
      .where(sql<boolean>`kode = ANY(${rows.map((r) => r.kode)}::text[])`)
      .forUpdate()
      .execute();
    const storedSha = new Map(stored.map((s) => [s.kode, s.geometry_sha256]));
    const changed = rows.filter((r) => storedSha.get(r.kode) !== r.sha256);
    for (const row of rows) {
      const previous = storedSha.get(row.kode);
      (previous === undefined ? summary.created : previous === row.sha256 ? summary.unchanged : summary.replaced).push(row.kode);
    }
    if (changed.length === 0) return;

    const importId = uuidv7();
    summary.importId = importId;
    const payload = changed.map((r) => ({ kode: r.kode, geometry: r.geometry, sha256: r.sha256, bbox: r.bbox }));
    await sql`
      INSERT INTO wilayah.boundary AS b (kode, geometry, min_lon, min_lat, max_lon, max_lat, geometry_sha256, import_id, imported_by)
      SELECT f->>'kode', f->'geometry', (f->'bbox'->>0)::float8, (f->'bbox'->>1)::float8, (f->'bbox'->>2)::float8, (f->'bbox'->>3)::float8,
             f->>'sha256', ${importId}::uuid, ${actor.id}
      FROM jsonb_array_elements(${JSON.stringify(payload)}::jsonb) AS f
      ON CONFLICT (kode) DO UPDATE
        SET geometry = excluded.geometry, min_lon = excluded.min_lon, min_lat = excluded.min_lat, max_lon = excluded.max_lon,
            max_lat = excluded.max_lat, geometry_sha256 = excluded.geometry_sha256, import_id = excluded.import_id,
            imported_at = now(), imported_by = excluded.imported_by`.execute(trx);

    // The trail keeps each geometry's SHA-256, not the geometry: enough to prove what was stored.
    const replacedSha = summary.replaced.map((kode) => ({ kode, sha256: storedSha.get(kode)! }));
    await recordAudit(coreTrx, actor, {
      action: 'wilayah.boundaries_imported',
      entityType: 'wilayah_boundary_import',
      entityId: importId,
      before: replacedSha.length > 0 ? { boundaries: replacedSha } : undefined,
      after: { boundaries: changed.map((r) => ({ kode: r.kode, sha256: r.sha256, bbox: r.bbox })) },
    });
    await kernel.events.emit(coreTrx, actor, {
      type: 'wilayah.boundaries_imported',
      entityType: 'wilayah_boundary_import',
      entityId: importId,
      payload: { importId, kodes: changed.map((r) => r.kode), created: summary.created, replaced: summary.replaced },
    });
  });
  return summary;
}

export interface Boundary {
  kode: string;
  nama: string;
  level: string;
  geometry: Polygon | MultiPolygon;
  bbox: BBox;
  importId: string;
  importedAt: string;
}

/** The boundary of a region (kode in either spelling, or id); 404 when the region has none. */
export async function getBoundary(db: Kysely<DB>, kodeOrId: string): Promise<Boundary> {
  const region = await requireWilayah(db, kodeOrId);
  const row = await wilayahDb(db)
    .selectFrom('wilayah.boundary')
    .select(['geometry', 'min_lon', 'min_lat', 'max_lon', 'max_lat', 'import_id', 'imported_at'])
    .where('kode', '=', region.kode)
    .executeTakeFirst();
  if (!row) throw new AppError('wilayah.boundary_not_found', { kode: region.kode });
  return {
    kode: region.kode,
    nama: region.nama,
    level: region.level,
    geometry: row.geometry as Polygon | MultiPolygon,
    bbox: [row.min_lon, row.min_lat, row.max_lon, row.max_lat],
    importId: row.import_id,
    importedAt: row.imported_at.toISOString(),
  };
}
