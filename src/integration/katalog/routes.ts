import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { actorOf, principalOf } from '../../core/auth/principal.js';
import { AppError } from '../../core/http/errors.js';
import { fieldRuleMessages, type FieldRule } from '../../core/http/field-rules.js';
import { localeOf, renderProblem } from '../../core/http/problem.js';
import { problems } from '../../core/http/schemas.js';
import { format, type Locale } from '../../core/i18n/locale.js';
import type { Kernel } from '../../core/kernel.js';
import { etagFor } from '../../registry/kernel/etag.js';
import { forgetAplikasi, tokenServiceOf } from '../kredensial/index.js';
import { IfMatchHeaders, withEtag } from '../../registry/kernel/http-schemas.js';
import { aplikasiHistory, canSee, changeStatusAplikasi, createAplikasi, getAplikasi, updateAplikasi, visibleOpds } from './aplikasi.js';
import { listKatalog, readKatalog } from './daftar.js';
import { importInventaris, InventarisInvalid, MAX_BYTES, ROW_RULES, type InventarisReport } from './inventaris.js';
import { integrationMap } from './peta.js';
import {
  AplikasiListQuery, AplikasiPageSchema, AplikasiPatchSchema, AplikasiSchema, HistorySchema, InventarisProblemSchema, InventarisQuery,
  InventarisReportSchema, NewAplikasiSchema, PetaQuery, PetaSchema, RefParams, StatusBodySchema,
} from './schemas.js';

type Ref = Static<typeof RefParams>;
type IfMatch = Static<typeof IfMatchHeaders>;

const INVENTARIS_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

function localiseReport(report: InventarisReport, locale: Locale) {
  return {
    ...report,
    rows: report.rows.map((row) => ({
      ...row,
      problems: row.problems.map((p) => {
        const template = ROW_RULES[p.rule] ?? fieldRuleMessages[p.rule as FieldRule];
        return { column: p.column, field: p.field, rule: p.rule, message: template ? format(template[locale], p.params) : p.rule };
      }),
    })),
  };
}

