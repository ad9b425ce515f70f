import {
  addDays,
  branchMeasures,
  chinaDay,
  effectiveCaps,
  POINT_ACTIVITIES,
  POINT_ACTIVITY_CODES,
  type PointActivity,
  pointsRulesetOn,
  startOfChinaDay,
} from '@vanguard/shared';
import type { BoardQuery, CapsUpdateInput } from '@vanguard/shared/api/points';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { members, orgs, pointDays, pointEntries } from '../../db/schema/index.js';
import { myMember, orgFor } from '../../platform/access/load.js';
import { can, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { getSetting, setSetting } from '../../platform/settings.js';
import { capsOn } from './points.award.js';

const BRANCH_KINDS = sql`('branch', 'joint_branch', 'temp_branch')`;

/** A period key (`2026-11` or `2026`, default: this month in China time) as China days and instants. */
function periodRange(period: string | undefined, now: Date) {
  const key = period ?? chinaDay(now).slice(0, 7);
  const y = Number(key.slice(0, 4));
  let from: string;
  let next: string;
  if (key.length === 4) {
    from = `${y}-01-01`;
    next = `${y + 1}-01-01`;
  } else {
    const m = Number(key.slice(5, 7));
    from = `${key}-01`;
    next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  }
  return { key, from, to: addDays(next, -1), fromAt: startOfChinaDay(from), nextAt: startOfChinaDay(next) };
}

const hours = (s: number) => Math.round((s / 3600) * 10) / 10;

/**
 * Members of an org's subtree ranked by points in a period, with credited study hours and exams
 * passed beside the points (raw points are never the only measure).
 */
export async function memberBoard(ctx: ActorCtx, q: BoardQuery) {
  const org = await orgFor(ctx, q.orgId, 'learning:manage', { dissolved: true });
  const r = periodRange(q.period, ctx.now());
  const scope = inScope(sql`m.org_path`, scopeOf(ctx.actor, 'learning:manage'));
  const res = await ctx.db.execute<{
    member_id: number;
    name: string;
    org_name: string;
    points: number;
    activities: number;
    seconds: number;
    passed: number;
    rank: number;
    total: number;
  }>(sql`
    WITH m AS (SELECT id, name, org_id, org_path FROM members m WHERE status = 'normal' AND org_path LIKE ${`${org.path}%`} AND ${scope}),
    p AS (SELECT member_id, sum(points)::int AS points, count(*) FILTER (WHERE points > 0)::int AS activities FROM point_entries
          WHERE day BETWEEN ${r.from} AND ${r.to} AND member_id IN (SELECT id FROM m) GROUP BY member_id),
    s AS (SELECT member_id, sum(credited_seconds)::int AS seconds FROM course_heartbeats
          WHERE at >= ${r.fromAt} AND at < ${r.nextAt} AND member_id IN (SELECT id FROM m) GROUP BY member_id),
    e AS (SELECT a.member_id, count(DISTINCT a.exam_id)::int AS passed FROM learning_attempts a JOIN learning_exams x ON x.id = a.exam_id
          WHERE a.status = 'graded' AND a.score >= x.pass_score AND a.submitted_at >= ${r.fromAt} AND a.submitted_at < ${r.nextAt}
            AND a.member_id IN (SELECT id FROM m) GROUP BY a.member_id)
    SELECT m.id AS member_id, m.name, o.name AS org_name, coalesce(p.points, 0) AS points, coalesce(p.activities, 0) AS activities,
           coalesce(s.seconds, 0) AS seconds, coalesce(e.passed, 0) AS passed,
           rank() OVER (ORDER BY coalesce(p.points, 0) DESC)::int AS rank, count(*) OVER ()::int AS total
    FROM m JOIN orgs o ON o.id = m.org_id LEFT JOIN p ON p.member_id = m.id LEFT JOIN s ON s.member_id = m.id LEFT JOIN e ON e.member_id = m.id
    ORDER BY points DESC, seconds DESC, m.id
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  return {
    period: { period: r.key, from: r.from, to: r.to },
    total: res.rows[0]?.total ?? (await countMembers(ctx, org.path)),
    items: res.rows.map((x) => ({
      rank: x.rank,
      memberId: x.member_id,
      name: x.name,
      orgName: x.org_name,
      points: x.points,
      studyHours: hours(x.seconds),
      examsPassed: x.passed,
      activities: x.activities,
    })),
  };
}

async function countMembers(ctx: ActorCtx, path: string) {
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(members)
    .where(
      and(
        eq(members.status, 'normal'),
        sql`${members.orgPath} LIKE ${`${path}%`}`,
        inScope(members.orgPath, scopeOf(ctx.actor, 'learning:manage')),
      ),
    );
  return n;
}

/**
 * Branches (党支部, 联合/临时党支部) of an org's subtree ranked by per-capita points in a period, with
 * their members, participation (members with any points), study hours and exams passed.
 */
export async function branchBoard(ctx: ActorCtx, q: BoardQuery) {
  const org = await orgFor(ctx, q.orgId, 'learning:manage', { dissolved: true });
  const r = periodRange(q.period, ctx.now());
  const scope = inScope(sql`b.path`, scopeOf(ctx.actor, 'learning:manage'));
  const res = await ctx.db.execute<{
    org_id: number;
    name: string;
    members: number;
    participants: number;
    points: number;
    seconds: number;
    passed: number;
    total: number;
  }>(sql`
    WITH b AS (SELECT id, name, path FROM orgs b WHERE kind IN ${BRANCH_KINDS} AND path LIKE ${`${org.path}%`} AND ${scope} AND dissolved_at IS NULL),
    m AS (SELECT b.id AS branch_id, m.id FROM b JOIN members m ON m.org_path LIKE b.path || '%' AND m.status = 'normal'),
    p AS (SELECT member_id, sum(points)::int AS points FROM point_entries
          WHERE day BETWEEN ${r.from} AND ${r.to} AND member_id IN (SELECT id FROM m) GROUP BY member_id),
    s AS (SELECT member_id, sum(credited_seconds)::int AS seconds FROM course_heartbeats
          WHERE at >= ${r.fromAt} AND at < ${r.nextAt} AND member_id IN (SELECT id FROM m) GROUP BY member_id),
    e AS (SELECT a.member_id, count(DISTINCT a.exam_id)::int AS passed FROM learning_attempts a JOIN learning_exams x ON x.id = a.exam_id
          WHERE a.status = 'graded' AND a.score >= x.pass_score AND a.submitted_at >= ${r.fromAt} AND a.submitted_at < ${r.nextAt}
            AND a.member_id IN (SELECT id FROM m) GROUP BY a.member_id),
    agg AS (SELECT b.id AS org_id, b.name, count(m.id)::int AS members, count(p.member_id) FILTER (WHERE p.points > 0)::int AS participants,
                   coalesce(sum(p.points), 0)::int AS points, coalesce(sum(s.seconds), 0)::int AS seconds, coalesce(sum(e.passed), 0)::int AS passed
            FROM b LEFT JOIN m ON m.branch_id = b.id LEFT JOIN p ON p.member_id = m.id LEFT JOIN s ON s.member_id = m.id LEFT JOIN e ON e.member_id = m.id
            GROUP BY b.id, b.name)
    SELECT *, count(*) OVER ()::int AS total FROM agg
    ORDER BY CASE WHEN members > 0 THEN points::numeric / members ELSE 0 END DESC, participants DESC, org_id
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  return {
    period: { period: r.key, from: r.from, to: r.to },
    total: res.rows[0]?.total ?? 0,
    items: res.rows.map((x, i) => ({
      rank: (q.page - 1) * q.pageSize + i + 1,
      orgId: x.org_id,
      name: x.name,
      members: x.members,
      participants: x.participants,
      points: x.points,
      ...branchMeasures(x.points, x.members, x.participants),
      studyHours: hours(x.seconds),
      examsPassed: x.passed,
    })),
  };
}

/** The caps in force today (ruleset + the group's overrides). */
export async function getCaps(ctx: ActorCtx) {
  const day = chinaDay(ctx.now());
  const rs = pointsRulesetOn(day);
  const overrides = await getSetting(ctx.db, 'points.caps');
  return {
    rulesetVersion: rs.version,
    source: rs.source,
    points: rs.points,
    studyMinutesPerPoint: rs.studyMinutesPerPoint,
    examPassBonus: rs.examPassBonus,
    defaults: rs.caps,
    caps: effectiveCaps(rs, overrides),
    overridden: overrides !== null,
  };
}

/**
 * The group sets the daily caps for everyone: only an actor whose learning:manage reaches a
 * top-level org (the group, 集团党委) may change them; others see 403.
 */
export async function setCaps(ctx: ActorCtx, input: CapsUpdateInput) {
  const tops = await ctx.db.select({ path: orgs.path }).from(orgs).where(sql`${orgs.parentId} IS NULL`);
  if (!tops.some((t) => can(ctx.actor, 'learning:manage', t.path))) throw forbidden('每日积分上限由集团统一设置');
  await ctx.db.transaction(async (tx) => {
    const before = await getSetting(tx, 'points.caps');
    await setSetting(tx, 'points.caps', input);
    await audit(tx, ctx, {
      action: 'points.caps.update',
      entityType: 'setting',
      entityId: 'points.caps',
      before,
      after: input,
    });
  });
  return getCaps(ctx);
}

/** My points today (against the caps), this month and year, and my rank this month in my branch. */
export async function myPoints(ctx: ActorCtx) {
  const me = await myMember(ctx);
  const day = chinaDay(ctx.now());
  const caps = await capsOn(ctx.db, day);
  const [today] = await ctx.db
    .select()
    .from(pointDays)
    .where(and(eq(pointDays.memberId, me.id), eq(pointDays.day, day)));
  const month = periodRange(day.slice(0, 7), ctx.now());
  const year = periodRange(day.slice(0, 4), ctx.now());
  const sumOf = async (from: string, to: string) =>
    (
      await ctx.db
        .select({ s: sql<number>`coalesce(sum(${pointEntries.points}), 0)::int` })
        .from(pointEntries)
        .where(and(eq(pointEntries.memberId, me.id), sql`${pointEntries.day} BETWEEN ${from} AND ${to}`))
    )[0].s;
  const [branch] = await ctx.db
    .select({ name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(sql`${orgs.kind} IN ${BRANCH_KINDS} AND ${me.orgPath} LIKE ${orgs.path} || '%'`)
    .orderBy(desc(sql`length(${orgs.path})`))
    .limit(1);
  let rank: { name: string; rank: number; of: number } | null = null;
  if (branch) {
    const res = await ctx.db.execute<{ id: number; pts: number }>(sql`
      SELECT m.id, coalesce(sum(e.points), 0)::int AS pts FROM members m
      LEFT JOIN point_entries e ON e.member_id = m.id AND e.day BETWEEN ${month.from} AND ${month.to}
      WHERE m.status = 'normal' AND m.org_path LIKE ${`${branch.path}%`} GROUP BY m.id`);
    const mine = res.rows.find((x) => x.id === me.id)?.pts ?? 0;
    rank = { name: branch.name, rank: 1 + res.rows.filter((x) => x.pts > mine).length, of: res.rows.length };
  }
  const done = (today?.byActivity ?? {}) as Record<string, number>;
  return {
    memberName: me.name,
    today: {
      day,
      points: today?.total ?? 0,
      cap: caps.total,
      byActivity: POINT_ACTIVITY_CODES.map((a: PointActivity) => ({
        activity: a,
        name: POINT_ACTIVITIES[a],
        points: done[a] ?? 0,
        cap: caps[a],
      })),
    },
    month: { period: month.key, points: await sumOf(month.from, month.to) },
    year: { period: year.key, points: await sumOf(year.from, year.to) },
    branch: rank,
  };
}

/** My point entries, newest first, paged (capped ones included, so the history explains the caps). */
export async function myHistory(ctx: ActorCtx, q: { page: number; pageSize: number }) {
  const me = await myMember(ctx);
  const where = eq(pointEntries.memberId, me.id);
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(pointEntries)
      .where(where)
      .orderBy(desc(pointEntries.at), desc(pointEntries.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(pointEntries).where(where),
  ]);
  return {
    total,
    items: items.map((e) => ({
      id: e.id,
      activity: e.activity,
      activityName: POINT_ACTIVITIES[e.activity as PointActivity] ?? e.activity,
      day: e.day,
      at: e.at,
      requested: e.requested,
      points: e.points,
      capped: e.points < e.requested,
    })),
  };
}
