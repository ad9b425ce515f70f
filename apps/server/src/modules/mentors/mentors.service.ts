import { chinaDay, MENTOR_KINDS, MENTOR_STATUSES, type MentorKind, type MentorStatus, mentorsRulesetOn } from '@vanguard/shared';
import type { PairListQuery } from '@vanguard/shared/api/mentors';
import { and, asc, eq, sql } from 'drizzle-orm';
import { members, orgs, workers } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { PERM } from './mentors.common.js';

/**
 * One list of the org subtree's pairs: the module's own pairs and, as kind 培养联系人, the
 * cultivation contacts recorded by recruitment (step 5 people of its cases) — read from recruitment's
 * tables by a union, never copied, so recruitment stays their one source of truth.
 */
function listSql(ctx: ActorCtx, orgPath: string, q: Pick<PairListQuery, 'kind' | 'status' | 'overdue'>, today: string) {
  const rs = mentorsRulesetOn(today);
  const scope = scopeOf(ctx.actor, PERM);
  const interval = rs.meetingIntervalDays;
  const own = sql`
    SELECT 'pair:' || p.id AS key, p.id, NULL::int AS case_id, p.kind, p.org_id, o.name AS org_name, p.org_path,
           mentor.name AS mentor_name, coalesce(mm.name, w.name) AS mentee_name, CASE WHEN p.mentee_worker_id IS NULL THEN 'member' ELSE 'worker' END AS mentee_type,
           p.starts_on::text AS starts_on, p.planned_end_on::text AS planned_end_on, p.status, p.last_meeting_on::text AS last_meeting_on,
           (coalesce(p.last_meeting_on, p.starts_on) + ${interval}::int)::text AS meeting_due_on,
           (p.status = 'active' AND coalesce(p.last_meeting_on, p.starts_on) + ${interval}::int < ${today}::date) AS overdue
    FROM mentor_pairs p JOIN orgs o ON o.id = p.org_id JOIN members mentor ON mentor.id = p.mentor_member_id
    LEFT JOIN members mm ON mm.id = p.mentee_member_id LEFT JOIN workers w ON w.id = p.mentee_worker_id
    WHERE p.org_path LIKE ${`${orgPath}%`} AND ${inScope(sql`p.org_path`, scope)}`;
  const contacts = sql`
    SELECT 'contact:' || c.id || ':' || (pp->>'memberId') AS key, NULL::int AS id, c.id AS case_id, 'contact' AS kind, c.org_id, o.name AS org_name, c.org_path,
           pp->>'name' AS mentor_name, c.name AS mentee_name, 'candidate' AS mentee_type,
           s.done_on::text AS starts_on, c.full_on::text AS planned_end_on, CASE WHEN c.status = 'active' THEN 'active' ELSE 'closed' END AS status,
           NULL::text AS last_meeting_on, NULL::text AS meeting_due_on, false AS overdue
    FROM recruitment_steps s JOIN recruitment_cases c ON c.id = s.case_id JOIN orgs o ON o.id = c.org_id
    CROSS JOIN LATERAL jsonb_array_elements(s.people) AS pp
    WHERE s.step_no = 5 AND c.org_path LIKE ${`${orgPath}%`} AND ${inScope(sql`c.org_path`, scope)}`;
  const parts = q.kind === 'contact' ? [contacts] : q.kind ? [sql`${own} AND p.kind = ${q.kind}`] : [own, contacts];
  const filters = [
    q.status ? sql`status = ${q.status}` : undefined,
    q.overdue === true ? sql`overdue` : q.overdue === false ? sql`NOT overdue` : undefined,
  ].filter(Boolean) as ReturnType<typeof sql>[];
  const where = filters.length ? sql`WHERE ${sql.join(filters, sql` AND `)}` : sql``;
  return sql`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) u ${where}`;
}

