import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { format, pickLocale, type Locale } from '../i18n/locale.js';
import { errorCatalog } from './error-codes.js';
import { AppError, type FieldViolation } from './errors.js';
import { fieldRuleMessages } from './field-rules.js';
import { violationsFromAjv } from './validation.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  requestId: string;
  errors?: { field: string; rule: string; message: string }[];
}

export function localeOf(request: FastifyRequest): Locale {
  return pickLocale(request.headers['accept-language']);
}

export function renderProblem(request: FastifyRequest, error: AppError): Problem {
  const locale = localeOf(request);
  const entry = errorCatalog[error.code];
  const problem: Problem = {
    type: `/problems/${error.code}`,
    title: entry.title[locale],
    status: error.status,
    detail: format(entry.detail[locale], error.params),
    code: error.code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  };
  if (error.violations.length > 0) {
    problem.errors = error.violations.map((v: FieldViolation) => ({
      field: v.field,
      rule: v.rule,
      message: format(fieldRuleMessages[v.rule][locale], v.params),
    }));
  }
  return problem;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).type('application/problem+json; charset=utf-8').send(renderProblem(request, error));
}

/** Maps Fastify's own errors (parsing, limits, validation) onto Padu's codes. */
function fromFastifyError(error: FastifyError, request: FastifyRequest, bodyLimit: number): AppError | null {
  if (error.validation) return new AppError('request.invalid', {}, violationsFromAjv(error.validation as never));
  const known: Record<string, () => AppError> = {
    FST_ERR_CTP_BODY_TOO_LARGE: () => new AppError('request.too_large', { limit: bodyLimit }),
    FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new AppError('request.unsupported_media_type'),
    FST_ERR_CTP_EMPTY_JSON_BODY: () => new AppError('request.empty_body'),
    FST_ERR_CTP_INVALID_JSON_BODY: () => new AppError('request.malformed_json'),
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new AppError('request.invalid'),
  };
  const mapped = error.code ? known[error.code] : undefined;
  if (mapped) return mapped();
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError('request.malformed_json');
  const status = error.statusCode ?? 500;
  if (status === 404) return new AppError('request.not_found', { method: request.method, path: request.url.split('?')[0] ?? '' });
  if (status === 413) return new AppError('request.too_large', { limit: bodyLimit });
  if (status === 415) return new AppError('request.unsupported_media_type');
  if (status >= 400 && status < 500) return new AppError('request.invalid');
  return null;
}

export function registerProblemHandlers(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, error);
    }
    const mapped = fromFastifyError(error, request, bodyLimit);
    if (mapped) {
      request.log.info({ code: mapped.code, reason: error.message }, 'request rejected');
      return sendProblem(request, reply, mapped);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(request, reply, new AppError('internal', { requestId: request.id }));
  });
}

