import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { type Caller, createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, memberRecords, memberStatusHistory, members, recruitmentCases, recruitmentPlans, todos } from '../../db/schema/index.js';
import { caseSnapshot, insertCase, insertWorker } from './recruitment.fixtures.js';
import { refreshRecruitmentReminders } from './recruitment.jobs.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
const START = '2027-12-01T09:00:00+08:00';
afterEach(() => env.clock.set(START));
beforeAll(() => env.clock.set(START));

type Err = { message: string; details: { path: string; message: string }[] };
type Case = {
  id: number;
  stage: number;
  lastStep: number;
  status: string;
  memberId: number | null;
  admittedOn: string | null;
  probationEndsOn: string | null;
  fullOn: string | null;
  endedOn?: string | null;
  next: { no: number; state: string; opensOn: string | null; dueOn: string | null; message: string | null } | null;
  periodic: { kind: string; dueOn: string; state: string }[];
  steps: { stepNo: number; round: number; doneOn: string; late: boolean; people: { name: string }[] }[];
  votes: { passed: boolean; entitled: number; present: number }[];
  lastVote: { passed: boolean } | null;
};

async function setup() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading', name: '一矿党委' });
  const branch = await env.buildOrg({ parent: committee, name: '综采一队党支部' });
  const full = await Promise.all(['王强', '李娜', '赵刚', '钱进', '孙红'].map((name) => env.buildMember({ org: branch, name })));
  const prob = await env.buildMember({ org: branch, name: '周预', category: 'probationary' });
  const secretaryUser = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
  const adminUser = await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] });
  const secretary = await env.as(secretaryUser);
  const admin = await env.as(adminUser);
  return { committee, branch, full, prob, secretary, admin, secretaryUser, adminUser };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const DATES: Record<number, string> = {
  1: '2024-01-10',
  2: '2024-01-25',
  3: '2024-03-01',
  4: '2024-03-10',
  5: '2024-03-15',
  6: '2025-03-01',
  7: '2025-03-01',
  8: '2025-03-10',
  9: '2025-03-15',
  10: '2025-04-01',
  11: '2025-04-20',
  12: '2025-05-10',
  13: '2025-05-20',
  14: '2025-05-25',
  15: '2025-06-01',
  16: '2025-06-20',
  17: '2025-07-01',
  18: '2025-07-10',
  19: '2025-07-15',
  20: '2025-07-20',
  21: '2026-05-01',
  22: '2026-05-20',
  23: '2026-06-01',
  24: '2026-07-01',
  25: '2026-07-10',
};
const COMMITTEE = new Set([4, 8, 13, 16, 17, 18, 24]);

/** A valid body for step `no` (forms filled as a secretary would). */
function body(s: Setup, no: number, over: Record<string, unknown> = {}) {
  const ids = s.full.map((m) => m.id);
  const forms: Record<number, Record<string, unknown>> = {
    2: { talker: '王强', content: '了解入党动机' },
    3: { recommendedBy: '党员推荐' },
    6: { opinion: '表现良好' },
    10: { conclusion: 'pass', summary: '政治历史清楚' },
    11: { organizer: '矿党校', days: 3, hours: 24 },
    13: { opinion: '同意', leavingSoon: false },
    14: { summary: '志愿书已填写' },
    15: { outcome: 'admit', resolution: '同意接收为预备党员' },
    16: { talker: '组织员', content: '谈话' },
    17: { approver: '一矿党委', opinion: '同意，预备期一年' },
    21: { opinion: '表现良好' },
    23: { outcome: 'convert', resolution: '同意按期转正' },
    24: { approver: '一矿党委', opinion: '同意转正' },
    25: { items: '入党志愿书、申请书、政审材料、转正申请书' },
  };
  const vote = { absentees: [], forCount: ids.length, againstCount: 0, abstainCount: 0, result: 'pass' };
  return {
    doneOn: DATES[no],
    form: forms[no] ?? {},
    ...(no === 5 ? { people: [ids[0]] } : {}),
    ...(no === 9 ? { people: [ids[0], ids[1]] } : {}),
    ...(no === 15 || no === 23 ? { vote } : {}),
    ...over,
  };
}

