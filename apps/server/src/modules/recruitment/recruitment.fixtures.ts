import { addDays } from '@vanguard/shared';
import { eq } from 'drizzle-orm';
import type { TestEnv } from '../../../test/harness.js';
import { recruitmentCases, recruitmentChecks, recruitmentSteps, recruitmentVotes, workers } from '../../db/schema/index.js';

type OrgRef = { id: number; path: string };

/**
 * A case inserted straight into the tables at a given step (for the authz matrix), with step
 * records dated from `appliedOn` one week apart. `activistOn` etc. follow the steps.
 */
export async function insertCase(env: TestEnv, org: OrgRef, lastStep = 1, appliedOn = '2024-01-10') {
  const day = (i: number) => addDays(appliedOn, i * 7);
  const [c] = await env.db
    .insert(recruitmentCases)
    .values({
      orgId: org.id,
      orgPath: org.path,
      name: '刘洋',
      sex: '男',
      birthDate: '1998-04-02',
      rulesetVersion: '2014.1',
      lastStep,
      appliedOn,
      activistOn: lastStep >= 3 ? day(2) : null,
    })
    .returning();
  await env.db.insert(recruitmentSteps).values(
    Array.from({ length: lastStep }, (_, i) => ({
      caseId: c.id,
      stepNo: i + 1,
      doneOn: day(i),
      confirmedBy: 1,
      confirmedAt: env.clock.now(),
    })),
  );
  return c;
}

export async function caseSnapshot(env: TestEnv, id: number) {
  const [c] = await env.db.select().from(recruitmentCases).where(eq(recruitmentCases.id, id));
  const steps = await env.db.select().from(recruitmentSteps).where(eq(recruitmentSteps.caseId, id));
  const checks = await env.db.select().from(recruitmentChecks).where(eq(recruitmentChecks.caseId, id));
  const votes = await env.db.select().from(recruitmentVotes).where(eq(recruitmentVotes.caseId, id));
  return { c, steps: steps.length, checks: checks.length, votes: votes.length };
}

export async function insertWorker(env: TestEnv, org: OrgRef, name = '周明') {
  const [w] = await env.db.insert(workers).values({ orgId: org.id, orgPath: org.path, name, sex: '男', team: '综采一队' }).returning();
  return w;
}
