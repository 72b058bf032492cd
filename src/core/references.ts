import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';

/**
 * Codes the kernel stores but the registry owns: the OPD and kelurahan of a role grant, the NIK
 * and NIP an account is linked to. The kernel checks their shape itself; whether they exist is
 * asked of the module that owns them, which registers its check here (src/modules.ts). A kind
 * with no registered check (a kernel run without the registry) is judged by shape alone.
 */
export type ReferenceKind = 'opd' | 'kelurahan' | 'nik' | 'nip';
export type ReferenceCheck = (db: Kysely<DB>, code: string) => Promise<boolean>;

const checks = new Map<ReferenceKind, ReferenceCheck>();

export function registerReferenceCheck(kind: ReferenceKind, check: ReferenceCheck): void {
  checks.set(kind, check);
}

export async function referenceExists(db: Kysely<DB>, kind: ReferenceKind, code: string): Promise<boolean> {
  const check = checks.get(kind);
  return check ? check(db, code) : true;
}
