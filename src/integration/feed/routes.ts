import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { principalOf } from '../../core/auth/principal.js';
import { decodeFeedCursor, encodeFeedCursor, EVENT_TYPE_PATTERN, latestPosition, readFeed, sequenceOutbox } from '../../core/events/feed.js';
import { AppError, invalid } from '../../core/http/errors.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { contextsOf, viewFor, visibleFamilies, type Viewer } from './visibility.js';

/** Positions one request scans at most. */
const SCAN_WINDOW = 50_000;

export const FeedQuery = Type.Object({
  after: Type.Optional(Type.String({ maxLength: 64, description: 'Cursor from a previous page (`nextCursor`), or `latest` to start at the newest event; absent: from the first event' })),
  types: Type.Optional(Type.String({ maxLength: 1000, description: 'Comma-separated event types, exact (`pegawai.updated`) or a prefix (`pegawai.*`)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});

export const FeedItem = Type.Object({
  id: Type.String({ description: 'Event id (UUIDv7); the same id as the webhook-id header of a webhook delivery' }),
  cursor: Type.String(),
  type: Type.String(),
  entityType: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  occurredAt: Type.String({ format: 'date-time' }),
  data: Type.Record(Type.String(), Type.Unknown()),
});

const FeedPage = Type.Object({
  items: Type.Array(FeedItem),
  nextCursor: Type.String({ description: 'Pass as `after` to continue; store it once the items are processed' }),
  hasMore: Type.Boolean(),
});

/** `a.b,c.*` → the list, each checked. */
export function parseTypes(raw: string | undefined, field = 'types'): string[] {
  if (!raw) return [];
  const types = [...new Set(raw.split(',').map((t) => t.trim()).filter(Boolean))];
  if (types.length > 50 || types.some((t) => !EVENT_TYPE_PATTERN.test(t))) throw invalid([{ field, rule: 'pattern', params: { pattern: 'dataset.event or dataset.*' } }]);
  return types;
}

export function viewerOf(principal: ReturnType<typeof principalOf>): Viewer {
  return principal.kind === 'app' ? { kind: 'app', scopes: principal.scopes, access: principal.access } : { kind: 'user', scopes: new Set(), access: principal.access };
}

export async function feedRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  app.get<{ Querystring: Static<typeof FeedQuery> }>(
    '/api/v1/events',
    {
      config: { access: 'integrasi.read', appScope: 'events:read' },
      schema: {
        tags: ['integrasi'],
        summary: 'Change feed: registry events in commit order, resumable from a cursor',
        description:
          'Durable and ordered: an event is never skipped, even when its transaction committed late. An app sees the datasets it holds a read scope for (pegawai:read → pegawai.*, …); resident events carry ids and changed field names only unless it holds penduduk:read-full.',
        querystring: FeedQuery,
        response: { 200: FeedPage, ...problems(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const viewer = viewerOf(principalOf(request));
      const types = parseTypes(request.query.types);
      const limit = request.query.limit ?? 100;
      let after = 0;
      if (request.query.after === 'latest') {
        await sequenceOutbox(kernel.db);
        after = await latestPosition(kernel.db);
      } else if (request.query.after) {
        const decoded = decodeFeedCursor(request.query.after);
        if (decoded === null) throw new AppError('request.invalid_cursor');
        after = decoded;
      }
      // Number whatever committed since the last tick, so a reader sees its own writes at once.
      await sequenceOutbox(kernel.db);
      // A sparse filter (one rare type) must not scan the whole outbox in one request: read a
      // window of positions at most; the cursor then moves to the window's end.
      const latest = await latestPosition(kernel.db);
      const upTo = Math.min(after + SCAN_WINDOW, latest);
      const families = visibleFamilies(viewer);
      const events = families.length === 0 || upTo <= after ? [] : await readFeed(kernel.db, { after, upTo, limit, types, families });
      const contexts = await contextsOf(kernel.db, events);
      const items = events.flatMap((event) => {
        const visible = viewFor(viewer, event, contexts.get(event.position)!);
        return visible
          ? [{ id: visible.id, cursor: encodeFeedCursor(visible.position), type: visible.type, entityType: visible.entityType, entityId: visible.entityId, occurredAt: visible.occurredAt.toISOString(), data: visible.payload }]
          : [];
      });
      const full = events.length === limit;
      const next = full ? events.at(-1)!.position : Math.max(after, upTo);
      return { items, nextCursor: encodeFeedCursor(next), hasMore: full || next < latest };
    },
  );
}
