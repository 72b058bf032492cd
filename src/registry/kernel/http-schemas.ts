import { Type, type TSchema } from 'typebox';
import { Uuid } from '../../core/http/schemas.js';

/** The header a change to a master record must carry (428 without it, 412 when stale). */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'ETag of the version being changed (required: 428 without, 412 when stale)' })),
});

const ETag = { ETag: Type.String({ description: 'Version of the record, for If-Match' }) };

/** A response schema that also documents the record's ETag header. */
export const withEtag = (schema: object) => ({ ...schema, headers: ETag });

/** A JSON Schema that also admits null (OpenAPI 3.1 style), keeping one clear error per field. */
export const orNull = <T>(schema: Record<string, unknown>, type: string) => Type.Unsafe<T | null>({ ...schema, type: [type, 'null'] });

export const Timestamp = Type.String({ format: 'date-time' });
export const NullableTimestamp = orNull<string>({ format: 'date-time' }, 'string');
export const NextCursor = orNull<string>({ description: 'Pass as `cursor` for the next page; null on the last page' }, 'string');
export const Total = Type.Optional(Type.Integer({ description: 'Rows matching the filters, with `total=true`' }));

/** A list row: the id, and with `fields=` only the fields asked for (so every other one is optional). */
export function listItemSchema<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object({
    id: Uuid,
    ...(Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, Type.Optional(schema)])) as {
      [K in keyof P]: ReturnType<typeof Type.Optional<P[K]>>;
    }),
  });
}
