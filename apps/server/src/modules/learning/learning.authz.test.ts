import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, multipart, type TestEnv } from '../../../test/harness.js';
import {
  learningAttemptItems,
  learningAttempts,
  learningExams,
  learningQuestions,
  learningQuestionVersions,
} from '../../db/schema/index.js';
import { addExam, addQuestion, buildMemberUser } from './learning.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type OrgRef = { id: number; path: string };
const questionState = async (id: number) => ({
  q: (await env.db.select().from(learningQuestions).where(eq(learningQuestions.id, id)))[0],
  v: await env.db.select().from(learningQuestionVersions).where(eq(learningQuestionVersions.questionId, id)),
});
const examState = async (id: number) => (await env.db.select().from(learningExams).where(eq(learningExams.id, id)))[0];
const examsOf = (orgId: number) => env.db.select().from(learningExams).where(eq(learningExams.orgId, orgId));

/** Console routes: the matrix (401 / 403 / other branch 404 unchanged / own 200 / ancestor 200), for both manager roles. */
describe.each(['org_admin', 'branch_secretary'] as const)('console routes as %s', (role) => {
  type Q = { org: OrgRef; questionId: number };
  const withQuestion = async (e: TestEnv, org: OrgRef): Promise<Q> => ({ org, questionId: (await addQuestion(e, org)).id });
  const questionRoutes: [string, (r: Q) => InjectOptions][] = [
    ['GET question', (r) => ({ method: 'GET', url: `/api/v1/learning/questions/${r.questionId}` })],
    ['PATCH question', (r) => ({ method: 'PATCH', url: `/api/v1/learning/questions/${r.questionId}`, payload: { stem: '改过的题干' } })],
    ['DELETE question', (r) => ({ method: 'DELETE', url: `/api/v1/learning/questions/${r.questionId}` })],
    [
      'POST question',
      (r) => ({
        method: 'POST',
        url: '/api/v1/learning/questions',
        payload: {
          orgId: r.org.id,
          type: 'judge',
          category: '党史',
          difficulty: 1,
          stem: '中国共产党成立于 1921 年。',
          answer: { keys: ['true'] },
        },
      }),
    ],
  ];
  let goodFile: Buffer;
  beforeAll(async () => {
    const { questionTemplate } = await import('./questions.import.js');
    goodFile = await questionTemplate();
  });
  questionRoutes.push([
    'POST import',
    (r) => ({ method: 'POST', url: `/api/v1/learning/questions/import?orgId=${r.org.id}`, ...multipart('试题.xlsx', goodFile) }),
  ]);
  for (const [name, request] of questionRoutes)
    describe(name, () => {
      authzMatrix(() => env, {
        role,
        makeRecord: withQuestion,
        request,
        snapshot: async (e, r) => ({
          one: await questionState(r.questionId),
          all: await e.db.select().from(learningQuestions).where(eq(learningQuestions.orgId, r.org.id)),
        }),
      });
    });

  type X = { org: OrgRef; examId: number; draftId: number; itemId: number };
  const withExam = async (e: TestEnv, org: OrgRef): Promise<X> => {
    const qs = [await addQuestion(e, org), await addQuestion(e, org, { type: 'short', answer: { reference: '要点' } })];
    const exam = await addExam(e, org, { questionIds: qs.map((q) => q.id) });
    const draft = await addExam(e, org, { questionIds: [qs[0].id], status: 'draft' });
    // A submitted attempt with a short answer waiting to be graded.
    const taker = await buildMemberUser(e, org);
    const start = await taker.api.post(`/api/v1/learning/my/exams/${exam.id}/attempts`);
    const attemptId = start.json().id as number;
    await taker.api.inject({
      method: 'PUT',
      url: `/api/v1/learning/my/attempts/${attemptId}/answers/${qs[1].id}`,
      payload: { response: { texts: ['答案'] } },
    });
    await taker.api.post(`/api/v1/learning/my/attempts/${attemptId}/submit`);
    const [item] = await e.db.select().from(learningAttemptItems).where(eq(learningAttemptItems.questionId, qs[1].id));
    return { org, examId: exam.id, draftId: draft.id, itemId: item.id };
  };
  const examRoutes: [string, (r: X) => InjectOptions][] = [
    ['GET exam', (r) => ({ method: 'GET', url: `/api/v1/learning/exams/${r.examId}` })],
    ['POST publish', (r) => ({ method: 'POST', url: `/api/v1/learning/exams/${r.draftId}/publish` })],
    [
      'PATCH exam',
      (r) => ({ method: 'PATCH', url: `/api/v1/learning/exams/${r.draftId}`, payload: { title: '改过的考试', timeLimitMinutes: 45 } }),
    ],
    ['POST close', (r) => ({ method: 'POST', url: `/api/v1/learning/exams/${r.examId}/close` })],
    ['GET results', (r) => ({ method: 'GET', url: `/api/v1/learning/exams/${r.examId}/results` })],
    ['GET analysis', (r) => ({ method: 'GET', url: `/api/v1/learning/exams/${r.examId}/analysis` })],
    ['GET results.xlsx', (r) => ({ method: 'GET', url: `/api/v1/learning/exams/${r.examId}/results.xlsx` })],
    ['GET grading', (r) => ({ method: 'GET', url: `/api/v1/learning/exams/${r.examId}/grading` })],
    ['POST grade', (r) => ({ method: 'POST', url: `/api/v1/learning/attempt-items/${r.itemId}/grade`, payload: { points: 5 } })],
    [
      'POST exam',
      (r) => ({
        method: 'POST',
        url: '/api/v1/learning/exams',
        payload: {
          orgId: r.org.id,
          mode: 'random',
          title: '随机测试',
          opensAt: '2026-03-02T08:00:00+08:00',
          closesAt: '2026-03-09T08:00:00+08:00',
          drawRules: [{ category: '安全生产', difficulty: 2, count: 1, points: 10 }],
        },
      }),
    ],
  ];
  for (const [name, request] of examRoutes)
    describe(name, () => {
      authzMatrix(() => env, {
        role,
        makeRecord: withExam,
        request,
        snapshot: async (_e, r) => ({
          exam: await examState(r.examId),
          draft: await examState(r.draftId),
          all: await examsOf(r.org.id),
          item: (await env.db.select().from(learningAttemptItems).where(eq(learningAttemptItems.id, r.itemId)))[0],
        }),
      });
    });

  it('GET template.xlsx: 401 anonymous, 403 without learning:manage, 200 for a manager', async () => {
    const org = await env.buildOrg();
    const url = '/api/v1/learning/questions/template.xlsx';
    expect((await env.anon.get(url)).statusCode).toBe(401);
    expect((await (await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: org.id }] }))).get(url)).statusCode).toBe(403);
    expect((await (await env.as(await env.buildUser({ roles: [{ role, orgId: org.id }] }))).get(url)).statusCode).toBe(200);
  });

  it('lists only the scope (and the banks above, read only)', async () => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    const up = await addQuestion(env, committee, { stem: '上级题' });
    const mine = await addQuestion(env, own, { stem: '本支部题' });
    await addQuestion(env, other, { stem: '兄弟支部题' });
    await addExam(env, other, { questionIds: [up.id] });
    const ownExam = await addExam(env, own, { questionIds: [mine.id] });
    const api = await env.as(await env.buildUser({ roles: [{ role, orgId: own.id }] }));
    const page = (await api.get('/api/v1/learning/questions?pageSize=200')).json();
    const mineStems = page.items.map((i: { stem: string; editable: boolean }) => [i.stem, i.editable]);
    expect(mineStems).toContainEqual(['本支部题', true]);
    expect(mineStems).toContainEqual(['上级题', false]);
    expect(mineStems).not.toContainEqual(['兄弟支部题', true]);
    expect(mineStems.map((s: [string]) => s[0])).not.toContain('兄弟支部题');
    const exams = (await api.get('/api/v1/learning/exams')).json();
    expect(exams.items.map((e: { id: number }) => e.id)).toEqual([ownExam.id]);
    expect((await api.get(`/api/v1/learning/exams?orgId=${other.id}`)).statusCode).toBe(404);
    // A bank above is readable but not editable.
    expect((await api.get(`/api/v1/learning/questions/${up.id}`)).statusCode).toBe(200);
    expect((await api.patch(`/api/v1/learning/questions/${up.id}`, { stem: '改' })).statusCode).toBe(404);
    const member = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: own.id }] }));
    expect((await member.get('/api/v1/learning/questions')).statusCode).toBe(403);
    expect((await member.get('/api/v1/learning/exams')).statusCode).toBe(403);
    expect((await env.anon.get('/api/v1/learning/exams')).statusCode).toBe(401);
  });
});

