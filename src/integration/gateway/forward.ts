import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { Pool, util as undiciUtil, type Dispatcher } from 'undici';
import { bearerOf, type AppRequest } from '../../core/auth/app-auth.js';
import type { AppPrincipal, Principal } from '../../core/auth/principal.js';
import { errorCatalog, type ErrorCode } from '../../core/http/error-codes.js';
import { AppError } from '../../core/http/errors.js';
import { requestIdOf, type RawRoutes } from '../../core/http/app.js';
import { format, pickLocale } from '../../core/i18n/locale.js';
import type { Kernel } from '../../core/kernel.js';
import { allows, badPath, METHODS } from './aturan.js';
import type { GatewayLog } from './log.js';
import type { Target, TargetCache } from './targets.js';

/**
 * The forwarding of one gateway call, on node:http's request and response and undici's dispatch
 * API: no Fastify request or reply, no promise or stream per response, the backend's body written
 * to the caller chunk by chunk as it arrives. Two ways in:
 * - `Gateway.take`, offered every /gw/ request before Fastify routes it (app.rawRoutes): it does what
 *   the global hooks do for any app call (bearer token through the same AppAuthenticator, rate
 *   limit, metering, request log, security headers, x-request-id) and then forwards;
 * - `Gateway.serve`, the Fastify routes' handler, for what `take` leaves to Fastify (odd URLs,
 *   Fastify's inject): the guard has authenticated the caller and meters the call there.
 * Both answer exactly as the Fastify routes did: same problem+json, statuses, headers, log rows.
 */

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

/** Header names listed in Connection (hop-by-hop by declaration); null when it lists none. */
function connectionTokens(value: string | string[] | undefined): Set<string> | null {
  if (!value || (typeof value === 'string' && PLAIN_CONNECTION.test(value))) return null;
  const tokens = [value].flat().flatMap((v) => v.split(',')).map((t) => t.trim().toLowerCase()).filter(Boolean);
  return tokens.length > 0 ? new Set(tokens) : null;
}

/** Bodies kept in the message log (when the service enables it) are cut at this many bytes. */
export const LOGGED_BODY_BYTES = 4096;

const bodyText = (chunks: Buffer[] | null): string | null => (chunks && chunks.length > 0 ? Buffer.concat(chunks).toString('utf8').replace(/\u0000/g, '') : null);

