import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { actorOf, principalOf } from '../../core/auth/principal.js';
import { appScopes, APP_SCOPES } from '../../core/authz/app-scopes.js';
import { AppError } from '../../core/http/errors.js';
import { localeOf, renderProblem } from '../../core/http/problem.js';
import { Text, problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { createKlien, listKlien, readIzin, revokeKlien, rotateSecret, setIzin } from './klien.js';
import { readPemakaian } from './pemakaian.js';
import type { TokenService } from './token.js';

const tags = ['integrasi'];

const TokenBody = Type.Object(
  {
    grant_type: Type.Optional(Type.String({ maxLength: 100 })),
    client_id: Type.Optional(Type.String({ maxLength: 200 })),
    client_secret: Type.Optional(Type.String({ maxLength: 200 })),
    scope: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: true },
);
const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});

/** Padu's problem fields plus RFC 6749's `error` and `error_description`. */
const OAuthProblem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  instance: Type.String(),
  requestId: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), rule: Type.String(), message: Type.String() }))),
  error: Type.Optional(Type.String({ description: 'invalid_request, invalid_client, unsupported_grant_type or invalid_scope' })),
  error_description: Type.Optional(Type.String()),
});

const RefParams = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 64 }) });
const ClientParams = Type.Object({ clientId: Type.String({ minLength: 1, maxLength: 120 }) });
const Rahasia = Type.Object({ id: Type.String(), petunjuk: Type.String(), createdAt: Type.String({ format: 'date-time' }), expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) });
const KlienSchema = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  nama: Type.String(),
  status: Type.Union([Type.Literal('aktif'), Type.Literal('dicabut')]),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastTokenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  rahasia: Type.Array(Rahasia),
});
const IzinSchema = Type.Object(
  {
    scope: Type.String({ maxLength: 60 }),
    scopeType: Type.Union([Type.Literal('city'), Type.Literal('opd'), Type.Literal('kelurahan')]),
    scopeCode: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const IzinList = Type.Object({ items: Type.Array(IzinSchema, { maxItems: 100 }) }, { additionalProperties: false });
const PemakaianQuery = Type.Object({ hari: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 7 })) });
const PemakaianSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      metode: Type.String(),
      rute: Type.String(),
      scope: Type.String(),
      jumlah: Type.Integer(),
      gagal: Type.Integer(),
      ditolak: Type.Integer(),
      rataMs: Type.Number(),
      terakhir: Type.String({ format: 'date-time' }),
    }),
  ),
  total: Type.Object({ jumlah: Type.Integer(), gagal: Type.Integer(), ditolak: Type.Integer() }),
});

/** client_secret_basic: `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1). */
function basicCredentials(request: FastifyRequest): { id: string; secret: string } | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !/^Basic\s+/i.test(header)) return null;
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/** OAuth clients expect `error` and `error_description` (RFC 6749 §5.2); Padu's problem fields come along. */
function sendOAuthError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const problem = renderProblem(request, error);
  if (error.code === 'oauth.invalid_client') reply.header('www-authenticate', 'Basic realm="padu"');
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .type('application/problem+json; charset=utf-8')
    .send({ ...problem, error: error.code.replace(/^oauth\./, ''), error_description: problem.detail });
}

