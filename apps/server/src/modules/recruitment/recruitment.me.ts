import { chinaDay, RECRUITMENT_STAGES, stepDef } from '@vanguard/shared';
import {
  type MyCaseDto,
  MyCaseSchema,
  MyCourseParams,
  MyCourseSchema,
  type MyThoughtReportInput,
  MyThoughtReportSchema,
} from '@vanguard/shared/api/recruitment';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DbOrTx } from '../../db/client.js';
import {
  coursePlanItems,
  coursePlans,
  courses,
  files,
  orgs,
  recruitmentCases,
  recruitmentChecks,
  recruitmentSteps,
} from '../../db/schema/index.js';
import { myRecords } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { actorCtx } from '../../platform/http/access.js';
import { listCaseSummariesForJob } from './recruitment-board.service.js';

/**
 * 我的入党进程 on the phone: the applicant's own case (found through the worker record or, from
 * admission on, the member record their account is linked to), with their stage, what is due
 * next and when, and their thought reports, which they hand in from the phone. Only their own
 * case is ever read; of other people only their own 培养联系人 are named (whom to talk to), never
 * sponsors' or voters'. An activist or development target reads the training courses of their stage
 * here too, worker or not (issue 24).
 */

/** The actor's own case: the open one first, else the last one. */
async function myCaseRow(db: DbOrTx, ctx: ActorCtx, lock = false) {
  const { memberIds, workerIds } = await myRecords(ctx, db);
  if (memberIds.length === 0 && workerIds.length === 0) return undefined;
  const mine = or(
    workerIds.length ? inArray(recruitmentCases.workerId, workerIds) : undefined,
    memberIds.length ? inArray(recruitmentCases.memberId, memberIds) : undefined,
  );
  const q = db
    .select({ c: recruitmentCases, orgName: orgs.name })
    .from(recruitmentCases)
    .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
    .where(mine)
    .orderBy(sql`(${recruitmentCases.status} = 'active') DESC`, desc(recruitmentCases.id))
    .limit(1);
  const [row] = lock ? await q.for('update', { of: recruitmentCases }) : await q;
  return row;
}

/** The course-plan labels a case's stage belongs to: activists, then development targets until admitted. */
function stageLabels(c: { status: string; lastStep: number }): string[] {
  if (c.status !== 'active') return [];
  if (c.lastStep >= 3 && c.lastStep < 7) return ['入党积极分子'];
  if (c.lastStep >= 7 && c.lastStep < 17) return ['发展对象', '入党积极分子'];
  return [];
}

/** Courses in plans for the case's stage label, of its org or an org above it. */
function stageCourses(db: DbOrTx, c: { status: string; lastStep: number; orgPath: string }) {
  const labels = stageLabels(c);
  if (labels.length === 0) return Promise.resolve([]);
  return db
    .selectDistinct({ id: courses.id, title: courses.title, summary: courses.summary, bodyHtml: courses.bodyHtml })
    .from(coursePlans)
    .innerJoin(coursePlanItems, eq(coursePlanItems.planId, coursePlans.id))
    .innerJoin(courses, eq(courses.id, coursePlanItems.courseId))
    .where(and(inArray(coursePlans.audienceLabel, labels), sql`${c.orgPath} LIKE ${coursePlans.orgPath} || '%'`))
    .orderBy(asc(courses.id));
}

/** 培养联系人 named at step 5 (the people of that step record). */
async function contactsOf(db: DbOrTx, caseId: number): Promise<string[]> {
  const [step] = await db
    .select({ people: recruitmentSteps.people })
    .from(recruitmentSteps)
    .where(and(eq(recruitmentSteps.caseId, caseId), eq(recruitmentSteps.stepNo, 5)));
  return ((step?.people ?? []) as { name: string }[]).map((p) => p.name);
}

