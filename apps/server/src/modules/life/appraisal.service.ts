import {
  APPRAISAL_GRADE_CODES,
  APPRAISAL_GRADES,
  type AppraisalGrade,
  addMonths,
  checkDetermination,
  chinaDay,
  correctionDeadline,
  lifeRulesetOn,
  type UnqualifiedMeasure,
} from '@vanguard/shared';
import type { DeterminationInput } from '@vanguard/shared/api/life';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import {
  appraisalCampaigns,
  appraisalParticipants,
  appraisalTallies,
  appraisalVoters,
  memberRecords,
  members,
  orgs,
  unqualifiedCases,
} from '../../db/schema/index.js';
import { APPRAISALS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';

const SOURCES = ['mutual', 'mass'] as const;
const BRANCH_KINDS = ['branch', 'joint_branch', 'temp_branch'];

/**
 * Opens a branch's yearly 民主评议党员: every member in good standing of the branch (its 党小组
 * included) takes part; probationary members take part but will not be graded. The tally rows
 * are created now, all at zero and stamped with the opening time, so votes only ever update counts.
 */
export async function openCampaign(ctx: ActorCtx, input: { orgId: number; year: number }) {
  return ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, input.orgId, 'life:manage', { db: tx, what: '该党支部' });
    if (!BRANCH_KINDS.includes(org.kind)) throw invalid('orgId', '民主评议党员以党支部为单位开展，请选择党支部');
    const people = await tx
      .select({ id: members.id, category: members.category, userId: members.userId })
      .from(members)
      .where(and(inScope(members.orgPath, { paths: [org.path] }), eq(members.status, 'normal')));
    if (people.length < 2) throw invalid('orgId', `${org.name}参评党员不足 2 人，无法开展互评`);
    const now = ctx.now();
    const [c] = await tx
      .insert(appraisalCampaigns)
      .values({ orgId: org.id, orgPath: org.path, year: input.year, openedAt: now, createdBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!c) throw conflict(`${org.name}已开展 ${input.year} 年度民主评议`);
    await tx.insert(appraisalParticipants).values(people.map((p) => ({ campaignId: c.id, memberId: p.id, category: p.category })));
    await tx
      .insert(appraisalTallies)
      .values(
        people.flatMap((p) =>
          SOURCES.flatMap((source) =>
            APPRAISAL_GRADE_CODES.map((grade) => ({ campaignId: c.id, memberId: p.id, source, grade, createdAt: now, updatedAt: now })),
          ),
        ),
      );
    await addTodos(
      tx,
      people.flatMap((p) =>
        p.userId
          ? [
              {
                userId: p.userId,
                orgId: org.id,
                kind: 'todo' as const,
                title: `${input.year} 年度民主评议党员：请完成自评和互评`,
                link: `/m/life/appraisals/${c.id}`,
                sourceKey: `appraisal:${c.id}`,
              },
            ]
          : [],
      ),
    );
    await audit(tx, ctx, {
      action: 'appraisal.open',
      entityType: 'appraisal_campaign',
      entityId: c.id,
      orgId: org.id,
      after: { year: input.year, participants: people.length },
    });
    return { id: c.id };
  });
}

/** Campaigns in scope (or of one org), newest year first. */
export async function listCampaigns(ctx: ActorCtx, orgId?: number) {
  const scope = orgId ? { paths: [(await orgFor(ctx, orgId, 'life:manage')).path] } : scopeOf(ctx.actor, 'life:manage');
  return ctx.db
    .select({
      id: appraisalCampaigns.id,
      orgId: appraisalCampaigns.orgId,
      orgName: orgs.name,
      year: appraisalCampaigns.year,
      status: appraisalCampaigns.status,
      openedAt: appraisalCampaigns.openedAt,
      participants: sql<number>`(SELECT count(*)::int FROM ${appraisalParticipants} p WHERE p.campaign_id = ${appraisalCampaigns.id})`,
    })
    .from(appraisalCampaigns)
    .innerJoin(orgs, eq(orgs.id, appraisalCampaigns.orgId))
    .where(inScope(appraisalCampaigns.orgPath, scope))
    .orderBy(desc(appraisalCampaigns.year), asc(orgs.path))
    .limit(200);
}

/**
 * A campaign for the branch: who took part, self-evaluations done, ballots cast (a count), and —
 * once closed — the vote counts per member. While open, nobody sees counts.
 */
