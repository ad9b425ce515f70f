import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { type Caller, createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { decisionOpinions, decisionReads, decisionSteps, todos } from '../../db/schema/index.js';
import { addMatter, committeeWithMeeting, matterRow } from './decisions.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Matter = {
  id: number;
  status: string;
  passed: boolean | null;
  committeeSize: number | null;
  presentCount: number | null;
  agreeCount: number | null;
  secretaryLast: boolean;
  required: { step: string; done: boolean }[];
  opinions: { memberId: number; opinion: string; reason: string | null; isSecretary: boolean }[];
  publication: { id: number; audience: number; reads: number } | null;
};
type Err = { message: string; details: { path: string; message: string }[] };
const day = '2026-03-02';
const step = (s: string, more: Record<string, unknown> = {}) => ({ step: s, doneOn: day, people: '班子成员', ...more });

async function setup(o: { size?: number; present?: number; kind?: string } = {}) {
  const c = await committeeWithMeeting(env, o);
  const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: c.org.id }] }));
  const res = await admin.post('/api/v1/decisions', {
    orgId: c.org.id,
    kind: o.kind ?? 'major_decision',
    title: '综采工作面设备更新改造',
    amountYuan: 3_000_000,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { ...c, admin, matter: json<Matter>(res) };
}

async function through(admin: Caller, id: number, steps: string[]) {
  for (const s of steps) {
    const res = await admin.post(`/api/v1/decisions/${id}/steps`, step(s));
    expect(res.statusCode, `${s}: ${res.body}`).toBe(200);
  }
}

/** Opinions of the present members: `agree` in favour, the rest 不同意 with a reason; the secretary (first id) speaks where `secretaryAt` says. */
function opinions(present: number[], agree: number, secretaryLast = true) {
  const order = secretaryLast ? [...present.slice(1), present[0]] : present;
  const agreeing = new Set(present.slice(0, agree));
  return order.map((memberId) =>
    agreeing.has(memberId) ? { memberId, opinion: 'agree' } : { memberId, opinion: 'disagree', reason: '资金来源尚未落实' },
  );
}

describe('三重一大: the ordered procedure', () => {
  it('a 重大决策 goes through every step to publication, read by a member, then feedback', async () => {
    const { admin, matter, meetingId, present, org, secretaryId } = await setup({ size: 9, present: 7 });
    expect(matter.required.map((r) => r.step)).toContain('legal_review');
    // Out of order: consult before research is refused, naming the missing step; nothing written.
    const early = await admin.post(`/api/v1/decisions/${matter.id}/steps`, step('consult'));
    expect(early.statusCode).toBe(400);
    expect(json<Err>(early).details).toEqual([
      expect.objectContaining({ path: 'step', message: expect.stringContaining('缺少前置步骤：调查研究/论证') }),
    ]);
    await through(admin, matter.id, ['research', 'consult']);
    // Legal review is required for 重大决策.
    const noLegal = await admin.post(`/api/v1/decisions/${matter.id}/steps`, step('pre_communication'));
    expect(json<Err>(noLegal).details[0].message).toContain('缺少前置步骤：合法性审查');
    await through(admin, matter.id, ['legal_review', 'pre_communication']);
    const disc = await admin.post(`/api/v1/decisions/${matter.id}/steps`, step('discussion', { meetingId }));
    expect(disc.statusCode, disc.body).toBe(200);
    expect(json<Matter>(disc)).toMatchObject({ committeeSize: 9, presentCount: 7 });
    // 9 members, 7 present, 5 in favour → passes; the secretary spoke first → a warning, still recorded.
    const vote = await admin.post(`/api/v1/decisions/${matter.id}/steps`, step('vote', { opinions: opinions(present, 5, false) }));
    expect(vote.statusCode, vote.body).toBe(200);
    const voted = json<Matter>(vote);
    expect(voted).toMatchObject({ status: 'decided', passed: true, agreeCount: 5, secretaryLast: false });
    expect(voted.opinions.filter((o) => o.opinion === 'disagree').map((o) => o.reason)).toEqual(['资金来源尚未落实', '资金来源尚未落实']);
    expect(voted.opinions[0]).toMatchObject({ memberId: secretaryId, isSecretary: true });
    await through(admin, matter.id, ['decision', 'execution']);
    const branch = await env.buildOrg({ parent: org, name: '机电队党支部' });
    const reader = await env.buildMemberUser({ org: branch, name: '赵刚' });
    const outsider = await env.buildMemberUser({ org: await env.buildOrg({ kind: 'committee' }) });
    const pub = await admin.post(
      `/api/v1/decisions/${matter.id}/steps`,
      step('publication', { publishOrgId: org.id, publishBody: '经党委会研究，同意综采工作面设备更新改造。' }),
    );
    expect(pub.statusCode, pub.body).toBe(200);
    const published = json<Matter>(pub);
    expect(published.status).toBe('published');
    expect(published.publication).toMatchObject({ reads: 0 });
    expect(published.publication?.audience).toBeGreaterThanOrEqual(2);
    // The reader is told (a notice on their home) and finds it on the phone.
    const told = await env.db.select().from(todos).where(eq(todos.userId, reader.user.id));
    expect(told.map((t) => t.title)).toEqual([expect.stringContaining('综采工作面设备更新改造')]);
    const phone = await env.as(reader.user);
    const mine = json<{ items: { id: number; read: boolean }[] }>(await phone.get('/api/v1/me/decision-publications'));
    expect(mine.items).toEqual([expect.objectContaining({ id: published.publication?.id, read: false })]);
    const read = await phone.post(`/api/v1/me/decision-publications/${published.publication?.id}/read`);
    expect(json(read)).toMatchObject({ read: true });
    await phone.post(`/api/v1/me/decision-publications/${published.publication?.id}/read`);
    const outside = await (await env.as(outsider.user)).post(`/api/v1/me/decision-publications/${published.publication?.id}/read`);
    expect(outside.statusCode).toBe(404);
    expect(json<{ items: unknown[] }>(await (await env.as(outsider.user)).get('/api/v1/me/decision-publications')).items).toEqual([]);
    const after = json<Matter>(await admin.get(`/api/v1/decisions/${matter.id}`));
    expect(after.publication?.reads).toBe(1);
    await through(admin, matter.id, ['feedback']);
    expect((await matterRow(env, matter.id)).status).toBe('closed');
  });

  it('9 members, 7 present, 4 in favour → not passed; the decision is refused', async () => {
    const { admin, matter, meetingId, present } = await setup({ size: 9, present: 7, kind: 'funds' });
    await through(admin, matter.id, ['research', 'consult', 'pre_communication']);
    await admin.post(`/api/v1/decisions/${matter.id}/steps`, step('discussion', { meetingId }));
    const vote = await admin.post(`/api/v1/decisions/${matter.id}/steps`, step('vote', { opinions: opinions(present, 4) }));
    expect(json<Matter>(vote)).toMatchObject({ status: 'rejected', passed: false, agreeCount: 4, secretaryLast: true });
    const dec = await admin.post(`/api/v1/decisions/${matter.id}/steps`, step('decision'));
    expect(dec.statusCode).toBe(400);
    expect(json<Err>(dec).details[0]).toMatchObject({ path: 'step', message: expect.stringContaining('表决未通过') });
  });

  it('no quorum, too many opinions, a missing reason: 400 naming the field, nothing written', async () => {
    const few = await setup({ size: 9, present: 4 });
    await through(few.admin, few.matter.id, ['research', 'consult', 'legal_review', 'pre_communication']);
    const noQuorum = await few.admin.post(`/api/v1/decisions/${few.matter.id}/steps`, step('discussion', { meetingId: few.meetingId }));
    expect(noQuorum.statusCode).toBe(400);
    expect(json<Err>(noQuorum).details[0]).toMatchObject({ path: 'meetingId', message: expect.stringContaining('到会委员 4 人') });
    expect((await matterRow(env, few.matter.id)).meetingId).toBeNull();

    const s = await setup({ size: 5, present: 3 });
    await through(s.admin, s.matter.id, ['research', 'consult', 'legal_review', 'pre_communication']);
    await s.admin.post(`/api/v1/decisions/${s.matter.id}/steps`, step('discussion', { meetingId: s.meetingId }));
    const absent = s.memberIds[4];
    const tooMany = await s.admin.post(
      `/api/v1/decisions/${s.matter.id}/steps`,
      step('vote', { opinions: [...opinions(s.present, 3), { memberId: absent, opinion: 'agree' }] }),
    );
    expect(json<Err>(tooMany).details[0]).toMatchObject({ path: 'opinions', message: '表态人数 4 超过到会委员 3 人' });
    const noReason = await s.admin.post(
      `/api/v1/decisions/${s.matter.id}/steps`,
      step('vote', { opinions: s.present.map((memberId) => ({ memberId, opinion: 'defer' })) }),
    );
    expect(json<Err>(noReason).details[0]).toMatchObject({ path: 'opinions.0.reason' });
    expect(await env.db.select().from(decisionOpinions).where(eq(decisionOpinions.matterId, s.matter.id))).toEqual([]);
    expect((await env.db.select().from(decisionSteps).where(eq(decisionSteps.matterId, s.matter.id))).map((x) => x.step)).not.toContain(
      'vote',
    );
  });

  it('personnel needs two thirds present: 9 members, 5 present refused, 6 accepted', async () => {
    for (const [present, status] of [
      [5, 400],
      [6, 200],
    ] as const) {
      const s = await setup({ size: 9, present, kind: 'personnel' });
      await through(s.admin, s.matter.id, ['research', 'consult', 'pre_communication']);
      const res = await s.admin.post(`/api/v1/decisions/${s.matter.id}/steps`, step('discussion', { meetingId: s.meetingId }));
      expect(res.statusCode, res.body).toBe(status);
    }
  });

  it('a branch cannot hold a matter; the threshold is a group setting for system:config', async () => {
    const branch = await env.buildOrg();
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: branch.id }] }));
    const res = await admin.post('/api/v1/decisions', { orgId: branch.id, kind: 'major_decision', title: '事项' });
    expect(json<Err>(res).details[0].path).toBe('orgId');
    expect((await admin.put('/api/v1/decisions/threshold', { largeAmountYuan: 1_000_000 })).statusCode).toBe(403);
    expect((await env.anon.put('/api/v1/decisions/threshold', { largeAmountYuan: 1_000_000 })).statusCode).toBe(401);
    const sys = await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: branch.id }] }));
    expect(json(await sys.put('/api/v1/decisions/threshold', { largeAmountYuan: 1_000_000 }))).toMatchObject({
      largeAmountYuan: 1_000_000,
    });
    expect(json(await admin.get('/api/v1/decisions/threshold'))).toMatchObject({ largeAmountYuan: 1_000_000 });
    expect((await sys.put('/api/v1/decisions/threshold', { largeAmountYuan: 0 })).statusCode).toBe(400);
  });
});

