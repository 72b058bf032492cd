import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.js';

/**
 * The `layanan` schema (migrations/0001_layanan.sql) is queried with Kysely's `sql` template:
 * its JSON columns and the workflow's conditional updates read more plainly as SQL.
 */
export type AnyDb = Kysely<DB> | Transaction<DB>;
