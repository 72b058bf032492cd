import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logger.js';
import type { Kernel } from '../../src/core/kernel.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const ADMIN_PASSWORD = 'rahasia-admin-123';

export interface TestServer {
  url: string;
  server: RunningServer;
  kernel: Kernel;
  database: TestDatabase;
  /** A client signed in as the first admin. */
  admin: ApiClient;
  client(): ApiClient;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  beforeStart?: (kernel: Kernel) => void;
  configureApp?: (app: FastifyInstance) => void;
}

/** A real Padu server on a fresh database and a free port; requests go over HTTP. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    PADU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PADU_DB_POOL_SIZE: '5',
    PADU_DEMO_DATA: 'false',
    ...options.env,
  });
  const server = await startServer(config, {
    log: createLogger(process.env.PADU_TEST_LOG_LEVEL ?? 'silent'),
    beforeStart: options.beforeStart,
    configureApp: options.configureApp,
  });
  const admin = new ApiClient(server.url);
  await admin.login('admin', ADMIN_PASSWORD);
  return {
    url: server.url,
    server,
    kernel: server.kernel,
    database,
    admin,
    client: () => new ApiClient(server.url),
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Leave out the CSRF header even when signed in. */
  noCsrf?: boolean;
}

/** A tiny HTTP client that keeps the session cookie and CSRF token like the browser app does. */
export class ApiClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<ApiResponse> {
    const response = await this.request('POST', '/api/v1/auth/login', { body: { username, password } });
    if (response.status === 200) this.csrfToken = response.body.csrfToken;
    return response;
  }

  get<T = any>(path: string, options: RequestOptions = {}) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...options, body });
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && !options.noCsrf && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let payload: string | Uint8Array | undefined = options.raw;
    if (payload === undefined && options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const body = payload === undefined || typeof payload === 'string' ? payload : new Blob([new Uint8Array(payload)]);
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('padu_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'padu_session=' ? null : value;
    }
    const text = await response.text();
    let parsed: any = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed, text };
  }
}
