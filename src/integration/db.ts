import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../core/db/schema.js';

/**
 * The `integrasi` schema is queried with Kysely's `sql` template (like the layanan module): its
 * array and JSON columns and set-based upserts read more plainly as SQL.
 */
export type AnyDb = Kysely<DB> | Transaction<DB>;