type ListRow = {
  key: string;
  id: number | null;
  case_id: number | null;
  kind: string;
  org_id: number;
  org_name: string;
  mentor_name: string;
  mentee_name: string;
  mentee_type: string;
  starts_on: string;
  planned_end_on: string | null;
  status: string;
  last_meeting_on: string | null;
  meeting_due_on: string | null;
  overdue: boolean;
};

const itemOf = (r: ListRow) => ({
  key: r.key,
  id: r.id,
  caseId: r.case_id,
  kind: r.kind,
  kindName: MENTOR_KINDS[r.kind as MentorKind] ?? r.kind,
  orgId: r.org_id,
  orgName: r.org_name,
  mentorName: r.mentor_name,
  menteeName: r.mentee_name,
  menteeType: r.mentee_type,
  startsOn: r.starts_on,
  plannedEndOn: r.planned_end_on,
  status: r.status,
  statusName: MENTOR_STATUSES[r.status as MentorStatus] ?? r.status,
  lastMeetingOn: r.last_meeting_on,
  meetingDueOn: r.meeting_due_on,
  overdue: r.overdue,
});

/** Pairs of an org's subtree (with recruitment's 培养联系人), filtered and paged; overdue first. */
export async function listPairs(ctx: ActorCtx, q: PairListQuery) {
  const org = await orgFor(ctx, q.orgId, PERM, { dissolved: true });
  const base = listSql(ctx, org.path, q, chinaDay(ctx.now()));
  const [items, total] = await Promise.all([
    ctx.db.execute<ListRow>(
      sql`${base} ORDER BY overdue DESC, (status = 'active') DESC, starts_on DESC, key LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    ),
    ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${base}) x`),
  ]);
  return { items: items.rows.map(itemOf), total: total.rows[0].n };
}

/** Every row of the list (no paging) for the ledger export. */
export async function allPairs(ctx: ActorCtx, q: Omit<PairListQuery, 'page' | 'pageSize'>) {
  const org = await orgFor(ctx, q.orgId, PERM, { dissolved: true });
  const res = await ctx.db.execute<
    ListRow & { meetings: number; milestones: number; milestones_done: number; mid: string | null; final: string | null }
  >(sql`
    SELECT u.*,
      (SELECT count(*)::int FROM mentor_meetings m WHERE m.pair_id = u.id) AS meetings,
      (SELECT count(*)::int FROM mentor_milestones m WHERE m.pair_id = u.id) AS milestones,
      (SELECT count(*)::int FROM mentor_milestones m WHERE m.pair_id = u.id AND m.done_on IS NOT NULL) AS milestones_done,
      (SELECT rating FROM mentor_evaluations e WHERE e.pair_id = u.id AND e.stage = 'mid') AS mid,
      (SELECT rating FROM mentor_evaluations e WHERE e.pair_id = u.id AND e.stage = 'final') AS final
    FROM (${listSql(ctx, org.path, q, chinaDay(ctx.now()))}) u ORDER BY u.org_name, u.kind, u.starts_on, u.key`);
  return { org, rows: res.rows };
}

/** Members (or workers) of an org's subtree for the pickers, by name. */
export async function candidates(ctx: ActorCtx, q: { orgId: number; type: 'member' | 'worker'; q?: string }) {
  const org = await orgFor(ctx, q.orgId, PERM, { dissolved: true });
  const t = q.type === 'member' ? members : workers;
  const rows = await ctx.db
    .select({ id: t.id, name: t.name, orgName: orgs.name })
    .from(t)
    .innerJoin(orgs, eq(orgs.id, t.orgId))
    .where(
      and(
        sql`${t.orgPath} LIKE ${`${org.path}%`}`,
        inScope(t.orgPath, scopeOf(ctx.actor, PERM)),
        q.type === 'member' ? eq(members.status, 'normal') : undefined,
        q.q ? sql`${t.name} LIKE ${`%${q.q}%`}` : undefined,
      ),
    )
    .orderBy(asc(t.name), asc(t.id))
    .limit(50);
  return rows;
}