const general = (e: TestEnv, org: { id: number; path: string }) => e.buildOrg({ parent: org, kind: 'general_branch' });

describe('authz: GET /api/v1/decisions/:id', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (e, org) => addMatter(e, await general(e, org)),
    request: (m) => ({ method: 'GET', url: `/api/v1/decisions/${m.id}` }),
  });
});

describe('authz: POST /api/v1/decisions/:id/steps', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (e, org) => addMatter(e, await general(e, org)),
    request: (m) => ({ method: 'POST', url: `/api/v1/decisions/${m.id}/steps`, payload: step('research') }),
    snapshot: async (e, m) => [await matterRow(e, m.id), await e.db.select().from(decisionSteps).where(eq(decisionSteps.matterId, m.id))],
  });
});

describe('authz: POST /api/v1/decisions', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: (e, org) => general(e, org),
    request: (o) => ({ method: 'POST', url: '/api/v1/decisions', payload: { orgId: o.id, kind: 'personnel', title: '任免综采队队长' } }),
  });
});

describe('authz: GET /api/v1/decisions (list under an org) and the threshold', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (e, org) => {
      const g = await general(e, org);
      await addMatter(e, g);
      return g;
    },
    request: (o) => ({ method: 'GET', url: `/api/v1/decisions?orgId=${o.id}` }),
  });
});

