import {
  chinaDay,
  isLetterExpired,
  isReceiptOverdue,
  LOST_STEPS,
  letterValidUntil,
  receiptDueOn,
  relationRulesetOn,
  startOfChinaDay,
} from '@vanguard/shared';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { relationLetters, relationLostCases, relationLostSteps, relationMobiles, roleGrants, users } from '../../db/schema/index.js';
import { addTodos, type TodoInput } from '../../platform/todos/todos.js';

/**
 * Periodic reminders of the relations module (run daily; the clock is an argument):
 * - a letter whose receipt has not come back 1 month after issue → to-do `letter:<id>:receipt`;
 * - a letter past its validity, member not reported → to-do `letter:<id>:expired` (re-issue);
 * - a lost-contact case whose correction deadline passed with no further step → `lost:<id>:deadline`;
 * - a mobile member past the expected return without a return registered → `mobile:<id>:return`.
 * To-dos go to the branch secretaries of the holding org and the org admins of the issuing
 * committee (letters). Idempotent by source key; recording the receipt closes the letter's to-dos.
 */
export async function refreshRelationReminders(db: DbOrTx, now: Date): Promise<number> {
  const today = chinaDay(now);
  const rs = relationRulesetOn(today);
  const items: TodoInput[] = [];

  const letters = await db
    .selectDistinct({ userId: roleGrants.userId, l: relationLetters })
    .from(relationLetters)
    .innerJoin(
      roleGrants,
      or(
        and(eq(roleGrants.orgId, relationLetters.orgId), eq(roleGrants.role, 'branch_secretary')),
        and(eq(roleGrants.orgId, relationLetters.committeeId), eq(roleGrants.role, 'org_admin')),
      ),
    )
    .innerJoin(users, and(eq(users.id, roleGrants.userId), isNull(users.disabledAt)))
    .where(
      and(
        eq(relationLetters.direction, 'out'),
        eq(relationLetters.status, 'issued'),
        // Pre-filter: the earlier of the two triggers (validity is never under 1 day).
        sql`${relationLetters.issuedOn} <= ${today}::date`,
      ),
    );
  for (const { userId, l } of letters) {
    if (isReceiptOverdue(l.issuedOn, l.receiptOn, today, rs)) {
      items.push({
        userId,
        orgId: l.orgId,
        severity: 'warning',
        title: `介绍信 ${l.number} 号（${l.name}，去往${l.toOrgName}）回执逾期未返回`,
        body: `回执应在 ${receiptDueOn(l.issuedOn, rs)} 前寄回。请与接收党组织联系核实党员是否报到。依据：${rs.letterSource}`,
        link: '/admin/relations/letters?filter=attention',
        dueAt: startOfChinaDay(receiptDueOn(l.issuedOn, rs)),
        sourceKey: `letter:${l.id}:receipt`,
      });
    }
    if (isLetterExpired(l.issuedOn, l.validityDays, today)) {
      items.push({
        userId,
        orgId: l.orgId,
        severity: 'danger',
        title: `介绍信 ${l.number} 号（${l.name}）已过有效期（至 ${letterValidUntil(l.issuedOn, l.validityDays)}）`,
        body: '党员未按期报到的，凭所在支部证明和本人申请重新开具介绍信。',
        link: '/admin/relations/letters?filter=attention',
        sourceKey: `letter:${l.id}:expired`,
      });
    }
  }

  const secretaries = (orgIdCol: typeof relationLostCases.orgId | typeof relationMobiles.orgId) =>
    and(eq(roleGrants.orgId, orgIdCol), eq(roleGrants.role, 'branch_secretary'));

  const deadlines = await db
    .select({
      userId: roleGrants.userId,
      caseId: relationLostCases.id,
      orgId: relationLostCases.orgId,
      deadline: relationLostSteps.deadline,
    })
    .from(relationLostCases)
    .innerJoin(relationLostSteps, and(eq(relationLostSteps.caseId, relationLostCases.id), eq(relationLostSteps.step, 'correction')))
    .innerJoin(roleGrants, secretaries(relationLostCases.orgId))
    .innerJoin(users, and(eq(users.id, roleGrants.userId), isNull(users.disabledAt)))
    .where(
      and(
        eq(relationLostCases.status, 'open'),
        sql`${relationLostSteps.deadline} < ${today}::date`,
        sql`NOT EXISTS (SELECT 1 FROM relation_lost_steps s WHERE s.case_id = ${relationLostCases.id} AND s.step IN ('removal_proposed', 'restored'))`,
      ),
    );
  for (const d of deadlines) {
    items.push({
      userId: d.userId,
      orgId: d.orgId,
      severity: 'warning',
      title: `失联党员限期改正已于 ${d.deadline} 届满，请研究下一步处置`,
      body: `下一步：${LOST_STEPS.removal_proposed}，或登记${LOST_STEPS.restored}。依据：${rs.lostSource}`,
      link: `/admin/relations/lost?caseId=${d.caseId}`,
      sourceKey: `lost:${d.caseId}:deadline`,
    });
  }

  const away = await db
    .select({ userId: roleGrants.userId, m: relationMobiles })
    .from(relationMobiles)
    .innerJoin(roleGrants, secretaries(relationMobiles.orgId))
    .innerJoin(users, and(eq(users.id, roleGrants.userId), isNull(users.disabledAt)))
    .where(and(isNull(relationMobiles.returnedOn), sql`${relationMobiles.expectedReturnOn} < ${today}::date`));
  for (const { userId, m } of away) {
    items.push({
      userId,
      orgId: m.orgId,
      title: `流动党员${m.personName}预计 ${m.expectedReturnOn} 返回，尚未登记返回`,
      body: '请联系核实：已返回的登记返回；继续外出的重新登记外出期限。',
      link: '/admin/relations/mobile',
      sourceKey: `mobile:${m.id}:return`,
    });
  }
  return addTodos(db, items);
}
