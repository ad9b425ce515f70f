import { randomInt } from 'node:crypto';
import {
  COMPETITION_KINDS,
  COMPETITION_STATUSES,
  chinaDay,
  competitionRulesetOn,
  QUESTION_TYPES,
  type QuestionType,
  rankBranches,
} from '@vanguard/shared';
import type {
  CompetitionCreateInput,
  CompetitionDetailDto,
  CompetitionDto,
  CompetitionListQuery,
  LeaderboardDto,
} from '@vanguard/shared/api/competitions';
import { and, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  competitionAnswers,
  competitionPlayers,
  competitionQuestions,
  competitions,
  learningQuestions,
  orgs,
} from '../../db/schema/index.js';
import { COMPETITIONS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { styleHeader } from '../../platform/xlsx.js';
import { usableBy } from '../learning/index.js';
import { awardPoints } from '../points/index.js';
import { type CompetitionRow, effectiveStatus, questionsOf, rankingOf, rulesetOf } from './board.js';

const label = <T extends Record<string, string>>(map: T, k: string) => map[k as keyof T] ?? k;

async function toDtos(db: DbOrTx, rows: CompetitionRow[], now: Date): Promise<CompetitionDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [names, qs, ps] = await Promise.all([
    db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .where(
        inArray(
          orgs.id,
          rows.map((r) => r.orgId),
        ),
      ),
    db
      .select({ id: competitionQuestions.competitionId, n: count() })
      .from(competitionQuestions)
      .where(inArray(competitionQuestions.competitionId, ids))
      .groupBy(competitionQuestions.competitionId),
    db
      .select({ id: competitionPlayers.competitionId, n: count() })
      .from(competitionPlayers)
      .where(inArray(competitionPlayers.competitionId, ids))
      .groupBy(competitionPlayers.competitionId),
  ]);
  const by = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const [nameOf, qOf, pOf] = [by(names), by(qs), by(ps)];
  return rows.map((c) => {
    const status = effectiveStatus(c, now);
    return {
      id: c.id,
      orgId: c.orgId,
      orgName: nameOf.get(c.orgId)?.name ?? '',
      kind: c.kind,
      kindName: label(COMPETITION_KINDS, c.kind),
      title: c.title,
      description: c.description,
      joinCode: c.joinCode,
      secondsPerQuestion: c.secondsPerQuestion,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      timeLimitSeconds: c.timeLimitSeconds,
      status,
      statusName: label(COMPETITION_STATUSES, status),
      questionCount: qOf.get(c.id)?.n ?? 0,
      currentPosition: c.currentPosition,
      players: pOf.get(c.id)?.n ?? 0,
      finishedAt: c.finishedAt,
      createdAt: c.createdAt,
    };
  });
}

async function toDto(db: DbOrTx, c: CompetitionRow, now: Date): Promise<CompetitionDto> {
  return (await toDtos(db, [c], now))[0];
}

/** Competitions of the orgs the actor manages, newest first (deleted ones are gone). */
export async function listCompetitions(ctx: ActorCtx, q: CompetitionListQuery) {
  const where = and(
    inScope(competitions.orgPath, scopeOf(ctx.actor, 'learning:manage')),
    isNull(competitions.deletedAt),
    q.kind ? eq(competitions.kind, q.kind) : undefined,
  ) as SQL;
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(competitions)
      .where(where)
      .orderBy(desc(competitions.createdAt), desc(competitions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(competitions).where(where),
  ]);
  return { items: await toDtos(ctx.db, rows, ctx.now()), total };
}

/** Six digits not used by another competition still open (the partial unique index is the last word). */
async function freeJoinCode(tx: Tx): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const code = String(randomInt(100000, 1000000));
    const [used] = await tx
      .select({ id: competitions.id })
      .from(competitions)
      .where(and(eq(competitions.joinCode, code), sql`${competitions.status} <> 'finished'`, isNull(competitions.deletedAt)));
    if (!used) return code;
  }
  throw conflict('暂时无法生成加入码，请稍后再试');
}

/**
 * Creates a live quiz (draft, with a join code) or a weekly challenge (open for its period), with
 * questions from the bank usable by the org (its own and the banks above it). Each question keeps
 * its current version, so a later edit in the bank never changes this competition.
 */
