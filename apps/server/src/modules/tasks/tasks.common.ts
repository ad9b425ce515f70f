import { boardState, permissionsOf, ROLE_CODES } from '@vanguard/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/** Roles that carry tasks:manage: whoever holds one at an org answers for its parts. */
export const TASK_ROLES = ROLE_CODES.filter((r) => permissionsOf(r).includes('tasks:manage'));

export type AssignmentRow = {
  id: number;
  taskId: number;
  parentId: number | null;
  orgId: number;
  orgName: string;
  orgPath: string;
  assignerPath: string;
  deadline: Date;
  status: 'pending' | 'reported' | 'returned' | 'passed';
  reportedAt: Date | null;
  verifiedAt: Date | null;
  partCount: number;
  partsPassed: number;
};

const at = (v: Date | string | null) => (v === null ? null : new Date(v));

/** Parts of tasks with their org's name and the roll-up of the parts split below them. */
export async function assignmentsWhere(db: DbOrTx, where: SQL, tail: SQL = sql`ORDER BY a.parent_id NULLS FIRST, o.path`) {
  const { rows } = await db.execute<AssignmentRow>(sql`
    SELECT a.id, a.task_id AS "taskId", a.parent_id AS "parentId", a.org_id AS "orgId", o.name AS "orgName", a.org_path AS "orgPath",
           a.assigner_path AS "assignerPath", a.deadline, a.status, a.reported_at AS "reportedAt", a.verified_at AS "verifiedAt",
           (SELECT count(*) FROM task_assignments c WHERE c.parent_id = a.id)::int AS "partCount",
           (SELECT count(*) FROM task_assignments c WHERE c.parent_id = a.id AND c.status = 'passed')::int AS "partsPassed"
    FROM task_assignments a JOIN orgs o ON o.id = a.org_id
    WHERE ${where} ${tail}`);
  return rows.map((r) => ({ ...r, deadline: new Date(r.deadline), reportedAt: at(r.reportedAt), verifiedAt: at(r.verifiedAt) }));
}

export const assignmentDto = (r: AssignmentRow, taskOpen: boolean, now: Date) => ({
  id: r.id,
  parentId: r.parentId,
  orgId: r.orgId,
  orgName: r.orgName,
  deadline: r.deadline,
  status: r.status,
  state: boardState(r, taskOpen, now),
  reportedAt: r.reportedAt,
  verifiedAt: r.verifiedAt,
  partCount: r.partCount,
  partsPassed: r.partsPassed,
});

/** The holders of task roles at exactly these orgs (who answer for the orgs' parts). */
export const holdersAt = (orgIds: number[]) =>
  sql`SELECT DISTINCT g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id AND u.disabled_at IS NULL
      WHERE g.org_id = ANY(${sql.param(orgIds)}::int[]) AND g.role = ANY(${sql.param(TASK_ROLES)}::text[])`;

export async function holderIds(db: DbOrTx, orgIds: number[]): Promise<number[]> {
  if (!orgIds.length) return [];
  const { rows } = await db.execute<{ user_id: number }>(holdersAt(orgIds));
  return rows.map((r) => r.user_id);
}
