import { addMonths, chinaDay, expectedLabel, lifeRulesetOn, type Period, periodBounds, periodKey, startOfChinaDay } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { addTodos, type TodoInput } from '../../platform/todos/todos.js';
import { bySecretarySql, rulesSql } from './compliance.service.js';

/** The most recently ended period of each unit on `today` (2026-04-03 → 2026-03, 2026-Q1, 2025). */
export function lastEnded(today: string): Record<Period, string> {
  const prevMonth = addMonths(`${today.slice(0, 7)}-01`, -1);
  const q = periodKey(today, 'quarter');
  const prevQuarterDay = addMonths(periodBounds(q).from, -3);
  return { month: prevMonth.slice(0, 7), quarter: periodKey(prevQuarterDay, 'quarter'), year: String(Number(today.slice(0, 4)) - 1) };
}

/**
 * 组织生活提醒, run daily with the clock as an argument (like terms.jobs.ts):
 * - For the last ended month, quarter and year, every org that must hold a meeting type and held
 *   none with minutes gets a to-do for its secretaries and committee (branch_secretary /
 *   branch_committee on the org; for a 党小组 also on its branch) and an alert (notice) for the
 *   org_admin users of the org above.
 * - Open action items due within 3 days or overdue: a to-do for the owner org's secretaries and
 *   the owner person.
 * Idempotent: source keys `life-missing:<org>:<type>:<period>`, `action-item:<id>:<due|overdue>`.
 */
export async function refreshLifeReminders(db: DbOrTx, now: Date): Promise<number> {
  const today = chinaDay(now);
  const rs = lifeRulesetOn(today);
  const ended = lastEnded(today);
  const missing = await db.execute<{
    org_id: number;
    org_name: string;
    key: string;
    type: string;
    period: string;
    user_id: number;
    up: boolean;
  }>(sql`
    WITH rules(key, type, unit, kinds, by) AS (VALUES ${rulesSql(rs)}),
    periods(unit, pkey, pfrom, pto) AS (VALUES
      ('month', ${ended.month}, ${periodBounds(ended.month).from}::date, ${periodBounds(ended.month).to}::date),
      ('quarter', ${ended.quarter}, ${periodBounds(ended.quarter).from}::date, ${periodBounds(ended.quarter).to}::date),
      ('year', ${ended.year}, ${periodBounds(ended.year).from}::date, ${periodBounds(ended.year).to}::date)),
    due AS (
      SELECT o.id, o.name, o.parent_id, r.key, r.type, p.pkey, p.pfrom, p.pto
      FROM orgs o JOIN rules r ON o.kind = ANY(r.kinds) JOIN periods p ON p.unit = r.unit
      WHERE o.dissolved_at IS NULL AND o.created_at < (p.pfrom::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND NOT EXISTS (
          SELECT 1 FROM meetings m WHERE m.org_id = o.id AND m.type = r.type AND m.minutes_at IS NOT NULL AND m.cancelled_at IS NULL
            AND (r.by IS NULL OR (m.chair_member_id IS NOT NULL AND ${bySecretarySql('m')}))
            AND m.starts_at >= (p.pfrom::timestamp AT TIME ZONE 'Asia/Shanghai') AND m.starts_at < ((p.pto + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))
    )
    SELECT DISTINCT d.id AS org_id, d.name AS org_name, d.key, d.type, d.pkey AS period, g.user_id, (g.role = 'org_admin') AS up
    FROM due d JOIN role_grants g ON
      (g.org_id = d.id AND g.role IN ('branch_secretary', 'branch_committee'))
      OR (g.org_id = d.parent_id AND g.role IN ('branch_secretary', 'org_admin'))
    JOIN users u ON u.id = g.user_id AND u.disabled_at IS NULL`);
  const items: TodoInput[] = missing.rows.map((r) => {
    const e = rs.expected.find((x) => x.key === r.key);
    const name = e ? expectedLabel(e) : r.key;
    return r.up
      ? {
          userId: r.user_id,
          orgId: r.org_id,
          kind: 'notice',
          severity: 'warning',
          title: `下级组织未按期开展组织生活：${r.org_name} ${r.period} 未召开${name}`,
          body: `依据：${rs.source}`,
          link: `/admin/life/compliance?orgId=${r.org_id}`,
          sourceKey: `life-missing-up:${r.org_id}:${r.key}:${r.period}`,
        }
      : {
          userId: r.user_id,
          orgId: r.org_id,
          kind: 'todo',
          severity: 'danger',
          title: `${r.org_name} ${r.period} 未召开${name}（或未填写会议记录），请尽快补开并录入`,
          body: `依据：${rs.source}`,
          link: `/admin/life/meetings/new?orgId=${r.org_id}&type=${r.type}`,
          sourceKey: `life-missing:${r.org_id}:${r.key}:${r.period}`,
        };
  });

  const actions = await db.execute<{ id: number; org_id: number; title: string; due_on: string; user_id: number }>(sql`
    SELECT a.id, a.org_id, a.title, a.due_on::text AS due_on, u.id AS user_id
    FROM action_items a
    JOIN LATERAL (
      SELECT g.user_id AS id FROM role_grants g WHERE g.org_id = a.org_id AND g.role IN ('branch_secretary', 'org_admin')
      UNION SELECT m.user_id FROM members m WHERE m.id = a.owner_member_id AND m.user_id IS NOT NULL
    ) u ON true
    WHERE a.status = 'open' AND a.due_on <= ${today}::date + 3`);
  for (const a of actions.rows) {
    const overdue = a.due_on < today;
    items.push({
      userId: a.user_id,
      orgId: a.org_id,
      kind: 'todo',
      severity: overdue ? 'danger' : 'warning',
      title: overdue ? `督办事项已逾期（${a.due_on} 到期）：${a.title}` : `督办事项将于 ${a.due_on} 到期：${a.title}`,
      link: '/admin/life/actions',
      dueAt: startOfChinaDay(a.due_on),
      sourceKey: `action-item:${a.id}:${overdue ? 'overdue' : 'due'}`,
    });
  }
  return addTodos(db, items);
}
