/**
 * Indonesian mobile numbers in one canonical form, `+62` and the national number without its
 * leading 0: `0812-3456-7890`, `62 812 3456 7890`, `+62 (812) 3456 7890` and `0062…` are all
 * `+6281234567890`. Spaces, dots, dashes and brackets are ignored. Mobile numbers start with 8
 * after the country code and have 9–12 digits after it; anything else is not a mobile number (null).
 */
export function normalisePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.()-]/g, '');
  const national = /^(?:\+62|0062|62|0)(\d+)$/.exec(compact)?.[1];
  return national !== undefined && /^8[0-9]{8,11}$/.test(national) ? `+62${national}` : null;
}
