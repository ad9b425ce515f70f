import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, pioneerPosts } from '../../db/schema/index.js';
import { addPioneerPost } from './orgs.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Item = {
  id: number;
  orgId: number;
  orgName: string;
  memberName: string;
  kind: string;
  kindName: string;
  name: string;
  location: string | null;
  endedOn: string | null;
};
type Page = { items: Item[]; total: number };
type Err = { message: string; details: { path: string; message: string }[] };
const postRow = async (id: number) => (await env.db.select().from(pioneerPosts).where(eq(pioneerPosts.id, id)))[0];
const postsOf = (orgId: number) => env.db.select().from(pioneerPosts).where(eq(pioneerPosts.orgId, orgId));

async function setup() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading', name: '五矿党委' });
  const branch = await env.buildOrg({ parent: committee, name: '综采队党支部' });
  const group = await env.buildOrg({ parent: branch, kind: 'group', name: '甲班党小组' });
  const wang = await env.buildMember({ org: group, name: '王强' });
  const li = await env.buildMember({ org: branch, name: '李娜' });
  const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
  const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: branch.id }] }));
  return { committee, branch, group, wang, li, secretary, admin };
}

describe('POST /api/v1/orgs/:id/pioneer-posts', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (e, org) => ({ org, memberId: (await e.buildMember({ org })).id }),
    request: (r) => ({
      method: 'POST',
      url: `/api/v1/orgs/${r.org.id}/pioneer-posts`,
      payload: { memberId: r.memberId, kind: 'area', name: '3105 工作面责任区', location: '-650 水平', startedOn: '2026-01-01' },
    }),
    snapshot: async (_e, r) => postsOf(r.org.id),
  });

  it('assigns a post or an area to a member of the org (its 党小组 included), audited', async () => {
    const { branch, wang, admin } = await setup();
    const res = await admin.post(`/api/v1/orgs/${branch.id}/pioneer-posts`, {
      memberId: wang.id,
      kind: 'post',
      name: '综采工作面党员先锋岗',
      location: '3105 综采工作面',
      startedOn: '2026-02-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    const item = json<Item>(res);
    expect(item).toMatchObject({ orgId: branch.id, orgName: '综采队党支部', memberName: '王强', kindName: '党员先锋岗', endedOn: null });
    expect((await postRow(item.id)).orgPath).toBe(branch.path);
    const audits = await env.db.select().from(auditLog).where(eq(auditLog.entityType, 'pioneer_post'));
    expect(audits.map((a) => [a.action, a.entityId])).toContainEqual(['pioneer_post.create', String(item.id)]);
  });

  it('validates with field paths: member outside the org, kind, future start', async () => {
    const { committee, branch, admin } = await setup();
    const stranger = await env.buildMember({ org: await env.buildOrg({ parent: committee }) });
    const outside = await admin.post(`/api/v1/orgs/${branch.id}/pioneer-posts`, {
      memberId: stranger.id,
      kind: 'post',
      name: '先锋岗',
      startedOn: '2026-01-01',
    });
    expect(json<Err>(outside).details).toEqual([{ path: 'memberId', message: '该党员不在综采队党支部' }]);
    const bad = await admin.post(`/api/v1/orgs/${branch.id}/pioneer-posts`, {
      memberId: stranger.id,
      kind: 'zone',
      name: 'x',
      startedOn: '2026-02-30',
    });
    expect(
      json<Err>(bad)
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['kind', 'name', 'startedOn']);
    expect(json<Err>(bad).details.find((d) => d.path === 'kind')?.message).toBe('类型应为先锋岗（post）或责任区（area）');
    expect(await postsOf(branch.id)).toEqual([]);
  });
});

