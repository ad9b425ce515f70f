import type { ResultsDto } from '@vanguard/shared/api/elections';
import { type Ballot, tallySums } from '@vanguard/shared/elections/ballot';
import { type PaperData, tellerContext } from '@vanguard/shared/elections/board';
import { ELECTION_RULESETS, outcome } from '@vanguard/shared/elections/rules';
import { combine, type Dealing, type DecryptionShare, smallLog, verifyDecryptionShare } from '@vanguard/shared/elections/tellers';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { elections, electionTellers } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { appendEvent, boardOf } from './elections.board.js';
import { sameCount } from './elections.policy.js';
import { candidatesOf, countsOf, cryptoId, type ElectionRow, managed } from './elections.service.js';
import { mine, myTellerSeat } from './vote.service.js';

type Stored = { votes: number[]; online: number[]; paper: number[]; invalid: number; paperReturned: number; shortfall: number };

async function sumsOf(db: DbOrTx, e: ElectionRow) {
  const ballots = (await boardOf(db, e.id, 'ballot')).map((b) => (b.data as { ballot: Ballot }).ballot);
  const n = (await candidatesOf(db, e.id)).length;
  return { sums: tallySums(n, ballots), count: ballots.length, n };
}

/**
 * A teller's independent entry of the paper ballots; two entries must agree, then the count goes on the board.
 * Returned paper ballots cannot exceed those issued; a ballot naming more than the seats is entered as invalid.
 */
export async function submitPaperCount(ctx: ActorCtx, id: number, input: PaperData) {
  return ctx.db.transaction(async (tx) => {
    const { e, t } = await myTellerSeat(ctx, id, tx);
    if (e.status !== 'closed') throw conflict('投票结束后才能录入纸质选票');
    const c = await countsOf(tx, e);
    const n = (await candidatesOf(tx, id)).length;
    if (input.votes.length !== n) throw invalid('votes', `应录入 ${n} 名候选人的得票`);
    if (input.valid + input.invalid > c.votedPaper)
      throw invalid('valid', `收回纸质选票 ${input.valid + input.invalid} 张，多于发出的 ${c.votedPaper} 张，选举无效`);
    if (input.votes.some((v) => v > input.valid)) throw invalid('votes', '候选人得票不能多于有效票数');
    if (input.votes.reduce((s, v) => s + v, 0) > input.valid * e.seats) throw invalid('votes', '得票总数超过有效票数 × 应选名额');
    const others = (await tx.select().from(electionTellers).where(eq(electionTellers.electionId, id))).filter(
      (x) => x.id !== t.id && x.paperCount,
    );
    const entry = { valid: input.valid, invalid: input.invalid, votes: input.votes };
    const agreed = others.find((o) => sameCount(o.paperCount, entry));
    if (others.length && !agreed) throw conflict('与另一名监票人的录入不一致，请共同核对纸质选票后重新录入');
    await tx.update(electionTellers).set({ paperCount: entry, updatedAt: ctx.now() }).where(eq(electionTellers.id, t.id));
    if (agreed && (await boardOf(tx, id, 'paper')).length === 0) await appendEvent(tx, id, 'paper', entry, ctx.now());
    await maybeRelease(ctx, tx, e);
    return { ok: true };
  });
}

/** A teller's decryption share of the homomorphic tally, with its proofs; at `threshold` valid shares the result is released. */
export async function submitShare(ctx: ActorCtx, id: number, share: DecryptionShare) {
  return ctx.db.transaction(async (tx) => {
    const { e, t } = await myTellerSeat(ctx, id, tx);
    if (e.status !== 'closed') throw conflict('投票结束后才能提交解密份额');
    if (t.hasShare) throw conflict('您已提交过解密份额');
    const dealings = (await boardOf(tx, id, 'dealing')).map((d) => d.data as Dealing);
    const { sums } = await sumsOf(tx, e);
    if (share.index !== t.index || !verifyDecryptionShare(tellerContext(cryptoId(e)), dealings, sums.a, share))
      throw invalid('proof', '解密份额的证明未通过验证，未接受');
    await appendEvent(tx, id, 'share', share, ctx.now());
    await tx.update(electionTellers).set({ hasShare: true, updatedAt: ctx.now() }).where(eq(electionTellers.id, t.id));
    await maybeRelease(ctx, tx, e);
    return { ok: true };
  });
}

