import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { learningAttempts, learningExams, todos } from '../../db/schema/index.js';
import { addExam, addQuestion, buildMemberUser } from './learning.fixtures.js';

/** Editing an exam after creation, and the to-do its publication gives the audience. */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const T0 = '2026-03-02T09:00:00+08:00';
const examRow = async (id: number) => (await env.db.select().from(learningExams).where(eq(learningExams.id, id)))[0];

describe('editing an exam', () => {
  it('before anyone starts: any setting; with attempts: only title and close time (clear message, nothing changed); a close brought forward moves open deadlines', async () => {
    env.clock.set(T0);
    const org = await env.buildOrg();
    const q = await addQuestion(env, org);
    const exam = await addExam(env, org, { questionIds: [q.id], timeLimitMinutes: 30, closesAt: new Date('2026-03-09T18:00:00+08:00') });
    const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: org.id }] }));
    const url = `/api/v1/learning/exams/${exam.id}`;
    const ok = await secretary.patch(url, { timeLimitMinutes: 45, offlineAllowed: true, passScore: 50 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ timeLimitMinutes: 45, offlineAllowed: true, passScore: 50 });

    const me = await buildMemberUser(env, org);
    const a = (await me.api.post(`/api/v1/learning/my/exams/${exam.id}/attempts`)).json();
    expect(new Date(a.deadlineAt).toISOString()).toBe(new Date('2026-03-02T09:45:00+08:00').toISOString());
    const before = await examRow(exam.id);
    const refused = await secretary.patch(url, { timeLimitMinutes: 60, title: '改名' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ message: '已有 1 份答卷，只能修改标题和结束时间', details: [{ path: 'timeLimitMinutes' }] });
    expect(await examRow(exam.id)).toEqual(before);

    const close = new Date('2026-03-02T09:20:00+08:00').toISOString();
    const edited = await secretary.patch(url, { title: '安全知识测试（修订）', closesAt: close });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: '安全知识测试（修订）' });
    const [att] = await env.db.select().from(learningAttempts).where(eq(learningAttempts.id, a.id));
    expect(att.deadlineAt.toISOString()).toBe(close);
    const pastClose = await secretary.patch(url, { closesAt: new Date('2026-03-02T08:00:00+08:00').toISOString() });
    expect(pastClose.statusCode).toBe(400);
    expect(pastClose.json().details[0].path).toBe('closesAt');
  });

  it('publishing gives everyone of the audience with a login one to-do (idempotent), linked to the exam', async () => {
    env.clock.set(T0);
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const branch = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    const q = await addQuestion(env, committee);
    const exam = await addExam(env, branch, { questionIds: [q.id], status: 'draft', offlineAllowed: true });
    const inside = await buildMemberUser(env, branch);
    const outside = await buildMemberUser(env, other);
    await env.buildMember({ org: branch, name: '无账号' });
    const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
    const res = await secretary.post(`/api/v1/learning/exams/${exam.id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    const mine = await env.db
      .select()
      .from(todos)
      .where(and(eq(todos.userId, inside.user.id), eq(todos.sourceKey, `learning_exam:${exam.id}`)));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ title: '参加考试：安全知识测试', link: `/m/learning/exams/${exam.id}` });
    expect(mine[0].body).toContain('离线');
    expect(await env.db.select().from(todos).where(eq(todos.userId, outside.user.id))).toHaveLength(0);
  });
});
