import { AppError } from '../../core/http/errors.js';

/** Master records carry a version; their ETag names it, so a stale If-Match is a 412. */
export const etagFor = (version: number): string => `"v${version}"`;

/**
 * The version an update was made against. Writes without If-Match are refused (428): on shared
 * master data a blind overwrite would lose another app's change.
 */
export function expectedVersion(ifMatch: string | undefined): number {
  if (!ifMatch) throw new AppError('precondition.required');
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(ifMatch.trim());
  if (!match) throw new AppError('precondition.failed', { current: '?' });
  return Number(match[1]);
}

export function assertCurrent(current: number, expected: number): void {
  if (current !== expected) throw new AppError('precondition.failed', { current });
}
