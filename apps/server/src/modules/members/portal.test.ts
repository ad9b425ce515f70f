import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { recruitmentCases, users, workers } from '../../db/schema/index.js';

/** GET /api/v1/me/portal: who I am on the phone (issue 24 item 4). */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

describe('GET /api/v1/me/portal', () => {
  it('a member, a worker in recruitment, a login with neither; anonymous 401, a role without the portal 403', async () => {
    const branch = await env.buildOrg();
    const { user: memberUser } = await env.buildMemberUser({ org: branch, name: '孔浩' });
    expect((await (await env.as(memberUser)).get('/api/v1/me/portal')).json()).toEqual({
      kind: 'member',
      name: '孔浩',
      inRecruitment: false,
    });

    const workerUser = await env.buildUser({ roles: [{ role: 'worker', orgId: branch.id }] });
    const [w] = await env.db
      .insert(workers)
      .values({ orgId: branch.id, orgPath: branch.path, userId: workerUser.id, name: '王磊', sex: '男' })
      .returning();
    const api = await env.as(workerUser);
    expect((await api.get('/api/v1/me/portal')).json()).toEqual({ kind: 'worker', name: '王磊', inRecruitment: false });
    await env.db.insert(recruitmentCases).values({
      orgId: branch.id,
      orgPath: branch.path,
      workerId: w.id,
      name: '王磊',
      sex: '男',
      birthDate: '1995-11-21',
      rulesetVersion: '2014.1',
      lastStep: 5,
      appliedOn: '2025-01-10',
    });
    expect((await api.get('/api/v1/me/portal')).json()).toEqual({ kind: 'worker', name: '王磊', inRecruitment: true });

    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    await env.db.update(users).set({ displayName: '支部书记' }).where(eq(users.id, secretary.id));
    expect((await (await env.as(secretary)).get('/api/v1/me/portal')).json()).toEqual({
      kind: 'none',
      name: '支部书记',
      inRecruitment: false,
    });

    expect((await env.anon.get('/api/v1/me/portal')).statusCode).toBe(401);
    const admin = await env.buildUser({ roles: [{ role: 'sys_admin', orgId: branch.id }] });
    expect((await (await env.as(admin)).get('/api/v1/me/portal')).statusCode).toBe(403);
  });
});
