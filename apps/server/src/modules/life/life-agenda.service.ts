import { addDays, chinaDay, daysBetween, lifeRulesetOn, type Period, periodBounds, periodKey } from '@vanguard/shared';
import type { AgendaEntry } from '@vanguard/shared/api/home';
import { and, eq, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { orgs } from '../../db/schema/index.js';
import { cellsOf } from './compliance.service.js';

const PERIOD_NAME: Record<Period, string> = { month: '本月', quarter: '本季度', year: '今年' };

/**
 * The organizational-life obligations of an org (and its 党小组) now, from the compliance rules
 * (LIFE_RULESETS: 支委会 and 主题党日 monthly, 党员大会 and 党课 quarterly, 书记讲党课, 组织生活会 and 谈心谈话
 * yearly): each expected meeting of the current period not yet held with minutes, and each one of
 * the last ended period left undone (逾期, the worst). Soon-ending periods come before distant ones.
 */
export async function lifeAgenda(db: DbOrTx, orgId: number, now: Date): Promise<AgendaEntry[]> {
  const today = chinaDay(now);
  const rs = lifeRulesetOn(today);
  const list = await db
    .select({ id: orgs.id, kind: orgs.kind, name: orgs.name })
    .from(orgs)
    .where(and(or(eq(orgs.id, orgId), and(eq(orgs.parentId, orgId), eq(orgs.kind, 'group'))), isNull(orgs.dissolvedAt)));
  if (list.length === 0) return [];
  const cells = await cellsOf(db, list, Number(today.slice(0, 4)), today, rs);
  const out: AgendaEntry[] = [];
  for (const o of list) {
    for (const c of cells.get(o.id) ?? []) {
      const current = periodKey(today, c.every);
      const end = periodBounds(c.period).to;
      const lastEnded = periodKey(addDays(periodBounds(current).from, -1), c.every);
      const params = { name: c.label, org: o.name, periodKey: c.period, period: PERIOD_NAME[c.every], source: rs.source };
      const link = `/admin/life/meetings/new?orgId=${o.id}&type=${c.type}`;
      if (c.period === current && c.status === 'due') {
        const daysLeft = daysBetween(today, end);
        out.push({
          key: `life:${o.id}:${c.key}:${c.period}`,
          code: 'agenda.life.due',
          params,
          severity: daysLeft <= 10 || c.every === 'month' ? 'warning' : 'info',
          link,
          mobileLink: null,
          dueOn: end,
        });
      } else if (c.period === lastEnded && c.status === 'missing') {
        out.push({
          key: `life:${o.id}:${c.key}:${c.period}`,
          code: 'agenda.life.missing',
          params,
          severity: 'danger',
          link,
          mobileLink: null,
          dueOn: end,
        });
      }
    }
  }
  return out;
}
