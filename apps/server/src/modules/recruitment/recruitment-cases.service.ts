import { ageOn, checkMemberFacts, chinaDay, type RuleProblem, recruitmentRulesetOn, stepDef, talkDueOn } from '@vanguard/shared';
import type { CaseCreateInput, CaseDetailDto } from '@vanguard/shared/api/recruitment';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  files,
  members,
  orgs,
  recruitmentCases,
  recruitmentChecks,
  recruitmentSteps,
  recruitmentVotes,
  users,
  workers,
} from '../../db/schema/index.js';
import { CASES } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { checkFiles, fullMembersOf, one, rulesetOf } from './recruitment.common.js';
import { summaries } from './recruitment-board.service.js';

/** One case with its steps, checks and votes; `lastVoteId` names the vote just recorded, if any. */
export async function getCase(ctx: ActorCtx, id: number, lastVoteId: number | null = null, db: DbOrTx = ctx.db): Promise<CaseDetailDto> {
  const c = await loadFor(ctx, CASES, id, 'members:read', { db });
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

/** Those entitled to vote at the case's branch meeting. */
export async function listVoters(ctx: ActorCtx, id: number) {
  const c = await loadFor(ctx, CASES, id, 'members:read');
  const items = await fullMembersOf(ctx.db, c.orgPath);
  return { items, total: items.length };
}

/** Workers of an org's subtree who are not already in recruitment: the people who may apply. */
export async function listApplicableWorkers(ctx: ActorCtx, orgId: number, q?: string) {
  const org = await orgFor(ctx, orgId, 'members:read');
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
    const org = await orgFor(ctx, input.orgId, 'members:write', { db: tx });
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
