import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { actorOf } from '../../core/auth/principal.js';
import { AppError } from '../../core/http/errors.js';
import { localeOf } from '../../core/http/problem.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { daftarKonflik, putuskanKonflik, viewKonflik } from './konflik.js';
import { kualitasAplikasi, kualitasDataset } from './kualitas.js';
import { bangunkanPekerja } from './pekerja.js';
import { daftarImpor, getImpor, masalah, periksa, terapkan, unggah, viewImpor } from './layanan.js';

const tags = ['integrasi: impor'];
const Any = Type.Object({}, { additionalProperties: true });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const UnggahQuery = Type.Object({
  aplikasi: Type.String({ minLength: 1, maxLength: 64, description: 'The source app (kode or id) of the catalogue' }),
  dataset: Type.String({ minLength: 1, maxLength: 32, description: 'Target dataset: penduduk (key NIK), pegawai (key NIP) or organisasi (OPD, key kode)' }),
  nama: Type.Optional(Type.String({ maxLength: 200, description: 'The file name (helps recognise the format)' })),
});
const ListQuery = Type.Object({
  aplikasi: Type.Optional(Type.String({ maxLength: 64 })),
  dataset: Type.Optional(Type.String({ maxLength: 32 })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
const PeriksaBody = Type.Object({
  pemetaan: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.Union([Type.String({ maxLength: 64 }), Type.Null()]))),
}, { additionalProperties: false });
const MasalahQuery = Type.Object({
  aturan: Type.Optional(Type.String({ maxLength: 100 })),
  setelah: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
});
const KonflikQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('terbuka'), Type.Literal('diputuskan')])),
  dataset: Type.Optional(Type.String({ maxLength: 32 })),
  aplikasi: Type.Optional(Type.String({ maxLength: 64 })),
  field: Type.Optional(Type.String({ maxLength: 64 })),
  kunci: Type.Optional(Type.String({ maxLength: 32 })),
  cursor: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
const KeputusanBody = Type.Object({
  keputusan: Type.Union([Type.Literal('pertahankan'), Type.Literal('ambil_masuk'), Type.Literal('koreksi')]),
  nilai: Type.Optional(Type.String({ maxLength: 300 })),
  alasan: Type.String({ minLength: 1, maxLength: 1000 }),
}, { additionalProperties: false });
const DatasetParams = Type.Object({ dataset: Type.String({ minLength: 1, maxLength: 32 }) });
const RefParams = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 64 }) });

