import type { FastifyInstance } from 'fastify';
import type { AppPrincipal } from '../../core/auth/principal.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { METHODS } from './aturan.js';
import { Gateway } from './forward.js';
import { onGatewayChange, openapiOf } from './layanan.js';
import { GatewayLog } from './log.js';
import { TargetCache } from './targets.js';

export { LOGGED_BODY_BYTES } from './forward.js';

const logs = new WeakMap<Kernel, GatewayLog>();
/** The running gateway's message log (tests flush it instead of waiting for the timer). */
export function gatewayLogOf(kernel: Kernel): GatewayLog | undefined {
  return logs.get(kernel);
}

/**
 * `/gw/<app>/<service>/<path>`: forwards an app's call to another app's published service after
 * checking its grant. Bodies stream both ways, limited in size; each call lands in the message
 * log and the meter. The calls are answered before Fastify routes them (forward.ts: Fastify's
 * per-request work cost more than the forwarding); the routes below stay for what that fast path
 * leaves to Fastify, for the route list and the access checks, and answer the same way.
 */
export async function gatewayProxy(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const cache = new TargetCache(kernel);
  const unsubscribe = onGatewayChange(() => cache.clear());
  const log = new GatewayLog(kernel.db, kernel.database.pool, { warn: (message, details) => app.log.warn(details, message) });
  logs.set(kernel, log);
  const gateway = new Gateway({ kernel, cache, log, logger: app.log, raw: app.rawRoutes });
  app.rawRoutes.add('/gw/', (req, res) => gateway.take(req, res));

  app.addHook('onClose', async () => {
    unsubscribe();
    await log.close();
    await gateway.close();
    logs.delete(kernel);
  });

  // Bodies are not parsed here: the handler gets the raw stream and forwards it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  // The service's OpenAPI document, for the apps granted the service.
  app.get<{ Params: { app: string; service: string } }>(
    '/gw/_openapi/:app/:service',
    { config: { access: 'app' }, schema: { hide: true } },
    async (request, reply) => {
      const caller = request.principal as AppPrincipal;
      const { app: appKode, service } = request.params;
      let target = cache.get(appKode.toLowerCase(), service.toLowerCase());
      if (target instanceof Promise) target = await target;
      if (!target) throw new AppError('integrasi.gw_tidak_dikenal', { app: appKode, service });
      if (!target.grants.has(caller.appId)) {
        throw new AppError('integrasi.gw_tidak_diizinkan', { caller: caller.appCode, method: 'GET', path: 'openapi', service: target.nama });
      }
      return reply.type('application/json; charset=utf-8').send(await openapiOf(kernel.db, target.id));
    },
  );

  const methods = [...METHODS];
  for (const url of ['/gw/:app/:service', '/gw/:app/:service/*']) {
    app.route({
      method: methods,
      url,
      exposeHeadRoute: false,
      config: { access: 'app' },
      schema: { hide: true },
      handler: (request, reply) => {
        // Answered on the raw response, as the fast path does; the guard metered and logged the caller.
        reply.hijack();
        gateway.serve(request.raw, reply.raw, request.principal as AppPrincipal, request.id);
      },
    });
  }
}
