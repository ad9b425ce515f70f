import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import {
  auditLog,
  mentorEvaluations,
  mentorMeetings,
  mentorMilestones,
  mentorPairs,
  pointEntries,
  recruitmentCases,
  recruitmentSteps,
  todos,
  workers,
} from '../../db/schema/index.js';
import { refreshMentorsReminders } from './mentors.jobs.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Org = { id: number; path: string; name: string };
type Detail = {
  id: number;
  status: string;
  overdue: boolean;
  meetingDueOn: string;
  lastMeetingOn: string | null;
  evaluationDue: string | null;
  myRole: string | null;
  milestones: { id: number; doneOn: string | null }[];
  meetings: { writtenBy: string; topic: string }[];
};
type Item = { key: string; id: number | null; kindName: string; mentorName: string; menteeName: string; overdue: boolean; status: string };
type Page = { items: Item[]; total: number };
type Err = { details: { path: string; message: string }[] };

// The test clock: 2026-03-02 09:00 in China.
const TODAY = '2026-03-02';

async function addPair(org: Org, o: Partial<typeof mentorPairs.$inferInsert> = {}) {
  const mentor = await env.buildMember({ org, name: '师傅' });
  const mentee = await env.buildMember({ org, name: '徒弟' });
  const [p] = await env.db
    .insert(mentorPairs)
    .values({
      orgId: org.id,
      orgPath: org.path,
      kind: 'apprentice',
      mentorMemberId: mentor.id,
      menteeMemberId: mentee.id,
      startsOn: '2026-01-01',
      plannedEndOn: '2026-12-31',
      goals: '带徒一年',
      rulesetVersion: '2026.1',
      ...o,
    })
    .returning();
  const [ms] = await env.db.insert(mentorMilestones).values({ pairId: p.id, title: '独立操作', dueOn: '2026-06-30' }).returning();
  return { pair: p, mentor, mentee, milestone: ms };
}
const pairState = async (id: number) => ({
  pair: (await env.db.select().from(mentorPairs).where(eq(mentorPairs.id, id)))[0],
  meetings: await env.db.select().from(mentorMeetings).where(eq(mentorMeetings.pairId, id)),
  milestones: await env.db.select().from(mentorMilestones).where(eq(mentorMilestones.pairId, id)),
  evaluations: await env.db.select().from(mentorEvaluations).where(eq(mentorEvaluations.pairId, id)),
});
async function loginFor(memberId: number, org: Org) {
  return env.as(await env.linkLogin(memberId, org.id));
}
const meeting = { metOn: '2026-03-01', topic: '安全谈心', content: '讲解顶板管理' };