/** Imports from legacy apps, the reconciliation queue and the data-quality figures. */
export async function imporRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const maxBytes = kernel.config.impor.maxBytes;
  await app.register(async (scope) => {
    // The file itself is the body, whatever its Content-Type: the bytes decide the format.
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
    scope.post<{ Querystring: Static<typeof UnggahQuery> }>(
      '/api/v1/integrasi/impor',
      {
        config: { access: 'integrasi.impor' },
        bodyLimit: maxBytes,
        errorHandler: (error) => {
          if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('integrasi.impor_terlalu_besar', { limit: maxBytes });
          throw error;
        },
        schema: {
          tags,
          summary: 'Upload a legacy export (CSV, XLSX or JSON array) for an app and dataset; suggests a column mapping',
          description:
            'The file is the request body. CSV must be UTF-8 (comma or semicolon), XLSX the first sheet with headers in row 1 (no merged header cells), ' +
            'JSON an array of objects. Unreadable files answer 413/422 naming what is wrong (empty, too large, encoding, malformed, merged headers). ' +
            'The mapping last saved for the app and dataset is reused; columns mapped to nothing are listed in the dry-run summary (`tidakDikenal`).',
          querystring: UnggahQuery,
          response: { 201: Any, ...problems(400, 401, 403, 404, 413, 422) },
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const impor = await unggah(kernel, actorOf(request), { aplikasi: request.query.aplikasi, dataset: request.query.dataset, nama: request.query.nama ?? '', isi: body });
        return reply.code(201).send(viewImpor(impor, localeOf(request)));
      },
    );
  });

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/api/v1/integrasi/impor',
    { config: { access: 'integrasi.impor' }, schema: { tags, summary: 'Imports, newest first', querystring: ListQuery, response: { 200: Any, ...problems(400, 401, 403) } } },
    async (request) => ({ items: (await daftarImpor(kernel.db, request.query)).map((row) => viewImpor(row, localeOf(request))) }),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/integrasi/impor/:id',
    {
      config: { access: 'integrasi.impor' },
      schema: { tags, summary: 'One import: mapping, dry-run summary, progress (rows done / total) and result', params: IdParams, response: { 200: Any, ...problems(400, 401, 403, 404) } },
    },
    async (request) => viewImpor(await getImpor(kernel.db, request.params.id), localeOf(request)),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof PeriksaBody> }>(
    '/api/v1/integrasi/impor/:id/periksa',
    {
      config: { access: 'integrasi.impor' },
      schema: {
        tags,
        summary: 'Dry-run: save the column mapping and check every row with the registry’s rules; nothing is applied',
        params: IdParams,
        body: PeriksaBody,
        response: { 200: Any, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => viewImpor(await periksa(kernel, actorOf(request), request.params.id, request.body?.pemetaan), localeOf(request)),
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof MasalahQuery> }>(
    '/api/v1/integrasi/impor/:id/masalah',
    {
      config: { access: 'integrasi.impor' },
      schema: { tags, summary: 'The dry-run’s per-row report: each broken rule of each row, paged by row number', params: IdParams, querystring: MasalahQuery, response: { 200: Any, ...problems(400, 401, 403, 404) } },
    },
    async (request) => masalah(kernel.db, request.params.id, request.query, localeOf(request)),
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/v1/integrasi/impor/:id/terapkan',
    {
      config: { access: 'integrasi.impor' },
      schema: {
        tags,
        summary: 'Apply a clean dry-run: an idempotent upsert by natural key in batches, in the background (poll the import for progress)',
        params: IdParams,
        response: { 202: Any, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const impor = await terapkan(kernel, actorOf(request), request.params.id);
      bangunkanPekerja(kernel);
      return reply.code(202).send(viewImpor(impor, localeOf(request)));
    },
  );

  app.get<{ Querystring: Static<typeof KonflikQuery> }>(
    '/api/v1/integrasi/konflik',
    {
      config: { access: 'integrasi.rekonsiliasi' },
      schema: { tags, summary: 'The reconciliation queue: conflicts between sources (open by default), filtered', querystring: KonflikQuery, response: { 200: Any, ...problems(400, 401, 403) } },
    },
    async (request) => {
      const page = await daftarKonflik(kernel.db, request.query);
      return { ...page, items: page.items.map((row) => viewKonflik(row, localeOf(request))) };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof KeputusanBody> }>(
    '/api/v1/integrasi/konflik/:id/keputusan',
    {
      config: { access: 'integrasi.rekonsiliasi' },
      schema: {
        tags,
        summary: 'Decide a conflict: keep the current value, take the incoming one, or enter a corrected value, with a reason',
        description: 'Writes the registry through its own functions, is audited and emits `rekonsiliasi.diputuskan` (dataset, record id, field, chosen source).',
        params: IdParams,
        body: KeputusanBody,
        response: { 200: Any, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => viewKonflik(await putuskanKonflik(kernel, actorOf(request), request.params.id, request.body, localeOf(request)), localeOf(request)),
  );

  app.get<{ Params: Static<typeof DatasetParams> }>(
    '/api/v1/integrasi/kualitas/dataset/:dataset',
    {
      config: { access: 'integrasi.impor' },
      schema: { tags, summary: 'Data quality of a dataset: completeness per field, invalid values, duplicates, open conflicts', params: DatasetParams, response: { 200: Any, ...problems(400, 401, 403) } },
    },
    async (request) => kualitasDataset(kernel, request.params.dataset, localeOf(request)),
  );

  app.get<{ Params: Static<typeof RefParams> }>(
    '/api/v1/integrasi/kualitas/aplikasi/:ref',
    {
      config: { access: 'integrasi.impor' },
      schema: { tags, summary: 'Data quality of a source app’s imports: completeness, invalid values, duplicate keys, open conflicts', params: RefParams, response: { 200: Any, ...problems(400, 401, 403, 404) } },
    },
    async (request) => kualitasAplikasi(kernel, request.params.ref, localeOf(request)),
  );
}
