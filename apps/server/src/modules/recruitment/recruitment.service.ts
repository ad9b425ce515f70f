import {
  ageOn,
  approvalState,
  CONVERSION_STEPS,
  checkContacts,
  checkExtension,
  checkMemberFacts,
  checkSponsors,
  chinaDay,
  EXCLUDED_ABSENCE_REASONS,
  probationEndsOn,
  RECRUITMENT_FORMS,
  RECRUITMENT_RULESETS,
  RECRUITMENT_STAGES,
  type RecruitmentForm,
  type RecruitmentRuleset,
  type RuleProblem,
  recruitmentRulesetOn,
  stepDef,
  talkDueOn,
  tallyVote,
  targetOpensOn,
  trainingEnough,
} from '@vanguard/shared';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import {
  files,
  memberRecords,
  memberStatusHistory,
  members,
  orgs,
  recruitmentCases,
  recruitmentChecks,
  recruitmentPlans,
  recruitmentSteps,
  recruitmentVotes,
  users,
  workers,
} from '../../db/schema/index.js';
import { assertCan, covers, inScope, scopeOf, visibleScope } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { createMember } from '../members/index.js';
import { type CaseFacts, nextStep, periodicDue, stageOf } from './recruitment.rules.js';
import {
  type CaseCreateInput,
  type CaseDetailDto,
  type CaseListQuery,
  type CaseSummaryDto,
  type CheckCreateInput,
  FORM_SCHEMAS,
  type PlanUpsertInput,
  type StepCompleteInput,
} from './recruitment.schemas.js';

type CaseRow = typeof recruitmentCases.$inferSelect;

/** `column = ANY($1)` with the ids as one array parameter (a list of thousands of parameters is slow to plan). */
export const anyId = (column: AnyPgColumn, ids: number[]) => sql`${column} = ANY(${sql.param(ids)}::int[])`;

const one = (path: string, message: string) => invalid([{ path, message }]);

export function rulesetOf(c: Pick<CaseRow, 'rulesetVersion'>): RecruitmentRuleset {
  return RECRUITMENT_RULESETS.find((r) => r.version === c.rulesetVersion) ?? RECRUITMENT_RULESETS[0];
}

async function orgOr404(db: DbOrTx, ctx: ActorCtx, orgId: number, permission: 'members:read' | 'members:write' | 'recruitment:approve') {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org || org.dissolvedAt) throw notFound('该组织');
  assertCan(ctx.actor, permission, org.path, '该组织');
  return org;
}

/** Files attached to a step: they must exist and be the actor's own uploads or inside what they can see. */
async function checkFiles(tx: DbOrTx, ctx: ActorCtx, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: files.id, ownerId: files.ownerId, path: orgs.path })
    .from(files)
    .leftJoin(orgs, eq(orgs.id, files.orgId))
    .where(inArray(files.id, ids));
  const vis = visibleScope(ctx.actor);
  ids.forEach((id, i) => {
    const f = rows.find((r) => r.id === id);
    if (!f || (f.ownerId !== ctx.actor.userId && !(f.path && covers(vis, f.path)))) throw one(`fileIds.${i}`, '附件不存在或无权使用');
  });
}

/* ---------- reading ---------- */

async function lastChecks(db: DbOrTx, caseIds: number[]) {
  const map = new Map<number, { review: string | null; thought_report: string | null }>();
  if (caseIds.length === 0) return map;
  const rows = await db
    .select({ caseId: recruitmentChecks.caseId, kind: recruitmentChecks.kind, last: sql<string>`max(${recruitmentChecks.doneOn})::text` })
    .from(recruitmentChecks)
    .where(anyId(recruitmentChecks.caseId, caseIds))
    .groupBy(recruitmentChecks.caseId, recruitmentChecks.kind);
  for (const r of rows) {
    const m = map.get(r.caseId) ?? { review: null, thought_report: null };
    m[r.kind as 'review' | 'thought_report'] = r.last;
    map.set(r.caseId, m);
  }
  return map;
}

/**
 * The date of the last step done, and of the branch meeting awaiting approval, per case. Only the
 * rows needed are read (the last step and the meetings, at most a few per case), grouped by case.
 */
