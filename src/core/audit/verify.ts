import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { chainedFieldsOf, entryHash } from './trail.js';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
}

const GENESIS = '0'.repeat(64);
const BATCH = 2000;

/**
 * Walks the whole trail in order and recomputes every hash. Catches a changed row (hash),
 * an inserted or deleted row (seq gap or broken prev_hash), and a cut-off tail (head mismatch).
 * Rows and head are read in one snapshot: an entry committed while the walk runs would otherwise
 * look like a cut-off tail.
 */
export async function verifyAuditTrail(db: Kysely<DB>): Promise<VerifyResult> {
  if (db.isTransaction) return walk(db);
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(walk);
}

async function walk(db: Kysely<DB>): Promise<VerifyResult> {
  let expectedSeq = 1;
  let previousHash = GENESIS;
  let checked = 0;
  const fail = (seq: number, reason: string): VerifyResult => ({ ok: false, checked, firstBadSeq: seq, reason });

  for (;;) {
    const rows = await db
      .selectFrom('core.audit_log')
      .selectAll()
      .where('seq', '>=', String(expectedSeq))
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return fail(expectedSeq, `entry ${expectedSeq} is missing (next stored entry is ${seq})`);
      if (row.prev_hash !== previousHash) return fail(seq, `entry ${seq} does not chain to entry ${seq - 1}`);
      const recomputed = entryHash(chainedFieldsOf(row));
      if (recomputed !== row.hash) return fail(seq, `entry ${seq} was altered after it was written`);
      previousHash = row.hash;
      expectedSeq = seq + 1;
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }

  const head = await db.selectFrom('core.audit_head').select(['last_seq', 'last_hash']).executeTakeFirst();
  const headSeq = Number(head?.last_seq ?? 0);
  if (headSeq !== checked || head?.last_hash !== previousHash) {
    return fail(Math.min(headSeq, checked) + 1, `the trail ends at entry ${checked} but its head records entry ${headSeq}`);
  }
  return { ok: true, checked, firstBadSeq: null, reason: null };
}
