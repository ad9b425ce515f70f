import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { courseHeartbeats, leadershipMembers, leadershipTerms, memberRecords, todos, unqualifiedCases } from '../../db/schema/index.js';
import { buildMemberUser, fresh } from './life.fixtures.js';
import { lastEnded, refreshLifeReminders } from './life.jobs.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
type Err = { message: string; details?: { path: string; message: string }[] };

async function tree() {
  env.clock.set('2026-03-02T09:00:00+08:00');
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading', name: '五矿党委' });
  const branch = await env.buildOrg({ parent: committee, name: '综采队党支部' });
  const other = await env.buildOrg({ parent: committee, name: '机电队党支部' });
  const secUser = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
  const adminUser = await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] });
  return { committee, branch, other, secUser, sec: fresh(env, secUser), admin: fresh(env, adminUser), adminUser };
}

const put = (c: ReturnType<typeof fresh>, url: string, payload: unknown) => c.inject({ method: 'PUT', url, payload: payload as object });

describe('compliance', () => {
  it('turns a month green once a meeting with minutes is held, counted by China-time day across the quarter boundary', async () => {
    const t = await tree();
    await env.buildMember({ org: t.branch });
    // A 主题党日 (monthly, every member invited); a 支委会 would invite the committee only (issue 24 item 7).
    const plan = async (startsAt: string, type = 'theme_day') =>
      json<{ id: number }>(
        await t.sec.post('/api/v1/life/meetings', {
          orgId: t.branch.id,
          type,
          topic: '例会',
          startsAt,
          place: '会议室',
          invite: { kind: 'members' },
        }),
      ).id;
    const a = await plan('2026-03-31T23:30:00+08:00');
    const b = await plan('2026-04-01T00:30:00+08:00');
    env.clock.set('2026-04-02T10:00:00+08:00');
    type C = {
      orgs: { items: { id: number; missing: number; cells: { type: string; period: string; status: string }[] }[] };
      summary: { type: string; periods: { period: string; done: number }[] }[];
      children: { id: number; expected: number; done: number }[];
    };
    const get = async () => json<C>(await t.sec.get(`/api/v1/life/compliance?orgId=${t.branch.id}&year=2026`));
    const cell = (c: C, type: string, period: string) => c.orgs.items[0].cells.find((x) => x.type === type && x.period === period)?.status;
    let c = await get();
    expect(cell(c, 'theme_day', '2026-03')).toBe('missing'); // planned but no minutes yet
    await put(t.sec, `/api/v1/life/meetings/${a}/minutes`, { minutes: '三月支委会记录' });
    await put(t.sec, `/api/v1/life/meetings/${b}/minutes`, { minutes: '四月支委会记录' });
    c = await get();
    expect(cell(c, 'theme_day', '2026-03')).toBe('done');
    expect(cell(c, 'theme_day', '2026-04')).toBe('done');
    expect(cell(c, 'theme_day', '2026-02')).toBe('missing');
    expect(cell(c, 'branch_assembly', '2026-Q1')).toBe('missing');
    expect(c.summary.find((s) => s.type === 'theme_day')?.periods.find((p) => p.period === '2026-03')?.done).toBe(1);
    // Ended by 2 April: 3 months of 支委会 and 主题党日, Q1 of 党员大会 and 党课 → 8 cells, 1 done.
    expect(c.orgs.items[0].missing).toBe(7);
    // Drill-down from the committee.
    const up = json<C>(await t.admin.get(`/api/v1/life/compliance?orgId=${t.committee.id}&year=2026`));
    expect(up.children.find((x) => x.id === t.branch.id)).toMatchObject({ expected: 8, done: 1 });
    expect(up.children.find((x) => x.id === t.other.id)).toMatchObject({ expected: 8, done: 0 });
  });

  it('counts the secretary yearly 党课 only when the secretary lectured, and 谈心谈话 yearly; exports by month and quarter', async () => {
    const t = await tree();
    const secretary = await env.buildMember({ org: t.branch, name: '赵书记' });
    const other = await env.buildMember({ org: t.branch, name: '钱委员' });
    const [term] = await env.db
      .insert(leadershipTerms)
      .values({ orgId: t.branch.id, orgPath: t.branch.path, startedOn: '2025-01-01', endsOn: '2028-01-01', years: 3 })
      .returning();
    await env.db.insert(leadershipMembers).values([
      { termId: term.id, memberId: secretary.id, post: 'secretary', startedOn: '2025-01-01' },
      { termId: term.id, memberId: other.id, post: 'member', startedOn: '2025-01-01' },
    ]);
    const held = async (type: string, startsAt: string, chairMemberId?: number) => {
      const res = await t.sec.post('/api/v1/life/meetings', {
        orgId: t.branch.id,
        type,
        topic: '会议',
        startsAt,
        place: '会议室',
        chairMemberId,
        invite: { kind: 'members' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const id = json<{ id: number }>(res).id;
      env.clock.set(new Date(new Date(startsAt).getTime() + 3 * 3_600_000));
      expect((await put(t.sec, `/api/v1/life/meetings/${id}/minutes`, { minutes: '记录' })).statusCode).toBe(200);
    };
    type C = {
      orgs: { items: { cells: { key: string; period: string; status: string }[] }[] };
      summary: { key: string; typeName: string }[];
    };
    const cell = async (key: string, period: string) =>
      json<C>(await t.sec.get(`/api/v1/life/compliance?orgId=${t.branch.id}&year=2026`)).orgs.items[0].cells.find(
        (c) => c.key === key && c.period === period,
      )?.status;
    // A 党课 given by a committee member counts for Q1, not for the secretary's yearly 党课.
    await held('lecture', '2026-03-03T09:00:00+08:00', other.id);
    expect(await cell('lecture', '2026-Q1')).toBe('done');
    expect(await cell('lecture_secretary', '2026')).toBe('due');
    expect(await cell('talk', '2026')).toBe('due');
    await held('lecture', '2026-03-04T09:00:00+08:00', secretary.id);
    await held('talk', '2026-03-05T09:00:00+08:00');
    expect(await cell('lecture_secretary', '2026')).toBe('done');
    expect(await cell('talk', '2026')).toBe('done');
    const c = json<C>(await t.sec.get(`/api/v1/life/compliance?orgId=${t.branch.id}&year=2026`));
    expect(c.summary.map((x) => x.typeName)).toEqual(expect.arrayContaining(['书记讲党课', '谈心谈话']));

    // The reminder job knows the secretary's 党课 of a past year: the other branch never had one.
    env.clock.set('2027-01-03T09:00:00+08:00');
    await env.db.execute(sql`UPDATE orgs SET created_at = '2025-01-01' WHERE id IN (${t.branch.id}, ${t.other.id})`);
    await refreshLifeReminders(env.db, new Date('2027-01-03T09:00:00+08:00'));
    const up = (await env.db.select().from(todos).where(eq(todos.userId, t.adminUser.id))).map((x) => x.title);
    expect(up).toContain('下级组织未按期开展组织生活：机电队党支部 2026 未召开书记讲党课');
    expect(up).toContain('下级组织未按期开展组织生活：机电队党支部 2026 未召开谈心谈话');
    expect(up).not.toContain('下级组织未按期开展组织生活：综采队党支部 2026 未召开书记讲党课');

    // The Excel export: 汇总, 按月, 按季度 (yearly expectations in 全年).
    const xlsx = await t.admin.get(`/api/v1/life/compliance.xlsx?orgId=${t.committee.id}&year=2026`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按月', '按季度']);
    const rowsOf = (name: string) =>
      (wb.getWorksheet(name)?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1).map((v) => v ?? ''));
    const quarter = rowsOf('按季度');
    expect(quarter[0]).toEqual(['组织', '会议', '第一季度', '第二季度', '第三季度', '第四季度', '全年']);
    expect(quarter).toContainEqual(['综采队党支部', '党课', '已开', '未开', '未开', '未开']);
    expect(quarter).toContainEqual(['综采队党支部', '书记讲党课', '', '', '', '', '已开']);
    expect(quarter).toContainEqual(['机电队党支部', '谈心谈话', '', '', '', '', '未开']);
    const month = rowsOf('按月');
    expect(month.find((r) => r[0] === '综采队党支部' && r[1] === '支委会')?.slice(2, 5)).toEqual(['未开', '未开', '未开']);
    const sum = rowsOf('汇总');
    expect(sum[0]).toEqual(['组织', '类型', '应开（已到期）', '已开（有记录）', '未开', '落实率']);
    expect(sum.find((r) => r[0] === '综采队党支部')?.slice(2, 5)).toEqual([12 + 12 + 4 + 4 + 3, 3, 32]);
  });

  it('the reminder job gives the secretary a to-do and the committee above an alert, once', async () => {
    const t = await tree();
    await env.db.execute(sql`UPDATE orgs SET created_at = '2025-01-01' WHERE id IN (${t.branch.id}, ${t.other.id})`);
    expect(lastEnded('2026-04-03')).toEqual({ month: '2026-03', quarter: '2026-Q1', year: '2025' });
    expect(lastEnded('2026-01-15')).toEqual({ month: '2025-12', quarter: '2025-Q4', year: '2025' });
    const now = new Date('2026-04-03T06:00:00+08:00');
    const n = await refreshLifeReminders(env.db, now);
    expect(n).toBeGreaterThan(0);
    expect(await refreshLifeReminders(env.db, now)).toBe(0);
    const mine = await env.db.select().from(todos).where(eq(todos.userId, t.secUser.id));
    expect(mine.map((x) => x.title)).toContain('综采队党支部 2026-03 未召开支委会（或未填写会议记录），请尽快补开并录入');
    const up = await env.db.select().from(todos).where(eq(todos.userId, t.adminUser.id));
    expect(up.map((x) => x.title)).toContain('下级组织未按期开展组织生活：机电队党支部 2026-Q1 未召开党课');
  });
});

describe('training hours', () => {
  it('credits a 党课 to those who signed in; 56 h target for committee members', async () => {
    const t = await tree();
    const wang = await buildMemberUser(env, t.branch, { name: '王强' });
    const li = await buildMemberUser(env, t.branch, { name: '李娜' });
    const [term] = await env.db
      .insert(leadershipTerms)
      .values({ orgId: t.branch.id, orgPath: t.branch.path, startedOn: '2025-01-01', endsOn: '2028-01-01', years: 3 })
      .returning();
    await env.db.insert(leadershipMembers).values({ termId: term.id, memberId: li.memberId, post: 'secretary', startedOn: '2025-01-01' });
    const m = json<{ id: number; hoursMinutes: number }>(
      await t.sec.post('/api/v1/life/meetings', {
        orgId: t.branch.id,
        type: 'lecture',
        topic: '书记讲党课：安全生产中的党员责任',
        startsAt: '2026-03-05T14:00:00+08:00',
        place: '职工之家',
        invite: { kind: 'members' },
        hoursMinutes: 150,
      }),
    );
    env.clock.set('2026-03-05T14:05:00+08:00');
    const { code } = json<{ code: string }>(await t.sec.get(`/api/v1/life/meetings/${m.id}/sign-in-code`));
    await wang.api.post('/api/v1/life/sign-in', { code, clientId: 'hours-wang-1' });
    await li.api.post('/api/v1/life/sign-in', { code, clientId: 'hours-li-1' });
    const my = json<{ hours: number; target: number; meetings: unknown[] }>(await wang.api.get('/api/v1/life/my/hours'));
    expect(my).toMatchObject({ hours: 2.5, target: 32 });
    expect(my.meetings).toHaveLength(1);
    const ledger = json<{ items: { name: string; hours: number; target: number; isLeader: boolean }[] }>(
      await t.sec.get(`/api/v1/life/hours?orgId=${t.branch.id}&year=2026`),
    );
    expect(ledger.items.map((i) => [i.name, i.hours, i.target])).toEqual([
      ['王强', 2.5, 32],
      ['李娜', 2.5, 56],
    ]);
    expect(json<{ hours: number }>(await wang.api.get('/api/v1/life/my/hours?year=2025')).hours).toBe(0);
    // Online study (the courses module's credited time) adds to the same year total.
    await env.db.insert(courseHeartbeats).values({
      memberId: wang.memberId,
      courseId: 1,
      sessionId: '00000000-0000-4000-8000-000000000001',
      key: 'hours-test-1',
      at: new Date('2026-03-06T20:00:00+08:00'),
      creditedSeconds: 1800,
      watchedSeconds: 0,
    });
    expect(json<{ hours: number }>(await wang.api.get('/api/v1/life/my/hours')).hours).toBe(3);
    const xlsx = await t.sec.get(`/api/v1/life/hours.xlsx?orgId=${t.branch.id}&year=2026`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect([2, 3].map((i) => [ws.getRow(i).getCell(1).value, ws.getRow(i).getCell(3).value, ws.getRow(i).getCell(4).value])).toEqual([
      ['王强', 3, 32],
      ['李娜', 2.5, 56],
    ]);
  });
});

describe('training hours per attendee', () => {
  it('credits fewer hours to one who left early (with a reason), and the year totals follow; refuses bad entries', async () => {
    const t = await tree();
    const wang = await buildMemberUser(env, t.branch, { name: '王强' });
    const li = await buildMemberUser(env, t.branch, { name: '李娜' });
    const absent = await env.buildMember({ org: t.branch, name: '孙磊' });
    const planOne = async (type: string, startsAt: string, hoursMinutes: number) =>
      json<{ id: number }>(
        await t.sec.post('/api/v1/life/meetings', {
          orgId: t.branch.id,
          type,
          topic: type === 'onsite' ? '井下现场教学：3105 工作面' : '党课',
          startsAt,
          place: '3105 工作面',
          invite: { kind: 'members' },
          hoursMinutes,
        }),
      ).id;
    const onsite = await planOne('onsite', '2026-03-12T09:00:00+08:00', 240);
    const lecture = await planOne('lecture', '2026-03-20T09:00:00+08:00', 120);
    for (const [id, at] of [
      [onsite, '2026-03-12T09:05:00+08:00'],
      [lecture, '2026-03-20T09:05:00+08:00'],
    ] as const) {
      env.clock.set(at);
      const { code } = json<{ code: string }>(await t.sec.get(`/api/v1/life/meetings/${id}/sign-in-code`));
      for (const p of [wang, li])
        expect((await p.api.post('/api/v1/life/sign-in', { code, clientId: `hours-attempt-${id}-${p.memberId}` })).statusCode).toBe(200);
    }
    env.clock.set('2026-03-20T12:00:00+08:00');
    const url = `/api/v1/life/meetings/${onsite}/hours`;
    const bad = async (payload: object, path: string, message: string) => {
      const res = await put(t.sec, url, payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(json<Err>(res).details?.[0]).toEqual({ path, message });
    };
    await bad({ memberId: wang.memberId, minutes: 90 }, 'reason', '少计学时请填写原因（如中途离会、迟到）');
    await bad({ memberId: wang.memberId, minutes: 300, reason: 'x' }, 'minutes', '学时应为 0–240 分钟（不超过本次会议的 4 学时）');
    await bad({ memberId: absent.id, minutes: 60, reason: '迟到' }, 'memberId', '该党员未出席本次会议（未签到），不计学时');
    const ok = await put(t.sec, url, { memberId: wang.memberId, minutes: 90, reason: '中途升井处理故障' });
    expect(ok.statusCode, ok.body).toBe(200);
    const people = json<{ attendance: { people: { memberId: number; minutes: number | null; hoursReason: string | null }[] } }>(ok)
      .attendance.people;
    expect(people.find((p) => p.memberId === wang.memberId)).toMatchObject({ minutes: 90, hoursReason: '中途升井处理故障' });
    expect(people.find((p) => p.memberId === li.memberId)).toMatchObject({ minutes: 240, hoursReason: null });
    expect(people.find((p) => p.memberId === absent.id)?.minutes).toBeNull();
    // Year totals: 王强 1.5 + 2 = 3.5 h; 李娜 4 + 2 = 6 h.
    expect(json<{ hours: number }>(await wang.api.get('/api/v1/life/my/hours?year=2026')).hours).toBe(3.5);
    const my = json<{ meetings: { id: number; hours: number }[] }>(await wang.api.get('/api/v1/life/my/hours?year=2026'));
    expect(my.meetings.find((m) => m.id === onsite)?.hours).toBe(1.5);
    const ledger = json<{ items: { name: string; hours: number; target: number }[] }>(
      await t.sec.get(`/api/v1/life/hours?orgId=${t.branch.id}&year=2026`),
    );
    expect(Object.fromEntries(ledger.items.map((i) => [i.name, i.hours]))).toMatchObject({ 王强: 3.5, 李娜: 6, 孙磊: 0 });
    // Back to the full hours; audited both times.
    await put(t.sec, url, { memberId: wang.memberId, minutes: 240 });
    expect(json<{ hours: number }>(await wang.api.get('/api/v1/life/my/hours?year=2026')).hours).toBe(6);
    const audits = await env.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.hours' AND entity_id = ${String(onsite)}`,
    );
    expect(audits.rows[0].n).toBe(2);
  });
});

describe('joint meetings and action items', () => {
  it('two orgs meet, an item is assigned to one and closed', async () => {
    const t = await tree();
    await env.buildMember({ org: t.branch, name: '王强' });
    const owner = await env.buildMember({ org: t.other, name: '孙磊' });
    const res = await t.admin.post('/api/v1/life/meetings', {
      orgId: t.branch.id,
      type: 'joint',
      topic: '综采与机电联席会：3105 工作面设备检修',
      startsAt: '2026-03-03T09:00:00+08:00',
      place: '调度楼会议室',
      invite: { kind: 'orgs', orgIds: [t.branch.id, t.other.id], who: 'members' },
      jointBody: '综采机电联席会',
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = json<{ id: number; orgs: { id: number }[]; attendance: { expected: number } }>(res);
    expect(m.orgs.map((o) => o.id).sort()).toEqual([t.branch.id, t.other.id].sort());
    expect(m.attendance.expected).toBe(2);
    // A branch secretary of one org sees the joint meeting too.
    expect((await t.sec.get(`/api/v1/life/meetings/${m.id}`)).statusCode).toBe(200);
    const early = await t.admin.post(`/api/v1/life/meetings/${m.id}/action-items`, {
      title: '检修',
      orgId: t.other.id,
      dueOn: '2026-03-20',
    });
    expect(json<Err>(early).message).toBe('请先填写会议记录和决议，再分解督办事项');
    env.clock.set('2026-03-03T11:00:00+08:00');
    await put(t.admin, `/api/v1/life/meetings/${m.id}/minutes`, {
      minutes: '研究检修安排',
      resolutions: '机电队负责 3 月 20 日前完成检修',
    });
    const bad = await t.admin.post(`/api/v1/life/meetings/${m.id}/action-items`, {
      title: '检修',
      orgId: t.committee.id,
      dueOn: '2026-03-20',
    });
    expect(json<Err>(bad).details?.[0]).toEqual({ path: 'orgId', message: '责任组织应为参会组织之一' });
    const item = json<{ id: number }>(
      await t.admin.post(`/api/v1/life/meetings/${m.id}/action-items`, {
        title: '完成 3105 工作面设备检修',
        orgId: t.other.id,
        ownerMemberId: owner.id,
        dueOn: '2026-03-20',
      }),
    );
    const open = json<{ total: number; items: { title: string; ownerName: string; jointBody: string }[] }>(
      await t.admin.get(`/api/v1/life/action-items?jointBody=${encodeURIComponent('综采机电联席会')}`),
    );
    expect(open.items).toEqual([
      expect.objectContaining({ title: '完成 3105 工作面设备检修', ownerName: '孙磊', jointBody: '综采机电联席会' }),
    ]);
    const done = await t.admin.post(`/api/v1/life/action-items/${item.id}/done`, { note: '已完成检修并验收' });
    expect(done.statusCode, done.body).toBe(200);
    expect(json<{ total: number }>(await t.admin.get(`/api/v1/life/action-items?orgId=${t.other.id}`)).total).toBe(0);
    expect((await t.admin.post(`/api/v1/life/action-items/${item.id}/done`, { note: '再次' })).statusCode).toBe(409);
  });
});

describe('democratic appraisal', () => {
  it('runs a campaign: self, secret mutual ballots, mass counts, capped determination, archive and handling case', async () => {
    const t = await tree();
    const people: Awaited<ReturnType<typeof buildMemberUser>>[] = [];
    for (const name of ['甲', '乙', '丙', '丁', '戊', '己']) people.push(await buildMemberUser(env, t.branch, { name: `党员${name}` }));
    const probationary = await buildMemberUser(env, t.branch, { name: '预备党员庚', category: 'probationary' });
    const all = [...people, probationary];
    const open = await t.sec.post('/api/v1/life/appraisals', { orgId: t.branch.id, year: 2025 });
    expect(open.statusCode, open.body).toBe(200);
    const { id } = json<{ id: number }>(open);
    expect((await t.sec.post('/api/v1/life/appraisals', { orgId: t.branch.id, year: 2025 })).statusCode).toBe(409);

    const tasks = json<{ id: number; selfDone: boolean; voted: boolean }[]>(await people[0].api.get('/api/v1/life/my/appraisals'));
    expect(tasks).toEqual([expect.objectContaining({ id, selfDone: false, voted: false })]);
    expect(
      (await put(people[0].api, `/api/v1/life/my/appraisals/${id}/self`, { summary: '一年来认真履行党员义务，带头安全生产。' })).statusCode,
    ).toBe(200);

    // Everyone rates everyone else; 党员甲 is rated 优秀 by all, 党员己 不合格 by all.
    const gradeOf = (i: number) => (i === 0 ? 'excellent' : i === 5 ? 'unqualified' : 'qualified');
    const ballot = (voter: number) => ({
      ratings: all.flatMap((p, i) => (i === voter ? [] : [{ memberId: p.memberId, grade: gradeOf(i) }])),
    });
    const selfRate = await people[1].api.post(`/api/v1/life/my/appraisals/${id}/ballot`, {
      ratings: all.map((p, i) => ({ memberId: p.memberId, grade: gradeOf(i) })),
    });
    expect(json<Err>(selfRate).message).toBe('不能评价自己，请只评议其他党员');
    for (let v = 0; v < all.length; v++) {
      const r = await all[v].api.post(`/api/v1/life/my/appraisals/${id}/ballot`, ballot(v));
      expect(r.statusCode, r.body).toBe(200);
    }
    const again = await people[0].api.post(`/api/v1/life/my/appraisals/${id}/ballot`, ballot(0));
    expect(json<Err>(again).message).toBe('您已提交互评，不能重复提交');

    // While open the console sees who voted (a count), never the counts per member.
    type Campaign = {
      voted: number;
      excellentCap: number;
      people: { memberId: number; mutual: Record<string, number> | null; gradeName: string | null }[];
    };
    const during = json<Campaign>(await t.sec.get(`/api/v1/life/appraisals/${id}`));
    expect(during.voted).toBe(7);
    expect(during.people.every((p) => p.mutual === null)).toBe(true);
    const mass = await put(t.sec, `/api/v1/life/appraisals/${id}/mass`, {
      counts: [{ memberId: people[0].memberId, excellent: 12, qualified: 3, basic: 0, unqualified: 0 }],
    });
    expect(mass.statusCode, mass.body).toBe(200);
    const closed = json<Campaign>(await t.sec.post(`/api/v1/life/appraisals/${id}/close`));
    expect(closed.people.find((p) => p.memberId === people[0].memberId)?.mutual).toEqual({
      excellent: 6,
      qualified: 0,
      basic: 0,
      unqualified: 0,
    });
    expect(closed.excellentCap).toBe(2);

    // No stored row links a mutual rating to its rater: voter rows and tally rows share no
    // transaction id (xmin), and no row of any table holds a voter together with a rated member and a grade.
    const xmins = await env.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM appraisal_tallies t JOIN appraisal_voters v ON v.xmin = t.xmin
      WHERE t.campaign_id = ${id} AND v.campaign_id = ${id}`);
    expect(xmins.rows[0].n).toBe(0);
    const tables = await env.db.execute<{ table_name: string }>(sql`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const rater = people[1];
    const ratee = people[5].memberId;
    const leaks: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await env.db.execute<{ j: Record<string, unknown> }>(sql`SELECT to_jsonb(x) AS j FROM ${sql.identifier(table_name)} x`);
      for (const { j } of rows.rows) {
        const text = JSON.stringify(j);
        const cols = Object.entries(j);
        const hasRater = cols.some(
          ([k, v]) =>
            (/member_id|user_id|actor_id/.test(k) && (v === rater.memberId || v === rater.user.id)) ||
            (k === 'actor_name' && v === rater.user.username),
        );
        const hasRatee =
          cols.some(([k, v]) => /member_id/.test(k) && v === ratee) ||
          text.includes(`"memberId": ${ratee}`) ||
          text.includes(`"memberId":${ratee}`);
        const hasGrade = /unqualified/.test(text);
        if (hasRater && hasRatee && hasGrade) leaks.push(`${table_name}: ${text.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);

    // Determination: too many 优秀 refused, probationary not graded, nothing changed.
    const grades = (g: (string | null)[]) => ({ grades: all.map((p, i) => ({ memberId: p.memberId, grade: g[i] })) });
    const tooMany = await t.sec.post(
      `/api/v1/life/appraisals/${id}/determination`,
      grades(['excellent', 'excellent', 'excellent', 'qualified', 'qualified', 'unqualified', null]),
    );
    expect(json<Err>(tooMany).message).toBe('评为优秀的有 3 人，超过参评正式党员 6 人的三分之一（最多 2 人）');
    const gradedProb = await t.sec.post(
      `/api/v1/life/appraisals/${id}/determination`,
      grades(['excellent', 'qualified', 'qualified', 'qualified', 'qualified', 'unqualified', 'qualified']),
    );
    expect(json<Err>(gradedProb).details?.[0]).toEqual({ path: 'grades.6.grade', message: '预备党员庚是预备党员，参加评议但不评定等次' });
    expect(await env.db.select().from(memberRecords).where(eq(memberRecords.memberId, people[0].memberId))).toHaveLength(0);
    const ok = await t.sec.post(`/api/v1/life/appraisals/${id}/determination`, {
      ...grades(['excellent', 'qualified', 'qualified', 'basic', 'qualified', 'unqualified', null]),
      cases: [{ memberId: people[5].memberId, measure: 'correction', months: 6 }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const rec = await env.db
      .select()
      .from(memberRecords)
      .where(and(eq(memberRecords.memberId, people[0].memberId), eq(memberRecords.kind, 'appraisal')));
    expect(rec.map((r) => r.title)).toEqual(['2025 年度民主评议党员：优秀']);
    const [k] = await env.db.select().from(unqualifiedCases).where(eq(unqualifiedCases.memberId, people[5].memberId));
    expect(k).toMatchObject({ measure: 'correction', deadlineOn: '2026-09-02', status: 'open' });
    const fu = await t.sec.post(`/api/v1/life/unqualified-cases/${k.id}/follow-ups`, { note: '谈心谈话一次，制定改正计划' });
    expect(fu.statusCode, fu.body).toBe(200);
    const mine = json<{ grade: string | null }>(await people[0].api.get(`/api/v1/life/my/appraisals/${id}`));
    expect(mine.grade).toBe('excellent');
  });
});