export async function createCompetition(ctx: ActorCtx, input: CompetitionCreateInput): Promise<CompetitionDto> {
  const id = await ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, input.orgId, 'learning:manage', { db: tx });
    const rs = competitionRulesetOn(chinaDay(ctx.now()));
    const found = await tx
      .select()
      .from(learningQuestions)
      .where(and(inArray(learningQuestions.id, input.questionIds), usableBy(org.path)));
    const byId = new Map(found.map((q) => [q.id, q]));
    const errors: { path: string; message: string }[] = [];
    input.questionIds.forEach((qid, i) => {
      const q = byId.get(qid);
      if (!q?.currentVersionId) errors.push({ path: `questionIds.${i}`, message: `第 ${i + 1} 题不在${org.name}可用的题库中（或已停用）` });
      else if (!(rs.types as readonly string[]).includes(q.type))
        errors.push({
          path: `questionIds.${i}`,
          message: `第 ${i + 1} 题是${label(QUESTION_TYPES, q.type)}，竞赛只能用单选题、多选题、判断题`,
        });
    });
    if (errors.length) throw new AppError('VALIDATION', errors[0].message, errors);
    if (input.kind === 'challenge' && input.closesAt && input.closesAt <= ctx.now()) throw invalid('closesAt', '截止时间应晚于现在');
    const live = input.kind === 'live';
    const [row] = await tx
      .insert(competitions)
      .values({
        orgId: org.id,
        orgPath: org.path,
        kind: input.kind,
        title: input.title,
        description: input.description ?? null,
        joinCode: live ? await freeJoinCode(tx) : null,
        secondsPerQuestion: live ? (input.secondsPerQuestion ?? null) : null,
        opensAt: live ? null : (input.opensAt ?? null),
        closesAt: live ? null : (input.closesAt ?? null),
        timeLimitSeconds: live ? null : (input.timeLimitSeconds ?? null),
        status: live ? 'draft' : 'open',
        rulesVersion: rs.version,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    await tx.insert(competitionQuestions).values(
      input.questionIds.map((qid, i) => {
        const q = byId.get(qid) as (typeof found)[number];
        return { competitionId: row.id, position: i + 1, questionId: qid, versionId: q.currentVersionId as number, type: q.type };
      }),
    );
    await audit(tx, ctx, {
      action: 'competition.create',
      entityType: 'competition',
      entityId: row.id,
      orgId: org.id,
      after: { ...row, questionIds: input.questionIds },
    });
    return row.id;
  });
  return toDto(ctx.db, await loadFor(ctx, COMPETITIONS, id, 'learning:manage'), ctx.now());
}

/** The host view: the competition with every question, its right answer and the answers so far. */
export async function getCompetition(ctx: ActorCtx, id: number): Promise<CompetitionDetailDto> {
  const c = await loadFor(ctx, COMPETITIONS, id, 'learning:manage');
  const qs = await questionsOf(ctx.db, id);
  return {
    ...(await toDto(ctx.db, c, ctx.now())),
    serverNow: ctx.now(),
    questions: qs.map((q) => ({
      position: q.row.position,
      questionId: q.row.questionId,
      type: q.row.type,
      typeName: label(QUESTION_TYPES, q.row.type),
      stem: q.stem,
      options: q.options as { key: string; text: string }[],
      rightKeys: (q.answer as { keys?: string[] }).keys ?? [],
      pushedAt: q.row.pushedAt,
      endsAt: q.row.endsAt,
      answers: q.answers,
      correctAnswers: q.correctAnswers,
    })),
  };
}

async function change(ctx: ActorCtx, id: number, action: string, fn: (tx: Tx, c: CompetitionRow) => Promise<Partial<CompetitionRow>>) {
  await ctx.db.transaction(async (tx) => {
    const before = await loadFor(ctx, COMPETITIONS, id, 'learning:manage', { db: tx, lock: true });
    const set = await fn(tx, before);
    const [after] = await tx
      .update(competitions)
      .set({ ...set, updatedAt: ctx.now() })
      .where(eq(competitions.id, id))
      .returning();
    await audit(tx, ctx, { action, entityType: 'competition', entityId: id, orgId: before.orgId, before, after });
  });
}

const mustBeLive = (c: CompetitionRow) => {
  if (c.kind !== 'live') throw conflict('每周挑战没有现场环节');
};

/** Opens the lobby of a live quiz: phones may join with the code from now on. */
export async function openLobby(ctx: ActorCtx, id: number) {
  await change(ctx, id, 'competition.open', async (_tx, c) => {
    mustBeLive(c);
    if (c.status !== 'draft') throw conflict(`竞赛${label(COMPETITION_STATUSES, c.status)}，不能再开放候场`);
    return { status: 'lobby' };
  });
  return getCompetition(ctx, id);
}

/**
 * Pushes the next question to the phones with its countdown (server clock). The previous
 * question's countdown must be over first, so one question is open at a time.
 */
export async function pushNext(ctx: ActorCtx, id: number) {
  await change(ctx, id, 'competition.push', async (tx, c) => {
    mustBeLive(c);
    if (c.status === 'draft') throw conflict('请先开放候场，让大家加入后再出题');
    if (c.status === 'finished') throw conflict('竞赛已结束');
    const now = ctx.now();
    const qs = await tx
      .select()
      .from(competitionQuestions)
      .where(eq(competitionQuestions.competitionId, id))
      .orderBy(competitionQuestions.position);
    const current = qs.find((q) => q.position === c.currentPosition);
    if (current?.endsAt && now <= current.endsAt)
      throw conflict(`第 ${current.position} 题倒计时尚未结束（还剩 ${Math.ceil((current.endsAt.getTime() - now.getTime()) / 1000)} 秒）`);
    const next = qs.find((q) => q.position === c.currentPosition + 1);
    if (!next) throw conflict('已是最后一题，请结束竞赛');
    const endsAt = new Date(now.getTime() + (c.secondsPerQuestion ?? 20) * 1000);
    await tx.update(competitionQuestions).set({ pushedAt: now, endsAt, updatedAt: now }).where(eq(competitionQuestions.id, next.id));
    return { status: 'running', currentPosition: next.position, startedAt: c.startedAt ?? now };
  });
  return getCompetition(ctx, id);
}

