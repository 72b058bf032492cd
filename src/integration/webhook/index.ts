import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Kernel } from '../../core/kernel.js';
import { createLogger } from '../../core/logger.js';
import { registerActivityProvider } from '../aktivitas.js';
import { feedRoutes } from '../feed/routes.js';
import { FAMILIES } from '../feed/visibility.js';
import { webhookRoutes } from './routes.js';
import { WebhookWorker } from './worker.js';

const workers = new WeakMap<Kernel, WebhookWorker>();

/**
 * Starts the delivery worker in a serving process (one with the notification listener, i.e.
 * startServer) when PADU_WORKERS is on, like the event dispatcher. CLI commands and the test
 * template call module starts too: no worker there.
 */
export function startWebhook(kernel: Kernel): void {
  if (!kernel.config.workers || kernel.sessionCache === null || workers.has(kernel)) return;
  const log = createLogger(kernel.config.logLevel).child({ component: 'webhook' });
  const worker = new WebhookWorker(kernel.db, kernel.config.webhook, (level, message, details) => log[level](details ?? {}, message));
  workers.set(kernel, worker);
  worker.start();
}

export async function stopWebhook(kernel: Kernel): Promise<void> {
  const worker = workers.get(kernel);
  workers.delete(kernel);
  await worker?.stop();
}

/** The change feed and the webhook management routes. */
export async function feedWebhookRoutes(app: FastifyInstance, options: { kernel: Kernel }): Promise<void> {
  await feedRoutes(app, options);
  await webhookRoutes(app, options);
}

/**
 * Delivered webhooks count as `receive` activity (integration level 4), per app and dataset
 * (pegawai, penduduk, organisasi, …). Feed pulls are metered by the bearer guard (scope
 * events:read) and counted by the catalogue from integrasi.pemakaian.
 */
registerActivityProvider('webhook', async (db, since) => {
  const { rows } = await sql<{ aplikasi_id: string; family: string; n: string; last_at: Date }>`
    SELECT aplikasi_id, split_part(jenis_event, '.', 1) AS family, count(*) AS n, max(terkirim_pada) AS last_at
    FROM integrasi.webhook_kiriman WHERE status = 'terkirim' AND terkirim_pada >= ${since}
    GROUP BY 1, 2`.execute(db);
  const merged = new Map<string, { aplikasiId: string; dataset: string; count: number; lastAt: Date }>();
  for (const row of rows) {
    const dataset = FAMILIES[row.family]?.dataset ?? row.family;
    const key = `${row.aplikasi_id}|${dataset}`;
    const seen = merged.get(key);
    if (seen) {
      seen.count += Number(row.n);
      if (row.last_at > seen.lastAt) seen.lastAt = row.last_at;
    } else merged.set(key, { aplikasiId: row.aplikasi_id, dataset, count: Number(row.n), lastAt: row.last_at });
  }
  return [...merged.values()].map((a) => ({ ...a, kind: 'receive' as const }));
});