describe('authz: the phone routes of a publication', () => {
  it('anonymous 401; no self:portal 403; outside the audience 404 and nothing read; inside 200', async () => {
    const s = await setup({ size: 3, present: 3, kind: 'funds' });
    await through(s.admin, s.matter.id, ['research', 'consult', 'pre_communication']);
    await s.admin.post(`/api/v1/decisions/${s.matter.id}/steps`, step('discussion', { meetingId: s.meetingId }));
    await s.admin.post(`/api/v1/decisions/${s.matter.id}/steps`, step('vote', { opinions: opinions(s.present, 3) }));
    await through(s.admin, s.matter.id, ['decision', 'execution']);
    const own = await env.buildOrg({ parent: s.org });
    const other = await env.buildOrg({ parent: s.org });
    // Only own's subtree, only members.
    const m = json<Matter>(
      await s.admin.post(
        `/api/v1/decisions/${s.matter.id}/steps`,
        step('publication', { publishOrgId: own.id, publishRoles: ['member'], publishBody: '公开' }),
      ),
    );
    const id = m.publication?.id;
    const url = `/api/v1/me/decision-publications/${id}/read`;
    const reads = () =>
      env.db
        .select()
        .from(decisionReads)
        .where(eq(decisionReads.publicationId, id ?? 0));
    expect((await env.anon.post(url)).statusCode).toBe(401);
    expect((await (await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: own.id }] }))).post(url)).statusCode).toBe(403);
    const otherMember = await env.buildMemberUser({ org: other });
    expect((await (await env.as(otherMember.user)).post(url)).statusCode).toBe(404);
    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: own.id }] });
    expect((await (await env.as(secretary)).post(url)).statusCode).toBe(404);
    expect(await reads()).toEqual([]);
    const ownMember = await env.buildMemberUser({ org: own });
    expect((await (await env.as(ownMember.user)).post(url)).statusCode).toBe(200);
    expect((await reads()).map((r) => r.userId)).toEqual([ownMember.user.id]);
    expect((await env.anon.get('/api/v1/me/decision-publications')).statusCode).toBe(401);
  });
});
