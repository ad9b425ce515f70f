import { chinaDay } from '@vanguard/shared';
import type { ElectionStatus } from '@vanguard/shared/api/elections';
import { type Ballot, type BallotParams, ballotTracker, verifyBallot } from '@vanguard/shared/elections/ballot';
import { tellerContext } from '@vanguard/shared/elections/board';
import { type Dealing, electionKey, type TellerKey, verifyDealingPublic, verifyTellerKey } from '@vanguard/shared/elections/tellers';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { elections, electionTellers, electionVoters, orgs } from '../../db/schema/index.js';
import { ELECTIONS } from '../../platform/access/gates.js';
import { loadFor, myMember } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, forbidden, invalid } from '../../platform/errors.js';
import { appendEvent, boardOf } from './elections.board.js';
import { candidatesOf, countsOf, cryptoId, type ElectionRow } from './elections.service.js';

/** An election the signed-in member is on the roll of or a teller of (else 404). */
export async function mine(ctx: ActorCtx, id: number, tx?: DbOrTx) {
  const me = await myMember(ctx, tx ? { db: tx } : {});
  const part = sql`(EXISTS (SELECT 1 FROM election_voters v WHERE v.election_id = elections.id AND v.member_id = ${me.id})
    OR EXISTS (SELECT 1 FROM election_tellers t WHERE t.election_id = elections.id AND t.member_id = ${me.id}))`;
  const e = await loadFor(ctx, ELECTIONS, id, 'self:portal', { db: tx, lock: Boolean(tx), where: part });
  return { e, me };
}

async function tellerOf(db: DbOrTx, electionId: number, memberId: number) {
  const [t] = await db
    .select()
    .from(electionTellers)
    .where(and(eq(electionTellers.electionId, electionId), eq(electionTellers.memberId, memberId)));
  return t;
}

/** My elections on the phone: counts and my own state only — never anyone's choice. */
export async function myElections(ctx: ActorCtx) {
  const me = await myMember(ctx);
  const rows = await ctx.db
    .select({ e: elections, orgName: orgs.name })
    .from(elections)
    .innerJoin(orgs, eq(orgs.id, elections.orgId))
    .where(
      or(
        sql`EXISTS (SELECT 1 FROM election_voters v WHERE v.election_id = ${elections.id} AND v.member_id = ${me.id})`,
        sql`EXISTS (SELECT 1 FROM election_tellers t WHERE t.election_id = ${elections.id} AND t.member_id = ${me.id})`,
      ),
    )
    .orderBy(sql`${elections.id} DESC`)
    .limit(50);
  const items = [];
  for (const { e, orgName } of rows) items.push(await myView(ctx.db, e, orgName, me.id));
  return { items };
}

async function myView(db: DbOrTx, e: ElectionRow, orgName: string, memberId: number) {
  const [[v], t, candidates, counts] = await Promise.all([
    db
      .select()
      .from(electionVoters)
      .where(and(eq(electionVoters.electionId, e.id), eq(electionVoters.memberId, memberId))),
    tellerOf(db, e.id, memberId),
    candidatesOf(db, e.id),
    countsOf(db, e),
  ]);
  return {
    id: e.id,
    title: e.title,
    orgName,
    status: e.status as ElectionStatus,
    seats: e.seats,
    candidates,
    cryptoId: cryptoId(e),
    publicKey: e.publicKey,
    entitled: counts.entitled,
    eligible: Boolean(v && !v.excludedReason),
    voted: Boolean(v?.votedOn),
    tellerIndex: t?.index ?? null,
    threshold: e.threshold,
    tellerCount: e.tellerCount,
  };
}

export async function myElection(ctx: ActorCtx, id: number) {
  const { e, me } = await mine(ctx, id);
  const [org] = await ctx.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, e.orgId));
  return myView(ctx.db, e, org?.name ?? '', me.id);
}

export const paramsOf = async (db: DbOrTx, e: ElectionRow): Promise<BallotParams> => ({
  electionId: cryptoId(e),
  publicKey: e.publicKey ?? '',
  candidates: (await candidatesOf(db, e.id)).length,
  seats: e.seats,
});

/**
 * Casts an online ballot. Proofs are checked before the transaction; inside it the voter's mark (no time, no
 * ballot reference) and the ballot (no voter reference) are written together, or neither. No audit row and no
 * request log line (the route is silent): either would pair a person with a position on the board.
 */
