import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestEnv, type TestEnv } from '../../../test/harness.js';
import { auditLog, courseHeartbeats, courseProgress, courses, learningAttemptItems, learningAttempts } from '../../db/schema/index.js';
import { addExam, addQuestion, buildMemberUser } from './learning.fixtures.js';

/**
 * Offline on the phone through the API: an offline-allowed exam started online, submitted later
 * from the outbox (judged against the server's start + limit, graded by the server, a replay
 * counted once), and offline study chunks deduplicated by their key.
 */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type OrgRef = { id: number; path: string };
const T0 = '2026-03-02T09:00:00+08:00';
/** The phone's clock in these tests runs 7 minutes behind the server's. */
const SLOW = 7 * 60_000;
const phone = (d: Date) => new Date(d.getTime() - SLOW).toISOString();
const at = (minutesAfterStart: number) => phone(new Date(new Date(T0).getTime() + minutesAfterStart * 60_000));

async function setup(o: { offlineAllowed?: boolean; timeLimitMinutes?: number } = {}) {
  env.clock.set(T0);
  const org = await env.buildOrg();
  const qs = [await addQuestion(env, org), await addQuestion(env, org), await addQuestion(env, org)];
  const exam = await addExam(env, org, {
    questionIds: qs.map((q) => q.id),
    offlineAllowed: o.offlineAllowed ?? true,
    timeLimitMinutes: o.timeLimitMinutes ?? 30,
    closesAt: new Date(new Date(T0).getTime() + 4 * 3_600_000),
  });
  const member = await buildMemberUser(env, org);
  const started = await member.api.post(`/api/v1/learning/my/exams/${exam.id}/attempts`);
  expect(started.statusCode, started.body).toBe(200);
  const attemptId = started.json().id as number;
  /** A fresh sign-in (the phone logs in again after hours underground; sessions expire by the same clock). */
  const me = {
    ...member,
    get api(): Caller {
      return fresh;
    },
  };
  let fresh = member.api;
  const relogin = async () => {
    fresh = await env.as(member.user);
  };
  return { org, qs, exam, me, attemptId, relogin };
}

const submit = (api: Caller, attemptId: number, key: string, body: unknown) =>
  api.inject({
    method: 'POST',
    url: `/api/v1/learning/my/attempts/${attemptId}/offline-submit`,
    headers: { 'idempotency-key': key },
    payload: body as object,
  });

/** All three right (B) at minutes 5, 10, 15; finished at minute 20; sent now. */
const allRight = (qs: { id: number }[], o: { finish?: number; answeredAt?: number[] } = {}) => ({
  answers: qs.map((q, i) => ({ questionId: q.id, response: { keys: ['B'] }, answeredAt: at(o.answeredAt?.[i] ?? 5 * (i + 1)) })),
  finishedAt: at(o.finish ?? 20),
  sentAt: phone(env.clock.now()),
});

const state = async (attemptId: number) => ({
  a: (await env.db.select().from(learningAttempts).where(eq(learningAttempts.id, attemptId)))[0],
  items: await env.db.select().from(learningAttemptItems).where(eq(learningAttemptItems.attemptId, attemptId)),
});

