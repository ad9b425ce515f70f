import { chinaDay, orgRulesetOn, startOfChinaDay } from '@vanguard/shared';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { leadershipTerms, orgs, roleGrants, users } from '../../db/schema/index.js';
import { addTodos, type TodoInput } from '../../platform/todos/todos.js';
import { reminderStage } from './terms.rules.js';

/**
 * 换届提醒 (RULES.md §Organization: remind 6 months and 1 month before a term ends; the request
 * goes to the upper committee 1–2 months ahead). One query finds the current terms inside the
 * first reminder window with the people to tell — the org's secretaries (branch_secretary on the
 * org) and the parent's org_admin users — and one insert writes the to-dos. Idempotent: the
 * source key `term:<termId>:<6m|1m|overdue>` is written once per user, and only the latest
 * stage reached is written. Run it daily; it takes the clock as an argument.
 */
export async function refreshTermReminders(db: DbOrTx, now: Date): Promise<number> {
  const today = chinaDay(now);
  const rs = orgRulesetOn(today);
  const firstMonths = Math.max(...rs.termReminderMonths);
  const rows = await db
    .selectDistinct({
      userId: roleGrants.userId,
      termId: leadershipTerms.id,
      orgId: orgs.id,
      orgName: orgs.name,
      endsOn: leadershipTerms.endsOn,
    })
    .from(leadershipTerms)
    .innerJoin(orgs, and(eq(orgs.id, leadershipTerms.orgId), isNull(orgs.dissolvedAt)))
    .innerJoin(
      roleGrants,
      or(
        and(eq(roleGrants.orgId, orgs.id), eq(roleGrants.role, 'branch_secretary')),
        and(eq(roleGrants.orgId, orgs.parentId), eq(roleGrants.role, 'org_admin')),
      ),
    )
    .innerJoin(users, and(eq(users.id, roleGrants.userId), isNull(users.disabledAt)))
    .where(
      and(
        isNull(leadershipTerms.endedOn),
        // The same month arithmetic as addMonths (clamped to the month's end), so this pre-filter and reminderStage agree.
        sql`${leadershipTerms.endsOn} - make_interval(months => ${firstMonths}) <= ${today}::date`,
      ),
    );

  const items: TodoInput[] = rows.flatMap((r) => {
    const stage = reminderStage(r.endsOn, today, rs);
    if (!stage) return [];
    const overdue = stage === 'overdue';
    return [
      {
        userId: r.userId,
        orgId: r.orgId,
        kind: 'todo',
        severity: stage === `${firstMonths}m` ? 'warning' : 'danger',
        title: overdue
          ? `${r.orgName}班子任期已于 ${r.endsOn} 届满，请尽快换届`
          : `${r.orgName}班子任期将于 ${r.endsOn} 届满（不足 ${stage.replace('m', '')} 个月），请${stage === `${firstMonths}m` ? '筹备换届' : '向上级党组织报送换届请示'}`,
        body: overdue
          ? `任期届满应按期换届；确需延期的，须报上级党组织批准，延期一般不超过 1 年。依据：${rs.source}`
          : `换届请示一般在任期届满前 1–2 个月报上级党组织。依据：${rs.source}`,
        link: `/admin/orgs?orgId=${r.orgId}&tab=terms`,
        dueAt: startOfChinaDay(r.endsOn),
        sourceKey: `term:${r.termId}:${stage}`,
      },
    ];
  });
  return addTodos(db, items);
}
