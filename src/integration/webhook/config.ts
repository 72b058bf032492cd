import { ConfigError } from '../../core/config.js';

/**
 * Webhook delivery settings, from the environment (like every Padu setting):
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
export interface WebhookConfig {
  backoffSeconds: number[];
  timeoutMs: number;
  concurrency: number;
  batchSize: number;
  lanes: number;
  pollMs: number;
  leaseSeconds: number;
}

export const DEFAULT_BACKOFF = [5, 30, 120, 300, 900, 1800, 3600, 7200, 14400, 21600, 28800];

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
  return value;
}

export function loadWebhookConfig(env: Env = process.env): WebhookConfig {
  let backoffSeconds = DEFAULT_BACKOFF;
  const raw = env.PADU_WEBHOOK_BACKOFF;
  if (raw) {
    backoffSeconds = raw.split(',').map((part) => Number(part.trim()));
    if (backoffSeconds.length > 50 || backoffSeconds.some((s) => !Number.isFinite(s) || s < 0 || s > 7 * 86400)) {
      throw new ConfigError(`PADU_WEBHOOK_BACKOFF must be comma-separated seconds between 0 and 604800 (got "${raw}")`);
    }
  }
  const timeoutMs = int(env, 'PADU_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000);
  return {
    backoffSeconds,
    timeoutMs,
    concurrency: int(env, 'PADU_WEBHOOK_CONCURRENCY', 64, 1, 1000),
    batchSize: int(env, 'PADU_WEBHOOK_BATCH', 500, 1, 10_000),
    lanes: int(env, 'PADU_WEBHOOK_LANES', 2, 1, 16),
    pollMs: int(env, 'PADU_WEBHOOK_POLL_MS', 200, 10, 60_000),
    leaseSeconds: int(env, 'PADU_WEBHOOK_LEASE_SECONDS', Math.ceil(timeoutMs / 1000) + 20, 1, 3600),
  };
}

/** Seconds before the retry after attempt n (1-based), ±10 % jitter; null: no attempt left. */
export function retryDelay(config: WebhookConfig, attempt: number, random = Math.random): number | null {
  const base = config.backoffSeconds[attempt - 1];
  if (base === undefined) return null;
  return base * (0.9 + 0.2 * random());
}