describe('offline exam submission', () => {
  it('arrives hours later (before the close): accepted within the limit, graded by the server; a replay returns the same result and counts once', async () => {
    const { qs, me, attemptId, exam, relogin } = await setup();
    // The phone answered underground and came back up two hours later: past the 30-minute limit, before the close.
    env.clock.advanceMinutes(120);
    await relogin();
    // Listing my exams meanwhile does not end the offline attempt (it waits for the phone until the close).
    expect((await me.api.get('/api/v1/learning/my/exams')).statusCode).toBe(200);
    expect((await state(attemptId)).a.status).toBe('in_progress');
    const body = allRight(qs);
    const key = randomUUID();
    const first = await submit(me.api, attemptId, key, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'graded', score: 30, maxScore: 30, replayed: false, cutQuestionIds: [] });
    const after = await state(attemptId);
    expect(after.a).toMatchObject({ status: 'graded', endedBy: 'member', submittedOffline: true, submitKey: key });
    // Graded as of the phone's finish converted to server time (minute 20), not the arrival.
    expect(after.a.submittedAt?.toISOString()).toBe(new Date(new Date(T0).getTime() + 20 * 60_000).toISOString());
    expect(after.a.clientFinishedAt?.toISOString()).toBe(new Date(new Date(T0).getTime() + 20 * 60_000).toISOString());
    // The replay (the outbox sent it again after a lost response): same result, nothing counted twice.
    env.clock.advanceMinutes(1);
    const again = await submit(me.api, attemptId, key, { ...body, sentAt: phone(env.clock.now()) });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'graded', score: 30, replayed: true });
    expect(await state(attemptId)).toEqual(after);
    const graded = await env.db.select().from(learningAttempts).where(eq(learningAttempts.examId, exam.id));
    expect(graded).toHaveLength(1);
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, 'learning_attempt'),
          eq(auditLog.entityId, String(attemptId)),
          eq(auditLog.action, 'learning_attempt.submit_offline'),
        ),
      );
    expect(audits).toHaveLength(1);
    // Another key for an attempt already submitted: refused, nothing changed.
    const other = await submit(me.api, attemptId, randomUUID(), { ...body, sentAt: phone(env.clock.now()) });
    expect(other.statusCode).toBe(409);
    expect(other.json().message).toContain('已交卷');
    expect(await state(attemptId)).toEqual(after);
  });

  it('cuts answers the phone recorded after the limit; the rest is graded as of the finish', async () => {
    const { qs, me, attemptId, relogin } = await setup();
    env.clock.advanceMinutes(60);
    await relogin();
    const res = await submit(me.api, attemptId, randomUUID(), allRight(qs, { finish: 30, answeredAt: [5, 29, 45] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'graded', score: 20, cutQuestionIds: [qs[2].id] });
    const items = (await state(attemptId)).items.sort((x, y) => x.position - y.position);
    expect(items.map((i) => i.awarded)).toEqual([10, 10, 0]);
    expect(items[2].response).toBeNull();
  });

  it.each<[string, (qs: { id: number }[]) => object, number, string]>([
    [
      'a question not in the attempt (forged set)',
      (qs) => ({
        ...allRight(qs),
        answers: [...allRight(qs).answers, { questionId: 999_999, response: { keys: ['B'] }, answeredAt: at(6) }],
      }),
      400,
      '不在本次考试的试卷中',
    ],
    ['the phone finished 10 minutes past the limit', (qs) => allRight(qs, { finish: 40 }), 400, '超出答题时限'],
    ['a finish before the start', (qs) => allRight(qs, { finish: -5 }), 400, '早于开始答题'],
    [
      'an option the question does not have',
      (qs) => ({ ...allRight(qs), answers: [{ questionId: qs[0].id, response: { keys: ['Z'] }, answeredAt: at(3) }] }),
      400,
      '所选选项不在本题中',
    ],
  ])('refuses %s: nothing written', async (_n, body, status, message) => {
    const { qs, me, attemptId, relogin } = await setup();
    env.clock.advanceMinutes(50);
    await relogin();
    const before = await state(attemptId);
    const res = await submit(me.api, attemptId, randomUUID(), body(qs));
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toContain(message);
    expect(await state(attemptId)).toEqual(before);
  });

  it('arriving after the exam closed is refused; the attempt was ended by the server as of its deadline', async () => {
    const { qs, me, attemptId, relogin } = await setup();
    env.clock.advanceMinutes(5 * 60);
    await relogin();
    const res = await submit(me.api, attemptId, randomUUID(), allRight(qs));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('考试已结束');
    // The server ends it as of its deadline with what it had (nothing, the answers never arrived in time).
    await me.api.get('/api/v1/learning/my/exams');
    const a = (await state(attemptId)).a;
    expect(a).toMatchObject({ status: 'graded', endedBy: 'timeout', score: 0, submittedOffline: false });
  });

  it('an exam not marked offline-allowed refuses the offline submission and ends at its deadline as before', async () => {
    const { qs, me, attemptId, relogin } = await setup({ offlineAllowed: false });
    env.clock.advanceMinutes(10);
    const res = await submit(me.api, attemptId, randomUUID(), allRight(qs, { finish: 8, answeredAt: [2, 3, 4] }));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('不允许离线作答');
    env.clock.advanceMinutes(30);
    await relogin();
    await me.api.get('/api/v1/learning/my/exams');
    expect((await state(attemptId)).a).toMatchObject({ status: 'graded', endedBy: 'timeout' });
  });

  it('an online submit with an Idempotency-Key: the retry returns the same result', async () => {
    const { me, attemptId } = await setup({ offlineAllowed: false });
    const key = randomUUID();
    const url = `/api/v1/learning/my/attempts/${attemptId}/submit`;
    const first = await me.api.inject({ method: 'POST', url, headers: { 'idempotency-key': key } });
    expect(first.json()).toMatchObject({ status: 'graded', replayed: false });
    const again = await me.api.inject({ method: 'POST', url, headers: { 'idempotency-key': key } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'graded', replayed: true, score: first.json().score });
    expect((await me.api.post(url)).statusCode).toBe(409);
  });
});