async function apply(s: Setup, over: Record<string, unknown> = {}) {
  const res = await s.secretary.post('/api/v1/recruitment/cases', {
    orgId: s.branch.id,
    name: '刘洋',
    sex: '男',
    birthDate: '1998-04-02',
    appliedOn: DATES[1],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<Case>(res);
}

const who = (s: Setup, no: number): Caller => (COMMITTEE.has(no) ? s.admin : s.secretary);
async function step(s: Setup, id: number, no: number, over: Record<string, unknown> = {}) {
  return who(s, no).post(`/api/v1/recruitment/cases/${id}/steps/${no}`, body(s, no, over));
}
async function runTo(s: Setup, id: number, to: number, from = 2) {
  let c: Case | undefined;
  for (let no = from; no <= to; no++) {
    const res = await step(s, id, no);
    expect(res.statusCode, `step ${no}: ${res.body}`).toBe(200);
    c = json<Case>(res);
  }
  return c as Case;
}

describe('recruitment: from application to full member', () => {
  it('25 steps in order: admission makes a 预备党员 in the archive, conversion a 正式党员; all in the archive with history and audit', async () => {
    const s = await setup();
    const created = await apply(s);
    expect(created).toMatchObject({ stage: 1, lastStep: 1, next: { no: 2, dueOn: '2024-02-10', state: 'overdue' } });

    const at16 = await runTo(s, created.id, 16);
    expect(at16).toMatchObject({ stage: 4, admittedOn: '2025-06-01', probationEndsOn: '2026-06-01', memberId: null });
    expect(at16.votes).toEqual([expect.objectContaining({ passed: true, entitled: 5, present: 5 })]);
    const at17 = json<Case>(await step(s, created.id, 17));
    expect(at17.memberId).not.toBeNull();
    const memberId = at17.memberId as number;
    const [m] = await env.db.select().from(members).where(eq(members.id, memberId));
    expect(m).toMatchObject({
      category: 'probationary',
      admittedOn: '2025-06-01',
      appliedOn: '2024-01-10',
      orgPath: s.branch.path,
      fullOn: null,
    });
    const hist = await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, memberId));
    expect(hist).toEqual([expect.objectContaining({ toValue: 'probationary', effectiveOn: '2025-06-01' })]);
    expect(hist[0].reason).toContain('接收为预备党员');

    const done = await runTo(s, created.id, 25, 18);
    expect(done).toMatchObject({ status: 'completed', fullOn: '2026-06-01', next: null });
    const [after] = await env.db.select().from(members).where(eq(members.id, memberId));
    expect(after).toMatchObject({ category: 'full', fullOn: '2026-06-01' });
    const hist2 = await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, memberId));
    expect(hist2.map((h) => [h.toValue, h.effectiveOn])).toEqual([
      ['probationary', '2025-06-01'],
      ['full', '2026-06-01'],
    ]);
    const records = await env.db
      .select()
      .from(memberRecords)
      .where(and(eq(memberRecords.memberId, memberId), eq(memberRecords.kind, 'recruitment')));
    expect(records).toHaveLength(25);
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'recruitment_case'), eq(auditLog.entityId, String(created.id))));
    expect(audits.filter((a) => a.action === 'recruitment.step')).toHaveLength(24);
    expect(audits.filter((a) => a.action === 'recruitment.vote')).toHaveLength(2);

    // The member archive shows party age from full membership.
    const detail = json<{ partyAge: number; category: string }>(await s.admin.get(`/api/v1/members/${memberId}`));
    expect(detail).toMatchObject({ category: 'full', partyAge: 1 });
  });

  it('extension once (6–12 months) then conversion from the end of the extension; a second extension is refused', async () => {
    const s = await setup();
    const c = await apply(s);
    await runTo(s, c.id, 22);
    const ext = await step(s, c.id, 23, { form: { outcome: 'extend', extensionMonths: 5, resolution: '延长' } });
    expect(json<Err>(ext).details).toEqual([{ path: 'form.extensionMonths', message: '延长预备期不能少于6个月，最长不超过12个月' }]);
    expect(json<Case>(await step(s, c.id, 23, { form: { outcome: 'extend', extensionMonths: 6, resolution: '延长半年' } })).lastStep).toBe(
      23,
    );
    const extended = json<Case>(await step(s, c.id, 24));
    expect(extended).toMatchObject({ lastStep: 21, probationEndsOn: '2026-12-01', next: { no: 22 } });
    expect((await step(s, c.id, 22, { doneOn: '2026-11-20' })).statusCode).toBe(200);
    const early = await step(s, c.id, 23, { doneOn: '2026-11-30' });
    expect(json<Err>(early).details[0]).toEqual({ path: 'doneOn', message: '预备期至 2026-12-01 期满，期满后方可讨论转正' });
    const again = await step(s, c.id, 23, { doneOn: '2026-12-05', form: { outcome: 'extend', extensionMonths: 6, resolution: '再延长' } });
    expect(json<Err>(again).details[0]).toEqual({ path: 'form.outcome', message: '预备期只能延长一次' });
    expect((await step(s, c.id, 23, { doneOn: '2026-12-05' })).statusCode).toBe(200);
    const full = json<Case>(await step(s, c.id, 24, { doneOn: '2027-01-10' }));
    expect(full.fullOn).toBe('2026-12-01');
    expect(full.steps.filter((x) => x.stepNo === 23).map((x) => x.round)).toEqual([0, 1]);
  });

  it('cancellation: the member record says so (its own status 取消预备党员资格, with the reason in the history)', async () => {
    const s = await setup();
    const c = await apply(s);
    await runTo(s, c.id, 22);
    await step(s, c.id, 23, { form: { outcome: 'cancel', resolution: '取消预备党员资格' } });
    const done = json<Case>(await step(s, c.id, 24));
    expect(done.status).toBe('cancelled');
    const [m] = await env.db
      .select()
      .from(members)
      .where(eq(members.id, done.memberId as number));
    expect(m.status).toBe('probation_cancelled');
    const hist = await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, m.id));
    expect(hist.at(-1)).toMatchObject({ field: 'status', fromValue: 'normal', toValue: 'probation_cancelled', effectiveOn: done.endedOn });
    expect(hist.at(-1)?.reason).toContain('取消预备党员资格');
    expect(json<Err>(await step(s, c.id, 25)).message).toContain('已取消预备党员资格');
  });
});

