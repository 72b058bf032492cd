import type { FastifyInstance } from 'fastify';
import { type Static } from 'typebox';
import { actorOf, principalOf } from '../../core/auth/principal.js';
import { format } from '../../core/i18n/locale.js';
import { AppError, invalid } from '../../core/http/errors.js';
import { fieldRuleMessages } from '../../core/http/field-rules.js';
import { localeOf, renderProblem } from '../../core/http/problem.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { etagFor } from '../kernel/etag.js';
import { IfMatchHeaders, withEtag } from '../kernel/http-schemas.js';
import { anggaranHistory, archiveAnggaran, createAnggaran, getAnggaran, listAnggaran, updateAnggaran } from './anggaran-service.js';
import { ImportInvalid, importSipd } from './import-sipd.js';
import { getNomenklatur, listNomenklatur, nomenklaturJalur } from './nomenklatur-service.js';
import { kewenanganOf, ringkasanPerOpd } from './opd-service.js';
import { assertCityWide, MANAGE } from './permission.js';
import {
  AnggaranPageSchema,
  AnggaranPatchSchema,
  AnggaranQuery,
  AnggaranSchema,
  ArsipBodySchema,
  HistorySchema,
  IdParams,
  ImportBodySchema,
  ImportProblemSchema,
  ImportResultSchema,
  JalurSchema,
  KewenanganSchema,
  KodeParams,
  NewAnggaranSchema,
  NomenklaturPageSchema,
  NomenklaturQuery,
  NomenklaturSchema,
  RingkasanQuery,
  RingkasanSchema,
} from './schemas.js';

type IdParams = Static<typeof IdParams>;
type IfMatch = Static<typeof IfMatchHeaders>;

