import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { actorOf, userOf } from '../../core/auth/principal.js';
import { AppError, invalid } from '../../core/http/errors.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { etagFor } from '../../registry/kernel/etag.js';
import { IfMatchHeaders, withEtag } from '../../registry/kernel/http-schemas.js';
import { createHariLibur, deleteHariLibur, listHariLibur, loadHolidays, updateHariLibur } from './hari-libur.js';
import { addWorkingDays, dayWib, isWorkingDay, type Holidays } from './kalender.js';
import { archiveJenis, createJenis, jenisHistory, listJenis, requireJenis, updateJenis, type JenisInput } from './katalog.js';
import { EKSTENSI, hapusLampiran, isiLampiran, lampiranOf, MEDIA_TYPES, unggah, verifikasiLampiran, type Lampiran } from './lampiran.js';
import { notifikasiSaya, tandaiDibaca } from './notifikasi.js';
import { maskPemohon, placeholderValues } from './pemohon.js';
import { KECAMATAN, KELOLA, PROSES, SELF, STATISTIK, TANDATANGAN, wilayahScope } from './permission.js';
import {
  ajukan, ajukanUlang, ambil, antrian, assertReadable, batal, draf, drafLoket, findPermohonan, milikSaya, mintaPerbaikan, ownNik, pelakuStaf, riwayatOf,
  teruskan, tolak, toPermohonan, type Pelaku, type PermohonanRow,
} from './permohonan.js';
import { cocokkanBerkas, lacak, verifikasi } from './publik.js';
import * as S from './schemas.js';
import { statistik } from './statistik.js';
import { cabut, setujui, suratOf, unduhSurat } from './terbit.js';

type Ref = Static<typeof S.PermohonanParams>;
type IfMatch = Static<typeof S.OptionalIfMatch>;

/** The origin printed in QR codes and links: PADU_PUBLIC_BASE_URL, else the address the request came to. */
function baseUrlOf(kernel: Kernel, request: FastifyRequest): string {
  return kernel.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
}

/**
 * Reads a raw upload (an attachment, a PDF to check) up to `maxBytes`; a larger one is a 413
 * with the limit, answered after the rest is read (up to a hard cap) so the client sees it.
 */
function rawBody(maxBytes: number) {
  const hardCap = Math.max(maxBytes * 4, 16 * 1024 * 1024);
  return (_request: FastifyRequest, payload: NodeJS.ReadableStream & { destroy?: () => void }, done: (err: Error | null, body?: Buffer) => void) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (finished) return;
      finished = true;
      done(error, body);
    };
    const tooLarge = () => new AppError('layanan.lampiran_terlalu_besar', { limit: maxBytes });
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
      if (size > hardCap) {
        finish(tooLarge());
        payload.destroy?.();
      }
    });
    payload.on('end', () => finish(size > maxBytes ? tooLarge() : null, size > maxBytes ? undefined : Buffer.concat(chunks)));
    payload.on('error', (error: Error) => finish(error));
    payload.on('close', () => finish(size > maxBytes ? tooLarge() : new AppError('request.invalid')));
  };
}

function bodyBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new AppError('layanan.lampiran_jenis');
}

const visitOf = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