describe('POST /api/v1/mentor-pairs', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (e, org) => ({
      org,
      mentor: await e.buildMember({ org, name: '师傅' }),
      mentee: await e.buildMember({ org, name: '徒弟' }),
    }),
    request: (r) => ({
      method: 'POST',
      url: '/api/v1/mentor-pairs',
      payload: {
        orgId: r.org.id,
        kind: 'apprentice',
        mentorMemberId: r.mentor.id,
        menteeMemberId: r.mentee.id,
        startsOn: '2026-01-01',
        plannedEndOn: '2026-12-31',
        goals: '带徒一年',
      },
    }),
    snapshot: async (e, r) => e.db.select().from(mentorPairs).where(eq(mentorPairs.orgId, r.org.id)),
  });

  it('creates a pair with its plan; validates with field paths; a second active pair is 409; audited', async () => {
    const branch = await env.buildOrg({ name: '综掘一队党支部' });
    const other = await env.buildOrg();
    const a = await env.buildMember({ org: branch, name: '刘师傅' });
    const b = await env.buildMember({ org: branch, name: '小陈' });
    const stranger = await env.buildMember({ org: other });
    const [w] = await env.db.insert(workers).values({ orgId: branch.id, orgPath: branch.path, name: '赵职工', sex: '男' }).returning();
    const sec = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
    const body = {
      orgId: branch.id,
      kind: 'apprentice',
      mentorMemberId: a.id,
      menteeMemberId: b.id,
      startsOn: '2026-01-01',
      plannedEndOn: '2026-12-31',
      goals: '掌握综掘机操作',
      milestones: [{ title: '理论考试', dueOn: '2026-03-31' }],
    };
    const bad = await sec.post('/api/v1/mentor-pairs', {
      ...body,
      mentorMemberId: stranger.id,
      plannedEndOn: '2026-02-01',
      milestones: [{ title: '理论', dueOn: '2027-01-01' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      json<Err>(bad)
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['mentorMemberId', 'milestones.0.dueOn', 'plannedEndOn']);
    expect(json<Err>(bad).details.find((d) => d.path === 'mentorMemberId')?.message).toBe('导师应为综掘一队党支部的在册党员');
    expect(json<Err>(await sec.post('/api/v1/mentor-pairs', { ...body, menteeMemberId: null })).details[0]).toEqual({
      path: 'menteeMemberId',
      message: '请选择一名学员（党员或职工群众）',
    });
    expect(await env.db.select().from(mentorPairs).where(eq(mentorPairs.orgId, branch.id))).toEqual([]);
    const ok = await sec.post('/api/v1/mentor-pairs', body);
    expect(ok.statusCode, ok.body).toBe(200);
    // Started 2026-01-01 with no meeting: due by 2026-02-01, so overdue on 2026-03-02.
    expect(json<Detail>(ok)).toMatchObject({ status: 'active', overdue: true, meetingDueOn: '2026-02-01', lastMeetingOn: null });
    expect(json<Detail>(ok).milestones).toHaveLength(1);
    expect((await sec.post('/api/v1/mentor-pairs', body)).statusCode).toBe(409);
    const withWorker = await sec.post('/api/v1/mentor-pairs', { ...body, menteeMemberId: undefined, menteeWorkerId: w.id, milestones: [] });
    expect(withWorker.statusCode, withWorker.body).toBe(200);
    expect((await env.db.select().from(auditLog).where(eq(auditLog.action, 'mentor_pair.create'))).length).toBeGreaterThanOrEqual(2);
  });
});

describe('GET /api/v1/mentor-pairs (with recruitment’s 培养联系人)', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => ({ org: { ...org, name: '' }, ...(await addPair({ ...org, name: '' })) }),
    request: (r) => ({ method: 'GET', url: `/api/v1/mentor-pairs?orgId=${r.org.id}` }),
    snapshot: async (_e, r) => pairState(r.pair.id),
  });

  it('lists pairs and contacts, filters by kind, status and overdue, pages; 404 outside scope', async () => {
    const committee = await env.buildOrg({ kind: 'committee' });
    const branch = await env.buildOrg({ parent: committee, name: '结对支部' });
    const overdue = await addPair(branch);
    const fine = await addPair(branch, { kind: 'youth', lastMeetingOn: '2026-02-20' });
    await addPair(branch, { status: 'closed', endedOn: '2026-02-01' });
    const contact = await env.buildMember({ org: branch, name: '联系人甲' });
    const [c] = await env.db
      .insert(recruitmentCases)
      .values({
        orgId: branch.id,
        orgPath: branch.path,
        name: '申请人乙',
        sex: '女',
        birthDate: '2000-01-01',
        rulesetVersion: 'x',
        appliedOn: '2025-01-01',
        lastStep: 5,
      })
      .returning();
    await env.db.insert(recruitmentSteps).values({
      caseId: c.id,
      stepNo: 5,
      doneOn: '2025-08-01',
      people: [{ memberId: contact.id, name: '联系人甲', role: '培养联系人' }],
      confirmedBy: 1,
      confirmedAt: new Date(),
    });
    const sec = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
    const all = json<Page>(await sec.get(`/api/v1/mentor-pairs?orgId=${branch.id}`));
    expect(all.total).toBe(4);
    expect(all.items[0]).toMatchObject({ id: overdue.pair.id, overdue: true });
    expect(all.items.find((i) => i.kindName === '培养联系人')).toMatchObject({
      id: null,
      key: `contact:${c.id}:${contact.id}`,
      mentorName: '联系人甲',
      menteeName: '申请人乙',
      overdue: false,
    });
    const od = json<Page>(await sec.get(`/api/v1/mentor-pairs?orgId=${branch.id}&overdue=true`));
    expect(od.items.map((i) => i.id)).toEqual([overdue.pair.id]);
    expect(json<Page>(await sec.get(`/api/v1/mentor-pairs?orgId=${branch.id}&kind=youth`)).items.map((i) => i.id)).toEqual([fine.pair.id]);
    expect(json<Page>(await sec.get(`/api/v1/mentor-pairs?orgId=${branch.id}&kind=contact`)).total).toBe(1);
    expect(json<Page>(await sec.get(`/api/v1/mentor-pairs?orgId=${branch.id}&status=closed`)).total).toBe(1);
    expect(json<Page>(await sec.get(`/api/v1/mentor-pairs?orgId=${branch.id}&pageSize=2&page=2`)).items).toHaveLength(2);
    const outsider = await env.as(
      await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: (await env.buildOrg({ parent: committee })).id }] }),
    );
    expect((await outsider.get(`/api/v1/mentor-pairs?orgId=${branch.id}`)).statusCode).toBe(404);
    const xlsx = await sec.get(`/api/v1/mentor-pairs.xlsx?orgId=${branch.id}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('GET /api/v1/mentor-pairs/:id and its writes', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => addPair({ ...org, name: '' }),
    request: (r) => ({ method: 'GET', url: `/api/v1/mentor-pairs/${r.pair.id}` }),
    snapshot: async (_e, r) => pairState(r.pair.id),
  });
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => addPair({ ...org, name: '' }),
    request: (r) => ({ method: 'POST', url: `/api/v1/mentor-pairs/${r.pair.id}/meetings`, payload: meeting }),
    snapshot: async (_e, r) => pairState(r.pair.id),
  });
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => addPair({ ...org, name: '' }),
    request: (r) => ({
      method: 'POST',
      url: `/api/v1/mentor-pairs/${r.pair.id}/milestones`,
      payload: { title: '出师', dueOn: '2026-12-01' },
    }),
    snapshot: async (_e, r) => pairState(r.pair.id),
  });
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => addPair({ ...org, name: '' }),
    request: (r) => ({ method: 'PATCH', url: `/api/v1/mentor-pairs/${r.pair.id}/milestones/${r.milestone.id}`, payload: { done: true } }),
    snapshot: async (_e, r) => pairState(r.pair.id),
  });
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => addPair({ ...org, name: '' }),
    request: (r) => ({
      method: 'POST',
      url: `/api/v1/mentor-pairs/${r.pair.id}/evaluations`,
      payload: { stage: 'mid', rating: 'good', comment: '进步明显', evaluatedOn: TODAY },
    }),
    snapshot: async (_e, r) => pairState(r.pair.id),
  });
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => addPair({ ...org, name: '' }),
    request: (r) => ({ method: 'POST', url: `/api/v1/mentor-pairs/${r.pair.id}/end`, payload: { endedOn: TODAY, reason: '师傅调岗' } }),
    snapshot: async (_e, r) => pairState(r.pair.id),
  });

  it('meetings keep the pair out of the overdue list; the final evaluation closes it; a closed pair refuses changes', async () => {
    const branch = await env.buildOrg();
    const { pair } = await addPair(branch);
    const sec = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
    const url = `/api/v1/mentor-pairs/${pair.id}`;
    expect(json<Detail>(await sec.get(url)).overdue).toBe(true);
    expect(json<Err>(await sec.post(`${url}/meetings`, { ...meeting, metOn: '2026-03-03' })).details[0]).toEqual({
      path: 'metOn',
      message: '谈心日期不能晚于今天',
    });
    const m = await sec.post(`${url}/meetings`, meeting);
    expect(json<Detail>(m)).toMatchObject({ overdue: false, lastMeetingOn: '2026-03-01', meetingDueOn: '2026-04-01' });
    // An older record does not move the last meeting back.
    expect(json<Detail>(await sec.post(`${url}/meetings`, { ...meeting, metOn: '2026-02-01' })).lastMeetingOn).toBe('2026-03-01');
    expect((await sec.post(`${url}/evaluations`, { stage: 'mid', rating: 'good', comment: '好', evaluatedOn: TODAY })).statusCode).toBe(
      400,
    );
    expect(
      (await sec.post(`${url}/evaluations`, { stage: 'mid', rating: 'good', comment: '进步明显', evaluatedOn: TODAY })).statusCode,
    ).toBe(200);
    expect(
      (await sec.post(`${url}/evaluations`, { stage: 'mid', rating: 'good', comment: '进步明显', evaluatedOn: TODAY })).statusCode,
    ).toBe(409);
    const fin = await sec.post(`${url}/evaluations`, { stage: 'final', rating: 'excellent', comment: '达到出师标准', evaluatedOn: TODAY });
    expect(json<Detail>(fin)).toMatchObject({ status: 'closed', overdue: false });
    expect((await sec.post(`${url}/meetings`, meeting)).statusCode).toBe(409);
    expect((await sec.post(`${url}/end`, { endedOn: TODAY, reason: '调岗' })).statusCode).toBe(409);
  });
});

describe('the phone: either side of a pair', () => {
  it('mentee adds a meeting (idempotent by client key, points for both), marks a milestone; others 404', async () => {
    const branch = await env.buildOrg();
    const { pair, mentor, mentee, milestone } = await addPair(branch);
    const phone = await loginFor(mentee.id, branch);
    const mentorPhone = await loginFor(mentor.id, branch);
    const mine = json<{ items: Detail[] }>(await phone.get('/api/v1/my/mentor-pairs'));
    expect(mine.items.map((p) => [p.id, p.myRole, p.overdue])).toEqual([[pair.id, 'mentee', true]]);
    const body = { ...meeting, clientKey: 'phone-key-0001' };
    const r1 = await phone.post(`/api/v1/my/mentor-pairs/${pair.id}/meetings`, body);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(json<Detail>(r1)).toMatchObject({ overdue: false, myRole: 'mentee' });
    expect(json<Detail>(await phone.post(`/api/v1/my/mentor-pairs/${pair.id}/meetings`, body)).meetings).toHaveLength(1);
    expect(json<Detail>(r1).meetings[0].writtenBy).toBe('mentee');
    const pts = await env.db.select().from(pointEntries).where(eq(pointEntries.activity, 'mentor_meeting'));
    expect(pts.filter((p) => p.memberId === mentee.id || p.memberId === mentor.id).map((p) => p.points)).toEqual([2, 2]);
    const done = await mentorPhone.inject({
      method: 'PATCH',
      url: `/api/v1/my/mentor-pairs/${pair.id}/milestones/${milestone.id}`,
      payload: { done: true },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(json<Detail>(done).milestones[0].doneOn).toBe(TODAY);
    // Someone else of the branch: not their pair → 404, nothing written.
    const bystander = await loginFor((await env.buildMember({ org: branch })).id, branch);
    expect((await bystander.get(`/api/v1/my/mentor-pairs/${pair.id}`)).statusCode).toBe(404);
    expect((await bystander.post(`/api/v1/my/mentor-pairs/${pair.id}/meetings`, meeting)).statusCode).toBe(404);
    expect((await env.anon.get('/api/v1/my/mentor-pairs')).statusCode).toBe(401);
    expect((await env.db.select().from(mentorMeetings).where(eq(mentorMeetings.pairId, pair.id))).length).toBe(1);
  });
});

describe('GET /api/v1/mentor-pairs/candidates', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => ({ org }),
    request: (r) => ({ method: 'GET', url: `/api/v1/mentor-pairs/candidates?orgId=${r.org.id}` }),
  });
});

describe('reminders', () => {
  it('to-do for the mentor when overdue and for the org when an evaluation is due; idempotent', async () => {
    const branch = await env.buildOrg();
    const { pair, mentor } = await addPair(branch, { startsOn: '2025-06-01', plannedEndOn: '2026-05-31' });
    const mentorUser = await env.linkLogin(mentor.id, branch.id);
    const secUser = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    await refreshMentorsReminders(env.db, env.clock.now());
    await refreshMentorsReminders(env.db, env.clock.now());
    const forMentor = await env.db.select().from(todos).where(eq(todos.userId, mentorUser.id));
    expect(forMentor.map((t) => t.sourceKey)).toEqual([`mentors:${pair.id}:meeting:2025-07-02`]);
    const forSec = await env.db
      .select()
      .from(todos)
      .where(and(eq(todos.userId, secUser.id)));
    expect(forSec.map((t) => t.sourceKey)).toEqual([`mentors:${pair.id}:evaluation:mid`]);
  });
});
