import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv, type TestUser } from '../../../test/harness.js';
import {
  duesBills,
  memberLifeDates,
  memberStatusHistory,
  members,
  relationContacts,
  relationLostCases,
  relationLostSteps,
  relationMobiles,
  todos,
} from '../../db/schema/index.js';
import { refreshRelationReminders } from './relations.jobs.js';
import { lastContactDates } from './relations.repository.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

async function branchWithSecretary() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: committee });
  const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
  return { committee, branch, secretary };
}
/** A fresh session at the clock's current time (moving the clock months ahead expires old ones). */
const as = (u: TestUser) => env.as(u);
const at = (iso: string) => env.clock.set(iso);

describe('mobile members (流动党员)', () => {
  it('the form follows the planned stay at the 3- and 6-month boundaries; one open stay per member; returns', async () => {
    at('2026-03-02T09:00:00+08:00');
    const { branch, secretary } = await branchWithSecretary();
    const api = await as(secretary);
    const out = async (name: string, expectedReturnOn: string, fixedPlace: boolean) => {
      const m = await env.buildMember({ org: branch, name });
      const res = await api.post('/api/v1/relation-mobiles', {
        direction: 'out',
        memberId: m.id,
        place: '内蒙古鄂尔多斯某煤矿',
        reason: '外出务工',
        startOn: '2026-03-02',
        expectedReturnOn,
        fixedPlace,
        contact: '13912345678',
      });
      expect(res.statusCode, res.body).toBe(200);
      return { member: m, dto: json<{ id: number; form: string; formName: string; contact: string }>(res) };
    };
    expect((await out('甲', '2026-06-01', true)).dto.form).toBe('card');
    expect((await out('乙', '2026-06-02', false)).dto).toMatchObject({ form: 'certificate', formName: '开具党员证明信' });
    expect((await out('丙', '2026-09-01', true)).dto.form).toBe('certificate');
    expect((await out('丁', '2026-09-02', true)).dto).toMatchObject({ form: 'transfer', formName: '转接正式组织关系' });
    const away = await out('戊', '2026-09-02', false);
    expect(away.dto).toMatchObject({ form: 'card', contact: '13912345678' });

    const twice = await api.post('/api/v1/relation-mobiles', {
      direction: 'out',
      memberId: away.member.id,
      place: '别处',
      reason: '再次外出',
      startOn: '2026-03-02',
      expectedReturnOn: '2026-04-02',
      fixedPlace: true,
    });
    expect(twice.statusCode).toBe(409);
    expect(json(twice).message).toBe('戊已登记外出（内蒙古鄂尔多斯某煤矿），尚未返回；请先登记返回');
    const backwards = await api.post('/api/v1/relation-mobiles', {
      direction: 'in',
      orgId: branch.id,
      personName: '己',
      homeOrgName: '某县某村党支部',
      place: '本矿综采一队',
      reason: '来矿务工',
      startOn: '2026-03-02',
      expectedReturnOn: '2026-03-02',
      fixedPlace: true,
    });
    expect(json(backwards)).toMatchObject({ message: '预计返回日期应晚于外出日期', details: [{ path: 'expectedReturnOn' }] });
    const inflow = await api.post('/api/v1/relation-mobiles', {
      direction: 'in',
      orgId: branch.id,
      personName: '己',
      homeOrgName: '某县某村党支部',
      place: '本矿综采一队',
      reason: '来矿务工',
      startOn: '2026-03-02',
      expectedReturnOn: '2026-12-31',
      fixedPlace: true,
    });
    expect(json(inflow)).toMatchObject({ direction: 'in', personName: '己', memberId: null, homeOrgName: '某县某村党支部' });
    expect(json<{ total: number }>(await api.get('/api/v1/relation-mobiles?direction=out')).total).toBe(5);
    expect(json<{ total: number }>(await api.get('/api/v1/relation-mobiles?direction=in')).total).toBe(1);

    // A read-only committee member sees the contact masked.
    const committee = await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] });
    const seen = json<{ items: { contact: string }[] }>(await (await as(committee)).get('/api/v1/relation-mobiles?direction=out'));
    expect(seen.items[0].contact).toBe('139****5678');

    // Not back on time → a to-do the day after the expected return; the return closes it.
    at('2026-06-02T09:00:00+08:00');
    await refreshRelationReminders(env.db, env.clock.now());
    const reminded = await env.db
      .select()
      .from(todos)
      .where(and(eq(todos.userId, secretary.id), like(todos.sourceKey, 'mobile:%')));
    expect(reminded.map((t) => t.title)).toEqual(['流动党员甲预计 2026-06-01 返回，尚未登记返回']);
    const api2 = await as(secretary);
    const [甲] = await env.db.select().from(relationMobiles).where(eq(relationMobiles.personName, '甲'));
    expect(json(await api2.post(`/api/v1/relation-mobiles/${甲.id}/return`, { returnedOn: '2026-03-01' }))).toMatchObject({
      message: '返回日期不能早于外出日期 2026-03-02',
    });
    expect(json(await api2.post(`/api/v1/relation-mobiles/${甲.id}/return`, { returnedOn: '2026-06-01' }))).toMatchObject({
      returnedOn: '2026-06-01',
    });
    expect((await api2.post(`/api/v1/relation-mobiles/${甲.id}/return`, { returnedOn: '2026-06-01' })).statusCode).toBe(409);
    const [closed] = await env.db
      .select()
      .from(todos)
      .where(and(eq(todos.userId, secretary.id), eq(todos.sourceKey, `mobile:${甲.id}:return`)));
    expect(closed.doneAt).not.toBeNull();
  });
});

