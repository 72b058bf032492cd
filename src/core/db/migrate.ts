import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/** A module's folder of plain SQL migrations named NNNN_description.sql. */
export interface MigrationSource {
  module: string;
  dir: string;
}

interface MigrationFile {
  module: string;
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant works; it only has to be the same in every Padu process.
const MIGRATION_LOCK = 7_310_371;

async function readSource(source: MigrationSource): Promise<MigrationFile[]> {
  const names = (await fs.readdir(source.dir)).filter((name) => name.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const match = FILE_PATTERN.exec(name);
    if (!match) throw new MigrationError(`Migration file ${source.module}/${name} must be named NNNN_description.sql`);
    const sql = await fs.readFile(path.join(source.dir, name), 'utf8');
    const version = Number(match[1]);
    if (files.some((f) => f.version === version)) {
      throw new MigrationError(`Two migrations of module ${source.module} have number ${match[1]}`);
    }
    files.push({
      module: source.module,
      version,
      name: match[2]!,
      file: name,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  return files;
}

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies pending migrations of every source in order, each in its own transaction. A migration
 * that was applied and then edited stops everything: landed migrations are never changed.
 * An advisory lock lets several Padu processes start at once without racing.
 */
export async function migrate(pool: pg.Pool, sources: MigrationSource[]): Promise<MigrationResult> {
  const files = (await Promise.all(sources.map(readSource))).flat();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS public.padu_migration (
      module text NOT NULL,
      version integer NOT NULL,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (module, version))`);
    const done = await client.query<{ module: string; version: number; name: string; checksum: string }>(
      'SELECT module, version, name, checksum FROM public.padu_migration',
    );
    const doneByKey = new Map(done.rows.map((row) => [`${row.module}/${row.version}`, row]));

    for (const row of done.rows) {
      if (!files.some((f) => f.module === row.module && f.version === row.version) && sources.some((s) => s.module === row.module)) {
        throw new MigrationError(
          `Migration ${row.module}/${String(row.version).padStart(4, '0')}_${row.name}.sql was applied to this database but its file is missing.`,
        );
      }
    }
    for (const file of files) {
      const landed = doneByKey.get(`${file.module}/${file.version}`);
      if (landed && landed.checksum !== file.checksum) {
        throw new MigrationError(
          `Migration ${file.module}/${file.file} was edited after it was applied to this database ` +
            `(checksum ${landed.checksum.slice(0, 12)}… recorded, ${file.checksum.slice(0, 12)}… on disk). ` +
            'Landed migrations are never edited: restore the file and put the change in a new numbered migration.',
        );
      }
    }
    for (const file of files) {
      if (doneByKey.has(`${file.module}/${file.version}`)) continue;
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query('INSERT INTO public.padu_migration (module, version, name, checksum) VALUES ($1, $2, $3, $4)', [
          file.module,
          file.version,
          file.name,
          file.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`Migration ${file.module}/${file.file} failed: ${(error as Error).message}`);
      }
      applied.push(`${file.module}/${file.file}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return { applied };
}
