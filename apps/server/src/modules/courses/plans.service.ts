import { chinaDay, PLAN_PERSON_STATUS, planPersonStatus, ROLES, CURRENT_COURSE_RULESET as RULES } from '@vanguard/shared';
import type { PlanCreateInput } from '@vanguard/shared/api/courses';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { coursePlanItems, coursePlans, courses, orgs } from '../../db/schema/index.js';
import { COURSE_PLANS } from '../../platform/access/gates.js';
import { findMyMember, loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, notFound, validation } from '../../platform/errors.js';
import { styleHeader } from '../../platform/xlsx.js';

/**
 * A plan's audience as SQL over `members m`: the plan org's subtree, normal members, optionally
 * those holding a role (role_grants of their login) or carrying an archive label.
 */
function audienceSql(plan: { orgPath: string; audienceRole: string | null; audienceLabel: string | null }) {
  return sql`m.status = 'normal' AND m.org_path LIKE ${`${plan.orgPath}%`}
    ${plan.audienceRole ? sql`AND EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = m.user_id AND g.role = ${plan.audienceRole})` : sql``}
    ${plan.audienceLabel ? sql`AND ${plan.audienceLabel} = ANY(m.labels)` : sql``}`;
}

/** Creates a plan for an org the actor manages; its courses must be open to that org (its own or an ancestor's). */
export async function createPlan(ctx: ActorCtx, input: PlanCreateInput) {
  const org = await orgFor(ctx, input.orgId, 'learning:manage', { dissolved: true });
  const ids = [...new Set(input.courseIds)];
  const found = await ctx.db
    .select({ id: courses.id, orgPath: courses.orgPath, title: courses.title })
    .from(courses)
    .where(inArray(courses.id, ids));
  const errors = ids.flatMap((id, i) => {
    const c = found.find((f) => f.id === id);
    if (!c) return [{ path: `courseIds.${i}`, message: `课程 ${id} 不存在` }];
    if (!org.path.startsWith(c.orgPath)) return [{ path: `courseIds.${i}`, message: `课程“${c.title}”不对${org.name}开放，不能列入计划` }];
    return [];
  });
  if (errors.length) throw validation(errors);
  const planId = await ctx.db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(coursePlans)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        dueDate: input.dueDate,
        audienceRole: input.audienceRole ?? null,
        audienceLabel: input.audienceLabel ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    if (!plan) throw new AppError('INTERNAL');
    await tx.insert(coursePlanItems).values(ids.map((courseId, position) => ({ planId: plan.id, courseId, position })));
    await audit(tx, ctx, {
      action: 'course_plan.create',
      entityType: 'course_plan',
      entityId: plan.id,
      orgId: org.id,
      after: {
        title: plan.title,
        dueDate: plan.dueDate,
        courseIds: ids,
        audienceRole: plan.audienceRole,
        audienceLabel: plan.audienceLabel,
      },
    });
    return plan.id;
  });
  return (await planDtos(ctx, [planId]))[0];
}

async function planDtos(ctx: ActorCtx, ids: number[]) {
  if (ids.length === 0) return [];
  const plans = await ctx.db
    .select({ p: coursePlans, orgName: orgs.name })
    .from(coursePlans)
    .innerJoin(orgs, eq(orgs.id, coursePlans.orgId))
    .where(inArray(coursePlans.id, ids))
    .orderBy(desc(coursePlans.id));
  const items = await ctx.db
    .select({ planId: coursePlanItems.planId, id: courses.id, title: courses.title, kind: courses.kind, topic: courses.topic })
    .from(coursePlanItems)
    .innerJoin(courses, eq(courses.id, coursePlanItems.courseId))
    .where(inArray(coursePlanItems.planId, ids))
    .orderBy(coursePlanItems.position);
  const out = [];
  for (const { p, orgName } of plans) {
    const counts = await ctx.db.execute<{ people: number; done: number }>(sql`
      SELECT count(*)::int AS people,
        count(*) FILTER (WHERE (SELECT count(*) FROM course_progress cp JOIN course_plan_items i ON i.course_id = cp.course_id
            WHERE i.plan_id = ${p.id} AND cp.member_id = m.id AND cp.completed_at IS NOT NULL) >= ${items.filter((i) => i.planId === p.id).length})::int AS done
      FROM members m WHERE ${audienceSql(p)}`);
    out.push({
      id: p.id,
      orgId: p.orgId,
      orgName,
      title: p.title,
      dueDate: p.dueDate,
      audienceRole: p.audienceRole,
      audienceLabel: p.audienceLabel,
      courses: items.filter((i) => i.planId === p.id).map(({ planId: _, ...c }) => c),
      people: counts.rows[0]?.people ?? 0,
      done: counts.rows[0]?.done ?? 0,
    });
  }
  return out;
}

