import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { auditRoutes } from '../audit/routes.js';
import { registerGuard } from '../auth/guard.js';
import { authRoutes } from '../auth/routes.js';
import type { Kernel } from '../kernel.js';
import { packageRoot } from '../paths.js';
import { userRoutes } from '../users/routes.js';
import { version } from '../version.js';
import { AppError } from './errors.js';
import { healthRoutes } from './health-routes.js';
import { localeOf, registerProblemHandlers, sendProblem } from './problem.js';
import { ProblemSchema } from './schemas.js';
import { securityHeaders } from './security-headers.js';
import { validatorCompiler } from './validation.js';

export interface DeclaredRoute {
  method: string;
  url: string;
  access: string | undefined;
  /** The app scope that opens the route to apps, if any. */
  appScope: string | undefined;
}

/**
 * A handler that answers some requests before Fastify routes them: the service gateway's /gw/
 * proxy, where Fastify's per-request work cost more than the forwarding itself. It returns false
 * to leave a request to Fastify, and does itself what the global hooks below do for Fastify's
 * answers: the security headers, x-request-id (requestIdOf), `connection: close` while closing.
 */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface RawRoutes {
  /** The security headers every answer carries, the same set Fastify's answers get. */
  readonly securityHeaders: Readonly<Record<string, string>>;
  /** True once the server is shutting down: answers then end their connection. */
  closing(): boolean;
  /** Offers requests whose URL starts with `prefix` to `handler` first (while closing, Fastify answers them 503). */
  add(prefix: string, handler: RawHandler): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for the test that checks each one declares its access. */
    declaredRoutes: DeclaredRoute[];
    rawRoutes: RawRoutes;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** The request's id: the caller's X-Request-Id when it looks like one, else a new UUIDv7. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidv7();
}

// A JSON string holding \u0000 cannot be stored by PostgreSQL; refuse it as bad input up front.
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/i;

export const webDist = path.join(packageRoot, 'web/dist');

/** A module's routes: a Fastify plugin that receives the kernel. */
const ASSET_SUFFIX = /\.(js|mjs|css|map|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|json|txt|xml|webmanifest|html?|pdf)$/i;

export type ModuleRoutes = (app: FastifyInstance, options: { kernel: Kernel }) => Promise<void>;

export async function buildApp(
  kernel: Kernel,
  loggerInstance?: FastifyBaseLogger,
  moduleRoutes: readonly ModuleRoutes[] = [],
): Promise<FastifyInstance> {
  const { config } = kernel;
  const rawHandlers: { prefix: string; handler: RawHandler }[] = [];
  let closing = false;
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: false }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: requestIdOf,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  });
  // The raw handlers (app.rawRoutes) see each request before Fastify does. Fastify's own server is
  // kept, only its request listener wrapped: a serverFactory would lose the second address Fastify
  // binds for HOST=localhost (a request there goes straight to Fastify, which answers it as well).
  const fastifyHandler = app.server.listeners('request')[0] as RequestListener;
  app.server.removeListener('request', fastifyHandler);
  app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!closing && rawHandlers.length > 0) {
      const url = req.url ?? '';
      for (const raw of rawHandlers) if (url.startsWith(raw.prefix) && raw.handler(req, res)) return;
    }
    fastifyHandler(req, res);
  });
  // Keep the route options themselves: a child scope's onRoute hook may still set `access`.
  const registered: { method: string; url: string; options: { config?: { access?: string; appScope?: string } } }[] = [];
  app.decorate('declaredRoutes', {
    getter: () => registered.map((r) => ({ method: r.method, url: r.url, access: r.options.config?.access, appScope: r.options.config?.appScope })),
  });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registered.push({ method, url: route.url, options: route });
    // The OpenAPI document marks routes that need no session as such.
    if (route.config?.access === 'public' && route.schema) route.schema = { ...route.schema, security: [] };
  });
  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(ProblemSchema);
  registerProblemHandlers(app, config.bodyLimitBytes);
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // While shutting down, end each kept-alive connection after its response so close() need not wait for it.
    if (closing) reply.header('connection', 'close');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(new AppError('request.empty_body'));
    if (NUL_ESCAPE.test(text)) return done(new AppError('request.malformed_json'));
    try {
      done(null, JSON.parse(text, (key, value) => (key === '__proto__' || key === 'constructor' ? undefined : value)));
    } catch {
      done(new AppError('request.malformed_json'));
    }
  });

  const headers = securityHeaders({ hsts: config.cookieSecure !== false });
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  app.decorate('rawRoutes', {
    securityHeaders: headers,
    closing: () => closing,
    add: (prefix: string, handler: RawHandler) => void rawHandlers.push({ prefix, handler }),
  } satisfies RawRoutes);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Padu API',
        version,
        description:
          'Padu, the integrated platform of Pemerintah Kota Padang. Errors are application/problem+json (RFC 9457) with a stable `code`; ' +
          'messages are Indonesian by default, English with `Accept-Language: en`. Cookie-authenticated writes need the `X-CSRF-Token` header.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'padu_session' } } },
      security: [{ session: [] }],
    },
  });

  registerGuard(app, kernel);

  await app.register(async (publicScope) => {
    publicScope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await publicScope.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      // Plain-HTTP installations on a LAN must still load the reference's own assets.
      transformStaticCSP: (header: string) =>
        header.replace('upgrade-insecure-requests;', '').replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'"),
    });
    publicScope.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    if (existsSync(webDist)) {
      await publicScope.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
    }
  });

  await app.register(healthRoutes, { kernel });
  await app.register(authRoutes, { kernel });
  await app.register(userRoutes, { kernel });
  await app.register(auditRoutes, { kernel });
  for (const routes of moduleRoutes) await app.register(routes, { kernel });

  const indexPath = path.join(webDist, 'index.html');
  const indexHtml = existsSync(indexPath) ? readFileSync(indexPath) : null;
  app.setNotFoundHandler(async (request, reply) => {
    const pathOnly = request.url.split('?')[0] ?? '/';
    // Page paths may hold dots (an OPD code like 1.01.0.00.0.00.01.0000); only a file-like suffix
    // marks a missing asset, which gets a 404 rather than the page.
    const wantsPage = request.method === 'GET' && !pathOnly.startsWith('/api/') && !ASSET_SUFFIX.test(pathOnly);
    if (wantsPage && indexHtml) {
      // The browser app routes on the client: every page path gets its shell.
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    if (wantsPage) {
      const message = localeOf(request) === 'en' ? 'The web app is not built: run `npm run build`.' : 'Aplikasi web belum dibangun: jalankan `npm run build`.';
      return reply.code(503).type('text/plain; charset=utf-8').send(message);
    }
    return sendProblem(request, reply, new AppError('request.not_found', { method: request.method, path: pathOnly }));
  });

  return app;
}