const FORWARDED_METHODS: ReadonlySet<string> = new Set(METHODS);
/** `/gw/<app>/<service>` with both names well-formed: the URLs `take` answers itself. */
const GATEWAY_PATH = /^\/gw\/[A-Za-z0-9][A-Za-z0-9-]{1,62}\/[A-Za-z0-9][A-Za-z0-9-]{1,62}(?:\/|$)/;
const ROUTE = '/gw/:app/:service';
const ROUTE_REST = '/gw/:app/:service/*';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const NO_PARAMS: Record<string, string | number> = {};
const BEARER_CHALLENGE = { 'www-authenticate': 'Bearer' };
const INVALID_TOKEN = { 'www-authenticate': 'Bearer error="invalid_token"' };
// What Fastify's content-type parser accepts as a media type (else 415, before the route's handler).
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+$/;
const MEDIA_SUBTYPE = /^[\w!#$%&'*+.^`|~-]+\s*$/;

function validMediaType(value: string): boolean {
  if (value === '' || value === 'undefined') return false;
  const semicolon = value.indexOf(';');
  const media = semicolon === -1 ? value : value.slice(0, semicolon);
  const slash = media.indexOf('/');
  return slash !== -1 && MEDIA_TYPE.test(media.slice(0, slash).trimStart()) && MEDIA_SUBTYPE.test(media.slice(slash + 1).trimEnd());
}

/** What Fastify parses into a body: none for GET and HEAD, nor without a type, length or encoding. */
function carriesBody(method: string, req: IncomingMessage): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  const headers = req.headers;
  if (headers['content-type'] !== undefined) return true;
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Fastify's getLastEntryInMultiHeaderValue: the last of a comma list, trimmed. */
const lastEntry = (value: string): string => {
  const comma = value.lastIndexOf(',');
  return comma === -1 ? value.trim() : value.slice(comma + 1).trim();
};

/** The first address of X-Forwarded-For, as proxy-addr finds it when every proxy is trusted. */
function firstForwarded(header: string): string | null {
  for (const part of header.split(',')) {
    const address = part.trim();
    if (address !== '') return address;
  }
  return null;
}

export interface GatewayOptions {
  kernel: Kernel;
  cache: TargetCache;
  log: GatewayLog;
  logger: FastifyBaseLogger;
  raw: RawRoutes;
}

/** What the gateway keeps across calls: services, backend pools, the message log, headers. */
export class Gateway {
  readonly kernel: Kernel;
  readonly cache: TargetCache;
  readonly log: GatewayLog;
  readonly logger: FastifyBaseLogger;
  readonly raw: RawRoutes;
  readonly trustProxy: boolean;
  /** Padu's security headers as name, value, name, value…, first on every answer. */
  readonly securityHeaders: readonly string[];
  private readonly pools = new Map<string, Pool>();

  constructor(options: GatewayOptions) {
    this.kernel = options.kernel;
    this.cache = options.cache;
    this.log = options.log;
    this.logger = options.logger;
    this.raw = options.raw;
    this.trustProxy = options.kernel.config.trustProxy;
    this.securityHeaders = Object.entries(options.raw.securityHeaders).flat();
  }

  pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: 256, pipelining: 1, keepAliveTimeout: 10_000, connect: { timeout: 10_000 } });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.destroy().catch(() => {})));
    this.pools.clear();
  }

  /** Info-level request logging as Fastify does it ("incoming request", "request completed"). */
  logsRequests(): boolean {
    return (this.logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? false;
  }

  /**
   * Answers a /gw/ request before Fastify, when Fastify would route it to the gateway and answer
   * it the same way: a forwarded method, both names well-formed, a path Fastify can decode.
   * Anything else (and everything while closing) is left to Fastify.
   */
  take(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method ?? '';
    if (!FORWARDED_METHODS.has(method)) return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const pathPart = q < 0 ? url : url.slice(0, q);
    if (!GATEWAY_PATH.test(pathPart) || pathPart.includes('#')) return false;
    if (pathPart.includes('%')) {
      try {
        decodeURI(pathPart);
      } catch {
        return false; // Fastify answers a path it cannot decode with its own 400
      }
    }
    try {
      new Call(this, req, res, method, url, q, requestIdOf(req), true).start();
    } catch (error) {
      // A bug here must not take the server down (this runs in the server's request listener).
      this.logger.error({ err: error }, 'gateway call failed');
      res.destroy();
    }
    return true;
  }

  /** The Fastify routes' handler (reply hijacked): the guard has authenticated the caller. */
  serve(req: IncomingMessage, res: ServerResponse, caller: AppPrincipal, requestId: string): void {
    const url = req.url ?? '';
    const call = new Call(this, req, res, req.method ?? '', url, url.indexOf('?'), requestId, false);
    call.principal = caller;
    try {
      call.run(caller);
    } catch (error) {
      call.crashed(error);
    }
  }
}

const kCall = Symbol('padu.gatewayCall');
type Response = ServerResponse & { [kCall]?: Call };

function onResponseClose(this: Response): void {
  const call = this[kCall];
  this[kCall] = undefined;
  call?.closed();
}

function onResponseDrain(this: Response): void {
  this[kCall]?.drained();
}

/**
 * Cuts an answer whose head is out. Node holds this tick's writes back (corked) until the next
 * one: what already passed goes out first, as when the body was piped, then the connection ends.
 */
function cutOff(res: ServerResponse): void {
  process.nextTick(destroy, res);
}
const destroy = (res: ServerResponse) => res.destroy();

/**
 * One call through the gateway. It is also undici's dispatch handler for the call to the backend
 * (onConnect … onComplete / onError), and the AppRequest the authenticator leaves the app on.
 */
class Call implements Dispatcher.DispatchHandlers, AppRequest {
  principal: Principal | null = null;
  private readonly started = performance.now();
  private readonly pathPart: string;
  private readonly query: string;
  private readonly appKode: string;
  private readonly serviceKode: string;
  private readonly rest: string;
  /** The route Fastify would have matched, as the meter names it. */
  private readonly route: string;
  private target: Target | null = null;
  /** A message-log row is written when the response closes (once the service is known). */
  private logged = false;
  private loggedPath = '';
  private galat: ErrorCode | null = null;
  private requestBytes = 0;
  private responseBytes = 0;
  /** Status to log when the response was cut short after its headers went out. */
  private statusOverride: number | null = null;
  private requestBody: Buffer[] | null = null;
  private responseBody: Buffer[] | null = null;
  private requestTooLarge = false;
  private clientGone = false;
  /** The backend call is over as far as the caller is concerned (answered, cut or refused). */
  private settled = false;
  /** Count (and limit) the response body as it streams: its size was not declared, or it is logged. */
  private countResponse = true;
  private paused = false;
  private drainHooked = false;
  private abortUpstream: ((error?: Error) => void) | null = null;
  private resumeUpstream: (() => void) | null = null;

