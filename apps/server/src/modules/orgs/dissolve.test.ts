import { chinaDay } from '@vanguard/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, leadershipMembers, leadershipTerms, members, orgEvents, orgs, pioneerPosts, units } from '../../db/schema/index.js';
import { addMembers, addPioneerPost, addTerm, addUnit, addWorker } from './orgs.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Err = { code: string; message: string; details: unknown };
const orgRow = async (id: number) => (await env.db.select().from(orgs).where(eq(orgs.id, id)))[0];
const eventsOf = async (id: number) => env.db.select().from(orgEvents).where(eq(orgEvents.orgId, id)).orderBy(orgEvents.id);
const membersOf = async (id: number) => env.db.select().from(members).where(eq(members.orgId, id)).orderBy(members.id);

async function setupMine() {
  const group = await env.buildOrg({ kind: 'committee', category: 'leading', name: '集团党委' });
  const mine = await env.buildOrg({ parent: group, kind: 'committee', name: '二矿党委' });
  const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] }));
  return { group, mine, admin };
}

describe('POST /api/v1/orgs/:id/merge', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (e, org) => {
      const a = await e.buildOrg({ parent: org, kind: 'group' });
      const b = await e.buildOrg({ parent: org, kind: 'group' });
      await addMembers(e, a, 2);
      return { a, b };
    },
    request: (r) => ({ method: 'POST', url: `/api/v1/orgs/${r.a.id}/merge`, payload: { intoId: r.b.id } }),
    snapshot: async (_e, r) => ({ a: await orgRow(r.a.id), members: await membersOf(r.a.id) }),
  });

  it('moves members, units, 先锋岗 and child orgs to B, ends A’s term, dissolves A — one transaction', async () => {
    const { mine, admin } = await setupMine();
    const a = await env.buildOrg({ parent: mine, name: '综采一队党支部' });
    const b = await env.buildOrg({ parent: mine, name: '综采二队党支部' });
    const groupOfA = await env.buildOrg({ parent: a, kind: 'group', name: '甲班党小组' });
    const ids = await addMembers(env, a, 2);
    const [inGroup] = await addMembers(env, groupOfA, 1);
    const unit = await addUnit(env, a, '综采一队');
    const post = await addPioneerPost(env, a, ids[0]);
    const term = await addTerm(env, a, { holders: ids });

    const res = await admin.post(`/api/v1/orgs/${a.id}/merge`, { intoId: b.id, docNo: '矿党发〔2026〕20号' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ id: b.id, dissolvedAt: null });

    expect((await orgRow(a.id)).dissolvedAt).not.toBeNull();
    expect((await membersOf(b.id)).map((m) => [m.id, m.orgPath])).toEqual(ids.map((id) => [id, b.path]));
    expect((await env.db.select().from(units).where(eq(units.id, unit.id)))[0]).toMatchObject({ orgId: b.id, orgPath: b.path });
    expect((await env.db.select().from(pioneerPosts).where(eq(pioneerPosts.id, post.id)))[0]).toMatchObject({
      orgId: b.id,
      orgPath: b.path,
    });
    const movedGroup = await orgRow(groupOfA.id);
    expect(movedGroup).toMatchObject({ parentId: b.id, path: `${b.path}${groupOfA.id}/` });
    expect((await env.db.select().from(members).where(eq(members.id, inGroup)))[0].orgPath).toBe(movedGroup.path);
    // A's term is its history: ended today, still filed under A.
    const today = chinaDay(env.clock.now());
    expect((await env.db.select().from(leadershipTerms).where(eq(leadershipTerms.id, term.id)))[0]).toMatchObject({
      endedOn: today,
      orgPath: a.path,
    });
    expect(
      (await env.db.select().from(leadershipMembers).where(eq(leadershipMembers.termId, term.id))).every((p) => p.endedOn === today),
    ).toBe(true);

    expect((await eventsOf(a.id)).map((e) => [e.kind, e.docNo])).toEqual([['merge', '矿党发〔2026〕20号']]);
    const [absorb] = await eventsOf(b.id);
    expect(absorb).toMatchObject({ kind: 'absorb' });
    expect(absorb.details).toMatchObject({ fromId: a.id, fromName: '综采一队党支部', moved: { members: 2, units: 1, pioneer_posts: 1 } });
    expect(
      (
        await env.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.entityId, String(a.id)))
      ).map((r) => r.action),
    ).toContain('org.merge');
    // The merged org is gone from the tree but its history stays readable.
    expect((await admin.get(`/api/v1/orgs/${a.id}`)).statusCode).toBe(404);
    expect(json<{ kind: string }[]>(await admin.get(`/api/v1/orgs/${a.id}/history`)).map((h) => h.kind)).toEqual(['merge']);
  });

  it('refuses merging into itself, its own subtree or a 党小组 (400), and a target out of scope (404) — nothing changed', async () => {
    const { group, mine, admin } = await setupMine();
    const a = await env.buildOrg({ parent: mine, name: '掘进队党支部' });
    const child = await env.buildOrg({ parent: a, kind: 'group' });
    const elsewhere = await env.buildOrg({ parent: group });
    await addMembers(env, a, 2);
    for (const intoId of [a.id, child.id]) {
      const res = await admin.post(`/api/v1/orgs/${a.id}/merge`, { intoId });
      expect(res.statusCode).toBe(400);
    }
    expect(json<Err>(await admin.post(`/api/v1/orgs/${a.id}/merge`, { intoId: child.id })).message).toBe(
      '不能把掘进队党支部并入它自己的下级组织',
    );
    // A 党小组 may merge into another 党小组 (the matrix above does that), a branch may not.
    const someGroup = await env.buildOrg({ parent: await env.buildOrg({ parent: mine }), kind: 'group' });
    expect(json<Err>(await admin.post(`/api/v1/orgs/${a.id}/merge`, { intoId: someGroup.id })).message).toBe('只有党小组才能并入党小组');
    const outOfScope = await admin.post(`/api/v1/orgs/${a.id}/merge`, { intoId: elsewhere.id });
    expect(outOfScope.statusCode).toBe(404);
    // Its 党小组 could not sit under a committee.
    const misplaced = await admin.post(`/api/v1/orgs/${a.id}/merge`, { intoId: mine.id });
    expect(misplaced.statusCode).toBe(400);
    expect(json<Err>(misplaced).message).toContain('党小组只能设在党支部下');
    expect((await orgRow(a.id)).dissolvedAt).toBeNull();
    expect(await membersOf(a.id)).toHaveLength(2);
    expect(await eventsOf(a.id)).toEqual([]);
  });
});

