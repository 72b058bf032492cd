import { Type } from 'typebox';

/** RFC 9457 problem details as Padu sends them; referenced by every route's error responses. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable machine code, e.g. auth.required' }),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), rule: Type.String(), message: Type.String() })),
    ),
  },
  { $id: 'Problem', description: 'application/problem+json (RFC 9457)' },
);

const problemRef = Type.Unsafe<unknown>({ $ref: 'Problem#' });

/** Error responses for the OpenAPI document; pass the statuses a route can answer. */
export function problems(...statuses: number[]): Record<number, typeof problemRef> {
  return Object.fromEntries(statuses.map((status) => [status, problemRef]));
}

/** Ids are plain UUIDs (no `urn:uuid:` prefix, which ajv's format would let through). */
export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
export const IdParams = Type.Object({ id: Uuid });

/** Free text with sane bounds and no control characters. */
export const Text = (minLength: number, maxLength: number) =>
  Type.String({ minLength, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' });