/** The app catalogue, its integration levels, the inventory import and the integration map. */
export async function katalogRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['integrasi: katalog'];
  const access = (request: FastifyRequest) => principalOf(request).access;
  /** Levels and the map count metered API use: write what this process counted so far first. */
  const usageCounted = async () => tokenServiceOf(kernel)?.meter.flush();

  app.get<{ Querystring: Static<typeof AplikasiListQuery> }>(
    '/api/v1/integrasi/aplikasi',
    {
      config: { access: 'integrasi.read' },
      schema: {
        tags,
        summary: 'The city’s apps with their integration level',
        description:
          'City-wide readers see every app; an OPD operator (integrasi.read in their OPD) the apps of their OPD. ' +
          '`q` searches name, kode and description; `jenis`, `status`, `opd` and `tingkat` filter. Sorted by name; page with `cursor`. ' +
          '`tingkat` (1–5) is computed from what each app did, with each condition in `alasan`.',
        querystring: AplikasiListQuery,
        response: { 200: AplikasiPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      await usageCounted();
      return listKatalog(kernel.db, access(request), request.query);
    },
  );

  app.post<{ Body: Static<typeof NewAplikasiSchema> }>(
    '/api/v1/integrasi/aplikasi',
    {
      config: { access: 'integrasi.manage' },
      schema: {
        tags,
        summary: 'Register an app in the catalogue',
        description: 'The owner OPD must be in the registry; an OPD operator registers apps of their own OPD only. A kode in use is a 409.',
        body: NewAplikasiSchema,
        response: { 201: withEtag(AplikasiSchema), ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const created = await createAplikasi(kernel, actorOf(request), access(request), request.body);
      const app = await readKatalog(kernel.db, access(request), created.id);
      return reply.code(201).header('etag', etagFor(app.version)).header('location', `/api/v1/integrasi/aplikasi/${app.kode}`).send(app);
    },
  );

  await app.register(async (scope) => {
    scope.addContentTypeParser(INVENTARIS_TYPES, { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.post<{ Querystring: Static<typeof InventarisQuery> }>(
      '/api/v1/integrasi/inventaris',
      {
        config: { access: 'integrasi.manage' },
        bodyLimit: MAX_BYTES,
        errorHandler: (error) => {
          if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('request.too_large', { limit: MAX_BYTES });
          if ((error as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw new AppError('integrasi.inventaris_format');
          throw error;
        },
        schema: {
          tags,
          summary: 'Import the app inventory from CSV or XLSX: dry-run, then apply (upsert by kode, all or nothing)',
          description:
            'Send the file itself as the body (`text/csv` or the XLSX type; the format is also recognised from the bytes). ' +
            'Columns: `kode, nama, jenis, opd_kode, url, status, kontak_nama, kontak_email, kontak_telepon, deskripsi, dataset_produksi, dataset_konsumsi` ' +
            '(Indonesian aliases such as `kode_opd`, `nama_aplikasi`, `email`, `keterangan` are accepted; unknown columns are ignored and listed). ' +
            'Without `apply=true` nothing is stored and the answer is a per-row report. With it, any failing row makes a 422 with the same report and nothing stored. ' +
            'An unreadable file (not UTF-8, broken CSV, merged header cells, missing kode/nama columns) is a 400 naming what is wrong.',
          querystring: InventarisQuery,
          response: { 200: InventarisReportSchema, 422: InventarisProblemSchema, ...problems(400, 401, 403, 409, 413, 415) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError('integrasi.inventaris_format');
        const locale = localeOf(request);
        try {
          const report = await importInventaris(kernel, actorOf(request), access(request), body, request.headers['content-type'], request.query.apply);
          for (const id of report.touched) forgetAplikasi(kernel, id);
          return localiseReport(report, locale);
        } catch (error) {
          if (!(error instanceof InventarisInvalid)) throw error;
          return reply.code(422).type('application/problem+json; charset=utf-8').send({ ...renderProblem(request, error), ...localiseReport(error.report, locale) });
        }
      },
    );
  });

  app.get<{ Querystring: Static<typeof PetaQuery> }>(
    '/api/v1/integrasi/peta',
    {
      config: { access: 'integrasi.read' },
      schema: {
        tags,
        summary: 'The integration map: apps, datasets and the flows between them in the last 90 days',
        description:
          'Flows: `tulis` (API writes) and `impor` (applied imports) app → dataset; `baca` (API reads) and `terima` (events from the feed or webhooks) dataset → app; ' +
          '`panggil` app → app through the gateway. Each has a count and the last time. Apps with no flow are listed in `islands`. An OPD operator sees their OPD’s apps only.',
        querystring: PetaQuery,
        response: { 200: PetaSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      await usageCounted();
      return integrationMap(kernel.db, { includeRetired: request.query.pensiun, opds: visibleOpds(access(request)) });
    },
  );

  app.get<{ Params: Ref }>(
    '/api/v1/integrasi/aplikasi/:ref',
    {
      config: { access: 'integrasi.read' },
      schema: {
        tags,
        summary: 'One app by id or kode, with its integration level and the reasons for it',
        description: 'City-wide readers see every app, an OPD operator the apps of their OPD (403 for others).',
        params: RefParams,
        response: { 200: withEtag(AplikasiSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await usageCounted();
      const found = await readKatalog(kernel.db, access(request), request.params.ref);
      return reply.header('etag', etagFor(found.version)).send(found);
    },
  );

  app.patch<{ Params: Ref; Body: Static<typeof AplikasiPatchSchema>; Headers: IfMatch }>(
    '/api/v1/integrasi/aplikasi/:ref',
    {
      config: { access: 'integrasi.manage' },
      schema: {
        tags,
        summary: 'Change an app (If-Match required)',
        description: 'Status changes go through POST …/status (with a reason). Moving an app to another OPD needs the right to manage both.',
        params: RefParams,
        headers: IfMatchHeaders,
        body: AplikasiPatchSchema,
        response: { 200: withEtag(AplikasiSchema), ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const updated = await updateAplikasi(kernel, actorOf(request), access(request), request.params.ref, request.headers['if-match'], request.body);
      forgetAplikasi(kernel, updated.id); // a new rate limit or owner counts at once for the app's tokens
      const found = await readKatalog(kernel.db, access(request), updated.id);
      return reply.header('etag', etagFor(found.version)).send(found);
    },
  );

  app.post<{ Params: Ref; Body: Static<typeof StatusBodySchema>; Headers: IfMatch }>(
    '/api/v1/integrasi/aplikasi/:ref/status',
    {
      config: { access: 'integrasi.manage' },
      schema: {
        tags,
        summary: 'Set an app active, inactive or retired, with a reason (If-Match required; apps are never deleted)',
        params: RefParams,
        headers: IfMatchHeaders,
        body: StatusBodySchema,
        response: { 200: withEtag(AplikasiSchema), ...problems(400, 401, 403, 404, 412, 428) },
      },
    },
    async (request, reply) => {
      const updated = await changeStatusAplikasi(kernel, actorOf(request), access(request), request.params.ref, request.headers['if-match'], request.body.status, request.body.alasan);
      forgetAplikasi(kernel, updated.id); // an inactive or retired app's tokens are re-checked at once
      const found = await readKatalog(kernel.db, access(request), updated.id);
      return reply.header('etag', etagFor(found.version)).send(found);
    },
  );

  app.get<{ Params: Ref }>(
    '/api/v1/integrasi/aplikasi/:ref/riwayat',
    {
      config: { access: 'integrasi.read' },
      schema: { tags, summary: 'Every version of an app record, who and when', params: RefParams, response: { 200: HistorySchema, ...problems(400, 401, 403, 404) } },
    },
    async (request) => {
      const principalAccess = access(request);
      const found = await getAplikasi(kernel.db, request.params.ref);
      if (!canSee(principalAccess, found)) throw new AppError('integrasi.aplikasi_bukan_wewenang', { kode: found.kode });
      return { items: await aplikasiHistory(kernel.db, found.id) };
    },
  );
}
