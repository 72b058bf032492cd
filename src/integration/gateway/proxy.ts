import { Transform, type Readable } from 'node:stream';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Pool, type Dispatcher } from 'undici';
import type { AppPrincipal } from '../../core/auth/principal.js';
import type { ErrorCode } from '../../core/http/error-codes.js';
import { AppError } from '../../core/http/errors.js';
import { sendProblem } from '../../core/http/problem.js';
import type { Kernel } from '../../core/kernel.js';
import { allows, badPath, compileRules, METHODS, type CompiledRule } from './aturan.js';
import { onGatewayChange, openapiOf } from './layanan.js';
import { GatewayLog } from './log.js';

/** What the gateway needs of a service per call, cached for a few seconds. */
interface Target {
  id: string;
  kode: string;
  aplikasiId: string;
  aplikasiKode: string;
  origin: string;
  basePath: string;
  timeoutMs: number;
  maksRequestBytes: number;
  maksResponseBytes: number;
  logIsi: boolean;
  /** The service is active and so is its provider app. */
  aktif: boolean;
  /** Caller app id → its rules (empty = the whole service). */
  grants: Map<string, CompiledRule[]>;
  hasOpenapi: boolean;
}

/**
 * Services and their grants by `app/service`. This process drops the cache on every change it
 * makes; other processes pick a change up within TTL_MS (a revoked grant stops working there
 * within seconds).
 */
class TargetCache {
  static TTL_MS = 5000;
  private entries = new Map<string, { value: Target | null; expires: number }>();
  private pending = new Map<string, Promise<Target | null>>();
  private generation = 0;

  constructor(private readonly kernel: Kernel) {}

  clear(): void {
    this.entries.clear();
    this.pending.clear();
    this.generation++;
  }

  async get(app: string, service: string): Promise<Target | null> {
    const key = `${app}/${service}`;
    const cached = this.entries.get(key);
    if (cached && cached.expires > Date.now()) return cached.value;
    let loading = this.pending.get(key);
    if (!loading) {
      const generation = this.generation;
      loading = this.load(app, service).finally(() => {
        if (this.pending.get(key) === loading) this.pending.delete(key);
      });
      this.pending.set(key, loading);
      const value = await loading;
      if (generation === this.generation) {
        if (this.entries.size > 10_000) this.entries.clear();
        this.entries.set(key, { value, expires: Date.now() + TargetCache.TTL_MS });
      }
      return value;
    }
    return loading;
  }

  private async load(app: string, service: string): Promise<Target | null> {
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(app) || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(service)) return null;
    const { rows } = await sql<{
      id: string; kode: string; aplikasi_id: string; aplikasi_kode: string; aplikasi_status: string; base_url: string; timeout_ms: number;
      maks_request_bytes: number; maks_response_bytes: number; log_isi: boolean; status: string; ada_openapi: boolean;
      izin: { klien: string; aturan: string[] }[];
    }>`
      SELECT l.id, l.kode, l.aplikasi_id, a.kode AS aplikasi_kode, a.status AS aplikasi_status, l.base_url, l.timeout_ms,
        l.maks_request_bytes, l.maks_response_bytes, l.log_isi, l.status, l.openapi IS NOT NULL AS ada_openapi,
        COALESCE((SELECT json_agg(json_build_object('klien', i.klien_aplikasi_id, 'aturan', i.aturan))
          FROM integrasi.gw_izin i WHERE i.layanan_id = l.id), '[]'::json) AS izin
      FROM integrasi.gw_layanan l JOIN integrasi.aplikasi a ON a.id = l.aplikasi_id
      WHERE a.kode = ${app} AND l.kode = ${service}`.execute(this.kernel.db);
    const row = rows[0];
    if (!row) return null;
    const url = new URL(row.base_url);
    return {
      id: row.id,
      kode: row.kode,
      aplikasiId: row.aplikasi_id,
      aplikasiKode: row.aplikasi_kode,
      origin: url.origin,
      basePath: url.pathname.replace(/\/+$/, ''),
      timeoutMs: row.timeout_ms,
      maksRequestBytes: row.maks_request_bytes,
      maksResponseBytes: row.maks_response_bytes,
      logIsi: row.log_isi,
      aktif: row.status === 'aktif' && row.aplikasi_status === 'aktif',
      grants: new Map(row.izin.map((g) => [g.klien, compileRules(g.aturan)])),
      hasOpenapi: row.ada_openapi,
    };
  }
}

