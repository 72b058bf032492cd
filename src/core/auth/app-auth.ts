import type { FastifyRequest } from 'fastify';
import type { AppPrincipal } from './principal.js';

/**
 * How the guard turns a bearer token into an app. The integration hub provides it (it owns apps,
 * clients and signing keys); without it, bearer tokens are refused.
 */
export interface AppAuthenticator {
  /** Verifies the token and the app behind it; throws AppError (401, 429) when it must not pass. */
  authenticate(token: string, request: FastifyRequest): Promise<AppPrincipal>;
  /** Meters one finished request of an app (status and time in ms). */
  recordUse(request: FastifyRequest, principal: AppPrincipal, statusCode: number, elapsedMs: number): void;
}

/** `Authorization: Bearer <token>` → the token; anything else → null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  return match ? match[1]! : header.toLowerCase().startsWith('bearer') ? '' : null;
}
