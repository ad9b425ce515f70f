import { chinaDay, DUES_RULESETS, duesRulesetOn, periodBounds } from '@vanguard/shared';
import type { AgendaEntry } from '@vanguard/shared/api/home';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { currentYm, likePrefix, monthDay } from './dues.common.js';
import { arrearsRows } from './dues-arrears.js';

const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * The branch's dues work now (the treasurer's month): members with a base in force but no bill for
 * the month (the monthly job bills them; a gap means a base came late), the month not yet
 * collected, members' reports waiting for confirmation, and members behind by the reminder line.
 */
export async function duesAgenda(db: DbOrTx, org: { id: number; name: string; path: string }, now: Date): Promise<AgendaEntry[]> {
  const ym = currentYm(now);
  const month = monthDay(ym);
  const rs = duesRulesetOn(chinaDay(now)) ?? DUES_RULESETS[0];
  const p = likePrefix(org.path);
  const [row] = (
    await db.execute<{ unbilled: number; unpaid: number; owed: string; reported: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM members m JOIN dues_bases b ON b.member_id = m.id
           AND b.effective_from <= ${month}::date AND (b.effective_to IS NULL OR b.effective_to > ${month}::date)
         WHERE m.org_path LIKE ${p} AND m.status = 'normal'
           AND (m.admitted_on IS NULL OR m.admitted_on < (${month}::date + interval '1 month'))
           AND NOT EXISTS (SELECT 1 FROM dues_bills x WHERE x.member_id = m.id AND x.month = ${month}::date)) AS unbilled,
        (SELECT count(*)::int FROM dues_bills b WHERE b.org_path LIKE ${p} AND b.month = ${month}::date AND b.status = 'unpaid') AS unpaid,
        (SELECT coalesce(sum(b.due_fen - b.paid_fen), 0)::bigint FROM dues_bills b
         WHERE b.org_path LIKE ${p} AND b.month = ${month}::date AND b.status = 'unpaid') AS owed,
        (SELECT count(*)::int FROM dues_payments x WHERE x.org_path LIKE ${p} AND x.status = 'reported') AS reported`)
  ).rows;
  const behind = (await arrearsRows(db, org.path, now, { minMonths: rs.arrears.remindMember, limit: 1 })).total;
  const base = `/admin/dues?orgId=${org.id}`;
  const end = periodBounds(ym).to;
  const out: AgendaEntry[] = [];
  if (row.unbilled > 0)
    out.push({
      key: `dues:${org.id}:unbilled:${ym}`,
      code: 'agenda.dues.unbilled',
      params: { month: ym, n: row.unbilled, org: org.name },
      severity: 'warning',
      link: `${base}&tab=ledger`,
      mobileLink: null,
      dueOn: end,
    });
  if (row.reported > 0)
    out.push({
      key: `dues:${org.id}:reported`,
      code: 'agenda.dues.reported',
      params: { n: row.reported, org: org.name },
      severity: 'warning',
      link: `${base}&tab=payments`,
      mobileLink: null,
      dueOn: null,
    });
  if (behind > 0)
    out.push({
      key: `dues:${org.id}:arrears`,
      code: 'agenda.dues.arrears',
      params: { n: behind, months: rs.arrears.remindMember, limit: rs.arrears.withdrawal, org: org.name },
      severity: 'danger',
      link: `${base}&tab=arrears`,
      mobileLink: null,
      dueOn: null,
    });
  if (row.unpaid > 0)
    out.push({
      key: `dues:${org.id}:uncollected:${ym}`,
      code: 'agenda.dues.uncollected',
      params: { month: ym, n: row.unpaid, amount: yuan(Number(row.owed)), org: org.name },
      severity: 'info',
      link: `${base}&tab=ledger`,
      mobileLink: null,
      dueOn: end,
    });
  return out;
}