export async function castBallot(ctx: ActorCtx, id: number, ballot: Ballot) {
  const { e: pre } = await mine(ctx, id);
  if (pre.status !== 'open') throw conflict('投票尚未开始或已结束');
  const params = await paramsOf(ctx.db, pre);
  if (!verifyBallot(params, ballot)) throw invalid('ballot', '选票的零知识证明未通过验证（选票损坏，或所选人数超过应选名额），未计入');
  const tracker = ballotTracker(ballot);
  return ctx.db.transaction(async (tx) => {
    const { e, me } = await mine(ctx, id, tx);
    if (e.status !== 'open') throw conflict('投票尚未开始或已结束');
    const [v] = await tx
      .select()
      .from(electionVoters)
      .where(and(eq(electionVoters.electionId, id), eq(electionVoters.memberId, me.id)))
      .for('update');
    if (!v || v.excludedReason) throw forbidden('您不在本次选举的选举名册中');
    if (v.votedOn) throw conflict(v.channel === 'paper' ? '您已领取纸质选票，不能再网上投票' : '您已经投过票，不能重复投票');
    if (!v.checkedIn) throw conflict('请先在会场签到，再投票');
    await tx
      .update(electionVoters)
      .set({ channel: 'online', votedOn: chinaDay(ctx.now()) })
      .where(and(eq(electionVoters.id, v.id), isNull(electionVoters.votedOn)));
    try {
      const boardHead = await tx.transaction(async (sp) => appendEvent(sp, id, 'ballot', { tracker, ballot }, ctx.now()));
      return { tracker, boardHead };
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict('这张选票已经提交过（重放的选票不计入）');
      throw err;
    }
  });
}

export async function myBoard(ctx: ActorCtx, id: number) {
  await mine(ctx, id);
  return {
    format: 'vanguard-election/1' as const,
    board: (await boardOf(ctx.db, id)) as { seq: number; kind: string; data: Record<string, unknown>; prev: string; hash: string }[],
  };
}

export async function myTellerSeat(ctx: ActorCtx, id: number, tx: DbOrTx) {
  const { e, me } = await mine(ctx, id, tx);
  const t = await tellerOf(tx, id, me.id);
  if (!t) throw forbidden('您不是本次选举的监票人');
  return { e, t };
}

/** Step 1 of the ceremony: a teller's transport key (made and kept in the teller's browser), with its proof. */
export async function submitTellerKey(ctx: ActorCtx, id: number, key: TellerKey) {
  return ctx.db.transaction(async (tx) => {
    const { e, t } = await myTellerSeat(ctx, id, tx);
    if (e.status !== 'frozen') throw conflict('名册冻结后、投票开始前才能生成监票人密钥');
    if (t.hasKey) throw conflict('您已提交过密钥');
    if (key.index !== t.index || !verifyTellerKey(tellerContext(cryptoId(e)), key)) throw invalid('proof', '监票人密钥的证明未通过验证');
    await appendEvent(tx, id, 'teller-key', key, ctx.now());
    await tx.update(electionTellers).set({ hasKey: true, updatedAt: ctx.now() }).where(eq(electionTellers.id, t.id));
    return { ok: true };
  });
}

/** Step 2: a teller's dealing (commitments, proof, masked shares); the last one makes the election key. */
export async function submitDealing(ctx: ActorCtx, id: number, dealing: Dealing) {
  return ctx.db.transaction(async (tx) => {
    const { e, t } = await myTellerSeat(ctx, id, tx);
    if (e.status !== 'frozen') throw conflict('现在不能提交密钥份额');
    const all = await tx.select().from(electionTellers).where(eq(electionTellers.electionId, id)).orderBy(asc(electionTellers.index));
    if (all.some((x) => !x.hasKey)) throw conflict('等待全部监票人提交密钥后再分发份额');
    if (t.hasDealt) throw conflict('您已分发过份额');
    const targets = dealing.shares.map((s) => s.to).sort();
    if (
      dealing.index !== t.index ||
      targets.join() !== all.map((x) => x.index).join() ||
      !verifyDealingPublic(tellerContext(cryptoId(e)), dealing, e.threshold, e.tellerCount)
    )
      throw invalid('proof', '密钥份额的证明未通过验证');
    await appendEvent(tx, id, 'dealing', dealing, ctx.now());
    await tx.update(electionTellers).set({ hasDealt: true, updatedAt: ctx.now() }).where(eq(electionTellers.id, t.id));
    if (all.filter((x) => x.hasDealt).length + 1 === all.length) {
      const dealings = (await boardOf(tx, id, 'dealing')).map((d) => d.data as Dealing);
      await tx
        .update(elections)
        .set({ publicKey: electionKey(dealings), status: 'ready', updatedAt: ctx.now() })
        .where(eq(elections.id, id));
    }
    return { ok: true };
  });
}
