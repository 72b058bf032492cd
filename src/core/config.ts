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
}

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
    demoData: bool(env, 'PADU_DEMO_DATA', true),
  };
}