describe('lost contact (失联党员)', () => {
  it('listed from exactly 6 months without org life and dues; dated steps of the 2024 rules up to removal', async () => {
    at('2026-03-02T09:00:00+08:00');
    const { branch, secretary } = await branchWithSecretary();
    const lost = await env.buildMember({ org: branch, name: '失联甲' });
    const active = await env.buildMember({ org: branch, name: '正常乙' });
    await env.buildMember({ org: branch, name: '无记录丙' });
    let api = await as(secretary);
    const fact = (memberId: number, kind: string, on: string) => api.post('/api/v1/relation-contacts', { memberId, kind, on });
    expect(json(await fact(lost.id, 'life', '2026-03-02'))).toEqual({ memberId: lost.id, lastLifeOn: '2026-03-02', lastDuesOn: null });
    await fact(lost.id, 'dues', '2026-02-10');
    await fact(active.id, 'life', '2026-01-01');
    // 正常乙 paid dues in May (entered later; the clock is still in March here).
    await env.db
      .insert(relationContacts)
      .values({ memberId: active.id, orgId: branch.id, orgPath: branch.path, kind: 'dues', on: '2026-05-01' });
    expect(json(await fact(lost.id, 'life', '2026-03-03'))).toMatchObject({ message: '日期不能晚于今天' });

    const list = async () =>
      json<{
        items: { memberName: string; stage: string; since: string; months: number; nextStep: string }[];
        total: number;
        unknown: number;
      }>(await api.get('/api/v1/relation-lost'));
    at('2026-09-01T09:00:00+08:00');
    api = await as(secretary);
    expect(await list()).toMatchObject({ items: [], total: 0, unknown: 1 });
    const early = await api.post('/api/v1/relation-lost-cases', { memberId: lost.id, on: '2026-09-01' });
    expect(json(early).message).toBe('失联甲最后一次参加组织生活或交纳党费是 2026-03-02，不满 6 个月，不能认定失联');

    at('2026-09-02T09:00:00+08:00');
    api = await as(secretary);
    expect((await list()).items).toEqual([
      expect.objectContaining({ memberName: '失联甲', stage: 'correction', since: '2026-03-02', months: 6, nextStep: 'identified' }),
    ]);
    const opened = await api.post('/api/v1/relation-lost-cases', { memberId: lost.id, on: '2026-09-02', note: '支委会研究认定' });
    expect(opened.statusCode, opened.body).toBe(200);
    const c = json<{ id: number; nextStep: string }>(opened);
    expect(c.nextStep).toBe('searched');
    expect((await api.post('/api/v1/relation-lost-cases', { memberId: lost.id, on: '2026-09-02' })).statusCode).toBe(409);

    const step = (s: string, on: string, extra: object = {}) =>
      api.post(`/api/v1/relation-lost-cases/${c.id}/steps`, { step: s, on, ...extra });
    expect(json(await step('correction', '2026-09-02', { deadline: '2027-03-02' }))).toMatchObject({
      message: '下一步应为：多方查找联系（记录查找情况）',
    });
    expect((await step('searched', '2026-09-02', { note: '电话、走访家属均未联系上' })).statusCode).toBe(200);
    expect(json(await step('correction', '2026-09-02', { deadline: '2027-09-03' }))).toMatchObject({
      message: '改正期限最长不超过 12 个月',
      details: [{ path: 'deadline' }],
    });
    expect(json(await step('correction', '2026-09-02', { deadline: '2027-03-02' }))).toMatchObject({ nextStep: 'removal_proposed' });

    at('2027-03-02T09:00:00+08:00');
    api = await as(secretary);
    expect(json(await step('removal_proposed', '2027-03-02'))).toMatchObject({ message: '改正期限（2027-03-02）届满后才能提出除名意见' });
    await refreshRelationReminders(env.db, env.clock.now());
    expect(
      await env.db
        .select()
        .from(todos)
        .where(eq(todos.sourceKey, `lost:${c.id}:deadline`)),
    ).toEqual([]);
    at('2027-03-03T09:00:00+08:00');
    api = await as(secretary);
    await refreshRelationReminders(env.db, env.clock.now());
    const [deadlineTodo] = await env.db
      .select()
      .from(todos)
      .where(and(eq(todos.userId, secretary.id), eq(todos.sourceKey, `lost:${c.id}:deadline`)));
    expect(deadlineTodo.title).toBe('失联党员限期改正已于 2027-03-02 届满，请研究下一步处置');
    for (const s of ['removal_proposed', 'filed', 'investigated', 'branch_meeting'])
      expect((await step(s, '2027-03-03')).statusCode).toBe(200);
    const done = json<{ status: string; outcome: string; steps: { step: string; on: string }[]; nextStep: string | null }>(
      await step('approved', '2027-03-03', { note: '矿党委批复' }),
    );
    expect(done).toMatchObject({ status: 'closed', outcome: 'removed', nextStep: null });
    expect(done.steps.map((s) => s.step)).toEqual([
      'identified',
      'searched',
      'correction',
      'removal_proposed',
      'filed',
      'investigated',
      'branch_meeting',
      'approved',
    ]);
    const [m] = await env.db.select().from(members).where(eq(members.id, lost.id));
    expect(m.status).toBe('left');
    const [h] = await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, lost.id));
    expect(h).toMatchObject({ field: 'status', fromValue: 'normal', toValue: 'left', effectiveOn: '2027-03-03' });
    const [closedTodo] = await env.db.select().from(todos).where(eq(todos.id, deadlineTodo.id));
    expect(closedTodo.doneAt).not.toBeNull();
    expect(json(await step('restored', '2027-03-03'))).toMatchObject({ message: '该失联处置已结案' });
    // Removed members no longer appear on the list (正常乙 has now been 10 months without contact).
    expect((await list()).items.map((i) => i.memberName)).toEqual(['正常乙']);
  });

  it('reads the last meeting signed in to (life) and the last month of dues paid (dues), not only the facts entered', async () => {
    const { branch } = await branchWithSecretary();
    const m = await env.buildMember({ org: branch, name: '有记录丁' });
    const none = await env.buildMember({ org: branch, name: '无记录戊' });
    await env.db.insert(memberLifeDates).values({ memberId: m.id, lastLifeOn: '2026-04-18' });
    const bill = { memberId: m.id, orgId: branch.id, orgPath: branch.path, standardFen: 1000, dueFen: 1000 };
    await env.db.insert(duesBills).values([
      { ...bill, month: '2026-03-01', status: 'paid', paidFen: 1000 },
      { ...bill, month: '2026-04-01', status: 'paid', paidFen: 1000 },
      { ...bill, month: '2026-05-01', status: 'unpaid' },
    ]);
    await env.db
      .insert(relationContacts)
      .values({ memberId: m.id, orgId: branch.id, orgPath: branch.path, kind: 'life', on: '2026-02-01' });
    const dates = await lastContactDates(env.db, [m.id, none.id]);
    expect(dates.get(m.id)).toEqual({ lastLifeOn: '2026-04-18', lastDuesOn: '2026-04-01' });
    expect(dates.get(none.id)).toEqual({ lastLifeOn: null, lastDuesOn: null });
  });

  it('restored contact closes a case', async () => {
    at('2026-09-02T09:00:00+08:00');
    const { branch, secretary } = await branchWithSecretary();
    const m = await env.buildMember({ org: branch, name: '回来了' });
    await env.db
      .insert(relationContacts)
      .values({ memberId: m.id, orgId: branch.id, orgPath: branch.path, kind: 'dues', on: '2025-12-01' });
    const api = await as(secretary);
    const c = json<{ id: number }>(await api.post('/api/v1/relation-lost-cases', { memberId: m.id, on: '2026-09-02' }));
    const res = json(
      await api.post(`/api/v1/relation-lost-cases/${c.id}/steps`, { step: 'restored', on: '2026-09-02', note: '本人主动联系支部' }),
    );
    expect(res).toMatchObject({ status: 'closed', outcome: 'restored' });
    const [row] = await env.db.select().from(relationLostCases).where(eq(relationLostCases.id, c.id));
    expect(row.closedOn).toBe('2026-09-02');
  });
});

