import { eq } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema/index.js';
import { ChangeFeed, changeFeedOf } from '../src/platform/cache.js';
import { createTestEnv, json, type TestEnv } from './harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set('2026-07-15T10:00:00+08:00');
});

const counting = (value: string) => {
  const load = async () => {
    load.calls++;
    return value;
  };
  load.calls = 0;
  return load;
};

/** Another process's write: its own connection, committed. */
async function elsewhere(text: string, values: unknown[]) {
  const other = new pg.Client({ connectionString: env.dbUrl });
  await other.connect();
  await other.query(text, values);
  await other.end();
}

async function until(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('kept reads (platform/cache.ts)', () => {
  it('a session is read once for calls made together, and read again after a request that may write', async () => {
    const user = await env.buildUser();
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
    const api = await env.as(await env.buildUser());
    expect((await api.get('/api/v1/me')).statusCode).toBe(200);
    expect((await api.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await api.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('a grant removed by another process is heard through NOTIFY, long before the kept read would expire', async () => {
    const feed = changeFeedOf(env.db);
    expect(feed.active).toBe(true);
    const cache = feed.cache<string>({ tables: ['role_grants'], ttlMs: 600_000 });
    const first = counting('before');
    expect(await cache.get('k', first)).toBe('before');
    expect(await cache.get('k', first)).toBe('before');
    expect(first.calls).toBe(1);
    const user = await env.buildUser({ roles: [{ role: 'member', orgId: (await env.buildOrg()).id }] });
    await elsewhere('DELETE FROM role_grants WHERE user_id = $1', [user.id]);
    expect(await until(async () => (await cache.get('k', async () => 'after')) === 'after')).toBe(true);
  });

  it('keeps nothing while it is not listening, nor a read that was under way when it forgot', async () => {
    const deaf = new ChangeFeed(env.dbUrl).cache<string>({ tables: ['users'], ttlMs: 600_000 });
    const load = counting('v');
    await deaf.get('k', load);
    await deaf.get('k', load);
    expect(load.calls).toBe(2);
    // Nor does it share a read under way: every request reads for itself.
    await Promise.all([deaf.get('k', load), deaf.get('k', load), deaf.get('k', load)]);
    expect(load.calls).toBe(5);

    const cache = changeFeedOf(env.db).cache<string>({ tables: ['users'], ttlMs: 600_000 });
    await cache.get('k', async () => {
      cache.forget(); // a write finished while this read was under way
      return 'stale';
    });
    const fresh = counting('fresh');
    expect(await cache.get('k', fresh)).toBe('fresh');
    expect(await cache.get('k', fresh)).toBe('fresh');
    expect(fresh.calls).toBe(1);
  });

  it('requests for one key while it is being read share the read; one that found nothing is read again by each', async () => {
    const cache = changeFeedOf(env.db).cache<string>({ tables: ['users'], ttlMs: 600_000 });
    let calls = 0;
    const slow = (value: string | null) => async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return value;
    };
    expect(await Promise.all([cache.get('a', slow('v')), cache.get('a', slow('v')), cache.get('a', slow('v'))])).toEqual(['v', 'v', 'v']);
    expect(calls).toBe(1);
    calls = 0;
    // The first reader found nothing (say, outside its scope): the others read for themselves.
    expect(await Promise.all([cache.get('b', slow(null)), cache.get('b', slow('mine')), cache.get('b', slow('mine'))])).toEqual([
      null,
      'mine',
      'mine',
    ]);
    expect(calls).toBe(2);
  });
});

describe('READ_CACHE=false', () => {
  let off: TestEnv;
  beforeAll(async () => {
    off = await createTestEnv({ env: { READ_CACHE: 'false' } });
  });
  it('keeps nothing: every request reads its session', async () => {
    const user = await off.buildUser();
    const api = await off.as(user);
    expect((await api.get('/api/v1/me')).statusCode).toBe(200);
    await off.db
      .update(sessions)
      .set({ lastSeenAt: new Date(off.clock.now().getTime() - 31 * 60_000) })
      .where(eq(sessions.userId, user.id));
    expect((await api.get('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('kept dues ledger pages', () => {
  async function branchWithBills() {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const branch = await env.buildOrg({ parent: committee });
    const treasurer = await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] });
    const api = await env.as(treasurer);
    const m = await env.buildMember({ org: branch, name: '王芳' });
    expect(
      (await api.post('/api/v1/dues/bases', { memberId: m.id, fromMonth: '2026-01', category: 'employed', baseFen: 400_000 })).statusCode,
    ).toBe(200);
    expect((await api.post('/api/v1/dues/bills/generate', { orgId: branch.id, month: '2026-07' })).statusCode).toBe(200);
    return { committee, branch, api, memberId: m.id };
  }
  type Ledger = { totals: { paidFen: number; owedFen: number }; items: { memberName: string; status: string }[] };
  const url = (orgId: number) => `/api/v1/dues/ledger?orgId=${orgId}&month=2026-07`;

  it('a payment recorded through the API shows on the very next read', async () => {
    const { branch, api, memberId } = await branchWithBills();
    expect(json<Ledger>(await api.get(url(branch.id))).totals).toMatchObject({ paidFen: 0, owedFen: 4000 });
    const paid = await api.post('/api/v1/dues/payments', {
      memberId,
      months: ['2026-07'],
      method: 'cash',
      paidOn: '2026-07-10',
      receiptNo: 'SJ-9',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(json<Ledger>(await api.get(url(branch.id))).totals).toMatchObject({ paidFen: 4000, owedFen: 0 });
  });

  it('a bill or a name changed by another process is heard through NOTIFY', async () => {
    const { branch, api, memberId } = await branchWithBills();
    expect(json<Ledger>(await api.get(url(branch.id))).items[0].memberName).toBe('王芳');
    await elsewhere('UPDATE members SET name = $2 WHERE id = $1', [memberId, '王芳芳']);
    expect(await until(async () => json<Ledger>(await api.get(url(branch.id))).items[0].memberName === '王芳芳')).toBe(true);
    await elsewhere("UPDATE dues_bills SET status = 'waived', due_fen = 0 WHERE member_id = $1", [memberId]);
    expect(await until(async () => json<Ledger>(await api.get(url(branch.id))).items[0].status === 'waived')).toBe(true);
  });

  it('a page kept for one reader is still 404 for a reader outside its scope and 403 for one who may not collect', async () => {
    const { branch, api } = await branchWithBills();
    const other = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const outsider = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: other.id }] }));
    // A treasurer elsewhere (the route lets them in), a plain member here.
    const plain = await env.as(
      await env.buildUser({
        roles: [
          { role: 'branch_committee', orgId: other.id },
          { role: 'member', orgId: branch.id },
        ],
      }),
    );
    await new Promise((r) => setTimeout(r, 200)); // the notifications of the set-up have come and gone
    expect((await api.get(url(branch.id))).statusCode).toBe(200);
    expect((await outsider.get(url(branch.id))).statusCode).toBe(404);
    expect((await plain.get(url(branch.id))).statusCode).toBe(403);
  });
});
