import type { Text } from '../i18n/locale.js';

/** Messages for broken field rules: JSON Schema keywords first, then Padu's own rules. */
export const fieldRuleMessages = {
  required: { id: 'Wajib diisi.', en: 'Required.' },
  type: { id: 'Harus bertipe {type}.', en: 'Must be of type {type}.' },
  minLength: { id: 'Minimal {limit} karakter.', en: 'At least {limit} characters.' },
  maxLength: { id: 'Maksimal {limit} karakter.', en: 'At most {limit} characters.' },
  pattern: { id: 'Formatnya tidak sesuai.', en: 'Has the wrong format.' },
  format: { id: 'Harus berformat {format}.', en: 'Must be a valid {format}.' },
  additionalProperties: { id: 'Kolom "{property}" tidak dikenal.', en: 'Unknown field "{property}".' },
  enum: { id: 'Harus salah satu dari: {allowed}.', en: 'Must be one of: {allowed}.' },
  const: { id: 'Nilainya tidak diizinkan.', en: 'This value is not allowed.' },
  minimum: { id: 'Minimal {limit}.', en: 'At least {limit}.' },
  maximum: { id: 'Maksimal {limit}.', en: 'At most {limit}.' },
  minItems: { id: 'Minimal {limit} butir.', en: 'At least {limit} items.' },
  maxItems: { id: 'Maksimal {limit} butir.', en: 'At most {limit} items.' },
  uniqueItems: { id: 'Ada butir yang sama.', en: 'Items must be unique.' },
  anyOf: { id: 'Nilainya tidak sesuai dengan bentuk yang diizinkan.', en: 'Does not match any allowed shape.' },
  invalid: { id: 'Nilainya tidak valid.', en: 'Invalid value.' },
  'password.too_weak': {
    id: 'Kata sandi minimal {limit} karakter dan tidak boleh sama dengan nama pengguna.',
    en: 'The password needs at least {limit} characters and must differ from the username.',
  },
  'role.unknown': { id: 'Peran "{role}" tidak dikenal.', en: 'Unknown role "{role}".' },
  'role.duplicate': { id: 'Peran ini sudah diberikan dengan cakupan yang sama.', en: 'This role is already granted with the same scope.' },
  'scope.required': {
    id: 'Peran ini memerlukan kode {scopeType}.',
    en: 'This role needs a {scopeType} code.',
  },
  'scope.not_allowed': { id: 'Peran ini tidak memakai kode cakupan.', en: 'This role takes no scope code.' },
  'scope.invalid_kelurahan': {
    id: 'Kode kelurahan harus berbentuk {pemda}.KK.DDDD (contoh {example}).',
    en: 'A kelurahan code looks like {pemda}.KK.DDDD (e.g. {example}).',
  },
  'scope.invalid_opd': {
    id: 'Kode OPD hanya boleh berisi angka, huruf, titik dan tanda hubung.',
    en: 'An OPD code may hold only digits, letters, dots and dashes.',
  },
  'date.range': { id: 'Tanggal akhir harus setelah tanggal awal.', en: 'The end date must be after the start date.' },
} satisfies Record<string, Text>;

export type FieldRule = keyof typeof fieldRuleMessages;

export function isFieldRule(rule: string): rule is FieldRule {
  return rule in fieldRuleMessages;
}
