import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { actorOf, principalOf } from '../../core/auth/principal.js';
import { problems, Text, Uuid } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { etagFor, expectedVersion } from '../../registry/kernel/etag.js';
import { IfMatchHeaders, withEtag } from '../../registry/kernel/http-schemas.js';
import { kirimUlang, kirimUlangSemua, listKiriman, STATUS_KIRIMAN } from './kiriman.js';
import { createLangganan, deleteLangganan, getLangganan, listLangganan, rotateRahasia, STATUS_LANGGANAN, updateLangganan } from './langganan.js';

const tags = ['integrasi'];
const RefParams = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 64 }) });
const IdParams = Type.Object({ id: Uuid });
const KirimanParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });

const EventType = Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.([a-z][a-z0-9_]*|\\*))?$', maxLength: 80 });
const Filter = Type.Object(
  {
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    opdKode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    kodeKelurahan: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    payload: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,40}$' }), Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]), { maxProperties: 10 })),
  },
  { additionalProperties: false, description: 'All given conditions must hold: one record, one OPD (kode), one kelurahan (kode), or fields of the event data' },
);
const LanggananBody = Type.Object(
  {
    nama: Text(1, 100),
    url: Type.String({ minLength: 8, maxLength: 2000, description: 'http:// or https:// address that receives POSTs' }),
    jenisEvent: Type.Array(EventType, { minItems: 1, maxItems: 50, description: 'Exact types (pegawai.updated) or prefixes (pegawai.*)' }),
    filter: Type.Optional(Filter),
    status: Type.Optional(Type.Union(STATUS_LANGGANAN.map((s) => Type.Literal(s)))),
  },
  { additionalProperties: false },
);
const LanggananPatch = Type.Partial(LanggananBody, { additionalProperties: false, minProperties: 1 });

