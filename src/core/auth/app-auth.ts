import type { IncomingHttpHeaders } from 'node:http';
import type { AppPrincipal, Principal } from './principal.js';

/**
 * The request as the authenticator sees it: where it leaves the app it found, so that a refused
 * request (over the rate limit) is still metered to that app. A FastifyRequest is one; so is the
 * service gateway's own call object, which answers /gw/ before Fastify.
 */
export interface AppRequest {
  principal: Principal | null;
}

/**
 * How the guard turns a bearer token into an app. The integration hub provides it (it owns apps,
 * clients and signing keys); without it, bearer tokens are refused.
 */
export interface AppAuthenticator {
  /**
   * Verifies the token and the app behind it; throws AppError (401, 429) when it must not pass.
   * Answers synchronously when it has everything cached (the common case on a busy API).
   */
  authenticate(token: string, request: AppRequest): AppPrincipal | Promise<AppPrincipal>;
  /**
   * Meters one finished request of an app: its method, the route pattern it matched (the path
   * when none), the app scope the route declared ('' for none), status and time in ms.
   */
  recordUse(principal: AppPrincipal, method: string, route: string, appScope: string, statusCode: number, elapsedMs: number): void;
}

/** `Authorization: Bearer <token>` → the token; anything else → null. */
export function bearerToken(request: { headers: IncomingHttpHeaders }): string | null {
  return bearerOf(request.headers.authorization);
}

const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i;

/** The token of an Authorization header value: '' for a malformed `Bearer …`, null for no bearer at all. */
export function bearerOf(header: string | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = BEARER.exec(header);
  return match ? match[1]! : header.toLowerCase().startsWith('bearer') ? '' : null;
}
