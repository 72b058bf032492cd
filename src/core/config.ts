import path from 'node:path';

/** Every setting Padu reads, from the environment only. README.md documents each one. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** External PostgreSQL; when absent Padu runs its embedded server under dataDir. */
  databaseUrl: string | null;
  adminPassword: string | null;
  logLevel: string;
  bodyLimitBytes: number;
  /** 'auto' marks the cookie Secure when the request came over HTTPS (directly or via a trusted proxy). */
  cookieSecure: 'auto' | boolean;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginLockMinutes: number;
  /** The pemda this installation serves (kode wilayah); 13.71 is Kota Padang. */
  pemdaCode: string;
  dbPoolSize: number;
  workers: boolean;
  /** Seed the deterministic Kota Padang demo data into a brand-new database. */
  demoData: boolean;
  // --- e-kelurahan (src/modules/layanan) ---
  /** The origin residents and QR codes reach Padu at (e.g. https://layanan.padang.go.id); else the request's own. */
  publicBaseUrl: string | null;
  /** SMTP server for e-mail notifications (smtp[s]://user:pass@host:port); none: e-mail off. */
  smtpUrl: string | null;
  smtpFrom: string;
  /** HTTP SMS/WhatsApp gateway: POST {to, message, reference} as JSON; none: off. */
  smsGatewayUrl: string | null;
  smsGatewayToken: string | null;
  /** Largest attachment in bytes, and most attachments per request. */
  layananMaxFileBytes: number;
  layananMaxFiles: number;
  /** Public verification and tracking: lookups of unknown tokens/codes per address before a lock, and its length. */
  layananPublicMaxMisses: number;
  layananPublicLockMinutes: number;
  // --- integration hub (src/integration) ---
  /** Lifetime of an app's access token. */
  tokenTtlSeconds: number;
  /** Requests per minute per app (and Padu process) unless the app's catalogue entry sets its own. */
  appRateLimitPerMinute: number;
  /** `iss` of the tokens; defaults to the public base URL, else "padu". */
  tokenIssuer: string;
  /** Webhook delivery (src/integration/webhook); README documents each PADU_WEBHOOK_* setting. */
  webhook: {
    /** Seconds before each retry; attempts = entries + 1, then the delivery is dead. */
    backoffSeconds: number[];
    timeoutMs: number;
    concurrency: number;
    batchSize: number;
    lanes: number;
    pollMs: number;
    leaseSeconds: number;
  };
  /** Imports from legacy apps (src/integration/impor). */
  impor: {
    maxBytes: number;
    batchSize: number;
    /** Batches of one import applied at once, each on its own connection. */
    parallel: number;
    leaseSeconds: number;
    pollMs: number;
  };
}

/** 5 s, 30 s, 2 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 6 h, 8 h: 12 attempts over about 22 hours. */
export const DEFAULT_WEBHOOK_BACKOFF = [5, 30, 120, 300, 900, 1800, 3600, 7200, 14400, 21600, 28800];

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

function secondsList(env: Env, name: string, fallback: number[]): number[] {
  const raw = env[name];
  if (!raw) return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.length > 50 || values.some((value) => !Number.isFinite(value) || value < 0 || value > 7 * 86400)) {
    throw new ConfigError(`${name} must be comma-separated seconds between 0 and 604800 (got "${raw}")`);
  }
  return values;
}

