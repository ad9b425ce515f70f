import { eq } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema/index.js';
import { SessionCache } from '../src/platform/auth/session-cache.js';
import { createTestEnv, json, type TestEnv } from './harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const url = () => env.db.$client.options.connectionString ?? '';
const counting = (value: string) => {
  const load = async () => {
    load.calls++;
    return value;
  };
  load.calls = 0;
  return load;
};

async function until(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('session lookups kept for two seconds (SessionCache)', () => {
  it('the app reads a session once for calls made together, and forgets it after a request that may write', async () => {
    const root = await env.buildOrg({ kind: 'committee' });
    const user = await env.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] });
    const api = await env.as(user);
    expect((await api.get('/api/v1/me')).statusCode).toBe(200);
    // Behind the app's back (no trigger watches last_seen_at): the stored session is now idle past 30 minutes.
    const [s] = await env.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    await env.db
      .update(sessions)
      .set({ lastSeenAt: new Date(env.clock.now().getTime() - 31 * 60_000) })
      .where(eq(sessions.id, s.id));
    expect((await api.get('/api/v1/me')).statusCode).toBe(200);
    // Any write request, even a refused one, and the next call reads the row again.
    await api.post('/api/v1/auth/password', {});
    const after = await api.get('/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(json(after).code).toBe('SESSION_EXPIRED');
  });

  it('a logout takes effect on the very next request', async () => {
    const user = await env.buildUser();
    const api = await env.as(user);
    expect((await api.get('/api/v1/me')).statusCode).toBe(200);
    expect((await api.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await api.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('a grant removed by another process is seen through NOTIFY, long before the lookups would expire', async () => {
    const cache = new SessionCache<string>(url(), 60_000);
    await cache.listen();
    try {
      expect(cache.active).toBe(true);
      const first = counting('before');
      expect(await cache.get('k', first)).toBe('before');
      expect(await cache.get('k', first)).toBe('before');
      expect(first.calls).toBe(1);
      const root = await env.buildOrg({ kind: 'committee' });
      const user = await env.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] });
      const other = new pg.Client({ connectionString: env.dbUrl });
      await other.connect();
      await other.query('DELETE FROM role_grants WHERE user_id = $1', [user.id]);
      await other.end();
      expect(await until(async () => (await cache.get('k', async () => 'after')) === 'after')).toBe(true);
    } finally {
      await cache.close();
    }
  });

  it('keeps nothing while it is not listening, nor a lookup that was under way when it forgot', async () => {
    const idle = new SessionCache<string>(url(), 60_000);
    const load = counting('v');
    await idle.get('k', load);
    await idle.get('k', load);
    expect(load.calls).toBe(2);

    const cache = new SessionCache<string>(url(), 60_000);
    await cache.listen();
    try {
      const racing = async () => {
        cache.forget(); // a write finished while this lookup was reading
        return 'stale';
      };
      await cache.get('k', racing);
      const fresh = counting('fresh');
      expect(await cache.get('k', fresh)).toBe('fresh');
      expect(fresh.calls).toBe(1);
      expect(await cache.get('k', fresh)).toBe('fresh');
      expect(fresh.calls).toBe(1);
    } finally {
      await cache.close();
    }
    expect(cache.active).toBe(false);
  });
});
