import { checkMemberFacts, probationEndsOn, type RecruitmentRuleset, stepDef } from '@vanguard/shared';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { memberRecords, memberStatusHistory, members, recruitmentSteps } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { createMember } from '../members/index.js';
import { type CaseRow, stepRecord } from './recruitment.common.js';

/** Approval of admission: the person becomes a 预备党员 in the member archive (members service). */
export async function admit(tx: Tx, ctx: ActorCtx, c: CaseRow, approvedOn: string): Promise<number> {
  const idNumber = c.idNumberEnc ? ctx.ciphers.members.decrypt(c.idNumberEnc) : null;
  const dto = await createMember(ctx, {
    orgId: c.orgId,
    name: c.name,
    sex: c.sex as '男' | '女',
    birthDate: c.birthDate,
    idNumber,
    ethnicity: '汉族',
    education: (c.education as never) ?? null,
    post: c.post,
    category: 'probationary',
    status: 'normal',
    appliedOn: c.appliedOn,
    admittedOn: c.admittedOn,
    labels: [],
  } as Parameters<typeof createMember>[1]);
  await tx
    .update(memberStatusHistory)
    .set({ reason: `发展党员：支部大会 ${c.admittedOn} 接收为预备党员，上级党委 ${approvedOn} 批准` })
    .where(eq(memberStatusHistory.memberId, dto.id));
  return dto.id;
}

/** Approval of the conversion meeting's decision: full member, extended probation, or cancelled. */
export async function decideProbation(tx: Tx, ctx: ActorCtx, c: CaseRow, approvedOn: string, rs: RecruitmentRuleset) {
  const meeting = await stepRecord(tx, c, 23);
  const outcome = (meeting.form as { outcome: string }).outcome;
  if (!c.memberId || !c.admittedOn) throw conflict('未找到该预备党员的档案');
  const [m] = await tx.select().from(members).where(eq(members.id, c.memberId)).for('update');
  if (!m) throw conflict('未找到该预备党员的档案');
  const history = (field: string, from: string, to: string, on: string, reason: string) =>
    tx
      .insert(memberStatusHistory)
      .values({ memberId: m.id, field, fromValue: from, toValue: to, effectiveOn: on, reason, actorId: ctx.actor.userId });
  if (outcome === 'convert') {
    // 党龄 counts from the day the probation ended (after an extension, its end).
    const fullOn = c.probationEndsOn ?? probationEndsOn(c.admittedOn, c.extensionMonths, rs);
    const problems = checkMemberFacts({
      category: 'full',
      appliedOn: m.appliedOn,
      admittedOn: m.admittedOn,
      fullOn,
      birthDate: m.birthDate,
    });
    if (problems.length) throw invalid(problems.map((p) => ({ path: p.path, message: p.message })));
    await tx.update(members).set({ category: 'full', fullOn, updatedAt: ctx.now() }).where(eq(members.id, m.id));
    await history(
      'category',
      m.category,
      'full',
      fullOn,
      `${c.extensionMonths ? '延长预备期后' : '按期'}转为正式党员，上级党委 ${approvedOn} 批准`,
    );
    return { fullOn };
  }
  if (outcome === 'extend') {
    const months = (meeting.form as { extensionMonths: number }).extensionMonths;
    const ends = probationEndsOn(c.admittedOn, months, rs);
    await history(
      'category',
      m.category,
      'probationary',
      c.probationEndsOn ?? approvedOn,
      `延长预备期 ${months} 个月至 ${ends}，上级党委 ${approvedOn} 批准`,
    );
    return { extensionMonths: months, probationEndsOn: ends, round: c.round + 1 };
  }
  // 取消预备党员资格 is its own status (not 出党): the archive says what happened.
  await tx.update(members).set({ status: 'probation_cancelled', updatedAt: ctx.now() }).where(eq(members.id, m.id));
  await history('status', m.status, 'probation_cancelled', approvedOn, `取消预备党员资格，上级党委 ${approvedOn} 批准`);
  return { status: 'cancelled', endedOn: approvedOn, endReason: '取消预备党员资格' };
}

/**
 * The steps land in the member's archive (member_records, kind `recruitment`): on admission all
 * steps so far, then each one as it is done.
 */
export async function archiveSteps(tx: Tx, memberId: number, caseId: number, onlyStepId: number | null) {
  const steps = await tx
    .select()
    .from(recruitmentSteps)
    .where(onlyStepId ? eq(recruitmentSteps.id, onlyStepId) : eq(recruitmentSteps.caseId, caseId))
    .orderBy(asc(recruitmentSteps.stepNo));
  if (steps.length === 0) return;
  await tx.insert(memberRecords).values(
    steps.map((s) => ({
      memberId,
      kind: 'recruitment',
      startedOn: s.doneOn,
      title: `发展党员第 ${s.stepNo} 步：${stepDef(s.stepNo)?.name ?? ''}`,
      detail: {
        caseId,
        stepNo: s.stepNo,
        round: s.round,
        people: s.people,
        form: s.form,
        fileIds: s.fileIds,
        actors: s.actors,
        note: s.note,
      },
    })),
  );
}