/** Phone routes: 401; no self:portal 403; a member outside the audience (or not the owner) 404 and nothing changed; the member 200. */
describe('phone routes', () => {
  type R = { examId: number; attemptId: number; questionId: number };
  const attemptState = async (r: R) => ({
    a: await env.db.select().from(learningAttempts).where(eq(learningAttempts.examId, r.examId)),
    i: await env.db.select().from(learningAttemptItems).where(eq(learningAttemptItems.attemptId, r.attemptId)),
  });
  const routes: [string, (r: R) => InjectOptions, boolean][] = [
    ['GET my exams', () => ({ method: 'GET', url: '/api/v1/learning/my/exams' }), true],
    ['GET my results', () => ({ method: 'GET', url: '/api/v1/learning/my/results' }), true],
    ['GET my exam', (r) => ({ method: 'GET', url: `/api/v1/learning/my/exams/${r.examId}` }), false],
    ['POST start', (r) => ({ method: 'POST', url: `/api/v1/learning/my/exams/${r.examId}/attempts` }), false],
    ['GET attempt', (r) => ({ method: 'GET', url: `/api/v1/learning/my/attempts/${r.attemptId}` }), false],
    [
      'PUT answer',
      (r) => ({
        method: 'PUT',
        url: `/api/v1/learning/my/attempts/${r.attemptId}/answers/${r.questionId}`,
        payload: { response: { keys: ['B'] } },
      }),
      false,
    ],
    [
      'POST answers batch',
      (r) => ({
        method: 'POST',
        url: `/api/v1/learning/my/attempts/${r.attemptId}/answers`,
        headers: { 'idempotency-key': 'authz-batch-1' },
        payload: { answers: [{ questionId: r.questionId, response: { keys: ['A'] } }] },
      }),
      false,
    ],
    ['GET review', (r) => ({ method: 'GET', url: `/api/v1/learning/my/attempts/${r.attemptId}/review` }), false],
    ['POST submit', (r) => ({ method: 'POST', url: `/api/v1/learning/my/attempts/${r.attemptId}/submit` }), false],
    [
      'POST offline submit',
      (r) => ({
        method: 'POST',
        url: `/api/v1/learning/my/attempts/${r.attemptId}/offline-submit`,
        headers: { 'idempotency-key': 'authz-offline-1' },
        payload: {
          answers: [{ questionId: r.questionId, response: { keys: ['B'] }, answeredAt: env.clock.now().toISOString() }],
          finishedAt: env.clock.now().toISOString(),
          sentAt: env.clock.now().toISOString(),
        },
      }),
      false,
    ],
  ];
  for (const [name, request, list] of routes)
    it(name, async () => {
      const org = await env.buildOrg();
      const q = await addQuestion(env, org);
      const exam = await addExam(env, org, { questionIds: [q.id], offlineAllowed: true });
      const me = await buildMemberUser(env, org);
      const attemptId = (await me.api.post(`/api/v1/learning/my/exams/${exam.id}/attempts`)).json().id as number;
      const r: R = { examId: exam.id, attemptId, questionId: q.id };
      const before = await attemptState(r);
      expect((await env.anon.inject(request(r))).statusCode).toBe(401);
      const admin = await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: org.id }] }));
      expect((await admin.inject(request(r))).statusCode).toBe(403);
      const outsider = await buildMemberUser(env, await env.buildOrg());
      const res = await outsider.api.inject(request(r));
      // The exams a list names, read from the parsed body (the member's own list names this one).
      const examsIn = (body: unknown) => {
        expect(Array.isArray(body), JSON.stringify(body)).toBe(true);
        return (body as { id?: number; examId?: number }[]).map((e) => (name === 'GET my results' ? e.examId : e.id));
      };
      if (list) {
        expect(res.statusCode).toBe(200);
        expect(examsIn(res.json())).not.toContain(exam.id);
      } else expect(res.statusCode, res.body).toBe(404);
      // Another member of the same branch sees the exam but not my attempt.
      const neighbour = await buildMemberUser(env, org);
      if (!list && !['GET my exam', 'POST start'].includes(name)) expect((await neighbour.api.inject(request(r))).statusCode).toBe(404);
      expect(await attemptState(r)).toEqual(before);
      const ok = await me.api.inject(request(r));
      expect(ok.statusCode, ok.body).toBe(200);
      if (list) expect(examsIn(ok.json())).toContain(exam.id);
    });
});
