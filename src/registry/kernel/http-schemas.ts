import { Type } from 'typebox';

/** The header a change to a master record must carry (428 without it, 412 when stale). */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'ETag of the version being changed (required: 428 without, 412 when stale)' })),
});

const ETag = { ETag: Type.String({ description: 'Version of the record, for If-Match' }) };

/** A response schema that also documents the record's ETag header. */
export const withEtag = (schema: object) => ({ ...schema, headers: ETag });