/** Request headers that belong to one hop, or to the caller's own credentials, never forwarded. */
const DROP_REQUEST = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'host', 'authorization', 'cookie', 'expect', 'http2-settings',
  'x-padu-client', 'x-padu-request-id', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'forwarded',
]);
/** Response headers not passed back: hop-by-hop, and cookies a backend would set on Padu's origin. */
const DROP_RESPONSE = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'set-cookie', 'set-cookie2', 'x-request-id',
]);

const PLAIN_CONNECTION = /^\s*(keep-alive|close)\s*$/i;

/** Header names listed in Connection (hop-by-hop by declaration). */
function connectionTokens(value: string | string[] | undefined): string[] {
  if (!value || (typeof value === 'string' && PLAIN_CONNECTION.test(value))) return [];
  return [value].flat().flatMap((v) => v.split(',')).map((t) => t.trim().toLowerCase()).filter(Boolean);
}

/** Bodies kept in the message log (when the service enables it) are cut at this many bytes. */
export const LOGGED_BODY_BYTES = 4096;

interface Call {
  target: Target;
  caller: AppPrincipal;
  method: string;
  path: string;
  galat: ErrorCode | null;
  requestBytes: number;
  responseBytes: number;
  /** Status to log when the response was cut short after its headers went out. */
  statusOverride: number | null;
  requestBody: Buffer[] | null;
  responseBody: Buffer[] | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    gatewayCall?: Call;
  }
}

/** Counts bytes, cuts the stream past `limit`, and keeps the first bytes when asked to. */
function meter(limit: number, keep: Buffer[] | null, onBytes: (n: number) => void, onOver: () => void): Transform {
  let total = 0;
  let kept = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      onBytes(chunk.length);
      if (total > limit) {
        onOver();
        callback(new Error('size limit exceeded'));
        return;
      }
      if (keep && kept < LOGGED_BODY_BYTES) {
        const part = chunk.subarray(0, LOGGED_BODY_BYTES - kept);
        keep.push(Buffer.from(part));
        kept += part.length;
      }
      callback(null, chunk);
    },
  });
}

const bodyText = (chunks: Buffer[] | null): string | null => (chunks && chunks.length > 0 ? Buffer.concat(chunks).toString('utf8').replace(/\u0000/g, '') : null);

const logs = new WeakMap<Kernel, GatewayLog>();
/** The running gateway's message log (tests flush it instead of waiting for the timer). */
export function gatewayLogOf(kernel: Kernel): GatewayLog | undefined {
  return logs.get(kernel);
}

/**
 * `/gw/<app>/<service>/<path>`: forwards an app's call to another app's published service after
 * checking its grant. Bodies stream both ways (this scope parses no body), limited in size;
 * each call lands in the message log and the meter.
 */
