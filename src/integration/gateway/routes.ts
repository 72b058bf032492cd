import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { actorOf, userOf } from '../../core/auth/principal.js';
import { problems, Text, Uuid } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { etagFor } from '../../registry/kernel/etag.js';
import { IfMatchHeaders } from '../../registry/kernel/http-schemas.js';
import { AppError } from '../../core/http/errors.js';
import { canManage } from '../katalog/aplikasi.js';
import {
  canSeeLayanan, createLayanan, grantIzin, listIzin, listLayanan, readableOpds, openapiOf, requireLayanan, revokeIzin, riwayatLayanan, setOpenapi, STATUS_LAYANAN,
  updateIzin, updateLayanan, type Layanan, type LayananInput,
} from './layanan.js';
import { metrikLayanan, pemanggilLayanan, searchLog } from './log.js';
import { gatewayProxy } from './proxy.js';

const tags = ['integrasi'];
const Kode = Type.String({ minLength: 2, maxLength: 63, pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'Slug used in /gw/<app>/<service>/' });
const Bytes = Type.Integer({ minimum: 0, maximum: 1024 * 1024 * 1024 });
const Timeout = Type.Integer({ minimum: 100, maximum: 300_000, description: 'Milliseconds until the backend must answer' });
const BaseUrl = Type.String({ minLength: 8, maxLength: 2000, description: 'http(s) URL of the API; the path after /gw/<app>/<service> is appended' });
const Aturan = Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
  maxItems: 100,
  description: "Rules 'METHODS PATTERN', e.g. 'GET /pegawai/*', 'GET,POST /cuti', '* /publik/*'; `*` matches anything, `/` included. Empty: the whole service.",
});
const OpenapiDoc = Type.Object({}, { additionalProperties: true, description: 'OpenAPI 3.x document (JSON): an object with `openapi` and `paths`' });

const LayananCreate = Type.Object(
  {
    aplikasi: Type.String({ minLength: 1, maxLength: 100, description: 'Provider app id or kode' }),
    kode: Kode,
    nama: Text(1, 200),
    deskripsi: Type.Optional(Type.Union([Text(0, 2000), Type.Null()])),
    baseUrl: BaseUrl,
    timeoutMs: Type.Optional(Timeout),
    maksRequestBytes: Type.Optional(Bytes),
    maksResponseBytes: Type.Optional(Bytes),
    logIsi: Type.Optional(Type.Boolean({ description: 'Keep the first 4 KiB of bodies in the message log (off by default)' })),
    status: Type.Optional(Type.Enum([...STATUS_LAYANAN])),
    openapi: Type.Optional(OpenapiDoc),
  },
  { additionalProperties: false },
);
const LayananPatch = Type.Object(
  {
    nama: Type.Optional(Text(1, 200)),
    deskripsi: Type.Optional(Type.Union([Text(0, 2000), Type.Null()])),
    baseUrl: Type.Optional(BaseUrl),
    timeoutMs: Type.Optional(Timeout),
    maksRequestBytes: Type.Optional(Bytes),
    maksResponseBytes: Type.Optional(Bytes),
    logIsi: Type.Optional(Type.Boolean()),
    status: Type.Optional(Type.Enum([...STATUS_LAYANAN])),
  },
  { additionalProperties: false, minProperties: 1 },
);
const IzinCreate = Type.Object(
  { klien: Type.String({ minLength: 1, maxLength: 100, description: 'Caller app id or kode' }), aturan: Type.Optional(Aturan), catatan: Type.Optional(Type.Union([Text(0, 500), Type.Null()])) },
  { additionalProperties: false },
);
const IzinPatch = Type.Object({ aturan: Type.Optional(Aturan), catatan: Type.Optional(Type.Union([Text(0, 500), Type.Null()])) }, { additionalProperties: false, minProperties: 1 });

