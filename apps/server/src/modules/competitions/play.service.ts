import {
  answerInTime,
  COMPETITION_KINDS,
  COMPETITION_STATUSES,
  challengeDeadline,
  isRightChoice,
  QUESTION_TYPES,
  type RankedPlayer,
} from '@vanguard/shared';
import type { AnswerInput, ChallengeSubmitInput } from '@vanguard/shared/api/competitions';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  competitionAnswers,
  competitionPlayers,
  competitionQuestions,
  competitions,
  learningQuestionVersions,
  members,
  orgs,
} from '../../db/schema/index.js';
import { COMPETITIONS } from '../../platform/access/gates.js';
import { loadOwn, type MemberRow, myMember } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { awardPoints } from '../points/index.js';
import { buildState, type CompetitionRow, effectiveStatus, rankingOf, rulesetOf } from './board.js';
import { openTo } from './competitions.policy.js';

type Member = MemberRow;
const label = <T extends Record<string, string>>(map: T, k: string) => map[k as keyof T] ?? k;
const BRANCH_KINDS = ['branch', 'joint_branch', 'temp_branch'];

async function playerOf(db: DbOrTx, competitionId: number, memberId: number) {
  const [p] = await db
    .select()
    .from(competitionPlayers)
    .where(and(eq(competitionPlayers.competitionId, competitionId), eq(competitionPlayers.memberId, memberId)));
  return p ?? null;
}

/** The member's 党支部: the nearest branch at or above their org (their own org when none is). */
async function branchOf(db: DbOrTx, m: Member) {
  const [b] = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(and(sql`${m.orgPath} LIKE ${orgs.path} || '%'`, inArray(orgs.kind, BRANCH_KINDS)))
    .orderBy(desc(sql`length(${orgs.path})`))
    .limit(1);
  if (b) return b;
  const [own] = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, m.orgId));
  return own;
}

async function addPlayer(db: DbOrTx, ctx: ActorCtx, c: CompetitionRow, m: Member, deadlineAt: Date | null) {
  const branch = await branchOf(db, m);
  const [fresh] = await db
    .insert(competitionPlayers)
    .values({
      competitionId: c.id,
      memberId: m.id,
      userId: ctx.actor.userId,
      name: m.name,
      orgId: m.orgId,
      orgPath: m.orgPath,
      branchId: branch.id,
      branchName: branch.name,
      joinedAt: ctx.now(),
      deadlineAt,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .onConflictDoNothing()
    .returning();
  return fresh ?? ((await playerOf(db, c.id, m.id)) as NonNullable<Awaited<ReturnType<typeof playerOf>>>);
}

/** Live quizzes in the lobby or running and challenges open now, in the member's scope; and the last ones they played. */
export async function myCompetitions(ctx: ActorCtx) {
  const m = await myMember(ctx);
  const now = ctx.now();
  const rows = await ctx.db
    .select({ c: competitions, playerId: competitionPlayers.id, submittedAt: competitionPlayers.submittedAt })
    .from(competitions)
    .leftJoin(competitionPlayers, and(eq(competitionPlayers.competitionId, competitions.id), eq(competitionPlayers.memberId, m.id)))
    .where(
      and(
        isNull(competitions.deletedAt),
        sql`${m.orgPath} LIKE ${competitions.orgPath} || '%'`,
        or(
          inArray(competitions.status, ['lobby', 'running']),
          and(eq(competitions.status, 'open'), sql`${competitions.opensAt} <= ${now}`, sql`${competitions.closesAt} > ${now}`),
          sql`${competitionPlayers.id} IS NOT NULL AND ${competitions.status} <> 'draft'`,
        ),
      ),
    )
    .orderBy(desc(competitions.createdAt), desc(competitions.id))
    .limit(50);
  const [org] = await ctx.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, m.orgId));
  return rows.map(({ c, playerId, submittedAt }) => {
    const status = effectiveStatus(c, now);
    return {
      id: c.id,
      kind: c.kind,
      kindName: label(COMPETITION_KINDS, c.kind),
      title: c.title,
      status,
      statusName: label(COMPETITION_STATUSES, status),
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      timeLimitSeconds: c.timeLimitSeconds,
      joined: playerId !== null,
      submitted: submittedAt !== null,
      myOrg: org?.name ?? '',
    };
  });
}