  constructor(
    private readonly gateway: Gateway,
    private readonly req: IncomingMessage,
    private readonly res: Response,
    private readonly method: string,
    private readonly url: string,
    q: number,
    private readonly id: string,
    /** Answered before Fastify: this call meters and logs itself. */
    private readonly fast: boolean,
  ) {
    const path = q < 0 ? url : url.slice(0, q);
    this.pathPart = path;
    this.query = q < 0 ? '' : url.slice(q);
    // /gw/<app>/<service><rest>: the segments after the 2nd and 3rd slash, the rest from the 4th.
    if (path.startsWith('/gw/')) {
      const appEnd = path.indexOf('/', 4);
      const serviceEnd = appEnd < 0 ? -1 : path.indexOf('/', appEnd + 1);
      this.appKode = (appEnd < 0 ? path.slice(4) : path.slice(4, appEnd)).toLowerCase();
      this.serviceKode = appEnd < 0 ? '' : (serviceEnd < 0 ? path.slice(appEnd + 1) : path.slice(appEnd + 1, serviceEnd)).toLowerCase();
      this.rest = serviceEnd < 0 ? '/' : path.slice(serviceEnd);
    } else {
      const segments = path.split('/');
      this.appKode = (segments[2] ?? '').toLowerCase();
      this.serviceKode = (segments[3] ?? '').toLowerCase();
      this.rest = `/${segments.slice(4).join('/')}`;
    }
    // Fastify matched /gw/:app/:service for an empty rest (trailing slash ignored), else the wildcard.
    this.route = this.rest.length > 1 ? ROUTE_REST : ROUTE;
    res[kCall] = this;
    res.on('close', onResponseClose);
    if (fast && gateway.logsRequests()) gateway.logger.info({ reqId: id, req: this.forLog() }, 'incoming request');
  }

  /** What Fastify's request serializer reads of a request. */
  private forLog() {
    return { method: this.method, url: this.url, headers: this.req.headers, host: this.host(), ip: this.ip(), socket: this.req.socket };
  }

  private ip(): string | undefined {
    const socket = this.req.socket;
    if (this.gateway.trustProxy) {
      const forwarded = this.req.headers['x-forwarded-for'];
      const first = typeof forwarded === 'string' ? firstForwarded(forwarded) : null;
      if (first !== null) return first;
    }
    return socket.remoteAddress;
  }

  private host(): string {
    const forwarded = this.req.headers['x-forwarded-host'];
    if (this.gateway.trustProxy && typeof forwarded === 'string' && forwarded) return lastEntry(forwarded);
    return this.req.headers.host ?? '';
  }

  private protocol(): string {
    const forwarded = this.req.headers['x-forwarded-proto'];
    if (this.gateway.trustProxy && typeof forwarded === 'string' && forwarded) return lastEntry(forwarded);
    return (this.req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  }

  // ------------------------------------------------------------------ before the backend

  start(): void {
    try {
      this.authenticate();
    } catch (error) {
      this.crashed(error);
    }
  }

  /** Last resort: an error escaped the call's own handling (a 500 while nothing is sent yet). */
  crashed(error: unknown): void {
    try {
      if (!this.res.headersSent && !this.res.destroyed) return this.thrown(error);
    } catch {
      // answering failed as well: cut the connection below
    }
    this.gateway.logger.error({ reqId: this.id, err: error }, 'gateway call failed');
    this.res.destroy();
  }

  /**
   * What the guard does for an app call, then the call itself. Everything it needs is usually
   * cached (token, client state, service): then nothing here waits, not even for a microtask.
   */
  private authenticate(): void {
    const auth = this.gateway.kernel.appAuth;
    const bearer = bearerOf(this.req.headers.authorization);
    if (bearer === null) return this.answer('auth.invalid_token', NO_PARAMS, BEARER_CHALLENGE);
    if (!auth || bearer === '') return this.answer('auth.invalid_token', NO_PARAMS, INVALID_TOKEN);
    let found: AppPrincipal | Promise<AppPrincipal>;
    try {
      found = auth.authenticate(bearer, this);
    } catch (error) {
      return this.thrown(error);
    }
    if (found instanceof Promise) {
      found.then((caller) => this.authenticated(caller), (error: unknown) => this.thrown(error)).catch((error: unknown) => this.crashed(error));
    } else {
      this.authenticated(found);
    }
  }