async function getMyCase(ctx: ActorCtx, db: DbOrTx = ctx.db): Promise<MyCaseDto | null> {
  const row = await myCaseRow(db, ctx);
  if (!row) return null;
  const today = chinaDay(ctx.now());
  const [summary] = await listCaseSummariesForJob(db, [{ ...row.c, orgName: row.orgName }], today);
  const reports = await db
    .select()
    .from(recruitmentChecks)
    .where(and(eq(recruitmentChecks.caseId, row.c.id), eq(recruitmentChecks.kind, 'thought_report')))
    .orderBy(desc(recruitmentChecks.doneOn), desc(recruitmentChecks.id));
  return {
    id: row.c.id,
    name: row.c.name,
    orgName: row.orgName,
    status: row.c.status,
    stage: summary.stage,
    stageName: summary.stageName,
    stages: Object.entries(RECRUITMENT_STAGES).map(([stage, name]) => ({ stage: Number(stage), name })),
    lastStep: row.c.lastStep,
    lastStepName: stepDef(row.c.lastStep)?.name ?? '',
    appliedOn: row.c.appliedOn,
    activistOn: row.c.activistOn,
    targetOn: row.c.targetOn,
    admittedOn: row.c.admittedOn,
    probationEndsOn: row.c.probationEndsOn,
    fullOn: row.c.fullOn,
    next: summary.next,
    periodic: summary.periodic,
    canReport: row.c.status === 'active' && row.c.activistOn !== null,
    contacts: await contactsOf(db, row.c.id),
    courses: (await stageCourses(db, row.c)).map(({ id, title, summary }) => ({ id, title, summary })),
    thoughtReports: reports.map((r) => ({ id: r.id, doneOn: r.doneOn, note: r.note, byMe: r.recordedBy === ctx.actor.userId })),
  };
}

/** A thought report handed in by the applicant, dated today; the branch sees it on the case. */
async function submitMyThoughtReport(ctx: ActorCtx, input: MyThoughtReportInput): Promise<MyCaseDto> {
  const today = chinaDay(ctx.now());
  await ctx.db.transaction(async (tx) => {
    const row = await myCaseRow(tx, ctx, true);
    if (!row) throw notFound('您的入党申请记录');
    const c = row.c;
    if (c.status !== 'active') throw conflict('发展程序已结束，不再提交思想汇报');
    if (!c.activistOn) throw conflict('确定为入党积极分子后才按季度提交思想汇报');
    if (input.fileIds.length) {
      const own = await tx
        .select({ id: files.id })
        .from(files)
        .where(and(inArray(files.id, input.fileIds), eq(files.ownerId, ctx.actor.userId)));
      input.fileIds.forEach((id, i) => {
        if (!own.some((f) => f.id === id))
          throw new AppError('VALIDATION', '附件不存在或不是您上传的', [{ path: `fileIds.${i}`, message: '附件不存在或不是您上传的' }]);
      });
    }
    const [check] = await tx
      .insert(recruitmentChecks)
      .values({
        caseId: c.id,
        kind: 'thought_report',
        doneOn: today,
        note: input.note,
        fileIds: input.fileIds,
        recordedBy: ctx.actor.userId,
      })
      .returning({ id: recruitmentChecks.id });
    // The secretary's reminder for this report is done.
    await tx.execute(
      sql`UPDATE todos SET done_at = ${ctx.now()} WHERE source_key LIKE ${`recruitment:${c.id}:thought_report%`} AND done_at IS NULL`,
    );
    await audit(tx, ctx, {
      action: 'recruitment.thought_report',
      entityType: 'recruitment_case',
      entityId: c.id,
      orgId: c.orgId,
      after: { checkId: check.id, doneOn: today, fileIds: input.fileIds, by: 'self' },
    });
  });
  return (await getMyCase(ctx)) as MyCaseDto;
}

/** One course of my stage's plans, to read (a course outside them is not found). */
async function getMyCourse(ctx: ActorCtx, id: number) {
  const row = await myCaseRow(ctx.db, ctx);
  const course = row ? (await stageCourses(ctx.db, row.c)).find((c) => c.id === id) : undefined;
  if (!course) throw notFound('该课程（不在您的培训范围内）');
  return course;
}

export async function recruitmentMeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['recruitment'];
  r.get('/api/v1/me/recruitment', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags, summary: '我的入党进程（阶段、下一步、思想汇报）', response: { 200: MyCaseSchema.nullable() } },
    handler: async (req) => getMyCase(actorCtx(req)),
  });
  r.get('/api/v1/me/recruitment/courses/:id', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags, summary: '我的培训课程（入党积极分子、发展对象）', params: MyCourseParams, response: { 200: MyCourseSchema } },
    handler: async (req) => getMyCourse(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/me/recruitment/thought-reports', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags, summary: '提交思想汇报（手机端）', body: MyThoughtReportSchema, response: { 200: MyCaseSchema } },
    handler: async (req) => submitMyThoughtReport(actorCtx(req), req.body),
  });
}