const IdParams = Type.Object({ id: Uuid });
const IzinParams = Type.Object({ id: Uuid, izinId: Uuid });
const Hari = Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 7, description: 'Period of the metrics in days' }));
const ListQuery = Type.Object(
  {
    aplikasi: Type.Optional(Type.String({ maxLength: 100 })),
    q: Type.Optional(Text(0, 100)),
    status: Type.Optional(Type.Enum([...STATUS_LAYANAN])),
    hari: Hari,
  },
  { additionalProperties: false },
);
const DetailQuery = Type.Object({ hari: Hari }, { additionalProperties: false });
const LogQuery = Type.Object(
  {
    layanan: Type.Optional(Uuid),
    klien: Type.Optional(Type.String({ maxLength: 100, description: 'Caller app id or kode' })),
    penyedia: Type.Optional(Type.String({ maxLength: 100, description: 'Provider app id or kode' })),
    status: Type.Optional(Type.String({ pattern: '^([1-5]xx|[1-5]\\d\\d|gagal)$', description: '200, 4xx, 5xx or gagal (5xx or answered by the gateway)' })),
    dari: Type.Optional(Type.String({ format: 'date-time' })),
    sampai: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(Type.String({ maxLength: 20 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

type ListQ = Static<typeof ListQuery>;
type LogQ = Static<typeof LogQuery>;

/**
 * The gateway's management API. Readers (integrasi.read; an OPD operator within its OPD) see the
 * services, their grants, metrics and the message log; managers (integrasi.manage, OPD-scoped)
 * register and change the services of the apps they manage. Plus the /gw proxy itself.
 */
export async function gatewayRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  await app.register(gatewayProxy, { kernel });

  const withMetrik = async (items: Layanan[], hari: number) => {
    const metrik = await metrikLayanan(kernel.db, items.map((l) => l.id), hari);
    return items.map((l) => ({ ...l, metrik: metrik.get(l.id)! }));
  };

  /** City-wide readers see every service; OPD-scoped ones those their OPD's apps provide. */
  const opdsOf = (request: FastifyRequest) => readableOpds(userOf(request).access);
  const visible = async (request: FastifyRequest, id: string) => {
    const layanan = await requireLayanan(kernel.db, id);
    if (!canSeeLayanan(userOf(request).access, layanan)) throw new AppError('integrasi.aplikasi_bukan_wewenang', { kode: layanan.aplikasi.kode });
    return layanan;
  };
  const READ = 'integrasi.read' as const;

  app.get<{ Querystring: ListQ }>(
    '/api/v1/integrasi/gateway/layanan',
    { config: { access: READ }, schema: { tags, summary: 'Gateway services (an OPD operator: its OPD’s), with their metrics over the period', querystring: ListQuery, response: problems(400, 401, 403) } },
    async (request) => {
      const items = await listLayanan(kernel.db, { ...request.query, opds: opdsOf(request) });
      return { items: await withMetrik(items, request.query.hari ?? 7) };
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof DetailQuery> }>(
    '/api/v1/integrasi/gateway/layanan/:id',
    { config: { access: READ }, schema: { tags, summary: 'One gateway service: settings, grants, metrics, callers', params: IdParams, querystring: DetailQuery, response: problems(400, 401, 403, 404) } },
    async (request, reply) => {
      const layanan = await visible(request, request.params.id);
      const hari = request.query.hari ?? 7;
      const [[withM], izin, pemanggil] = await Promise.all([withMetrik([layanan], hari), listIzin(kernel.db, layanan.id), pemanggilLayanan(kernel.db, layanan.id, hari)]);
      return reply.header('etag', etagFor(layanan.versi)).send({ ...withM, izin, pemanggil, bolehKelola: canManage(userOf(request).access, { opd_kode: layanan.aplikasi.opdKode }) });
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/integrasi/gateway/layanan/:id/openapi',
    { config: { access: READ }, schema: { tags, summary: 'The OpenAPI document of a service', params: IdParams, response: problems(400, 401, 403, 404) } },
    async (request, reply) => {
      const layanan = await visible(request, request.params.id);
      return reply.type('application/json; charset=utf-8').send(await openapiOf(kernel.db, layanan.id));
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/integrasi/gateway/layanan/:id/riwayat',
    { config: { access: READ }, schema: { tags, summary: 'Changes to a service and its grants', params: IdParams, response: problems(400, 401, 403, 404) } },
    async (request) => {
      const layanan = await visible(request, request.params.id);
      return { items: await riwayatLayanan(kernel.db, layanan.id) };
    },
  );

  app.get<{ Querystring: LogQ }>(
    '/api/v1/integrasi/gateway/log',
    { config: { access: READ }, schema: { tags, summary: 'Message log of gateway calls, newest first (an OPD operator: calls from or to its OPD’s apps)', querystring: LogQuery, response: problems(400, 401, 403) } },
    async (request) => searchLog(kernel.db, { ...request.query, opds: opdsOf(request) }),
  );

  const MANAGE = 'integrasi.manage' as const;
  const writeProblems = problems(400, 401, 403, 404, 409, 412, 422, 428);

  app.post<{ Body: Static<typeof LayananCreate> }>(
    '/api/v1/integrasi/gateway/layanan',
    { config: { access: MANAGE }, bodyLimit: 8 * 1024 * 1024, schema: { tags, summary: 'Publish an app’s API as a gateway service (grants nobody yet)', body: LayananCreate, response: problems(400, 401, 403, 404, 409) } },
    async (request, reply) => {
      const { aplikasi, ...input } = request.body;
      const layanan = await createLayanan(kernel, actorOf(request), userOf(request).access, aplikasi, input as LayananInput);
      return reply.code(201).header('etag', etagFor(layanan.versi)).send(layanan);
    },
  );

  app.patch<{ Params: Static<typeof IdParams>; Headers: Static<typeof IfMatchHeaders>; Body: Static<typeof LayananPatch> }>(
    '/api/v1/integrasi/gateway/layanan/:id',
    { config: { access: MANAGE }, schema: { tags, summary: 'Change a service: URL, limits, body logging, pause/resume (If-Match required)', params: IdParams, headers: IfMatchHeaders, body: LayananPatch, response: writeProblems } },
    async (request, reply) => {
      const layanan = await updateLayanan(kernel, actorOf(request), userOf(request).access, request.params.id, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(layanan.versi)).send(layanan);
    },
  );

  app.put<{ Params: Static<typeof IdParams>; Headers: Static<typeof IfMatchHeaders>; Body: Record<string, unknown> }>(
    '/api/v1/integrasi/gateway/layanan/:id/openapi',
    { config: { access: MANAGE }, bodyLimit: 8 * 1024 * 1024, schema: { tags, summary: 'Upload the service’s OpenAPI document (JSON; If-Match required)', params: IdParams, headers: IfMatchHeaders, body: OpenapiDoc, response: writeProblems } },
    async (request, reply) => {
      const layanan = await setOpenapi(kernel, actorOf(request), userOf(request).access, request.params.id, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(layanan.versi)).send(layanan);
    },
  );

  app.delete<{ Params: Static<typeof IdParams>; Headers: Static<typeof IfMatchHeaders> }>(
    '/api/v1/integrasi/gateway/layanan/:id/openapi',
    { config: { access: MANAGE }, schema: { tags, summary: 'Remove the service’s OpenAPI document (If-Match required)', params: IdParams, headers: IfMatchHeaders, response: writeProblems } },
    async (request, reply) => {
      const layanan = await setOpenapi(kernel, actorOf(request), userOf(request).access, request.params.id, request.headers['if-match'], null);
      return reply.header('etag', etagFor(layanan.versi)).send(layanan);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof IzinCreate> }>(
    '/api/v1/integrasi/gateway/layanan/:id/izin',
    { config: { access: MANAGE }, schema: { tags, summary: 'Grant a caller app the service, optionally per method and path', params: IdParams, body: IzinCreate, response: problems(400, 401, 403, 404, 409) } },
    async (request, reply) => {
      const izin = await grantIzin(kernel, actorOf(request), userOf(request).access, request.params.id, request.body);
      return reply.code(201).header('etag', etagFor(izin.versi)).send(izin);
    },
  );

  app.patch<{ Params: Static<typeof IzinParams>; Headers: Static<typeof IfMatchHeaders>; Body: Static<typeof IzinPatch> }>(
    '/api/v1/integrasi/gateway/layanan/:id/izin/:izinId',
    { config: { access: MANAGE }, schema: { tags, summary: 'Change a grant’s rules (If-Match required)', params: IzinParams, headers: IfMatchHeaders, body: IzinPatch, response: writeProblems } },
    async (request, reply) => {
      const izin = await updateIzin(kernel, actorOf(request), userOf(request).access, request.params.id, request.params.izinId, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(izin.versi)).send(izin);
    },
  );

  app.delete<{ Params: Static<typeof IzinParams>; Headers: Static<typeof IfMatchHeaders> }>(
    '/api/v1/integrasi/gateway/layanan/:id/izin/:izinId',
    { config: { access: MANAGE }, schema: { tags, summary: 'Revoke a grant (If-Match required)', params: IzinParams, headers: IfMatchHeaders, response: writeProblems } },
    async (request, reply) => {
      await revokeIzin(kernel, actorOf(request), userOf(request).access, request.params.id, request.params.izinId, request.headers['if-match']);
      return reply.code(204).send();
    },
  );
}
