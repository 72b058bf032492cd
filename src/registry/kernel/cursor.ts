import { AppError } from '../../core/http/errors.js';

/**
 * Keyset pagination: the cursor holds the sort value and id of the last row served, so the next
 * page starts right after it however many rows come before.
 */
export interface CursorPosition {
  sort: string;
  value: string | number | null;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (position: CursorPosition): string => Buffer.from(JSON.stringify(position)).toString('base64url');

/** `idPattern` says what the listing's tiebreak key looks like (a uuid unless told otherwise). */
export function decodeCursor(cursor: string, sort: string, idPattern: RegExp = UUID): CursorPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPosition;
    const valueOk = parsed.value === null || typeof parsed.value === 'string' || typeof parsed.value === 'number';
    // A forged cursor must not reach SQL with a value of the wrong type (that would be a 500).
    if (parsed.sort !== sort || typeof parsed.id !== 'string' || !idPattern.test(parsed.id) || !valueOk) {
      throw new Error('cursor of another listing');
    }
    return parsed;
  } catch {
    throw new AppError('request.invalid_cursor');
  }
}

/** `-nama` → descending by nama; only the listed fields may be sorted on. */
export function parseSort<F extends string>(raw: string | undefined, allowed: readonly F[], fallback: F): { field: F; direction: 'asc' | 'desc'; key: string } {
  const value = raw ?? fallback;
  const direction = value.startsWith('-') ? 'desc' : 'asc';
  const field = value.replace(/^[-+]/, '') as F;
  if (!allowed.includes(field)) {
    throw new AppError('request.invalid', {}, [{ field: 'sort', rule: 'enum', params: { allowed: allowed.join(', ') } }]);
  }
  return { field, direction, key: `${direction === 'desc' ? '-' : ''}${field}` };
}

/** `fields=nip,nama` → the subset to return (always with id); unknown names are a 400. */
export function parseFields<F extends string>(raw: string | undefined, allowed: readonly F[]): F[] | null {
  if (!raw) return null;
  const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !allowed.includes(name as F));
  if (unknown.length > 0) {
    throw new AppError('request.invalid', {}, [{ field: 'fields', rule: 'enum', params: { allowed: allowed.join(', ') } }]);
  }
  return names as F[];
}

export function pick<T extends Record<string, unknown>>(record: T, fields: readonly string[] | null): Partial<T> {
  if (!fields) return record;
  const out: Record<string, unknown> = { id: record.id };
  for (const field of fields) out[field] = record[field];
  return out as Partial<T>;
}
