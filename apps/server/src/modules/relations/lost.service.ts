import {
  addMonths,
  chinaDay,
  LOST_STAGES,
  LOST_STEP_ORDER,
  LOST_STEPS,
  type LostStep,
  type LostStepFact,
  lostContactStage,
  lostStepProblem,
  relationRulesetOn,
} from '@vanguard/shared';
import type { ContactFactInput, LostCaseDto, LostStepInput } from '@vanguard/shared/api/relations';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { memberStatusHistory, members, orgs, relationContacts, relationLostCases, relationLostSteps } from '../../db/schema/index.js';
import { LOST_CASES, MEMBERS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { lastContactDates, lostCandidates } from './relations.repository.js';

const nextStepOf = (steps: { step: string }[], open: boolean): LostStep | null => (open ? (LOST_STEP_ORDER[steps.length] ?? null) : null);

/**
 * 失联党员: members in scope whose last organizational life and last dues (lastContactDates) are both
 * 6 months or more ago, oldest first, with the stage of the 2024 rules and any open case.
 * Members with no facts recorded at all are counted (`unknown`), not listed.
 */
export async function listLost(ctx: ActorCtx, q: { page: number; pageSize: number }) {
  const today = chinaDay(ctx.now());
  const rs = relationRulesetOn(today);
  const cutoff = addMonths(today, -rs.lostContactMonths);
  const found = await lostCandidates(ctx.db, scopeOf(ctx.actor, 'members:read'), cutoff, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const ids = found.rows.map((r) => r.memberId);
  const [people, cases] = ids.length
    ? await Promise.all([
        ctx.db
          .select({ id: members.id, name: members.name, orgId: members.orgId, orgName: orgs.name })
          .from(members)
          .innerJoin(orgs, eq(orgs.id, members.orgId))
          .where(inArray(members.id, ids)),
        ctx.db
          .select({
            id: relationLostCases.id,
            memberId: relationLostCases.memberId,
            steps: sql<number>`(SELECT count(*)::int FROM relation_lost_steps s WHERE s.case_id = ${relationLostCases.id})`,
          })
          .from(relationLostCases)
          .where(and(inArray(relationLostCases.memberId, ids), eq(relationLostCases.status, 'open'))),
      ])
    : [[], []];
  const byId = new Map(people.map((p) => [p.id, p]));
  const caseOf = new Map(cases.map((c) => [c.memberId, c]));
  const items = found.rows.map((r) => {
    const p = byId.get(r.memberId);
    const st = lostContactStage(r.lastLifeOn, r.lastDuesOn, today, rs);
    const c = caseOf.get(r.memberId);
    const next = c ? (LOST_STEP_ORDER[c.steps] ?? null) : 'identified';
    return {
      memberId: r.memberId,
      memberName: p?.name ?? '',
      orgId: p?.orgId ?? 0,
      orgName: p?.orgName ?? '',
      lastLifeOn: r.lastLifeOn,
      lastDuesOn: r.lastDuesOn,
      since: st?.since ?? '',
      months: st?.months ?? 0,
      stage: st?.stage ?? 'in_contact',
      stageName: LOST_STAGES[st?.stage ?? 'in_contact'],
      caseId: c?.id ?? null,
      nextStep: next,
      nextStepName: next ? LOST_STEPS[next] : null,
    };
  });
  return { items, total: found.total, unknown: found.unknown, source: rs.lostSource };
}

/** Records a last-contact fact (organizational life attended, dues paid) for a member. */
export async function addContactFact(ctx: ActorCtx, input: ContactFactInput) {
  if (input.on > chinaDay(ctx.now())) throw invalid('on', '日期不能晚于今天');
  return ctx.db.transaction(async (tx) => {
    const m = await loadFor(ctx, MEMBERS, input.memberId, 'members:write', { db: tx });
    const [row] = await tx
      .insert(relationContacts)
      .values({
        memberId: m.id,
        orgId: m.orgId,
        orgPath: m.orgPath,
        kind: input.kind,
        on: input.on,
        note: input.note ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit(tx, ctx, { action: 'relation.contact_fact', entityType: 'relation_contact', entityId: row.id, orgId: m.orgId, after: row });
    const dates = (await lastContactDates(tx, [m.id])).get(m.id);
    return { memberId: m.id, lastLifeOn: dates?.lastLifeOn ?? null, lastDuesOn: dates?.lastDuesOn ?? null };
  });
}

async function caseDto(db: ActorCtx['db'] | Tx, id: number): Promise<LostCaseDto> {
  const [c] = await db
    .select({ c: relationLostCases, memberName: members.name })
    .from(relationLostCases)
    .innerJoin(members, eq(members.id, relationLostCases.memberId))
    .where(eq(relationLostCases.id, id));
  const steps = await db
    .select()
    .from(relationLostSteps)
    .where(eq(relationLostSteps.caseId, id))
    .orderBy(asc(relationLostSteps.on), asc(relationLostSteps.id));
  const next = nextStepOf(
    steps.filter((s) => s.step !== 'restored'),
    c.c.status === 'open',
  );
  return {
    id: c.c.id,
    memberId: c.c.memberId,
    memberName: c.memberName,
    orgId: c.c.orgId,
    status: c.c.status,
    outcome: c.c.outcome,
    since: c.c.since,
    closedOn: c.c.closedOn,
    steps: steps.map((s) => ({
      step: s.step,
      stepName: LOST_STEPS[s.step as LostStep] ?? s.step,
      on: s.on,
      deadline: s.deadline,
      note: s.note,
    })),
    nextStep: next,
    nextStepName: next ? LOST_STEPS[next] : null,
    source: relationRulesetOn(c.c.since ?? '2024-06-16').lostSource,
  };
}

export async function getLostCase(ctx: ActorCtx, id: number): Promise<LostCaseDto> {
  await loadFor(ctx, LOST_CASES, id, 'members:read');
  return caseDto(ctx.db, id);
}

/**
 * Opens a case (the branch committee identifies the member as lost, dated). Refused while the
 * facts show contact within 6 months, or when no fact is recorded to judge by.
 */
export async function openLostCase(ctx: ActorCtx, input: { memberId: number; on: string; note?: string | null }): Promise<LostCaseDto> {
  const today = chinaDay(ctx.now());
  const rs = relationRulesetOn(today);
  const id = await ctx.db.transaction(async (tx) => {
    const m = await loadFor(ctx, MEMBERS, input.memberId, 'members:write', { db: tx, lock: true });
    const dates = (await lastContactDates(tx, [m.id])).get(m.id);
    const st = lostContactStage(dates?.lastLifeOn ?? null, dates?.lastDuesOn ?? null, input.on, rs);
    if (!st) throw invalid('memberId', `没有${m.name}参加组织生活或交纳党费的记录，请先登记最后一次的日期`);
    if (st.stage === 'in_contact') {
      throw invalid('on', `${m.name}最后一次参加组织生活或交纳党费是 ${st.since}，不满 ${rs.lostContactMonths} 个月，不能认定失联`);
    }
    const problem = lostStepProblem([], { step: 'identified', on: input.on }, today, rs);
    if (problem) throw invalid('on', problem);
    const [open] = await tx
      .select({ id: relationLostCases.id })
      .from(relationLostCases)
      .where(and(eq(relationLostCases.memberId, m.id), eq(relationLostCases.status, 'open')));
    if (open) throw conflict(`${m.name}已有进行中的失联处置`, { caseId: open.id });
    const [c] = await tx
      .insert(relationLostCases)
      .values({ memberId: m.id, orgId: m.orgId, orgPath: m.orgPath, since: st.since, status: 'open', createdBy: ctx.actor.userId })
      .returning();
    await tx
      .insert(relationLostSteps)
      .values({ caseId: c.id, step: 'identified', on: input.on, note: input.note ?? null, actorId: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'relation.lost_open',
      entityType: 'relation_lost_case',
      entityId: c.id,
      orgId: m.orgId,
      after: { ...c, on: input.on },
    });
    return c.id;
  });
  return caseDto(ctx.db, id);
}

/**
 * Adds the next dated step (lostStepProblem decides order, dates and deadlines). `restored` closes
 * the case; `approved` (基层党委审批除名) closes it and records the removal in the member's status.
 */
export async function addLostStep(ctx: ActorCtx, id: number, input: LostStepInput): Promise<LostCaseDto> {
  const today = chinaDay(ctx.now());
  const rs = relationRulesetOn(today);
  await ctx.db.transaction(async (tx) => {
    const c = await loadFor(ctx, LOST_CASES, id, 'members:write', { db: tx, lock: true });
    const done = await tx
      .select()
      .from(relationLostSteps)
      .where(eq(relationLostSteps.caseId, id))
      .orderBy(asc(relationLostSteps.on), asc(relationLostSteps.id));
    const facts: LostStepFact[] = done.map((d) => ({ step: d.step as LostStep, on: d.on, deadline: d.deadline }));
    const problem = lostStepProblem(facts, { step: input.step, on: input.on, deadline: input.deadline ?? null }, today, rs);
    if (problem) throw invalid(problem.includes('期限') ? 'deadline' : problem.includes('日期') ? 'on' : 'step', problem);
    await tx.insert(relationLostSteps).values({
      caseId: id,
      step: input.step,
      on: input.on,
      deadline: input.step === 'correction' ? (input.deadline ?? null) : null,
      note: input.note ?? null,
      actorId: ctx.actor.userId,
    });
    const now = ctx.now();
    if (input.step === 'restored' || input.step === 'approved') {
      const outcome = input.step === 'restored' ? 'restored' : 'removed';
      await tx
        .update(relationLostCases)
        .set({ status: 'closed', outcome, closedOn: input.on, updatedAt: now })
        .where(eq(relationLostCases.id, id));
      if (outcome === 'removed') {
        const [m] = await tx.select().from(members).where(eq(members.id, c.memberId)).for('update');
        await tx.update(members).set({ status: 'left', updatedAt: now }).where(eq(members.id, m.id));
        await tx.insert(memberStatusHistory).values({
          memberId: m.id,
          field: 'status',
          fromValue: m.status,
          toValue: 'left',
          effectiveOn: input.on,
          reason: `除名（失联党员处置 #${id}，基层党委审批）`,
          actorId: ctx.actor.userId,
        });
      }
    }
    if (input.step === 'removal_proposed' || input.step === 'restored') {
      await tx.execute(sql`UPDATE todos SET done_at = ${now} WHERE source_key = ${`lost:${id}:deadline`} AND done_at IS NULL`);
    }
    await audit(tx, ctx, {
      action: 'relation.lost_step',
      entityType: 'relation_lost_case',
      entityId: id,
      orgId: c.orgId,
      after: { step: input.step, on: input.on, deadline: input.deadline ?? null },
    });
  });
  return caseDto(ctx.db, id);
}
