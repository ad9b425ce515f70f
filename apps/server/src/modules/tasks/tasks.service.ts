import { BOARD_STATES, type BoardState, boardState, messageText } from '@vanguard/shared';
import type { TaskCreateSchema, TaskListQuerySchema } from '@vanguard/shared/api/tasks';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { orgs, tasks } from '../../db/schema/index.js';
import { TASKS } from '../../platform/access/gates.js';
import { loadFor, orgFor, patternsOf } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { kickDispatch, notify } from '../../platform/notify/index.js';
import { assignmentDto, assignmentsWhere, holderIds } from './tasks.common.js';
import { closedProblem } from './tasks.policy.js';

type Task = typeof tasks.$inferSelect;

export const taskDto = (t: Task, orgName: string) => ({
  id: t.id,
  orgId: t.orgId,
  orgName,
  title: t.title,
  requirements: t.requirements,
  deadline: t.deadline,
  reportForm: t.reportForm,
  fileIds: t.fileIds,
  status: t.status as 'open' | 'closed',
  closedAt: t.closedAt,
  createdAt: t.createdAt,
});

/**
 * Assigns parts to orgs below `from` (the task's org, or a receiving org splitting its own part):
 * checks the orgs, inserts the parts in one statement and tells the orgs' secretaries.
 */
export async function assignTo(
  ctx: ActorCtx,
  tx: DbOrTx,
  o: {
    task: Task;
    parentId: number | null;
    from: { id: number; path: string; name: string };
    orgIds: number[];
    deadline: Date;
    field: string;
  },
) {
  const ids = [...new Set(o.orgIds)];
  const { rows: targets } = await tx.execute<{ id: number; path: string }>(sql`
    SELECT id, path FROM orgs WHERE id = ANY(${sql.param(ids)}::int[]) AND dissolved_at IS NULL
      AND path LIKE ${`${o.from.path}%`} AND id <> ${o.from.id}`);
  if (targets.length !== ids.length) throw invalid(o.field, '承办组织须为本组织的下级现存组织');
  const { rows: taken } = await tx.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM task_assignments WHERE task_id = ${o.task.id} AND org_id = ANY(${sql.param(ids)}::int[])`);
  if (taken[0].n > 0) throw invalid(o.field, '所选组织已承办该任务');
  const now = ctx.now();
  await tx.execute(sql`
    INSERT INTO task_assignments (task_id, parent_id, org_id, org_path, assigner_path, deadline, created_at, updated_at)
    SELECT ${o.task.id}, ${o.parentId}, t.id, t.path, ${o.from.path}, ${o.deadline}, ${now}, ${now}
    FROM unnest(${sql.param(targets.map((t) => t.id))}::int[], ${sql.param(targets.map((t) => t.path))}::text[]) AS t(id, path)`);
  const holders = await holderIds(tx, ids);
  if (holders.length) {
    await notify(tx, now, {
      key: `task:${o.task.id}:assigned:${o.parentId ?? 0}:${ids
        .sort((a, b) => a - b)
        .join('-')
        .slice(0, 200)}`,
      to: { kind: 'users', userIds: holders },
      message: {
        code: 'task.assigned',
        params: { orgName: messageText(o.from.name, 40), taskTitle: messageText(o.task.title), deadlineAt: o.deadline.toISOString() },
        link: '/m/tasks',
      },
      createdBy: ctx.actor.userId,
    });
  }
}

export async function createTask(ctx: ActorCtx, input: z.output<typeof TaskCreateSchema>) {
  const now = ctx.now();
  const org = await orgFor(ctx, input.orgId, 'tasks:manage', { field: 'orgId', what: '该组织' });
  if (input.deadline.getTime() <= now.getTime()) throw invalid('deadline', '截止时间不能早于当前时间');
  const id = await ctx.db.transaction(async (tx) => {
    if (input.fileIds.length) {
      const { rows } = await tx.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM files WHERE id = ANY(${sql.param(input.fileIds)}::uuid[]) AND owner_id = ${ctx.actor.userId}`);
      if (rows[0].n !== new Set(input.fileIds).size) throw invalid('fileIds', '附件不存在或不是您上传的');
    }
    const [t] = await tx
      .insert(tasks)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        requirements: input.requirements,
        deadline: input.deadline,
        reportForm: input.reportForm,
        fileIds: input.fileIds,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await assignTo(ctx, tx, {
      task: t,
      parentId: null,
      from: org,
      orgIds: input.targetOrgIds,
      deadline: input.deadline,
      field: 'targetOrgIds',
    });
    await audit(tx, ctx, {
      action: 'task.create',
      entityType: 'task',
      entityId: t.id,
      orgId: org.id,
      after: { title: t.title, orgs: input.targetOrgIds },
    });
    return t.id;
  });
  await kickDispatch(ctx.db);
  return taskBoard(ctx, id);
}