async function stepDates(db: DbOrTx, cases: CaseRow[]) {
  const map = new Map<number, { lastDoneOn: string; resolutionOn: string | null }>();
  if (cases.length === 0) return map;
  const rows = await db
    .select({
      caseId: recruitmentSteps.caseId,
      stepNo: recruitmentSteps.stepNo,
      round: recruitmentSteps.round,
      doneOn: recruitmentSteps.doneOn,
    })
    .from(recruitmentSteps)
    .innerJoin(recruitmentCases, eq(recruitmentCases.id, recruitmentSteps.caseId))
    .where(
      and(
        anyId(
          recruitmentSteps.caseId,
          cases.map((c) => c.id),
        ),
        sql`(${recruitmentSteps.stepNo} = ${recruitmentCases.lastStep} OR ${recruitmentSteps.stepNo} IN (15, 23))`,
      ),
    );
  const byCase = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = byCase.get(r.caseId);
    if (list) list.push(r);
    else byCase.set(r.caseId, [r]);
  }
  for (const c of cases) {
    const mine = byCase.get(c.id) ?? [];
    const last = mine.find((r) => r.stepNo === c.lastStep && (r.stepNo < 22 || r.stepNo === 25 || r.round === c.round));
    const meeting = c.lastStep >= 23 ? mine.find((r) => r.stepNo === 23 && r.round === c.round) : mine.find((r) => r.stepNo === 15);
    const awaiting = (c.lastStep >= 15 && c.lastStep < 17) || c.lastStep === 23;
    map.set(c.id, { lastDoneOn: last?.doneOn ?? c.appliedOn, resolutionOn: awaiting ? (meeting?.doneOn ?? null) : null });
  }
  return map;
}

function facts(c: CaseRow, d: { lastDoneOn: string; resolutionOn: string | null } | undefined): CaseFacts {
  return {
    status: c.status,
    lastStep: c.lastStep,
    appliedOn: c.appliedOn,
    activistOn: c.activistOn,
    admittedOn: c.admittedOn,
    probationEndsOn: c.probationEndsOn,
    lastDoneOn: d?.lastDoneOn ?? c.appliedOn,
    resolutionOn: d?.resolutionOn ?? null,
  };
}

async function summaries(db: DbOrTx, rows: (CaseRow & { orgName: string })[], today: string): Promise<CaseSummaryDto[]> {
  const [checks, dates] = await Promise.all([
    lastChecks(
      db,
      rows.map((r) => r.id),
    ),
    stepDates(db, rows),
  ]);
  return rows.map((c) => {
    const rs = rulesetOf(c);
    const stage = c.status === 'completed' ? 5 : stageOf(c.lastStep);
    return {
      id: c.id,
      orgId: c.orgId,
      orgName: c.orgName,
      name: c.name,
      sex: c.sex,
      stage,
      stageName: RECRUITMENT_STAGES[stage],
      lastStep: c.lastStep,
      status: c.status,
      appliedOn: c.appliedOn,
      activistOn: c.activistOn,
      targetOn: c.targetOn,
      admittedOn: c.admittedOn,
      probationEndsOn: c.probationEndsOn,
      fullOn: c.fullOn,
      memberId: c.memberId,
      next: nextStep(facts(c, dates.get(c.id)), today, rs),
      periodic: periodicDue(c, checks.get(c.id) ?? { review: null, thought_report: null }, today, rs),
    };
  });
}

const caseColumns = { c: recruitmentCases, orgName: orgs.name };

/** Summaries with the next step and periodic items, for the reminder job (no actor: the job decides who is told). */
export const listCaseSummariesForJob = summaries;

