import { AppError } from '../../core/http/errors.js';

/** Master records carry a version; their ETag names it, so a stale If-Match is a 412. */
export const etagFor = (version: number): string => `"v${version}"`;

/**
 * The version an update was made against. Writes without If-Match are refused (428): on shared
 * master data a blind overwrite would lose another app's change.
 */
export function expectedVersion(ifMatch: string | undefined): number {
  if (!ifMatch) throw new AppError('precondition.required');
  // RFC 9110: `*` matches any current version — the client knowingly overwrites.
  if (ifMatch.trim() === '*') return ANY_VERSION;
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(ifMatch.trim());
  if (!match) throw new AppError('precondition.failed', { current: '?' });
  return Number(match[1]);
}

/** What expectedVersion returns for `If-Match: *`. */
export const ANY_VERSION = -1;

export function assertCurrent(current: number, expected: number): void {
  if (expected !== ANY_VERSION && current !== expected) throw new AppError('precondition.failed', { current });
}