export async function getCampaign(ctx: ActorCtx, id: number) {
  const c = await loadFor(ctx, APPRAISALS, id, 'life:manage');
  const [org] = await ctx.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, c.orgId));
  const people = await ctx.db
    .select({
      memberId: appraisalParticipants.memberId,
      name: members.name,
      category: appraisalParticipants.category,
      selfSummary: appraisalParticipants.selfSummary,
      selfAt: appraisalParticipants.selfAt,
      grade: appraisalParticipants.grade,
    })
    .from(appraisalParticipants)
    .innerJoin(members, eq(members.id, appraisalParticipants.memberId))
    .where(eq(appraisalParticipants.campaignId, id))
    .orderBy(asc(members.id));
  const [{ voted }] = await ctx.db
    .select({ voted: sql<number>`count(*)::int` })
    .from(appraisalVoters)
    .where(eq(appraisalVoters.campaignId, id));
  const tallies = await ctx.db.select().from(appraisalTallies).where(eq(appraisalTallies.campaignId, id));
  const countsOf = (memberId: number, source: string) =>
    Object.fromEntries(
      APPRAISAL_GRADE_CODES.map((g) => [
        g,
        tallies.find((t) => t.memberId === memberId && t.source === source && t.grade === g)?.votes ?? 0,
      ]),
    );
  const cases = await ctx.db.select().from(unqualifiedCases).where(eq(unqualifiedCases.campaignId, id));
  const rs = lifeRulesetOn(`${c.year}-12-31`);
  const graded = people.filter((p) => p.category !== 'probationary').length;
  return {
    id: c.id,
    orgId: c.orgId,
    orgName: org?.name ?? '',
    year: c.year,
    status: c.status,
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    determinedAt: c.determinedAt,
    voted,
    excellentCap: Math.floor(graded * rs.excellentMaxShare + 1e-9),
    source: rs.source,
    people: people.map((p) => ({
      ...p,
      gradeName: p.grade ? APPRAISAL_GRADES[p.grade as AppraisalGrade] : null,
      mutual: c.status === 'open' ? null : countsOf(p.memberId, 'mutual'),
      mass: countsOf(p.memberId, 'mass'),
      case: cases.find((k) => k.memberId === p.memberId) ?? null,
    })),
  };
}

/** 群众评议: counts from the worker representatives' forms, entered by the secretary. */
export async function recordMass(
  ctx: ActorCtx,
  id: number,
  counts: { memberId: number; excellent: number; qualified: number; basic: number; unqualified: number }[],
) {
  return ctx.db.transaction(async (tx) => {
    const c = await loadFor(ctx, APPRAISALS, id, 'life:manage', { db: tx, lock: true });
    if (c.status !== 'open') throw conflict('评议已结束，不能再录入群众评议');
    const ids = (
      await tx.select({ id: appraisalParticipants.memberId }).from(appraisalParticipants).where(eq(appraisalParticipants.campaignId, id))
    ).map((r) => r.id);
    for (const [i, row] of counts.entries()) {
      if (!ids.includes(row.memberId)) throw invalid(`counts.${i}.memberId`, '该党员不参加本次评议');
      for (const grade of APPRAISAL_GRADE_CODES)
        await tx
          .update(appraisalTallies)
          .set({ votes: row[grade] })
          .where(
            and(
              eq(appraisalTallies.campaignId, id),
              eq(appraisalTallies.source, 'mass'),
              eq(appraisalTallies.grade, grade),
              eq(appraisalTallies.memberId, row.memberId),
            ),
          );
    }
    await audit(tx, ctx, { action: 'appraisal.mass', entityType: 'appraisal_campaign', entityId: id, orgId: c.orgId, after: { counts } });
    return getCampaign(ctx, id);
  });
}

/**
 * Closes the evaluation: counts become visible to the branch. Every tally row is rewritten in
 * this transaction (voter rows are not), so no tally keeps the transaction id (xmin) of the
 * ballot that last touched it: a voter row and a tally row can no longer be matched by it.
 */
export async function closeCampaign(ctx: ActorCtx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const c = await loadFor(ctx, APPRAISALS, id, 'life:manage', { db: tx, lock: true });
    if (c.status !== 'open') throw conflict('评议已结束');
    const now = ctx.now();
    await tx.update(appraisalCampaigns).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(appraisalCampaigns.id, id));
    await tx.update(appraisalTallies).set({ updatedAt: c.openedAt }).where(eq(appraisalTallies.campaignId, id));
    await audit(tx, ctx, { action: 'appraisal.close', entityType: 'appraisal_campaign', entityId: id, orgId: c.orgId });
  });
  return getCampaign(ctx, id);
}

