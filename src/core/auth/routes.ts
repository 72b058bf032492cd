import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../audit/trail.js';
import { AppError } from '../http/errors.js';
import { problems, Text } from '../http/schemas.js';
import type { Kernel } from '../kernel.js';
import { SESSION_COOKIE } from './guard.js';
import { MAX_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { actorOf, userOf } from './principal.js';
import { deleteSession } from './sessions.js';
import { accountThrottleKey, findAccount, loggableIdentifier, MeSchema, openSession } from './sign-in.js';
import { clearFailures, lockedFor, recordFailure } from './throttle.js';

const LoginBody = Type.Object(
  { username: Text(1, 100), password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }) },
  { additionalProperties: false },
);

const Me = MeSchema;

export async function authRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const { db, config } = kernel;
  const throttle = { lockMinutes: config.loginLockMinutes };

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a username, NIK, phone number or e-mail and the password; sets the session cookie',
        description:
          '`username` may be the account\'s username, the NIK it is linked to, its mobile number (08…, 628… or +628…) or its e-mail address. Every failure gets the same 401 `auth.invalid_credentials`.',
        body: LoginBody,
        response: { 200: Me, ...problems(400, 401, 429) },
      },
    },
    async (request: FastifyRequest<{ Body: { username: string; password: string } }>, reply: FastifyReply) => {
      const identifier = request.body.username;
      const user = await findAccount(db, identifier);
      // One count per identifier (every spelling of a NIK or number counts as one), and one per
      // account, so its NIK, number, e-mail and username share a single allowance of guesses.
      const accountKeys = [...new Set([accountThrottleKey(identifier), ...(user ? [accountThrottleKey(user.username)] : [])])];
      const addressKey = `address:${request.ip}`;
      const wait = await lockedFor(db, [...accountKeys, addressKey]);
      if (wait > 0) {
        throw new AppError('auth.throttled', { minutes: Math.ceil(wait / 60) }, [], { 'retry-after': String(wait) });
      }
      const ok = await verifyPassword(user?.password_hash ?? null, request.body.password);
      if (!user || !ok || !user.active) {
        for (const key of accountKeys) await recordFailure(db, key, { ...throttle, maxFailures: config.loginMaxFailuresPerAccount });
        await recordFailure(db, addressKey, { ...throttle, maxFailures: config.loginMaxFailuresPerAddress });
        request.log.warn({ username: loggableIdentifier(identifier), ip: request.ip }, 'failed sign-in');
        throw new AppError('auth.invalid_credentials');
      }
      for (const key of accountKeys) await clearFailures(db, key);
      return openSession(kernel, request, reply, user);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: 'signed-in' }, schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...problems(401, 403) } } },
    async (request, reply) => {
      const principal = userOf(request);
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
      const principal = userOf(request);
      return {
        user: { id: principal.userId, username: principal.username, displayName: principal.displayName, email: principal.email },
        roles: [...principal.access.grants],
        permissions: principal.access.permissions,
        csrfToken: principal.session.csrfToken,
      };
    },
  );
}