  private authenticated(caller: AppPrincipal): void {
    this.principal = caller;
    const type = this.req.headers['content-type'];
    if (type !== undefined && this.method !== 'GET' && this.method !== 'HEAD' && !validMediaType(type)) {
      if (this.gateway.logsRequests()) {
        this.gateway.logger.info({ reqId: this.id, code: 'request.unsupported_media_type', reason: 'Unsupported Media Type' }, 'request rejected');
      }
      return this.answer('request.unsupported_media_type', NO_PARAMS);
    }
    return this.run(caller);
  }

  /** The route's own work: the service, the grant, then the backend. */
  run(caller: AppPrincipal): void {
    const target = this.gateway.cache.get(this.appKode, this.serviceKode);
    if (target instanceof Promise) {
      target.then((found) => this.found(caller, found), (error: unknown) => this.thrown(error)).catch((error: unknown) => this.crashed(error));
    } else {
      this.found(caller, target);
    }
  }

  private found(caller: AppPrincipal, target: Target | null): void {
    if (!target) return this.answer('integrasi.gw_tidak_dikenal', { app: this.appKode, service: this.serviceKode });
    this.forward(caller, target);
  }

  private forward(caller: AppPrincipal, target: Target): void {
    const { method, rest, req } = this;
    this.target = target;
    this.logged = true;
    this.loggedPath = target.logIsi ? rest + this.query : rest;
    if (target.logIsi) {
      this.requestBody = [];
      this.responseBody = [];
    }
    if (badPath(rest)) return this.refuse('integrasi.gw_path_tidak_sah', NO_PARAMS);
    const rules = target.grants.get(caller.appId);
    if (!rules || !allows(rules, method, rest)) {
      return this.refuse('integrasi.gw_tidak_diizinkan', { caller: caller.appCode, method, path: rest.slice(0, 200), service: target.nama });
    }
    if (!target.aktif) return this.refuse('integrasi.gw_dijeda', { service: target.nama });
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > target.maksRequestBytes) {
      return this.refuse('integrasi.gw_permintaan_terlalu_besar', { limit: target.maksRequestBytes });
    }
    if (this.clientGone) return;

    // Headers: the caller's own, less hop-by-hop ones, its credentials and anything naming Padu's.
    const incoming = req.headers;
    const hopByHop = connectionTokens(incoming.connection);
    const withBody = carriesBody(method, req);
    const headers: string[] = [];
    for (const name in incoming) {
      const value = incoming[name];
      if (value === undefined || DROP_REQUEST.has(name) || (hopByHop !== null && hopByHop.has(name))) continue;
      if (!withBody && name === 'content-length') continue;
      if (typeof value === 'string') headers.push(name, value);
      else for (const one of value) headers.push(name, one);
    }
    const ip = this.ip();
    headers.push('x-padu-client', caller.appCode, 'x-padu-request-id', this.id);
    if (ip !== undefined) headers.push('x-forwarded-for', ip);
    headers.push('x-forwarded-proto', this.protocol(), 'x-forwarded-host', this.host());

    let body: Transform | null = null;
    if (withBody) {
      const limiter = new BodyMeter(this, target.maksRequestBytes, this.requestBody);
      req.on('error', (error) => limiter.destroy(error));
      // undici reports a failed upload through onError; this only keeps it from being uncaught.
      limiter.on('error', () => {});
      body = req.pipe(limiter);
    }
    // The service's timeout bounds the wait for the backend's headers and, after them, the gap
    // between two chunks of its body (undici's own timers). A caller that hangs up aborts the call.
    this.gateway.pool(target.origin).dispatch(
      {
        path: target.basePath + rest + this.query,
        method: method as Dispatcher.HttpMethod,
        headers,
        body,
        headersTimeout: target.timeoutMs,
        bodyTimeout: target.timeoutMs,
      },
      this,
    );
  }

  countRequest(bytes: number): void {
    this.requestBytes += bytes;
  }