export async function layananRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['layanan'];
  const limits = { maxBytes: kernel.config.layananMaxFileBytes, maxFiles: kernel.config.layananMaxFiles };

  /**
   * Full view of a request: the timeline, the files, the requirements met, the letter. Staff see the
   * holder's NIK, No. KK and birth date masked, as in the registry's default view: the full record
   * stays behind the registry's reason-and-log path, and the issued letter carries the full data.
   */
  async function detail(row: PermohonanRow, request: FastifyRequest, known?: Holidays) {
    const own = request.principal?.kind === 'user' && request.principal.nik === row.nik;
    const pemohon = own ? row.pemohon : maskPemohon(row.pemohon);
    const [holidays, riwayat, lampiran, surat] = await Promise.all([
      known ?? loadHolidays(kernel.db),
      riwayatOf(kernel.db, row.id),
      lampiranOf(kernel.db, row.id),
      suratOf(kernel.db, row.id, baseUrlOf(kernel, request)),
    ]);
    const met = new Set(lampiran.filter((l) => l.diverifikasi !== 'tidak_sah').map((l) => l.syarat));
    return {
      ...toPermohonan(row, holidays, dayWib()),
      pemohon,
      fields: row.jenis.fields,
      syarat: row.jenis.syarat.map((s) => ({ ...s, terpenuhi: met.has(s.name) })),
      riwayat,
      lampiran,
      surat,
    };
  }

  /** One attachment's bytes, as stored, never shown inline by a browser that guesses types. */
  const sendLampiran = (reply: FastifyReply, { lampiran, isi }: { lampiran: Lampiran; isi: Buffer }) =>
    reply
      .type(lampiran.mediaType)
      .header('content-disposition', `attachment; filename="${lampiran.namaBerkas.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .header('x-content-type-options', 'nosniff')
      .send(isi);

  const sendDetail = async (reply: FastifyReply, request: FastifyRequest, row: PermohonanRow, code = 200, holidays?: Holidays) =>
    reply.code(code).header('etag', etagFor(row.version)).send(await detail(row, request, holidays));

  // ---------------------------------------------------------------- catalogue
  app.get<{ Querystring: Static<typeof S.JenisListQuery> }>(
    '/api/v1/layanan/jenis',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Letter types (jenis surat): those requestable online, or all with `semua=true`', querystring: S.JenisListQuery, response: { 200: Type.Object({ items: Type.Array(S.JenisSchema) }), ...problems(400, 401) } },
    },
    async (request) => ({ items: await listJenis(kernel.db, request.query.semua ? { includeArchived: true } : { onlineOnly: true }) }),
  );

  app.get<{ Params: Static<typeof S.RefParams> }>(
    '/api/v1/layanan/jenis/:ref',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'One letter type by id or kode', params: S.RefParams, response: { 200: withEtag(S.JenisSchema), ...problems(400, 401, 404) } } },
    async (request, reply) => {
      const jenis = await requireJenis(kernel.db, request.params.ref);
      return reply.header('etag', etagFor(jenis.version)).send(jenis);
    },
  );

  app.get(
    '/api/v1/layanan/batas',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Attachment limits: the largest file, the most files per request, the accepted types', response: { 200: S.BatasSchema, ...problems(401) } },
    },
    async () => ({ maxBytes: limits.maxBytes, maxFiles: limits.maxFiles, mediaTypes: [...MEDIA_TYPES], ekstensi: [...EKSTENSI] }),
  );

  app.post<{ Body: Static<typeof S.NewJenisSchema> }>(
    '/api/v1/layanan/jenis',
    {
      config: { access: KELOLA },
      schema: {
        tags,
        summary: 'Add a letter type',
        description: 'Template texts may use `[placeholder]`s of the holder’s registry data and of the form’s fields; an unknown one is a 422. The numbering format needs a `[nomor,N]` token.',
        body: S.NewJenisSchema,
        response: { 201: withEtag(S.JenisSchema), ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const jenis = await createJenis(kernel, actorOf(request), request.body as unknown as JenisInput);
      return reply.code(201).header('etag', etagFor(jenis.version)).header('location', `/api/v1/layanan/jenis/${jenis.id}`).send(jenis);
    },
  );

  app.patch<{ Params: Static<typeof S.RefParams>; Body: Static<typeof S.JenisPatchSchema>; Headers: Static<typeof IfMatchHeaders> }>(
    '/api/v1/layanan/jenis/:ref',
    {
      config: { access: KELOLA },
      schema: {
        tags,
        summary: 'Change a letter type (If-Match required)',
        description: 'Requests already made keep the definition they were made with.',
        params: S.RefParams,
        headers: IfMatchHeaders,
        body: S.JenisPatchSchema,
        response: { 200: withEtag(S.JenisSchema), ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const jenis = await updateJenis(kernel, actorOf(request), request.params.ref, request.headers['if-match'], request.body as Partial<JenisInput>);
      return reply.header('etag', etagFor(jenis.version)).send(jenis);
    },
  );

  app.post<{ Params: Static<typeof S.RefParams>; Body: Static<typeof S.ArsipSchema>; Headers: Static<typeof IfMatchHeaders> }>(
    '/api/v1/layanan/jenis/:ref/arsip',
    {
      config: { access: KELOLA },
      schema: { tags, summary: 'Archive a letter type with a reason (If-Match required)', params: S.RefParams, headers: IfMatchHeaders, body: S.ArsipSchema, response: { 200: withEtag(S.JenisSchema), ...problems(400, 401, 403, 404, 409, 412, 428) } },
    },
    async (request, reply) => {
      const jenis = await archiveJenis(kernel, actorOf(request), request.params.ref, request.headers['if-match'], request.body.alasan);
      return reply.header('etag', etagFor(jenis.version)).send(jenis);
    },
  );

  app.get<{ Params: Static<typeof S.RefParams> }>(
    '/api/v1/layanan/jenis/:ref/riwayat',
    {
      config: { access: KELOLA },
      schema: { tags, summary: 'Every version of a letter type, who and when', params: S.RefParams, response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...problems(400, 401, 403, 404) } },
    },
    async (request) => ({ items: await jenisHistory(kernel.db, request.params.ref) }),
  );

  // ---------------------------------------------------------------- calendar
  app.get<{ Querystring: Static<typeof S.HariLiburQuery> }>(
    '/api/v1/layanan/hari-libur',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Holidays (national, cuti bersama, regional)', querystring: S.HariLiburQuery, response: { 200: Type.Object({ items: Type.Array(S.HariLiburSchema) }), ...problems(400, 401) } } },
    async (request) => ({ items: await listHariLibur(kernel.db, request.query.tahun) }),
  );

  app.get<{ Querystring: Static<typeof S.HariKerjaQuery> }>(
    '/api/v1/layanan/hari-kerja',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Working-day arithmetic: the day `hari` working days after `mulai`',
        querystring: S.HariKerjaQuery,
        response: { 200: Type.Object({ mulai: Type.String(), hari: Type.Integer(), tanggal: Type.String({ format: 'date' }), mulaiHariKerja: Type.Boolean() }), ...problems(400, 401) },
      },
    },
    async (request) => {
      const holidays = await loadHolidays(kernel.db);
      const { mulai, hari } = request.query;
      return { mulai, hari, tanggal: addWorkingDays(mulai, hari, holidays), mulaiHariKerja: isWorkingDay(mulai, holidays) };
    },
  );

  app.post<{ Body: Static<typeof S.NewHariLiburSchema> }>(
    '/api/v1/layanan/hari-libur',
    { config: { access: KELOLA }, schema: { tags, summary: 'Add a holiday (one per date)', body: S.NewHariLiburSchema, response: { 201: withEtag(S.HariLiburSchema), ...problems(400, 401, 403, 409) } } },
    async (request, reply) => {
      const libur = await createHariLibur(kernel, actorOf(request), request.body);
      return reply.code(201).header('etag', etagFor(libur.version)).send(libur);
    },
  );

  app.patch<{ Params: Static<typeof S.NotifikasiParams>; Body: Static<typeof S.HariLiburPatchSchema>; Headers: Static<typeof IfMatchHeaders> }>(
    '/api/v1/layanan/hari-libur/:id',
    {
      config: { access: KELOLA },
      schema: { tags, summary: 'Correct or confirm a holiday (If-Match required)', params: S.NotifikasiParams, headers: IfMatchHeaders, body: S.HariLiburPatchSchema, response: { 200: withEtag(S.HariLiburSchema), ...problems(400, 401, 403, 404, 409, 412, 428) } },
    },
    async (request, reply) => {
      const libur = await updateHariLibur(kernel, actorOf(request), request.params.id, request.headers['if-match'], request.body);
      return reply.header('etag', etagFor(libur.version)).send(libur);
    },
  );

  app.delete<{ Params: Static<typeof S.NotifikasiParams>; Headers: Static<typeof IfMatchHeaders> }>(
    '/api/v1/layanan/hari-libur/:id',
    { config: { access: KELOLA }, schema: { tags, summary: 'Remove a holiday (If-Match required)', params: S.NotifikasiParams, headers: IfMatchHeaders, response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 412, 428) } } },
    async (request, reply) => {
      await deleteHariLibur(kernel, actorOf(request), request.params.id, request.headers['if-match']);
      return reply.code(204).send();
    },
  );

  // ---------------------------------------------------------------- residents (self)
  const saya = (request: FastifyRequest): Pelaku => ({ kind: 'warga', nik: ownNik(userOf(request)) });

  app.get<{ Params: Static<typeof S.JenisParams> }>(
    '/api/v1/layanan/saya/draf/:jenis',
    {
      config: { access: SELF },
      schema: {
        tags,
        summary: 'A new request’s form, pre-filled from the registry',
        description: 'The holder’s data as the letter will print it; the resident fills only `jenis.fields`. 404 `layanan.self_unlinked` when the account has no NIK.',
        params: S.JenisParams,
        response: { 200: S.DrafSchema, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { jenis, pemohon } = await draf(kernel, ownNik(userOf(request)), request.params.jenis, true);
      return { jenis, pemohon, terisi: placeholderValues(pemohon, [], {}) };
    },
  );

  app.post<{ Body: Static<typeof S.AjukanSchema>; Headers: Static<typeof S.IdempotencyHeaders> }>(
    '/api/v1/layanan/saya/permohonan',
    {
      config: { access: SELF },
      schema: {
        tags,
        summary: 'Submit a request for oneself',
        description: 'Send only the form’s extra fields. With `Idempotency-Key`, sending the same submission again returns the same request (header `Idempotent-Replayed: true`); the same key with another body is a 422.',
        headers: S.IdempotencyHeaders,
        body: S.AjukanSchema,
        response: { 201: withEtag(S.DetailSchema), ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = userOf(request);
      const { row, replay, holidays } = await ajukan(kernel, actorOf(request), principal, ownNik(principal), 'online', request.body, request.headers['idempotency-key']);
      if (replay) reply.header('idempotent-replayed', 'true');
      return sendDetail(reply.header('location', `/api/v1/layanan/saya/permohonan/${row.id}`), request, row, 201, holidays);
    },
  );

  app.get<{ Querystring: Static<typeof S.SayaQuery> }>(
    '/api/v1/layanan/saya/permohonan',
    {
      config: { access: SELF },
      schema: {
        tags,
        summary: 'My requests, newest first, a page at a time',
        description: 'Pass the answer’s `nextCursor` as `cursor` for the next page; null on the last one.',
        querystring: S.SayaQuery,
        response: { 200: S.QueuePageSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => milikSaya(kernel.db, ownNik(userOf(request)), request.query),
  );

  app.get<{ Params: Ref }>(
    '/api/v1/layanan/saya/permohonan/:ref',
    { config: { access: SELF }, schema: { tags, summary: 'One of my requests by id or tracking code (another’s is a 404)', params: S.PermohonanParams, response: { 200: withEtag(S.DetailSchema), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => sendDetail(reply, request, assertReadable(await findPermohonan(kernel.db, request.params.ref), saya(request), request.params.ref)),
  );

  app.post<{ Params: Ref; Body: Static<typeof S.BatalSchema>; Headers: IfMatch }>(
    '/api/v1/layanan/saya/permohonan/:ref/batal',
    {
      config: { access: SELF },
      schema: { tags, summary: 'Cancel my request (before approval)', params: S.PermohonanParams, headers: S.OptionalIfMatch, body: S.BatalSchema, response: { 200: withEtag(S.DetailSchema), ...problems(400, 401, 403, 404, 409, 412) } },
    },
    async (request, reply) => sendDetail(reply, request, await batal(kernel, actorOf(request), ownNik(userOf(request)), request.params.ref, request.body.alasan ?? null, request.headers['if-match'])),
  );

  app.post<{ Params: Ref; Body: Static<typeof S.AjukanUlangSchema>; Headers: IfMatch }>(
    '/api/v1/layanan/saya/permohonan/:ref/ajukan-ulang',
    {
      config: { access: SELF },
      schema: {
        tags,
        summary: 'Send my request back after “needs changes”',
        description: 'Corrected fields in `data` (merged with the earlier ones); new files go up first. The SLA clock starts again.',
        params: S.PermohonanParams,
        headers: S.OptionalIfMatch,
        body: S.AjukanUlangSchema,
        response: { 200: withEtag(S.DetailSchema), ...problems(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => sendDetail(reply, request, await ajukanUlang(kernel, actorOf(request), ownNik(userOf(request)), request.params.ref, request.body, request.headers['if-match'])),
  );

  app.get<{ Params: Ref }>(
    '/api/v1/layanan/saya/permohonan/:ref/surat',
    {
      config: { access: SELF },
      schema: { tags, summary: 'Download my issued letter (PDF, exactly as issued)', params: S.PermohonanParams, response: { 200: Type.String({ contentMediaType: 'application/pdf' }), ...problems(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const { nomor, pdf } = await unduhSurat(kernel.db, saya(request), request.params.ref);
      return sendPdf(reply, nomor, pdf);
    },
  );

  app.get<{ Params: Static<typeof S.LampiranParams> }>(
    '/api/v1/layanan/saya/permohonan/:ref/lampiran/:lampiranId',
    {
      config: { access: SELF },
      schema: {
        tags,
        summary: 'Download a file I attached to my request',
        description: 'Only files of one’s own requests: another resident’s request, or a file of another request, is a 404.',
        params: S.LampiranParams,
        response: { 200: Type.String({ contentMediaType: 'application/octet-stream' }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => sendLampiran(reply, await isiLampiran(kernel.db, saya(request), request.params.ref, request.params.lampiranId)),
  );

  app.get<{ Querystring: Static<typeof S.LimitQuery> }>(
    '/api/v1/layanan/saya/notifikasi',
    { config: { access: SELF }, schema: { tags, summary: 'My notifications, newest first', querystring: S.LimitQuery, response: { 200: S.NotifikasiSchema, ...problems(400, 401, 403, 404) } } },
    async (request) => ({ items: await notifikasiSaya(kernel.db, ownNik(userOf(request)), request.query.limit) }),
  );

  app.post<{ Params: Static<typeof S.NotifikasiParams> }>(
    '/api/v1/layanan/saya/notifikasi/:id/dibaca',
    { config: { access: SELF }, schema: { tags, summary: 'Mark one of my notifications read', params: S.NotifikasiParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      if (!(await tandaiDibaca(kernel.db, ownNik(userOf(request)), request.params.id))) throw new AppError('layanan.notifikasi_not_found');
      return reply.code(204).send();
    },
  );

  // ---------------------------------------------------------------- staff
  app.get<{ Querystring: Static<typeof S.QueueQuery> }>(
    '/api/v1/layanan/permohonan',
    {
      config: { access: PROSES },
      schema: {
        tags,
        summary: 'Work queue of my kelurahan',
        description: 'Oldest due date first, with the SLA due date and working days left. Filters: `status`, `saya` (assigned to me), `terlambat` (overdue), `jenis`, `kelurahan`.',
        querystring: S.QueueQuery,
        response: { 200: S.QueuePageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const principal = userOf(request);
      return antrian(kernel.db, await wilayahScope(kernel.db, principal.access, PROSES), principal.userId, request.query);
    },
  );

  app.get<{ Params: Static<typeof S.JenisParams>; Querystring: Static<typeof S.LoketDrafQuery> }>(
    '/api/v1/layanan/loket/draf/:jenis',
    {
      config: { access: PROSES },
      schema: {
        tags,
        summary: 'The counter’s pre-fill: a letter type and the resident named by NIK, before submitting',
        description:
          'The holder’s registry data with NIK, No. KK and birth date masked, as in every staff view. An unknown NIK (or one not living) is a 404 `layanan.pemohon_not_found`; a resident of a kelurahan outside the officer’s is a 403 `layanan.pemohon_luar_wilayah`. Letter types not requestable online are offered too.',
        params: S.JenisParams,
        querystring: S.LoketDrafQuery,
        response: { 200: S.LoketDrafSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const nik = request.query.nik.replace(/[\s.-]/g, '');
      if (!/^\d{16}$/.test(nik)) throw invalid([{ field: 'nik', rule: 'pattern', params: { pattern: '16 digits' } }]);
      const { jenis, pemohon } = await drafLoket(kernel, userOf(request), nik, request.params.jenis);
      return { jenis, pemohon: request.principal?.kind === 'user' && request.principal.nik === pemohon.nik ? pemohon : maskPemohon(pemohon) };
    },
  );

  app.post<{ Body: Static<typeof S.AjukanLoketSchema>; Headers: Static<typeof S.IdempotencyHeaders> }>(
    '/api/v1/layanan/permohonan',
    {
      config: { access: PROSES },
      schema: {
        tags,
        summary: 'Enter a walk-in request at the counter, for a resident by NIK',
        description: 'Same workflow as online requests; also for letter types not requestable online. The resident must live in the officer’s kelurahan (403 otherwise).',
        headers: S.IdempotencyHeaders,
        body: S.AjukanLoketSchema,
        response: { 201: withEtag(S.DetailSchema), ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { nik, ...input } = request.body;
      const { row, replay, holidays } = await ajukan(kernel, actorOf(request), userOf(request), nik.replace(/[\s.-]/g, ''), 'loket', input, request.headers['idempotency-key']);
      if (replay) reply.header('idempotent-replayed', 'true');
      return sendDetail(reply.header('location', `/api/v1/layanan/permohonan/${row.id}`), request, row, 201, holidays);
    },
  );

  app.get<{ Params: Ref }>(
    '/api/v1/layanan/permohonan/:ref',
    { config: { access: PROSES }, schema: { tags, summary: 'One request of my kelurahan, by id or tracking code', params: S.PermohonanParams, response: { 200: withEtag(S.DetailSchema), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const pelaku = await pelakuStaf(kernel.db, userOf(request), PROSES);
      return sendDetail(reply, request, assertReadable(await findPermohonan(kernel.db, request.params.ref), pelaku, request.params.ref));
    },
  );

  const staffAction = (
    path: string,
    summary: string,
    body: typeof S.CatatanSchema | typeof S.CatatanWajibSchema | typeof S.AlasanSchema,
    run: (request: FastifyRequest<{ Params: Ref; Body: Record<string, string | null | undefined>; Headers: IfMatch }>) => Promise<PermohonanRow>,
    access: typeof PROSES | typeof TANDATANGAN = PROSES,
    statuses = [400, 401, 403, 404, 409, 412],
  ) =>
    app.post<{ Params: Ref; Body: Record<string, string | null | undefined>; Headers: IfMatch }>(
      path,
      { config: { access }, schema: { tags, summary, params: S.PermohonanParams, headers: S.OptionalIfMatch, body, response: { 200: withEtag(S.DetailSchema), ...problems(...statuses) } } },
      async (request, reply) => sendDetail(reply, request, await run(request)),
    );

  staffAction('/api/v1/layanan/permohonan/:ref/ambil', 'Assign a new request to myself and start verifying it', S.CatatanSchema, (r) =>
    ambil(kernel, actorOf(r), userOf(r), r.params.ref, r.headers['if-match']));
  staffAction('/api/v1/layanan/permohonan/:ref/perbaikan', 'Ask the resident for changes, with a comment', S.CatatanWajibSchema, (r) =>
    mintaPerbaikan(kernel, actorOf(r), userOf(r), r.params.ref, r.body.catatan!, r.headers['if-match']));
  staffAction(
    '/api/v1/layanan/permohonan/:ref/teruskan',
    'Forward a verified request to the lurah for signature (every required file verified valid, else 422)',
    S.CatatanSchema,
    (r) => teruskan(kernel, actorOf(r), userOf(r), r.params.ref, r.body.catatan ?? null, r.headers['if-match']),
    PROSES,
    [400, 401, 403, 404, 409, 412, 422],
  );
  staffAction('/api/v1/layanan/permohonan/:ref/tolak', 'Refuse a request with a reason (once it waits for the signature: the signer only)', S.AlasanSchema, (r) =>
    tolak(kernel, actorOf(r), userOf(r), r.params.ref, r.body.alasan!, r.headers['if-match']));

  app.post<{ Params: Ref; Headers: IfMatch }>(
    '/api/v1/layanan/permohonan/:ref/setujui',
    {
      config: { access: TANDATANGAN },
      schema: {
        tags,
        summary: 'Approve and sign: number the letter, render and store its PDF',
        description:
          'The number is the next of the letter type’s sequence in the kelurahan this year, taken in the approval’s transaction (no gaps, no duplicates). The signer is the approver’s employee record: an account without a linked NIP gets 422. Letters signed by the lurah need the lurah.',
        params: S.PermohonanParams,
        headers: S.OptionalIfMatch,
        response: { 200: withEtag(S.DetailSchema), ...problems(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const { row } = await setujui(kernel, actorOf(request), userOf(request), request.params.ref, baseUrlOf(kernel, request), request.headers['if-match']);
      return sendDetail(reply, request, row);
    },
  );

  app.post<{ Params: Ref; Body: Static<typeof S.AlasanSchema> }>(
    '/api/v1/layanan/permohonan/:ref/surat/cabut',
    {
      config: { access: TANDATANGAN },
      schema: { tags, summary: 'Revoke an issued letter with a reason', params: S.PermohonanParams, body: S.AlasanSchema, response: { 200: S.SuratSchema, ...problems(400, 401, 403, 404, 409) } },
    },
    async (request) => cabut(kernel, actorOf(request), userOf(request), request.params.ref, request.body.alasan, baseUrlOf(kernel, request)),
  );

  app.get<{ Params: Ref }>(
    '/api/v1/layanan/permohonan/:ref/surat',
    { config: { access: PROSES }, schema: { tags, summary: 'Download an issued letter (PDF)', params: S.PermohonanParams, response: { 200: Type.String({ contentMediaType: 'application/pdf' }), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { nomor, pdf } = await unduhSurat(kernel.db, await pelakuStaf(kernel.db, userOf(request), PROSES), request.params.ref);
      return sendPdf(reply, nomor, pdf);
    },
  );

  app.post<{ Params: Static<typeof S.LampiranParams>; Body: Static<typeof S.VerifikasiLampiranSchema> }>(
    '/api/v1/layanan/permohonan/:ref/lampiran/:lampiranId/verifikasi',
    {
      config: { access: PROSES },
      schema: { tags, summary: 'Mark one attachment valid or not', params: S.LampiranParams, body: S.VerifikasiLampiranSchema, response: { 200: S.LampiranSchema, ...problems(400, 401, 403, 404, 409) } },
    },
    async (request) =>
      verifikasiLampiran(kernel, actorOf(request), await pelakuStaf(kernel.db, userOf(request), PROSES), request.params.ref, request.params.lampiranId, request.body.sah, request.body.catatan ?? null),
  );

  app.get<{ Params: Static<typeof S.LampiranParams> }>(
    '/api/v1/layanan/permohonan/:ref/lampiran/:lampiranId',
    { config: { access: PROSES }, schema: { tags, summary: 'Download one attachment', params: S.LampiranParams, response: { 200: Type.String({ contentMediaType: 'application/octet-stream' }), ...problems(400, 401, 403, 404) } } },
    async (request, reply) =>
      sendLampiran(reply, await isiLampiran(kernel.db, await pelakuStaf(kernel.db, userOf(request), PROSES), request.params.ref, request.params.lampiranId)),
  );

  // Raw uploads (an attachment's bytes as the body, any Content-Type: the content decides).
  await app.register(async (upload) => {
    upload.addContentTypeParser('*', rawBody(limits.maxBytes));
    const uploadSchema = (summary: string) => ({
      tags,
      summary,
      description: `The file is the request body (PDF, JPEG or PNG, recognised by its content, not its name), at most ${limits.maxBytes} bytes (413) and ${limits.maxFiles} files per request (422); anything else is a 415.`,
      params: S.PermohonanParams,
      querystring: S.UnggahQuery,
      response: { 201: S.LampiranSchema, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    });
    upload.post<{ Params: Ref; Querystring: Static<typeof S.UnggahQuery> }>(
      '/api/v1/layanan/saya/permohonan/:ref/lampiran',
      { config: { access: SELF }, schema: uploadSchema('Attach a file to my request') },
      async (request, reply) =>
        reply.code(201).send(await unggah(kernel, actorOf(request), saya(request), request.params.ref, request.query.syarat, request.query.nama, bodyBytes(request.body), limits)),
    );
    upload.post<{ Params: Ref; Querystring: Static<typeof S.UnggahQuery> }>(
      '/api/v1/layanan/permohonan/:ref/lampiran',
      { config: { access: PROSES }, schema: uploadSchema('Attach a file to a request (counter)') },
      async (request, reply) =>
        reply.code(201).send(await unggah(kernel, actorOf(request), await pelakuStaf(kernel.db, userOf(request), PROSES), request.params.ref, request.query.syarat, request.query.nama, bodyBytes(request.body), limits)),
    );
    upload.post<{ Params: Static<typeof S.TokenParams> }>(
      '/api/v1/verifikasi/:token/berkas',
      {
        config: { access: 'public' },
        schema: {
          tags: ['verifikasi'],
          summary: 'Is this PDF exactly the issued letter? (SHA-256 of the upload against the stored hash)',
          params: S.TokenParams,
          response: { 200: S.CocokSchema, ...problems(400, 404, 413, 429) },
        },
      },
      async (request) => cocokkanBerkas(kernel, request.params.token, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), visitOf(request)),
    );
  });

  app.delete<{ Params: Static<typeof S.LampiranParams> }>(
    '/api/v1/layanan/saya/permohonan/:ref/lampiran/:lampiranId',
    { config: { access: SELF }, schema: { tags, summary: 'Remove a file from my request (while it waits for me)', params: S.LampiranParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      await hapusLampiran(kernel, actorOf(request), saya(request), request.params.ref, request.params.lampiranId);
      return reply.code(204).send();
    },
  );

  // ---------------------------------------------------------------- kecamatan and figures
  app.get<{ Querystring: Static<typeof S.QueueQuery> }>(
    '/api/v1/layanan/kecamatan/permohonan',
    {
      config: { access: KECAMATAN },
      schema: {
        tags,
        summary: 'Requests across the kelurahan of my kecamatan (overdue ones with `terlambat=true`)',
        querystring: S.QueueQuery,
        response: { 200: S.QueuePageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const principal = userOf(request);
      return antrian(kernel.db, await wilayahScope(kernel.db, principal.access, KECAMATAN), principal.userId, request.query);
    },
  );

  app.get<{ Params: Ref }>(
    '/api/v1/layanan/kecamatan/permohonan/:ref',
    {
      config: { access: KECAMATAN },
      schema: {
        tags,
        summary: 'One request in a kelurahan of my kecamatan, read-only, by id or tracking code',
        description: 'The same view as the kelurahan staff’s, the holder’s NIK, No. KK and birth date masked. A request outside the kecamatan is a 404.',
        params: S.PermohonanParams,
        response: { 200: withEtag(S.DetailSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const pelaku = await pelakuStaf(kernel.db, userOf(request), KECAMATAN);
      return sendDetail(reply, request, assertReadable(await findPermohonan(kernel.db, request.params.ref), pelaku, request.params.ref));
    },
  );

  app.get<{ Querystring: Static<typeof S.StatistikQuery> }>(
    '/api/v1/layanan/statistik',
    {
      config: { access: STATISTIK },
      schema: {
        tags,
        summary: 'Figures: requests per kelurahan, letter type and month; median time to completion; share within SLA',
        description: 'Over the requests submitted in `tahun`, within the reader’s places (kelurahan for a lurah, kecamatan for a camat, the city for pimpinan).',
        querystring: S.StatistikQuery,
        response: { 200: S.StatistikSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => statistik(kernel.db, await wilayahScope(kernel.db, userOf(request).access, STATISTIK), request.query),
  );

  // ---------------------------------------------------------------- public
  app.get<{ Params: Static<typeof S.TokenParams> }>(
    '/api/v1/verifikasi/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['verifikasi'],
        summary: 'Verify a letter by the token in its QR code',
        description: 'Valid or revoked, the letter type, number, date, the holder’s name partly masked and the issuing kelurahan. Each visit is logged; an address asking for many unknown tokens is locked out for a while (429).',
        params: S.TokenParams,
        response: { 200: S.VerifikasiSchema, ...problems(400, 404, 429) },
      },
    },
    async (request) => verifikasi(kernel, request.params.token, visitOf(request)),
  );

  app.get<{ Params: Static<typeof S.KodeParams> }>(
    '/api/v1/lacak/:kode',
    {
      config: { access: 'public' },
      schema: {
        tags: ['layanan'],
        summary: 'Track a request by its code, without signing in: status and dates only',
        params: S.KodeParams,
        response: { 200: S.LacakSchema, ...problems(400, 404, 429) },
      },
    },
    async (request) => lacak(kernel, request.params.kode, visitOf(request)),
  );
}

function sendPdf(reply: FastifyReply, nomor: string, pdf: Buffer) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="surat-${nomor.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`)
    .send(pdf);
}