export function kredensialRoutes(tokens: TokenService) {
  return async function routes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
    // RFC 6749 token requests are form-encoded; the parser lives only in this plugin's scope.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const forget = (clientId: string | null, aplikasiId: string) => tokens.forget(clientId, aplikasiId);

    app.post<{ Body: Static<typeof TokenBody> }>(
      '/api/v1/oauth/token',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Get an access token for an app (OAuth 2.0 client credentials)',
          description:
            'Form-encoded (RFC 6749) or JSON. Client authentication by HTTP Basic (`client_secret_basic`) or `client_id` + `client_secret` in the body. `scope` (space-separated) narrows the token to some of the app\'s granted scopes; without it the token carries all of them. The token is an ES256-signed JWT (keys at `/.well-known/jwks.json`), valid `expires_in` seconds. Errors carry `error` (RFC 6749) besides the problem fields.',
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: TokenBody,
          response: { 200: TokenResponse, 400: OAuthProblem, 401: OAuthProblem },
        },
      },
      async (request, reply) => {
        const started = performance.now();
        try {
          const body = request.body ?? {};
          if (body.grant_type !== 'client_credentials') {
            throw new AppError(body.grant_type ? 'oauth.unsupported_grant_type' : 'oauth.invalid_request');
          }
          const basic = basicCredentials(request);
          const clientId = basic?.id ?? body.client_id;
          const secret = basic?.secret ?? body.client_secret;
          if (!clientId || !secret) throw new AppError(basic === null && request.headers.authorization ? 'oauth.invalid_client' : 'oauth.invalid_request');
          const issued = await tokens.issue(clientId, secret, body.scope);
          tokens.meterTokenIssue(issued.aplikasiId, performance.now() - started);
          return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(issued.token);
        } catch (error) {
          if (error instanceof AppError) return sendOAuthError(request, reply, error);
          throw error;
        }
      },
    );

    app.get(
      '/.well-known/jwks.json',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'Public keys that verify app access tokens (JWK Set)' },
      },
      async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(tokens.keys.jwks()),
    );

    app.get(
      '/api/v1/integrasi/scopes',
      { config: { access: 'signed-in' }, schema: { tags, summary: 'Scopes an app can be granted' } },
      async (request) => {
        const locale = localeOf(request);
        return { items: APP_SCOPES.map((scope) => ({ scope, label: appScopes[scope].label[locale] })) };
      },
    );

    app.get<{ Params: Static<typeof RefParams> }>(
      '/api/v1/integrasi/aplikasi/:ref/klien',
      {
        config: { access: 'integrasi.manage' },
        schema: { tags, summary: "An app's OAuth clients and their secrets' hints", params: RefParams, response: { 200: Type.Object({ items: Type.Array(KlienSchema) }), ...problems(401, 403, 404) } },
      },
      async (request) => ({ items: await listKlien(kernel, principalOf(request).access, request.params.ref) }),
    );

    app.post<{ Params: Static<typeof RefParams>; Body: { nama: string } }>(
      '/api/v1/integrasi/aplikasi/:ref/klien',
      {
        config: { access: 'integrasi.manage' },
        schema: {
          tags,
          summary: 'Create an OAuth client for an app; the secret is shown only in this answer',
          params: RefParams,
          body: Type.Object({ nama: Text(1, 100) }, { additionalProperties: false }),
          response: { 201: Type.Intersect([KlienSchema, Type.Object({ clientSecret: Type.String() })]), ...problems(400, 401, 403, 404) },
        },
      },
      async (request, reply) => reply.code(201).send(await createKlien(kernel, actorOf(request), principalOf(request).access, request.params.ref, request.body.nama)),
    );

    app.post<{ Params: Static<typeof ClientParams>; Body: { masaTumpangJam?: number } }>(
      '/api/v1/integrasi/klien/:clientId/rotasi',
      {
        config: { access: 'integrasi.manage' },
        schema: {
          tags,
          summary: 'Rotate a client secret; the old ones keep working for the overlap (hours, default 24; 0 ends them now)',
          params: ClientParams,
          body: Type.Object({ masaTumpangJam: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 * 30 })) }, { additionalProperties: false }),
          response: { 200: Type.Object({ clientSecret: Type.String(), rahasiaLamaBerakhir: Type.String({ format: 'date-time' }) }), ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => rotateSecret(kernel, actorOf(request), principalOf(request).access, request.params.clientId, request.body?.masaTumpangJam ?? 24, forget),
    );

    app.post<{ Params: Static<typeof ClientParams>; Body: { alasan: string } }>(
      '/api/v1/integrasi/klien/:clientId/cabut',
      {
        config: { access: 'integrasi.manage' },
        schema: {
          tags,
          summary: 'Revoke a client: no new tokens, and its tokens stop working at once',
          params: ClientParams,
          body: Type.Object({ alasan: Text(3, 500) }, { additionalProperties: false }),
          response: { 200: KlienSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => revokeKlien(kernel, actorOf(request), principalOf(request).access, request.params.clientId, request.body.alasan, forget),
    );

    app.get<{ Params: Static<typeof RefParams> }>(
      '/api/v1/integrasi/aplikasi/:ref/izin',
      {
        config: { access: 'integrasi.read' },
        schema: { tags, summary: "An app's granted scopes and where they hold", params: RefParams, response: { 200: IzinList, ...problems(401, 403, 404) } },
      },
      async (request) => ({ items: await readIzin(kernel, request.params.ref) }),
    );

    app.put<{ Params: Static<typeof RefParams>; Body: Static<typeof IzinList> }>(
      '/api/v1/integrasi/aplikasi/:ref/izin',
      {
        config: { access: 'integrasi.izin' },
        schema: {
          tags,
          summary: "Replace an app's granted scopes",
          description: 'Each item: a scope (`GET /api/v1/integrasi/scopes`) and where it holds: the whole city, one OPD or one kelurahan. Takes effect at once for tokens already issued.',
          params: RefParams,
          body: IzinList,
          response: { 200: IzinList, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => ({
        items: await setIzin(kernel, actorOf(request), request.params.ref, request.body.items.map((i) => ({ ...i, scopeCode: i.scopeCode ?? null })), forget),
      }),
    );

    app.get<{ Params: Static<typeof RefParams>; Querystring: Static<typeof PemakaianQuery> }>(
      '/api/v1/integrasi/aplikasi/:ref/pemakaian',
      {
        config: { access: 'integrasi.read' },
        schema: {
          tags,
          summary: "An app's metered use per endpoint over the last days",
          description: 'Counts, failures (4xx/5xx other than refusals), refusals (401/403/429) and mean time per endpoint.',
          params: RefParams,
          querystring: PemakaianQuery,
          response: { 200: PemakaianSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => {
        await tokens.meter.flush();
        return readPemakaian(kernel, request.params.ref, request.query.hari ?? 7);
      },
    );
  };
}
