import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { courses, pointEntries } from '../../db/schema/index.js';
import { addExam, addQuestion, buildMemberUser } from '../learning/learning.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  process.env.DATA_DIR = env.config.dataDir;
});

const entriesOf = (memberId: number) => env.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId));

describe('the hooks: courses and exams award points in their own transaction', () => {
  it('credited study time: one point per whole 10 minutes; a replayed heartbeat adds nothing', async () => {
    env.clock.set('2026-03-02T09:00:00+08:00');
    const org = await env.buildOrg();
    const m = await buildMemberUser(env, org, '学习者');
    const [c] = await env.db
      .insert(courses)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: '长文',
        topic: 'safety',
        kind: 'article',
        bodyHtml: `<p>${'安'.repeat(9000)}</p>`,
        textLength: 9000,
        rulesVersion: '2026.1',
      })
      .returning();
    const sessionId = randomUUID();
    const beat = (key: string) =>
      m.api.post(`/api/v1/my/courses/${c.id}/heartbeats`, { sessionId, key, clientTime: env.clock.now().toISOString() });
    // The first beat starts the clock; 40 more beats 15 s apart credit 600 s.
    expect((await beat('beat-000')).statusCode).toBe(200);
    for (let i = 1; i <= 39; i++) {
      env.clock.advance(15_000);
      await beat(`beat-${String(i).padStart(3, '0')}`);
    }
    expect(await entriesOf(m.memberId)).toEqual([]);
    env.clock.advance(15_000);
    const last = await beat('beat-040');
    expect(json<{ creditedSeconds: number }>(last).creditedSeconds).toBe(15);
    const rows = await entriesOf(m.memberId);
    expect(rows.map((r) => [r.activity, r.points, r.sourceKey])).toEqual([['study', 1, `study:${m.memberId}:2026-03-02:1`]]);
    expect(json<{ accepted: boolean }>(await beat('beat-040')).accepted).toBe(false);
    expect(await entriesOf(m.memberId)).toHaveLength(1);
  });

  it('a submitted exam: 2 points once per exam, 3 more when passed; a second attempt adds nothing', async () => {
    env.clock.set('2026-03-02T10:00:00+08:00');
    const org = await env.buildOrg();
    const q = await addQuestion(env, org);
    const exam = await addExam(env, org, { questionIds: [q.id], points: 100, passScore: 60, maxAttempts: 2 });
    const m = await buildMemberUser(env, org, '考生');
    for (const answer of ['B', 'A']) {
      const a = json<{ id: number }>(await m.api.post(`/api/v1/learning/my/exams/${exam.id}/attempts`));
      await m.api.inject({
        method: 'PUT',
        url: `/api/v1/learning/my/attempts/${a.id}/answers/${q.id}`,
        payload: { response: { keys: [answer] } },
      });
      const res = await m.api.post(`/api/v1/learning/my/attempts/${a.id}/submit`);
      expect(res.statusCode, res.body).toBe(200);
    }
    const rows = await entriesOf(m.memberId);
    expect(rows.map((r) => [r.activity, r.points]).sort()).toEqual([
      ['exam', 2],
      ['exam', 3],
    ]);
  });
});
