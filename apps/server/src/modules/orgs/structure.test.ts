import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import {
  auditLog,
  leadershipTerms,
  memberCorrections,
  members,
  orgEvents,
  orgs,
  pioneerPosts,
  units,
  workers,
} from '../../db/schema/index.js';
import { addMembers, addPioneerPost, addTerm, addUnit, addWorker } from './orgs.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Org = { id: number; path: string; name: string };
type Err = { code: string; message: string; details: { path: string; message: string }[] };
const orgRow = async (id: number) => (await env.db.select().from(orgs).where(eq(orgs.id, id)))[0];
const eventsOf = async (id: number) => env.db.select().from(orgEvents).where(eq(orgEvents.orgId, id)).orderBy(orgEvents.id);
const pathOf = async (table: typeof members | typeof workers | typeof units | typeof pioneerPosts, id: number) =>
  (await env.db.select({ p: table.orgPath }).from(table).where(eq(table.id, id)))[0].p;

async function setupMine() {
  const group = await env.buildOrg({ kind: 'committee', category: 'leading', name: '集团党委' });
  const mine = await env.buildOrg({ parent: group, kind: 'committee', name: '一矿党委' });
  const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] }));
  return { group, mine, admin };
}

describe('POST /api/v1/orgs (create)', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (_e, org) => org,
    request: (parent) => ({
      method: 'POST',
      url: '/api/v1/orgs',
      payload: { parentId: parent.id, name: '甲班党小组', kind: 'group', category: 'production' },
    }),
    snapshot: async (e, parent) => e.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.parentId, parent.id)),
  });

  it('creates under a parent: path, history event with the document number, audit row', async () => {
    const { mine, admin } = await setupMine();
    const res = await admin.post('/api/v1/orgs', {
      parentId: mine.id,
      name: '综采一队党支部',
      kind: 'branch',
      category: 'production',
      unitName: '综采一队',
      foundedOn: '2026-01-05',
      docNo: '矿党发〔2026〕3号',
    });
    expect(res.statusCode, res.body).toBe(200);
    const org = json<Org & { kindName: string; categoryName: string }>(res);
    expect(org).toMatchObject({ path: `${mine.path}${org.id}/`, kindName: '党支部', categoryName: '生产一线' });
    const [ev] = await eventsOf(org.id);
    expect(ev).toMatchObject({ kind: 'create', docNo: '矿党发〔2026〕3号' });
    expect(ev.details).toMatchObject({ parentId: mine.id, parentName: mine.name });
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'org'), eq(auditLog.entityId, String(org.id))));
    expect(audits.map((a) => a.action)).toEqual(['org.create']);
  });

  it('puts a 党小组 only under a branch, and nothing under a 党小组 (400, field path, nothing created)', async () => {
    const { mine, admin } = await setupMine();
    const branch = await env.buildOrg({ parent: mine });
    const group = await env.buildOrg({ parent: branch, kind: 'group' });
    const underCommittee = await admin.post('/api/v1/orgs', {
      parentId: mine.id,
      name: '错位党小组',
      kind: 'group',
      category: 'production',
    });
    expect(underCommittee.statusCode).toBe(400);
    expect(json<Err>(underCommittee).details).toEqual([{ path: 'kind', message: expect.stringContaining('党小组只能设在党支部') }]);
    const underGroup = await admin.post('/api/v1/orgs', {
      parentId: group.id,
      name: '小组下的支部',
      kind: 'branch',
      category: 'production',
    });
    expect(json<Err>(underGroup).message).toBe('党小组下不能设立下级组织');
    expect(await env.db.select().from(orgs).where(eq(orgs.parentId, group.id))).toEqual([]);
    const ok = await admin.post('/api/v1/orgs', { parentId: branch.id, name: '甲班党小组', kind: 'group', category: 'production' });
    expect(ok.statusCode, ok.body).toBe(200);
    const dup = await admin.post('/api/v1/orgs', { parentId: branch.id, name: '甲班党小组', kind: 'group', category: 'production' });
    expect(json<Err>(dup).details[0]).toMatchObject({ path: 'name' });
  });

  it('validates with field paths in Chinese', async () => {
    const { mine, admin } = await setupMine();
    const res = await admin.post('/api/v1/orgs', {
      parentId: mine.id,
      name: 'x',
      kind: 'cell',
      category: 'production',
      foundedOn: '2026-13-01',
      extra: 1,
    });
    expect(res.statusCode).toBe(400);
    const details = json<Err>(res).details;
    expect(details.map((d) => d.path).sort()).toEqual(['extra', 'foundedOn', 'kind', 'name']);
    expect(details.find((d) => d.path === 'kind')?.message).toContain('组织类型');
  });
});

