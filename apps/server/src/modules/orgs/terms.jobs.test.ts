import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { leadershipTerms, orgs, todos, users } from '../../db/schema/index.js';
import { addMembers, addTerm } from './orgs.fixtures.js';
import { refreshTermReminders } from './terms.jobs.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const run = (iso: string) => {
  env.clock.set(iso);
  return refreshTermReminders(env.db, env.clock.now());
};
const todosOf = async (userId: number) =>
  (await env.db.select().from(todos).where(eq(todos.userId, userId)).orderBy(asc(todos.id))).map((t) => [t.sourceKey, t.severity]);

describe('refreshTermReminders (换届提醒, ManualClock)', () => {
  it('reminds the secretary and the parent’s org admins 6 months and 1 month ahead and when overdue — once each', async () => {
    const top = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const committee = await env.buildOrg({ parent: top, kind: 'committee', name: '四矿党委' });
    const branch = await env.buildOrg({ parent: committee, name: '机运队党支部' });
    const [m] = await addMembers(env, branch, 1);
    // An earlier term, already ended: never reminded.
    const old = await addTerm(env, branch, { startedOn: '2020-09-02', endsOn: '2023-09-02', holders: [m] });
    await env.db.update(leadershipTerms).set({ endedOn: '2023-09-02' }).where(eq(leadershipTerms.id, old.id));
    const term = await addTerm(env, branch, { startedOn: '2023-09-02', endsOn: '2026-09-02', holders: [m] });
    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const parentAdmin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] });
    const bystanders = await Promise.all([
      env.buildUser({ roles: [{ role: 'org_admin', orgId: branch.id }] }),
      env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] }),
      env.buildUser({ roles: [{ role: 'org_admin', orgId: top.id }] }),
      env.buildUser({ roles: [{ role: 'branch_secretary', orgId: committee.id }] }),
    ]);

    expect(await run('2026-03-01T23:59:00+08:00')).toBe(0);
    expect(await run('2026-03-02T00:00:00+08:00')).toBe(2);
    expect(await todosOf(secretary.id)).toEqual([[`term:${term.id}:6m`, 'warning']]);
    expect(await todosOf(parentAdmin.id)).toEqual([[`term:${term.id}:6m`, 'warning']]);
    expect(await run('2026-03-02T18:00:00+08:00')).toBe(0);
    expect(await run('2026-08-01T12:00:00+08:00')).toBe(0);
    expect(await run('2026-08-02T08:00:00+08:00')).toBe(2);
    expect(await run('2026-09-02T23:00:00+08:00')).toBe(0);
    expect(await run('2026-09-03T00:00:00+08:00')).toBe(2);
    expect(await run('2026-12-31T00:00:00+08:00')).toBe(0);
    expect(await todosOf(secretary.id)).toEqual([
      [`term:${term.id}:6m`, 'warning'],
      [`term:${term.id}:1m`, 'danger'],
      [`term:${term.id}:overdue`, 'danger'],
    ]);
    for (const u of bystanders) expect(await todosOf(u.id)).toEqual([]);

    const [first] = await env.db.select().from(todos).where(eq(todos.userId, secretary.id)).orderBy(asc(todos.id));
    expect(first).toMatchObject({
      orgId: branch.id,
      kind: 'todo',
      title: '机运队党支部班子任期将于 2026-09-02 届满（不足 6 个月），请筹备换届',
      link: `/admin/orgs?orgId=${branch.id}&tab=terms`,
      dueAt: new Date('2026-09-02T00:00:00+08:00'),
    });
  });

  it('a term first seen when already overdue gets the overdue to-do only; dissolved orgs and disabled users get none', async () => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const late = await env.buildOrg({ parent: committee });
    const gone = await env.buildOrg({ parent: committee });
    const lateTerm = await addTerm(env, late, { startedOn: '2022-01-01', endsOn: '2025-01-01' });
    await addTerm(env, gone, { startedOn: '2022-01-01', endsOn: '2025-01-01' });
    await env.db.update(orgs).set({ dissolvedAt: new Date() }).where(eq(orgs.id, gone.id));
    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: late.id }] });
    const goneSecretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: gone.id }] });
    const disabled = await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] });
    await env.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));

    await run('2026-03-02T09:00:00+08:00');
    expect(await todosOf(secretary.id)).toEqual([[`term:${lateTerm.id}:overdue`, 'danger']]);
    expect(await todosOf(goneSecretary.id)).toEqual([]);
    expect(await todosOf(disabled.id)).toEqual([]);
  });
});