describe('recruitment: rules refuse bad input with a Chinese message and change nothing', () => {
  it('a step out of order', async () => {
    const s = await setup();
    const c = await apply(s);
    const before = await caseSnapshot(env, c.id);
    const res = await step(s, c.id, 3);
    expect(res.statusCode).toBe(409);
    expect(json<Err>(res).message).toBe('请按顺序办理：下一步是第 2 步“党组织派人谈话”，不能先办第 3 步“推荐和确定入党积极分子”');
    expect(await caseSnapshot(env, c.id)).toEqual(before);
    expect(json<Err>(await step(s, c.id, 1)).message).toBe('第 1 步“递交入党申请书”已办理');
  });

  it('a date in the future or before the previous step', async () => {
    const s = await setup();
    const c = await apply(s);
    expect(json<Err>(await step(s, c.id, 2, { doneOn: '2027-12-02' })).details[0].message).toBe('办理日期不能晚于今天');
    expect(json<Err>(await step(s, c.id, 2, { doneOn: '2024-01-09' })).details[0].message).toBe('办理日期不能早于上一步的日期 2024-01-10');
  });

  it('a talk after the month needs its reason and is marked late', async () => {
    const s = await setup();
    const c = await apply(s);
    const late = await step(s, c.id, 2, { doneOn: '2024-02-11' });
    expect(json<Err>(late).details[0].path).toBe('lateReason');
    const ok = json<Case>(await step(s, c.id, 2, { doneOn: '2024-02-10' }));
    expect(ok.steps.find((x) => x.stepNo === 2)?.late).toBe(false);
  });

  it('培养教育考察 and development target: a year as activist at least; before it step 6 is in progress, the stage stays 入党积极分子', async () => {
    const s = await setup();
    const c = await apply(s);
    const at5 = await runTo(s, c.id, 5);
    expect(at5).toMatchObject({ stage: 2, stageName: '入党积极分子' });
    // Five months after the activist date (issue 24): step 6 is in progress, it cannot be concluded yet.
    env.clock.set('2024-08-01T12:00:00+08:00');
    const during = json<Case & { stageName: string }>(await s.secretary.get(`/api/v1/recruitment/cases/${c.id}`));
    expect(during).toMatchObject({ stage: 2, stageName: '入党积极分子', next: { no: 6, state: 'blocked', opensOn: '2025-03-01' } });
    expect(during.next?.message).toBe(
      '培养教育考察进行中：自确定为入党积极分子（2024-03-01）起不少于 1 年，期间每半年考察一次，2025-03-01 起可办理',
    );
    const before = await caseSnapshot(env, c.id);
    const early = await step(s, c.id, 6, { doneOn: '2024-08-01' });
    expect(early.statusCode).toBe(400);
    expect(json<Err>(early).details[0]).toEqual({ path: 'doneOn', message: during.next?.message });
    expect(await caseSnapshot(env, c.id)).toEqual(before);
    env.clock.set('2025-02-28T12:00:00+08:00');
    expect(json<Case>(await s.secretary.get(`/api/v1/recruitment/cases/${c.id}`)).next).toMatchObject({ no: 6, state: 'blocked' });
    env.clock.set(START);
    expect((await step(s, c.id, 6, { doneOn: '2025-02-28' })).statusCode).toBe(400);
    // Exactly a year: concluded; still an 入党积极分子 until step 7 names the development target.
    const at6 = json<Case & { stageName: string }>(await step(s, c.id, 6, { doneOn: '2025-03-01' }));
    expect(at6).toMatchObject({ lastStep: 6, stage: 2, stageName: '入党积极分子', next: { no: 7, state: 'ok' } });
    const board = json<{ stageCounts: Record<string, number> }>(await s.secretary.get(`/api/v1/recruitment/cases?orgId=${s.branch.id}`));
    expect(board.stageCounts).toMatchObject({ 2: 1, 3: 0 });
    expect(json<Case>(await step(s, c.id, 7, { doneOn: '2025-03-01' }))).toMatchObject({ lastStep: 7, stage: 3, stageName: '发展对象' });
  });

  it('contacts and sponsors must be full members of the branch; a probationary sponsor is refused by name', async () => {
    const s = await setup();
    const c = await apply(s);
    await runTo(s, c.id, 4);
    expect(json<Err>(await step(s, c.id, 5, { people: [] })).details[0].message).toBe('培养联系人应为 1–2 名正式党员（现为 0 名）');
    await runTo(s, c.id, 8, 5);
    const before = await caseSnapshot(env, c.id);
    const res = await step(s, c.id, 9, { people: [s.full[0].id, s.prob.id] });
    expect(res.statusCode).toBe(400);
    expect(json<Err>(res).details).toEqual([{ path: 'people.1', message: '周预是预备党员，入党介绍人须为正式党员' }]);
    const stranger = await env.buildMember({ org: await env.buildOrg({ parent: s.committee }), name: '外支部' });
    expect(json<Err>(await step(s, c.id, 9, { people: [s.full[0].id, stranger.id] })).details[0].message).toBe('所选党员不在本支部');
    expect(await caseSnapshot(env, c.id)).toEqual(before);
  });

  it('political review failed stops the case; training under 3 days and 24 hours is refused; leaving within 3 months is refused', async () => {
    const s = await setup();
    const c = await apply(s);
    await runTo(s, c.id, 10);
    const short = await step(s, c.id, 11, { form: { organizer: '矿党校', days: 2, hours: 23 } });
    expect(json<Err>(short).details[0]).toEqual({
      path: 'form.days',
      message: '集中培训不少于 3 天或不少于 24 个学时（现为 2 天、23 学时）',
    });
    await runTo(s, c.id, 12, 11);
    const leaving = await step(s, c.id, 13, { form: { opinion: '同意', leavingSoon: true } });
    expect(json<Err>(leaving).details[0].message).toBe('发展对象未来 3 个月内将离开工作单位的，一般不办理接收');

    const other = await apply(s, { name: '马丽', sex: '女' });
    await runTo(s, other.id, 9);
    const failed = json<Case>(await step(s, other.id, 10, { form: { conclusion: 'fail', summary: '不合格' } }));
    expect(failed.status).toBe('stopped');
    expect(json<Err>(await step(s, other.id, 11)).message).toContain('政治审查不合格');
  });

  it('approval more than 6 months after the branch resolution is refused; after 3 needs a reason', async () => {
    const s = await setup();
    const c = await apply(s);
    await runTo(s, c.id, 16);
    expect(json<Err>(await step(s, c.id, 17, { doneOn: '2025-12-02' })).details[0].message).toBe(
      '支部大会决议（2025-06-01）后超过 6 个月未审批，须重新履行程序',
    );
    expect(json<Err>(await step(s, c.id, 17, { doneOn: '2025-09-02' })).details[0].path).toBe('lateReason');
    env.clock.set('2025-08-05T09:00:00+08:00');
    expect(json<Case>(await s.admin.get(`/api/v1/recruitment/cases/${c.id}`)).next).toMatchObject({
      no: 17,
      state: 'warning',
      dueOn: '2025-09-01',
    });
    env.clock.set('2025-09-02T09:00:00+08:00');
    expect(json<Case>(await s.admin.get(`/api/v1/recruitment/cases/${c.id}`)).next).toMatchObject({ state: 'overdue' });
  });

  it('under 18 cannot apply', async () => {
    const s = await setup();
    const res = await s.secretary.post('/api/v1/recruitment/cases', {
      orgId: s.branch.id,
      name: '小王',
      sex: '男',
      birthDate: '2006-01-11',
      appliedOn: '2024-01-10',
    });
    expect(json<Err>(res).details).toEqual([{ path: 'birthDate', message: '申请入党须年满18岁（申请日 2024-01-10 时未满）' }]);
  });

  it('votes: numbers that do not add up, or a pass without quorum, are refused with nothing recorded; a failed vote is recorded and the step stays open', async () => {
    const s = await setup();
    const c = await apply(s);
    await runTo(s, c.id, 14);
    const ids = s.full.map((m) => m.id);
    const before = await caseSnapshot(env, c.id);
    const sum = await step(s, c.id, 15, { vote: { absentees: [], forCount: 4, againstCount: 0, abstainCount: 0, result: 'pass' } });
    expect(json<Err>(sum).details[0]).toEqual({
      path: 'vote.forCount',
      message: '赞成 4、反对 0、弃权 0 合计 4 票，与实到会有表决权人数 5 不符',
    });
    const absent = (n: number) => ids.slice(0, n).map((memberId) => ({ memberId }));
    const noQuorum = await step(s, c.id, 15, {
      vote: { absentees: absent(3), forCount: 2, againstCount: 0, abstainCount: 0, result: 'pass' },
    });
    expect(json<Err>(noQuorum).details[0].message).toBe('实到会有表决权的正式党员 2 人，未超过应到会人数 5 人的半数，不能进行表决');
    expect(await caseSnapshot(env, c.id)).toEqual(before);
    // An approved absentee for one of the five reasons leaves the count: 4 entitled, 2 present is not a quorum, 3 is.
    const excluded = { memberId: ids[0], excludedReason: 'abroad', approvedBy: '一矿党委' };
    const failed = await step(s, c.id, 15, {
      vote: { absentees: [excluded, { memberId: ids[1] }], forCount: 1, againstCount: 2, abstainCount: 0, result: 'fail' },
    });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(json<Case>(failed)).toMatchObject({ lastStep: 14, lastVote: { passed: false } });
    const passed = await step(s, c.id, 15, {
      vote: {
        absentees: [excluded, { memberId: ids[1], writtenOpinion: 'for' }],
        forCount: 2,
        againstCount: 1,
        abstainCount: 0,
        result: 'pass',
      },
    });
    expect(json<Case>(passed)).toMatchObject({ lastStep: 15, admittedOn: '2025-06-01' });
    expect(json<Case>(passed).votes.map((v) => [v.passed, v.entitled, v.present])).toEqual([
      [false, 4, 3],
      [true, 4, 3],
    ]);
  });
});

