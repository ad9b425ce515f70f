import { ageOn, checkExtension, EXCLUDED_ABSENCE_REASONS, probationEndsOn, tallyVote } from '@vanguard/shared';
import { recruitmentVotes } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import { invalid } from '../../platform/errors.js';
import { membersWithoutVote } from '../integrity/index.js';
import { fullMembersOf, one, roundOf } from './recruitment.common.js';
import type { StepCall, StepOutcome } from './recruitment-step-rules.js';

/**
 * Steps 15 and 23, the branch meeting (支部大会): the decision is checked, the vote recorded and
 * tallied whether it passed or not; a vote that did not pass leaves the step open.
 */
export async function branchMeetingVote({ tx, ctx, c, stepNo, input, rs, form }: StepCall): Promise<StepOutcome> {
  if (stepNo === 15 && ageOn(c.birthDate, input.doneOn) < rs.minAge)
    throw one('doneOn', `入党时须年满${rs.minAge}岁（${input.doneOn} 时未满）`);
  if (stepNo === 23 && c.probationEndsOn && input.doneOn < c.probationEndsOn)
    throw one('doneOn', `预备期至 ${c.probationEndsOn} 期满，期满后方可讨论转正`);
  if (!input.vote) throw one('vote', '请填写支部大会表决情况');
  const outcome = (form as { outcome?: string }).outcome ?? (stepNo === 15 ? 'admit' : undefined);
  if (stepNo === 15 && outcome !== 'admit') throw one('form.outcome', '支部大会讨论接收预备党员，决议内容应为“接收”');
  if (stepNo === 23 && !['convert', 'extend', 'cancel'].includes(outcome ?? ''))
    throw one('form.outcome', '请选择决议内容：按期转正、延长预备期或取消预备党员资格');
  if (outcome === 'extend') {
    const p = checkExtension((form as { extensionMonths?: number }).extensionMonths ?? 0, c.extensionMonths ? 1 : 0, rs);
    if (p) throw one(p.path === 'outcome' ? 'form.outcome' : 'form.extensionMonths', p.message);
  }
  // Members under 留党察看 on the meeting day have no vote: they are not among the entitled (纪律处分条例第十一条).
  const full = await fullMembersOf(tx, c.orgPath);
  const barred = await membersWithoutVote(
    tx,
    full.map((v) => v.id),
    input.doneOn,
  );
  const voters = full.filter((v) => !barred.has(v.id));
  const { tally, problems: vp } = tallyVote({ fullMemberIds: voters.map((v) => v.id), ...input.vote });
  if (vp.length) throw invalid(vp.map((p) => ({ ...p, path: `vote.${p.path}` })));
  const [v] = await tx
    .insert(recruitmentVotes)
    .values({
      caseId: c.id,
      stepNo,
      round: roundOf(stepNo, c),
      meetingOn: input.doneOn,
      fullMembers: tally.fullMembers,
      excluded: tally.excluded,
      entitled: tally.entitled,
      present: tally.present,
      forCount: input.vote.forCount,
      againstCount: input.vote.againstCount,
      abstainCount: input.vote.abstainCount,
      absentOpinionsFor: tally.absentOpinionsFor,
      absentees: input.vote.absentees.map((a) => ({
        ...a,
        name: voters.find((x) => x.id === a.memberId)?.name ?? '',
        reasonName: a.excludedReason ? EXCLUDED_ABSENCE_REASONS[a.excludedReason] : null,
      })),
      passed: tally.passed,
      recordedBy: ctx.actor.userId,
    })
    .returning({ id: recruitmentVotes.id });
  await audit(tx, ctx, {
    action: 'recruitment.vote',
    entityType: 'recruitment_case',
    entityId: c.id,
    orgId: c.orgId,
    after: { stepNo, meetingOn: input.doneOn, ...tally, outcome },
  });
  const vote = { id: v.id, passed: tally.passed };
  if (!tally.passed) return { vote }; // recorded as not passed; the step stays open
  return {
    vote,
    form: { ...form, outcome, tally },
    patch: stepNo === 15 ? { admittedOn: input.doneOn, probationEndsOn: probationEndsOn(input.doneOn, null, rs) } : {},
  };
}
