/**
 * Personal data (UU PDP) never travels into logs or the audit trail in full. Keys are matched
 * case-insensitively with separators removed, so `birth_date`, `birthDate` and `tanggalLahir` all count.
 */
const personalKeys = new Set([
  'nik', 'nokk', 'kk', 'birthdate', 'tanggallahir', 'dateofbirth', 'address', 'alamat', 'email',
  'phone', 'telepon', 'nomorhp', 'hp', 'health', 'kesehatan', 'diagnosis', 'mothername', 'namaibu',
]);
const secretKeys = new Set(['password', 'passwordhash', 'secret', 'clientsecret', 'token', 'csrftoken']);

const normalise = (key: string) => key.toLowerCase().replace(/[^a-z]/g, '');

/** `3171012345670003` → `317101******0003`; short values keep less. */
export function maskValue(value: string): string {
  if (value.length >= 12) return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
  if (value.length > 4) return value.slice(0, 2) + '*'.repeat(value.length - 3) + value.slice(-1);
  return '*'.repeat(value.length);
}

/** Masks an e-mail address while keeping its domain readable: `budi.s@padang.go.id` → `bu****@padang.go.id`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return maskValue(value);
  return value.slice(0, Math.min(2, at)) + '*'.repeat(Math.max(at - 2, 1)) + value.slice(at);
}

export function maskPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonal);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = normalise(key);
    if (secretKeys.has(name)) out[key] = '[redacted]';
    else if (personalKeys.has(name) && inner !== null && inner !== undefined) {
      const text = String(inner);
      out[key] = name === 'email' ? maskEmail(text) : maskValue(text);
    } else out[key] = maskPersonal(inner);
  }
  return out;
}
