import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

/** Issue 15 item 9: while the database cannot be reached, /api/health says so (503), and recovers with it. */
describe('/api/health', () => {
  it('answers 503 db down while the app cannot reach PostgreSQL, 200 again once it can', async () => {
    expect((await env.anon.get('/api/health')).json()).toEqual({ status: 'ok', db: 'ok' });
    const dba = new pg.Client({ connectionString: env.dbUrl });
    await dba.connect();
    const name = new URL(env.dbUrl).pathname.slice(1);
    try {
      // No new connections for the app's role, and its open ones cut: the database is "down" for it.
      await dba.query(`ALTER DATABASE ${name} CONNECTION LIMIT 0`);
      await dba.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      const down = await env.anon.get('/api/health');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'degraded', db: 'down' });
    } finally {
      await dba.query(`ALTER DATABASE ${name} CONNECTION LIMIT -1`);
      await dba.end();
    }
    expect((await env.anon.get('/api/health')).statusCode).toBe(200);
  });
});
