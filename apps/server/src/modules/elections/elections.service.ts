import { chinaDay } from '@vanguard/shared';
import type { ElectionCreateInput, ElectionDetailDto, ElectionStatus } from '@vanguard/shared/api/elections';
import { CURRENT_RULESET, ELECTION_RULESETS, entitledCount, minCandidates, quorumMet, strokeOrder } from '@vanguard/shared/elections/rules';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { electionCandidates, elections, electionTellers, electionVoters, members, orgs } from '../../db/schema/index.js';
import { ELECTIONS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { can, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, forbidden, invalid } from '../../platform/errors.js';
import { appendEvent } from './elections.board.js';
import { onRoll, reached } from './elections.policy.js';
import { strokesOf } from './strokes.js';

const M = 'elections:manage';
export type ElectionRow = typeof elections.$inferSelect;

/** The election row for a manager, locked in `tx` when given; 404 outside scope, 403 without the permission. */
export const managed = (ctx: ActorCtx, id: number, tx?: DbOrTx) => loadFor(ctx, ELECTIONS, id, M, tx ? { db: tx, lock: true } : {});

function mustBe(e: ElectionRow, statuses: ElectionStatus[], message: string) {
  if (!statuses.includes(e.status as ElectionStatus)) throw conflict(message);
}

/** Creates an election (筹备) for a branch from its term change: seats, the roll date, the tellers. */
export async function createElection(ctx: ActorCtx, input: ElectionCreateInput): Promise<{ id: number }> {
  const org = await orgFor(ctx, input.orgId, M, { field: 'orgId' });
  const rs = ELECTION_RULESETS[CURRENT_RULESET];
  const tellerIds = [...new Set(input.tellerMemberIds)];
  if (tellerIds.length < rs.minTellers) throw invalid('tellerMemberIds', `监票人至少 ${rs.minTellers} 名且不能重复`);
  const found = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(and(inArray(members.id, tellerIds), sql`${members.orgPath} LIKE ${`${org.path}%`}`));
  if (found.length !== tellerIds.length) throw invalid('tellerMemberIds', '监票人须为本组织的党员');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(elections)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        seats: input.seats,
        rulesetVersion: rs.version,
        rollOn: input.rollOn,
        tellerCount: tellerIds.length,
        threshold: rs.threshold,
      })
      .returning({ id: elections.id });
    await tx.insert(electionTellers).values(tellerIds.map((memberId, i) => ({ electionId: row.id, memberId, index: i + 1 })));
    await audit(tx, ctx, { action: 'election.create', entityType: 'election', entityId: row.id, orgId: org.id, after: input });
    return row;
  });
}

export async function listElections(ctx: ActorCtx, q: { page: number; pageSize: number; orgId?: number }) {
  const where = and(inScope(elections.orgPath, scopeOf(ctx.actor, M)), q.orgId ? eq(elections.orgId, q.orgId) : undefined);
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select({
        id: elections.id,
        orgId: elections.orgId,
        orgName: orgs.name,
        title: elections.title,
        seats: elections.seats,
        status: elections.status,
        rollOn: elections.rollOn,
      })
      .from(elections)
      .innerJoin(orgs, eq(orgs.id, elections.orgId))
      .where(where)
      .orderBy(desc(elections.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(elections).where(where),
  ]);
  return { items: rows.map((r) => ({ ...r, status: r.status as ElectionStatus })), total: Number(n) };
}

export async function countsOf(db: DbOrTx, e: ElectionRow) {
  const [c] = await db
    .select({
      roll: count(),
      excluded: sql<number>`count(*) FILTER (WHERE ${electionVoters.excludedReason} IS NOT NULL)`.mapWith(Number),
      present: sql<number>`count(*) FILTER (WHERE ${electionVoters.checkedIn} AND ${electionVoters.excludedReason} IS NULL)`.mapWith(
        Number,
      ),
      votedOnline: sql<number>`count(*) FILTER (WHERE ${electionVoters.channel} = 'online')`.mapWith(Number),
      votedPaper: sql<number>`count(*) FILTER (WHERE ${electionVoters.channel} = 'paper')`.mapWith(Number),
    })
    .from(electionVoters)
    .where(eq(electionVoters.electionId, e.id));
  const rs = ELECTION_RULESETS[e.rulesetVersion];
  const entitled = entitledCount(Number(c.roll), c.excluded);
  return { ...c, roll: Number(c.roll), entitled, quorumMet: quorumMet(c.present, entitled, rs), minCandidates: minCandidates(e.seats, rs) };
}

