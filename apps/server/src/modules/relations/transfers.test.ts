import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import {
  memberCorrections,
  memberStatusHistory,
  members,
  pioneerPosts,
  relationTransfers,
  roleGrants,
  todos,
} from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Org = { id: number; path: string; name: string };
/** The parent of an org built by the harness, from its path. */
const parentOf = (o: { path: string }) => {
  const ids = o.path.split('/').filter(Boolean);
  return { id: Number(ids[ids.length - 2]), path: `/${ids.slice(0, -1).join('/')}/` };
};

async function group() {
  const top = await env.buildOrg({ kind: 'committee', category: 'leading', name: '测试集团党委' });
  const mine = await env.buildOrg({ parent: top, kind: 'committee', name: '测试矿党委' });
  const a = await env.buildOrg({ parent: mine, name: '东山综采一队党支部' });
  const b = await env.buildOrg({ parent: mine, name: '西河综采一队党支部' });
  const secA = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: a.id }] });
  const secB = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: b.id }] });
  return { top, mine, a, b, secA, secB };
}

async function memberWithUser(org: Org, name = '李明') {
  const { memberId, user } = await env.buildMemberUser({ org, name });
  return { id: memberId, user };
}

const memberOrg = async (id: number) => {
  const [m] = await env.db.select({ orgId: members.orgId, orgPath: members.orgPath }).from(members).where(eq(members.id, id));
  return m;
};
const transfersOf = async (memberId: number) =>
  (await env.db.select().from(relationTransfers).where(eq(relationTransfers.memberId, memberId))).map((t) => t.status);

