import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import {
  auditLog,
  coursePlanItems,
  coursePlans,
  courses,
  members,
  recruitmentCases,
  recruitmentChecks,
  recruitmentSteps,
  workers,
} from '../../db/schema/index.js';
import { insertCase, insertWorker } from './recruitment.fixtures.js';

/** 我的入党进程 (phone): the applicant's own case, and thought reports handed in from the phone. */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Mine = {
  id: number;
  stage: number;
  stageName: string;
  lastStep: number;
  next: { no: number; name: string; dueOn: string | null; opensOn: string | null; state: string } | null;
  periodic: { kind: string; dueOn: string; state: string }[];
  canReport: boolean;
  contacts: string[];
  courses: { id: number; title: string }[];
  thoughtReports: { doneOn: string; note: string; byMe: boolean }[];
};

/** A worker with a login in a branch, in recruitment at `lastStep`. */
async function applicant(lastStep: number, appliedOn = '2025-01-10') {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: committee });
  const user = await env.buildUser({ roles: [{ role: 'worker', orgId: branch.id }] });
  const w = await insertWorker(env, branch);
  await env.db.update(workers).set({ userId: user.id }).where(eq(workers.id, w.id));
  const c = await insertCase(env, branch, lastStep, appliedOn);
  await env.db.update(recruitmentCases).set({ workerId: w.id }).where(eq(recruitmentCases.id, c.id));
  return { committee, branch, user, c, api: await env.as(user) };
}
const checksOf = async (caseId: number) => env.db.select().from(recruitmentChecks).where(eq(recruitmentChecks.caseId, caseId));

describe('GET /api/v1/me/recruitment', () => {
  it('an applicant sees their stage and the next step with its due date; an activist sees the thought reports due', async () => {
    env.clock.set('2025-01-20T09:00:00+08:00');
    const a = await applicant(1, '2025-01-10');
    const mine = json<Mine>(await a.api.get('/api/v1/me/recruitment'));
    expect(mine).toMatchObject({ id: a.c.id, stage: 1, stageName: '申请入党', lastStep: 1, canReport: false });
    expect(mine.next).toMatchObject({ no: 2, name: '党组织派人谈话', dueOn: '2025-02-10', state: 'ok' });

    // An activist since 2025-01-24 (fixture: step 3 two weeks after applying): a report every 3 months.
    env.clock.set('2025-04-20T09:00:00+08:00');
    const b = await applicant(5, '2025-01-10');
    const act = json<Mine>(await b.api.get('/api/v1/me/recruitment'));
    expect(act).toMatchObject({ stage: 2, stageName: '入党积极分子', canReport: true, thoughtReports: [] });
    expect(act.periodic).toContainEqual({ kind: 'thought_report', dueOn: '2025-04-24', state: 'due' });
  });

  it('someone not in recruitment gets nothing (null), not someone else’s case', async () => {
    const a = await applicant(5);
    const other = await env.buildUser({ roles: [{ role: 'worker', orgId: a.branch.id }] });
    const res = await (await env.as(other)).get('/api/v1/me/recruitment');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toBeNull();
  });

  it('after admission the case is found through the member record', async () => {
    const a = await applicant(17);
    const m = await env.buildMember({ org: a.branch, name: '刘洋', category: 'probationary' });
    await env.db.update(workers).set({ userId: null }).where(eq(workers.userId, a.user.id));
    await env.db.update(members).set({ userId: a.user.id }).where(eq(members.id, m.id));
    await env.db.update(recruitmentCases).set({ memberId: m.id, workerId: null }).where(eq(recruitmentCases.id, a.c.id));
    expect(json<Mine>(await a.api.get('/api/v1/me/recruitment'))).toMatchObject({ id: a.c.id, stage: 4, lastStep: 17 });
  });
});