export async function listPlans(ctx: ActorCtx, q: { page: number; pageSize: number }) {
  const where = inScope(coursePlans.orgPath, scopeOf(ctx.actor, 'learning:manage'));
  const rows = await ctx.db
    .select({ id: coursePlans.id, total: sql<number>`count(*) OVER ()`.mapWith(Number) })
    .from(coursePlans)
    .where(where)
    .orderBy(desc(coursePlans.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: await planDtos(
      ctx,
      rows.map((r) => r.id),
    ),
    total: rows[0]?.total ?? 0,
  };
}

export async function getPlan(ctx: ActorCtx, id: number) {
  await loadFor(ctx, COURSE_PLANS, id, 'learning:manage');
  return (await planDtos(ctx, [id]))[0];
}

/**
 * Progress per person of a plan (completed courses / total, credited minutes, status), optionally
 * for one org of its subtree and only those behind; plus a summary per org.
 */
export async function planProgress(ctx: ActorCtx, id: number, q: { orgId?: number; onlyBehind?: boolean; page: number; pageSize: number }) {
  const plan = await loadFor(ctx, COURSE_PLANS, id, 'learning:manage');
  let path = plan.orgPath;
  if (q.orgId) {
    const [o] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, q.orgId));
    if (!o?.path.startsWith(plan.orgPath)) throw notFound('该组织');
    path = o.path;
  }
  const today = chinaDay(ctx.now());
  const total =
    (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(coursePlanItems).where(eq(coursePlanItems.planId, id)))[0]?.n ?? 0;
  const res = await ctx.db.execute<{
    member_id: number;
    name: string;
    org_id: number;
    org_name: string;
    completed: number;
    seconds: number;
  }>(sql`
    SELECT m.id AS member_id, m.name, o.id AS org_id, o.name AS org_name,
      count(cp.completed_at)::int AS completed, coalesce(sum(cp.credited_seconds), 0)::int AS seconds
    FROM members m JOIN orgs o ON o.id = m.org_id
    LEFT JOIN course_plan_items i ON i.plan_id = ${id}
    LEFT JOIN course_progress cp ON cp.member_id = m.id AND cp.course_id = i.course_id
    WHERE ${audienceSql({ ...plan, orgPath: path })}
    GROUP BY m.id, m.name, o.id, o.name, o.path
    ORDER BY o.path, m.id`);
  const all = res.rows.map((r) => {
    const status = planPersonStatus(r.completed, total, plan.dueDate, today);
    return {
      memberId: r.member_id,
      name: r.name,
      orgId: r.org_id,
      orgName: r.org_name,
      completed: r.completed,
      total,
      minutes: Math.floor(r.seconds / 60),
      status,
      statusName: PLAN_PERSON_STATUS[status],
    };
  });
  const byOrg = new Map<number, { orgId: number; orgName: string; people: number; done: number; behind: number }>();
  for (const p of all) {
    const o = byOrg.get(p.orgId) ?? { orgId: p.orgId, orgName: p.orgName, people: 0, done: 0, behind: 0 };
    o.people += 1;
    if (p.status === 'done') o.done += 1;
    else o.behind += 1;
    byOrg.set(p.orgId, o);
  }
  const filtered = q.onlyBehind ? all.filter((p) => p.status !== 'done') : all;
  return {
    planId: id,
    title: plan.title,
    dueDate: plan.dueDate,
    total: filtered.length,
    people: all.length,
    done: all.filter((p) => p.status === 'done').length,
    items: filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    orgs: [...byOrg.values()],
  };
}

