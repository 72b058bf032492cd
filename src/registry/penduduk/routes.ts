import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { actorOf, principalOf } from '../../core/auth/principal.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { etagFor } from '../kernel/etag.js';
import { IfMatchHeaders, withEtag } from '../kernel/http-schemas.js';
import { aksesLog, viewFull } from './akses.js';
import { exportPenduduk, EXPORT_MAX_ROWS } from './ekspor.js';
import { createKeluarga, getKeluarga } from './keluarga-service.js';
import { maskPenduduk } from './model.js';
import { kodeLists, listPenduduk, pendudukHistory, requirePenduduk } from './read-service.js';
import {
  AksesLogQuery,
  AksesLogSchema,
  AlasanBody,
  ArchiveBody,
  CariBody,
  EksporBody,
  HistorySchema,
  KeluargaParams,
  KeluargaSchema,
  NewKeluargaSchema,
  NewPendudukSchema,
  PendudukListQuery,
  PendudukPageSchema,
  PendudukPatchSchema,
  PendudukSchema,
  RefParams,
  ReferensiSchema,
  VerifikasiBody,
  VerifikasiResult,
} from './schemas.js';
import { KEWARGANEGARAAN, STATUS } from './tables.js';
import { verifyPenduduk } from './verify.js';
import { archivePenduduk, createPenduduk, updatePenduduk } from './write-service.js';

type RefParams = Static<typeof RefParams>;
type IfMatch = Static<typeof IfMatchHeaders>;


