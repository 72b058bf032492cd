import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { AppError } from '../http/errors.js';
import { problems, Text } from '../http/schemas.js';
import type { Kernel } from '../kernel.js';
import { searchAudit } from './search.js';
import { verifyAuditTrail } from './verify.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** Dates in filters are calendar days in Asia/Jakarta (WIB, UTC+7, no daylight saving). */
const startOfWibDay = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString();

const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Text(0, 100)),
    action: Type.Optional(Text(0, 100)),
    entityType: Type.Optional(Text(0, 100)),
    entityId: Type.Optional(Text(0, 100)),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);

const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorType: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
  hash: Type.String(),
});

const VerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBadSeq: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
});

export async function auditRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['audit'];
  app.get<{ Querystring: Static<typeof AuditQuery> }>(
    '/api/v1/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: 'Search the audit trail, newest first',
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditEntry), nextBeforeSeq: Nullable(Type.Integer()) }), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from && to && to < from) throw new AppError('request.invalid', {}, [{ field: 'to', rule: 'date.range' }]);
      return searchAudit(kernel.db, {
        ...request.query,
        from: from ? startOfWibDay(from) : undefined,
        // `to` names a whole day: the range runs to the start of the next one.
        to: to ? new Date(Date.parse(startOfWibDay(to)) + 86_400_000).toISOString() : undefined,
      });
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: { tags, summary: 'Recompute the hash chain of the whole trail', response: { 200: VerifyResult, ...problems(401, 403) } },
    },
    async () => verifyAuditTrail(kernel.db),
  );
}