// ── Authz matrix on every route ──────────────────────────────────────────────────────────

const lostMember = async (e: TestEnv, own: { id: number; path: string }) => {
  const m = await e.buildMember({ org: own });
  await e.db.insert(relationContacts).values({ memberId: m.id, orgId: own.id, orgPath: own.path, kind: 'life', on: '2020-01-01' });
  return m;
};
const openCase = async (e: TestEnv, own: { id: number; path: string }) => {
  const m = await lostMember(e, own);
  const [c] = await e.db
    .insert(relationLostCases)
    .values({ memberId: m.id, orgId: own.id, orgPath: own.path, since: '2020-01-01', status: 'open' })
    .returning();
  await e.db.insert(relationLostSteps).values({ caseId: c.id, step: 'identified', on: '2021-01-01' });
  return { caseId: c.id, memberId: m.id };
};
const caseSnapshot = async (_e: TestEnv, r: { caseId: number }) =>
  (await env.db.select().from(relationLostSteps).where(eq(relationLostSteps.caseId, r.caseId))).map((s) => s.step);
const mobileOf = async (e: TestEnv, own: { id: number; path: string }) => {
  const m = await e.buildMember({ org: own });
  const [row] = await e.db
    .insert(relationMobiles)
    .values({
      direction: 'out',
      memberId: m.id,
      personName: '张伟',
      orgId: own.id,
      orgPath: own.path,
      place: '外地',
      reason: '务工',
      startOn: '2026-01-01',
      expectedReturnOn: '2026-02-01',
      fixedPlace: false,
      form: 'card',
    })
    .returning();
  return { id: row.id, memberId: m.id };
};

