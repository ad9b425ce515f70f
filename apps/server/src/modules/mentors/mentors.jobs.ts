import {
  chinaDay,
  evaluationDue,
  isMeetingOverdue,
  MENTOR_STAGES,
  MENTORS_RULESETS,
  meetingDueOn,
  mentorsRulesetOn,
} from '@vanguard/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, mentorEvaluations, mentorPairs, roleGrants, users, workers } from '../../db/schema/index.js';
import { addTodos, type TodoInput } from '../../platform/todos/todos.js';

/**
 * Reminders of the mentors module, run at start and every six hours (idempotent by source key):
 * the mentor gets a to-do when the pair is overdue for a meeting (one per due date), and the org
 * (branch secretaries and org admins granted on the pair's org) when the mid-term or final
 * evaluation is due.
 */
export async function refreshMentorsReminders(db: DbOrTx, now: Date): Promise<number> {
  const today = chinaDay(now);
  const pairs = await db
    .select({ p: mentorPairs, mentorUser: members.userId, mentorName: members.name })
    .from(mentorPairs)
    .innerJoin(members, eq(members.id, mentorPairs.mentorMemberId))
    .where(eq(mentorPairs.status, 'active'));
  if (pairs.length === 0) return 0;
  const ids = pairs.map((x) => x.p.id);
  const evals = await db
    .select({ pairId: mentorEvaluations.pairId, stage: mentorEvaluations.stage })
    .from(mentorEvaluations)
    .where(inArray(mentorEvaluations.pairId, ids));
  const menteeNames = new Map<number, string>();
  const mIds = pairs.map((x) => x.p.menteeMemberId).filter((x): x is number => x !== null);
  const wIds = pairs.map((x) => x.p.menteeWorkerId).filter((x): x is number => x !== null);
  const mm = mIds.length ? await db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, mIds)) : [];
  const ww = wIds.length ? await db.select({ id: workers.id, name: workers.name }).from(workers).where(inArray(workers.id, wIds)) : [];
  for (const x of pairs)
    menteeNames.set(
      x.p.id,
      (x.p.menteeMemberId ? mm.find((m) => m.id === x.p.menteeMemberId)?.name : ww.find((w) => w.id === x.p.menteeWorkerId)?.name) ?? '',
    );
  const orgIds = [...new Set(pairs.map((x) => x.p.orgId))];
  const grants = await db
    .select({ userId: roleGrants.userId, orgId: roleGrants.orgId })
    .from(roleGrants)
    .innerJoin(users, and(eq(users.id, roleGrants.userId), isNull(users.disabledAt)))
    .where(and(inArray(roleGrants.orgId, orgIds), inArray(roleGrants.role, ['branch_secretary', 'org_admin'])));
  const items: TodoInput[] = [];
  for (const { p, mentorUser, mentorName } of pairs) {
    const rs = MENTORS_RULESETS.find((r) => r.version === p.rulesetVersion) ?? mentorsRulesetOn(p.startsOn);
    const mentee = menteeNames.get(p.id);
    if (mentorUser && isMeetingOverdue(p, today, rs)) {
      const due = meetingDueOn(p, rs);
      items.push({
        userId: mentorUser,
        orgId: p.orgId,
        severity: 'warning',
        title: `与${mentee}的谈心已逾期（应在 ${due} 前），请尽快谈心并登记`,
        link: `/m/mentors/${p.id}`,
        dueAt: new Date(`${due}T23:59:59+08:00`),
        sourceKey: `mentors:${p.id}:meeting:${due}`,
      });
    }
    const done = evals.filter((e) => e.pairId === p.id);
    const stage = evaluationDue(p, { mid: done.some((e) => e.stage === 'mid'), final: done.some((e) => e.stage === 'final') }, today, rs);
    if (stage)
      for (const g of grants.filter((x) => x.orgId === p.orgId))
        items.push({
          userId: g.userId,
          orgId: p.orgId,
          severity: 'info',
          title: `${mentorName}与${mentee}的师徒结对应进行${MENTOR_STAGES[stage]}`,
          link: `/admin/mentors/${p.id}`,
          dueAt: stage === 'final' ? new Date(`${p.plannedEndOn}T23:59:59+08:00`) : null,
          sourceKey: `mentors:${p.id}:evaluation:${stage}`,
        });
  }
  return addTodos(db, items);
}
