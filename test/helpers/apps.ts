import assert from 'node:assert/strict';
import { systemActor } from '../../src/core/audit/actor.js';
import { Access } from '../../src/core/authz/access.js';
import type { AppScope } from '../../src/core/authz/app-scopes.js';
import { createAplikasi, type NewAplikasi } from '../../src/integration/katalog/aplikasi.js';
import { ApiClient, type ApiResponse, type TestServer } from './server.js';

export type ScopeGrant = AppScope | { scope: AppScope; scopeType: 'city' | 'opd' | 'kelurahan'; scopeCode: string | null };

export interface TestApp {
  id: string;
  kode: string;
  clientId: string;
  clientSecret: string;
  /** A fresh access token, for all granted scopes or the ones named. */
  token(scopes?: string[]): Promise<string>;
  /** An API client that sends `Authorization: Bearer <token>` (token fetched on first use). */
  client(scopes?: string[]): Promise<AppClient>;
}

/** Sends requests as an app: bearer token, no cookie, no CSRF token. */
export class AppClient extends ApiClient {
  constructor(baseUrl: string, readonly accessToken: string) {
    super(baseUrl);
  }

  override request<T = any>(method: string, path: string, options: Parameters<ApiClient['request']>[2] = {}): Promise<ApiResponse<T>> {
    return super.request<T>(method, path, { ...options, noCsrf: true, headers: { authorization: `Bearer ${this.accessToken}`, ...options.headers } });
  }
}

/** POST /api/v1/oauth/token with client_secret_basic; returns the raw response. */
export function requestToken(baseUrl: string, clientId: string, clientSecret: string, scope?: string): Promise<Response> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope) form.set('scope', scope);
  return fetch(`${baseUrl}/api/v1/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
    },
    body: form.toString(),
  });
}

/**
 * An app in the catalogue with one OAuth client and the given grants. The catalogue entry is made
 * by the catalogue's service (as the platform); the client and grants go through the HTTP API
 * as the admin, as an operator would.
 */
export async function createTestApp(
  server: TestServer,
  options: { kode: string; opdKode?: string | null; jenis?: NewAplikasi['jenis']; nama?: string; scopes: ScopeGrant[] },
): Promise<TestApp> {
  const everything = new Access([{ role: 'admin', scopeType: 'city', scopeCode: null }]);
  const app = await createAplikasi(server.kernel, systemActor('test'), everything, {
    kode: options.kode,
    nama: options.nama ?? `Aplikasi ${options.kode}`,
    opdKode: options.opdKode ?? null,
    jenis: options.jenis ?? 'aplikasi_opd',
  });
  const items = options.scopes.map((grant) => (typeof grant === 'string' ? { scope: grant, scopeType: 'city' as const, scopeCode: null } : grant));
  if (items.length > 0) {
    const granted = await server.admin.put(`/api/v1/integrasi/aplikasi/${app.kode}/izin`, { items });
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
  }
  const created = await server.admin.post(`/api/v1/integrasi/aplikasi/${app.kode}/klien`, { nama: 'produksi' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { clientId, clientSecret } = created.body as { clientId: string; clientSecret: string };
  const token = async (scopes?: string[]) => {
    const response = await requestToken(server.url, clientId, clientSecret, scopes?.join(' '));
    const body = (await response.json()) as { access_token?: string };
    assert.equal(response.status, 200, JSON.stringify(body));
    return body.access_token!;
  };
  return {
    id: app.id,
    kode: app.kode,
    clientId,
    clientSecret,
    token,
    client: async (scopes?: string[]) => new AppClient(server.url, await token(scopes)),
  };
}