describe('POST /api/v1/orgs/:id/move', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (e, org) => {
      const target = await e.buildOrg({ parent: org, kind: 'temp_branch' });
      const group = await e.buildOrg({ parent: org, kind: 'group' });
      return { group, target };
    },
    request: (r) => ({ method: 'POST', url: `/api/v1/orgs/${r.group.id}/move`, payload: { parentId: r.target.id } }),
    snapshot: async (_e, r) => orgRow(r.group.id),
  });

  it('moves the subtree and rewrites org_path on every scoped row under it, and nothing else', async () => {
    const { mine, admin } = await setupMine();
    const general = await env.buildOrg({ parent: mine, kind: 'general_branch', name: '机电党总支' });
    const branch = await env.buildOrg({ parent: mine, name: '机电一队党支部' });
    const group = await env.buildOrg({ parent: branch, kind: 'group' });
    const sibling = await env.buildOrg({ parent: mine });
    const [m1] = await addMembers(env, branch, 1);
    const [m2] = await addMembers(env, group, 1);
    const [outside] = await addMembers(env, sibling, 1);
    const unit = await addUnit(env, branch);
    const worker = await addWorker(env, group);
    const term = await addTerm(env, branch, { holders: [m1] });
    const post = await addPioneerPost(env, group, m2);
    const [corr] = await env.db
      .insert(memberCorrections)
      .values({ memberId: m1, orgId: branch.id, orgPath: branch.path, requestedBy: 1, changes: {}, reason: '电话变更' })
      .returning();

    const res = await admin.post(`/api/v1/orgs/${branch.id}/move`, {
      parentId: general.id,
      docNo: '矿党发〔2026〕9号',
      reason: '机构调整',
    });
    expect(res.statusCode, res.body).toBe(200);
    const newPath = `${general.path}${branch.id}/`;
    const groupPath = `${newPath}${group.id}/`;
    expect(json<Org>(res)).toMatchObject({ parentId: general.id, path: newPath });
    expect((await orgRow(group.id)).path).toBe(groupPath);
    expect(await pathOf(members, m1)).toBe(newPath);
    expect(await pathOf(members, m2)).toBe(groupPath);
    expect(await pathOf(units, unit.id)).toBe(newPath);
    expect(await pathOf(workers, worker.id)).toBe(groupPath);
    expect(await pathOf(pioneerPosts, post.id)).toBe(groupPath);
    expect((await env.db.select().from(leadershipTerms).where(eq(leadershipTerms.id, term.id)))[0].orgPath).toBe(newPath);
    expect((await env.db.select().from(memberCorrections).where(eq(memberCorrections.id, corr.id)))[0].orgPath).toBe(newPath);
    expect(await pathOf(members, outside)).toBe(sibling.path);
    expect((await orgRow(sibling.id)).path).toBe(sibling.path);

    const [ev] = await eventsOf(branch.id);
    expect(ev).toMatchObject({ kind: 'move', docNo: '矿党发〔2026〕9号' });
    expect(ev.details).toMatchObject({
      toParentId: general.id,
      toParentName: '机电党总支',
      reason: '机构调整',
      changed: { orgs: 2, members: 2 },
    });
    // The new parent's admin now reaches the moved branch; scope follows the path at once.
    const generalAdmin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: general.id }] }));
    expect((await generalAdmin.get(`/api/v1/orgs/${group.id}`)).statusCode).toBe(200);
  });

  it('refuses a move into its own subtree or under a 党小组 (400, clear message), changing nothing', async () => {
    const { mine, admin } = await setupMine();
    const branch = await env.buildOrg({ parent: mine, name: '掘进队党支部' });
    const group = await env.buildOrg({ parent: branch, kind: 'group' });
    const other = await env.buildOrg({ parent: mine });
    const otherGroup = await env.buildOrg({ parent: other, kind: 'group' });
    const before = await orgRow(branch.id);

    const intoOwn = await admin.post(`/api/v1/orgs/${branch.id}/move`, { parentId: group.id });
    expect(intoOwn.statusCode).toBe(400);
    expect(json<Err>(intoOwn).message).toBe('不能把掘进队党支部移到它自己或它的下级组织之下');
    expect(json<Err>(intoOwn).details[0].path).toBe('parentId');
    expect((await admin.post(`/api/v1/orgs/${branch.id}/move`, { parentId: branch.id })).statusCode).toBe(400);
    const underGroup = await admin.post(`/api/v1/orgs/${branch.id}/move`, { parentId: otherGroup.id });
    expect(json<Err>(underGroup).message).toBe('党小组下不能设立下级组织');
    const groupToCommittee = await admin.post(`/api/v1/orgs/${group.id}/move`, { parentId: mine.id });
    expect(json<Err>(groupToCommittee).message).toContain('党小组只能设在党支部');
    expect(await orgRow(branch.id)).toEqual(before);
    expect(await eventsOf(branch.id)).toEqual([]);
  });

  it('needs orgs:write on the new parent too: a target out of scope is 404', async () => {
    const { group, mine } = await setupMine();
    const branch = await env.buildOrg({ parent: mine });
    const elsewhere = await env.buildOrg({ parent: group, kind: 'committee' });
    const branchAdmin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: branch.id }] }));
    const child = await env.buildOrg({ parent: branch, kind: 'group' });
    const res = await branchAdmin.post(`/api/v1/orgs/${branch.id}/move`, { parentId: elsewhere.id });
    expect(res.statusCode).toBe(404);
    expect(json<Err>(res).message).toBe('未找到新的上级组织');
    expect((await orgRow(child.id)).path).toBe(`${branch.path}${child.id}/`);
  });
});

