import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { safeErr } from '../src/platform/http/log-safe.js';
import { createTestEnv, type TestEnv } from './harness.js';

/** Issue 15 item 4: server logs never carry SQL parameter values (a failed query's params held members' fields). */
const SECRET = '110101199003074514张秘密';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

describe('logs keep no SQL parameter values', () => {
  it('a failed query, logged by the app, names its error code but not its values', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      config: { ...env.config, logLevel: 'info' },
      db: env.db,
      clock: env.clock,
      serveWeb: false,
      logStream: { write: (l) => void lines.push(l) },
    });
    app.get('/api/test/failing-query', { config: { access: 'public' } }, async () => {
      // A unique violation's detail and a cast error's params both carry the value.
      await env.db.execute(sql`SELECT ${SECRET}::int`);
      return {};
    });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/test/failing-query' });
    await app.close();
    expect(res.statusCode).toBe(400); // a value the column cannot hold is the request's fault
    const log = lines.join('\n');
    expect(log).toContain('22003');
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain('110101199003074514');
  });

  it('safeErr drops params, detail and where from every level of an error', async () => {
    const err = await env.db.execute(sql`SELECT ${SECRET}::int`).catch((e: unknown) => e);
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err)) + String((err as Error).message)).toContain('110101199003074514');
    const safe = JSON.stringify(safeErr(err));
    expect(safe).not.toContain('110101199003074514');
    expect(safe).toContain('22003');
  });
});
