import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AnyDb } from '../db.js';

export const TOKEN_ALG = 'ES256';

interface KunciRow {
  kid: string;
  public_jwk: JWK;
  private_jwk: JWK;
  created_at: Date;
  retired_at: Date | null;
}

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  publicKey: CryptoKey;
}

/** Fixed key for the advisory lock that lets one process create the first key. */
const KEY_CREATION_LOCK = 7_310_404;

/**
 * The ES256 keys that sign apps' tokens. Keys live in PostgreSQL so every Padu process signs and
 * verifies with the same set; the newest unretired key signs. A token naming a key this process
 * has not seen (another process rotated) makes it reload, at most every few seconds.
 */
export class SigningKeys {
  private signing: { kid: string; privateKey: CryptoKey } | null = null;
  private byKid = new Map<string, LoadedKey>();
  private lastReload = 0;

  constructor(private readonly db: AnyDb, private readonly tokenTtlSeconds: number) {}

  /** Makes sure a signing key exists and loads every published key. */
  async start(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${KEY_CREATION_LOCK})`.execute(trx);
      const current = await sql`SELECT 1 FROM integrasi.kunci WHERE retired_at IS NULL LIMIT 1`.execute(trx);
      if (current.rows.length === 0) await insertNewKey(trx);
    });
    await this.reload();
  }

  /** Adds a new signing key and retires the others; they stay published until their tokens expire. */
  async rotate(): Promise<string> {
    const kid = await this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${KEY_CREATION_LOCK})`.execute(trx);
      await sql`UPDATE integrasi.kunci SET retired_at = now() WHERE retired_at IS NULL`.execute(trx);
      return insertNewKey(trx);
    });
    await this.reload();
    return kid;
  }

  async reload(): Promise<void> {
    this.lastReload = Date.now();
    const rows = await sql<KunciRow>`
      SELECT kid, public_jwk, private_jwk, created_at, retired_at FROM integrasi.kunci
      WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => ${this.tokenTtlSeconds * 2})
      ORDER BY created_at DESC`.execute(this.db);
    const byKid = new Map<string, LoadedKey>();
    for (const row of rows.rows) {
      byKid.set(row.kid, { kid: row.kid, publicJwk: row.public_jwk, publicKey: (await importJWK(row.public_jwk, TOKEN_ALG)) as CryptoKey });
    }
    const newest = rows.rows.find((row) => row.retired_at === null);
    this.signing = newest ? { kid: newest.kid, privateKey: (await importJWK(newest.private_jwk, TOKEN_ALG)) as CryptoKey } : null;
    this.byKid = byKid;
  }

  signingKey(): { kid: string; privateKey: CryptoKey } {
    if (!this.signing) throw new Error('no token signing key loaded');
    return this.signing;
  }

  /** The public key for a kid, reloading once when the kid is unknown (rotated by another process). */
  async publicKey(kid: string): Promise<CryptoKey | null> {
    const known = this.byKid.get(kid);
    if (known) return known.publicKey;
    if (Date.now() - this.lastReload < 5_000) return null;
    await this.reload();
    return this.byKid.get(kid)?.publicKey ?? null;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [...this.byKid.values()].map((key) => ({ ...key.publicJwk, kid: key.kid, alg: TOKEN_ALG, use: 'sig' })) };
  }
}

async function insertNewKey(db: AnyDb): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALG, { extractable: true });
  const kid = randomUUID();
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  await sql`
    INSERT INTO integrasi.kunci (kid, alg, public_jwk, private_jwk)
    VALUES (${kid}, ${TOKEN_ALG}, ${JSON.stringify(publicJwk)}::jsonb, ${JSON.stringify(privateJwk)}::jsonb)`.execute(db);
  return kid;
}
