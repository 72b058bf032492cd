import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../audit/trail.js';
import { Access } from '../authz/access.js';
import { AppError } from '../http/errors.js';
import { problems, Text } from '../http/schemas.js';
import type { Kernel } from '../kernel.js';
import { GrantSchema } from '../users/schemas.js';
import { SESSION_COOKIE } from './guard.js';
import { MAX_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { actorOf, principalOf } from './principal.js';
import { createSession, deleteSession } from './sessions.js';
import { clearFailures, lockedFor, recordFailure } from './throttle.js';

const LoginBody = Type.Object(
  { username: Text(1, 100), password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }) },
  { additionalProperties: false },
);

const Me = Type.Object({
  user: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String(), email: Type.Union([Type.String(), Type.Null()]) }),
  roles: Type.Array(GrantSchema),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.String({ description: 'Send it as the X-CSRF-Token header on every cookie-authenticated write' }),
});

function cookieSecure(kernel: Kernel, request: FastifyRequest): boolean {
  const setting = kernel.config.cookieSecure;
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

export async function authRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const { db, config } = kernel;
  const throttle = { lockMinutes: config.loginLockMinutes };

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        body: LoginBody,
        response: { 200: Me, ...problems(400, 401, 429) },
      },
    },
    async (request: FastifyRequest<{ Body: { username: string; password: string } }>, reply: FastifyReply) => {
      const username = request.body.username.trim().toLowerCase();
      const keys = [`account:${username}`, `address:${request.ip}`];
      const wait = await lockedFor(db, keys);
      if (wait > 0) {
        throw new AppError('auth.throttled', { minutes: Math.ceil(wait / 60) }, [], { 'retry-after': String(wait) });
      }
      const user = await db
        .selectFrom('core.app_user')
        .select(['id', 'username', 'display_name', 'email', 'password_hash', 'active'])
        .where((eb) => eb(eb.fn('lower', ['username']), '=', username))
        .executeTakeFirst();
      const ok = await verifyPassword(user?.password_hash ?? null, request.body.password);
      if (!user || !ok || !user.active) {
        await recordFailure(db, keys[0]!, { ...throttle, maxFailures: config.loginMaxFailuresPerAccount });
        await recordFailure(db, keys[1]!, { ...throttle, maxFailures: config.loginMaxFailuresPerAddress });
        request.log.warn({ username, ip: request.ip }, 'failed sign-in');
        throw new AppError('auth.invalid_credentials');
      }
      await clearFailures(db, keys[0]!);
      const session = await db.transaction().execute(async (trx) => {
        const created = await createSession(trx, user.id, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours }, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        await trx.updateTable('core.app_user').set({ last_login_at: new Date() }).where('id', '=', user.id).execute();
        await recordAudit(trx, { type: 'user', id: user.id, name: user.username, requestId: request.id }, {
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          after: { ip: request.ip },
        });
        return created;
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieSecure(kernel, request),
        maxAge: config.sessionMaxHours * 3600,
      });
      const grants = await db
        .selectFrom('core.user_role')
        .select(['role', 'scope_type', 'scope_code'])
        .where('user_id', '=', user.id)
        .orderBy('role')
        .execute();
      const roles = grants.map((g) => ({ role: g.role, scopeType: g.scope_type, scopeCode: g.scope_code || null }));
      return {
        user: { id: user.id, username: user.username, displayName: user.display_name, email: user.email },
        roles,
        permissions: new Access(roles).permissions,
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: 'signed-in' }, schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...problems(401, 403) } } },
    async (request, reply) => {
      const principal = principalOf(request);
      await db.transaction().execute(async (trx) => {
        await deleteSession(trx, principal.session.tokenHash);
        await recordAudit(trx, actorOf(request), { action: 'auth.logout', entityType: 'user', entityId: principal.userId });
      });
      kernel.sessionCache?.forgetSession(principal.session.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    { config: { access: 'signed-in' }, schema: { tags: ['auth'], summary: 'Who is signed in, with roles and permissions', response: { 200: Me, ...problems(401) } } },
    async (request) => {
      const principal = principalOf(request);
      return {
        user: { id: principal.userId, username: principal.username, displayName: principal.displayName, email: principal.email },
        roles: [...principal.access.grants],
        permissions: principal.access.permissions,
        csrfToken: principal.session.csrfToken,
      };
    },
  );
}
