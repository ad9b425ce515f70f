import { messageText, reportFormProblems, reportProblem } from '@vanguard/shared';
import type { InboxQuerySchema, ReportCreateSchema, SplitSchema, VerifySchema } from '@vanguard/shared/api/tasks';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { orgs, taskAssignments, taskReports, tasks } from '../../db/schema/index.js';
import { TASK_ASSIGNMENTS } from '../../platform/access/gates.js';
import { loadFor, patternsOf } from '../../platform/access/load.js';
import { scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, forbidden, invalid } from '../../platform/errors.js';
import { kickDispatch, notify } from '../../platform/notify/index.js';
import { assignmentDto, assignmentsWhere, holderIds } from './tasks.common.js';
import { closedProblem, mayReport, mayVerify } from './tasks.policy.js';
import { assignTo, taskDto } from './tasks.service.js';

/** The parts owed by (or waiting on) the orgs where the actor manages tasks: the to-do list of secretaries. */
export async function inbox(ctx: ActorCtx, q: z.output<typeof InboxQuerySchema>) {
  const patterns = patternsOf(scopeOf(ctx.actor, 'tasks:manage'));
  const now = ctx.now();
  const state = q.state
    ? {
        overdue: sql`AND a.status IN ('pending','returned') AND t.status = 'open' AND a.deadline < ${now}`,
        pending: sql`AND a.status = 'pending' AND NOT (t.status = 'open' AND a.deadline < ${now})`,
        returned: sql`AND a.status = 'returned' AND NOT (t.status = 'open' AND a.deadline < ${now})`,
        reported: sql`AND a.status = 'reported'`,
        passed: sql`AND a.status = 'passed'`,
      }[q.state]
    : sql``;
  const base = sql`task_assignments a JOIN tasks t ON t.id = a.task_id WHERE a.org_path LIKE ANY(${sql.param(patterns)}::text[]) ${state}`;
  const [{ rows: idRows }, { rows: totals }] = await Promise.all([
    ctx.db.execute<{ id: number }>(sql`SELECT a.id FROM ${base}
      ORDER BY (a.status IN ('pending','returned') AND t.status = 'open') DESC, a.deadline, a.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    ctx.db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM ${base}`),
  ]);
  const ids = idRows.map((r) => r.id);
  if (!ids.length) return { items: [], total: totals[0].total };
  const rows = await assignmentsWhere(ctx.db, sql`a.id = ANY(${sql.param(ids)}::int[])`, sql``);
  const { rows: info } = await ctx.db.execute<{ id: number; taskId: number; title: string; status: string; assignerName: string }>(sql`
    SELECT a.id, t.id AS "taskId", t.title, t.status, coalesce(ao.name, '') AS "assignerName"
    FROM task_assignments a JOIN tasks t ON t.id = a.task_id LEFT JOIN orgs ao ON ao.path = a.assigner_path
    WHERE a.id = ANY(${sql.param(ids)}::int[])`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const infoOf = new Map(info.map((r) => [r.id, r]));
  const items = ids.map((id) => {
    const r = byId.get(id)!;
    const i = infoOf.get(id)!;
    return {
      ...assignmentDto(r, i.status === 'open', now),
      taskId: i.taskId,
      taskTitle: i.title,
      taskStatus: i.status as 'open' | 'closed',
      assignerName: i.assignerName,
    };
  });
  return { items, total: totals[0].total };
}

async function taskOf(db: DbOrTx, taskId: number, lock = false) {
  const q = db.select({ t: tasks, orgName: orgs.name }).from(tasks).innerJoin(orgs, eq(orgs.id, tasks.orgId)).where(eq(tasks.id, taskId));
  const [row] = lock ? await q.for('update', { of: tasks }) : await q;
  return row;
}

/** One org's part: the task, its reports with verdicts, the parts it split further down. */
export async function getAssignment(ctx: ActorCtx, id: number, opts: { db?: DbOrTx } = {}) {
  const db = opts.db ?? ctx.db;
  const a = await loadFor(ctx, TASK_ASSIGNMENTS, id, 'tasks:manage', { db });
  const { t, orgName } = await taskOf(db, a.taskId);
  const [[row], parts, { rows: reports }] = await Promise.all([
    assignmentsWhere(db, sql`a.id = ${id}`, sql``),
    assignmentsWhere(db, sql`a.parent_id = ${id}`),
    db.execute<{
      id: number;
      text: string | null;
      number: number | null;
      fileId: string | null;
      fileName: string | null;
      submittedBy: string;
      submittedAt: Date;
      verdict: 'passed' | 'returned' | null;
      reason: string | null;
      verifiedAt: Date | null;
    }>(sql`
      SELECT r.id, r.text, r.number, r.file_id::text AS "fileId", f.name AS "fileName", u.display_name AS "submittedBy",
             r.submitted_at AS "submittedAt", r.verdict, r.reason, r.verified_at AS "verifiedAt"
      FROM task_reports r JOIN users u ON u.id = r.submitted_by LEFT JOIN files f ON f.id = r.file_id
      WHERE r.assignment_id = ${id} ORDER BY r.submitted_at DESC, r.id DESC`),
  ]);
  const now = ctx.now();
  const open = t.status === 'open';
  return {
    ...assignmentDto(row, open, now),
    task: taskDto(t, orgName),
    mayReport: open && mayReport(ctx.actor, a) && (a.status === 'pending' || a.status === 'returned'),
    mayVerify: open && mayVerify(ctx.actor, a) && a.status === 'reported',
    reports: reports.map(({ fileId, fileName, ...r }) => ({
      ...r,
      file: fileId ? { id: fileId, name: fileName ?? '' } : null,
      submittedAt: new Date(r.submittedAt),
      verifiedAt: r.verifiedAt ? new Date(r.verifiedAt) : null,
    })),
    parts: parts.map((p) => assignmentDto(p, open, now)),
  };
}

/** Locks the part and its task; a closed task refuses every write. */
async function writable(ctx: ActorCtx, tx: DbOrTx, id: number) {
  const a = await loadFor(ctx, TASK_ASSIGNMENTS, id, 'tasks:manage', { db: tx, lock: true });
  const { t, orgName } = await taskOf(tx, a.taskId, true);
  const p = closedProblem(t);
  if (p) throw conflict(p);
  return { a, t, orgName };
}

/** A receiving committee splits its part down to orgs below it; its own report then rolls up from theirs. */
export async function splitAssignment(ctx: ActorCtx, id: number, input: z.output<typeof SplitSchema>) {
  await ctx.db.transaction(async (tx) => {
    const { a, t } = await writable(ctx, tx, id);
    if (!mayReport(ctx.actor, a)) throw forbidden('只有承办组织可以分解任务');
    if (a.status !== 'pending' && a.status !== 'returned') throw conflict('已报送或已通过的任务不能再分解');
    const deadline = input.deadline ?? a.deadline;
    if (deadline.getTime() <= ctx.now().getTime()) throw invalid('deadline', '截止时间不能早于当前时间');
    if (deadline.getTime() > a.deadline.getTime()) throw invalid('deadline', '下级截止时间不能晚于本级截止时间');
    const [org] = await tx.select({ id: orgs.id, path: orgs.path, name: orgs.name }).from(orgs).where(eq(orgs.id, a.orgId));
    await assignTo(ctx, tx, { task: t, parentId: a.id, from: org, orgIds: input.orgIds, deadline, field: 'orgIds' });
    await audit(tx, ctx, {
      action: 'task.split',
      entityType: 'task_assignment',
      entityId: id,
      orgId: a.orgId,
      after: { orgs: input.orgIds },
    });
  });
  await kickDispatch(ctx.db);
  return getAssignment(ctx, id);
}

/** The org reports with its evidence; a part that was split reports once every part below it passed. */
export async function reportAssignment(ctx: ActorCtx, id: number, input: z.output<typeof ReportCreateSchema>) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const { a, t } = await writable(ctx, tx, id);
    const children = await tx.select({ status: taskAssignments.status }).from(taskAssignments).where(eq(taskAssignments.parentId, id));
    const p = reportProblem(a, children);
    if (p) throw conflict(p);
    const form = reportFormProblems(t.reportForm, input);
    if (form.length) throw invalid(form);
    if (input.fileId) {
      const { rows } = await tx.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM files WHERE id = ${input.fileId}::uuid AND owner_id = ${ctx.actor.userId}`,
      );
      if (rows[0].n !== 1) throw invalid('fileId', '附件不存在或不是您上传的');
    }
    await tx.insert(taskReports).values({
      assignmentId: id,
      text: input.text ?? null,
      number: input.number ?? null,
      fileId: input.fileId ?? null,
      submittedBy: ctx.actor.userId,
      submittedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await tx.update(taskAssignments).set({ status: 'reported', reportedAt: now, updatedAt: now }).where(eq(taskAssignments.id, id));
    await tx.execute(sql`UPDATE todos SET done_at = ${now}, updated_at = ${now}
      WHERE done_at IS NULL AND source_key = ANY(ARRAY[${`task:overdue:${t.id}:${id}`}, ${`task:returned:${id}`}])`);
    await audit(tx, ctx, {
      action: 'task.report',
      entityType: 'task_assignment',
      entityId: id,
      orgId: a.orgId,
      after: { status: 'reported' },
    });
  });
  return getAssignment(ctx, id);
}

/** The assigner's verdict: 通过, or 退回 with a reason (the org then reports again). */
export async function verifyAssignment(ctx: ActorCtx, id: number, input: z.output<typeof VerifySchema>) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const { a, t } = await writable(ctx, tx, id);
    if (!mayVerify(ctx.actor, a)) throw forbidden('只有下达任务的组织可以审核');
    if (a.status !== 'reported') throw conflict('该任务尚未报送，或已审核');
    const verdict = input.verdict === 'pass' ? 'passed' : 'returned';
    await tx.execute(sql`UPDATE task_reports SET verdict = ${verdict}, reason = ${input.reason ?? null}, verified_by = ${ctx.actor.userId},
      verified_at = ${now}, updated_at = ${now}
      WHERE id = (SELECT id FROM task_reports WHERE assignment_id = ${id} ORDER BY submitted_at DESC, id DESC LIMIT 1)`);
    await tx.update(taskAssignments).set({ status: verdict, verifiedAt: now, updatedAt: now }).where(eq(taskAssignments.id, id));
    if (verdict === 'returned') {
      const holders = await holderIds(tx, [a.orgId]);
      if (holders.length) {
        const n = (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM task_reports WHERE assignment_id = ${id}`)).rows[0].n;
        await notify(tx, now, {
          key: `task:${t.id}:returned:${id}:${n}`,
          to: { kind: 'users', userIds: holders },
          message: { code: 'task.returned', params: { taskTitle: messageText(t.title) }, link: `/m/tasks/${id}` },
          createdBy: ctx.actor.userId,
        });
      }
    }
    await audit(tx, ctx, {
      action: `task.${verdict === 'passed' ? 'pass' : 'return'}`,
      entityType: 'task_assignment',
      entityId: id,
      orgId: a.orgId,
      after: { reason: input.reason ?? null },
    });
  });
  await kickDispatch(ctx.db);
  return getAssignment(ctx, id);
}
