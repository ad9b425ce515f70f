import { addDays, chinaDay, reportRulesetOn } from '@vanguard/shared';
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reportFiles, reportKeys, reportMessages, reports } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { addTodos, type TodoInput } from '../../platform/todos/todos.js';
import { shred } from './reports.files.js';

function jobCtx(db: Db, now: Date, ciphers: Ctx['ciphers']): Ctx {
  return { db, actor: null, now: () => now, log: console as unknown as Ctx['log'], requestId: 'job:reports', ip: null, ciphers };
}

/**
 * Retention (issue 18 item 7): reports whose retention day has come are deleted with their messages,
 * keys and files — each file's bytes overwritten, then unlinked — and one audit row per report records
 * that it was deleted (its number and channel, no content). Run daily on the queue (main.ts).
 */
export async function purgeExpiredReports(db: Db, now: Date, ciphers: Ctx['ciphers']): Promise<number> {
  const today = chinaDay(now);
  const due = await db
    .select({ id: reports.id, orgId: reports.orgId, channelId: reports.channelId, status: reports.status, outcome: reports.outcome })
    .from(reports)
    .where(and(isNotNull(reports.expiresOn), lte(reports.expiresOn, today)))
    .limit(500);
  const ctx = jobCtx(db, now, ciphers);
  for (const r of due) {
    const files = await db.transaction(async (tx) => {
      const fs = await tx.delete(reportFiles).where(eq(reportFiles.reportId, r.id)).returning({ storageKey: reportFiles.storageKey });
      await tx.delete(reportMessages).where(eq(reportMessages.reportId, r.id));
      await tx.delete(reportKeys).where(eq(reportKeys.reportId, r.id));
      await tx.delete(reports).where(eq(reports.id, r.id));
      await audit(tx, ctx, {
        action: 'reports.purged',
        entityType: 'report',
        entityId: r.id,
        orgId: r.orgId,
        after: { channelId: r.channelId, status: r.status, outcome: r.outcome, files: fs.length },
      });
      return fs;
    });
    // After the commit: a crash here leaves sealed bytes without a key anywhere (the key rows are gone).
    for (const f of files) await shred(f.storageKey);
  }
  return due.length;
}

/**
 * Deadlines (item 5): a to-do for each handler of a report whose accept or conclude deadline is within
 * the ruleset's reminder days or past. The text names the report number only.
 */
export async function refreshReportReminders(db: Db, now: Date): Promise<number> {
  const today = chinaDay(now);
  const soon = addDays(today, reportRulesetOn(today).remindDaysBefore);
  const rows = await db
    .select({
      id: reports.id,
      orgId: reports.orgId,
      status: reports.status,
      acceptBy: reports.acceptBy,
      concludeBy: reports.concludeBy,
      handlerIds: reports.handlerIds,
    })
    .from(reports)
    .where(
      and(
        inArray(reports.status, ['pending', 'accepted', 'investigating']),
        sql`((${reports.status} = 'pending' AND ${reports.acceptBy} <= ${soon}::date) OR (${reports.status} <> 'pending' AND ${reports.concludeBy} <= ${soon}::date))`,
      ),
    );
  const items: TodoInput[] = [];
  for (const r of rows) {
    const phase = r.status === 'pending' ? 'accept' : 'conclude';
    const by = (phase === 'accept' ? r.acceptBy : r.concludeBy) ?? today;
    const late = by < today;
    for (const userId of r.handlerIds) {
      items.push({
        userId,
        orgId: r.orgId,
        severity: late ? 'danger' : 'warning',
        title: `举报件 #${r.id} ${phase === 'accept' ? '受理' : '办结'}期限${late ? '已过' : '将至'}（${by}）`,
        link: `/admin/reports/${r.id}`,
        dueAt: new Date(`${by}T17:00:00+08:00`),
        sourceKey: `reports:${r.id}:${phase}:${late ? 'late' : 'soon'}`,
      });
    }
  }
  return addTodos(db, items, now);
}
