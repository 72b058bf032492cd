import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/actor.js';
import type { Access } from '../authz/access.js';
import type { AppScope } from '../authz/app-scopes.js';
import type { Permission } from '../authz/roles.js';

/** A person signed in with a session cookie. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  email: string | null;
  /** The resident (NIK) and employee (NIP) the account is linked to: what `self` scopes read. */
  nik: string | null;
  nip: string | null;
  access: Access;
  /** Present when the request was authenticated by the session cookie. */
  session: { tokenHash: Buffer; csrfToken: string };
}

/** An app of the city calling with a bearer token from POST /api/v1/oauth/token. */
export interface AppPrincipal {
  kind: 'app';
  appId: string;
  /** The app's catalogue code (slug), also its actor name in the audit trail. */
  appCode: string;
  clientId: string;
  /** Scopes in the token (never more than the app was granted). */
  scopes: ReadonlySet<string>;
  /** What the token's scopes allow, in the places the app was granted them. */
  access: Access;
  tokenId: string;
}

export type Principal = UserPrincipal | AppPrincipal;

/**
 * What a route needs: nobody signed in, anyone signed in, one permission, or (`app`) any app
 * with a valid token, for routes that check the app's grants themselves (the service gateway).
 */
export type RouteAccess = 'public' | 'signed-in' | 'app' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Opens the route to apps holding this scope; without it apps get 403. */
    appScope?: AppScope;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (!principal) return { type: 'system', id: null, name: null, requestId: request.id };
  return principal.kind === 'user'
    ? { type: 'user', id: principal.userId, name: principal.username, requestId: request.id }
    : { type: 'app', id: principal.appId, name: principal.appCode, requestId: request.id };
}

/** For routes that declared a non-public access: the principal is guaranteed by the guard. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('principalOf() used on a public route');
  return request.principal;
}

/** For routes apps cannot reach (no appScope): the signed-in person. */
export function userOf(request: FastifyRequest): UserPrincipal {
  const principal = principalOf(request);
  if (principal.kind !== 'user') throw new Error('userOf() used on a route open to apps');
  return principal;
}
