import { DEFAULT_WEBHOOK_BACKOFF, loadConfig, type Config } from '../../core/config.js';

/**
 * Webhook delivery settings, parsed in src/core/config.ts with every other setting:
 * - PADU_WEBHOOK_BACKOFF: seconds to wait before each retry, comma-separated; the number of
 *   attempts is one more than the entries. Default 5s, 30s, 2m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h:
 *   12 attempts over about 22 hours, then the delivery is dead (dead letter).
 * - PADU_WEBHOOK_TIMEOUT_MS: one HTTP attempt, connect to last byte (default 10000).
 * - PADU_WEBHOOK_CONCURRENCY: requests in flight per process (default 64).
 * - PADU_WEBHOOK_BATCH: deliveries one sender claims at once (default 500).
 * - PADU_WEBHOOK_LANES: senders per process, so claiming and recording overlap sending (default 2).
 * - PADU_WEBHOOK_POLL_MS: how often an idle worker looks for new events (default 200).
 * - PADU_WEBHOOK_LEASE_SECONDS: how long a claimed delivery stays invisible to other workers;
 *   after a crash it is sent again once this passes (default: timeout + 20 s).
 */
export type WebhookConfig = Config['webhook'];

export const DEFAULT_BACKOFF = DEFAULT_WEBHOOK_BACKOFF;

/** The webhook settings of a Padu started with this environment (parsed with every other setting). */
export function loadWebhookConfig(env: Record<string, string | undefined> = process.env): WebhookConfig {
  return loadConfig(env).webhook;
}

/** Seconds before the retry after attempt n (1-based), ±10 % jitter; null: no attempt left. */
export function retryDelay(config: WebhookConfig, attempt: number, random = Math.random): number | null {
  const base = config.backoffSeconds[attempt - 1];
  if (base === undefined) return null;
  return base * (0.9 + 0.2 * random());
}