describe('offline study outbox', () => {
  async function article(org: OrgRef) {
    // 600 characters at 300 a minute: a 2-minute minimum reading time, never below the ruleset's floor.
    const [c] = await env.db
      .insert(courses)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: '煤矿安全规程',
        topic: 'safety',
        kind: 'article',
        bodyHtml: `<p>${'安'.repeat(600)}</p>`,
        textLength: 600,
        minSeconds: 300,
        rulesVersion: '2026.1',
      })
      .returning();
    return c;
  }
  const chunk = (api: Caller, courseId: number, key: string, minutesAgo: number, activeSeconds: number) =>
    api.inject({
      method: 'POST',
      url: `/api/v1/my/courses/${courseId}/offline-study`,
      headers: { 'idempotency-key': key },
      payload: {
        startedAt: phone(new Date(env.clock.now().getTime() - (minutesAgo + 3) * 60_000)),
        endedAt: phone(new Date(env.clock.now().getTime() - minutesAgo * 60_000)),
        sentAt: phone(env.clock.now()),
        activeSeconds,
      },
    });
  const credited = async (memberId: number, courseId: number) =>
    (
      await env.db
        .select()
        .from(courseProgress)
        .where(and(eq(courseProgress.memberId, memberId), eq(courseProgress.courseId, courseId)))
    )[0];

  it('replayed entries count once; credit is capped by the span and the course minimum; booked at the study time', async () => {
    env.clock.set('2026-03-02T20:00:00+08:00');
    const org = await env.buildOrg();
    const c = await article(org);
    const me = await buildMemberUser(env, org);
    const k1 = randomUUID();
    const first = await chunk(me.api, c.id, k1, 120, 150);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ accepted: true, creditedSeconds: 150 });
    // The same outbox entry three more times (the phone lost the responses): nothing more.
    for (let i = 0; i < 3; i++) {
      const again = await chunk(me.api, c.id, k1, 120, 150);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ accepted: false, reason: 'replayed', creditedSeconds: 0 });
    }
    expect((await credited(me.memberId, c.id))?.creditedSeconds).toBe(150);
    // 500 active seconds claimed in a 3-minute span: 180 at most, and only 150 left to the 300-second minimum.
    const second = await chunk(me.api, c.id, randomUUID(), 60, 500);
    expect(second.json()).toMatchObject({ accepted: true, creditedSeconds: 150, reason: 'capped' });
    const p = await credited(me.memberId, c.id);
    expect(p).toMatchObject({ creditedSeconds: 300 });
    expect(p?.completedAt).not.toBeNull();
    // Complete: further offline time adds nothing.
    expect((await chunk(me.api, c.id, randomUUID(), 30, 100)).json()).toMatchObject({ creditedSeconds: 0, reason: 'course_complete' });
    const beats = await env.db.select().from(courseHeartbeats).where(eq(courseHeartbeats.memberId, me.memberId));
    expect(beats.map((b) => b.creditedSeconds).sort()).toEqual([0, 150, 150]);
    // Booked at the chunk's end in server time (2 hours before now), not at arrival.
    expect(beats.find((b) => b.key === k1)?.at.toISOString()).toBe(new Date(new Date('2026-03-02T18:00:00+08:00')).toISOString());
    // The hours page counts it.
    expect((await me.api.get('/api/v1/my/study-hours')).json().courses).toEqual([{ id: c.id, title: '煤矿安全规程', minutes: 5 }]);
  });

  it('concurrent replays of one entry count once', async () => {
    env.clock.set('2026-03-02T20:00:00+08:00');
    const org = await env.buildOrg();
    const c = await article(org);
    const me = await buildMemberUser(env, org);
    const key = randomUUID();
    const all = await Promise.all(Array.from({ length: 5 }, () => chunk(me.api, c.id, key, 10, 120)));
    expect(all.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(all.filter((r) => r.json().accepted)).toHaveLength(1);
    expect((await credited(me.memberId, c.id))?.creditedSeconds).toBe(120);
  });

  it('a chunk claiming to end after it was sent is refused and counts nothing', async () => {
    env.clock.set('2026-03-02T20:00:00+08:00');
    const org = await env.buildOrg();
    const c = await article(org);
    const me = await buildMemberUser(env, org);
    const res = await chunk(me.api, c.id, randomUUID(), -10, 60);
    expect(res.statusCode).toBe(400);
    expect(await credited(me.memberId, c.id)).toBeUndefined();
  });
});
