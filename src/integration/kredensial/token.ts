import { SignJWT, jwtVerify, decodeProtectedHeader, type JWTPayload } from 'jose';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AppAuthenticator, AppRequest } from '../../core/auth/app-auth.js';
import type { AppPrincipal } from '../../core/auth/principal.js';
import { Access, type Scope } from '../../core/authz/access.js';
import { appScopes, isAppScope } from '../../core/authz/app-scopes.js';
import type { Permission } from '../../core/authz/roles.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { hashSecret, izinOf, type Izin } from './klien.js';
import { SigningKeys, TOKEN_ALG } from './kunci.js';
import { UsageMeter } from './meter.js';
import { RateLimiter } from './rate-limit.js';

export const TOKEN_AUDIENCE = 'padu-api';
const TOKEN_ROUTE = '/api/v1/oauth/token';
/** How long another process may keep answering from a client's cached state after a change. */
const STATE_TTL_MS = 5_000;
/** Past this age a busy client's state is read again in the background, still used meanwhile (never past STATE_TTL_MS). */
const STATE_REFRESH_MS = 4_000;

/** Verified tokens kept (oldest dropped first); a token is at most PADU_TOKEN_TTL_SECONDS old. */
const VERIFIED_TOKENS_MAX = 20_000;

interface VerifiedToken {
  clientId: string;
  scope: string;
  tokenId: string;
  expiresAt: number;
}

interface ClientState {
  clientId: string;
  aplikasiId: string;
  aplikasiKode: string;
  active: boolean;
  limit: number;
  izin: Izin[];
  loadedAt: number;
  principals: Map<string, { scopes: ReadonlySet<string>; access: Access }>;
}

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

const invalidToken = () => new AppError('auth.invalid_token', {}, [], { 'www-authenticate': 'Bearer error="invalid_token"' });

/**
 * Issues apps' access tokens (OAuth 2.0 client credentials) and checks them on every request:
 * signature and expiry, then the client's current state, so a revoked client, a deactivated app
 * or a withdrawn scope stops working at once, not when the token expires.
 */
export class TokenService implements AppAuthenticator {
  readonly keys: SigningKeys;
  readonly meter: UsageMeter;
  private readonly limiter = new RateLimiter();
  private readonly states = new Map<string, ClientState>();
  private readonly verified = new Map<string, VerifiedToken>();
  private readonly refreshing = new Set<string>();
  private generation = 0;

  constructor(private readonly kernel: Kernel) {
    this.keys = new SigningKeys(kernel.db, kernel.config.tokenTtlSeconds);
    this.meter = new UsageMeter(kernel.db, 2_000, (error) => console.warn(`usage metering failed: ${error.message}`));
  }

  async start(): Promise<void> {
    await this.keys.start();
    this.meter.start();
  }

  async stop(): Promise<void> {
    await this.meter.stop();
  }

  /** Drops cached state after a change in this process (other processes see it within seconds). */
  forget(clientId: string | null, aplikasiId: string): void {
    this.generation += 1;
    for (const [key, state] of this.states) if (key === clientId || state.aplikasiId === aplikasiId) this.states.delete(key);
  }

  async issue(clientId: string, secret: string, requestedScope: string | undefined): Promise<{ token: IssuedToken; aplikasiId: string }> {
    const found = await sql<{ aplikasi_id: string; kode: string; scopes: string[] }>`
      SELECT a.id AS aplikasi_id, a.kode, array(SELECT DISTINCT i.scope FROM integrasi.izin i WHERE i.aplikasi_id = a.id) AS scopes
      FROM integrasi.klien k
      JOIN integrasi.aplikasi a ON a.id = k.aplikasi_id
      JOIN integrasi.klien_rahasia r ON r.klien_id = k.id
      WHERE k.client_id = ${clientId} AND r.secret_hash = ${hashSecret(secret)}
        AND (r.expires_at IS NULL OR r.expires_at > now()) AND k.status = 'aktif' AND a.status = 'aktif'`.execute(this.kernel.db);
    const client = found.rows[0];
    if (!client) throw new AppError('oauth.invalid_client');
    const granted = new Set(client.scopes);
    const requested = requestedScope?.split(' ').filter(Boolean) ?? [];
    const missing = requested.filter((scope) => !granted.has(scope));
    if (missing.length > 0) throw new AppError('oauth.invalid_scope', { scopes: missing.join(' ') });
    const scopes = requested.length > 0 ? [...new Set(requested)] : [...granted].sort();
    const ttl = this.kernel.config.tokenTtlSeconds;
    const { kid, privateKey } = this.keys.signingKey();
    const token = await new SignJWT({ scope: scopes.join(' '), app: client.kode })
      .setProtectedHeader({ alg: TOKEN_ALG, kid, typ: 'at+jwt' })
      .setIssuer(this.kernel.config.tokenIssuer)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(clientId)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(privateKey);
    // Last use for the catalogue; written at most once a minute per client.
    await sql`
      UPDATE integrasi.klien SET last_token_at = now()
      WHERE client_id = ${clientId} AND (last_token_at IS NULL OR last_token_at < now() - interval '1 minute')`.execute(this.kernel.db);
    return { token: { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: scopes.join(' ') }, aplikasiId: client.aplikasi_id };
  }

  meterTokenIssue(aplikasiId: string, elapsedMs: number): void {
    this.meter.record(aplikasiId, 'POST', TOKEN_ROUTE, '', 200, elapsedMs);
  }

