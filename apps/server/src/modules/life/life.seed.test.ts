import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { orgs, users } from '../../db/schema/index.js';
import { seedDemo } from '../../seed/demo.js';

let env: TestEnv;
// The demo data seeded at the time the test seeds it: seeded once per run and cloned (harness), so the
// test's own seedDemo call finds it there and the assertions read the same rows.
beforeAll(async () => {
  env = await createTestEnv({ demoSeededAt: '2026-11-24T09:00:00+08:00' });
}, 180_000);

describe('life demo seed', () => {
  it('fills a year of meetings with gaps, attendance, an upcoming meeting and a second phone login', async () => {
    const now = new Date('2026-11-24T09:00:00+08:00');
    env.clock.set(now);
    const t0 = Date.now();
    await seedDemo(env.db, env.ciphers, now);
    console.log(`demo seed ${Date.now() - t0} ms`);
    const counts = await env.db.execute<{ meetings: number; signins: number; lives: number }>(sql`
      SELECT (SELECT count(*)::int FROM meetings) AS meetings, (SELECT count(*)::int FROM meeting_signins) AS signins,
             (SELECT count(*)::int FROM member_life_dates) AS lives`);
    expect(counts.rows[0].meetings).toBeGreaterThan(500);
    expect(counts.rows[0].signins).toBeGreaterThan(1000);
    const [east] = await env.db.select().from(orgs).where(eq(orgs.name, '东山综采一队党支部'));
    const [sec] = await env.db.select().from(users).where(eq(users.username, 'secretary'));
    const api = await env.as({ id: sec.id, username: 'secretary' });
    const res = await api.get(`/api/v1/life/compliance?orgId=${east.id}&year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const c = json<{ orgs: { items: { cells: { type: string; period: string; status: string }[] }[] } }>(
      await api.get(`/api/v1/life/compliance?orgId=${east.id}&year=2026`),
    );
    const cells = c.orgs.items[0].cells;
    expect(cells.find((x) => x.type === 'committee' && x.period === '2026-11')?.status).toBe('due');
    expect(cells.filter((x) => x.status === 'done').length).toBeGreaterThan(10);
    const [m2] = await env.db.select().from(users).where(eq(users.username, 'member2'));
    const phone = await env.as({ id: m2.id, username: 'member2' });
    const mine = json<{ topic: string }[]>(await phone.get('/api/v1/life/my/meetings'));
    // A 支委会 invites the committee only; every member is invited to the 主题党日 (issue 24 item 7).
    expect(mine.map((x) => x.topic)).toContain('开展井下安全隐患排查');
    const stray = await env.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
      WHERE m.type = 'committee' AND a.member_id NOT IN (
        SELECT lm.member_id FROM leadership_members lm JOIN leadership_terms lt ON lt.id = lm.term_id WHERE lt.org_id = m.org_id)`);
    expect(stray.rows[0].n).toBe(0);
    // The type is shown beside the topic: no topic repeats it.
    const doubled = await env.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM meetings WHERE topic LIKE '%支委会：%' OR topic LIKE '主题党日：%'`,
    );
    expect(doubled.rows[0].n).toBe(0);
  });
});
