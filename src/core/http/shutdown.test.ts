import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { systemActor } from '../audit/actor.js';
import type { Kernel } from '../kernel.js';
import { createUser } from '../users/service.js';
import { startTestServer } from '../../../test/helpers/server.js';

describe('graceful shutdown', () => {
  it('finishes requests in flight and commits their work, then refuses new connections', async () => {
    let kernel: Kernel | null = null;
    const t = await startTestServer({
      beforeStart: (k) => (kernel = k),
      // A probe route that is surely still running when close() starts.
      configureApp: (app) =>
        app.post('/api/v1/test/slow', { config: { access: 'signed-in' } }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          await createUser(kernel!, systemActor('test'), { username: 'lambat', displayName: 'Lambat', password: 'kata-sandi-panjang', roles: [] });
          return { done: true };
        }),
    });
    const inFlight = t.admin.post('/api/v1/test/slow', {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = t.server.close();
    const response = await inFlight;
    await closing;
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { done: true });
    await assert.rejects(fetch(`${t.url}/api/v1/health`));

    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    const rows = await client.query("SELECT count(*)::int AS n FROM core.app_user WHERE username = 'lambat'");
    await client.end();
    assert.equal(rows.rows[0].n, 1);
    await t.database.drop();
  });
});
