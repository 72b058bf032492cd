import argon2 from 'argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

let dummyHash: Promise<string> | null = null;

/** Verifies against a real hash, or a dummy one when the user is unknown, so timing reveals nothing. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  dummyHash ??= argon2.hash('padu-dummy-password', options);
  try {
    const ok = await argon2.verify(hash ?? (await dummyHash), password);
    return hash !== null && ok;
  } catch {
    return false;
  }
}

export function isAcceptablePassword(password: string, username: string): boolean {
  return (
    password.length >= MIN_PASSWORD_LENGTH &&
    password.length <= MAX_PASSWORD_LENGTH &&
    password.trim().toLowerCase() !== username.trim().toLowerCase()
  );
}
