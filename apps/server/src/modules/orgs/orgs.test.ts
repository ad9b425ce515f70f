import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { orgs } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Node = { id: number; name: string; memberCount: number; children: Node[] };

describe('GET /api/v1/orgs/tree', () => {
  it('shows only the subtrees the user may read, with member counts summed up the tree', async () => {
    const group = await env.buildOrg({ kind: 'committee', category: 'leading', name: '测试集团党委' });
    const mine = await env.buildOrg({ parent: group, kind: 'committee', name: '测试矿党委' });
    const branch = await env.buildOrg({ parent: mine, name: '综采队党支部' });
    const other = await env.buildOrg({ parent: group, name: '另一矿党支部' });
    for (let i = 0; i < 3; i++) await env.buildMember({ org: branch });
    await env.buildMember({ org: mine });
    await env.buildMember({ org: other });

    const mineAdmin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] }));
    const tree = json<Node[]>(await mineAdmin.get('/api/v1/orgs/tree'));
    expect(tree.map((n) => n.name)).toEqual(['测试矿党委']);
    expect(tree[0].memberCount).toBe(4);
    expect(tree[0].children.map((c) => [c.name, c.memberCount])).toEqual([['综采队党支部', 3]]);

    const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
    expect(json<Node[]>(await secretary.get('/api/v1/orgs/tree')).map((n) => n.id)).toEqual([branch.id]);

    const member = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: branch.id }] }));
    expect((await member.get('/api/v1/orgs/tree')).statusCode).toBe(403);
  });

  it('lists siblings in their set order, not in the text order of their paths', async () => {
    const group = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const kids = [];
    for (const name of ['一队党支部', '二队党支部', '三队党支部']) kids.push(await env.buildOrg({ parent: group, name }));
    const sorts = [2, 0, 1];
    for (const [i, k] of kids.entries()) await env.db.update(orgs).set({ sort: sorts[i] }).where(eq(orgs.id, k.id));
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: group.id }] }));
    const tree = json<Node[]>(await admin.get('/api/v1/orgs/tree'));
    expect(tree[0].children.map((c) => c.name)).toEqual(['二队党支部', '三队党支部', '一队党支部']);
  });

  it('GET /api/v1/orgs/:id is 404 outside scope and 200 inside', async () => {
    const group = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const a = await env.buildOrg({ parent: group });
    const b = await env.buildOrg({ parent: group });
    const sec = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: a.id }] }));
    const own = await sec.get(`/api/v1/orgs/${a.id}`);
    expect(own.statusCode).toBe(200);
    expect(json(own)).toMatchObject({ id: a.id, kind: 'branch', kindName: '党支部' });
    expect((await sec.get(`/api/v1/orgs/${b.id}`)).statusCode).toBe(404);
    expect((await sec.get(`/api/v1/orgs/${group.id}`)).statusCode).toBe(404);
  });
});

describe('PATCH /api/v1/orgs/:id', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: (e, org) => e.buildOrg({ parent: org, kind: 'group', name: '原党小组' }),
    request: (rec) => ({ method: 'PATCH', url: `/api/v1/orgs/${rec.id}`, payload: { name: '新党小组名称' } }),
    snapshot: async (e, rec) => (await e.db.select().from(orgs).where(eq(orgs.id, rec.id)))[0],
  });

  it('validates input with field paths and changes nothing', async () => {
    const org = await env.buildOrg({ kind: 'committee', category: 'leading', name: '不变的党委' });
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: org.id }] }));
    const res = await admin.patch(`/api/v1/orgs/${org.id}`, { name: 'x', foundedOn: '2020-13-45' });
    expect(res.statusCode).toBe(400);
    const paths = json<{ details: { path: string }[] }>(res).details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'foundedOn']));
    expect((await env.db.select().from(orgs).where(eq(orgs.id, org.id)))[0].name).toBe('不变的党委');
  });
});