/** Joins a live quiz by its six-digit code (404 for a wrong code, a finished quiz or one outside the member's scope). */
export async function joinByCode(ctx: ActorCtx, code: string) {
  const m = await myMember(ctx);
  const [c] = await ctx.db
    .select()
    .from(competitions)
    .where(and(eq(competitions.joinCode, code), inArray(competitions.status, ['lobby', 'running']), isNull(competitions.deletedAt)));
  if (!c || !openTo(c, m.orgPath)) throw notFound('该竞赛（加入码不正确、竞赛未开放或不在您的范围内）');
  return join(ctx, c.id);
}

/** Joins a live quiz (idempotent: joining again returns the same player). */
export async function join(ctx: ActorCtx, id: number) {
  const m = await myMember(ctx);
  const c = (await loadOwn(ctx, COMPETITIONS, id, (x) => openTo(x, m.orgPath))).row;
  if (c.kind !== 'live') throw conflict('每周挑战请直接开始答题');
  if (c.status === 'finished') throw conflict('竞赛已结束，不能再加入');
  const p = await addPlayer(ctx.db, ctx, c, m, null);
  return { competitionId: c.id, playerId: p.id, name: p.name, branchName: p.branchName };
}

/** The phone's view: the shared state, my row on the board, my answer to the current question. */
export async function myState(ctx: ActorCtx, id: number) {
  const m = await myMember(ctx);
  const c = (await loadOwn(ctx, COMPETITIONS, id, (x) => openTo(x, m.orgPath))).row;
  const built = await buildState(ctx.db, c.id, ctx.now());
  if (!built) throw notFound('该竞赛');
  const p = await playerOf(ctx.db, c.id, m.id);
  let myAnswer: { position: number; keys: string[]; correct: boolean | null } | null = null;
  const q = built.state.question;
  if (p && q) {
    const [a] = await ctx.db
      .select()
      .from(competitionAnswers)
      .where(and(eq(competitionAnswers.playerId, p.id), eq(competitionAnswers.position, q.position)));
    // Right or wrong shows once the countdown is over.
    if (a) myAnswer = { position: a.position, keys: (a.response as { keys: string[] }).keys, correct: q.rightKeys ? a.correct : null };
  }
  return {
    state: built.state,
    me: p ? (built.ranking.get(p.id) ?? null) : null,
    playerId: p?.id ?? null,
    joined: p !== null,
    myAnswer,
    challenge: c.kind === 'challenge' ? await challengeView(ctx.db, c, p, ctx.now()) : null,
  };
}

/** Whoever subscribes to a phone stream: the member must see the competition; the player id personalizes it. */
export async function streamAccess(ctx: ActorCtx, id: number) {
  const m = await myMember(ctx);
  const c = (await loadOwn(ctx, COMPETITIONS, id, (x) => openTo(x, m.orgPath))).row;
  const p = await playerOf(ctx.db, c.id, m.id);
  return { competitionId: c.id, playerId: p?.id ?? null };
}

/**
 * A live answer: one per question and player, within the question's countdown by the server
 * clock. A retry of the same answer returns the first one (idempotent); a different second
 * answer, a late one, or one to a question not pushed is refused and nothing is counted.
 */
