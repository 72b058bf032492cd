import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { actorOf, principalOf } from '../../core/auth/principal.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { etagFor } from '../kernel/etag.js';
import { IfMatchHeaders, withEtag } from '../kernel/http-schemas.js';
import { archiveJabatan, getJabatan, jabatanHistory, listJabatan, updateJabatan } from './jabatan-service.js';
import { archiveOpd, createOpd, getOpd, listOpd, opdHistory, updateOpd } from './opd-service.js';
import { MANAGE } from './permission.js';
import { reorganise } from './reorganisasi.js';
import {
  ArchiveBodySchema,
  CloseUnitSchema,
  HistorySchema,
  JabatanListQuery,
  JabatanListSchema,
  JabatanParams,
  JabatanPatchSchema,
  JabatanSchema,
  NewJabatanSchema,
  NewOpdSchema,
  NewUnitSchema,
  OpdListQuery,
  OpdPageSchema,
  OpdPatchSchema,
  OpdSchema,
  RefParams,
  ReorganisasiResultSchema,
  ReorganisasiSchema,
  StrukturQuery,
  StrukturSchema,
  UnitDetailSchema,
  UnitParams,
  UnitPatchSchema,
} from './schemas.js';
import { strukturAsOf } from './struktur.js';
import { archiveUnit, closeUnit, createJabatan, createUnit, getUnitDetail, unitHistory, updateUnit } from './unit-service.js';

type RefParams = Static<typeof RefParams>;
type UnitParams = Static<typeof UnitParams>;
type JabatanParams = Static<typeof JabatanParams>;
type IfMatch = Static<typeof IfMatchHeaders>;


