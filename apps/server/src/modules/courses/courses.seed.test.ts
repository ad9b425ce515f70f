import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { users } from '../../db/schema/index.js';
import { seedDemo } from '../../seed/demo.js';

let env: TestEnv;
// The demo data seeded at the time the test seeds it: seeded once per run and cloned (harness), so the
// test's own seedDemo call finds it there and the assertions read the same rows.
beforeAll(async () => {
  env = await createTestEnv({ demoSeededAt: '2026-03-02T09:00:00+08:00' });
}, 180_000);

describe('courses demo seed', () => {
  it('the member sees the 东山 plan and can open its first article; the mine admin sees progress', async () => {
    const now = new Date('2026-03-02T09:00:00+08:00');
    env.clock.set(now);
    await seedDemo(env.db, env.ciphers, now);
    const [member] = await env.db.select().from(users).where(eq(users.username, 'member'));
    const api = await env.as(member);
    const plans = (await api.get('/api/v1/my/course-plans')).json();
    expect(plans.map((p: { title: string }) => p.title)).toEqual(['2026年东山矿安全生产与廉政专题学习']);
    expect(plans[0].total).toBe(4);
    const course = await api.get(`/api/v1/my/courses/${plans[0].courses[0].id}`);
    expect(course.statusCode).toBe(200);
    expect(course.json().course.bodyHtml).toContain('<h3>');
    const [admin] = await env.db.select().from(users).where(eq(users.username, 'mineadmin'));
    const sec = await env.as(admin);
    const progress = (await sec.get(`/api/v1/course-plans/${plans[0].id}/progress`)).json();
    expect(progress.people).toBeGreaterThan(5);
    expect((await sec.get('/api/v1/courses')).json().total).toBe(3);
  });
});