describe('POST /api/v1/me/recruitment/thought-reports', () => {
  it('an activist hands in a thought report dated today: it is on the case, audited, and the report is no longer due', async () => {
    env.clock.set('2025-04-20T09:00:00+08:00');
    const a = await applicant(5, '2025-01-10');
    const res = await a.api.post('/api/v1/me/recruitment/thought-reports', { note: '学习党章的体会' });
    expect(res.statusCode, res.body).toBe(200);
    const mine = json<Mine>(res);
    expect(mine.thoughtReports).toEqual([{ id: expect.any(Number), doneOn: '2025-04-20', note: '学习党章的体会', byMe: true }]);
    expect(mine.periodic).toContainEqual({ kind: 'thought_report', dueOn: '2025-07-20', state: 'ok' });
    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'recruitment.thought_report'));
    expect(audit).toMatchObject({ entityId: String(a.c.id) });
  });

  it('bad input and the wrong person: a clear message, nothing written', async () => {
    env.clock.set('2025-04-20T09:00:00+08:00');
    const a = await applicant(5, '2025-01-10');
    const empty = await a.api.post('/api/v1/me/recruitment/thought-reports', { note: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details[0]).toMatchObject({ path: 'note', message: '请填写思想汇报的内容' });
    const foreign = await a.api.post('/api/v1/me/recruitment/thought-reports', {
      note: '附件',
      fileIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(foreign.json().details[0]).toMatchObject({ path: 'fileIds.0', message: '附件不存在或不是您上传的' });

    // Before becoming an activist: not yet.
    const early = await applicant(2);
    const notYet = await early.api.post('/api/v1/me/recruitment/thought-reports', { note: '汇报' });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().message).toBe('确定为入党积极分子后才按季度提交思想汇报');
    expect(await checksOf(early.c.id)).toEqual([]);
    expect(await checksOf(a.c.id)).toEqual([]);
  });

  // Authz for the self routes: the record is always the caller's own, so "another branch's record"
  // is someone not in recruitment (404 on write, null on read), and nobody can name another case.
  it('anonymous → 401; a role without the portal → 403; not in recruitment → 404; own → 200; nothing changed when refused', async () => {
    env.clock.set('2025-04-20T09:00:00+08:00');
    const a = await applicant(5, '2025-01-10');
    const body = { note: '汇报' };
    expect((await env.anon.post('/api/v1/me/recruitment/thought-reports', body)).statusCode).toBe(401);
    expect((await env.anon.get('/api/v1/me/recruitment')).statusCode).toBe(401);
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: a.branch.id }] }));
    expect((await admin.post('/api/v1/me/recruitment/thought-reports', body)).statusCode).toBe(403);
    expect((await admin.get('/api/v1/me/recruitment')).statusCode).toBe(403);
    const stranger = await env.as(await env.buildUser({ roles: [{ role: 'worker', orgId: a.branch.id }] }));
    expect((await stranger.post('/api/v1/me/recruitment/thought-reports', body)).statusCode).toBe(404);
    expect(await checksOf(a.c.id)).toEqual([]);
    expect((await a.api.post('/api/v1/me/recruitment/thought-reports', body)).statusCode).toBe(200);
    expect(await checksOf(a.c.id)).toHaveLength(1);
  });
});

describe('an activist on the phone (issue 24)', () => {
  async function course(org: { id: number; path: string }, title: string, label: string | null) {
    const [c] = await env.db
      .insert(courses)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title,
        topic: 'party_history',
        kind: 'article',
        bodyHtml: '<p>党章</p>',
        rulesVersion: '1',
      })
      .returning();
    const [p] = await env.db
      .insert(coursePlans)
      .values({ orgId: org.id, orgPath: org.path, title: `${title}计划`, dueDate: '2025-12-31', audienceLabel: label })
      .returning();
    await env.db.insert(coursePlanItems).values({ planId: p.id, courseId: c.id });
    return c;
  }

  it('sees the 培养联系人 and the activists’ course of the committee above; reads it; other courses are not found', async () => {
    const a = await applicant(5);
    await env.db
      .update(recruitmentSteps)
      .set({
        people: [
          { memberId: 1, name: '王强', role: '培养联系人' },
          { memberId: 2, name: '李娜', role: '培养联系人' },
        ],
      })
      .where(eq(recruitmentSteps.caseId, a.c.id));
    const above = a.committee;
    const training = await course(above, '入党积极分子培训', '入党积极分子');
    const targets = await course(above, '发展对象培训', '发展对象');
    const everyone = await course(above, '全员学习', null);
    const mine = json<Mine>(await a.api.get('/api/v1/me/recruitment'));
    expect(mine.contacts).toEqual(['王强', '李娜']);
    expect(mine.courses.map((c) => c.title)).toEqual(['入党积极分子培训']);
    const read = await a.api.get(`/api/v1/me/recruitment/courses/${training.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ title: '入党积极分子培训', bodyHtml: '<p>党章</p>' });
    for (const other of [targets, everyone]) expect((await a.api.get(`/api/v1/me/recruitment/courses/${other.id}`)).statusCode).toBe(404);
    // Nobody else reads it through this route: anonymous 401, no portal 403, someone not in recruitment 404.
    expect((await env.anon.get(`/api/v1/me/recruitment/courses/${training.id}`)).statusCode).toBe(401);
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: a.branch.id }] }));
    expect((await admin.get(`/api/v1/me/recruitment/courses/${training.id}`)).statusCode).toBe(403);
    const stranger = await env.as(await env.buildUser({ roles: [{ role: 'worker', orgId: a.branch.id }] }));
    expect((await stranger.get(`/api/v1/me/recruitment/courses/${training.id}`)).statusCode).toBe(404);
    // An applicant (not yet an activist) has no course.
    const b = await applicant(2);
    expect(json<Mine>(await b.api.get('/api/v1/me/recruitment')).courses).toEqual([]);
  });
});