export async function organisasiRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['organisasi'];
  const access = (request: Parameters<typeof principalOf>[0]) => principalOf(request).access;

  app.get<{ Querystring: Static<typeof OpdListQuery> }>(
    '/api/v1/opd',
    {
      config: { access: 'signed-in', appScope: 'organisasi:read' },
      schema: {
        tags,
        summary: 'List agencies (OPD)',
        description: 'Filters per field, `sort` on kode or nama (`-` for descending), keyset paging with `cursor`, `fields` to pick columns, `total=true` for a count.',
        querystring: OpdListQuery,
        response: { 200: OpdPageSchema, ...problems(400, 401) },
      },
    },
    async (request) => listOpd(kernel.db, request.query),
  );

  app.post<{ Body: Static<typeof NewOpdSchema> }>(
    '/api/v1/opd',
    {
      config: { access: MANAGE },
      schema: { tags, summary: 'Create an agency (city-wide permission)', body: NewOpdSchema, response: { 201: withEtag(OpdSchema), ...problems(400, 401, 403, 409) } },
    },
    async (request, reply) => {
      const opd = await createOpd(kernel, actorOf(request), access(request), request.body);
      return reply.code(201).header('etag', etagFor(opd.version)).header('location', `/api/v1/opd/${opd.id}`).send(opd);
    },
  );

  app.get<{ Params: RefParams }>(
    '/api/v1/opd/:ref',
    { config: { access: 'signed-in', appScope: 'organisasi:read' }, schema: { tags, summary: 'One agency by id or kode', params: RefParams, response: { 200: withEtag(OpdSchema), ...problems(400, 401, 404) } } },
    async (request, reply) => {
      const opd = await getOpd(kernel.db, request.params.ref);
      return reply.header('etag', etagFor(opd.version)).send(opd);
    },
  );

  app.patch<{ Params: RefParams; Body: Static<typeof OpdPatchSchema>; Headers: IfMatch }>(
    '/api/v1/opd/:ref',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Change an agency (If-Match required)',
        description: 'The agency’s own operator may change it; a new kode or jenis needs the city-wide permission.',
        params: RefParams,
        headers: IfMatchHeaders,
        body: OpdPatchSchema,
        response: { 200: withEtag(OpdSchema), ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const opd = await updateOpd(kernel, actorOf(request), access(request), request.params.ref, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(opd.version)).send(opd);
    },
  );

  app.post<{ Params: RefParams; Body: Static<typeof ArchiveBodySchema>; Headers: IfMatch }>(
    '/api/v1/opd/:ref/archive',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Archive an agency with a reason (city-wide permission; If-Match required)',
        params: RefParams,
        headers: IfMatchHeaders,
        body: ArchiveBodySchema,
        response: { 200: withEtag(OpdSchema), ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const opd = await archiveOpd(kernel, actorOf(request), access(request), request.params.ref, request.headers['if-match'], request.body.reason);
      return reply.header('etag', etagFor(opd.version)).send(opd);
    },
  );

  app.get<{ Params: RefParams }>(
    '/api/v1/opd/:ref/history',
    { config: { access: 'signed-in', appScope: 'organisasi:read' }, schema: { tags, summary: 'Every version of an agency, who and when', params: RefParams, response: { 200: HistorySchema, ...problems(400, 401, 404) } } },
    async (request) => ({ items: await opdHistory(kernel.db, request.params.ref) }),
  );

  app.get<{ Params: RefParams; Querystring: Static<typeof StrukturQuery> }>(
    '/api/v1/opd/:ref/struktur',
    {
      config: { access: 'signed-in', appScope: 'organisasi:read' },
      schema: {
        tags,
        summary: 'The unit tree of an agency as of a date, with each unit’s jabatan',
        description: '`tanggal` defaults to today in WIB. Units come depth first with their `depth` and `parentId`.',
        params: RefParams,
        querystring: StrukturQuery,
        response: { 200: StrukturSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => strukturAsOf(kernel.db, request.params.ref, request.query.tanggal),
  );

  app.post<{ Params: RefParams; Body: Static<typeof NewUnitSchema> }>(
    '/api/v1/opd/:ref/unit',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Add a unit to an agency',
        description: '`berlakuMulai` defaults to today in WIB. The parent must be a unit of the same agency in force for the whole period.',
        params: RefParams,
        body: NewUnitSchema,
        response: { 201: withEtag(UnitDetailSchema), ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const unit = await createUnit(kernel, actorOf(request), access(request), request.params.ref, request.body);
      return reply.code(201).header('etag', etagFor(unit.version)).header('location', `/api/v1/unit/${unit.id}`).send(unit);
    },
  );

  app.post<{ Params: RefParams; Body: Static<typeof ReorganisasiSchema> }>(
    '/api/v1/opd/:ref/reorganisasi',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Reorganise an agency: close units and open new ones from a date, all at once',
        description: 'Units in `tutup` end the day before `tanggal`; units in `buka` start on `tanggal`. A new unit’s `parentRef` is the id of a unit in force or the `ref` of another new unit.',
        params: RefParams,
        body: ReorganisasiSchema,
        response: { 200: ReorganisasiResultSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => reorganise(kernel, actorOf(request), access(request), request.params.ref, request.body),
  );

  app.get<{ Params: UnitParams }>(
    '/api/v1/unit/:id',
    { config: { access: 'signed-in', appScope: 'organisasi:read' }, schema: { tags, summary: 'One unit with its jabatan', params: UnitParams, response: { 200: withEtag(UnitDetailSchema), ...problems(400, 401, 404) } } },
    async (request, reply) => {
      const unit = await getUnitDetail(kernel.db, request.params.id);
      return reply.header('etag', etagFor(unit.version)).send(unit);
    },
  );

  app.patch<{ Params: UnitParams; Body: Static<typeof UnitPatchSchema>; Headers: IfMatch }>(
    '/api/v1/unit/:id',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Correct a unit: name, kind, parent or office location (If-Match required)',
        params: UnitParams,
        headers: IfMatchHeaders,
        body: UnitPatchSchema,
        response: { 200: withEtag(UnitDetailSchema), ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const unit = await updateUnit(kernel, actorOf(request), access(request), request.params.id, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(unit.version)).send(unit);
    },
  );

  app.post<{ Params: UnitParams; Body: Static<typeof CloseUnitSchema>; Headers: IfMatch }>(
    '/api/v1/unit/:id/close',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Close a unit: `berlakuSampai` is its last day in force (If-Match required)',
        params: UnitParams,
        headers: IfMatchHeaders,
        body: CloseUnitSchema,
        response: { 200: withEtag(UnitDetailSchema), ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const unit = await closeUnit(kernel, actorOf(request), access(request), request.params.id, request.headers['if-match'], request.body.berlakuSampai, request.body.reason);
      return reply.header('etag', etagFor(unit.version)).send(unit);
    },
  );

  app.post<{ Params: UnitParams; Body: Static<typeof ArchiveBodySchema>; Headers: IfMatch }>(
    '/api/v1/unit/:id/archive',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Archive a unit entered by mistake, with a reason (If-Match required)',
        params: UnitParams,
        headers: IfMatchHeaders,
        body: ArchiveBodySchema,
        response: { 200: withEtag(UnitDetailSchema), ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const unit = await archiveUnit(kernel, actorOf(request), access(request), request.params.id, request.headers['if-match'], request.body.reason);
      return reply.header('etag', etagFor(unit.version)).send(unit);
    },
  );

  app.post<{ Params: UnitParams; Body: Static<typeof NewJabatanSchema> }>(
    '/api/v1/unit/:id/jabatan',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Add a position (jabatan) to a unit; structural positions carry an eselon',
        params: UnitParams,
        body: NewJabatanSchema,
        response: { 201: withEtag(JabatanSchema), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const jabatan = await createJabatan(kernel, actorOf(request), access(request), request.params.id, request.body);
      return reply.code(201).header('etag', etagFor(jabatan.version)).send(jabatan);
    },
  );

  app.get<{ Params: UnitParams; Querystring: Static<typeof JabatanListQuery> }>(
    '/api/v1/unit/:id/jabatan',
    {
      config: { access: 'signed-in', appScope: 'organisasi:read' },
      schema: {
        tags,
        summary: 'The positions (jabatan) of a unit',
        description: 'In org-chart order; `includeArchived=true` adds archived positions after the others.',
        params: UnitParams,
        querystring: JabatanListQuery,
        response: { 200: JabatanListSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => ({ items: await listJabatan(kernel.db, request.params.id, request.query.includeArchived) }),
  );

  app.get<{ Params: JabatanParams }>(
    '/api/v1/jabatan/:id',
    { config: { access: 'signed-in', appScope: 'organisasi:read' }, schema: { tags, summary: 'One position (jabatan)', params: JabatanParams, response: { 200: withEtag(JabatanSchema), ...problems(400, 401, 404) } } },
    async (request, reply) => {
      const jabatan = await getJabatan(kernel.db, request.params.id);
      return reply.header('etag', etagFor(jabatan.version)).send(jabatan);
    },
  );

  app.patch<{ Params: JabatanParams; Body: Static<typeof JabatanPatchSchema>; Headers: IfMatch }>(
    '/api/v1/jabatan/:id',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Correct a position: name, kind or eselon (If-Match required)',
        description: 'Structural positions carry an eselon, others never do; changing to another kind drops the eselon.',
        params: JabatanParams,
        headers: IfMatchHeaders,
        body: JabatanPatchSchema,
        response: { 200: withEtag(JabatanSchema), ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const jabatan = await updateJabatan(kernel, actorOf(request), access(request), request.params.id, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(jabatan.version)).send(jabatan);
    },
  );

  app.post<{ Params: JabatanParams; Body: Static<typeof ArchiveBodySchema>; Headers: IfMatch }>(
    '/api/v1/jabatan/:id/archive',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Archive a position no longer used, with a reason (If-Match required)',
        params: JabatanParams,
        headers: IfMatchHeaders,
        body: ArchiveBodySchema,
        response: { 200: withEtag(JabatanSchema), ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const jabatan = await archiveJabatan(kernel, actorOf(request), access(request), request.params.id, request.headers['if-match'], request.body.reason);
      return reply.header('etag', etagFor(jabatan.version)).send(jabatan);
    },
  );

  app.get<{ Params: JabatanParams }>(
    '/api/v1/jabatan/:id/history',
    { config: { access: 'signed-in', appScope: 'organisasi:read' }, schema: { tags, summary: 'Every version of a position, who and when', params: JabatanParams, response: { 200: HistorySchema, ...problems(400, 401, 404) } } },
    async (request) => ({ items: await jabatanHistory(kernel.db, request.params.id) }),
  );

  app.get<{ Params: UnitParams }>(
    '/api/v1/unit/:id/history',
    { config: { access: 'signed-in', appScope: 'organisasi:read' }, schema: { tags, summary: 'Every version of a unit, who and when', params: UnitParams, response: { 200: HistorySchema, ...problems(400, 401, 404) } } },
    async (request) => ({ items: await unitHistory(kernel.db, request.params.id) }),
  );
}