export async function candidatesOf(db: DbOrTx, electionId: number) {
  return db
    .select({ memberId: electionCandidates.memberId, name: electionCandidates.name, position: electionCandidates.position })
    .from(electionCandidates)
    .where(eq(electionCandidates.electionId, electionId))
    .orderBy(asc(electionCandidates.position));
}

export async function detailOf(db: DbOrTx, e: ElectionRow): Promise<ElectionDetailDto> {
  const [[org], candidates, tellers, counts] = await Promise.all([
    db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, e.orgId)),
    candidatesOf(db, e.id),
    db
      .select({ t: electionTellers, name: members.name })
      .from(electionTellers)
      .innerJoin(members, eq(members.id, electionTellers.memberId))
      .where(eq(electionTellers.electionId, e.id))
      .orderBy(asc(electionTellers.index)),
    countsOf(db, e),
  ]);
  return {
    id: e.id,
    orgId: e.orgId,
    orgName: org?.name ?? '',
    title: e.title,
    seats: e.seats,
    status: e.status as ElectionStatus,
    rollOn: e.rollOn,
    rulesetVersion: e.rulesetVersion,
    threshold: e.threshold,
    cryptoId: cryptoId(e),
    publicKey: e.publicKey,
    approvedOn: e.approvedOn,
    candidates,
    tellers: tellers.map(({ t, name }) => ({
      index: t.index,
      memberId: t.memberId,
      name,
      hasKey: t.hasKey,
      hasDealt: t.hasDealt,
      hasShare: t.hasShare,
      hasPaperCount: t.paperCount !== null,
    })),
    counts,
    shortfallDecision: e.shortfallDecision,
  };
}

export const getElection = async (ctx: ActorCtx, id: number) => detailOf(ctx.db, await managed(ctx, id));

/** Sets the candidates (差额 ≥ 20 %), ordered by the strokes of the surname; only before the roll is frozen. */
export async function setCandidates(ctx: ActorCtx, id: number, memberIds: number[]) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    mustBe(e, ['draft'], '候选人只能在筹备阶段（上级批复前）确定');
    const ids = [...new Set(memberIds)];
    const min = minCandidates(e.seats, ELECTION_RULESETS[e.rulesetVersion]);
    if (ids.length < min)
      throw invalid('memberIds', `应选 ${e.seats} 名，候选人应至少 ${min} 名（多于应选人数 20%），现为 ${ids.length} 名`);
    const rows = await tx
      .select()
      .from(members)
      .where(and(inArray(members.id, ids), sql`${members.orgPath} LIKE ${`${e.orgPath}%`}`));
    if (rows.length !== ids.length) throw invalid('memberIds', '候选人须为本组织的党员');
    const bad = rows.filter((m) => !onRoll({ category: m.category, status: m.status, fullOn: m.fullOn }, false, e.rollOn));
    if (bad.length) throw invalid('memberIds', `${bad.map((m) => m.name).join('、')} 不是正式党员，没有被选举权`);
    const ordered = strokeOrder(rows, strokesOf);
    await tx.delete(electionCandidates).where(eq(electionCandidates.electionId, id));
    await tx.insert(electionCandidates).values(ordered.map((m, i) => ({ electionId: id, memberId: m.id, name: m.name, position: i + 1 })));
    await audit(tx, ctx, {
      action: 'election.candidates',
      entityType: 'election',
      entityId: id,
      orgId: e.orgId,
      after: { memberIds: ordered.map((m) => m.id) },
    });
    return detailOf(tx, e);
  });
}

/** The committee above approves the plan (seats, candidates): a manager of the parent org, not the branch itself. */
export async function approveElection(ctx: ActorCtx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    mustBe(e, ['draft'], '该选举已批复');
    const [parent] = await tx
      .select({ path: orgs.path })
      .from(orgs)
      .innerJoin(sql`orgs child`, sql`child.parent_id = ${orgs.id}`)
      .where(sql`child.id = ${e.orgId}`);
    if (!parent || !can(ctx.actor, M, parent.path)) throw forbidden('选举计划须由上级党组织批复');
    const cands = await candidatesOf(tx, id);
    if (cands.length < minCandidates(e.seats, ELECTION_RULESETS[e.rulesetVersion])) throw invalid('candidates', '候选人人数不足，不能批复');
    const [row] = await tx
      .update(elections)
      .set({ status: 'approved', approvedBy: ctx.actor.userId, approvedOn: chinaDay(ctx.now()), updatedAt: ctx.now() })
      .where(eq(elections.id, id))
      .returning();
    await audit(tx, ctx, { action: 'election.approve', entityType: 'election', entityId: id, orgId: e.orgId });
    return detailOf(tx, row);
  });
}