const LanggananSchema = Type.Object({
  id: Type.String(),
  aplikasiId: Type.String(),
  aplikasi: Type.String(),
  nama: Type.String(),
  url: Type.String(),
  jenisEvent: Type.Array(Type.String()),
  filter: Type.Record(Type.String(), Type.Unknown()),
  status: Type.String(),
  petunjukRahasia: Type.String(),
  rahasiaLamaBerakhir: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  jumlah: Type.Object({ menunggu: Type.Integer(), gagal: Type.Integer(), mati: Type.Integer(), terkirim: Type.Integer() }),
  terakhirTerkirim: Type.Union([Type.String(), Type.Null()]),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const KirimanSchema = Type.Object({
  id: Type.String(),
  langgananId: Type.String(),
  langganan: Type.String(),
  eventId: Type.String(),
  jenisEvent: Type.String(),
  rekaman: Type.String(),
  status: Type.String(),
  percobaan: Type.Integer(),
  kirimUlang: Type.Integer(),
  kodeRespons: Type.Union([Type.Integer(), Type.Null()]),
  latensiMs: Type.Union([Type.Integer(), Type.Null()]),
  galat: Nullable(Type.String()),
  cuplikanRespons: Nullable(Type.String()),
  dibuatPada: Type.String(),
  terakhirDicoba: Nullable(Type.String()),
  terkirimPada: Nullable(Type.String()),
  berikutnya: Nullable(Type.String()),
});

const KirimanQuery = Type.Object({
  langganan: Type.Optional(Uuid),
  status: Type.Optional(Type.Union(STATUS_KIRIMAN.map((s) => Type.Literal(s)))),
  jenis: Type.Optional(EventType),
  kode: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  dari: Type.Optional(Type.String({ format: 'date-time' })),
  sampai: Type.Optional(Type.String({ format: 'date-time' })),
  eventId: Type.Optional(Uuid),
  cursor: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export async function webhookRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  app.get<{ Params: Static<typeof RefParams> }>(
    '/api/v1/integrasi/aplikasi/:ref/webhook',
    {
      config: { access: 'integrasi.read' },
      schema: { tags, summary: "An app's webhook subscriptions with delivery counts", params: RefParams, response: { 200: Type.Object({ items: Type.Array(LanggananSchema) }), ...problems(401, 403, 404) } },
    },
    async (request) => ({ items: await listLangganan(kernel, principalOf(request).access, request.params.ref) }),
  );

  app.post<{ Params: Static<typeof RefParams>; Body: Static<typeof LanggananBody> }>(
    '/api/v1/integrasi/aplikasi/:ref/webhook',
    {
      config: { access: 'integrasi.manage' },
      schema: {
        tags,
        summary: 'Subscribe an app to events; the signing secret (whsec_…) is shown only in this answer',
        description: 'Deliveries are POSTs signed per the Standard Webhooks spec (webhook-id, webhook-timestamp, webhook-signature). Events from now on are delivered; the app needs events:read and the dataset read scopes.',
        params: RefParams,
        body: LanggananBody,
        response: { 201: withEtag(Type.Intersect([LanggananSchema, Type.Object({ rahasia: Type.String() })])), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const created = await createLangganan(kernel, actorOf(request), principalOf(request).access, request.params.ref, request.body);
      return reply.code(201).header('etag', etagFor(created.version)).send(created);
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/integrasi/webhook/:id',
    {
      config: { access: 'integrasi.read' },
      schema: { tags, summary: 'One webhook subscription', params: IdParams, response: { 200: withEtag(LanggananSchema), ...problems(401, 403, 404) } },
    },
    async (request, reply) => {
      const found = await getLangganan(kernel, principalOf(request).access, request.params.id);
      return reply.header('etag', etagFor(found.version)).send(found);
    },
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof LanggananPatch>; Headers: Static<typeof IfMatchHeaders> }>(
    '/api/v1/integrasi/webhook/:id',
    {
      config: { access: 'integrasi.manage' },
      schema: {
        tags,
        summary: 'Change a subscription (address, event types, filter) or pause/resume it (status jeda/aktif); needs If-Match',
        params: IdParams,
        headers: IfMatchHeaders,
        body: LanggananPatch,
        response: { 200: withEtag(LanggananSchema), ...problems(400, 401, 403, 404, 412, 428) },
      },
    },
    async (request, reply) => {
      const updated = await updateLangganan(kernel, actorOf(request), principalOf(request).access, request.params.id, expectedVersion(request.headers['if-match']), request.body);
      return reply.header('etag', etagFor(updated.version)).send(updated);
    },
  );

  app.delete<{ Params: Static<typeof IdParams>; Headers: Static<typeof IfMatchHeaders> }>(
    '/api/v1/integrasi/webhook/:id',
    {
      config: { access: 'integrasi.manage' },
      schema: { tags, summary: 'End a subscription (its delivery log stays); needs If-Match', params: IdParams, headers: IfMatchHeaders, response: { 204: Type.Null(), ...problems(401, 403, 404, 412, 428) } },
    },
    async (request, reply) => {
      await deleteLangganan(kernel, actorOf(request), principalOf(request).access, request.params.id, expectedVersion(request.headers['if-match']));
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: { masaTumpangJam?: number } | undefined }>(
    '/api/v1/integrasi/webhook/:id/rahasia',
    {
      config: { access: 'integrasi.manage' },
      schema: {
        tags,
        summary: 'Rotate the signing secret: the new one is shown once; the old one signs too (a second signature) for the overlap (hours, default 24)',
        params: IdParams,
        body: Type.Optional(Type.Object({ masaTumpangJam: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 * 30 })) }, { additionalProperties: false })),
        response: { 200: Type.Object({ rahasia: Type.String(), rahasiaLamaBerakhir: Type.Union([Type.String(), Type.Null()]) }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => rotateRahasia(kernel, actorOf(request), principalOf(request).access, request.params.id, request.body?.masaTumpangJam ?? 24),
  );

  app.get<{ Params: Static<typeof RefParams>; Querystring: Static<typeof KirimanQuery> }>(
    '/api/v1/integrasi/aplikasi/:ref/webhook-kiriman',
    {
      config: { access: 'integrasi.read' },
      schema: {
        tags,
        summary: "An app's webhook delivery log, newest first: filter by subscription, status, event type, response code, time range",
        params: RefParams,
        querystring: KirimanQuery,
        response: { 200: Type.Object({ items: Type.Array(KirimanSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listKiriman(kernel, principalOf(request).access, request.params.ref, request.query),
  );

  app.post<{ Params: Static<typeof KirimanParams> }>(
    '/api/v1/integrasi/webhook-kiriman/:id/kirim-ulang',
    {
      config: { access: 'integrasi.manage' },
      schema: { tags, summary: 'Send one delivery again, with a fresh retry schedule', params: KirimanParams, response: { 200: KirimanSchema, ...problems(401, 403, 404) } },
    },
    async (request) => kirimUlang(kernel, actorOf(request), principalOf(request).access, request.params.id),
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/v1/integrasi/webhook/:id/kirim-ulang',
    {
      config: { access: 'integrasi.manage' },
      schema: {
        tags,
        summary: 'Send again, in order, every failed and dead delivery of a subscription',
        params: IdParams,
        response: { 200: Type.Object({ jumlah: Type.Integer() }), ...problems(401, 403, 404) },
      },
    },
    async (request) => ({ jumlah: await kirimUlangSemua(kernel, actorOf(request), principalOf(request).access, request.params.id) }),
  );
}