/**
 * 组织评定: the branch determines each member's grade (rules: probationary members not graded,
 * 优秀 at most one third of those graded). Grades go to the member archive (member_records kind
 * 'appraisal'); each 不合格 opens a handling case (2024 处置办法) with its measure and deadline.
 */
export async function determine(ctx: ActorCtx, id: number, input: DeterminationInput) {
  await ctx.db.transaction(async (tx) => {
    const c = await loadFor(ctx, APPRAISALS, id, 'life:manage', { db: tx, lock: true });
    if (c.status === 'open') throw conflict('请先结束互评和群众评议，再进行组织评定');
    if (c.status === 'determined') throw conflict('本次评议已评定');
    const rs = lifeRulesetOn(chinaDay(ctx.now()));
    const people = await tx
      .select({
        memberId: appraisalParticipants.memberId,
        name: members.name,
        category: appraisalParticipants.category,
        id: appraisalParticipants.id,
      })
      .from(appraisalParticipants)
      .innerJoin(members, eq(members.id, appraisalParticipants.memberId))
      .where(eq(appraisalParticipants.campaignId, id))
      .orderBy(asc(members.id));
    const byMember = new Map(input.grades.map((g, i) => [g.memberId, { ...g, i }]));
    const stray = input.grades.findIndex((g) => !people.some((p) => p.memberId === g.memberId));
    if (stray >= 0) throw invalid(`grades.${stray}.memberId`, '该党员不参加本次评议');
    const items = people.map((p) => ({
      memberId: p.memberId,
      name: p.name,
      category: p.category,
      grade: byMember.get(p.memberId)?.grade ?? null,
    }));
    const errors = checkDetermination(items, rs).map((e) => {
      const m = /^grades\.(\d+)\.grade$/.exec(e.path);
      if (!m) return e;
      const inputIdx = byMember.get(items[Number(m[1])].memberId)?.i;
      return { ...e, path: inputIdx === undefined ? 'grades' : `grades.${inputIdx}.grade` };
    });
    if (errors.length) throw new AppError('VALIDATION', errors[0].message, errors);
    const today = chinaDay(ctx.now());
    const unqualified = items.filter((i) => i.grade === 'unqualified');
    const caseRows = unqualified.map((u) => {
      const ci = input.cases.findIndex((k) => k.memberId === u.memberId);
      const k = input.cases[ci] ?? { memberId: u.memberId, measure: 'correction' as UnqualifiedMeasure, months: undefined };
      let deadlineOn: string | null = null;
      if (k.measure === 'correction') {
        const d = correctionDeadline(today, k.months, rs);
        if (d.error) throw invalid(`cases.${ci}.months`, d.error);
        deadlineOn = addMonths(today, d.months);
      }
      return { memberId: u.memberId, orgId: c.orgId, orgPath: c.orgPath, campaignId: id, measure: k.measure, deadlineOn };
    });
    const now = ctx.now();
    for (const it of items)
      await tx
        .update(appraisalParticipants)
        .set({ grade: it.grade, updatedAt: now })
        .where(and(eq(appraisalParticipants.campaignId, id), eq(appraisalParticipants.memberId, it.memberId)));
    const graded = items.filter((i) => i.grade);
    if (graded.length)
      await tx.insert(memberRecords).values(
        graded.map((g) => ({
          memberId: g.memberId,
          kind: 'appraisal',
          startedOn: today,
          title: `${c.year} 年度民主评议党员：${APPRAISAL_GRADES[g.grade as AppraisalGrade]}`,
          detail: { campaignId: id, year: c.year, grade: g.grade },
        })),
      );
    if (caseRows.length) await tx.insert(unqualifiedCases).values(caseRows);
    await tx
      .update(appraisalCampaigns)
      .set({ status: 'determined', determinedAt: now, updatedAt: now })
      .where(eq(appraisalCampaigns.id, id));
    await audit(tx, ctx, {
      action: 'appraisal.determine',
      entityType: 'appraisal_campaign',
      entityId: id,
      orgId: c.orgId,
      after: {
        grades: items.map((i) => ({ memberId: i.memberId, grade: i.grade })),
        cases: caseRows.map((k) => ({ memberId: k.memberId, measure: k.measure, deadlineOn: k.deadlineOn })),
      },
    });
  });
  return getCampaign(ctx, id);
}