export async function gatewayProxy(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const cache = new TargetCache(kernel);
  const unsubscribe = onGatewayChange(() => cache.clear());
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: 256, pipelining: 1, keepAliveTimeout: 10_000, connect: { timeout: 10_000 } });
      pools.set(origin, pool);
    }
    return pool;
  };
  const log = new GatewayLog(kernel.db, { warn: (message, details) => app.log.warn(details, message) });
  logs.set(kernel, log);

  app.addHook('onClose', async () => {
    unsubscribe();
    await log.close();
    await Promise.all([...pools.values()].map((pool) => pool.destroy().catch(() => {})));
    logs.delete(kernel);
  });

  // Bodies are not parsed here: the handler gets the raw stream and forwards it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  /** One message-log row per call, when its response is done or cut off (a 'close' comes either way). */
  const record = (request: FastifyRequest, reply: FastifyReply, call: Call) => {
    const target = call.target;
    log.add({
      at: new Date(),
      requestId: request.id,
      layananId: target.id,
      klienId: call.caller.appId,
      penyediaId: target.aplikasiId,
      metode: call.method,
      path: call.path.slice(0, 2000),
      status: call.statusOverride ?? (reply.raw.writableFinished || reply.raw.headersSent ? reply.statusCode : 499),
      durasiMs: reply.elapsedTime,
      ukuranRequest: call.requestBytes,
      ukuranResponse: call.responseBytes,
      galat: call.galat,
      isiRequest: bodyText(call.requestBody),
      isiResponse: bodyText(call.responseBody),
    });
  };

  const fail = (call: Call, code: ErrorCode, params: Record<string, string | number>): never => {
    call.galat = code;
    throw new AppError(code, params);
  };
  /**
   * The backend's failures (paused, down, slow, oversized) are answered here rather than thrown:
   * they are not Padu's errors, so they go to the message log, not to the error log with a stack.
   */
  const answer = (request: FastifyRequest, reply: FastifyReply, call: Call, code: ErrorCode, params: Record<string, string | number>) => {
    call.galat = code;
    return sendProblem(request, reply, new AppError(code, params));
  };

  async function forward(request: FastifyRequest, reply: FastifyReply) {
    const caller = request.principal as AppPrincipal;
    const url = request.url;
    const q = url.indexOf('?');
    const pathPart = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q);
    const segments = pathPart.split('/');
    const appKode = (segments[2] ?? '').toLowerCase();
    const serviceKode = (segments[3] ?? '').toLowerCase();
    const rest = `/${segments.slice(4).join('/')}`;
    const target = await cache.get(appKode, serviceKode);
    if (!target) throw new AppError('integrasi.gw_tidak_dikenal', { app: appKode, service: serviceKode });

    const method = request.method;
    const call: Call = {
      target,
      caller,
      method,
      path: target.logIsi ? rest + query : rest,
      galat: null,
      requestBytes: 0,
      responseBytes: 0,
      statusOverride: null,
      requestBody: target.logIsi ? [] : null,
      responseBody: target.logIsi ? [] : null,
    };
    request.gatewayCall = call;
    reply.raw.once('close', () => record(request, reply, call));

    if (badPath(rest)) fail(call, 'integrasi.gw_path_tidak_sah', {});
    const rules = target.grants.get(caller.appId);
    if (!rules || !allows(rules, method, rest)) {
      fail(call, 'integrasi.gw_tidak_diizinkan', { caller: caller.appCode, method, path: rest.slice(0, 200), service: `${target.aplikasiKode}/${target.kode}` });
    }
    if (!target.aktif) return answer(request, reply, call, 'integrasi.gw_dijeda', { service: `${target.aplikasiKode}/${target.kode}` });

    const declared = request.headers['content-length'];
    if (declared !== undefined && Number(declared) > target.maksRequestBytes) {
      fail(call, 'integrasi.gw_permintaan_terlalu_besar', { limit: target.maksRequestBytes });
    }

    // Headers: the caller's own, less hop-by-hop ones, its credentials and anything naming Padu's.
    const dropped = new Set(connectionTokens(request.headers.connection));
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || DROP_REQUEST.has(name) || dropped.has(name)) continue;
      headers[name] = value;
    }
    headers['x-padu-client'] = caller.appCode;
    headers['x-padu-request-id'] = request.id;
    headers['x-forwarded-for'] = request.ip;
    headers['x-forwarded-proto'] = request.protocol;
    headers['x-forwarded-host'] = request.host;

    let body: Readable | undefined;
    let requestTooLarge = false;
    const incoming = request.body as Readable | undefined;
    if (incoming && typeof incoming.pipe === 'function') {
      const limiter = meter(target.maksRequestBytes, call.requestBody, (n) => (call.requestBytes += n), () => (requestTooLarge = true));
      incoming.on('error', (error) => limiter.destroy(error));
      // undici reports a failed upload through the request itself; this only keeps it from being uncaught.
      limiter.on('error', () => {});
      body = incoming.pipe(limiter);
    } else {
      delete headers['content-length'];
    }

    // The service's timeout bounds the wait for the backend's headers and, after them, the gap
    // between two chunks of its body (undici's own timers: no timer of ours per call). A caller
    // that hangs up aborts the call to the backend.
    const controller = new AbortController();
    let clientGone = false;
    const onClientGone = () => {
      if (reply.raw.writableFinished) return;
      clientGone = true;
      controller.abort();
    };
    reply.raw.once('close', onClientGone);

    let response: Dispatcher.ResponseData;
    try {
      response = await poolFor(target.origin).request({
        path: target.basePath + rest + query,
        method: method as (typeof METHODS)[number],
        headers,
        body,
        signal: controller.signal,
        headersTimeout: target.timeoutMs,
        bodyTimeout: target.timeoutMs,
      });
    } catch (error) {
      reply.raw.off('close', onClientGone);
      const code = (error as { code?: string }).code ?? '';
      if (requestTooLarge) return fail(call, 'integrasi.gw_permintaan_terlalu_besar', { limit: target.maksRequestBytes });
      if (clientGone) {
        // The caller hung up first: nothing to answer; logged as 499 (client closed request).
        call.statusOverride = 499;
        return reply;
      }
      if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
        return answer(request, reply, call, 'integrasi.gw_waktu_habis', { service: `${target.aplikasiKode}/${target.kode}`, ms: target.timeoutMs });
      }
      request.log.info({ code, reason: (error as Error).message, service: target.id }, 'gateway backend failed');
      return answer(request, reply, call, 'integrasi.gw_backend_gagal', { service: `${target.aplikasiKode}/${target.kode}` });
    }
    // Errors of the backend's body are handled where it is piped; an abort after that is expected.
    response.body.on('error', () => {});

    const length = response.headers['content-length'];
    if (length !== undefined && Number(length) > target.maksResponseBytes) {
      response.body.destroy();
      reply.raw.off('close', onClientGone);
      return answer(request, reply, call, 'integrasi.gw_respons_terlalu_besar', { limit: target.maksResponseBytes });
    }
    const dropBack = new Set(connectionTokens(response.headers.connection));
    const back: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined || value === null || DROP_RESPONSE.has(name) || dropBack.has(name)) continue;
      back[name] = value as string | string[];
    }
    reply.code(response.statusCode).headers(back);
    if (method === 'HEAD' || response.statusCode === 204 || response.statusCode === 304) {
      response.body.resume();
      return reply.send();
    }
    if (length !== undefined && !call.responseBody) {
      // Size known and within the limit: stream the body through as it is.
      call.responseBytes = Number(length);
      response.body.on('error', (error: Error) => {
        if ((error as { code?: string }).code === 'UND_ERR_BODY_TIMEOUT' && !call.galat) {
          call.galat = 'integrasi.gw_waktu_habis';
          call.statusOverride = 504;
        }
      });
      return reply.send(response.body);
    }
    const out = meter(
      target.maksResponseBytes,
      call.responseBody,
      (n) => (call.responseBytes += n),
      () => {
        call.galat = 'integrasi.gw_respons_terlalu_besar';
        call.statusOverride = 502;
      },
    );
    response.body.on('error', (error: Error) => {
      if ((error as { code?: string }).code === 'UND_ERR_BODY_TIMEOUT' && !call.galat) {
        call.galat = 'integrasi.gw_waktu_habis';
        call.statusOverride = 504;
      }
      out.destroy(error);
    });
    return reply.send(response.body.pipe(out));
  }

  // The service's OpenAPI document, for the apps granted the service.
  app.get<{ Params: { app: string; service: string } }>(
    '/gw/_openapi/:app/:service',
    { config: { access: 'app' }, schema: { hide: true } },
    async (request, reply) => {
      const caller = request.principal as AppPrincipal;
      const { app: appKode, service } = request.params;
      const target = await cache.get(appKode.toLowerCase(), service.toLowerCase());
      if (!target) throw new AppError('integrasi.gw_tidak_dikenal', { app: appKode, service });
      if (!target.grants.has(caller.appId)) {
        throw new AppError('integrasi.gw_tidak_diizinkan', { caller: caller.appCode, method: 'GET', path: 'openapi', service: `${target.aplikasiKode}/${target.kode}` });
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
      handler: forward,
    });
  }
}
