import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Each test file gets its own database, cloned from a template that the runner (test/run.ts)
 * migrated once, so files run in parallel and start from the same clean state.
 */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.PADU_TEST_ADMIN_URL;
  if (!url) throw new Error('PADU_TEST_ADMIN_URL is not set: run the tests with `npm test`');
  return url;
}

export function urlForDatabase(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.PADU_TEST_TEMPLATE;
  if (!template) throw new Error('PADU_TEST_TEMPLATE is not set: run the tests with `npm test`');
  const name = `padu_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: urlForDatabase(name),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
