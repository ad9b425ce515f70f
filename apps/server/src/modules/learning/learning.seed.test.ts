import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { learningExams, members, users } from '../../db/schema/index.js';
import { seedDemo } from '../../seed/demo.js';

let env: TestEnv;
// The demo data seeded at the time the test seeds it: seeded once per run and cloned (harness), so the
// test's own seedDemo call finds it there and the assertions read the same rows.
beforeAll(async () => {
  env = await createTestEnv({ demoSeededAt: '2026-03-02T09:00:00+08:00' });
}, 180_000);

describe('learning demo seed', () => {
  it('the bank is drawable, the member sees the open 东山 exam, the branch paper has results and an analysis', async () => {
    const now = new Date('2026-03-02T09:00:00+08:00');
    env.clock.set(now);
    await seedDemo(env.db, env.ciphers, now);
    const [member] = await env.db.select().from(users).where(eq(users.username, 'member'));
    const api = await env.as(member);
    const mine = (await api.get('/api/v1/learning/my/exams')).json();
    expect(mine.map((e: { title: string }) => e.title)).toEqual(['2026年安全生产与党史知识测试']);
    const attempt = (await api.post(`/api/v1/learning/my/exams/${mine[0].id}/attempts`)).json();
    expect(attempt.questions).toHaveLength(10);
    expect(attempt.maxScore).toBe(100);

    const [admin] = await env.db.select().from(users).where(eq(users.username, 'secretary'));
    const sec = await env.as(admin);
    const [paper] = await env.db.select().from(learningExams).where(eq(learningExams.title, '一季度廉政与安全知识测验'));
    const res = (await sec.get(`/api/v1/learning/exams/${paper.id}/results`)).json();
    expect(res.persons.length).toBeGreaterThan(10);
    expect(res.orgs[0]).toMatchObject({ orgName: '东山综采一队党支部' });
    const ana = (await sec.get(`/api/v1/learning/exams/${paper.id}/analysis`)).json();
    expect(ana.items).toHaveLength(10);
    expect(ana.items.some((i: { flagged: boolean }) => i.flagged)).toBe(true);
    expect(ana.items.some((i: { flagged: boolean }) => !i.flagged)).toBe(true);
    // The member login is linked and took nothing in the past paper.
    const [m] = await env.db.select().from(members).where(eq(members.userId, member.id));
    expect(res.persons.map((p: { memberId: number }) => p.memberId)).not.toContain(m.id);
  });
});