describe('recruitment: 留党察看 counts a member out of the entitled (issue 19)', () => {
  it('under 留党察看 on the vote day: not entitled; after the period ends on its date: entitled again', async () => {
    const s = await setup();
    const c = await apply(s);
    await runTo(s, c.id, 14);
    const handler = await env.as(await env.buildUser({ roles: [{ role: 'discipline_handler', orgId: s.committee.id }] }));
    // 孙红: 留党察看一年 from 2025-01-10, so on the 2025-06-01 meeting she has no vote; it ends on 2026-01-10.
    const rec = await handler.post('/api/v1/discipline-records', {
      memberId: s.full[4].id,
      kind: 'probation',
      periodYears: 1,
      docNo: '一矿纪〔2025〕3号',
      reason: '违反工作纪律',
      decidedOn: '2025-01-10',
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const five = await step(s, c.id, 15, { vote: { absentees: [], forCount: 5, againstCount: 0, abstainCount: 0, result: 'pass' } });
    expect(json<Err>(five).details[0].path).toBe('vote.forCount');
    const admitted = await step(s, c.id, 15, { vote: { absentees: [], forCount: 4, againstCount: 0, abstainCount: 0, result: 'pass' } });
    expect(admitted.statusCode, admitted.body).toBe(200);
    expect(json<Case>(admitted).votes.map((v) => [v.passed, v.entitled, v.present])).toEqual([[true, 4, 4]]);
    await runTo(s, c.id, 22, 16);
    const converted = await step(s, c.id, 23);
    expect(converted.statusCode, converted.body).toBe(200);
    expect(json<Case>(converted).votes.map((v) => [v.passed, v.entitled, v.present])).toEqual([
      [true, 4, 4],
      [true, 5, 5],
    ]);
  });
});

describe('recruitment: board, approvals, periodic to-dos, plans', () => {
  it('the board groups by stage with the next step; the committee sees its approvals; reviews and reports are due then late', async () => {
    const s = await setup();
    const a = await apply(s);
    const b = await apply(s, { name: '马丽', sex: '女' });
    await runTo(s, b.id, 3);
    env.clock.set('2024-08-20T09:00:00+08:00');
    const board = json<{ items: Case[]; stageCounts: Record<string, number> }>(
      await s.secretary.get(`/api/v1/recruitment/cases?orgId=${s.branch.id}`),
    );
    expect(board.stageCounts).toMatchObject({ 1: 1, 2: 1 });
    const mali = board.items.find((i) => i.id === b.id) as Case;
    expect(mali.next).toMatchObject({ no: 4 });
    expect(mali.periodic).toEqual([
      { kind: 'review', dueOn: '2024-09-01', state: 'due' },
      { kind: 'thought_report', dueOn: '2024-06-01', state: 'late' },
    ]);
    await s.secretary.post(`/api/v1/recruitment/cases/${b.id}/checks`, { kind: 'thought_report', doneOn: '2024-08-15' });
    const after = json<Case>(await s.secretary.get(`/api/v1/recruitment/cases/${b.id}`));
    expect(after.periodic[1]).toEqual({ kind: 'thought_report', dueOn: '2024-11-15', state: 'ok' });
    const approvals = json<{ items: Case[] }>(await s.admin.get(`/api/v1/recruitment/approvals?orgId=${s.committee.id}`));
    expect(approvals.items.map((i) => i.id)).toEqual([b.id]);
    expect(
      json<{ items: Case[] }>(await s.secretary.get(`/api/v1/recruitment/cases?orgId=${s.branch.id}&stage=1`)).items.map((i) => i.id),
    ).toEqual([a.id]);
  });

  it('reminders: to-dos for the secretary (reviews, reports) and the committee above (approval nearing 3 months), once', async () => {
    const s = await setup();
    const a = await apply(s);
    await runTo(s, a.id, 16);
    const b = await apply(s, { name: '马丽', sex: '女' });
    await runTo(s, b.id, 3);
    env.clock.set('2025-08-05T09:00:00+08:00');
    const written = await refreshRecruitmentReminders(env.db, env.clock.now());
    expect(written).toBeGreaterThan(0);
    expect(await refreshRecruitmentReminders(env.db, env.clock.now())).toBe(0);
    const mine = (userId: number) => env.db.select().from(todos).where(eq(todos.userId, userId));
    const sec = (await mine(s.secretaryUser.id)).map((t) => [t.title, t.severity]);
    expect(sec).toContainEqual(['马丽的思想汇报已逾期（2024-06-01）', 'danger']);
    const adm = (await mine(s.adminUser.id)).map((t) => [t.title, t.severity]);
    expect(adm).toEqual([[`${s.branch.name} 刘洋：第 17 步“上级党委审批”请抓紧办理`, 'warning']]);
    // Done: the reminder closes itself (issue 24: a work to-do is not marked done by hand).
    expect((await step(s, a.id, 17, { doneOn: '2025-08-05' })).statusCode).toBe(200);
    expect((await mine(s.adminUser.id)).map((t) => t.doneAt !== null)).toEqual([true]);
  });

  it('the ledger exports to Excel with stage, sponsors and the next step', async () => {
    const s = await setup();
    const c = await apply(s);
    await runTo(s, c.id, 9);
    const res = await s.secretary.get(`/api/v1/recruitment/cases/export.xlsx?orgId=${s.branch.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('姓名');
    const row = ws.getRow(2).values as unknown[];
    expect(row.slice(1, 2)).toEqual(['刘洋']);
    expect(row).toContain('发展对象');
    expect(row).toContain('王强、李娜');
    expect(row).toContain('第 10 步 进行政治审查');
  });

  it('a worker enters as an applicant once', async () => {
    const s = await setup();
    const w = await insertWorker(env, s.branch);
    const list = json<{ items: { id: number }[] }>(await s.secretary.get(`/api/v1/recruitment/workers?orgId=${s.branch.id}`));
    expect(list.items.map((i) => i.id)).toContain(w.id);
    await apply(s, { workerId: w.id, name: w.name });
    const dup = await s.secretary.post('/api/v1/recruitment/cases', {
      orgId: s.branch.id,
      workerId: w.id,
      name: `${w.name}（重名）`,
      sex: '男',
      birthDate: '1998-04-02',
      appliedOn: '2024-01-10',
    });
    expect(json<Err>(dup).details[0]).toEqual({ path: 'workerId', message: '该职工已在发展党员流程中' });
  });

  it('a retry without an ID number makes no duplicate (sequential and concurrent); another application of the same person is refused', async () => {
    const s = await setup();
    const body = { orgId: s.branch.id, name: '重试', sex: '男', birthDate: '1997-05-06', appliedOn: '2024-01-10' };
    const count = async () =>
      (
        await env.db
          .select()
          .from(recruitmentCases)
          .where(and(eq(recruitmentCases.orgId, s.branch.id), eq(recruitmentCases.name, '重试')))
      ).length;
    const first = json<Case>(await s.secretary.post('/api/v1/recruitment/cases', body));
    const again = await s.secretary.post('/api/v1/recruitment/cases', body);
    expect(again.statusCode, again.body).toBe(200);
    expect(json<Case>(again).id).toBe(first.id);
    expect(await count()).toBe(1);

    const twin = { ...body, name: '并发' };
    const both = await Promise.all([
      s.secretary.post('/api/v1/recruitment/cases', twin),
      s.secretary.post('/api/v1/recruitment/cases', twin),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(json<Case>(both[0]).id).toBe(json<Case>(both[1]).id);

    const other = await s.secretary.post('/api/v1/recruitment/cases', { ...body, appliedOn: '2024-02-01' });
    expect(other.statusCode).toBe(400);
    expect(json<Err>(other).details[0]).toEqual({
      path: 'name',
      message: '重试（1997-05-06 出生）已在本支部的发展党员流程中（2024-01-10 申请），请勿重复登记',
    });
    expect(await count()).toBe(1);
    // Another person of the same name (other birth date) is a new applicant.
    expect((await s.secretary.post('/api/v1/recruitment/cases', { ...body, birthDate: '1999-01-01' })).statusCode).toBe(200);
    expect(await count()).toBe(2);
  });

  it('annual plans: counts against actuals for the branches of the subtree', async () => {
    const s = await setup();
    const c = await apply(s);
    await runTo(s, c.id, 8);
    const put = await s.secretary.inject({
      method: 'PUT',
      url: '/api/v1/recruitment/plans',
      payload: { orgId: s.branch.id, year: 2025, activists: 3, targets: 2, admissions: 1, conversions: 0 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const plans = json<{ items: { orgId: number; planned: Record<string, number>; actual: Record<string, number> }[] }>(
      await s.admin.get(`/api/v1/recruitment/plans?orgId=${s.committee.id}&year=2025`),
    );
    expect(plans.items).toEqual([
      expect.objectContaining({
        orgId: s.branch.id,
        planned: { activists: 3, targets: 2, admissions: 1, conversions: 0 },
        actual: { activists: 0, targets: 1, admissions: 0, conversions: 0 },
      }),
    ]);
  });
});

/* ---------- the authz matrix on every route ---------- */

const stepBody = { doneOn: '2024-01-20', form: { talker: '王强', content: '谈话' } };
const snap = (e: TestEnv, r: { id: number }) => caseSnapshot(e, r.id);

describe('GET /api/v1/recruitment/cases', () => {
  authzMatrix(() => env, {
    role: 'branch_committee',
    makeRecord: async (e, org) => ({ org, c: await insertCase(e, org) }),
    request: (r) => ({ method: 'GET', url: `/api/v1/recruitment/cases?orgId=${r.org.id}` }),
    snapshot: async (e, r) => snap(e, r.c),
  });
});
describe('GET /api/v1/recruitment/cases/:id', () => {
  authzMatrix(() => env, {
    role: 'branch_committee',
    makeRecord: (e, org) => insertCase(e, org),
    request: (r) => ({ method: 'GET', url: `/api/v1/recruitment/cases/${r.id}` }),
    snapshot: snap,
  });
});
describe('GET /api/v1/recruitment/cases/:id/voters', () => {
  authzMatrix(() => env, {
    role: 'branch_committee',
    makeRecord: (e, org) => insertCase(e, org),
    request: (r) => ({ method: 'GET', url: `/api/v1/recruitment/cases/${r.id}/voters` }),
    snapshot: snap,
  });
});
describe('GET /api/v1/recruitment/cases/export.xlsx', () => {
  authzMatrix(() => env, {
    role: 'branch_committee',
    makeRecord: async (e, org) => ({ org, c: await insertCase(e, org) }),
    request: (r) => ({ method: 'GET', url: `/api/v1/recruitment/cases/export.xlsx?orgId=${r.org.id}` }),
    snapshot: async (e, r) => snap(e, r.c),
  });
});
describe('GET /api/v1/recruitment/approvals', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    weakRole: 'branch_secretary',
    makeRecord: async (e, org) => ({ org, c: await insertCase(e, org, 3) }),
    request: (r) => ({ method: 'GET', url: `/api/v1/recruitment/approvals?orgId=${r.org.id}` }),
    snapshot: async (e, r) => snap(e, r.c),
  });
});
describe('GET /api/v1/recruitment/workers', () => {
  authzMatrix(() => env, {
    role: 'branch_committee',
    makeRecord: async (e, org) => ({ org, w: await insertWorker(e, org) }),
    request: (r) => ({ method: 'GET', url: `/api/v1/recruitment/workers?orgId=${r.org.id}` }),
  });
});
describe('GET /api/v1/recruitment/plans', () => {
  authzMatrix(() => env, {
    role: 'branch_committee',
    makeRecord: async (_e, org) => ({ org }),
    request: (r) => ({ method: 'GET', url: `/api/v1/recruitment/plans?orgId=${r.org.id}&year=2025` }),
  });
});
describe('PUT /api/v1/recruitment/plans', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    weakRole: 'branch_committee',
    makeRecord: async (_e, org) => ({ org }),
    request: (r) => ({
      method: 'PUT',
      url: '/api/v1/recruitment/plans',
      payload: { orgId: r.org.id, year: 2026, activists: 2, targets: 1, admissions: 1, conversions: 1 },
    }),
    snapshot: async (e, r) => e.db.select().from(recruitmentPlans).where(eq(recruitmentPlans.orgId, r.org.id)),
  });
});
describe('POST /api/v1/recruitment/cases', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    weakRole: 'branch_committee',
    makeRecord: async (_e, org) => ({ org }),
    request: (r) => ({
      method: 'POST',
      url: '/api/v1/recruitment/cases',
      payload: { orgId: r.org.id, name: '刘洋', sex: '男', birthDate: '1998-04-02', appliedOn: '2024-01-10' },
    }),
    snapshot: async (e, r) => (await e.db.select().from(members).where(eq(members.orgId, r.org.id))).length,
  });
});
describe('POST /api/v1/recruitment/cases/:id/steps/:no (a branch step)', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    weakRole: 'branch_committee',
    makeRecord: (e, org) => insertCase(e, org, 1),
    request: (r) => ({ method: 'POST', url: `/api/v1/recruitment/cases/${r.id}/steps/2`, payload: stepBody }),
    snapshot: snap,
  });
});
describe('POST /api/v1/recruitment/cases/:id/steps/:no (a committee step needs recruitment:approve)', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    weakRole: 'branch_secretary',
    makeRecord: (e, org) => insertCase(e, org, 3),
    request: (r) => ({ method: 'POST', url: `/api/v1/recruitment/cases/${r.id}/steps/4`, payload: { doneOn: '2024-03-01' } }),
    snapshot: snap,
  });
});
describe('POST /api/v1/recruitment/cases/:id/checks', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    weakRole: 'branch_committee',
    makeRecord: (e, org) => insertCase(e, org, 3),
    request: (r) => ({
      method: 'POST',
      url: `/api/v1/recruitment/cases/${r.id}/checks`,
      payload: { kind: 'review', doneOn: '2024-06-01' },
    }),
    snapshot: snap,
  });
});