export async function answer(ctx: ActorCtx, id: number, input: AnswerInput) {
  const now = ctx.now();
  // One round trip for everything the decision needs (500 phones answer within seconds).
  const [row] = await ctx.db
    .select({
      c: competitions,
      memberPath: members.orgPath,
      playerId: competitionPlayers.id,
      questionRowId: competitionQuestions.id,
      pushedAt: competitionQuestions.pushedAt,
      endsAt: competitionQuestions.endsAt,
      options: learningQuestionVersions.options,
      answer: learningQuestionVersions.answer,
    })
    .from(competitions)
    .innerJoin(members, and(eq(members.userId, ctx.actor.userId), eq(members.status, 'normal')))
    .leftJoin(competitionPlayers, and(eq(competitionPlayers.competitionId, competitions.id), eq(competitionPlayers.memberId, members.id)))
    .leftJoin(
      competitionQuestions,
      and(eq(competitionQuestions.competitionId, competitions.id), eq(competitionQuestions.position, input.position)),
    )
    .leftJoin(learningQuestionVersions, eq(learningQuestionVersions.id, competitionQuestions.versionId))
    .where(and(eq(competitions.id, id), isNull(competitions.deletedAt)));
  if (!row || !openTo(row.c, row.memberPath)) {
    if (!row) await myMember(ctx); // no member record: say so
    throw notFound('该竞赛');
  }
  const c = row.c;
  if (c.kind !== 'live') throw conflict('每周挑战请在答完后一并提交');
  if (!row.playerId) throw conflict('请先加入竞赛再作答');
  if (!row.questionRowId || !row.pushedAt || !row.endsAt || input.position > c.currentPosition)
    throw conflict(`第 ${input.position} 题尚未推送，不能作答`);
  const keys = [...new Set(input.keys)];
  const optionKeys = (row.options as { key: string }[]).map((o) => o.key);
  const bad = keys.find((k) => !optionKeys.includes(k));
  if (bad) throw invalid('keys', `选项 ${bad} 不在本题的选项中`);
  const firstOf = async (playerId: number, questionRowId: number) =>
    (
      await ctx.db
        .select()
        .from(competitionAnswers)
        .where(and(eq(competitionAnswers.playerId, playerId), eq(competitionAnswers.questionRowId, questionRowId)))
    )[0];
  if (c.status === 'finished' || !answerInTime(now, row.endsAt, rulesetOf(c))) {
    // A retry of an answer that was accepted in time still returns it; anything else is refused.
    const existing = await firstOf(row.playerId, row.questionRowId);
    if (existing) return sameOrRefuse(existing, keys);
    if (c.status === 'finished') throw conflict('竞赛已结束，本次作答不计分');
    throw conflict(`第 ${input.position} 题作答时间已到（倒计时 ${c.secondsPerQuestion} 秒），本次作答不计分`);
  }
  // The usual path is one insert: the unique key (player, question) keeps the first answer.
  const [fresh] = await ctx.db
    .insert(competitionAnswers)
    .values({
      competitionId: c.id,
      playerId: row.playerId,
      questionRowId: row.questionRowId,
      position: input.position,
      response: { keys },
      correct: isRightChoice((row.answer as { keys?: string[] }).keys ?? [], keys),
      elapsedMs: now.getTime() - row.pushedAt.getTime(),
      answeredAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!fresh) return sameOrRefuse(await firstOf(row.playerId, row.questionRowId), keys);
  return { position: fresh.position, keys, answeredAt: fresh.answeredAt, elapsedMs: fresh.elapsedMs ?? 0, replay: false };
}

function sameOrRefuse(a: typeof competitionAnswers.$inferSelect, keys: string[]) {
  const had = (a.response as { keys: string[] }).keys;
  if ([...had].sort().join('|') !== [...keys].sort().join('|')) throw conflict(`第 ${a.position} 题已作答，每题只能作答一次`);
  return { position: a.position, keys: had, answeredAt: a.answeredAt, elapsedMs: a.elapsedMs ?? 0, replay: true };
}

// ── Weekly challenge ───────────────────────────────────────────────────────────────────────

type PlayerRow = typeof competitionPlayers.$inferSelect;

async function challengeQuestions(db: DbOrTx, id: number, withAnswers: boolean) {
  const rows = await db
    .select({
      row: competitionQuestions,
      stem: learningQuestionVersions.stem,
      options: learningQuestionVersions.options,
      answer: learningQuestionVersions.answer,
    })
    .from(competitionQuestions)
    .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, competitionQuestions.versionId))
    .where(eq(competitionQuestions.competitionId, id))
    .orderBy(asc(competitionQuestions.position));
  return rows.map((q) => ({
    id: q.row.id,
    position: q.row.position,
    type: q.row.type,
    typeName: label(QUESTION_TYPES, q.row.type),
    stem: q.stem,
    options: q.options as { key: string; text: string }[],
    rightKeys: withAnswers ? ((q.answer as { keys?: string[] }).keys ?? []) : null,
  }));
}

/** My attempt at a challenge: the questions while it runs; the result, my answers and the ranking once submitted. */
async function challengeView(db: DbOrTx, c: CompetitionRow, p: PlayerRow | null, now: Date) {
  const status = effectiveStatus(c, now);
  const base = {
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    timeLimitSeconds: c.timeLimitSeconds,
    started: p !== null,
    deadlineAt: p?.deadlineAt ?? null,
    submittedAt: p?.submittedAt ?? null,
    serverNow: now,
  };
  if (!p) return { ...base, questions: [], result: null };
  if (!p.submittedAt) {
    const open = status === 'open' && p.deadlineAt && now <= p.deadlineAt;
    return { ...base, questions: open ? await challengeQuestions(db, c.id, false) : [], result: null };
  }
  const answers = await db.select().from(competitionAnswers).where(eq(competitionAnswers.playerId, p.id));
  const mine = new Map(answers.map((a) => [a.position, a]));
  const { players } = await rankingOf(db, c);
  const me: RankedPlayer | undefined = players.find((r) => r.playerId === p.id);
  return {
    ...base,
    questions: (await challengeQuestions(db, c.id, true)).map((q) => ({
      ...q,
      myKeys: (mine.get(q.position)?.response as { keys: string[] } | undefined)?.keys ?? [],
      correct: mine.get(q.position)?.correct ?? false,
    })),
    result: { correct: p.correct ?? 0, durationMs: p.durationMs ?? 0, rank: me?.rank ?? null, of: players.length },
  };
}