export async function planProgressXlsx(ctx: ActorCtx, id: number, q: { orgId?: number; onlyBehind?: boolean }) {
  const res = await planProgress(ctx, id, { ...q, page: 1, pageSize: 1_000_000 });
  const wb = new ExcelJS.Workbook();
  const s1 = wb.addWorksheet('个人进度');
  styleHeader(s1.addRow(['姓名', '所在组织', '已完成课程', '课程总数', '有效学习（分钟）', '状态']));
  for (const p of res.items) s1.addRow([p.name, p.orgName, p.completed, p.total, p.minutes, p.statusName]);
  const s2 = wb.addWorksheet('按组织');
  styleHeader(s2.addRow(['组织', '应学人数', '已完成', '未完成']));
  for (const o of res.orgs) s2.addRow([o.orgName, o.people, o.done, o.behind]);
  for (const s of [s1, s2])
    s.columns.forEach((c, i) => {
      c.width = i < 2 ? 24 : 14;
    });
  await audit(ctx.db, ctx, { action: 'course_plan.export', entityType: 'course_plan', entityId: id, after: { rows: res.items.length } });
  return {
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `学习计划进度-${res.title}.xlsx`,
    asciiName: `course-plan-${id}.xlsx`,
  };
}

/** My plans: those whose audience includes me, with my progress and the due date. */
export async function myPlans(ctx: ActorCtx) {
  const me = await findMyMember(ctx);
  if (!me) return [];
  const plans = await ctx.db.execute<{
    id: number;
    title: string;
    due_date: string;
    org_path: string;
    audience_role: string | null;
    audience_label: string | null;
  }>(sql`
    SELECT p.id, p.title, p.due_date::text AS due_date, p.org_path, p.audience_role, p.audience_label FROM course_plans p
    JOIN members m ON m.id = ${me.id}
    WHERE m.org_path LIKE p.org_path || '%'
      AND (p.audience_role IS NULL OR EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = m.user_id AND g.role = p.audience_role))
      AND (p.audience_label IS NULL OR p.audience_label = ANY(m.labels))
    ORDER BY p.due_date, p.id LIMIT 100`);
  const ids = plans.rows.map((p) => p.id);
  if (ids.length === 0) return [];
  const items = await ctx.db
    .select({
      planId: coursePlanItems.planId,
      id: courses.id,
      title: courses.title,
      kind: courses.kind,
      topic: courses.topic,
      completedAt: sql<
        string | null
      >`(SELECT cp.completed_at::text FROM course_progress cp WHERE cp.member_id = ${me.id} AND cp.course_id = ${courses.id})`,
    })
    .from(coursePlanItems)
    .innerJoin(courses, and(eq(courses.id, coursePlanItems.courseId), sql`${me.orgPath} LIKE ${courses.orgPath} || '%'`))
    .where(inArray(coursePlanItems.planId, ids))
    .orderBy(coursePlanItems.position);
  const today = chinaDay(ctx.now());
  return plans.rows.map((p) => {
    const cs = items
      .filter((i) => i.planId === p.id)
      .map(({ planId: _, completedAt, ...c }) => ({ ...c, completed: completedAt !== null }));
    const completed = cs.filter((c) => c.completed).length;
    const status = planPersonStatus(completed, cs.length, p.due_date, today);
    return {
      id: p.id,
      title: p.title,
      dueDate: p.due_date,
      audience:
        [p.audience_role ? ROLES[p.audience_role as keyof typeof ROLES]?.zh : null, p.audience_label].filter(Boolean).join('、') || null,
      completed,
      total: cs.length,
      status,
      statusName: PLAN_PERSON_STATUS[status],
      courses: cs,
      rulesVersion: RULES.version,
    };
  });
}
