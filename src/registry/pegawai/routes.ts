import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { actorOf, principalOf } from '../../core/auth/principal.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { etagFor } from '../kernel/etag.js';
import { IfMatchHeaders, withEtag } from '../kernel/http-schemas.js';
import { mutasi } from './mutasi.js';
import { archivePegawai, createPegawai, listPegawai, pegawaiHistory, readPegawai, riwayatJabatan, updatePegawai, verifyNip } from './pegawai-service.js';
import { MANAGE, READ, VERIFY } from './permission.js';
import {
  ArsipBodySchema,
  HistorySchema,
  MutasiBodySchema,
  NewPegawaiSchema,
  PegawaiListQuery,
  PegawaiPageSchema,
  PegawaiPatchSchema,
  PegawaiSchema,
  RefParams,
  RiwayatJabatanSchema,
  VerifikasiBodySchema,
  VerifikasiSchema,
} from './schemas.js';

type RefParams = Static<typeof RefParams>;
type IfMatch = Static<typeof IfMatchHeaders>;


export async function pegawaiRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['pegawai'];
  const access = (request: FastifyRequest) => principalOf(request).access;

  app.get<{ Querystring: Static<typeof PegawaiListQuery> }>(
    '/api/v1/pegawai',
    {
      config: { access: READ, appScope: 'pegawai:read' },
      schema: {
        tags,
        summary: 'List employees',
        description:
          'Filters per field (`opd` id or kode, `unit`, `jenis`, `golongan`, `status`, `q` = name prefix or NIP prefix), `sort` on nama, nip or tmt (`-` for descending), keyset paging with `cursor`, `fields` to pick columns, `total=true` for a count. An OPD operator sees only the employees of their OPD. Birth date, e-mail and phone are masked.',
        querystring: PegawaiListQuery,
        response: { 200: PegawaiPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listPegawai(kernel.db, access(request), request.query),
  );

  app.post<{ Body: Static<typeof NewPegawaiSchema> }>(
    '/api/v1/pegawai',
    {
      config: { access: MANAGE, appScope: 'pegawai:write' },
      schema: {
        tags,
        summary: 'Register an employee with their first position',
        description:
          'PNS and PPPK need a NIP, checked by its structure and against `tanggalLahir` and `jenisKelamin` (422 names each broken rule); non-ASN staff have none. A NIP already registered is a 409. `tmtJabatan` defaults to today (WIB).',
        body: NewPegawaiSchema,
        response: { 201: withEtag(PegawaiSchema), ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const pegawai = await createPegawai(kernel, actorOf(request), access(request), request.body);
      return reply.code(201).header('etag', etagFor(pegawai.version)).header('location', `/api/v1/pegawai/${pegawai.id}`).send(pegawai);
    },
  );

  app.post<{ Body: Static<typeof VerifikasiBodySchema> }>(
    '/api/v1/pegawai/verifikasi',
    {
      config: { access: VERIFY, appScope: 'pegawai:verify' },
      schema: {
        tags,
        summary: 'Yes/no: is this NIP a registered employee, and in service?',
        description: 'Returns only `{ valid, aktif }`, never the record. With `nama`, the name must match too.',
        body: VerifikasiBodySchema,
        response: { 200: VerifikasiSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => verifyNip(kernel.db, request.body.nip, request.body.nama),
  );

  app.get<{ Params: RefParams }>(
    '/api/v1/pegawai/:ref',
    {
      config: { access: READ, appScope: 'pegawai:read' },
      schema: {
        tags,
        summary: 'One employee by id or NIP',
        description: 'Personal fields are shown in full only to those who manage the employee’s OPD.',
        params: RefParams,
        response: { 200: withEtag(PegawaiSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { pegawai } = await readPegawai(kernel.db, access(request), request.params.ref);
      return reply.header('etag', etagFor(pegawai.version)).send(pegawai);
    },
  );

  app.patch<{ Params: RefParams; Body: Static<typeof PegawaiPatchSchema>; Headers: IfMatch }>(
    '/api/v1/pegawai/:ref',
    {
      config: { access: MANAGE, appScope: 'pegawai:write' },
      schema: {
        tags,
        summary: 'Change an employee (If-Match required)',
        description: 'A changed NIP, birth date, sex or type re-validates the NIP. OPD and unit change only through mutasi.',
        params: RefParams,
        headers: IfMatchHeaders,
        body: PegawaiPatchSchema,
        response: { 200: withEtag(PegawaiSchema), ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const pegawai = await updatePegawai(kernel, actorOf(request), access(request), request.params.ref, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(pegawai.version)).send(pegawai);
    },
  );

  app.post<{ Params: RefParams; Body: Static<typeof ArsipBodySchema>; Headers: IfMatch }>(
    '/api/v1/pegawai/:ref/arsip',
    {
      config: { access: MANAGE, appScope: 'pegawai:write' },
      schema: {
        tags,
        summary: 'Archive an employee with a reason (If-Match required; no hard deletes)',
        params: RefParams,
        headers: IfMatchHeaders,
        body: ArsipBodySchema,
        response: { 200: withEtag(PegawaiSchema), ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const pegawai = await archivePegawai(kernel, actorOf(request), access(request), request.params.ref, request.headers['if-match'], request.body.alasan);
      return reply.header('etag', etagFor(pegawai.version)).send(pegawai);
    },
  );

  app.post<{ Params: RefParams; Body: Static<typeof MutasiBodySchema>; Headers: IfMatch }>(
    '/api/v1/pegawai/:ref/mutasi',
    {
      config: { access: MANAGE, appScope: 'pegawai:write' },
      schema: {
        tags,
        summary: 'Transfer an employee (mutasi; If-Match required)',
        description:
          'One transaction: the current position ends on `tmt`, the new one starts on it, the employee’s OPD and unit follow, and one `pegawai.mutasi` event carries from/to. The unit must belong to the target OPD and be in force on `tmt`; the writer must manage both OPDs.',
        params: RefParams,
        headers: IfMatchHeaders,
        body: MutasiBodySchema,
        response: { 200: withEtag(PegawaiSchema), ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const pegawai = await mutasi(kernel, actorOf(request), access(request), request.params.ref, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(pegawai.version)).send(pegawai);
    },
  );

  app.get<{ Params: RefParams }>(
    '/api/v1/pegawai/:ref/riwayat',
    { config: { access: READ, appScope: 'pegawai:read' }, schema: { tags, summary: 'Every version of an employee, who and when', params: RefParams, response: { 200: HistorySchema, ...problems(400, 401, 403, 404) } } },
    async (request) => ({ items: await pegawaiHistory(kernel.db, access(request), request.params.ref) }),
  );

  app.get<{ Params: RefParams }>(
    '/api/v1/pegawai/:ref/riwayat-jabatan',
    { config: { access: READ, appScope: 'pegawai:read' }, schema: { tags, summary: 'Positions over time (riwayat jabatan), newest first', params: RefParams, response: { 200: RiwayatJabatanSchema, ...problems(400, 401, 403, 404) } } },
    async (request) => ({ items: await riwayatJabatan(kernel.db, access(request), request.params.ref) }),
  );
}
