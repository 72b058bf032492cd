import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { systemActor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Kernel } from '../../core/kernel.js';
import { readSourceRegions, WILAYAH_SOURCE } from './source.js';
import { wilayahDb, type WilayahDb, type WilayahTrx } from './tables.js';

// Any constant works; it only has to be the same in every Padu process.
const LOAD_LOCK = 7_310_372;

export interface LoadResult {
  /** False when the stored regions already came from this source for this pemda. */
  ran: boolean;
  source: string;
  pemdaCode: string;
  added: string[];
  renamed: { kode: string; from: string; to: string }[];
  /** Rows whose only change is the source they are vouched for by. */
  restamped: number;
}

/**
 * Loads the regions from idn-area-data in one transaction: one set-based upsert (arrays unnested
 * server-side), rows that already match are left untouched, so a second run changes nothing.
 * Without `force` it does nothing when the stored source and pemda match the current ones and
 * the registry is not empty.
 * Filling an empty registry is part of installing Padu; a later load that changes rows (a new
 * package version, another pemda) is audited and announced as `wilayah.loaded`.
 */
export async function loadWilayah(kernel: Kernel, options: { force?: boolean } = {}): Promise<LoadResult> {
  const pemdaCode = kernel.config.pemdaCode;
  const db = wilayahDb(kernel.db);
  const result: LoadResult = { ran: false, source: WILAYAH_SOURCE, pemdaCode, added: [], renamed: [], restamped: 0 };
  const isCurrent = async (reader: WilayahDb | WilayahTrx) => {
    const state = await reader.selectFrom('wilayah.load_state').select(['source', 'pemda_code']).executeTakeFirst();
    if (state?.source !== WILAYAH_SOURCE || state.pemda_code !== pemdaCode) return false;
    return Boolean(await reader.selectFrom('wilayah.region').select('kode').limit(1).executeTakeFirst());
  };
  if (!options.force && (await isCurrent(db))) return result;

  const regions = await readSourceRegions(pemdaCode);
  await kernel.db.transaction().execute(async (coreTrx) => {
    const trx = wilayahDb(coreTrx);
    await sql`SELECT pg_advisory_xact_lock(${LOAD_LOCK})`.execute(trx);
    // Another process may have loaded while this one waited for the lock.
    if (!options.force && (await isCurrent(trx))) return;
    const previous = await trx.selectFrom('wilayah.load_state').select('source').executeTakeFirst();
    const wasEmpty = !(await trx.selectFrom('wilayah.region').select('kode').limit(1).executeTakeFirst());
    const changed = await sql<{ kode: string; nama: string; old_nama: string | null }>`
      WITH incoming AS (
        SELECT * FROM unnest(
          ${regions.map(() => uuidv7())}::uuid[], ${regions.map((r) => r.kode)}::text[], ${regions.map((r) => r.nama)}::text[],
          ${regions.map((r) => r.level)}::text[], ${regions.map((r) => r.parentKode)}::text[]
        ) AS t (id, kode, nama, level, parent_kode)
      ),
      existing AS (
        SELECT r.kode, r.nama FROM wilayah.region r JOIN incoming USING (kode)
      ),
      upserted AS (
        INSERT INTO wilayah.region AS r (id, kode, nama, level, parent_kode, source)
        SELECT id, kode, nama, level, parent_kode, ${WILAYAH_SOURCE} FROM incoming
        ON CONFLICT (kode) DO UPDATE
          SET nama = excluded.nama, level = excluded.level, parent_kode = excluded.parent_kode, source = excluded.source, loaded_at = now()
          WHERE (r.nama, r.level, r.parent_kode, r.source) IS DISTINCT FROM (excluded.nama, excluded.level, excluded.parent_kode, excluded.source)
        RETURNING r.kode, r.nama
      )
      SELECT u.kode, u.nama, e.nama AS old_nama FROM upserted u LEFT JOIN existing e USING (kode) ORDER BY u.kode`.execute(trx);
    await sql`
      INSERT INTO wilayah.load_state (singleton, source, pemda_code) VALUES (true, ${WILAYAH_SOURCE}, ${pemdaCode})
      ON CONFLICT (singleton) DO UPDATE SET source = excluded.source, pemda_code = excluded.pemda_code, loaded_at = now()
        WHERE (load_state.source, load_state.pemda_code) IS DISTINCT FROM (excluded.source, excluded.pemda_code)`.execute(trx);

    result.ran = true;
    for (const row of changed.rows) {
      if (row.old_nama === null) result.added.push(row.kode);
      else if (row.old_nama !== row.nama) result.renamed.push({ kode: row.kode, from: row.old_nama, to: row.nama });
      else result.restamped++;
    }
    if (wasEmpty || (result.added.length === 0 && result.renamed.length === 0 && result.restamped === 0)) return;
    const actor = systemActor('wilayah-loader');
    const summary = { source: WILAYAH_SOURCE, previousSource: previous?.source ?? null, pemdaCode };
    await recordAudit(coreTrx, actor, {
      action: 'wilayah.loaded',
      entityType: 'wilayah',
      entityId: pemdaCode,
      after: { ...summary, added: result.added.length, renamed: result.renamed, restamped: result.restamped },
    });
    await kernel.events.emit(coreTrx, actor, {
      type: 'wilayah.loaded',
      entityType: 'wilayah',
      entityId: pemdaCode,
      payload: { ...summary, added: result.added, renamed: result.renamed.map((r) => r.kode) },
    });
  });
  return result;
}