/** The id the crypto binds to (contexts of every proof): unique per election and installation moment. */
export const cryptoId = (e: ElectionRow): string => `${e.id}-${e.createdAt.getTime()}`;

/** Derives the roll from the member archive on the roll date (again, until frozen): full members only. */
export async function deriveRoll(ctx: ActorCtx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    if (reached(e.status, 'frozen')) throw conflict('名册已冻结，不能修改');
    mustBe(e, ['approved'], '选举计划经上级批复后才能生成名册');
    const rows = await tx
      .select({
        id: members.id,
        category: members.category,
        status: members.status,
        fullOn: members.fullOn,
        // 留党察看 in force on the roll date (a penalty record: kind penalty, title 留党察看)
        penalty: sql<boolean>`EXISTS (SELECT 1 FROM member_records r WHERE r.member_id = members.id AND r.kind = 'penalty'
          AND r.title LIKE '%留党察看%' AND (r.started_on IS NULL OR r.started_on <= ${e.rollOn}) AND (r.ended_on IS NULL OR r.ended_on >= ${e.rollOn}))`,
      })
      .from(members)
      .where(sql`${members.orgPath} LIKE ${`${e.orgPath}%`}`)
      .orderBy(asc(members.id));
    const roll = rows.filter((m) => onRoll(m, m.penalty, e.rollOn));
    if (roll.length === 0) throw invalid('rollOn', '名册日期当天没有正式党员，不能生成名册');
    await tx.delete(electionVoters).where(eq(electionVoters.electionId, id));
    await tx.insert(electionVoters).values(roll.map((m) => ({ electionId: id, memberId: m.id })));
    await audit(tx, ctx, { action: 'election.roll', entityType: 'election', entityId: id, orgId: e.orgId, after: { roll: roll.length } });
    return detailOf(tx, e);
  });
}

/** An approved exclusion from the quorum (or its withdrawal): only before the freeze. */
export async function excludeVoter(ctx: ActorCtx, id: number, voterId: number, reason: string | null) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    if (reached(e.status, 'frozen')) throw conflict('名册已冻结，不能修改');
    const done = await tx
      .update(electionVoters)
      .set({ excludedReason: reason })
      .where(and(eq(electionVoters.id, voterId), eq(electionVoters.electionId, id)))
      .returning({ id: electionVoters.id });
    if (!done.length) throw invalid('voterId', '该党员不在选举名册中');
    await audit(tx, ctx, { action: 'election.exclude', entityType: 'election', entityId: id, orgId: e.orgId, after: { voterId, reason } });
    return detailOf(tx, e);
  });
}

/** Freezes the roll: no change after this; the setup goes on the board and the tellers' key ceremony begins. */
export async function freezeRoll(ctx: ActorCtx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const e = await managed(ctx, id, tx);
    mustBe(e, ['approved'], '只有已批复、未冻结的选举可以冻结名册');
    const counts = await countsOf(tx, e);
    if (counts.roll === 0) throw invalid('roll', '请先生成选举名册');
    const [row] = await tx.update(elections).set({ status: 'frozen', updatedAt: ctx.now() }).where(eq(elections.id, id)).returning();
    const cands = await candidatesOf(tx, id);
    const setup = {
      electionId: cryptoId(e),
      title: e.title,
      seats: e.seats,
      candidates: cands.map((c) => c.name),
      tellers: e.tellerCount,
      threshold: e.threshold,
      entitled: counts.entitled,
      rulesetVersion: e.rulesetVersion,
    };
    await appendEvent(tx, id, 'setup', setup, ctx.now());
    await audit(tx, ctx, {
      action: 'election.freeze',
      entityType: 'election',
      entityId: id,
      orgId: e.orgId,
      after: { roll: counts.roll, entitled: counts.entitled },
    });
    return detailOf(tx, row);
  });
}

export async function listVoters(ctx: ActorCtx, id: number, q: { page: number; pageSize: number }) {
  await managed(ctx, id);
  const where = eq(electionVoters.electionId, id);
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select({ v: electionVoters, name: members.name })
      .from(electionVoters)
      .innerJoin(members, eq(members.id, electionVoters.memberId))
      .where(where)
      .orderBy(asc(members.name))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(electionVoters).where(where),
  ]);
  return {
    items: rows.map(({ v, name }) => ({
      id: v.id,
      memberId: v.memberId,
      name,
      excludedReason: v.excludedReason,
      checkedIn: v.checkedIn,
      voted: v.votedOn !== null,
      channel: v.channel,
    })),
    total: Number(n),
  };
}
