import { errorCatalog, type ErrorCode } from './error-codes.js';
import type { FieldRule } from './field-rules.js';

/** A broken rule on one field; the HTTP layer adds the message in the caller's language. */
export interface FieldViolation {
  /** Slash path of the offending field, e.g. `roles/0/scopeCode`. */
  field: string;
  rule: FieldRule;
  params?: Record<string, string | number>;
}

/** The one error type services throw; the HTTP layer turns it into problem+json. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly violations: FieldViolation[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.status = errorCatalog[code].status;
  }
}

export function invalid(violations: FieldViolation[]): AppError {
  return new AppError('request.invalid', {}, violations);
}