describe('internal transfer (系统内转接)', () => {
  it('starts at the sender, shows to the receiver without the archive, and moves the member atomically on acceptance', async () => {
    env.clock.set('2026-03-10T10:00:00+08:00');
    const { a, b, secA, secB } = await group();
    const m = await memberWithUser(a);
    await env.db.insert(memberCorrections).values({
      memberId: m.id,
      orgId: a.id,
      orgPath: a.path,
      requestedBy: m.user.id,
      changes: { post: '班组长' },
      reason: '岗位变化',
    });
    await env.db
      .insert(pioneerPosts)
      .values({ orgId: a.id, orgPath: a.path, memberId: m.id, kind: 'post', name: '采煤机先锋岗', startedOn: '2025-01-01' });
    const apiA = await env.as(secA);
    const apiB = await env.as(secB);

    const started = await apiA.post('/api/v1/relation-transfers', { memberId: m.id, toOrgId: b.id, reason: '工作调动到西河矿' });
    expect(started.statusCode, started.body).toBe(200);
    const t = json<{ id: number; status: string; actions: string[] }>(started);
    expect(t).toMatchObject({ status: 'pending', actions: ['cancel'] });

    // The receiver sees the incoming transfer (and gets a to-do), but not the member's archive yet.
    const incoming = json<{ items: { id: number; memberName: string; fromOrgName: string; actions: string[] }[] }>(
      await apiB.get('/api/v1/relation-transfers?box=in'),
    );
    expect(incoming.items).toEqual([
      expect.objectContaining({ id: t.id, memberName: '李明', fromOrgName: a.name, actions: ['accept', 'reject'] }),
    ]);
    expect((await apiB.get(`/api/v1/members/${m.id}`)).statusCode).toBe(404);
    expect(json<{ total: number }>(await apiB.get('/api/v1/relation-transfers?box=out')).total).toBe(0);
    const [todo] = await env.db
      .select()
      .from(todos)
      .where(and(eq(todos.userId, secB.id), eq(todos.sourceKey, `transfer:${t.id}:in`)));
    expect(todo.title).toBe(`李明的组织关系由${a.name}转入，待接收`);
    // The sender cannot accept its own transfer.
    expect((await apiA.post(`/api/v1/relation-transfers/${t.id}/accept`, {})).statusCode).toBe(403);

    const accepted = await apiB.post(`/api/v1/relation-transfers/${t.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(json(accepted)).toMatchObject({ status: 'accepted', effectiveOn: '2026-03-10', actions: [] });

    expect(await memberOrg(m.id)).toEqual({ orgId: b.id, orgPath: b.path });
    const [corr] = await env.db.select().from(memberCorrections).where(eq(memberCorrections.memberId, m.id));
    expect(corr.orgPath).toBe(b.path);
    const [post] = await env.db.select().from(pioneerPosts).where(eq(pioneerPosts.memberId, m.id));
    expect(post.endedOn).toBe('2026-03-10');
    const grants = await env.db.select().from(roleGrants).where(eq(roleGrants.userId, m.user.id));
    expect(grants.map((g) => [g.role, g.orgId])).toEqual([['member', b.id]]);
    const history = await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, m.id));
    expect(history).toEqual([
      expect.objectContaining({ field: 'org', fromValue: a.name, toValue: b.name, effectiveOn: '2026-03-10', actorId: secB.id }),
    ]);
    // Both sides see it; the archive is now the receiver's.
    expect((await apiB.get(`/api/v1/members/${m.id}`)).statusCode).toBe(200);
    expect((await apiA.get(`/api/v1/members/${m.id}`)).statusCode).toBe(404);
    expect(json<{ items: { status: string }[] }>(await apiA.get('/api/v1/relation-transfers?box=out')).items[0].status).toBe('accepted');
    const [done] = await env.db
      .select()
      .from(todos)
      .where(and(eq(todos.userId, secB.id), eq(todos.sourceKey, `transfer:${t.id}:in`)));
    expect(done.doneAt).not.toBeNull();
    // Accepting twice changes nothing.
    expect((await apiB.post(`/api/v1/relation-transfers/${t.id}/accept`, {})).statusCode).toBe(409);
  });

  it('bad input: outside the group, own org, already in transfer — a clear message and nothing written', async () => {
    const { a, b, secA } = await group();
    const elsewhere = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const foreign = await env.buildOrg({ parent: elsewhere });
    const m = await memberWithUser(a);
    const api = await env.as(secA);

    const out = await api.post('/api/v1/relation-transfers', { memberId: m.id, toOrgId: foreign.id, reason: '调往外单位' });
    expect(out.statusCode).toBe(400);
    expect(json(out)).toMatchObject({
      message: '接收组织不在本集团党组织体系内，不能按系统内转接办理；转往集团外请开具组织关系介绍信',
      details: [{ path: 'toOrgId' }],
    });
    const same = await api.post('/api/v1/relation-transfers', { memberId: m.id, toOrgId: a.id, reason: '原地' });
    expect(json(same)).toMatchObject({ message: '接收组织就是该党员现在所在的组织' });
    expect(await transfersOf(m.id)).toEqual([]);

    expect((await api.post('/api/v1/relation-transfers', { memberId: m.id, toOrgId: b.id, reason: '工作调动' })).statusCode).toBe(200);
    const again = await api.post('/api/v1/relation-transfers', { memberId: m.id, toOrgId: b.id, reason: '再次发起' });
    expect(again.statusCode).toBe(409);
    expect(json(again).message).toBe('李明已有正在办理的组织关系转接（待接收），不能重复发起');
    expect(await transfersOf(m.id)).toEqual(['pending']);
    expect(await memberOrg(m.id)).toEqual({ orgId: a.id, orgPath: a.path });
  });

  it('two concurrent starts for the same member: exactly one succeeds', async () => {
    const { a, b, mine, secA } = await group();
    const c = await env.buildOrg({ parent: mine });
    const m = await memberWithUser(a);
    const api = await env.as(secA);
    const [r1, r2] = await Promise.all([
      api.post('/api/v1/relation-transfers', { memberId: m.id, toOrgId: b.id, reason: '调动一' }),
      api.post('/api/v1/relation-transfers', { memberId: m.id, toOrgId: c.id, reason: '调动二' }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    expect(await transfersOf(m.id)).toEqual(['pending']);
  });

  it('the receiver returns it with a reason; the member stays; a reason is required', async () => {
    const { a, b, secA, secB } = await group();
    const m = await memberWithUser(a);
    const t = json<{ id: number }>(
      await (await env.as(secA)).post('/api/v1/relation-transfers', { memberId: m.id, toOrgId: b.id, reason: '调动' }),
    );
    const apiB = await env.as(secB);
    expect((await apiB.post(`/api/v1/relation-transfers/${t.id}/reject`, { note: '' })).statusCode).toBe(400);
    const res = await apiB.post(`/api/v1/relation-transfers/${t.id}/reject`, { note: '本支部未接到调令' });
    expect(json(res)).toMatchObject({ status: 'rejected', decisionNote: '本支部未接到调令' });
    expect(await memberOrg(m.id)).toEqual({ orgId: a.id, orgPath: a.path });
    const [notice] = await env.db
      .select()
      .from(todos)
      .where(and(eq(todos.userId, secA.id), eq(todos.sourceKey, `transfer:${t.id}:rejected`)));
    expect(notice.body).toBe('理由：本支部未接到调令');
  });

  it('a member asks from the phone; the secretary takes it forward; a second request is refused', async () => {
    const { a, b, secA, secB } = await group();
    const m = await memberWithUser(a, '王强');
    const phone = await env.as(m.user);
    const asked = await phone.post('/api/v1/me/relation-transfers', { toOrgName: '西河综采一队', reason: '家搬到西河矿区' });
    expect(asked.statusCode, asked.body).toBe(200);
    const req = json<{ id: number; status: string }>(asked);
    expect(req.status).toBe('requested');
    expect((await phone.post('/api/v1/me/relation-transfers', { toOrgName: '别处', reason: '再申请一次' })).statusCode).toBe(409);

    const apiA = await env.as(secA);
    const list = json<{ items: { id: number; actions: string[] }[] }>(
      await apiA.get('/api/v1/relation-transfers?box=out&status=requested'),
    );
    expect(list.items).toEqual([expect.objectContaining({ id: req.id, actions: ['start', 'letter', 'decline'] })]);
    // The receiver does not see a request nobody has addressed to it yet.
    expect(json<{ total: number }>(await (await env.as(secB)).get('/api/v1/relation-transfers?box=in')).total).toBe(0);
    const started = await apiA.post(`/api/v1/relation-transfers/${req.id}/start`, { toOrgId: b.id });
    expect(json(started)).toMatchObject({ status: 'pending', toOrgId: b.id });
    const mine = json<{ status: string }[]>(await phone.get('/api/v1/me/relation-transfers'));
    expect(mine.map((t) => t.status)).toEqual(['pending']);
    const [todo] = await env.db
      .select()
      .from(todos)
      .where(and(eq(todos.userId, secA.id), eq(todos.sourceKey, `transfer:${req.id}:request`)));
    expect(todo.doneAt).not.toBeNull();
  });

  it('destinations list the group’s orgs only', async () => {
    const { a, b, secA } = await group();
    const elsewhere = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const list = json<{ id: number }[]>(await (await env.as(secA)).get('/api/v1/relation-destinations'));
    const ids = list.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(elsewhere.id);
  });
});

// ── Authz matrix on every route ──────────────────────────────────────────────────────────

const snapshotTransfer = async (_env: TestEnv, r: { transferId: number; memberId: number }) => {
  const [t] = await env.db.select().from(relationTransfers).where(eq(relationTransfers.id, r.transferId));
  return { status: t.status, toOrgId: t.toOrgId, member: await memberOrg(r.memberId) };
};

/** A pending transfer from a sibling branch INTO `own` (own is the receiver). */
async function incomingTo(e: TestEnv, own: { id: number; path: string }) {
  const from = await e.buildOrg({ parent: parentOf(own) });
  const m = await e.buildMember({ org: from });
  const [t] = await e.db
    .insert(relationTransfers)
    .values({
      kind: 'internal',
      memberId: m.id,
      orgId: from.id,
      orgPath: from.path,
      fromOrgName: from.name,
      toOrgId: own.id,
      toOrgName: '接收方',
      status: 'pending',
      reason: '调动',
    })
    .returning();
  return { transferId: t.id, memberId: m.id };
}

/** A transfer FROM `own` to a sibling, with the given status. */
async function outgoingFrom(e: TestEnv, own: { id: number; path: string }, status: 'pending' | 'requested') {
  const to = await e.buildOrg({ parent: parentOf(own) });
  const m = await e.buildMember({ org: own });
  const [t] = await e.db
    .insert(relationTransfers)
    .values({
      kind: status === 'pending' ? 'internal' : 'request',
      memberId: m.id,
      orgId: own.id,
      orgPath: own.path,
      fromOrgName: '转出方',
      toOrgId: status === 'pending' ? to.id : null,
      toOrgName: to.name,
      status,
      reason: '调动',
    })
    .returning();
  return { transferId: t.id, memberId: m.id, toOrgId: to.id };
}

describe('authz: POST /relation-transfers (start)', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    async makeRecord(e, own) {
      const to = await e.buildOrg({ parent: parentOf(own) });
      const m = await e.buildMember({ org: own });
      return { memberId: m.id, toOrgId: to.id };
    },
    request: (r) => ({
      method: 'POST',
      url: '/api/v1/relation-transfers',
      payload: { memberId: r.memberId, toOrgId: r.toOrgId, reason: '工作调动' },
    }),
    snapshot: async (_e, r) => ({ transfers: await transfersOf(r.memberId), member: await memberOrg(r.memberId) }),
  });
});

describe('authz: POST /relation-transfers/:id/accept (receiver)', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: incomingTo,
    request: (r) => ({ method: 'POST', url: `/api/v1/relation-transfers/${r.transferId}/accept`, payload: {} }),
    snapshot: snapshotTransfer,
  });
});

describe('authz: POST /relation-transfers/:id/reject (receiver)', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: incomingTo,
    request: (r) => ({ method: 'POST', url: `/api/v1/relation-transfers/${r.transferId}/reject`, payload: { note: '未接到调令' } }),
    snapshot: snapshotTransfer,
  });
});

describe('authz: POST /relation-transfers/:id/cancel (sender)', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: (e, own) => outgoingFrom(e, own, 'pending'),
    request: (r) => ({ method: 'POST', url: `/api/v1/relation-transfers/${r.transferId}/cancel` }),
    snapshot: snapshotTransfer,
  });
});

describe('authz: POST /relation-transfers/:id/start (a member request)', () => {
  authzMatrix<Awaited<ReturnType<typeof outgoingFrom>>>(() => env, {
    role: 'branch_secretary',
    makeRecord: (e, own) => outgoingFrom(e, own, 'requested'),
    request: (r) => ({ method: 'POST', url: `/api/v1/relation-transfers/${r.transferId}/start`, payload: { toOrgId: r.toOrgId } }),
    snapshot: snapshotTransfer,
  });
});

describe('authz: GET /relation-transfers/:id (receiver side)', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: incomingTo,
    request: (r) => ({ method: 'GET', url: `/api/v1/relation-transfers/${r.transferId}` }),
    snapshot: snapshotTransfer,
  });
});

describe('authz: GET /relation-transfers/:id (sender side, read-only role)', () => {
  authzMatrix(() => env, {
    role: 'branch_committee',
    makeRecord: (e, own) => outgoingFrom(e, own, 'pending'),
    request: (r) => ({ method: 'GET', url: `/api/v1/relation-transfers/${r.transferId}` }),
    snapshot: snapshotTransfer,
  });
});

describe('authz: lists and the phone routes', () => {
  it('lists and destinations need the permission; the phone routes need a linked member', async () => {
    const org = await env.buildOrg();
    const plain = await env.buildUser({ roles: [{ role: 'member', orgId: org.id }] });
    const api = await env.as(plain);
    expect((await api.get('/api/v1/relation-transfers')).statusCode).toBe(403);
    expect((await api.get('/api/v1/relation-destinations')).statusCode).toBe(403);
    expect((await api.get('/api/v1/me/relation-transfers')).statusCode).toBe(404);
    const worker = await env.buildUser({ roles: [{ role: 'sys_admin', orgId: org.id }] });
    expect((await (await env.as(worker)).post('/api/v1/me/relation-transfers', { toOrgName: '某支部', reason: '调动' })).statusCode).toBe(
      403,
    );
  });
});
