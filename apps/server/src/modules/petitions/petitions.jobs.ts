import { chinaDay, nextEscalationAfter, petitionRulesetOn } from '@vanguard/shared';
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { petitions } from '../../db/schema/index.js';
import { calendarFor } from './petitions.calendar.js';
import { addEvent, orgAbove, tellHandlers } from './petitions.common.js';

const BATCH = 500;

/**
 * The petitions clock (a periodic queue job, main.ts): an open petition not answered by the end of its
 * reply day goes to the org above (the committee), and again when 3 more working days pass unanswered.
 * Each step is one transaction per petition, re-checked under its row lock, so runs on two nodes or a
 * retry never escalate twice. Returns the number escalated.
 */
export async function refreshPetitionClocks(db: Db, now: Date): Promise<number> {
  const today = chinaDay(now);
  let done = 0;
  let after = 0;
  for (;;) {
    const due = await db
      .select({ id: petitions.id })
      .from(petitions)
      .where(
        and(
          inArray(petitions.status, ['submitted', 'in_progress', 'reopened']),
          lt(petitions.escalations, 2),
          lt(petitions.escalateAfterOn, today),
          gt(petitions.id, after),
        ),
      )
      .orderBy(asc(petitions.id))
      .limit(BATCH);
    if (due.length === 0) break;
    after = due[due.length - 1].id;
    for (const { id } of due) if (await escalateOne(db, id, now)) done++;
  }
  return done;
}

async function escalateOne(db: Db, id: number, now: Date): Promise<boolean> {
  const today = chinaDay(now);
  return db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(petitions)
      .where(
        and(
          eq(petitions.id, id),
          sql`${petitions.status} IN ('submitted', 'in_progress', 'reopened')`,
          lt(petitions.escalations, 2),
          lt(petitions.escalateAfterOn, today),
        ),
      )
      .for('update');
    if (!p) return false;
    const up = await orgAbove(tx, p.orgId);
    const rs = petitionRulesetOn(p.receivedOn);
    const escalations = p.escalations + 1;
    const next = nextEscalationAfter(escalations, p.replyDueOn, today, await calendarFor(tx, up.path), rs);
    const [after] = await tx
      .update(petitions)
      .set({ orgId: up.id, orgPath: up.path, escalations, escalatedOn: today, escalateAfterOn: next ?? '9999-12-31', updatedAt: now })
      .where(eq(petitions.id, p.id))
      .returning();
    await addEvent(tx, {
      petitionId: p.id,
      kind: 'escalated',
      at: now,
      fromOrgId: p.orgId,
      toOrgId: up.id,
      note: `第 ${escalations} 次提交上级（答复期限 ${p.replyDueOn}）`,
    });
    await tellHandlers(tx, now, after, 'escalated', up.name);
    return true;
  });
}