describe('POST /api/v1/orgs/:id/dissolve', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: (e, org) => e.buildOrg({ parent: org, kind: 'group', name: '待撤销党小组' }),
    request: (rec) => ({ method: 'POST', url: `/api/v1/orgs/${rec.id}/dissolve`, payload: { docNo: '支发〔2026〕1号' } }),
    snapshot: async (_e, rec) => orgRow(rec.id),
  });

  it('dissolves an empty org: dissolvedAt, current term ended, event with the document number; it leaves the tree', async () => {
    const { mine, admin } = await setupMine();
    const branch = await env.buildOrg({ parent: mine, name: '临时项目党支部' });
    const term = await addTerm(env, branch);
    const res = await admin.post(`/api/v1/orgs/${branch.id}/dissolve`, { docNo: '矿党发〔2026〕30号', reason: '项目结束' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ dissolvedAt: string | null }>(res).dissolvedAt).not.toBeNull();
    expect((await env.db.select().from(leadershipTerms).where(eq(leadershipTerms.id, term.id)))[0].endedOn).toBe(chinaDay(env.clock.now()));
    const [ev] = await eventsOf(branch.id);
    expect(ev).toMatchObject({ kind: 'dissolve', docNo: '矿党发〔2026〕30号' });
    expect(ev.details).toMatchObject({ reason: '项目结束', endedTermId: term.id });
    type Node = { id: number; children: Node[] };
    const tree = json<Node[]>(await admin.get('/api/v1/orgs/tree'));
    expect(tree[0].children.map((c) => c.id)).not.toContain(branch.id);
    expect((await admin.post(`/api/v1/orgs/${branch.id}/dissolve`, {})).statusCode).toBe(404);
  });

  it('is refused (409) while members, workers or live child orgs remain, naming what blocks', async () => {
    const { mine, admin } = await setupMine();
    const branch = await env.buildOrg({ parent: mine, name: '运输队党支部' });
    await env.buildOrg({ parent: branch, kind: 'group', name: '乙班党小组' });
    await addMembers(env, branch, 2);
    await addMembers(env, branch, 1, { status: 'deceased' });
    await addWorker(env, branch);
    const res = await admin.post(`/api/v1/orgs/${branch.id}/dissolve`, {});
    expect(res.statusCode).toBe(409);
    expect(json<Err>(res).message).toBe(
      '运输队党支部还有1 个下级组织（乙班党小组）、3 名党员、1 名职工群众，不能撤销；请先撤销或调整下级组织',
    );
    expect(json<Err>(res).details).toMatchObject({ members: 3, workers: 1, children: [{ name: '乙班党小组' }] });
    expect((await orgRow(branch.id)).dissolvedAt).toBeNull();

    const noChildren = await env.buildOrg({ parent: mine, name: '供应科党支部' });
    await addMembers(env, noChildren, 1);
    const hint = await admin.post(`/api/v1/orgs/${noChildren.id}/dissolve`, {});
    expect(json<Err>(hint).message).toBe('供应科党支部还有1 名党员，不能撤销；可指定接收党员的组织，先把党员转过去再撤销');
  });

  it('with transferMembersTo, moves the members (and their workers, units, 先锋岗) first, then dissolves', async () => {
    const { group, mine, admin } = await setupMine();
    const branch = await env.buildOrg({ parent: mine, name: '洗煤厂党支部' });
    const receiver = await env.buildOrg({ parent: mine, name: '选煤中心党支部' });
    const ids = await addMembers(env, branch, 3);
    await addWorker(env, branch);
    const post = await addPioneerPost(env, branch, ids[0]);
    const elsewhere = await env.buildOrg({ parent: group });

    const outOfScope = await admin.post(`/api/v1/orgs/${branch.id}/dissolve`, { transferMembersTo: elsewhere.id });
    expect(outOfScope.statusCode).toBe(404);
    expect(await membersOf(branch.id)).toHaveLength(3);
    const self = await admin.post(`/api/v1/orgs/${branch.id}/dissolve`, { transferMembersTo: branch.id });
    expect(json<{ details: { path: string }[] }>(self).details[0].path).toBe('transferMembersTo');

    const res = await admin.post(`/api/v1/orgs/${branch.id}/dissolve`, { transferMembersTo: receiver.id, docNo: '矿党发〔2026〕31号' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await membersOf(receiver.id)).map((m) => m.id)).toEqual(ids);
    expect((await membersOf(receiver.id)).every((m) => m.orgPath === receiver.path)).toBe(true);
    expect((await env.db.select().from(pioneerPosts).where(eq(pioneerPosts.id, post.id)))[0]).toMatchObject({
      orgId: receiver.id,
      endedOn: null,
    });
    expect((await eventsOf(branch.id))[0].details).toMatchObject({ transferredTo: receiver.id, moved: { members: 3, workers: 1 } });
    expect((await eventsOf(receiver.id)).map((e) => e.kind)).toEqual(['receive_members']);
  });
});