/** The board: people in recruitment in an org's subtree, by stage, with what is due next. */
export async function listCases(ctx: ActorCtx, q: CaseListQuery) {
  const org = await orgOr404(ctx.db, ctx, q.orgId, 'members:read');
  const conds: SQL[] = [
    inScope(recruitmentCases.orgPath, scopeOf(ctx.actor, 'members:read')),
    sql`${recruitmentCases.orgPath} LIKE ${`${org.path}%`}`,
    eq(recruitmentCases.status, q.status),
  ];
  if (q.q) conds.push(sql`${recruitmentCases.name} LIKE ${`%${q.q.replace(/[%_\\]/g, '\\$&')}%`}`);
  // Stage from the last step: stage boundaries are steps 2 / 6 / 11 / 18 / 25.
  const bounds: Record<number, [number, number]> = { 1: [0, 1], 2: [2, 5], 3: [6, 10], 4: [11, 17], 5: [18, 25] };
  const where = and(...conds) as SQL;
  const staged = q.stage ? and(where, sql`${recruitmentCases.lastStep} BETWEEN ${bounds[q.stage][0]} AND ${bounds[q.stage][1]}`) : where;
  const [rows, [{ total }], stageRows] = await Promise.all([
    ctx.db
      .select(caseColumns)
      .from(recruitmentCases)
      .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
      .where(staged)
      .orderBy(desc(recruitmentCases.lastStep), asc(recruitmentCases.appliedOn), asc(recruitmentCases.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(recruitmentCases).where(staged),
    ctx.db
      .select({ lastStep: recruitmentCases.lastStep, n: count() })
      .from(recruitmentCases)
      .where(where)
      .groupBy(recruitmentCases.lastStep),
  ]);
  const stageCounts: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of stageRows) stageCounts[stageOf(r.lastStep)] += r.n;
  const today = chinaDay(ctx.now());
  const items = await summaries(
    ctx.db,
    rows.map((r) => ({ ...r.c, orgName: r.orgName })),
    today,
  );
  return { items, total, stageCounts };
}

/** Cases whose next step is the committee's, in the actor's approval scope (under an org). */
export async function listApprovals(ctx: ActorCtx, orgId: number) {
  const org = await orgOr404(ctx.db, ctx, orgId, 'recruitment:approve');
  const committeeSteps = [4, 8, 13, 16, 17, 18, 24].map((n) => n - 1);
  const rows = await ctx.db
    .select(caseColumns)
    .from(recruitmentCases)
    .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
    .where(
      and(
        inScope(recruitmentCases.orgPath, scopeOf(ctx.actor, 'recruitment:approve')),
        sql`${recruitmentCases.orgPath} LIKE ${`${org.path}%`}`,
        eq(recruitmentCases.status, 'active'),
        inArray(recruitmentCases.lastStep, committeeSteps),
      ),
    )
    .orderBy(asc(recruitmentCases.updatedAt), asc(recruitmentCases.id))
    .limit(500);
  const items = await summaries(
    ctx.db,
    rows.map((r) => ({ ...r.c, orgName: r.orgName })),
    chinaDay(ctx.now()),
  );
  return { items, total: items.length };
}

async function caseOr404(db: DbOrTx, ctx: ActorCtx, id: number, lock = false) {
  const q = db.select().from(recruitmentCases).where(eq(recruitmentCases.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('该发展对象');
  if (!covers(visibleScope(ctx.actor), row.orgPath)) throw notFound('该发展对象');
  return row;
}

export async function getCase(ctx: ActorCtx, id: number, lastVoteId: number | null = null, db: DbOrTx = ctx.db): Promise<CaseDetailDto> {
  const c = await caseOr404(db, ctx, id);
  assertCan(ctx.actor, 'members:read', c.orgPath, '该发展对象');
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, c.orgId));
  const today = chinaDay(ctx.now());
  const [summary] = await summaries(db, [{ ...c, orgName: org?.name ?? '' }], today);
  const [steps, checks, votes] = await Promise.all([
    db
      .select({ s: recruitmentSteps, by: users.displayName })
      .from(recruitmentSteps)
      .leftJoin(users, eq(users.id, recruitmentSteps.confirmedBy))
      .where(eq(recruitmentSteps.caseId, id))
      .orderBy(asc(recruitmentSteps.doneOn), asc(recruitmentSteps.stepNo), asc(recruitmentSteps.round)),
    db.select().from(recruitmentChecks).where(eq(recruitmentChecks.caseId, id)).orderBy(asc(recruitmentChecks.doneOn)),
    db.select().from(recruitmentVotes).where(eq(recruitmentVotes.caseId, id)).orderBy(asc(recruitmentVotes.id)),
  ]);
  const fileIds = [...new Set(steps.flatMap((s) => s.s.fileIds))];
  const fileRows = fileIds.length ? await db.select({ id: files.id, name: files.name }).from(files).where(inArray(files.id, fileIds)) : [];
  const rs = rulesetOf(c);
  const voteDto = (v: typeof recruitmentVotes.$inferSelect) => ({
    id: v.id,
    stepNo: v.stepNo,
    round: v.round,
    meetingOn: v.meetingOn,
    fullMembers: v.fullMembers,
    excluded: v.excluded,
    entitled: v.entitled,
    present: v.present,
    forCount: v.forCount,
    againstCount: v.againstCount,
    abstainCount: v.abstainCount,
    absentOpinionsFor: v.absentOpinionsFor,
    passed: v.passed,
  });
  const lastVote = lastVoteId ? votes.find((v) => v.id === lastVoteId) : undefined;
  return {
    ...summary,
    birthDate: c.birthDate,
    age: ageOn(c.birthDate, today),
    education: c.education,
    post: c.post,
    workerId: c.workerId,
    round: c.round,
    extensionMonths: c.extensionMonths,
    endedOn: c.endedOn,
    endReason: c.endReason,
    rulesetVersion: rs.version,
    rulesetSource: rs.source,
    steps: steps.map(({ s, by }) => ({
      id: s.id,
      stepNo: s.stepNo,
      round: s.round,
      name: stepDef(s.stepNo)?.name ?? '',
      doneOn: s.doneOn,
      actors: s.actors,
      people: s.people,
      form: s.form,
      files: s.fileIds.map((fid) => ({ id: fid, name: fileRows.find((f) => f.id === fid)?.name ?? '附件' })),
      note: s.note,
      late: s.late,
      confirmedBy: by ?? '',
      confirmedAt: s.confirmedAt,
    })),
    checks: checks.map((k) => ({ id: k.id, kind: k.kind, doneOn: k.doneOn, note: k.note })),
    votes: votes.map(voteDto),
    lastVote: lastVote ? voteDto(lastVote) : null,
  };
}

/** Full members in normal standing of the case's branch: those entitled to vote. */
async function fullMembersOf(db: DbOrTx, orgPath: string) {
  return db
    .select({ id: members.id, name: members.name, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(sql`${members.orgPath} LIKE ${`${orgPath}%`}`, eq(members.category, 'full'), eq(members.status, 'normal')))
    .orderBy(asc(members.name), asc(members.id));
}

export async function listVoters(ctx: ActorCtx, id: number) {
  const c = await caseOr404(ctx.db, ctx, id);
  assertCan(ctx.actor, 'members:read', c.orgPath, '该发展对象');
  const items = await fullMembersOf(ctx.db, c.orgPath);
  return { items, total: items.length };
}

/** Workers of an org's subtree who are not already in recruitment: the people who may apply. */
export async function listApplicableWorkers(ctx: ActorCtx, orgId: number, q?: string) {
  const org = await orgOr404(ctx.db, ctx, orgId, 'members:read');
  const rows = await ctx.db
    .select({ id: workers.id, name: workers.name, sex: workers.sex, team: workers.team, orgName: orgs.name })
    .from(workers)
    .innerJoin(orgs, eq(orgs.id, workers.orgId))
    .where(
      and(
        inScope(workers.orgPath, scopeOf(ctx.actor, 'members:read')),
        sql`${workers.orgPath} LIKE ${`${org.path}%`}`,
        q ? sql`${workers.name} LIKE ${`%${q.replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
        sql`NOT EXISTS (SELECT 1 FROM recruitment_cases rc WHERE rc.worker_id = ${workers.id} AND rc.status = 'active')`,
      ),
    )
    .orderBy(asc(workers.name), asc(workers.id))
    .limit(50);
  return { items: rows, total: rows.length };
}

/* ---------- writing ---------- */

/**
 * A new applicant in a branch; step 1 (递交入党申请书) is recorded with the application date.
 * Idempotent without an ID number too: the same person (branch, name, sex, birth date) sent again
 * with the same application date is a retry and gets the case made the first time; with another
 * date it is refused as a second registration. One transaction at a time per person (advisory lock).
 */
export async function createCase(ctx: ActorCtx, input: CaseCreateInput): Promise<CaseDetailDto> {
  const today = chinaDay(ctx.now());
  const rs = recruitmentRulesetOn(input.appliedOn);
  const id = await ctx.db.transaction(async (tx) => {
    const org = await orgOr404(tx, ctx, input.orgId, 'members:write');
    const problems: RuleProblem[] = [];
    if (input.appliedOn > today) problems.push({ path: 'appliedOn', message: '申请日期不能晚于今天' });
    if (ageOn(input.birthDate, input.appliedOn) < rs.minAge)
      problems.push({ path: 'birthDate', message: `申请入党须年满${rs.minAge}岁（申请日 ${input.appliedOn} 时未满）` });
    if (input.idNumber) {
      const facts = checkMemberFacts({ idNumber: input.idNumber, birthDate: input.birthDate, sex: input.sex });
      problems.push(...facts.map((p) => ({ path: p.path, message: p.message })));
    }
    if (input.workerId) {
      const [w] = await tx.select().from(workers).where(eq(workers.id, input.workerId));
      if (!w?.orgPath.startsWith(org.path)) problems.push({ path: 'workerId', message: `该职工不在${org.name}` });
    }
    if (problems.length) throw invalid(problems);
    await checkFiles(tx, ctx, input.fileIds);
    const bi = input.idNumber ? ctx.ciphers.members.blindIndex(input.idNumber) : null;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`recruitment:apply:${org.id}:${input.name}:${input.birthDate}`}))`);
    const [same] = await tx
      .select()
      .from(recruitmentCases)
      .where(
        and(
          eq(recruitmentCases.orgId, org.id),
          eq(recruitmentCases.name, input.name),
          eq(recruitmentCases.birthDate, input.birthDate),
          eq(recruitmentCases.sex, input.sex),
          eq(recruitmentCases.status, 'active'),
        ),
      )
      .orderBy(asc(recruitmentCases.id))
      .limit(1);
    if (same) {
      const retry =
        same.appliedOn === input.appliedOn &&
        (same.workerId ?? null) === (input.workerId ?? null) &&
        (!bi || !same.idNumberBi || same.idNumberBi === bi);
      if (retry) return same.id;
      throw one('name', `${input.name}（${input.birthDate} 出生）已在本支部的发展党员流程中（${same.appliedOn} 申请），请勿重复登记`);
    }
    if (bi) {
      const [m] = await tx.select({ id: members.id }).from(members).where(eq(members.idNumberBi, bi));
      if (m) throw one('idNumber', '该身份证号已在党员档案中，不能再作为入党申请人');
      const [dup] = await tx
        .select({ id: recruitmentCases.id })
        .from(recruitmentCases)
        .where(and(eq(recruitmentCases.idNumberBi, bi), eq(recruitmentCases.status, 'active')));
      if (dup) throw one('idNumber', '此人已在发展党员流程中');
    }
    if (input.workerId) {
      const [dup] = await tx
        .select({ id: recruitmentCases.id })
        .from(recruitmentCases)
        .where(and(eq(recruitmentCases.workerId, input.workerId), eq(recruitmentCases.status, 'active')));
      if (dup) throw one('workerId', '该职工已在发展党员流程中');
    }
    const [row] = await tx
      .insert(recruitmentCases)
      .values({
        orgId: org.id,
        orgPath: org.path,
        workerId: input.workerId ?? null,
        name: input.name,
        sex: input.sex,
        birthDate: input.birthDate,
        idNumberEnc: input.idNumber ? ctx.ciphers.members.encrypt(input.idNumber) : null,
        idNumberBi: bi,
        education: input.education ?? null,
        post: input.post ?? null,
        rulesetVersion: rs.version,
        lastStep: 1,
        appliedOn: input.appliedOn,
      })
      .returning({ id: recruitmentCases.id });
    await tx.insert(recruitmentSteps).values({
      caseId: row.id,
      stepNo: 1,
      doneOn: input.appliedOn,
      fileIds: input.fileIds,
      note: input.note ?? null,
      confirmedBy: ctx.actor.userId,
      confirmedAt: ctx.now(),
    });
    await audit(tx, ctx, {
      action: 'recruitment.apply',
      entityType: 'recruitment_case',
      entityId: row.id,
      orgId: org.id,
      after: { ...input, talkDueOn: talkDueOn(input.appliedOn, rs) },
    });
    return row.id;
  });
  return getCase(ctx, id);
}

/** The step record of a case in its current round (steps 22–24 repeat after an extension). */
const roundOf = (stepNo: number, c: CaseRow) => ((CONVERSION_STEPS as readonly number[]).includes(stepNo) || stepNo === 25 ? c.round : 0);

async function stepRecord(tx: DbOrTx, c: CaseRow, stepNo: number) {
  const [s] = await tx
    .select()
    .from(recruitmentSteps)
    .where(and(eq(recruitmentSteps.caseId, c.id), eq(recruitmentSteps.stepNo, stepNo), eq(recruitmentSteps.round, roundOf(stepNo, c))));
  return s;
}

/** Members chosen for a role: in the case's branch; facts for the rule check. */
async function peopleOf(tx: DbOrTx, c: CaseRow, ids: number[]) {
  const rows = ids.length ? await tx.select().from(members).where(inArray(members.id, ids)) : [];
  const problems: RuleProblem[] = [];
  if (new Set(ids).size !== ids.length) problems.push({ path: 'people', message: '人员重复' });
  const people = ids.map((id, i) => {
    const m = rows.find((r) => r.id === id);
    if (!m?.orgPath.startsWith(c.orgPath)) problems.push({ path: `people.${i}`, message: '所选党员不在本支部' });
    return { id, name: m?.name ?? '', category: m?.category ?? '', status: m?.status ?? '' };
  });
  return { people, problems };
}

type MemberCtx = ActorCtx;

/** Completes the next step of a case: order, dates and the step's own rules checked; all or nothing. */
export async function completeStep(ctx: ActorCtx, id: number, stepNo: number, input: StepCompleteInput): Promise<CaseDetailDto> {
  const today = chinaDay(ctx.now());
  let lastVoteId: number | null = null;
  await ctx.db.transaction(async (tx) => {
    const c = await caseOr404(tx, ctx, id, true);
    const def = stepDef(stepNo);
    if (!def) throw notFound('该步骤');
    assertCan(ctx.actor, def.actor === 'committee' ? 'recruitment:approve' : 'members:write', c.orgPath, '该发展对象');
    const rs = rulesetOf(c);
    if (c.status !== 'active') {
      const what =
        { completed: '已转为正式党员，发展程序已完成', cancelled: '已取消预备党员资格', stopped: '已终止发展' }[c.status] ?? '已结束';
      throw conflict(`${c.name}${what}${c.endReason ? `（${c.endReason}）` : ''}，不能再办理`);
    }
    const expected = c.lastStep + 1;
    if (stepNo !== expected) {
      const exp = stepDef(expected);
      throw conflict(
        stepNo <= c.lastStep
          ? `第 ${stepNo} 步“${def.name}”已办理`
          : `请按顺序办理：下一步是第 ${expected} 步“${exp?.name ?? ''}”，不能先办第 ${stepNo} 步“${def.name}”`,
      );
    }
    const prev = await stepRecord(tx, c, c.lastStep);
    const prevOn = prev?.doneOn ?? c.appliedOn;
    const problems: RuleProblem[] = [];
    if (input.doneOn > today) problems.push({ path: 'doneOn', message: '办理日期不能晚于今天' });
    if (input.doneOn < prevOn) problems.push({ path: 'doneOn', message: `办理日期不能早于上一步的日期 ${prevOn}` });
    if (problems.length) throw invalid(problems);

    // The step's form, if it has one.
    let form: Record<string, unknown> = {};
    if (def.form) {
      const parsed = FORM_SCHEMAS[def.form].safeParse(input.form);
      if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: ['form', ...i.path].join('.'), message: i.message })));
      form = { ...parsed.data, kind: def.form, title: RECRUITMENT_FORMS[def.form as RecruitmentForm] };
    }
    let late = false;
    let people: { memberId: number; name: string; role: string }[] = [];
    const patch: Partial<typeof recruitmentCases.$inferInsert> = {};

    switch (stepNo) {
      case 2: {
        const due = talkDueOn(c.appliedOn, rs);
        if (input.doneOn > due) {
          late = true;
          if (!input.lateReason)
            throw one('lateReason', `谈话应在收到申请书后 ${rs.talkWithinMonths} 个月内（${due} 前）进行，逾期谈话请填写逾期原因`);
        }
        break;
      }
      case 3:
        patch.activistOn = input.doneOn;
        break;
      case 5:
      case 9: {
        const { people: ps, problems: pp } = await peopleOf(tx, c, input.people);
        const rule = stepNo === 5 ? checkContacts(ps, rs) : checkSponsors(ps, rs);
        const all = [...pp, ...rule];
        if (all.length) throw invalid(all);
        people = ps.map((p) => ({ memberId: p.id, name: p.name, role: stepNo === 5 ? '培养联系人' : '入党介绍人' }));
        break;
      }
      case 7: {
        const opens = targetOpensOn(c.activistOn ?? c.appliedOn, rs);
        if (input.doneOn < opens)
          throw one('doneOn', `确定为入党积极分子（${c.activistOn}）满 1 年后方可确定为发展对象，${opens} 起可办理`);
        break;
      }
      case 8:
        patch.targetOn = input.doneOn;
        break;
      case 11: {
        const f = form as { days: number; hours: number };
        if (!trainingEnough(f.days, f.hours, rs))
          throw one(
            'form.days',
            `集中培训不少于 ${rs.training.minDays} 天或不少于 ${rs.training.minHours} 个学时（现为 ${f.days} 天、${f.hours} 学时）`,
          );
        break;
      }
      case 13:
        if ((form as { leavingSoon: boolean }).leavingSoon)
          throw one('form.leavingSoon', `发展对象未来 ${rs.leavingWithinMonths} 个月内将离开工作单位的，一般不办理接收`);
        break;
      case 15:
      case 23: {
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
        const voters = await fullMembersOf(tx, c.orgPath);
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
        lastVoteId = v.id;
        await audit(tx, ctx, {
          action: 'recruitment.vote',
          entityType: 'recruitment_case',
          entityId: c.id,
          orgId: c.orgId,
          after: { stepNo, meetingOn: input.doneOn, ...tally, outcome },
        });
        if (!tally.passed) return; // recorded as not passed; the step stays open
        form = { ...form, outcome, tally };
        if (stepNo === 15) {
          patch.admittedOn = input.doneOn;
          patch.probationEndsOn = probationEndsOn(input.doneOn, null, rs);
        }
        break;
      }
      case 17:
      case 24: {
        const meeting = await stepRecord(tx, c, stepNo === 17 ? 15 : 23);
        const state = approvalState(meeting.doneOn, input.doneOn, rs);
        if (state === 'expired')
          throw one('doneOn', `支部大会决议（${meeting.doneOn}）后超过 ${rs.approval.maxMonths} 个月未审批，须重新履行程序`);
        if (state === 'overdue') {
          late = true;
          if (!input.lateReason) throw one('lateReason', `应在支部大会决议后 ${rs.approval.dueMonths} 个月内审批，逾期审批请填写原因`);
        }
        break;
      }
    }

    const [step] = await tx
      .insert(recruitmentSteps)
      .values({
        caseId: c.id,
        stepNo,
        round: roundOf(stepNo, c),
        doneOn: input.doneOn,
        actors: input.actors ?? null,
        people,
        form,
        fileIds: input.fileIds,
        note: [input.note, input.lateReason ? `逾期原因：${input.lateReason}` : null].filter(Boolean).join('\n') || null,
        late,
        confirmedBy: ctx.actor.userId,
        confirmedAt: ctx.now(),
      })
      .returning();
    await checkFiles(tx, ctx, input.fileIds);

    // Political review failed: the case stops here (未经政审或政审不合格的，不能发展入党).
    if (stepNo === 10 && (form as { conclusion: string }).conclusion === 'fail') {
      patch.status = 'stopped';
      patch.endedOn = input.doneOn;
      patch.endReason = '政治审查不合格，不能发展入党';
    }
    let memberId = c.memberId;
    const mctx = { ...ctx, db: tx as unknown as Db } as MemberCtx;
    if (stepNo === 17) memberId = await admit(tx, mctx, c, input.doneOn);
    if (stepNo === 24) Object.assign(patch, await decideProbation(tx, ctx, c, input.doneOn, rs));
    if (stepNo === 25) Object.assign(patch, { status: c.fullOn ? 'completed' : c.status, endedOn: input.doneOn });
    patch.lastStep = stepNo;
    if (patch.round !== undefined) patch.lastStep = 21; // extension: steps 22–24 again in the new round
    await tx
      .update(recruitmentCases)
      .set({ ...patch, memberId, updatedAt: ctx.now() })
      .where(eq(recruitmentCases.id, c.id));
    if (memberId) await archiveSteps(tx, memberId, c.id, stepNo === 17 ? null : step.id);
    await audit(tx, ctx, {
      action: 'recruitment.step',
      entityType: 'recruitment_case',
      entityId: c.id,
      orgId: c.orgId,
      after: { stepNo, name: def.name, doneOn: input.doneOn, people, form, fileIds: input.fileIds, late, ...patch },
    });
  });
  return getCase(ctx, id, lastVoteId);
}

/** Approval of admission: the person becomes a 预备党员 in the member archive (members service). */
async function admit(tx: Tx, ctx: MemberCtx, c: CaseRow, approvedOn: string): Promise<number> {
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
async function decideProbation(tx: Tx, ctx: ActorCtx, c: CaseRow, approvedOn: string, rs: RecruitmentRuleset) {
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
async function archiveSteps(tx: Tx, memberId: number, caseId: number, onlyStepId: number | null) {
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

/** A branch review (每半年考察) or a thought report (思想汇报), while cultivating or on probation. */
export async function addCheck(ctx: ActorCtx, id: number, input: CheckCreateInput): Promise<CaseDetailDto> {
  const today = chinaDay(ctx.now());
  await ctx.db.transaction(async (tx) => {
    const c = await caseOr404(tx, ctx, id, true);
    assertCan(ctx.actor, 'members:write', c.orgPath, '该发展对象');
    if (c.status !== 'active' || !c.activistOn) throw conflict('确定为入党积极分子后才记录考察和思想汇报');
    if (input.doneOn > today) throw one('doneOn', '日期不能晚于今天');
    if (input.doneOn < c.activistOn) throw one('doneOn', `日期不能早于确定为入党积极分子的日期 ${c.activistOn}`);
    await checkFiles(tx, ctx, input.fileIds);
    const [row] = await tx
      .insert(recruitmentChecks)
      .values({
        caseId: c.id,
        kind: input.kind,
        doneOn: input.doneOn,
        note: input.note ?? null,
        fileIds: input.fileIds,
        recordedBy: ctx.actor.userId,
      })
      .returning({ id: recruitmentChecks.id });
    await audit(tx, ctx, {
      action: `recruitment.${input.kind}`,
      entityType: 'recruitment_case',
      entityId: c.id,
      orgId: c.orgId,
      after: { checkId: row.id, ...input },
    });
  });
  return getCase(ctx, id);
}

/* ---------- annual plans ---------- */

/** 发展计划 of every branch in an org's subtree for a year, with what was actually done. */
export async function listPlans(ctx: ActorCtx, orgId: number, year: number) {
  const org = await orgOr404(ctx.db, ctx, orgId, 'members:read');
  const scope = scopeOf(ctx.actor, 'members:read');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [plans, actual] = await Promise.all([
    ctx.db
      .select({ p: recruitmentPlans, orgName: orgs.name })
      .from(recruitmentPlans)
      .innerJoin(orgs, eq(orgs.id, recruitmentPlans.orgId))
      .where(
        and(
          inScope(recruitmentPlans.orgPath, scope),
          sql`${recruitmentPlans.orgPath} LIKE ${`${org.path}%`}`,
          eq(recruitmentPlans.year, year),
        ),
      ),
    ctx.db
      .select({
        orgId: recruitmentCases.orgId,
        orgName: orgs.name,
        activists: sql<number>`count(*) FILTER (WHERE ${recruitmentSteps.stepNo} = 3)::int`,
        targets: sql<number>`count(*) FILTER (WHERE ${recruitmentSteps.stepNo} = 8)::int`,
        admissions: sql<number>`count(*) FILTER (WHERE ${recruitmentSteps.stepNo} = 17)::int`,
        conversions: sql<number>`count(*) FILTER (WHERE ${recruitmentSteps.stepNo} = 24 AND ${recruitmentSteps.form}->>'kind' = 'approval' AND EXISTS (SELECT 1 FROM recruitment_steps m WHERE m.case_id = ${recruitmentSteps.caseId} AND m.step_no = 23 AND m.round = ${recruitmentSteps.round} AND m.form->>'outcome' = 'convert'))::int`,
      })
      .from(recruitmentSteps)
      .innerJoin(recruitmentCases, eq(recruitmentCases.id, recruitmentSteps.caseId))
      .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
      .where(
        and(
          inScope(recruitmentCases.orgPath, scope),
          sql`${recruitmentCases.orgPath} LIKE ${`${org.path}%`}`,
          sql`${recruitmentSteps.doneOn} BETWEEN ${from} AND ${to}`,
        ),
      )
      .groupBy(recruitmentCases.orgId, orgs.name),
  ]);
  const zero = { activists: 0, targets: 0, admissions: 0, conversions: 0 };
  const byOrg = new Map<
    number,
    { orgId: number; orgName: string; year: number; planned: typeof zero | null; actual: typeof zero; note: string | null }
  >();
  for (const { p, orgName } of plans)
    byOrg.set(p.orgId, {
      orgId: p.orgId,
      orgName,
      year,
      planned: { activists: p.activists, targets: p.targets, admissions: p.admissions, conversions: p.conversions },
      actual: { ...zero },
      note: p.note,
    });
  for (const a of actual) {
    const row = byOrg.get(a.orgId) ?? { orgId: a.orgId, orgName: a.orgName, year, planned: null, actual: { ...zero }, note: null };
    row.actual = { activists: a.activists, targets: a.targets, admissions: a.admissions, conversions: a.conversions };
    byOrg.set(a.orgId, row);
  }
  const items = [...byOrg.values()].sort((x, y) => x.orgName.localeCompare(y.orgName, 'zh'));
  return { items, total: items.length };
}

export async function upsertPlan(ctx: ActorCtx, input: PlanUpsertInput) {
  await ctx.db.transaction(async (tx) => {
    const org = await orgOr404(tx, ctx, input.orgId, 'members:write');
    const [before] = await tx
      .select()
      .from(recruitmentPlans)
      .where(and(eq(recruitmentPlans.orgId, org.id), eq(recruitmentPlans.year, input.year)));
    const values = { ...input, orgPath: org.path, note: input.note ?? null };
    await tx
      .insert(recruitmentPlans)
      .values(values)
      .onConflictDoUpdate({ target: [recruitmentPlans.orgId, recruitmentPlans.year], set: { ...values, updatedAt: ctx.now() } });
    await audit(tx, ctx, {
      action: 'recruitment.plan',
      entityType: 'recruitment_plan',
      entityId: `${org.id}:${input.year}`,
      orgId: org.id,
      before,
      after: input,
    });
  });
  return listPlans(ctx, input.orgId, input.year);
}
