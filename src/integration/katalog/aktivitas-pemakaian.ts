import { sql } from 'kysely';
import { registerActivityProvider, type Activity, type ActivityKind } from '../aktivitas.js';
import type { AnyDb } from '../db.js';

/**
 * Activity seen by the metering (integrasi.pemakaian, written by the bearer guard for every app
 * request), turned into what the catalogue reads for integration levels and the map:
 * - a request needing `events:read` (the change feed) → `receive`, dataset null;
 * - a request other than GET/HEAD needing a `<dataset>:write` scope → `write` of that dataset;
 * - any other request needing a `<dataset>:<operation>` scope (read, read-full, verify, or a GET
 *   with a write scope) → `read` of that dataset.
 * Requests the guard refused (`ditolak`: missing scope, forbidden) are not activity; the token
 * endpoint and the gateway meter with scope '' and are left to their own providers.
 */
const fromMetering = new WeakSet<Activity>();

/** True for activities this provider returned: API calls, never file imports. */
export const isMeteredActivity = (activity: Activity): boolean => fromMetering.has(activity);

export async function pemakaianActivity(db: AnyDb, since: Date): Promise<Activity[]> {
  const { rows } = await sql<{ aplikasi_id: string; kind: ActivityKind; dataset: string | null; count: string; last_at: Date }>`
    WITH classified AS (
      SELECT aplikasi_id, jumlah - ditolak AS n, terakhir,
        CASE WHEN scope = 'events:read' THEN 'receive'
             WHEN metode NOT IN ('GET', 'HEAD') AND scope LIKE '%:write' THEN 'write'
             ELSE 'read' END AS kind,
        CASE WHEN scope = 'events:read' THEN NULL ELSE split_part(scope, ':', 1) END AS dataset
      FROM integrasi.pemakaian
      WHERE terakhir >= ${since} AND scope <> '' AND position(':' IN scope) > 0)
    SELECT aplikasi_id, kind, dataset, sum(n) AS count, max(terakhir) AS last_at
    FROM classified
    GROUP BY aplikasi_id, kind, dataset
    HAVING sum(n) > 0`.execute(db);
  return rows.map((row) => {
    const activity: Activity = { aplikasiId: row.aplikasi_id, kind: row.kind, dataset: row.dataset, count: Number(row.count), lastAt: new Date(row.last_at) };
    fromMetering.add(activity);
    return activity;
  });
}

registerActivityProvider('pemakaian', pemakaianActivity);
