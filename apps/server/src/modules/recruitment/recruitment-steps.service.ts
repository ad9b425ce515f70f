import { chinaDay, RECRUITMENT_FORMS, type RecruitmentForm, type RecruitmentRuleset, type RuleProblem, stepDef } from '@vanguard/shared';
import { type CaseDetailDto, FORM_SCHEMAS, type StepCompleteInput } from '@vanguard/shared/api/recruitment';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { recruitmentCases, recruitmentSteps } from '../../db/schema/index.js';
import { assertCan } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { type CaseRow, caseOr404, checkFiles, roundOf, rulesetOf, stepRecord } from './recruitment.common.js';
import { getCase } from './recruitment-cases.service.js';
import { admit, archiveSteps, decideProbation } from './recruitment-membership.service.js';
import { type CasePatch, STEP_RULES, type StepOutcome } from './recruitment-step-rules.js';

/**
 * Completes the next step of a case: order, dates and the step's own rule checked (STEP_RULES);
 * all or nothing. A branch meeting whose vote did not pass records the vote and leaves the step open.
 */
export async function completeStep(ctx: ActorCtx, id: number, stepNo: number, input: StepCompleteInput): Promise<CaseDetailDto> {
  const today = chinaDay(ctx.now());
  let lastVoteId: number | null = null;
  await ctx.db.transaction(async (tx) => {
    const c = await caseOr404(tx, ctx, id, true);
    const def = stepDef(stepNo);
    if (!def) throw notFound('该步骤');
    assertCan(ctx.actor, def.actor === 'committee' ? 'recruitment:approve' : 'members:write', c.orgPath, '该发展对象');
    assertNextStep(c, stepNo, def.name);
    await checkStepDate(tx, c, input.doneOn, today);
    const form = parseForm(def, input.form);
    const rs = rulesetOf(c);
    const outcome = (await STEP_RULES[stepNo]?.({ tx, ctx, c, stepNo, input, rs, form })) ?? {};
    if (outcome.vote) lastVoteId = outcome.vote.id;
    if (outcome.vote && !outcome.vote.passed) return;
    await recordStep(tx, ctx, c, stepNo, input, { ...outcome, form: outcome.form ?? form }, rs);
  });
  return getCase(ctx, id, lastVoteId);
}

/** Only an active case, and only its next step: steps are done in order, once. */
function assertNextStep(c: CaseRow, stepNo: number, name: string) {
  if (c.status !== 'active') {
    const what =
      { completed: '已转为正式党员，发展程序已完成', cancelled: '已取消预备党员资格', stopped: '已终止发展' }[c.status] ?? '已结束';
    throw conflict(`${c.name}${what}${c.endReason ? `（${c.endReason}）` : ''}，不能再办理`);
  }
  const expected = c.lastStep + 1;
  if (stepNo !== expected) {
    const exp = stepDef(expected);
    throw conflict(
      stepNo <= c.lastStep
        ? `第 ${stepNo} 步“${name}”已办理`
        : `请按顺序办理：下一步是第 ${expected} 步“${exp?.name ?? ''}”，不能先办第 ${stepNo} 步“${name}”`,
    );
  }
}

/** A step is dated no later than today and no earlier than the step before it. */
async function checkStepDate(tx: Tx, c: CaseRow, doneOn: string, today: string) {
  const prev = await stepRecord(tx, c, c.lastStep);
  const prevOn = prev?.doneOn ?? c.appliedOn;
  const problems: RuleProblem[] = [];
  if (doneOn > today) problems.push({ path: 'doneOn', message: '办理日期不能晚于今天' });
  if (doneOn < prevOn) problems.push({ path: 'doneOn', message: `办理日期不能早于上一步的日期 ${prevOn}` });
  if (problems.length) throw invalid(problems);
}

/** The step's form, if it has one, parsed and labelled with its kind and title. */
function parseForm(def: NonNullable<ReturnType<typeof stepDef>>, raw: unknown): Record<string, unknown> {
  if (!def.form) return {};
  const parsed = FORM_SCHEMAS[def.form].safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: ['form', ...i.path].join('.'), message: i.message })));
  return { ...parsed.data, kind: def.form, title: RECRUITMENT_FORMS[def.form as RecruitmentForm] };
}

/**
 * Writes the step and moves the case on: the committee's approvals change the member archive
 * (step 17 admits, step 24 decides the probation), and once there is a member every step lands
 * in the archive too.
 */
async function recordStep(
  tx: Tx,
  ctx: ActorCtx,
  c: CaseRow,
  stepNo: number,
  input: StepCompleteInput,
  outcome: StepOutcome & { form: Record<string, unknown> },
  rs: RecruitmentRuleset,
) {
  const { form } = outcome;
  const late = outcome.late ?? false;
  const people = outcome.people ?? [];
  const patch: CasePatch = { ...outcome.patch };
  const [step] = await tx
    .insert(recruitmentSteps)
    .values({
      caseId: c.id,
      stepNo,
      round: roundOf(stepNo, c),
      doneOn: input.doneOn,
      actors: input.actors ?? null,
      people,
      form,
      fileIds: input.fileIds,
      note: [input.note, input.lateReason ? `逾期原因：${input.lateReason}` : null].filter(Boolean).join('\n') || null,
      late,
      confirmedBy: ctx.actor.userId,
      confirmedAt: ctx.now(),
    })
    .returning();
  await checkFiles(tx, ctx, input.fileIds);

  let memberId = c.memberId;
  const mctx = { ...ctx, db: tx as unknown as Db } as ActorCtx;
  if (stepNo === 17) memberId = await admit(tx, mctx, c, input.doneOn);
  if (stepNo === 24) Object.assign(patch, await decideProbation(tx, ctx, c, input.doneOn, rs));
  patch.lastStep = stepNo;
  if (patch.round !== undefined) patch.lastStep = 21; // extension: steps 22–24 again in the new round
  await tx
    .update(recruitmentCases)
    .set({ ...patch, memberId, updatedAt: ctx.now() })
    .where(eq(recruitmentCases.id, c.id));
  if (memberId) await archiveSteps(tx, memberId, c.id, stepNo === 17 ? null : step.id);
  // The reminders to do this step are done (a to-do closes itself when the work is done, issue 24).
  await tx.execute(
    sql`UPDATE todos SET done_at = ${ctx.now()}, updated_at = ${ctx.now()} WHERE source_key LIKE ${`recruitment:${c.id}:step${stepNo}:%`} AND done_at IS NULL`,
  );
  await audit(tx, ctx, {
    action: 'recruitment.step',
    entityType: 'recruitment_case',
    entityId: c.id,
    orgId: c.orgId,
    after: { stepNo, name: stepDef(stepNo)?.name, doneOn: input.doneOn, people, form, fileIds: input.fileIds, late, ...patch },
  });
}
