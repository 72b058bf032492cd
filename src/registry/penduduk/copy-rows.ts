import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | null;

const SPECIAL = /[",\n\r]/;

/** One CSV field: NULL is an empty unquoted field, text is quoted when it has to be. */
function field(value: CopyValue): string {
  if (value === null) return '';
  const text = String(value);
  return SPECIAL.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV line. Most rows need no quoting at all: one test over the whole row (joined with a
 * character that is not a separator) instead of one per field. `join` writes null as nothing,
 * which is how CSV COPY reads NULL; an empty string has to be quoted.
 */
function line(row: readonly CopyValue[]): string {
  if (!row.includes('') && !SPECIAL.test(row.join('\u0001'))) return row.join(',') + '\n';
  return row.map(field).join(',') + '\n';
}

/**
 * Streams rows into a table with `COPY … FROM STDIN` (CSV), the fastest way PostgreSQL takes
 * rows. The caller validated them and holds the transaction.
 */
export async function copyRows(client: pg.PoolClient, table: string, columns: readonly string[], rows: readonly CopyValue[][]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  function* chunks(): Generator<string> {
    for (let start = 0; start < rows.length; start += 1000) {
      yield rows
        .slice(start, start + 1000)
        .map(line)
        .join('');
    }
  }
  await pipeline(Readable.from(chunks()), stream);
}
