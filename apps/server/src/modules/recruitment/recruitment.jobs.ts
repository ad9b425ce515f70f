import { chinaDay, startOfChinaDay } from '@vanguard/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { orgs, recruitmentCases, roleGrants, users } from '../../db/schema/index.js';
import { addTodos, type TodoInput } from '../../platform/todos/todos.js';
import { listCaseSummariesForJob } from './recruitment-board.service.js';

const KIND_NAMES = { review: '支部考察', thought_report: '思想汇报' } as const;

/**
 * 发展党员提醒: a to-do for the branch secretaries when a periodic review or thought report is due
 * (warning) or late (danger), when the talk is overdue, and for the committee above (org_admin on
 * the parent org) when an approval nears or passes its 3 months. Idempotent by source key (case,
 * item, due date, state). Run daily with the clock as an argument.
 */
export async function refreshRecruitmentReminders(db: DbOrTx, now: Date): Promise<number> {
  const today = chinaDay(now);
  const active = await db
    .select({ c: recruitmentCases, orgName: orgs.name, parentId: orgs.parentId })
    .from(recruitmentCases)
    .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
    .where(eq(recruitmentCases.status, 'active'));
  if (active.length === 0) return 0;
  // In slices, so the id lists stay far below PostgreSQL's parameter limit.
  const summaries = [];
  for (let i = 0; i < active.length; i += 5000) {
    const slice = active.slice(i, i + 5000).map((a) => ({ ...a.c, orgName: a.orgName }));
    summaries.push(...(await listCaseSummariesForJob(db, slice, today)));
  }
  const summaryOf = new Map(summaries.map((x) => [x.id, x]));
  const orgIds = [...new Set(active.flatMap((a) => [a.c.orgId, a.parentId ?? -1]))];
  const grants = await db
    .select({ userId: roleGrants.userId, orgId: roleGrants.orgId, role: roleGrants.role })
    .from(roleGrants)
    .innerJoin(users, and(eq(users.id, roleGrants.userId), isNull(users.disabledAt)))
    .where(and(inArray(roleGrants.orgId, orgIds), inArray(roleGrants.role, ['branch_secretary', 'org_admin'])));
  const items: TodoInput[] = [];
  for (const a of active) {
    const s = summaryOf.get(a.c.id);
    if (!s) continue;
    const secretaries = grants.filter((g) => g.orgId === a.c.orgId && g.role === 'branch_secretary').map((g) => g.userId);
    const approvers = grants.filter((g) => g.orgId === a.parentId && g.role === 'org_admin').map((g) => g.userId);
    const link = `/admin/recruitment/cases/${a.c.id}`;
    for (const p of s.periodic) {
      if (p.state === 'ok') continue;
      for (const userId of secretaries)
        items.push({
          userId,
          orgId: a.c.orgId,
          severity: p.state === 'late' ? 'danger' : 'warning',
          title: `${a.c.name}的${KIND_NAMES[p.kind as keyof typeof KIND_NAMES]}${p.state === 'late' ? '已逾期' : '即将到期'}（${p.dueOn}）`,
          link,
          dueAt: startOfChinaDay(p.dueOn),
          sourceKey: `recruitment:${a.c.id}:${p.kind}:${p.dueOn}:${p.state}`,
        });
    }
    const n = s.next;
    if (n && (n.state === 'warning' || n.state === 'overdue')) {
      const to = n.actor === 'committee' ? approvers : secretaries;
      for (const userId of to)
        items.push({
          userId,
          orgId: a.c.orgId,
          severity: n.state === 'overdue' ? 'danger' : 'warning',
          title: `${a.orgName} ${a.c.name}：第 ${n.no} 步“${n.name}”${n.state === 'overdue' ? '已逾期' : '请抓紧办理'}`,
          body: n.message,
          link,
          dueAt: n.dueOn ? startOfChinaDay(n.dueOn) : null,
          sourceKey: `recruitment:${a.c.id}:step${n.no}:${a.c.round}:${n.state}`,
        });
    }
  }
  return addTodos(db, items);
}