describe('authz: POST /relation-mobiles', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (e, own) => ({ memberId: (await e.buildMember({ org: own })).id }),
    request: (r) => ({
      method: 'POST',
      url: '/api/v1/relation-mobiles',
      payload: {
        direction: 'out',
        memberId: r.memberId,
        place: '外地',
        reason: '务工',
        startOn: '2026-03-02',
        expectedReturnOn: '2026-05-02',
        fixedPlace: false,
      },
    }),
    snapshot: async (_e, r) => (await env.db.select().from(relationMobiles).where(eq(relationMobiles.memberId, r.memberId))).length,
  });
});

describe('authz: POST /relation-mobiles/:id/return', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: mobileOf,
    request: (r) => ({ method: 'POST', url: `/api/v1/relation-mobiles/${r.id}/return`, payload: { returnedOn: '2026-02-01' } }),
    snapshot: async (_e, r) => (await env.db.select().from(relationMobiles).where(eq(relationMobiles.id, r.id)))[0].returnedOn,
  });
});

describe('authz: POST /relation-contacts', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (e, own) => ({ memberId: (await e.buildMember({ org: own })).id }),
    request: (r) => ({
      method: 'POST',
      url: '/api/v1/relation-contacts',
      payload: { memberId: r.memberId, kind: 'dues', on: '2026-01-05' },
    }),
    snapshot: async (_e, r) => (await env.db.select().from(relationContacts).where(eq(relationContacts.memberId, r.memberId))).length,
  });
});

describe('authz: POST /relation-lost-cases', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (e, own) => ({ memberId: (await lostMember(e, own)).id }),
    request: (r) => ({ method: 'POST', url: '/api/v1/relation-lost-cases', payload: { memberId: r.memberId, on: '2026-01-05' } }),
    snapshot: async (_e, r) => (await env.db.select().from(relationLostCases).where(eq(relationLostCases.memberId, r.memberId))).length,
  });
});

describe('authz: POST /relation-lost-cases/:id/steps', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: openCase,
    request: (r) => ({
      method: 'POST',
      url: `/api/v1/relation-lost-cases/${r.caseId}/steps`,
      payload: { step: 'searched', on: '2021-02-01' },
    }),
    snapshot: caseSnapshot,
  });
});

describe('authz: GET /relation-lost-cases/:id', () => {
  authzMatrix(() => env, {
    role: 'branch_committee',
    makeRecord: openCase,
    request: (r) => ({ method: 'GET', url: `/api/v1/relation-lost-cases/${r.caseId}` }),
    snapshot: caseSnapshot,
  });
});

describe('authz: lists', () => {
  it('the lists need members:read and show only the scope', async () => {
    const { branch } = await branchWithSecretary();
    const other = await branchWithSecretary();
    await lostMember(env, other.branch);
    const plain = await env.buildUser({ roles: [{ role: 'member', orgId: branch.id }] });
    for (const url of ['/api/v1/relation-mobiles', '/api/v1/relation-lost', '/api/v1/relation-letters'])
      expect((await (await as(plain)).get(url)).statusCode).toBe(403);
    const sec = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    expect(json<{ total: number }>(await (await as(sec)).get('/api/v1/relation-lost')).total).toBe(0);
  });
});
