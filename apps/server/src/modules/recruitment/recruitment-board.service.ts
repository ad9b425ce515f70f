import { chinaDay, RECRUITMENT_STAGES, type RecruitmentStage, stageStepRange } from '@vanguard/shared';
import type { CaseListQuery, CaseSummaryDto } from '@vanguard/shared/api/recruitment';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { orgs, recruitmentCases, recruitmentChecks, recruitmentSteps } from '../../db/schema/index.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { anyId, type CaseRow, orgOr404, rulesetOf } from './recruitment.common.js';
import { type CaseFacts, nextStep, periodicDue, stageOf } from './recruitment.rules.js';

async function lastChecks(db: DbOrTx, caseIds: number[]) {
  const map = new Map<number, { review: string | null; thought_report: string | null }>();
  if (caseIds.length === 0) return map;
  const rows = await db
    .select({ caseId: recruitmentChecks.caseId, kind: recruitmentChecks.kind, last: sql<string>`max(${recruitmentChecks.doneOn})::text` })
    .from(recruitmentChecks)
    .where(anyId(recruitmentChecks.caseId, caseIds))
    .groupBy(recruitmentChecks.caseId, recruitmentChecks.kind);
  for (const r of rows) {
    const m = map.get(r.caseId) ?? { review: null, thought_report: null };
    m[r.kind as 'review' | 'thought_report'] = r.last;
    map.set(r.caseId, m);
  }
  return map;
}

/**
 * The date of the last step done, and of the branch meeting awaiting approval, per case. Only the
 * rows needed are read (the last step and the meetings, at most a few per case), grouped by case.
 */
async function stepDates(db: DbOrTx, cases: CaseRow[]) {
  const map = new Map<number, { lastDoneOn: string; resolutionOn: string | null }>();
  if (cases.length === 0) return map;
  const rows = await db
    .select({
      caseId: recruitmentSteps.caseId,
      stepNo: recruitmentSteps.stepNo,
      round: recruitmentSteps.round,
      doneOn: recruitmentSteps.doneOn,
    })
    .from(recruitmentSteps)
    .innerJoin(recruitmentCases, eq(recruitmentCases.id, recruitmentSteps.caseId))
    .where(
      and(
        anyId(
          recruitmentSteps.caseId,
          cases.map((c) => c.id),
        ),
        sql`(${recruitmentSteps.stepNo} = ${recruitmentCases.lastStep} OR ${recruitmentSteps.stepNo} IN (15, 23))`,
      ),
    );
  const byCase = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = byCase.get(r.caseId);
    if (list) list.push(r);
    else byCase.set(r.caseId, [r]);
  }
  for (const c of cases) {
    const mine = byCase.get(c.id) ?? [];
    const last = mine.find((r) => r.stepNo === c.lastStep && (r.stepNo < 22 || r.stepNo === 25 || r.round === c.round));
    const meeting = c.lastStep >= 23 ? mine.find((r) => r.stepNo === 23 && r.round === c.round) : mine.find((r) => r.stepNo === 15);
    const awaiting = (c.lastStep >= 15 && c.lastStep < 17) || c.lastStep === 23;
    map.set(c.id, { lastDoneOn: last?.doneOn ?? c.appliedOn, resolutionOn: awaiting ? (meeting?.doneOn ?? null) : null });
  }
  return map;
}

function facts(c: CaseRow, d: { lastDoneOn: string; resolutionOn: string | null } | undefined): CaseFacts {
  return {
    status: c.status,
    lastStep: c.lastStep,
    appliedOn: c.appliedOn,
    activistOn: c.activistOn,
    admittedOn: c.admittedOn,
    probationEndsOn: c.probationEndsOn,
    lastDoneOn: d?.lastDoneOn ?? c.appliedOn,
    resolutionOn: d?.resolutionOn ?? null,
  };
}

