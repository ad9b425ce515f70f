import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, multipart, PNG, type TestEnv } from '../../../test/harness.js';
import { deeds, files, petitionEvents, petitions, todos } from '../../db/schema/index.js';
import { buildWorkerUser, insertMeeting, insertPetition } from './petitions.fixtures.js';
import { refreshPetitionClocks } from './petitions.jobs.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type P = {
  id: number;
  status: string;
  orgId: number;
  orgName: string;
  acceptDueOn: string;
  replyDueOn: string;
  acceptedLate: boolean;
  submitterName: string;
  reopens: number;
  escalations: number;
  due: string;
  actions: string[];
  events: { kind: string }[];
};
const at = (iso: string) => env.clock.set(iso);

/** 集团党委 → 矿党委 → 支部, with the branch's secretary, the mine's admin and a worker of the branch. */
async function mine() {
  const group = await env.buildOrg({ kind: 'committee', category: 'leading', name: '集团党委' });
  const mineOrg = await env.buildOrg({ parent: group, kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: mineOrg });
  const dept = await env.buildOrg({ parent: mineOrg, category: 'office', name: '党群工作部' });
  const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
  const mineAdmin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: mineOrg.id }] });
  const groupAdmin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: group.id }] });
  const worker = await buildWorkerUser(env, branch, '赵师傅');
  return { group, mineOrg, branch, dept, secretary, mineAdmin, groupAdmin, worker };
}

async function upload(user: { id: number; username: string }) {
  const res = await (await env.as(user)).inject({ method: 'POST', url: '/api/v1/files', ...multipart('现场.png', PNG, 'image/png') });
  expect(res.statusCode, res.body).toBe(200);
  return json<{ id: string }>(res).id;
}

