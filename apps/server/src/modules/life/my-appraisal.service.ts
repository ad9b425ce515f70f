import { APPRAISAL_GRADE_CODES, type AppraisalGrade } from '@vanguard/shared';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { appraisalCampaigns, appraisalParticipants, appraisalTallies, appraisalVoters, members, orgs } from '../../db/schema/index.js';
import { myMember } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';

// The member's side of 民主评议 on the phone: the self-evaluation and the secret ballot.

async function myParticipation(tx: Tx | ActorCtx['db'], ctx: ActorCtx, id: number) {
  const me = await myMember(ctx, { db: tx });
  const [row] = await tx
    .select({ c: appraisalCampaigns, p: appraisalParticipants })
    .from(appraisalParticipants)
    .innerJoin(appraisalCampaigns, eq(appraisalCampaigns.id, appraisalParticipants.campaignId))
    .where(and(eq(appraisalParticipants.campaignId, id), eq(appraisalParticipants.memberId, me.id)));
  if (!row) throw notFound('该评议');
  return { me, ...row };
}

/** 我的评议任务: campaigns I take part in, what is left to do. */
export async function myAppraisals(ctx: ActorCtx) {
  const me = await myMember(ctx);
  return ctx.db
    .select({
      id: appraisalCampaigns.id,
      year: appraisalCampaigns.year,
      orgName: orgs.name,
      status: appraisalCampaigns.status,
      selfDone: sql<boolean>`${appraisalParticipants.selfAt} IS NOT NULL`,
      voted: sql<boolean>`EXISTS (SELECT 1 FROM ${appraisalVoters} v WHERE v.campaign_id = ${appraisalCampaigns.id} AND v.member_id = ${me.id})`,
      grade: sql<string | null>`CASE WHEN ${appraisalCampaigns.status} = 'determined' THEN ${appraisalParticipants.grade} END`,
    })
    .from(appraisalParticipants)
    .innerJoin(appraisalCampaigns, eq(appraisalCampaigns.id, appraisalParticipants.campaignId))
    .innerJoin(orgs, eq(orgs.id, appraisalCampaigns.orgId))
    .where(eq(appraisalParticipants.memberId, me.id))
    .orderBy(desc(appraisalCampaigns.year));
}

/** One campaign on my phone: my self-evaluation and the others to rate (no counts, ever). */
export async function myAppraisal(ctx: ActorCtx, id: number) {
  const { me, c, p } = await myParticipation(ctx.db, ctx, id);
  const others = await ctx.db
    .select({ memberId: members.id, name: members.name, category: appraisalParticipants.category })
    .from(appraisalParticipants)
    .innerJoin(members, eq(members.id, appraisalParticipants.memberId))
    .where(and(eq(appraisalParticipants.campaignId, id), sql`${appraisalParticipants.memberId} <> ${me.id}`))
    .orderBy(asc(members.id));
  const [v] = await ctx.db
    .select({ id: appraisalVoters.id })
    .from(appraisalVoters)
    .where(and(eq(appraisalVoters.campaignId, id), eq(appraisalVoters.memberId, me.id)));
  return {
    id: c.id,
    year: c.year,
    status: c.status,
    selfSummary: p.selfSummary,
    selfAt: p.selfAt,
    voted: Boolean(v),
    grade: c.status === 'determined' ? p.grade : null,
    others,
  };
}

/** My self-evaluation (自评), while the campaign is open; may be sent again. */
export async function submitSelf(ctx: ActorCtx, id: number, summary: string) {
  return ctx.db.transaction(async (tx) => {
    const { c, p } = await myParticipation(tx, ctx, id);
    if (c.status !== 'open') throw conflict('评议已结束，不能再提交自评');
    await tx
      .update(appraisalParticipants)
      .set({ selfSummary: summary, selfAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(appraisalParticipants.id, p.id));
    await audit(tx, ctx, { action: 'appraisal.self', entityType: 'appraisal_campaign', entityId: id, orgId: c.orgId });
    return { ok: true };
  });
}

/**
 * 党员互评. The ballot is secret: the counts of the rated members go up and the voter is marked
 * as having voted, in one transaction; nothing stored says who gave which rating. One ballot per
 * member, covering every other participant; nobody rates themselves.
 */
export async function castBallot(ctx: ActorCtx, id: number, ratings: { memberId: number; grade: AppraisalGrade }[]) {
  return ctx.db.transaction(async (tx) => {
    const { me, c } = await myParticipation(tx, ctx, id);
    if (c.status !== 'open') throw conflict('互评已结束');
    const self = ratings.findIndex((r) => r.memberId === me.id);
    if (self >= 0) throw invalid(`ratings.${self}.memberId`, '不能评价自己，请只评议其他党员');
    const others = (
      await tx
        .select({ id: appraisalParticipants.memberId })
        .from(appraisalParticipants)
        .where(and(eq(appraisalParticipants.campaignId, id), sql`${appraisalParticipants.memberId} <> ${me.id}`))
    ).map((r) => r.id);
    const seen = new Set<number>();
    for (const [i, r] of ratings.entries()) {
      if (!others.includes(r.memberId)) throw invalid(`ratings.${i}.memberId`, '该党员不参加本次评议');
      if (seen.has(r.memberId)) throw invalid(`ratings.${i}.memberId`, '同一党员只能评价一次');
      seen.add(r.memberId);
    }
    if (seen.size !== others.length) throw invalid('ratings', `请评议全部 ${others.length} 名其他党员（已评 ${seen.size} 名）`);
    const [voter] = await tx
      .insert(appraisalVoters)
      .values({ campaignId: id, memberId: me.id })
      .onConflictDoNothing()
      .returning({ id: appraisalVoters.id });
    if (!voter) throw conflict('您已提交互评，不能重复提交');
    for (const grade of APPRAISAL_GRADE_CODES) {
      const ids = ratings.filter((r) => r.grade === grade).map((r) => r.memberId);
      if (ids.length === 0) continue;
      await tx
        .update(appraisalTallies)
        .set({ votes: sql`${appraisalTallies.votes} + 1` })
        .where(
          and(
            eq(appraisalTallies.campaignId, id),
            eq(appraisalTallies.source, 'mutual'),
            eq(appraisalTallies.grade, grade),
            inArray(appraisalTallies.memberId, ids),
          ),
        );
    }
    // The audit row says a ballot was cast, never what it said.
    await audit(tx, ctx, {
      action: 'appraisal.ballot',
      entityType: 'appraisal_campaign',
      entityId: id,
      orgId: c.orgId,
      after: { rated: ratings.length },
    });
    return { ok: true };
  });
}
