import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldViolation } from './errors.js';
import { isFieldRule } from './field-rules.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function makeAjv(coerceTypes: boolean): Ajv {
  // removeAdditional stays off: an unknown field is an error, never silently dropped.
  const ajv = new Ajv({ allErrors: true, coerceTypes, removeAdditional: false, useDefaults: true, strict: false });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
// Query strings, params and headers arrive as text, so those parts coerce ("20" → 20).
const textAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);

export function violationsFromAjv(errors: ErrorObject[]): FieldViolation[] {
  const seen = new Set<string>();
  const violations: FieldViolation[] = [];
  for (const error of errors) {
    let field = error.instancePath.replace(/^\//, '');
    const params: Record<string, string | number> = {};
    switch (error.keyword) {
      case 'required':
        field = [field, error.params.missingProperty as string].filter(Boolean).join('/');
        break;
      case 'additionalProperties':
        params.property = error.params.additionalProperty as string;
        field = [field, params.property].filter(Boolean).join('/');
        break;
      case 'type':
        params.type = String(error.params.type);
        break;
      case 'format':
        params.format = String(error.params.format);
        break;
      case 'enum':
        params.allowed = (error.params.allowedValues as unknown[]).join(', ');
        break;
      default:
        if ('limit' in error.params) params.limit = Number(error.params.limit);
    }
    const rule = isFieldRule(error.keyword) ? error.keyword : 'invalid';
    const key = `${field}|${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push({ field, rule, params });
  }
  return violations;
}
