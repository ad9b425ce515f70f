import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { users } from '../../db/schema/index.js';
import { seedDemo } from '../../seed/demo.js';

let env: TestEnv;
// The demo data seeded at the time the test seeds it: seeded once per run and cloned (harness), so the
// test's own seedDemo call finds it there and the assertions read the same rows.
beforeAll(async () => {
  env = await createTestEnv({ demoSeededAt: '2026-03-02T09:00:00+08:00' });
}, 180_000);

type Page = { items: { overdue: boolean }[]; total: number };

describe('demo seed', () => {
  it('gives the secretary pairs with one overdue, and the phone login member its pair and points history', async () => {
    const now = new Date('2026-03-02T09:00:00+08:00');
    await seedDemo(env.db, env.ciphers, now);
    const [sec] = await env.db.select().from(users).where(eq(users.username, 'secretary'));
    const [member] = await env.db.select().from(users).where(eq(users.username, 'member'));
    const secApi = await env.as(sec);
    const [grant] = await env.db.select().from(users).where(eq(users.id, sec.id));
    const list = json<Page>(await secApi.get(`/api/v1/mentor-pairs?orgId=${grant.orgId}`));
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(list.items.filter((i) => i.overdue)).toHaveLength(1);
    const phone = await env.as(member);
    expect(json<{ items: { myRole: string }[] }>(await phone.get('/api/v1/my/mentor-pairs')).items[0].myRole).toBe('mentee');
    expect(json<{ total: number }>(await phone.get('/api/v1/points/me/history')).total).toBeGreaterThan(5);
  });
});
