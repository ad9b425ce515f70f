import type { PlanUpsertInput } from '@vanguard/shared/api/recruitment';
import { and, eq, sql } from 'drizzle-orm';
import { orgs, recruitmentCases, recruitmentPlans, recruitmentSteps } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';

/** 发展计划 of every branch in an org's subtree for a year, with what was actually done. */
export async function listPlans(ctx: ActorCtx, orgId: number, year: number) {
  const org = await orgFor(ctx, orgId, 'members:read');
  const scope = scopeOf(ctx.actor, 'members:read');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [plans, actual] = await Promise.all([
    ctx.db
      .select({ p: recruitmentPlans, orgName: orgs.name })
      .from(recruitmentPlans)
      .innerJoin(orgs, eq(orgs.id, recruitmentPlans.orgId))
      .where(
        and(
          inScope(recruitmentPlans.orgPath, scope),
          sql`${recruitmentPlans.orgPath} LIKE ${`${org.path}%`}`,
          eq(recruitmentPlans.year, year),
        ),
      ),
    ctx.db
      .select({
        orgId: recruitmentCases.orgId,
        orgName: orgs.name,
        activists: sql<number>`count(*) FILTER (WHERE ${recruitmentSteps.stepNo} = 3)::int`,
        targets: sql<number>`count(*) FILTER (WHERE ${recruitmentSteps.stepNo} = 8)::int`,
        admissions: sql<number>`count(*) FILTER (WHERE ${recruitmentSteps.stepNo} = 17)::int`,
        conversions: sql<number>`count(*) FILTER (WHERE ${recruitmentSteps.stepNo} = 24 AND ${recruitmentSteps.form}->>'kind' = 'approval' AND EXISTS (SELECT 1 FROM recruitment_steps m WHERE m.case_id = ${recruitmentSteps.caseId} AND m.step_no = 23 AND m.round = ${recruitmentSteps.round} AND m.form->>'outcome' = 'convert'))::int`,
      })
      .from(recruitmentSteps)
      .innerJoin(recruitmentCases, eq(recruitmentCases.id, recruitmentSteps.caseId))
      .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
      .where(
        and(
          inScope(recruitmentCases.orgPath, scope),
          sql`${recruitmentCases.orgPath} LIKE ${`${org.path}%`}`,
          sql`${recruitmentSteps.doneOn} BETWEEN ${from} AND ${to}`,
        ),
      )
      .groupBy(recruitmentCases.orgId, orgs.name),
  ]);
  const zero = { activists: 0, targets: 0, admissions: 0, conversions: 0 };
  const byOrg = new Map<
    number,
    { orgId: number; orgName: string; year: number; planned: typeof zero | null; actual: typeof zero; note: string | null }
  >();
  for (const { p, orgName } of plans)
    byOrg.set(p.orgId, {
      orgId: p.orgId,
      orgName,
      year,
      planned: { activists: p.activists, targets: p.targets, admissions: p.admissions, conversions: p.conversions },
      actual: { ...zero },
      note: p.note,
    });
  for (const a of actual) {
    const row = byOrg.get(a.orgId) ?? { orgId: a.orgId, orgName: a.orgName, year, planned: null, actual: { ...zero }, note: null };
    row.actual = { activists: a.activists, targets: a.targets, admissions: a.admissions, conversions: a.conversions };
    byOrg.set(a.orgId, row);
  }
  const items = [...byOrg.values()].sort((x, y) => x.orgName.localeCompare(y.orgName, 'zh'));
  return { items, total: items.length };
}

/** Sets a branch's 发展计划 for a year (one row per org and year), audited; answers the year's plans. */
export async function upsertPlan(ctx: ActorCtx, input: PlanUpsertInput) {
  await ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, input.orgId, 'members:write', { db: tx });
    const [before] = await tx
      .select()
      .from(recruitmentPlans)
      .where(and(eq(recruitmentPlans.orgId, org.id), eq(recruitmentPlans.year, input.year)));
    const values = { ...input, orgPath: org.path, note: input.note ?? null };
    await tx
      .insert(recruitmentPlans)
      .values(values)
      .onConflictDoUpdate({ target: [recruitmentPlans.orgId, recruitmentPlans.year], set: { ...values, updatedAt: ctx.now() } });
    await audit(tx, ctx, {
      action: 'recruitment.plan',
      entityType: 'recruitment_plan',
      entityId: `${org.id}:${input.year}`,
      orgId: org.id,
      before,
      after: input,
    });
  });
  return listPlans(ctx, input.orgId, input.year);
}