describe('GET /api/v1/orgs/:id/history', () => {
  it('lists events newest first with kind names and actor names; PATCH edits are kept too; 404 outside scope', async () => {
    const { mine, admin } = await setupMine();
    const created = json<{ id: number }>(
      await admin.post('/api/v1/orgs', { parentId: mine.id, name: '机关第一党支部', kind: 'branch', category: 'office' }),
    );
    await admin.patch(`/api/v1/orgs/${created.id}`, { name: '机关一支部', docNo: '矿党发〔2026〕40号' });
    await admin.patch(`/api/v1/orgs/${created.id}`, { name: '机关一支部' });
    const history = json<{ kind: string; kindName: string; actorName: string; docNo: string | null; details: Record<string, unknown> }[]>(
      await admin.get(`/api/v1/orgs/${created.id}/history`),
    );
    expect(history.map((h) => [h.kind, h.kindName])).toEqual([
      ['update', '修改信息'],
      ['create', '成立'],
    ]);
    expect(history[0].details).toEqual({
      name: { from: '机关第一党支部', to: '机关一支部' },
      docNo: { from: null, to: '矿党发〔2026〕40号' },
    });
    expect(history[0].actorName).toMatch(/^测试/);

    const other = await env.buildOrg({ parent: mine });
    const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: other.id }] }));
    expect((await secretary.get(`/api/v1/orgs/${created.id}/history`)).statusCode).toBe(404);
    expect((await secretary.get(`/api/v1/orgs/${other.id}/history`)).statusCode).toBe(200);
  });
});