/** Board rows: each case with its stage, next step and periodic items due. */
export async function summaries(db: DbOrTx, rows: (CaseRow & { orgName: string })[], today: string): Promise<CaseSummaryDto[]> {
  const [checks, dates] = await Promise.all([
    lastChecks(
      db,
      rows.map((r) => r.id),
    ),
    stepDates(db, rows),
  ]);
  return rows.map((c) => {
    const rs = rulesetOf(c);
    const stage = stageOf(c);
    return {
      id: c.id,
      orgId: c.orgId,
      orgName: c.orgName,
      name: c.name,
      sex: c.sex,
      stage,
      stageName: RECRUITMENT_STAGES[stage],
      lastStep: c.lastStep,
      status: c.status,
      appliedOn: c.appliedOn,
      activistOn: c.activistOn,
      targetOn: c.targetOn,
      admittedOn: c.admittedOn,
      probationEndsOn: c.probationEndsOn,
      fullOn: c.fullOn,
      memberId: c.memberId,
      next: nextStep(facts(c, dates.get(c.id)), today, rs),
      periodic: periodicDue(c, checks.get(c.id) ?? { review: null, thought_report: null }, today, rs),
    };
  });
}

const caseColumns = { c: recruitmentCases, orgName: orgs.name };

/** Summaries with the next step and periodic items, for the reminder job (no actor: the job decides who is told). */
export const listCaseSummariesForJob = summaries;

/** The board: people in recruitment in an org's subtree, by stage, with what is due next. */
export async function listCases(ctx: ActorCtx, q: CaseListQuery) {
  const org = await orgOr404(ctx.db, ctx, q.orgId, 'members:read');
  const conds: SQL[] = [
    inScope(recruitmentCases.orgPath, scopeOf(ctx.actor, 'members:read')),
    sql`${recruitmentCases.orgPath} LIKE ${`${org.path}%`}`,
    eq(recruitmentCases.status, q.status),
  ];
  if (q.q) conds.push(sql`${recruitmentCases.name} LIKE ${`%${q.q.replace(/[%_\\]/g, '\\$&')}%`}`);
  // The stage reached is the stage of the last step done (stageReached): a range of last steps.
  const where = and(...conds) as SQL;
  const range = q.stage ? stageStepRange(q.stage as RecruitmentStage) : null;
  const staged = range ? and(where, sql`${recruitmentCases.lastStep} BETWEEN ${range[0]} AND ${range[1]}`) : where;
  const [rows, [{ total }], stageRows] = await Promise.all([
    ctx.db
      .select(caseColumns)
      .from(recruitmentCases)
      .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
      .where(staged)
      .orderBy(desc(recruitmentCases.lastStep), asc(recruitmentCases.appliedOn), asc(recruitmentCases.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(recruitmentCases).where(staged),
    ctx.db
      .select({ lastStep: recruitmentCases.lastStep, status: recruitmentCases.status, n: count() })
      .from(recruitmentCases)
      .where(where)
      .groupBy(recruitmentCases.lastStep, recruitmentCases.status),
  ]);
  const stageCounts: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of stageRows) stageCounts[stageOf(r)] += r.n;
  const today = chinaDay(ctx.now());
  const items = await summaries(
    ctx.db,
    rows.map((r) => ({ ...r.c, orgName: r.orgName })),
    today,
  );
  return { items, total, stageCounts };
}

/** Cases whose next step is the committee's, in the actor's approval scope (under an org). */
export async function listApprovals(ctx: ActorCtx, orgId: number) {
  const org = await orgOr404(ctx.db, ctx, orgId, 'recruitment:approve');
  const committeeSteps = [4, 8, 13, 16, 17, 18, 24].map((n) => n - 1);
  const rows = await ctx.db
    .select(caseColumns)
    .from(recruitmentCases)
    .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
    .where(
      and(
        inScope(recruitmentCases.orgPath, scopeOf(ctx.actor, 'recruitment:approve')),
        sql`${recruitmentCases.orgPath} LIKE ${`${org.path}%`}`,
        eq(recruitmentCases.status, 'active'),
        inArray(recruitmentCases.lastStep, committeeSteps),
      ),
    )
    .orderBy(asc(recruitmentCases.updatedAt), asc(recruitmentCases.id))
    .limit(500);
  const items = await summaries(
    ctx.db,
    rows.map((r) => ({ ...r.c, orgName: r.orgName })),
    chinaDay(ctx.now()),
  );
  return { items, total: items.length };
}