  requestOverLimit(): void {
    this.requestTooLarge = true;
  }

  // ------------------------------------------------------------------ undici's handler

  onConnect(abort: (error?: Error) => void): void {
    this.abortUpstream = abort;
    if (this.clientGone) abort();
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (statusCode < 200) return true; // 1xx: interim, not passed on
    if (this.settled) return false;
    const target = this.target!;
    this.resumeUpstream = resume;
    const head: string[] = this.gateway.securityHeaders.slice();
    const start = head.length;
    let length: string | undefined;
    let connection: string | undefined;
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = undiciUtil.headerNameToString(rawHeaders[i]!);
      const value = rawHeaders[i + 1]!.toString('latin1');
      if (name === 'content-length') length ??= value;
      else if (name === 'connection') connection = value;
      if (DROP_RESPONSE.has(name)) continue;
      head.push(name, value);
    }
    const named = connectionTokens(connection);
    if (named !== null) {
      for (let i = head.length - 2; i >= start; i -= 2) if (named.has(head[i]!)) head.splice(i, 2);
    }
    if (length !== undefined && Number(length) > target.maksResponseBytes) {
      this.settled = true;
      this.abortUpstream?.();
      this.refuse('integrasi.gw_respons_terlalu_besar', { limit: target.maksResponseBytes });
      return false;
    }
    if (statusCode > 599) {
      // Padu answered an impossible status with an internal error before; so it still does.
      this.settled = true;
      this.abortUpstream?.();
      this.thrown(new RangeError(`invalid status code from the backend: ${statusCode}`));
      return false;
    }
    head.push('x-request-id', this.id);
    if (this.gateway.raw.closing()) head.push('connection', 'close');
    const res = this.res;
    if (res.destroyed) {
      this.settled = true;
      this.abortUpstream?.();
      return false;
    }
    res.writeHead(statusCode, head);
    if (this.method === 'HEAD' || statusCode === 204 || statusCode === 304) {
      this.settled = true;
      res.end();
      return true;
    }
    if (length !== undefined && this.responseBody === null) {
      // Size known and within the limit: the body passes through as it is.
      this.responseBytes = Number(length);
      this.countResponse = false;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return false;
    if (this.countResponse) {
      this.responseBytes += chunk.length;
      if (this.responseBytes > this.target!.maksResponseBytes) {
        // The status is already out: the answer is cut.
        this.galat = 'integrasi.gw_respons_terlalu_besar';
        this.statusOverride = 502;
        this.cut(new Error('size limit exceeded'));
        return false;
      }
      const keep = this.responseBody;
      if (keep !== null) {
        const kept = this.responseBytes - chunk.length;
        if (kept < LOGGED_BODY_BYTES) keep.push(Buffer.from(chunk.subarray(0, LOGGED_BODY_BYTES - kept)));
      }
    }
    if (this.res.write(chunk)) return true;
    this.paused = true;
    if (!this.drainHooked) {
      this.drainHooked = true;
      this.res.on('drain', onResponseDrain);
    }
    return false;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    this.res.end();
  }