/** Starts my attempt (server-timed: the deadline is start + limit, never after the close); starting again resumes it. */
export async function startChallenge(ctx: ActorCtx, id: number) {
  const m = await myMember(ctx);
  const c = (await loadOwn(ctx, COMPETITIONS, id, (x) => openTo(x, m.orgPath))).row;
  if (c.kind !== 'challenge') throw conflict('现场竞赛请先加入，等主持人出题');
  const now = ctx.now();
  let p = await playerOf(ctx.db, c.id, m.id);
  if (!p) {
    if (c.opensAt && now < c.opensAt) throw conflict('挑战尚未开始');
    if (effectiveStatus(c, now) === 'finished') throw conflict('挑战已截止');
    p = await addPlayer(ctx.db, ctx, c, m, challengeDeadline(now, c.timeLimitSeconds ?? 600, c.closesAt as Date));
  }
  return myState(ctx, id);
}

/**
 * Submits my answers once. A second submission, a late one (after my deadline by the server
 * clock), or one naming a question not in the challenge is refused and nothing is counted.
 */
export async function submitChallenge(ctx: ActorCtx, id: number, input: ChallengeSubmitInput) {
  const m = await myMember(ctx);
  const c = (await loadOwn(ctx, COMPETITIONS, id, (x) => openTo(x, m.orgPath))).row;
  if (c.kind !== 'challenge') throw conflict('现场竞赛请逐题作答');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(competitionPlayers)
      .where(and(eq(competitionPlayers.competitionId, c.id), eq(competitionPlayers.memberId, m.id)))
      .for('update');
    if (!p) throw conflict('请先开始挑战');
    if (p.submittedAt) throw conflict('您已提交过本次挑战，每人只能提交一次，本次提交不计分');
    if (p.deadlineAt && !answerInTime(now, p.deadlineAt, rulesetOf(c)))
      throw conflict(`答题时间已到（限时 ${Math.round((c.timeLimitSeconds ?? 0) / 60)} 分钟），本次提交不计分`);
    const qs = await challengeQuestions(tx, c.id, true);
    const byPos = new Map(qs.map((q) => [q.position, q]));
    const seen = new Set<number>();
    const errors: { path: string; message: string }[] = [];
    input.answers.forEach((a, i) => {
      const q = byPos.get(a.position);
      if (!q) errors.push({ path: `answers.${i}.position`, message: `第 ${a.position} 题不在本次挑战中` });
      else if (seen.has(a.position)) errors.push({ path: `answers.${i}.position`, message: `第 ${a.position} 题重复作答` });
      else {
        const bad = a.keys.find((k) => !q.options.some((o) => o.key === k));
        if (bad) errors.push({ path: `answers.${i}.keys`, message: `第 ${a.position} 题没有选项 ${bad}` });
      }
      seen.add(a.position);
    });
    if (errors.length) throw new AppError('VALIDATION', errors[0].message, errors);
    const rows = input.answers.map((a) => {
      const q = byPos.get(a.position) as (typeof qs)[number];
      const keys = [...new Set(a.keys)];
      return {
        competitionId: c.id,
        playerId: p.id,
        questionRowId: q.id,
        position: a.position,
        response: { keys },
        correct: isRightChoice(q.rightKeys ?? [], keys),
        elapsedMs: null,
        answeredAt: now,
        createdAt: now,
        updatedAt: now,
      };
    });
    if (rows.length) await tx.insert(competitionAnswers).values(rows);
    const correct = rows.filter((r) => r.correct).length;
    const [after] = await tx
      .update(competitionPlayers)
      .set({ submittedAt: now, correct, durationMs: now.getTime() - p.joinedAt.getTime(), updatedAt: now })
      .where(eq(competitionPlayers.id, p.id))
      .returning();
    await audit(tx, ctx, {
      action: 'competition.challenge_submit',
      entityType: 'competition',
      entityId: c.id,
      orgId: c.orgId,
      after: { playerId: p.id, memberId: m.id, correct, durationMs: after.durationMs },
    });
    await awardPoints(tx, { memberId: m.id, activity: 'challenge', sourceKey: `competition:${c.id}:${m.id}`, at: now });
  });
  return myState(ctx, id);
}