export async function pendudukRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['penduduk'];
  const access = (request: FastifyRequest) => principalOf(request).access;

  app.get<{ Querystring: Static<typeof PendudukListQuery> }>(
    '/api/v1/penduduk',
    {
      config: { access: 'penduduk.read', appScope: 'penduduk:read' },
      schema: {
        tags,
        summary: 'List residents, masked, within the reader’s kelurahan',
        description: 'NIK and No. KK masked (137105******0003), birth date reduced to the year, address masked. Filters per field, `q` = name prefix, `sort` on nama or createdAt (`-` for descending), keyset paging with `cursor`, `fields` to pick columns, `total=true` for a count.',
        querystring: PendudukListQuery,
        response: { 200: PendudukPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listPenduduk(kernel.db, access(request), request.query),
  );

  app.get(
    '/api/v1/penduduk/referensi',
    // National code lists, no personal data: every signed-in user (residents reading their own record too).
    { config: { access: 'signed-in', appScope: 'penduduk:read' }, schema: { tags, summary: 'Code lists: agama, pendidikan, pekerjaan, status kawin, SHDK, status, kewarganegaraan', response: { 200: ReferensiSchema, ...problems(401) } } },
    async () => ({ ...(await kodeLists(kernel.db)), status: [...STATUS], kewarganegaraan: [...KEWARGANEGARAAN] }) as Static<typeof ReferensiSchema>,
  );

  app.post<{ Body: Static<typeof CariBody> }>(
    '/api/v1/penduduk/cari',
    {
      config: { access: 'penduduk.read', appScope: 'penduduk:read' },
      schema: { tags, summary: 'One resident by NIK, masked (the NIK travels in the body, not the URL)', body: CariBody, response: { 200: withEtag(PendudukSchema), ...problems(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const found = await requirePenduduk(kernel.db, access(request), 'penduduk.read', request.body.nik);
      return reply.header('etag', etagFor(found.version)).send(maskPenduduk(found));
    },
  );

  app.post<{ Body: Static<typeof EksporBody> }>(
    '/api/v1/penduduk/ekspor',
    {
      config: { access: 'penduduk.read_full' },
      schema: {
        tags,
        summary: 'Export the full records the list’s filters select, as CSV, for a stated reason (each resident’s access log records it)',
        description:
          `Same filters and kelurahan scope as GET /api/v1/penduduk (with penduduk.read_full), in name order. Every exported resident gets an access-log row (action \`export\`) and the export one audit entry, in the same transaction as the read. More than ${EXPORT_MAX_ROWS} matches is a 422 (penduduk.export_too_large): narrow the filters. ` +
          'Columns: nik, no_kk, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, agama, pendidikan, pekerjaan, status_kawin, shdk (names from the code lists), status, kewarganegaraan, kode_kelurahan, alamat, rt, rw, archived_at. UTF-8, comma-separated, CRLF line ends.',
        body: EksporBody,
        response: {
          200: {
            description: 'text/csv, as an attachment; `X-Export-Count` says how many residents it holds',
            headers: { 'X-Export-Count': Type.Integer({ minimum: 0 }) },
            content: { 'text/csv': { schema: Type.String() } },
          },
          ...problems(400, 401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const { csv, count } = await exportPenduduk(kernel, actorOf(request), access(request), request.body);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="penduduk-${day}.csv"`)
        .header('x-export-count', String(count))
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.post<{ Body: Static<typeof VerifikasiBody> }>(
    '/api/v1/penduduk/verifikasi',
    {
      config: { access: 'penduduk.verify', appScope: 'penduduk:verify' },
      schema: {
        tags,
        summary: 'Yes/no: do this NIK, name and birth date belong to one living resident?',
        description: 'Answers only `cocok`; never which part failed, and an unknown NIK answers exactly like a mismatch. Names compare without regard to case or spacing.',
        body: VerifikasiBody,
        response: { 200: VerifikasiResult, ...problems(400, 401, 403) },
      },
    },
    async (request) => ({ cocok: await verifyPenduduk(kernel.db, request.body) }),
  );

  app.post<{ Body: Static<typeof NewPendudukSchema> }>(
    '/api/v1/penduduk',
    {
      config: { access: 'penduduk.manage' },
      schema: {
        tags,
        summary: 'Register a resident in a registered family',
        description: 'Each broken NIK rule (digits, length, known kecamatan, real birth date with +40 for women, serial not 0000, match with birth date and sex) is a 422 naming it; a NIK already registered is a 409. The answer is masked.',
        body: NewPendudukSchema,
        response: { 201: withEtag(PendudukSchema), ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const created = await createPenduduk(kernel, actorOf(request), access(request), request.body);
      return reply.code(201).header('etag', etagFor(created.version)).header('location', `/api/v1/penduduk/${created.id}`).send(created);
    },
  );

  app.get<{ Params: RefParams }>(
    '/api/v1/penduduk/:ref',
    { config: { access: 'penduduk.read', appScope: 'penduduk:read' }, schema: { tags, summary: 'One resident by id or NIK, masked', params: RefParams, response: { 200: withEtag(PendudukSchema), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const found = await requirePenduduk(kernel.db, access(request), 'penduduk.read', request.params.ref);
      return reply.header('etag', etagFor(found.version)).send(maskPenduduk(found));
    },
  );

  app.post<{ Params: RefParams; Body: Static<typeof AlasanBody> }>(
    '/api/v1/penduduk/:ref/lengkap',
    {
      config: { access: 'penduduk.read_full', appScope: 'penduduk:read-full' },
      schema: {
        tags,
        summary: 'The full record, for a stated reason (written to the resident’s access log)',
        params: RefParams,
        body: AlasanBody,
        response: { 200: withEtag(PendudukSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const found = await viewFull(kernel, actorOf(request), access(request), request.params.ref, request.body.alasan);
      return reply.header('etag', etagFor(found.version)).header('cache-control', 'no-store').send(found);
    },
  );

  app.patch<{ Params: RefParams; Body: Static<typeof PendudukPatchSchema>; Headers: IfMatch }>(
    '/api/v1/penduduk/:ref',
    {
      config: { access: 'penduduk.manage' },
      schema: {
        tags,
        summary: 'Change a resident (If-Match required; the NIK never changes)',
        params: RefParams,
        headers: IfMatchHeaders,
        body: PendudukPatchSchema,
        response: { 200: withEtag(PendudukSchema), ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const updated = await updatePenduduk(kernel, actorOf(request), access(request), request.params.ref, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(updated.version)).send(updated);
    },
  );

  app.post<{ Params: RefParams; Body: Static<typeof ArchiveBody>; Headers: IfMatch }>(
    '/api/v1/penduduk/:ref/arsip',
    {
      config: { access: 'penduduk.manage' },
      schema: {
        tags,
        summary: 'Archive a resident with a reason (If-Match required; nothing is deleted)',
        params: RefParams,
        headers: IfMatchHeaders,
        body: ArchiveBody,
        response: { 200: withEtag(PendudukSchema), ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const archived = await archivePenduduk(kernel, actorOf(request), access(request), request.params.ref, request.headers['if-match'], request.body.alasan);
      return reply.header('etag', etagFor(archived.version)).send(archived);
    },
  );

  app.get<{ Params: RefParams }>(
    '/api/v1/penduduk/:ref/riwayat',
    { config: { access: 'penduduk.read', appScope: 'penduduk:read' }, schema: { tags, summary: 'Every version of a resident, who and when (snapshots masked)', params: RefParams, response: { 200: HistorySchema, ...problems(400, 401, 403, 404) } } },
    async (request) => ({ items: await pendudukHistory(kernel.db, access(request), request.params.ref) }),
  );

  app.get<{ Params: RefParams; Querystring: Static<typeof AksesLogQuery> }>(
    '/api/v1/penduduk/:ref/akses-log',
    {
      config: { access: 'penduduk.read_full' },
      schema: {
        tags,
        summary: 'Who saw this resident’s full data, when and why (UU PDP)',
        description: 'Every full view and export, newest first. Staff path; the resident’s own path follows when accounts are linked to a NIK.',
        params: RefParams,
        querystring: AksesLogQuery,
        response: { 200: AksesLogSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await aksesLog(kernel.db, access(request), request.params.ref, request.query.limit) }),
  );

  app.get<{ Params: Static<typeof KeluargaParams> }>(
    '/api/v1/keluarga/:noKk',
    { config: { access: 'penduduk.read', appScope: 'penduduk:read' }, schema: { tags, summary: 'A family card by id or No. KK, with its members (masked)', params: KeluargaParams, response: { 200: withEtag(KeluargaSchema), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const keluarga = await getKeluarga(kernel.db, access(request), request.params.noKk);
      return reply.header('etag', etagFor(keluarga.version)).send(keluarga);
    },
  );

  app.post<{ Body: Static<typeof NewKeluargaSchema> }>(
    '/api/v1/keluarga',
    {
      config: { access: 'penduduk.manage' },
      schema: {
        tags,
        summary: 'Register a family card in a kelurahan',
        description: 'Each broken No. KK rule is a 422 naming it; an unknown kelurahan is a 422; a No. KK already registered is a 409.',
        body: NewKeluargaSchema,
        response: { 201: withEtag(KeluargaSchema), ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const keluarga = await createKeluarga(kernel, actorOf(request), access(request), request.body);
      return reply.code(201).header('etag', etagFor(keluarga.version)).header('location', `/api/v1/keluarga/${keluarga.id}`).send(keluarga);
    },
  );

}
