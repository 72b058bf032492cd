import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/actor.js';
import type { Access } from '../authz/access.js';
import type { Permission } from '../authz/roles.js';

/** The signed-in person behind a request (apps join later with tokens). */
export interface Principal {
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

/** What a route needs: nobody signed in, anyone signed in, or one permission. */
export type RouteAccess = 'public' | 'signed-in' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  return principal
    ? { type: 'user', id: principal.userId, name: principal.username, requestId: request.id }
    : { type: 'system', id: null, name: null, requestId: request.id };
}

/** For routes that declared a non-public access: the principal is guaranteed by the guard. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('principalOf() used on a public route');
  return request.principal;
}
