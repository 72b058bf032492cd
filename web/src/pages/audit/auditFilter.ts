import type { AuditQuery } from '../../api/types';

export const AUDIT_FILTER_FIELDS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];
/** The filter as typed by the user; `from` / `to` are calendar dates (YYYY-MM-DD), read by the server as WIB days. */
export type AuditFilter = Record<AuditFilterField, string>;

export function filterFromParams(params: URLSearchParams): AuditFilter {
  return Object.fromEntries(AUDIT_FILTER_FIELDS.map((field) => [field, params.get(field) ?? ''])) as AuditFilter;
}

export const EMPTY_AUDIT_FILTER = filterFromParams(new URLSearchParams());

export function filterToParams(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value.trim() !== ''));
}

export function toAuditQuery(filter: AuditFilter, limit: number, beforeSeq?: number): AuditQuery {
  const query: AuditQuery = { limit, beforeSeq };
  for (const field of AUDIT_FILTER_FIELDS) query[field] = filter[field].trim() || undefined;
  return query;
}