/** Points for each participant (a live quiz: everyone who answered), once per competition and member. */
async function awardAll(tx: Tx, c: CompetitionRow, at: Date) {
  const rows = await tx
    .selectDistinct({ memberId: competitionPlayers.memberId })
    .from(competitionPlayers)
    .innerJoin(competitionAnswers, eq(competitionAnswers.playerId, competitionPlayers.id))
    .where(eq(competitionPlayers.competitionId, c.id));
  for (const r of rows)
    await awardPoints(tx, { memberId: r.memberId, activity: 'competition', sourceKey: `competition:${c.id}:${r.memberId}`, at });
}

/** Ends a live quiz (no answer counts afterwards) or closes a challenge now; participants get their points. */
export async function finishCompetition(ctx: ActorCtx, id: number) {
  await change(ctx, id, 'competition.finish', async (tx, c) => {
    const now = ctx.now();
    if (effectiveStatus(c, now) === 'finished') throw conflict('竞赛已结束');
    if (c.kind === 'live') await awardAll(tx, c, now);
    // Cut a running countdown at now: the question is over for everyone.
    await tx
      .update(competitionQuestions)
      .set({ endsAt: now, updatedAt: now })
      .where(and(eq(competitionQuestions.competitionId, id), sql`${competitionQuestions.endsAt} > ${now}`));
    return {
      status: 'finished',
      finishedAt: now,
      ...(c.kind === 'challenge' && c.closesAt && c.closesAt > now ? { closesAt: now } : {}),
    };
  });
  return getCompetition(ctx, id);
}

/** Deletes a competition (kept in the database, hidden everywhere); a running live quiz must be ended first. */
export async function deleteCompetition(ctx: ActorCtx, id: number): Promise<{ id: number; deleted: true }> {
  await change(ctx, id, 'competition.delete', async (_tx, c) => {
    if (c.status === 'running') throw conflict('竞赛正在进行，请先结束再删除');
    return { deletedAt: ctx.now() };
  });
  return { id, deleted: true };
}

/** The leaderboard by person and by branch (host view). */
export async function leaderboard(ctx: ActorCtx, id: number): Promise<LeaderboardDto> {
  const c = await loadFor(ctx, COMPETITIONS, id, 'learning:manage');
  return boardDto(ctx.db, c);
}

async function boardDto(db: DbOrTx, c: CompetitionRow): Promise<LeaderboardDto> {
  const { players, answers } = await rankingOf(db, c);
  return { competitionId: c.id, players, branches: rankBranches(players, rulesetOf(c)), answers };
}

/** Results as Excel: ranking by person, by branch, and each question's right rate. */
export async function resultsXlsx(ctx: ActorCtx, id: number) {
  const c = await loadFor(ctx, COMPETITIONS, id, 'learning:manage');
  const board = await boardDto(ctx.db, c);
  const qs = await questionsOf(ctx.db, id);
  const wb = new ExcelJS.Workbook();
  const s1 = wb.addWorksheet('个人排名');
  styleHeader(s1.addRow(['名次', '姓名', '所在支部', '答对题数', '用时（秒）', '作答题数']));
  for (const p of board.players) s1.addRow([p.rank, p.name, p.branchName, p.correct, Math.round(p.timeMs / 100) / 10, p.answered]);
  const s2 = wb.addWorksheet('支部排名');
  styleHeader(s2.addRow(['名次', '党支部', '参赛人数', '人均答对题数', '人均用时（秒）']));
  for (const b of board.branches) s2.addRow([b.rank, b.branchName, b.players, b.avgCorrect, Math.round(b.avgTimeMs / 100) / 10]);
  const s3 = wb.addWorksheet('试题');
  styleHeader(s3.addRow(['题号', '题型', '题干', '正确答案', '作答人数', '答对人数', '正确率']));
  for (const q of qs)
    s3.addRow([
      q.row.position,
      label(QUESTION_TYPES, q.row.type as QuestionType),
      q.stem,
      ((q.answer as { keys?: string[] }).keys ?? []).map((k) => (k === 'true' ? '正确' : k === 'false' ? '错误' : k)).join(''),
      q.answers,
      q.correctAnswers,
      q.answers ? `${Math.round((q.correctAnswers / q.answers) * 1000) / 10}%` : '—',
    ]);
  for (const s of [s1, s2, s3]) for (const col of s.columns) col.width = 16;
  s3.getColumn(3).width = 60;
  await audit(ctx.db, ctx, { action: 'competition.export', entityType: 'competition', entityId: id, orgId: c.orgId });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, fileName: `竞赛成绩-${c.title}.xlsx`, asciiName: `competition-${id}-results.xlsx` };
}