describe('PATCH /api/v1/orgs/:id/pioneer-posts/:postId', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (e, org) => ({ org, post: await addPioneerPost(e, org, (await e.buildMember({ org })).id) }),
    request: (r) => ({ method: 'PATCH', url: `/api/v1/orgs/${r.org.id}/pioneer-posts/${r.post.id}`, payload: { endedOn: '2026-02-28' } }),
    snapshot: async (_e, r) => postRow(r.post.id),
  });

  it('ends one; it then leaves the default list; ending again is 409; dates are checked', async () => {
    const { branch, li, admin } = await setup();
    const post = await addPioneerPost(env, branch, li.id);
    const url = `/api/v1/orgs/${branch.id}/pioneer-posts/${post.id}`;
    expect(json<Err>(await admin.patch(url, { endedOn: '2024-12-31' })).details).toEqual([
      { path: 'endedOn', message: '结束日期不能早于开始日期 2025-01-01' },
    ]);
    expect(json<Err>(await admin.patch(url, {})).details[0].path).toBe('endedOn');
    const res = await admin.patch(url, { endedOn: '2026-02-28', location: '-650 水平' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<Item>(res)).toMatchObject({ endedOn: '2026-02-28', location: '-650 水平' });
    expect((await admin.patch(url, { endedOn: '2026-03-01' })).statusCode).toBe(409);
    expect(json<Page>(await admin.get(`/api/v1/orgs/${branch.id}/pioneer-posts`)).total).toBe(0);
    expect(json<Page>(await admin.get(`/api/v1/orgs/${branch.id}/pioneer-posts?includeEnded=true`)).total).toBe(1);
  });

  it('addresses a post through its org: another org’s post under this URL is 404', async () => {
    const { committee, branch, li, admin } = await setup();
    const post = await addPioneerPost(env, branch, li.id);
    const sibling = await env.buildOrg({ parent: committee });
    const committeeAdmin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
    expect((await committeeAdmin.patch(`/api/v1/orgs/${sibling.id}/pioneer-posts/${post.id}`, { endedOn: '2026-02-01' })).statusCode).toBe(
      404,
    );
    expect((await admin.patch(`/api/v1/orgs/${branch.id}/pioneer-posts/${post.id}`, { name: '采煤先锋岗' })).statusCode).toBe(200);
    expect((await postRow(post.id)).endedOn).toBeNull();
  });
});

describe('GET /api/v1/orgs/:id/pioneer-posts', () => {
  it('lists the subtree, current only by default, paged, with member names (masked for the 三员); 404 outside scope', async () => {
    const { committee, branch, group, wang, li, secretary } = await setup();
    await addPioneerPost(env, group, wang.id, '甲班先锋岗');
    await addPioneerPost(env, branch, li.id, '支部责任区');
    const ended = await addPioneerPost(env, branch, li.id, '旧岗位');
    await env.db.update(pioneerPosts).set({ endedOn: '2025-06-30' }).where(eq(pioneerPosts.id, ended.id));

    const page = json<Page>(await secretary.get(`/api/v1/orgs/${branch.id}/pioneer-posts`));
    expect(page.total).toBe(2);
    expect(page.items.map((i) => [i.orgName, i.name, i.memberName])).toEqual([
      ['综采队党支部', '支部责任区', '李娜'],
      ['甲班党小组', '甲班先锋岗', '王强'],
    ]);
    expect(json<Page>(await secretary.get(`/api/v1/orgs/${group.id}/pioneer-posts`)).items.map((i) => i.name)).toEqual(['甲班先锋岗']);
    expect(json<Page>(await secretary.get(`/api/v1/orgs/${branch.id}/pioneer-posts?pageSize=1&page=2`)).items).toHaveLength(1);
    expect(json<Page>(await secretary.get(`/api/v1/orgs/${branch.id}/pioneer-posts?includeEnded=true`)).total).toBe(3);

    const auditor = await env.as(await env.buildUser({ roles: [{ role: 'auditor', orgId: committee.id }] }));
    expect(json<Page>(await auditor.get(`/api/v1/orgs/${branch.id}/pioneer-posts`)).items.map((i) => i.memberName)).toEqual(['李*', '王*']);
    const otherSecretary = await env.as(
      await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: (await env.buildOrg({ parent: committee })).id }] }),
    );
    expect((await otherSecretary.get(`/api/v1/orgs/${branch.id}/pioneer-posts`)).statusCode).toBe(404);
  });
});