  /**
   * The token's claims, its signature checked once: an app reuses a token for minutes, and an
   * ES256 verification costs more than the rest of a request. Only the exact token string hits
   * the cache, and expiry is checked on every use.
   */
  private async verify(token: string): Promise<VerifiedToken> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAt > Date.now()) return cached;
      this.verified.delete(token);
      throw invalidToken();
    }
    let payload: JWTPayload;
    try {
      const { kid } = decodeProtectedHeader(token);
      const key = kid ? await this.keys.publicKey(kid) : null;
      if (!key) throw invalidToken();
      ({ payload } = await jwtVerify(token, key, { algorithms: [TOKEN_ALG], issuer: this.kernel.config.tokenIssuer, audience: TOKEN_AUDIENCE }));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw invalidToken();
    }
    if (!payload.sub || typeof payload.scope !== 'string' || typeof payload.exp !== 'number') throw invalidToken();
    const verified: VerifiedToken = { clientId: payload.sub, scope: payload.scope, tokenId: typeof payload.jti === 'string' ? payload.jti : '', expiresAt: payload.exp * 1000 };
    if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, verified);
    return verified;
  }

  authenticate(token: string, request: AppRequest): AppPrincipal | Promise<AppPrincipal> {
    // The common case answers without a promise: a token verified before, its client's state fresh.
    const verified = this.verified.get(token);
    if (verified !== undefined && verified.expiresAt > Date.now()) {
      const cached = this.states.get(verified.clientId);
      const age = cached ? Date.now() - cached.loadedAt : STATE_TTL_MS;
      if (age < STATE_TTL_MS) {
        // Read again ahead of time, so that a busy client's calls never wait for it.
        if (age >= STATE_REFRESH_MS) this.refresh(verified.clientId);
        return this.admit(verified, cached!, request);
      }
    }
    return this.authenticateLoading(token, request);
  }

  private async authenticateLoading(token: string, request: AppRequest): Promise<AppPrincipal> {
    const verified = await this.verify(token);
    return this.admit(verified, await this.stateOf(verified.clientId), request);
  }

  /** The app behind a verified token, when its client may still call: within its rate limit. */
  private admit({ clientId, scope, tokenId }: VerifiedToken, state: ClientState | null, request: AppRequest): AppPrincipal {
    if (!state || !state.active) throw invalidToken();

    let held = state.principals.get(scope);
    if (!held) {
      held = this.accessFor(state, scope.split(' '));
      state.principals.set(scope, held);
    }
    const principal: AppPrincipal = {
      kind: 'app',
      appId: state.aplikasiId,
      appCode: state.aplikasiKode,
      clientId,
      scopes: held.scopes,
      access: held.access,
      tokenId,
    };
    request.principal = principal; // so a refused request is still metered to the app
    const wait = this.limiter.take(state.aplikasiId, state.limit);
    if (wait > 0) {
      throw new AppError('auth.app_rate_limited', { limit: state.limit, seconds: wait }, [], { 'retry-after': String(wait) });
    }
    return principal;
  }

  recordUse(principal: AppPrincipal, method: string, route: string, appScope: string, statusCode: number, elapsedMs: number): void {
    this.meter.record(principal.appId, method, route, appScope, statusCode, elapsedMs);
  }

  /** The token's scopes that the app still holds, and the permissions they give, where granted. */
  private accessFor(state: ClientState, tokenScopes: string[]): { scopes: ReadonlySet<string>; access: Access } {
    const granted = new Set(state.izin.map((izin) => izin.scope));
    const scopes = new Set(tokenScopes.filter((scope) => granted.has(scope) && isAppScope(scope)));
    const entries: { permission: Permission; scope: Scope }[] = [];
    for (const izin of state.izin) {
      if (!scopes.has(izin.scope) || !isAppScope(izin.scope)) continue;
      const where: Scope = { type: izin.scopeType, code: izin.scopeCode };
      for (const permission of appScopes[izin.scope].permissions) entries.push({ permission, scope: where });
    }
    return { scopes, access: Access.ofPermissions(entries) };
  }

  private refresh(clientId: string): void {
    if (this.refreshing.has(clientId)) return;
    this.refreshing.add(clientId);
    this.loadState(clientId)
      .catch(() => {}) // the next call past STATE_TTL_MS loads it again, and reports a failure
      .finally(() => this.refreshing.delete(clientId));
  }

  private async stateOf(clientId: string): Promise<ClientState | null> {
    const cached = this.states.get(clientId);
    if (cached && Date.now() - cached.loadedAt < STATE_TTL_MS) return cached;
    return this.loadState(clientId);
  }

  private async loadState(clientId: string): Promise<ClientState | null> {
    const ticket = this.generation;
    const found = await sql<{ aplikasi_id: string; kode: string; active: boolean; batas_per_menit: number | null }>`
      SELECT a.id AS aplikasi_id, a.kode, (k.status = 'aktif' AND a.status = 'aktif') AS active, a.batas_per_menit
      FROM integrasi.klien k JOIN integrasi.aplikasi a ON a.id = k.aplikasi_id
      WHERE k.client_id = ${clientId}`.execute(this.kernel.db);
    const row = found.rows[0];
    if (!row) {
      if (ticket === this.generation) this.states.delete(clientId);
      return null;
    }
    const state: ClientState = {
      clientId,
      aplikasiId: row.aplikasi_id,
      aplikasiKode: row.kode,
      active: row.active,
      limit: row.batas_per_menit ?? this.kernel.config.appRateLimitPerMinute,
      izin: await izinOf(this.kernel.db, row.aplikasi_id),
      loadedAt: Date.now(),
      principals: new Map(),
    };
    if (ticket === this.generation) {
      if (this.states.size > 10_000) this.states.clear();
      this.states.set(clientId, state);
    }
    return state;
  }
}
