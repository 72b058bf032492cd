import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { actorOf } from '../../core/auth/principal.js';
import { AppError, type FieldViolation } from '../../core/http/errors.js';
import { renderProblem } from '../../core/http/problem.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { getBoundary, importBoundaries } from './boundaries.js';
import type { FeatureReport } from './feature-check.js';
import {
  BoundaryFeatureSchema,
  FeatureCollectionBody,
  ImportRejectedSchema,
  ImportSummarySchema,
  KodeParams,
  PemdaTreeSchema,
  WilayahListQuery,
  WilayahListSchema,
  WilayahPageSchema,
  WilayahSchema,
} from './schemas.js';
import { listChildren, listWilayah, pemdaTree, requireWilayah } from './service.js';

type KodeParams = Static<typeof KodeParams>;

/** Boundary files of a whole city run to megabytes; every other route keeps the global limit. */
const BOUNDARY_BODY_LIMIT = 20 * 1024 * 1024;

/** 422 problem+json whose `features` lists each rejected feature with its broken rules. */
function sendRejection(request: FastifyRequest, reply: FastifyReply, reports: FeatureReport[]): FastifyReply {
  const violations: FieldViolation[] = reports.flatMap((r) =>
    r.problems.map((p) => ({ ...p, field: p.field ? `features/${r.index}/${p.field}` : `features/${r.index}` })),
  );
  const problem = renderProblem(request, new AppError('wilayah.boundaries_invalid', { count: reports.length }, violations));
  const rendered = problem.errors ?? [];
  let next = 0;
  const features = reports.map((r) => ({
    index: r.index,
    kode: r.kode,
    problems: r.problems.map((p) => ({ field: p.field, rule: p.rule, message: rendered[next++]!.message })),
  }));
  return reply.code(422).type('application/problem+json; charset=utf-8').send({ ...problem, features });
}

export async function wilayahRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['wilayah'];

  app.get<{ Querystring: Static<typeof WilayahListQuery> }>(
    '/api/v1/wilayah',
    {
      config: { access: 'signed-in', appScope: 'wilayah:read' },
      schema: {
        tags,
        summary: 'List regions in kode order, filtered by level, parent, name or kode; keyset pages',
        querystring: WilayahListQuery,
        response: { 200: WilayahPageSchema, ...problems(400, 401) },
      },
    },
    async (request) => listWilayah(kernel.db, request.query),
  );

  app.get(
    '/api/v1/wilayah/pemda',
    {
      config: { access: 'signed-in', appScope: 'wilayah:read' },
      schema: {
        tags,
        summary: 'The pemda this installation serves, with its kecamatan and their kelurahan/desa',
        response: { 200: PemdaTreeSchema, ...problems(401) },
      },
    },
    async () => pemdaTree(kernel.db, kernel.config.pemdaCode),
  );

  app.get<{ Params: KodeParams }>(
    '/api/v1/wilayah/:kode',
    {
      config: { access: 'signed-in', appScope: 'wilayah:read' },
      schema: { tags, summary: 'One region by kode (13.71.01.1001 or 1371011001) or id', params: KodeParams, response: { 200: WilayahSchema, ...problems(400, 401, 404) } },
    },
    async (request) => requireWilayah(kernel.db, request.params.kode),
  );

  app.get<{ Params: KodeParams }>(
    '/api/v1/wilayah/:kode/children',
    {
      config: { access: 'signed-in', appScope: 'wilayah:read' },
      schema: { tags, summary: 'The regions directly below one region', params: KodeParams, response: { 200: WilayahListSchema, ...problems(400, 401, 404) } },
    },
    async (request) => ({ items: await listChildren(kernel.db, request.params.kode) }),
  );

  app.get<{ Params: KodeParams }>(
    '/api/v1/wilayah/:kode/boundary',
    {
      config: { access: 'signed-in', appScope: 'wilayah:read' },
      schema: {
        tags,
        summary: 'The boundary of a region as a GeoJSON Feature; 404 when none is attached',
        params: KodeParams,
        response: { 200: BoundaryFeatureSchema, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const boundary = await getBoundary(kernel.db, request.params.kode);
      const { kode, nama, level, importId, importedAt } = boundary;
      return reply.type('application/geo+json').send({
        type: 'Feature',
        id: kode,
        bbox: boundary.bbox,
        properties: { kode, nama, level, importId, importedAt },
        geometry: boundary.geometry,
      });
    },
  );

  app.post<{ Body: Static<typeof FeatureCollectionBody> }>(
    '/api/v1/wilayah/boundaries',
    {
      config: { access: 'wilayah.manage' },
      bodyLimit: BOUNDARY_BODY_LIMIT,
      // The kernel's handler would name the global limit; everything else goes on to it unchanged.
      errorHandler: (error) => {
        if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('request.too_large', { limit: BOUNDARY_BODY_LIMIT });
        throw error;
      },
      schema: {
        tags,
        summary: 'Attach boundaries from a GeoJSON FeatureCollection; all features or none',
        description:
          'Each feature names its region in properties.kode (or kode_wilayah, code) and carries a valid Polygon or MultiPolygon in WGS 84. ' +
          'If any feature breaks a rule the answer is 422 listing every such feature, and nothing is stored. Up to 20 MB.',
        body: FeatureCollectionBody,
        response: { 200: ImportSummarySchema, 422: ImportRejectedSchema, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const outcome = await importBoundaries(kernel, actorOf(request), request.body.features);
      if (!outcome.ok) return sendRejection(request, reply, outcome.reports);
      return outcome.summary;
    },
  );
}