/** Tasks assigned by orgs in the actor's scope, newest first, with the states of their parts. */
export async function listTasks(ctx: ActorCtx, q: z.output<typeof TaskListQuerySchema>) {
  const where = and(inScope(tasks.orgPath, scopeOf(ctx.actor, 'tasks:manage')), q.status ? eq(tasks.status, q.status) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ t: tasks, orgName: orgs.name })
      .from(tasks)
      .innerJoin(orgs, eq(orgs.id, tasks.orgId))
      .where(where)
      .orderBy(desc(tasks.createdAt), desc(tasks.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(tasks).where(where),
  ]);
  const ids = rows.map((r) => r.t.id);
  const parts = ids.length
    ? await assignmentsWhere(ctx.db, sql`a.task_id = ANY(${sql.param(ids)}::int[]) AND a.parent_id IS NULL`, sql``)
    : [];
  const now = ctx.now();
  const items = rows.map(({ t, orgName }) => {
    const mine = parts.filter((p) => p.taskId === t.id);
    const counts = Object.fromEntries(Object.keys(BOARD_STATES).map((k) => [k, 0])) as Record<BoardState, number>;
    for (const p of mine) {
      const s = boardState(p, t.status === 'open', now);
      counts[s] += 1;
    }
    const { requirements: _r, fileIds: _f, ...rest } = taskDto(t, orgName);
    return { ...rest, counts, total: mine.length };
  });
  return { items, total };
}

/** The board: the task and its parts as a tree — all of them for the assigner, else the parts within the actor's scope. */
export async function taskBoard(ctx: ActorCtx, id: number, opts: { db?: DbOrTx } = {}) {
  const db = opts.db ?? ctx.db;
  const t = await loadFor(ctx, TASKS, id, 'tasks:manage', { db });
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, t.orgId));
  const patterns = patternsOf(scopeOf(ctx.actor, 'tasks:manage'));
  const rows = await assignmentsWhere(
    db,
    sql`a.task_id = ${id} AND (a.org_path LIKE ANY(${sql.param(patterns)}::text[]) OR a.assigner_path LIKE ANY(${sql.param(patterns)}::text[]))`,
  );
  const now = ctx.now();
  return { ...taskDto(t, org?.name ?? ''), assignments: rows.map((r) => assignmentDto(r, t.status === 'open', now)) };
}

/** Closing makes the task read-only: no report, split or verdict after it. */
export async function closeTask(ctx: ActorCtx, id: number) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const t = await loadFor(ctx, TASKS, id, 'tasks:manage', { db: tx, lock: true });
    const p = closedProblem(t);
    if (p) throw conflict(p);
    await tx.update(tasks).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(tasks.id, id));
    await tx.execute(sql`UPDATE todos SET done_at = ${now}, updated_at = ${now}
      WHERE done_at IS NULL AND (source_key LIKE ${`task:overdue:${id}:%`} OR source_key LIKE ${`notify:task:${id}:%`})`);
    await audit(tx, ctx, { action: 'task.close', entityType: 'task', entityId: id, orgId: t.orgId });
    return taskBoard(ctx, id, { db: tx });
  });
}
