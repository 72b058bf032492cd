import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../authz/access.js';
import { AppError } from '../http/errors.js';
import type { Kernel } from '../kernel.js';
import { bearerToken } from './app-auth.js';
import { findSession, hashToken, type ActiveSession } from './sessions.js';
import type { AppPrincipal } from './principal.js';

export const SESSION_COOKIE = 'padu_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Resolves the session cookie (people) or the bearer token (apps) into a principal, then
 * enforces what the route declared. Deny by default: a route that declares nothing answers 403
 * to everyone, and a route that declares no app scope answers 403 to every app.
 */
export function registerGuard(app: FastifyInstance, kernel: Kernel): void {
  const policy = { idleMinutes: kernel.config.sessionIdleMinutes, maxHours: kernel.config.sessionMaxHours };
  app.decorateRequest('principal', null);

  // Cached sessions are reused across requests, and so is what their grants allow.
  const accessBySession = new WeakMap<ActiveSession, Access>();
  const accessOf = (session: ActiveSession): Access => {
    let access = accessBySession.get(session);
    if (!access) {
      access = new Access(session.grants);
      accessBySession.set(session, access);
    }
    return access;
  };

  const resolveSession = async (token: string): Promise<ActiveSession | null> => {
    const cache = kernel.sessionCache;
    if (!cache) return findSession(kernel.db, token, policy);
    const key = hashToken(token).toString('hex');
    const cached = cache.get(key);
    if (cached) return cached;
    const ticket = cache.ticket();
    const loaded = await findSession(kernel.db, token, policy);
    if (loaded) cache.set(key, loaded, ticket);
    return loaded;
  };

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (access === 'public') return;
    if (access === undefined) throw new AppError('auth.undeclared_route');

    const bearer = bearerToken(request);
    if (bearer !== null) {
      if (!kernel.appAuth || bearer === '') throw new AppError('auth.invalid_token', {}, [], { 'www-authenticate': 'Bearer error="invalid_token"' });
      const app = await kernel.appAuth.authenticate(bearer, request);
      request.principal = app;
      if (access === 'app') return; // the route checks the app's grants itself (the gateway)
      const scope = request.routeOptions.config.appScope;
      if (!scope) throw new AppError('auth.not_for_apps', {}, [], { 'www-authenticate': 'Bearer error="insufficient_scope"' });
      if (!app.scopes.has(scope)) {
        throw new AppError('auth.scope_missing', { scope }, [], { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"` });
      }
      if (access !== 'signed-in' && !app.access.can(access)) throw new AppError('auth.forbidden', { permission: access });
      return;
    }
    if (access === 'app') throw new AppError('auth.invalid_token', {}, [], { 'www-authenticate': 'Bearer' });

    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(token) : null;
    if (!session) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError('auth.required');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) throw new AppError('auth.csrf_failed');
    }
    const principal = {
      kind: 'user' as const,
      userId: session.userId,
      username: session.username,
      displayName: session.displayName,
      email: session.email,
      nik: session.nik,
      nip: session.nip,
      access: accessOf(session),
      session: { tokenHash: session.tokenHash, csrfToken: session.csrfToken },
    };
    request.principal = principal;
    if (access !== 'signed-in' && !principal.access.can(access)) {
      throw new AppError('auth.forbidden', { permission: access });
    }
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = request.principal;
    if (principal?.kind === 'app') {
      const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
      kernel.appAuth?.recordUse(principal as AppPrincipal, request.method, route, request.routeOptions.config.appScope ?? '', reply.statusCode, reply.elapsedTime);
    }
  });
}