/** A SIPD export of a whole city is a few MB; the import route alone takes up to 10 MB. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export async function programRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['program'];
  const access = (request: Parameters<typeof principalOf>[0]) => principalOf(request).access;

  app.get<{ Querystring: Static<typeof NomenklaturQuery> }>(
    '/api/v1/program/nomenklatur',
    {
      config: { access: 'signed-in', appScope: 'program:read' },
      schema: {
        tags,
        summary: 'List the planning and budget nomenclature (urusan … sub-kegiatan)',
        description: 'In code order; filter by `level`, `parent` (any zero-padding variant) or `q` (in kode or nama); keyset paging with `cursor`.',
        querystring: NomenklaturQuery,
        response: { 200: NomenklaturPageSchema, ...problems(400, 401) },
      },
    },
    async (request) => listNomenklatur(kernel.db, request.query),
  );

  app.get<{ Params: Static<typeof KodeParams> }>(
    '/api/v1/program/nomenklatur/:kode',
    {
      config: { access: 'signed-in', appScope: 'program:read' },
      schema: { tags, summary: 'One nomenclature entry; any zero-padding variant of the code finds it', params: KodeParams, response: { 200: NomenklaturSchema, ...problems(400, 401, 404) } },
    },
    async (request) => getNomenklatur(kernel.db, request.params.kode),
  );

  app.get<{ Params: Static<typeof KodeParams> }>(
    '/api/v1/program/nomenklatur/:kode/jalur',
    {
      config: { access: 'signed-in', appScope: 'program:read' },
      schema: {
        tags,
        summary: 'The path of a nomenclature entry: its ancestors from the urusan down, then the entry itself',
        params: KodeParams,
        response: { 200: JalurSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => ({ items: await nomenklaturJalur(kernel.db, request.params.kode) }),
  );

  app.get(
    '/api/v1/program/kewenangan',
    {
      config: { access: 'signed-in', appScope: 'program:read' },
      schema: {
        tags,
        summary: 'The OPDs whose budget lines the caller may add and change, and whether they may import for the whole city',
        description: 'For forms: an OPD operator gets their own OPD; a city-wide program.manage gets every active OPD; anyone else an empty list.',
        response: { 200: KewenanganSchema, ...problems(401) },
      },
    },
    async (request) => kewenanganOf(kernel.db, access(request)),
  );

  app.get<{ Querystring: Static<typeof RingkasanQuery> }>(
    '/api/v1/program/ringkasan',
    {
      config: { access: 'signed-in', appScope: 'program:read' },
      schema: {
        tags,
        summary: 'Budget lines and total pagu per OPD, optionally in one fiscal year',
        querystring: RingkasanQuery,
        response: { 200: RingkasanSchema, ...problems(400, 401) },
      },
    },
    async (request) => ringkasanPerOpd(kernel.db, request.query),
  );

  app.get<{ Querystring: Static<typeof AnggaranQuery> }>(
    '/api/v1/program/anggaran',
    {
      config: { access: 'signed-in', appScope: 'program:read' },
      schema: {
        tags,
        summary: 'List budget lines (anggaran) per OPD, fiscal year and sub-kegiatan',
        description: '`kode` of any level finds every sub-kegiatan under it. `sort` on kode or pagu, `cursor` paging, `fields` to pick columns, `total=true` for the count and `totalPagu`.',
        querystring: AnggaranQuery,
        response: { 200: AnggaranPageSchema, ...problems(400, 401) },
      },
    },
    async (request) => listAnggaran(kernel.db, request.query),
  );

  app.get<{ Params: IdParams }>(
    '/api/v1/program/anggaran/:id',
    { config: { access: 'signed-in', appScope: 'program:read' }, schema: { tags, summary: 'One budget line with its indicators', params: IdParams, response: { 200: withEtag(AnggaranSchema), ...problems(400, 401, 404) } } },
    async (request, reply) => {
      const anggaran = await getAnggaran(kernel.db, request.params.id);
      return reply.header('etag', etagFor(anggaran.version)).send(anggaran);
    },
  );

  app.post<{ Body: Static<typeof NewAnggaranSchema> }>(
    '/api/v1/program/anggaran',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Add a budget line for a sub-kegiatan of the nomenclature',
        description: 'An operator adds lines for their own OPD. `pagu` is whole Rupiah.',
        body: NewAnggaranSchema,
        response: { 201: withEtag(AnggaranSchema), ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const anggaran = await createAnggaran(kernel, actorOf(request), access(request), request.body);
      return reply.code(201).header('etag', etagFor(anggaran.version)).header('location', `/api/v1/program/anggaran/${anggaran.id}`).send(anggaran);
    },
  );

  app.patch<{ Params: IdParams; Body: Static<typeof AnggaranPatchSchema>; Headers: IfMatch }>(
    '/api/v1/program/anggaran/:id',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Change the pagu or the indicators of a budget line (If-Match required)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: AnggaranPatchSchema,
        response: { 200: withEtag(AnggaranSchema), ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const anggaran = await updateAnggaran(kernel, actorOf(request), access(request), request.params.id, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(anggaran.version)).send(anggaran);
    },
  );

  app.post<{ Params: IdParams; Body: Static<typeof ArsipBodySchema>; Headers: IfMatch }>(
    '/api/v1/program/anggaran/:id/arsip',
    {
      config: { access: MANAGE },
      schema: {
        tags,
        summary: 'Archive a budget line with a reason (If-Match required)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ArsipBodySchema,
        response: { 200: withEtag(AnggaranSchema), ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const anggaran = await archiveAnggaran(kernel, actorOf(request), access(request), request.params.id, request.headers['if-match'], request.body.alasan);
      return reply.header('etag', etagFor(anggaran.version)).send(anggaran);
    },
  );

  app.get<{ Params: IdParams }>(
    '/api/v1/program/anggaran/:id/riwayat',
    { config: { access: 'signed-in', appScope: 'program:read' }, schema: { tags, summary: 'Every version of a budget line, who and when', params: IdParams, response: { 200: HistorySchema, ...problems(400, 401, 404) } } },
    async (request) => ({ items: await anggaranHistory(kernel.db, request.params.id) }),
  );

  // The import also takes the file itself as `text/csv`; the parser lives in this scope only, so
  // every other route still answers 415 to it.
  await app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => {
      const text = body as string;
      // PostgreSQL text cannot hold NUL; JSON bodies are refused for it by the JSON parser.
      if (text.includes('\u0000')) return done(invalid([{ field: 'csv', rule: 'invalid' }]));
      done(null, { csv: text });
    });
    scope.post<{ Body: Static<typeof ImportBodySchema> }>(
      '/api/v1/program/import',
      {
        config: { access: MANAGE },
        bodyLimit: IMPORT_BODY_LIMIT,
        errorHandler: (error) => {
          if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('request.too_large', { limit: IMPORT_BODY_LIMIT });
          throw error;
        },
        schema: {
          tags,
          summary: 'Import nomenclature and budget lines from a CSV shaped like a SIPD export (city-wide permission)',
          description:
            'Header: `tahun,kode_opd,nama_opd,kode_urusan,nama_urusan,kode_bidang_urusan,nama_bidang_urusan,kode_program,nama_program,kode_kegiatan,nama_kegiatan,kode_sub_kegiatan,nama_sub_kegiatan,pagu,indikator,satuan,target` (`,` or `;`). ' +
            'Every row is checked first: when any fails, the 422 lists each failing line and nothing is stored. Importing the same file again changes nothing. ' +
            'Send JSON `{"csv": "…"}`, or the file itself with `Content-Type: text/csv`.',
          body: ImportBodySchema,
          response: { 200: ImportResultSchema, 422: ImportProblemSchema, ...problems(400, 401, 403, 409, 413) },
        },
      },
      async (request, reply) => {
        assertCityWide(access(request));
        try {
          return await importSipd(kernel, actorOf(request), request.body.csv);
        } catch (error) {
          if (!(error instanceof ImportInvalid)) throw error;
          const locale = localeOf(request);
          const rows = error.rows.map((row) => ({
            line: row.line,
            problems: row.problems.map((p) => ({ column: p.field, rule: p.rule, message: format(fieldRuleMessages[p.rule][locale], p.params) })),
          }));
          return reply.code(422).type('application/problem+json; charset=utf-8').send({ ...renderProblem(request, error), rows });
        }
      },
    );
  });
}