describe('a petition end to end, on the mine calendar', () => {
  it('deadlines skip the weekend and the mine holiday; accept late; reply; 不满意 reopens above once; close into the ledger without the name', async () => {
    at('2026-03-06T10:00:00+08:00'); // Friday
    const t = await mine();
    const admin = await env.as(t.mineAdmin);
    // The mine marks Tuesday 10 March a holiday (its calendar is the one for its branches).
    const put = await admin.put(`/api/v1/petition-calendars/${t.mineOrg.id}`, { day: '2026-03-10', kind: 'holiday', note: '矿休' });
    expect(put.statusCode, put.body).toBe(200);
    expect(json<{ days: unknown[] }>(put).days).toEqual([{ day: '2026-03-10', kind: 'holiday', note: '矿休' }]);
    // A secretary cannot edit the mine's calendar.
    expect(
      (await (await env.as(t.secretary)).put(`/api/v1/petition-calendars/${t.mineOrg.id}`, { day: '2026-03-11', kind: 'holiday' }))
        .statusCode,
    ).toBe(403);

    const phone = await env.as(t.worker.user);
    const targets = json<{ own: { orgId: number }; departments: { orgId: number }[] }>(await phone.get('/api/v1/me/petition-targets'));
    expect(targets.own.orgId).toBe(t.branch.id);
    expect(targets.departments.map((d) => d.orgId)).toEqual([t.dept.id]);
    const photo = await upload(t.worker.user);
    const sent = await phone.post('/api/v1/me/petitions', {
      category: 'canteen',
      body: '井口食堂夜班没有热饭，希望延长供餐时间',
      place: '主井口',
      photoFileIds: [photo],
      nameInLedger: false,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const p = json<P>(sent);
    expect(p).toMatchObject({
      status: 'submitted',
      orgId: t.branch.id,
      acceptDueOn: '2026-03-09',
      replyDueOn: '2026-03-12',
      submitterName: '赵师傅',
    });
    // The branch's secretary gets a to-do and a notice.
    const secTodos = await env.db.select().from(todos).where(eq(todos.userId, t.secretary.id));
    expect(secTodos.map((x) => x.kind).sort()).toEqual(['notice', 'todo']);
    // The photo is readable by the handler, not by another worker.
    const sec = await env.as(t.secretary);
    expect((await sec.get(`/api/v1/files/${photo}`)).statusCode).toBe(200);
    const other = await buildWorkerUser(env, t.branch, '钱师傅');
    expect((await (await env.as(other.user)).get(`/api/v1/files/${photo}`)).statusCode).toBe(404);
    expect((await (await env.as(other.user)).get(`/api/v1/me/petitions/${p.id}`)).statusCode).toBe(404);

    // Monday 9 March is the accept day: on the board in red (due today).
    at('2026-03-09T08:00:00+08:00');
    const sec2 = await env.as(t.secretary);
    const board = json<{ items: P[]; dueToday: number }>(await sec2.get('/api/v1/petitions'));
    expect(board.dueToday).toBe(1);
    expect(board.items[0]).toMatchObject({ id: p.id, due: 'today', actions: ['accept'] });
    // Rating before the reply is refused, nothing written.
    const early = await (await env.as(t.worker.user)).post(`/api/v1/me/petitions/${p.id}/rating`, { rating: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(json(early).message).toBe('该诉求尚未答复，答复后才能评价');

    // Accepted on Wednesday 11 March: late (due Monday).
    at('2026-03-11T09:00:00+08:00');
    const sec3 = await env.as(t.secretary);
    const accepted = json<P>(await sec3.post(`/api/v1/petitions/${p.id}/accept`));
    expect(accepted).toMatchObject({ status: 'in_progress', acceptedLate: true, actions: ['reply', 'meeting'] });
    expect((await sec3.post(`/api/v1/petitions/${p.id}/accept`)).statusCode).toBe(409);

    // 民情说事: on a branch meeting's agenda, the decision recorded back.
    const meeting = await insertMeeting(env, t.branch);
    const onAgenda = await sec3.post(`/api/v1/petitions/${p.id}/meeting`, { meetingId: meeting.id, decision: '食堂夜班供餐延长至 24 时' });
    expect(onAgenda.statusCode, onAgenda.body).toBe(200);
    expect(json<P & { meetingDecision: string }>(onAgenda).meetingDecision).toBe('食堂夜班供餐延长至 24 时');

    const replied = await sec3.post(`/api/v1/petitions/${p.id}/reply`, { reply: '已协调食堂，夜班供餐延长至 24 时' });
    expect(json<P>(replied).status).toBe('replied');
    expect(
      (await env.db.select().from(todos).where(eq(todos.userId, t.secretary.id))).filter((x) => x.kind === 'todo' && !x.doneAt),
    ).toEqual([]);

    // 不满意 → reopened at the mine committee, with a new reply clock from today (Wed 11 → Mon 16).
    const phone2 = await env.as(t.worker.user);
    const reopened = json<P>(await phone2.post(`/api/v1/me/petitions/${p.id}/rating`, { rating: 'unsatisfied', note: '周末仍没有' }));
    expect(reopened).toMatchObject({ status: 'reopened', orgId: t.mineOrg.id, reopens: 1, replyDueOn: '2026-03-16' });
    // The branch still reads it, but may not act on it now.
    expect(json<P>(await sec3.get(`/api/v1/petitions/${p.id}`)).actions).toEqual([]);
    expect((await sec3.post(`/api/v1/petitions/${p.id}/reply`, { reply: '再次答复内容' })).statusCode).toBe(403);
    const admin2 = await env.as(t.mineAdmin);
    expect(json<P>(await admin2.post(`/api/v1/petitions/${p.id}/reply`, { reply: '矿党委协调：周末也供应热饭' })).status).toBe('replied');
    // 不满意 again: the rating stands (reopen once only).
    const second = json<P>(await phone2.post(`/api/v1/me/petitions/${p.id}/rating`, { rating: 'unsatisfied' }));
    expect(second).toMatchObject({ status: 'rated', reopens: 1, orgId: t.mineOrg.id });
    const again = await phone2.post(`/api/v1/me/petitions/${p.id}/rating`, { rating: 'satisfied' });
    expect(again.statusCode).toBe(409);
    expect(json(again).message).toBe('该诉求已评价，不能重复评价');

    const closed = await admin2.post(`/api/v1/petitions/${p.id}/close`, {
      toLedger: true,
      title: '夜班热饭',
      costFen: 120000,
      beneficiaries: 300,
    });
    expect(json<P>(closed).status).toBe('closed');
    const [deed] = await env.db.select().from(deeds).where(eq(deeds.petitionId, p.id));
    expect(deed).toMatchObject({ title: '夜班热饭', petitionerName: null, costFen: 120000, orgId: t.mineOrg.id });
    // Published to the workers below the mine.
    const news = json<{ items: { title: string; petitionerName: string | null }[] }>(await phone2.get('/api/v1/me/deeds'));
    expect(news.items).toEqual([expect.objectContaining({ title: '夜班热饭', petitionerName: null })]);
    const xlsx = await admin2.get('/api/v1/deeds/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    // The branch's on-time rate: its one petition was answered after the reply day (12th? no: the 11th, on time).
    const rate = json<{ items: { orgId: number; rate: number | null; onTime: number }[] }>(await admin2.get('/api/v1/petitions/on-time'));
    expect(rate.items.find((r) => r.orgId === t.branch.id)).toMatchObject({ onTime: 1, rate: 100 });
    const kinds = (await env.db.select().from(petitionEvents).where(eq(petitionEvents.petitionId, p.id))).map((e) => e.kind);
    expect(kinds).toEqual(['submitted', 'accepted', 'meeting', 'decision', 'replied', 'rated', 'reopened', 'replied', 'rated', 'closed']);
  });

  it('satisfied and named: the name goes to the ledger when agreed; undisclosed names only for the handler', async () => {
    at('2026-03-02T10:00:00+08:00');
    const t = await mine();
    const committee = await env.buildUser({ roles: [{ role: 'branch_committee', orgId: t.branch.id }] });
    const phone = await env.as(t.worker.user);
    const hidden = json<P>(await phone.post('/api/v1/me/petitions', { category: 'pay', body: '加班费少算了两个班', anonymous: true }));
    expect(hidden.submitterName).toBe('赵师傅'); // the petitioner sees their own name
    const sec = await env.as(t.secretary);
    expect(json<P>(await sec.get(`/api/v1/petitions/${hidden.id}`)).submitterName).toBe('不公开姓名');
    await sec.post(`/api/v1/petitions/${hidden.id}/accept`);
    expect(json<P>(await sec.get(`/api/v1/petitions/${hidden.id}`)).submitterName).toBe('赵师傅');
    expect(json<P>(await (await env.as(committee)).get(`/api/v1/petitions/${hidden.id}`)).submitterName).toBe('不公开姓名');

    const named = json<P>(
      await phone.post('/api/v1/me/petitions', { category: 'commute', body: '夜班班车时间太早', nameInLedger: true, orgId: t.dept.id }),
    );
    expect(named.orgId).toBe(t.dept.id);
    const deptHead = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: t.dept.id }] });
    const d = await env.as(deptHead);
    await d.post(`/api/v1/petitions/${named.id}/reply`, { reply: '下月起班车推迟半小时' }).then((r) => expect(r.statusCode).toBe(409));
    await d.post(`/api/v1/petitions/${named.id}/accept`);
    await d.post(`/api/v1/petitions/${named.id}/reply`, { reply: '下月起班车推迟半小时' });
    expect(json<P>(await phone.post(`/api/v1/me/petitions/${named.id}/rating`, { rating: 'satisfied' })).status).toBe('rated');
    await d.post(`/api/v1/petitions/${named.id}/close`, { toLedger: true });
    const [deed] = await env.db.select().from(deeds).where(eq(deeds.petitionId, named.id));
    expect(deed.petitionerName).toBe('赵师傅');
  });
});

describe('the clock job: escalation at the deadline and again 3 working days later', () => {
  it('escalates to the committee above, then to the one above it, then stops', async () => {
    at('2026-03-06T10:00:00+08:00');
    const t = await mine();
    const p = json<P>(
      await (await env.as(t.worker.user)).post('/api/v1/me/petitions', { category: 'safety', body: '巷道照明不足，存在安全隐患' }),
    );
    expect(p.replyDueOn).toBe('2026-03-11');
    const rowNow = async () => (await env.db.select().from(petitions).where(eq(petitions.id, p.id)))[0];
    at('2026-03-11T23:00:00+08:00'); // still the reply day
    await refreshPetitionClocks(env.db, env.clock.now());
    expect((await rowNow()).escalations).toBe(0);
    at('2026-03-12T01:00:00+08:00');
    await refreshPetitionClocks(env.db, env.clock.now());
    await refreshPetitionClocks(env.db, env.clock.now()); // idempotent
    let row = await rowNow();
    expect(row).toMatchObject({ orgId: t.mineOrg.id, escalations: 1, escalatedOn: '2026-03-12', escalateAfterOn: '2026-03-17' });
    const told = await env.db.select().from(todos).where(eq(todos.userId, t.mineAdmin.id));
    expect(told.some((x) => x.kind === 'todo' && x.title.startsWith('逾期诉求已提交本级办理'))).toBe(true);
    at('2026-03-17T12:00:00+08:00');
    await refreshPetitionClocks(env.db, env.clock.now());
    expect((await rowNow()).escalations).toBe(1);
    at('2026-03-18T08:00:00+08:00');
    expect(await refreshPetitionClocks(env.db, env.clock.now())).toBeGreaterThanOrEqual(1);
    row = await rowNow();
    expect(row).toMatchObject({ orgId: t.group.id, escalations: 2 });
    at('2026-04-30T08:00:00+08:00');
    await refreshPetitionClocks(env.db, env.clock.now());
    expect((await rowNow()).escalations).toBe(2);
    // The first branch still reads it; the on-time rate counts it as late.
    const rate = json<{ items: { orgId: number; rate: number | null }[] }>(
      await (await env.as(t.secretary)).get('/api/v1/petitions/on-time'),
    );
    expect(rate.items).toEqual([expect.objectContaining({ orgId: t.branch.id, rate: 0 })]);
  });

  it('an answered petition is not escalated', async () => {
    at('2026-03-02T10:00:00+08:00');
    const t = await mine();
    const p = json<P>(await (await env.as(t.worker.user)).post('/api/v1/me/petitions', { category: 'other', body: '澡堂热水不够用' }));
    const sec = await env.as(t.secretary);
    await sec.post(`/api/v1/petitions/${p.id}/accept`);
    await sec.post(`/api/v1/petitions/${p.id}/reply`, { reply: '已更换热水器' });
    at('2026-03-20T10:00:00+08:00');
    await refreshPetitionClocks(env.db, env.clock.now());
    const [row] = await env.db.select().from(petitions).where(eq(petitions.id, p.id));
    expect(row.escalations).toBe(0);
  });
});

describe('bad input gets a clear answer and changes nothing', () => {
  it('no text, 10 photos, a 20 MB photo, someone else’s photo, a department of another mine', async () => {
    at('2026-03-02T10:00:00+08:00');
    const t = await mine();
    const phone = await env.as(t.worker.user);
    const count = async () => (await env.db.select().from(petitions).where(eq(petitions.submitterUserId, t.worker.user.id))).length;
    const noText = await phone.post('/api/v1/me/petitions', { category: 'pay', body: '' });
    expect(noText.statusCode).toBe(400);
    expect(json<{ details: { path: string; message: string }[] }>(noText).details[0]).toMatchObject({
      path: 'body',
      message: '请填写诉求内容',
    });
    const ids = Array.from({ length: 10 }, () => crypto.randomUUID());
    const ten = await phone.post('/api/v1/me/petitions', { category: 'pay', body: '工资条看不懂', photoFileIds: ids });
    expect(json<{ details: { message: string }[] }>(ten).details[0].message).toBe('照片最多 9 张');
    const [big] = await env.db
      .insert(files)
      .values({ ownerId: t.worker.user.id, name: 'big.jpg', mime: 'image/jpeg', size: 20 * 1024 * 1024, sha256: 'x', storageKey: 'x' })
      .returning();
    const tooBig = await phone.post('/api/v1/me/petitions', { category: 'pay', body: '工资条看不懂', photoFileIds: [big.id] });
    expect(json(tooBig)).toMatchObject({ message: '每张照片不超过 10 MB', details: [{ path: 'photoFileIds' }] });
    const othersPhoto = await upload(t.secretary);
    expect(
      json(await phone.post('/api/v1/me/petitions', { category: 'pay', body: '工资条看不懂', photoFileIds: [othersPhoto] })).message,
    ).toBe('照片不存在或不是您本人上传的');
    const elsewhere = await env.buildOrg({ category: 'office' });
    expect(json(await phone.post('/api/v1/me/petitions', { category: 'pay', body: '工资条看不懂', orgId: elsewhere.id }))).toMatchObject({
      message: '只能提交给本支部或本矿的职能部门',
    });
    expect(await count()).toBe(0);
    // An account with neither a worker nor a member record.
    const nobody = await env.buildUser({ roles: [{ role: 'worker', orgId: t.branch.id }] });
    expect((await (await env.as(nobody)).post('/api/v1/me/petitions', { category: 'pay', body: '工资条看不懂' })).statusCode).toBe(404);
  });
});

const snap = (id: number) => async () => (await env.db.select().from(petitions).where(eq(petitions.id, id)))[0];
const petitionIn = (status: string) => async (e: TestEnv, org: { id: number; path: string }) => insertPetition(e, org, { status });

describe('authz: GET /petitions/:id', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: petitionIn('submitted'),
    request: (p) => ({ method: 'GET', url: `/api/v1/petitions/${p.id}` }),
  });
});
describe('authz: POST /petitions/:id/accept', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: petitionIn('submitted'),
    request: (p) => ({ method: 'POST', url: `/api/v1/petitions/${p.id}/accept` }),
    snapshot: (_e, p) => snap(p.id)(),
  });
});
describe('authz: POST /petitions/:id/reply', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: petitionIn('in_progress'),
    request: (p) => ({ method: 'POST', url: `/api/v1/petitions/${p.id}/reply`, payload: { reply: '已经处理完毕' } }),
    snapshot: (_e, p) => snap(p.id)(),
  });
});
describe('authz: POST /petitions/:id/meeting', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (e, org) => {
      const p = await insertPetition(e, org, { status: 'in_progress' });
      const m = await insertMeeting(e, org);
      return { id: p.id, meetingId: m.id };
    },
    request: (p) => ({
      method: 'POST',
      url: `/api/v1/petitions/${p.id}/meeting`,
      payload: { meetingId: p.meetingId, decision: '会议决定' },
    }),
    snapshot: (_e, p) => snap(p.id)(),
  });
});
describe('authz: POST /petitions/:id/close', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: petitionIn('rated'),
    request: (p) => ({ method: 'POST', url: `/api/v1/petitions/${p.id}/close`, payload: { toLedger: true } }),
    snapshot: (_e, p) => snap(p.id)(),
  });
});
describe('authz: GET/PUT /petition-calendars/:id', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => org,
    request: (o) => ({ method: 'GET', url: `/api/v1/petition-calendars/${o.id}?year=2026` }),
  });
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (_e, org) => org,
    request: (o) => ({ method: 'PUT', url: `/api/v1/petition-calendars/${o.id}`, payload: { day: '2026-05-01', kind: 'holiday' } }),
  });
});
describe('authz: POST /deeds', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => org,
    request: (o) => ({
      method: 'POST',
      url: '/api/v1/deeds',
      payload: {
        orgId: o.id,
        title: '更衣室加装暖气',
        done: '新装暖气片 20 组',
        costFen: 500000,
        beneficiaries: 120,
        doneOn: '2026-01-10',
      },
    }),
  });
});
describe('the lists keep to the scope', () => {
  it('board, on-time and ledger: another branch sees nothing; a worker has no console', async () => {
    at('2026-03-02T10:00:00+08:00');
    const a = await mine();
    const b = await mine();
    await (await env.as(a.worker.user)).post('/api/v1/me/petitions', { category: 'pay', body: '工资条看不懂怎么办' });
    const other = await env.as(b.secretary);
    expect(json<{ total: number }>(await other.get('/api/v1/petitions')).total).toBe(0);
    expect(json<{ items: unknown[] }>(await other.get('/api/v1/petitions/on-time')).items).toEqual([]);
    expect(json<{ total: number }>(await (await env.as(a.secretary)).get('/api/v1/petitions')).total).toBe(1);
    for (const url of ['/api/v1/petitions', '/api/v1/deeds', '/api/v1/petitions/on-time']) {
      expect((await (await env.as(a.worker.user)).get(url)).statusCode).toBe(403);
    }
    expect((await env.anon.get('/api/v1/me/petitions')).statusCode).toBe(401);
  });
});
