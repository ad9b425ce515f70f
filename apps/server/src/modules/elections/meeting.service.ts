import { chinaDay } from '@vanguard/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { electionBoard, elections, electionVoters } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { appendEvent } from './elections.board.js';
import { countsOf, detailOf, managed } from './elections.service.js';

/** The tellers check a voter in (签到) at the meeting: from the key ceremony until the vote closes. */
export async function checkIn(ctx: ActorCtx, id: number, memberId: number) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    if (!['frozen', 'ready', 'open'].includes(e.status)) throw conflict('只有名册冻结后、投票结束前可以签到');
    const done = await tx
      .update(electionVoters)
      .set({ checkedIn: true })
      .where(and(eq(electionVoters.electionId, id), eq(electionVoters.memberId, memberId), isNull(electionVoters.excludedReason)))
      .returning({ id: electionVoters.id });
    if (!done.length) throw invalid('memberId', '该党员不在选举名册中（或已不计入应到会人数）');
    await audit(tx, ctx, { action: 'election.check-in', entityType: 'election', entityId: id, orgId: e.orgId, after: { memberId } });
    return detailOf(tx, e);
  });
}

/** A voter votes on paper: the tellers mark them; an online ballot from them is then refused (and the reverse). */
export async function markPaper(ctx: ActorCtx, id: number, memberId: number) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    if (e.status !== 'open') throw conflict('投票尚未开始或已结束');
    const done = await tx
      .update(electionVoters)
      .set({ channel: 'paper', votedOn: chinaDay(ctx.now()) })
      .where(
        and(
          eq(electionVoters.electionId, id),
          eq(electionVoters.memberId, memberId),
          eq(electionVoters.checkedIn, true),
          isNull(electionVoters.votedOn),
          isNull(electionVoters.excludedReason),
        ),
      )
      .returning({ id: electionVoters.id });
    if (!done.length) throw conflict('该党员未签到、不在名册中或已经投票（网上或纸质），不能发放纸质选票');
    // Paper ballots go into the box unordered: marking who got one says nothing about what they voted.
    await audit(tx, ctx, { action: 'election.paper-issued', entityType: 'election', entityId: id, orgId: e.orgId, after: { memberId } });
    return detailOf(tx, e);
  });
}

/** Opens the vote: only with the key made and more than 4/5 of those entitled present. */
export async function openVote(ctx: ActorCtx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    if (e.status !== 'ready') throw conflict(e.status === 'frozen' ? '监票人尚未完成密钥生成，不能开始投票' : '该选举不能开始投票');
    const c = await countsOf(tx, e);
    if (!c.quorumMet) throw conflict(`到会 ${c.present} 人，未超过应到会 ${c.entitled} 人的五分之四，不能进行选举`);
    await appendEvent(tx, id, 'open', { publicKey: e.publicKey }, ctx.now());
    const [row] = await tx.update(elections).set({ status: 'open', updatedAt: ctx.now() }).where(eq(elections.id, id)).returning();
    await audit(tx, ctx, {
      action: 'election.open',
      entityType: 'election',
      entityId: id,
      orgId: e.orgId,
      after: { present: c.present, entitled: c.entitled },
    });
    return detailOf(tx, row);
  });
}

/**
 * Closes the vote. The voters' marks and the ballot rows are rewritten in one statement each, so every row
 * carries this transaction's id: the transaction that marked a voter no longer points at the one that cast a ballot.
 */
export async function closeVote(ctx: ActorCtx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    if (e.status !== 'open') throw conflict('投票尚未开始或已结束');
    const c = await countsOf(tx, e);
    await tx
      .update(electionVoters)
      .set({ votedOn: sql`${electionVoters.votedOn}` })
      .where(eq(electionVoters.electionId, id));
    await tx
      .update(electionBoard)
      .set({ onDay: sql`${electionBoard.onDay}` })
      .where(and(eq(electionBoard.electionId, id), eq(electionBoard.kind, 'ballot')));
    await appendEvent(tx, id, 'close', { onlineVoters: c.votedOnline, paperVoters: c.votedPaper, present: c.present }, ctx.now());
    const [row] = await tx.update(elections).set({ status: 'closed', updatedAt: ctx.now() }).where(eq(elections.id, id)).returning();
    await audit(tx, ctx, {
      action: 'election.close',
      entityType: 'election',
      entityId: id,
      orgId: e.orgId,
      after: { online: c.votedOnline, paper: c.votedPaper },
    });
    return detailOf(tx, row);
  });
}

/** The presiding committee's decision on a shortfall: another round, or fewer seats (recorded). */
export async function decideShortfall(ctx: ActorCtx, id: number, decision: string) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    const result = e.result as { shortfall?: number } | null;
    if (e.status !== 'released' || !result?.shortfall) throw conflict('没有需要决定的缺额');
    const [row] = await tx
      .update(elections)
      .set({ shortfallDecision: decision, updatedAt: ctx.now() })
      .where(eq(elections.id, id))
      .returning();
    await audit(tx, ctx, { action: 'election.shortfall', entityType: 'election', entityId: id, orgId: e.orgId, after: { decision } });
    return detailOf(tx, row);
  });
}
