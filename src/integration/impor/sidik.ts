import crypto from 'node:crypto';

/** Base-32 digits as char codes: 0-9, a-v. */
const D = [...'0123456789abcdefghijklmnopqrstuv'].map((c) => c.charCodeAt(0));

/**
 * What provenance keeps of a value: a fingerprint, never the value (it may be personal data).
 * It only has to tell "the same value this app sent" from "another value", so a fast 53-bit
 * non-cryptographic hash (cyrb53) written as 11 base-32 digits serves: an import fingerprints
 * every field of every row, and md5 through node:crypto cost half a second per 100,000 residents.
 */
export function sidikNilai(value: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < value.length; i += 1) {
    const ch = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // 21 bits of h2 and 32 of h1.
  return String.fromCharCode(
    D[(h2 >>> 16) & 31]!, D[(h2 >>> 11) & 31]!, D[(h2 >>> 6) & 31]!, D[(h2 >>> 1) & 31]!, D[((h2 & 1) << 4) | (h1 >>> 28)]!,
    D[(h1 >>> 23) & 31]!, D[(h1 >>> 18) & 31]!, D[(h1 >>> 13) & 31]!, D[(h1 >>> 8) & 31]!, D[(h1 >>> 3) & 31]!, D[h1 & 7]!,
  );
}

/** Fingerprints written before cyrb53 were the first 16 hex digits of md5 (always 16 characters; cyrb53's are 11). */
const md5Sidik = (value: string) => (crypto as unknown as { hash(alg: string, data: string): string }).hash('md5', value).slice(0, 16);

/** Whether a stored fingerprint is of this value, whichever way it was taken. */
export function sidikCocok(stored: string | undefined, value: string): boolean {
  if (stored === undefined) return false;
  return stored.length === 16 ? stored === md5Sidik(value) : stored === sidikNilai(value);
}
