import {
  DECISION_STEPS,
  type DecisionKind,
  type DecisionStep,
  DISCUSSION_MEETING_TYPES,
  decisionPasses,
  missingBefore,
  quorumMet,
  quorumNeeded,
  ROLE_CODES,
} from '@vanguard/shared';
import type { MatterDto, StepRecordInput } from '@vanguard/shared/api/decisions';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { decisionMatters, decisionOpinions, decisionPublications, decisionSteps } from '../../db/schema/index.js';
import { DECISION_MATTERS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { notify } from '../../platform/notify/index.js';
import { meetingPresence } from '../life/index.js';
import { committeeOf, type MatterRow, matterDto, rulesOf } from './decisions.common.js';

/**
 * Records one step of a matter's procedure. The order is enforced: a step whose required
 * predecessor is missing is refused naming it (合法性审查 is required for 重大决策); 集体讨论 needs a
 * committee meeting with a quorum of the committee signed in; 表决 records every present member's
 * opinion in the order stated and passes with more than half of ALL members in favour; 决定 needs a
 * passed vote; 公开 publishes to an org subtree (optionally some roles there) and tells them.
 */
export async function recordStep(ctx: ActorCtx, id: number, input: StepRecordInput): Promise<MatterDto> {
  const row = await ctx.db.transaction(async (tx) => {
    const m = await loadFor(ctx, DECISION_MATTERS, id, 'decisions:manage', { db: tx, lock: true });
    const kind = m.kind as DecisionKind;
    const rules = rulesOf(m);
    const done = (await tx.select({ step: decisionSteps.step }).from(decisionSteps).where(eq(decisionSteps.matterId, m.id))).map(
      (s) => s.step as DecisionStep,
    );
    if (done.includes(input.step)) throw invalid('step', `「${DECISION_STEPS[input.step]}」已记录`);
    if (input.step === 'legal_review' && !(rules.legalReviewFor as readonly string[]).includes(kind) && done.includes('pre_communication'))
      throw invalid('step', '会前沟通已记录，合法性审查应在其前');
    const missing = missingBefore(kind, done, input.step, rules);
    if (missing) throw invalid('step', `缺少前置步骤：${DECISION_STEPS[missing]}（须先记录后才能记录「${DECISION_STEPS[input.step]}」）`);
    const patch: Partial<MatterRow> = {};
    if (input.step === 'discussion') Object.assign(patch, await discussion(tx, m, kind, input));
    if (input.step === 'vote') Object.assign(patch, await vote(tx, m, input));
    if (input.step === 'decision' && m.passed !== 'yes') throw invalid('step', '表决未通过（赞成未超过应到会委员半数），不能作出决定');
    if (input.step === 'publication') Object.assign(patch, await publish(tx, ctx, m, input));
    if (input.step === 'feedback') patch.status = 'closed';
    await tx.insert(decisionSteps).values({
      matterId: m.id,
      step: input.step,
      doneOn: input.doneOn,
      people: input.people,
      note: input.note ?? null,
      fileIds: input.fileIds,
      recordedBy: ctx.actor.userId,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    });
    const [after] = await tx
      .update(decisionMatters)
      .set({ ...patch, updatedAt: ctx.now() })
      .where(eq(decisionMatters.id, m.id))
      .returning();
    await audit(tx, ctx, {
      action: `decision.step.${input.step}`,
      entityType: 'decision_matter',
      entityId: m.id,
      orgId: m.orgId,
      before: m,
      after,
    });
    return after;
  });
  return matterDto(ctx.db, row);
}

/** 集体讨论: a committee meeting of the matter's org, with a quorum of the committee signed in. */
async function discussion(tx: Tx, m: MatterRow, kind: DecisionKind, input: StepRecordInput): Promise<Partial<MatterRow>> {
  if (!input.meetingId) throw invalid('meetingId', '请选择集体讨论的会议（党委会/支委会）');
  const meeting = await meetingPresence(tx, input.meetingId);
  if (!meeting || meeting.orgId !== m.orgId) throw invalid('meetingId', '该会议不是本组织的会议');
  if (!(DISCUSSION_MEETING_TYPES as readonly string[]).includes(meeting.type))
    throw invalid('meetingId', '集体讨论须在党委会（支委会）上进行');
  if (meeting.status === 'cancelled') throw invalid('meetingId', '该会议已取消');
  const committee = await committeeOf(tx, m.orgId);
  if (committee.length === 0) throw invalid('meetingId', '本组织没有在任的班子成员，无法集体讨论');
  const signed = new Set(meeting.presentMemberIds);
  const present = committee.filter((c) => signed.has(c.memberId)).length;
  if (!quorumMet(kind, committee.length, present, rulesOf(m))) {
    const share = kind === 'personnel' ? '三分之二以上' : '半数以上';
    throw invalid(
      'meetingId',
      `到会委员 ${present} 人，须${share}（${committee.length} 名委员中至少 ${quorumNeeded(kind, committee.length, rulesOf(m))} 人）到会`,
    );
  }
  return { meetingId: meeting.id, committeeSize: committee.length, presentCount: present };
}

/** 表决: every present committee member once, in the order stated; reasons for 不同意 and 缓议. */
async function vote(tx: Tx, m: MatterRow, input: StepRecordInput): Promise<Partial<MatterRow>> {
  const opinions = input.opinions ?? [];
  const meeting = m.meetingId ? await meetingPresence(tx, m.meetingId) : undefined;
  const committee = await committeeOf(tx, m.orgId);
  const signed = new Set(meeting?.presentMemberIds ?? []);
  const present = committee.filter((c) => signed.has(c.memberId)).map((c) => c.memberId);
  if (opinions.length > present.length) throw invalid('opinions', `表态人数 ${opinions.length} 超过到会委员 ${present.length} 人`);
  const seen = new Set<number>();
  opinions.forEach((o, i) => {
    if (!present.includes(o.memberId)) throw invalid(`opinions.${i}.memberId`, '该委员未出席集体讨论，不能表态');
    if (seen.has(o.memberId)) throw invalid(`opinions.${i}.memberId`, '同一委员只能表态一次');
    seen.add(o.memberId);
    if (o.opinion !== 'agree' && !o.reason) throw invalid(`opinions.${i}.reason`, '不同意或缓议须说明理由');
  });
  if (opinions.length < present.length) throw invalid('opinions', `还有 ${present.length - opinions.length} 名到会委员未表态`);
  await tx
    .insert(decisionOpinions)
    .values(
      opinions.map((o, i) => ({ matterId: m.id, memberId: o.memberId, position: i + 1, opinion: o.opinion, reason: o.reason ?? null })),
    );
  const agree = opinions.filter((o) => o.opinion === 'agree').length;
  const passed = decisionPasses(committee.length, agree, rulesOf(m));
  return { agreeCount: agree, committeeSize: committee.length, passed: passed ? 'yes' : 'no', status: passed ? 'decided' : 'rejected' };
}

/** 公开: to an org subtree under the matter's org, optionally only some roles; everyone reached is told. */
async function publish(tx: Tx, ctx: ActorCtx, m: MatterRow, input: StepRecordInput): Promise<Partial<MatterRow>> {
  if (!input.publishOrgId) throw invalid('publishOrgId', '请选择公开范围');
  if (!input.publishBody) throw invalid('publishBody', '请填写公开内容');
  const org = await orgFor(ctx, input.publishOrgId, 'decisions:manage', { db: tx, field: 'publishOrgId' });
  if (!org.path.startsWith(m.orgPath)) throw invalid('publishOrgId', '公开范围须在本组织之内');
  const roles = input.publishRoles.filter((r) => ROLE_CODES.includes(r));
  const [pub] = await tx
    .insert(decisionPublications)
    .values({
      matterId: m.id,
      orgId: org.id,
      orgPath: org.path,
      roles,
      body: input.publishBody,
      publishedAt: ctx.now(),
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .returning();
  await notify(tx, ctx.now(), {
    key: `decision.published:${pub.id}`,
    to: { kind: 'org', orgId: org.id, roles: roles.length ? roles : [...ROLE_CODES] },
    message: { code: 'decision.published', params: { orgName: org.name, matterTitle: m.title }, link: `/m/decisions/${pub.id}` },
  });
  return { status: 'published' };
}