/** With `threshold` shares and (when paper was used) an agreed paper count: decrypt, publish, release. */
async function maybeRelease(ctx: ActorCtx, tx: DbOrTx, e: ElectionRow) {
  const shares = (await boardOf(tx, e.id, 'share')).map((s) => s.data as DecryptionShare);
  const paper = (await boardOf(tx, e.id, 'paper'))[0]?.data as PaperData | undefined;
  const c = await countsOf(tx, e);
  if (shares.length < e.threshold || (c.votedPaper > 0 && !paper)) return;
  const { sums, count, n } = await sumsOf(tx, e);
  const online = smallLog(combine(e.threshold, sums.b, shares), count);
  const paperVotes = paper?.votes ?? Array.from({ length: n }, () => 0);
  const votes = online.map((v, k) => v + paperVotes[k]);
  await appendEvent(tx, e.id, 'result', { votes, online, paper: paperVotes, ballots: count + (paper?.valid ?? 0) }, ctx.now());
  const o = outcome(votes, e.seats, { entitled: c.entitled, present: c.present }, ELECTION_RULESETS[e.rulesetVersion]);
  const paperReturned = (paper?.valid ?? 0) + (paper?.invalid ?? 0);
  const result: Stored = { votes, online, paper: paperVotes, invalid: paper?.invalid ?? 0, paperReturned, shortfall: o.shortfall };
  await tx.update(elections).set({ status: 'released', result, updatedAt: ctx.now() }).where(eq(elections.id, e.id));
  await audit(tx, ctx, { action: 'election.release', entityType: 'election', entityId: e.id, orgId: e.orgId, after: { votes } });
}

/** The results: 403 for everyone (administrators too) until the tellers have released them. */
async function resultsOf(db: DbOrTx, e: ElectionRow): Promise<ResultsDto> {
  if (e.status !== 'released' || !e.result) throw new AppError('FORBIDDEN', '选举结果在投票结束并由监票人解密公布前不可查看');
  const r = e.result as Stored;
  const c = await countsOf(db, e);
  const cands = await candidatesOf(db, e.id);
  const o = outcome(r.votes, e.seats, { entitled: c.entitled, present: c.present }, ELECTION_RULESETS[e.rulesetVersion]);
  return {
    electionId: e.id,
    entitled: c.entitled,
    present: c.present,
    ballotsIssued: c.votedOnline + c.votedPaper,
    ballotsReturned: c.votedOnline + r.paperReturned,
    invalid: r.invalid,
    basis: o.basis,
    rows: cands.map((x, k) => ({
      memberId: x.memberId,
      name: x.name,
      votes: r.votes[k],
      elected: o.elected.includes(k),
      tied: o.tied.includes(k),
    })),
    runoffSeats: o.runoffSeats,
    shortfall: o.shortfall,
    shortfallDecision: e.shortfallDecision,
  };
}

export const managedResults = async (ctx: ActorCtx, id: number) => resultsOf(ctx.db, await managed(ctx, id));
export const myResults = async (ctx: ActorCtx, id: number) => resultsOf(ctx.db, (await mine(ctx, id)).e);

export async function exportElection(ctx: ActorCtx, id: number) {
  await managed(ctx, id);
  return {
    format: 'vanguard-election/1' as const,
    board: (await boardOf(ctx.db, id)) as { seq: number; kind: string; data: Record<string, unknown>; prev: string; hash: string }[],
  };
}
