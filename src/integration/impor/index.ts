import { sql } from 'kysely';
import type { Kernel } from '../../core/kernel.js';
import { registerActivityProvider } from '../aktivitas.js';
import { hentikanPekerja, mulaiPekerja } from './pekerja.js';

export { imporRoutes } from './routes.js';

/**
 * Applied imports are `write` activity of their source app (level 4 of the catalogue); the
 * catalogue also reads them for level 5, which needs no import from the app in 90 days.
 */
registerActivityProvider('impor', async (db, since) => {
  const result = await sql<{ aplikasi_id: string; dataset: string; n: number; last_at: Date }>`
    SELECT aplikasi_id, dataset, count(*)::int AS n, max(selesai_at) AS last_at
    FROM integrasi.impor WHERE status = 'selesai' AND selesai_at >= ${since}
    GROUP BY aplikasi_id, dataset`.execute(db);
  return result.rows.map((row) => ({ aplikasiId: row.aplikasi_id, kind: 'write' as const, dataset: row.dataset, count: row.n, lastAt: row.last_at }));
});

/** The apply worker runs in serving processes (the ones that also run the event dispatcher). */
export function startImpor(kernel: Kernel): void {
  if (kernel.sessionCache && kernel.config.workers) mulaiPekerja(kernel);
}

export async function stopImpor(kernel: Kernel): Promise<void> {
  await hentikanPekerja(kernel);
}