  onError(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    const target = this.target!;
    const code = (error as { code?: string }).code ?? '';
    if (!this.res.headersSent) {
      if (this.requestTooLarge) return this.refuse('integrasi.gw_permintaan_terlalu_besar', { limit: target.maksRequestBytes });
      if (this.clientGone) {
        // The caller hung up first: nothing to answer; logged as 499 (client closed request).
        this.statusOverride = 499;
        return;
      }
      if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
        return this.refuse('integrasi.gw_waktu_habis', { service: target.nama, ms: target.timeoutMs });
      }
      this.gateway.logger.info({ reqId: this.id, code, reason: error.message, service: target.id }, 'gateway backend failed');
      return this.refuse('integrasi.gw_backend_gagal', { service: target.nama });
    }
    if (code === 'UND_ERR_BODY_TIMEOUT' && !this.galat) {
      this.galat = 'integrasi.gw_waktu_habis';
      this.statusOverride = 504;
    }
    if (!this.clientGone) this.streamFailed(error);
    cutOff(this.res);
  }

  drained(): void {
    if (!this.paused) return;
    this.paused = false;
    this.resumeUpstream?.();
  }

  /** Ends an answer whose head is out: the backend call is dropped, the connection cut. */
  private cut(error: Error): void {
    this.settled = true;
    this.abortUpstream?.(error);
    this.streamFailed(error);
    cutOff(this.res);
  }

  private streamFailed(error: Error): void {
    this.gateway.logger.warn({ reqId: this.id, res: { statusCode: this.res.statusCode }, err: error }, 'response terminated with an error with headers already sent');
  }

  // ------------------------------------------------------------------ answers

  /** A refusal of the gateway's own (bad path, no grant, paused, limits, backend down): it is logged with its code. */
  private refuse(code: ErrorCode, params: Record<string, string | number>): void {
    this.galat = code;
    this.answer(code, params);
  }

  /** Any other failure, as Padu's error handler answers it. */
  private thrown(error: unknown): void {
    if (error instanceof AppError) {
      if (error.status >= 500) this.gateway.logger.error({ reqId: this.id, err: error }, 'request failed');
      return this.answer(error.code, error.params, error.headers);
    }
    this.gateway.logger.error({ reqId: this.id, err: error }, 'unexpected error');
    this.answer('internal', { requestId: this.id });
  }

  /** problem+json in the caller's language, exactly as sendProblem() renders it. */
  private answer(code: ErrorCode, params: Record<string, string | number>, extra?: Record<string, string>): void {
    const res = this.res;
    if (res.headersSent || res.destroyed) {
      if (!res.destroyed) res.destroy();
      return;
    }
    const locale = pickLocale(this.req.headers['accept-language']);
    const entry = errorCatalog[code];
    const body = JSON.stringify({
      type: `/problems/${code}`,
      title: entry.title[locale],
      status: entry.status,
      detail: format(entry.detail[locale], params),
      code,
      instance: this.pathPart,
      requestId: this.id,
    });
    const head = this.gateway.securityHeaders.slice();
    if (extra) for (const name in extra) head.push(name, extra[name]!);
    head.push('content-type', PROBLEM_TYPE, 'x-request-id', this.id, 'content-length', String(Buffer.byteLength(body)));
    if (this.gateway.raw.closing()) head.push('connection', 'close');
    res.writeHead(entry.status, head);
    res.end(body);
  }

  // ------------------------------------------------------------------ after the answer

  /** The response is done or cut off ('close' comes either way): log, meter, stop the backend call. */
  closed(): void {
    const res = this.res;
    const finished = res.writableFinished;
    const elapsed = performance.now() - this.started;
    const target = this.target;
    if (this.logged && target !== null) {
      const caller = this.principal as AppPrincipal;
      this.gateway.log.add({
        at: new Date(),
        requestId: this.id,
        layananId: target.id,
        klienId: caller.appId,
        penyediaId: target.aplikasiId,
        metode: this.method,
        path: this.loggedPath.slice(0, 2000),
        status: this.statusOverride ?? (finished || res.headersSent ? res.statusCode : 499),
        durasiMs: elapsed,
        ukuranRequest: this.requestBytes,
        ukuranResponse: this.responseBytes,
        galat: this.galat,
        isiRequest: bodyText(this.requestBody),
        isiResponse: bodyText(this.responseBody),
      });
    }
    if (!finished) {
      this.clientGone = true;
      if (!this.settled) this.abortUpstream?.();
    }
    if (!this.fast || !finished) return;
    // What the guard's onResponse hook and Fastify's request log do for a finished answer.
    const principal = this.principal;
    if (principal?.kind === 'app') this.gateway.kernel.appAuth?.recordUse(principal, this.method, this.route, '', res.statusCode, elapsed);
    if (this.gateway.logsRequests()) {
      this.gateway.logger.info({ reqId: this.id, res: { statusCode: res.statusCode }, responseTime: elapsed }, 'request completed');
    }
  }
}

/** Counts the request body's bytes, cuts it past `limit`, keeps its first bytes when asked to. */
class BodyMeter extends Transform {
  private total = 0;
  private kept = 0;

  constructor(
    private readonly call: Call,
    private readonly limit: number,
    private readonly keep: Buffer[] | null,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    this.call.countRequest(chunk.length);
    if (this.total > this.limit) {
      this.call.requestOverLimit();
      callback(new Error('size limit exceeded'));
      return;
    }
    if (this.keep && this.kept < LOGGED_BODY_BYTES) {
      const part = chunk.subarray(0, LOGGED_BODY_BYTES - this.kept);
      this.keep.push(Buffer.from(part));
      this.kept += part.length;
    }
    callback(null, chunk);
  }
}