/** An absolute http(s) URL without a trailing slash, or null when unset. */
function httpUrl(env: Env, name: string): string | null {
  const raw = env[name];
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL (got "${raw}")`);
  return raw.replace(/\/+$/, '');
}

function smtpUrl(env: Env): string | null {
  const raw = env.PADU_SMTP_URL;
  if (!raw) return null;
  if (!/^smtps?:\/\/[^\s]+$/.test(raw)) throw new ConfigError('PADU_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465');
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env): Config {
  const logLevel = env.PADU_LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`PADU_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const cookieSecureRaw = (env.PADU_COOKIE_SECURE ?? 'auto').toLowerCase();
  const pemdaCode = env.PADU_PEMDA_CODE ?? '13.71';
  if (!/^\d{2}(\.\d{2})?$/.test(pemdaCode)) {
    throw new ConfigError(`PADU_PEMDA_CODE must look like 13 or 13.71 (got "${pemdaCode}")`);
  }
  const webhookTimeoutMs = int(env, 'PADU_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000);
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.PADU_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    adminPassword: env.PADU_ADMIN_PASSWORD || null,
    logLevel,
    bodyLimitBytes: int(env, 'PADU_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    cookieSecure: cookieSecureRaw === 'auto' ? 'auto' : bool(env, 'PADU_COOKIE_SECURE', false),
    trustProxy: bool(env, 'PADU_TRUST_PROXY', false),
    sessionIdleMinutes: int(env, 'PADU_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: int(env, 'PADU_SESSION_MAX_HOURS', 12, 1, 24 * 30),
    loginMaxFailuresPerAccount: int(env, 'PADU_LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginMaxFailuresPerAddress: int(env, 'PADU_LOGIN_MAX_FAILURES_PER_ADDRESS', 20, 1, 100000),
    loginLockMinutes: int(env, 'PADU_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    pemdaCode,
    dbPoolSize: int(env, 'PADU_DB_POOL_SIZE', 10, 1, 500),
    workers: bool(env, 'PADU_WORKERS', true),
    // Demo data (with demo accounts whose password is public) only by default on the embedded
    // database, where someone is trying Padu out; an external database is where production lives.
    demoData: bool(env, 'PADU_DEMO_DATA', !env.DATABASE_URL),
    publicBaseUrl: httpUrl(env, 'PADU_PUBLIC_BASE_URL'),
    smtpUrl: smtpUrl(env),
    smtpFrom: env.PADU_SMTP_FROM || 'Padu e-Kelurahan <no-reply@localhost>',
    smsGatewayUrl: httpUrl(env, 'PADU_SMS_GATEWAY_URL'),
    smsGatewayToken: env.PADU_SMS_GATEWAY_TOKEN || null,
    layananMaxFileBytes: int(env, 'PADU_LAYANAN_MAX_FILE_BYTES', 2 * 1024 * 1024, 1024, 50 * 1024 * 1024),
    layananMaxFiles: int(env, 'PADU_LAYANAN_MAX_FILES', 10, 1, 100),
    layananPublicMaxMisses: int(env, 'PADU_LAYANAN_PUBLIC_MAX_MISSES', 20, 1, 100000),
    layananPublicLockMinutes: int(env, 'PADU_LAYANAN_PUBLIC_LOCK_MINUTES', 15, 1, 24 * 60),
    tokenTtlSeconds: int(env, 'PADU_TOKEN_TTL_SECONDS', 600, 60, 3600),
    appRateLimitPerMinute: int(env, 'PADU_APP_RATE_LIMIT', 1200, 1, 10_000_000),
    tokenIssuer: env.PADU_TOKEN_ISSUER || httpUrl(env, 'PADU_PUBLIC_BASE_URL') || 'padu',
    webhook: {
      backoffSeconds: secondsList(env, 'PADU_WEBHOOK_BACKOFF', DEFAULT_WEBHOOK_BACKOFF),
      timeoutMs: webhookTimeoutMs,
      concurrency: int(env, 'PADU_WEBHOOK_CONCURRENCY', 64, 1, 1000),
      batchSize: int(env, 'PADU_WEBHOOK_BATCH', 500, 1, 10_000),
      lanes: int(env, 'PADU_WEBHOOK_LANES', 2, 1, 16),
      pollMs: int(env, 'PADU_WEBHOOK_POLL_MS', 200, 10, 60_000),
      leaseSeconds: int(env, 'PADU_WEBHOOK_LEASE_SECONDS', Math.ceil(webhookTimeoutMs / 1000) + 20, 1, 3600),
    },
    impor: {
      maxBytes: int(env, 'PADU_IMPOR_MAX_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      batchSize: int(env, 'PADU_IMPOR_BATCH', 5000, 1, 100_000),
      parallel: int(env, 'PADU_IMPOR_PARALLEL', 2, 1, 8),
      leaseSeconds: int(env, 'PADU_IMPOR_LEASE_S', 30, 1, 3600),
      pollMs: int(env, 'PADU_IMPOR_POLL_MS', 1000, 10, 60_000),
    },
  };
}
