import type { TestEnv } from '../../../test/harness.js';
import { leadershipMembers, leadershipTerms, members, pioneerPosts, units, workers } from '../../db/schema/index.js';

/** Factories for this module's tests (the shared harness has orgs, users and single members). */
type OrgRef = { id: number; path: string };

/** `n` members in one insert; they fill the formation rules' counts. */
export async function addMembers(
  env: TestEnv,
  org: OrgRef,
  n: number,
  o: { category?: 'full' | 'probationary'; status?: string; unitId?: number; name?: string } = {},
): Promise<number[]> {
  if (n === 0) return [];
  const rows = await env.db
    .insert(members)
    .values(
      Array.from({ length: n }, (_, i) => ({
        orgId: org.id,
        orgPath: org.path,
        name: o.name ?? `党员${i + 1}`,
        sex: i % 2 ? '女' : '男',
        birthDate: '1985-06-01',
        category: o.category ?? 'full',
        status: o.status ?? 'normal',
        unitId: o.unitId ?? null,
        admittedOn: '2009-07-01',
        fullOn: o.category === 'probationary' ? null : '2010-07-01',
      })),
    )
    .returning({ id: members.id });
  return rows.map((r) => r.id);
}

export async function addUnit(env: TestEnv, org: OrgRef, name = '综采一队'): Promise<{ id: number }> {
  const [u] = await env.db.insert(units).values({ name, orgId: org.id, orgPath: org.path }).returning({ id: units.id });
  return u;
}

export async function addWorker(env: TestEnv, org: OrgRef): Promise<{ id: number }> {
  const [w] = await env.db
    .insert(workers)
    .values({ name: '王师傅', sex: '男', orgId: org.id, orgPath: org.path })
    .returning({ id: workers.id });
  return w;
}

/** A current term written directly (the API has its own tests). */
export async function addTerm(
  env: TestEnv,
  org: OrgRef,
  o: { startedOn?: string; endsOn?: string; years?: number; holders?: number[]; post?: string } = {},
): Promise<{ id: number }> {
  const startedOn = o.startedOn ?? '2024-01-10';
  const [t] = await env.db
    .insert(leadershipTerms)
    .values({ orgId: org.id, orgPath: org.path, startedOn, endsOn: o.endsOn ?? '2027-01-10', years: o.years ?? 3 })
    .returning({ id: leadershipTerms.id });
  const holders = o.holders ?? [];
  if (holders.length) {
    await env.db
      .insert(leadershipMembers)
      .values(holders.map((memberId, i) => ({ termId: t.id, memberId, post: i === 0 ? 'secretary' : (o.post ?? 'member'), startedOn })));
  }
  return t;
}

export async function addPioneerPost(env: TestEnv, org: OrgRef, memberId: number, name = '综采工作面先锋岗'): Promise<{ id: number }> {
  const [p] = await env.db
    .insert(pioneerPosts)
    .values({ orgId: org.id, orgPath: org.path, memberId, kind: 'post', name, startedOn: '2025-01-01' })
    .returning({ id: pioneerPosts.id });
  return p;
}