describe('POST /api/v1/orgs/:id/upgrade', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: (e, org) => e.buildOrg({ parent: org, name: '待升格党支部' }),
    request: (rec) => ({ method: 'POST', url: `/api/v1/orgs/${rec.id}/upgrade`, payload: { kind: 'general_branch' } }),
    snapshot: async (_e, rec) => orgRow(rec.id),
  });

  it('branch → general branch → committee: same org, kind and name change, history kept', async () => {
    const { mine, admin } = await setupMine();
    const branch = await env.buildOrg({ parent: mine, name: '通风队党支部' });
    await addMembers(env, branch, 3);
    const up = await admin.post(`/api/v1/orgs/${branch.id}/upgrade`, {
      kind: 'general_branch',
      name: '通风队党总支',
      docNo: '矿党发〔2026〕11号',
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(json(up)).toMatchObject({ id: branch.id, kind: 'general_branch', kindName: '党总支', name: '通风队党总支' });
    expect((await admin.post(`/api/v1/orgs/${branch.id}/upgrade`, { kind: 'committee' })).statusCode).toBe(200);
    const history = json<{ kind: string; kindName: string; details: Record<string, unknown> }[]>(
      await admin.get(`/api/v1/orgs/${branch.id}/history`),
    );
    expect(history.map((h) => [h.kind, h.details.fromKind, h.details.toKind])).toEqual([
      ['upgrade', 'general_branch', 'committee'],
      ['upgrade', 'branch', 'general_branch'],
    ]);
    expect(history[1].details).toMatchObject({ fromName: '通风队党支部', toName: '通风队党总支' });
    expect((await env.db.select().from(members).where(eq(members.orgId, branch.id))).length).toBe(3);
  });

  it('refuses a sideways or downward change (400) and a branch with 党小组 under it (409 naming them)', async () => {
    const { mine, admin } = await setupMine();
    const general = await env.buildOrg({ parent: mine, kind: 'general_branch' });
    const res = await admin.post(`/api/v1/orgs/${general.id}/upgrade`, { kind: 'general_branch' });
    expect(res.statusCode).toBe(400);
    expect(json<Err>(res).details[0].path).toBe('kind');
    expect((await admin.post(`/api/v1/orgs/${mine.id}/upgrade`, { kind: 'branch' })).statusCode).toBe(400);
    const branch = await env.buildOrg({ parent: mine });
    await env.buildOrg({ parent: branch, kind: 'group', name: '甲班党小组' });
    const blocked = await admin.post(`/api/v1/orgs/${branch.id}/upgrade`, { kind: 'general_branch' });
    expect(blocked.statusCode).toBe(409);
    expect(json<Err>(blocked).message).toContain('甲班党小组');
    expect((await orgRow(branch.id)).kind).toBe('branch');
  });
});
