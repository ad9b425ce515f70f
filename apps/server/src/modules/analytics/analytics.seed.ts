import { addMonthsYm, chinaDay } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';
import { refreshMonth } from './rollups.service.js';

/**
 * Six months of production, safety and HR numbers for every branch of the demo (made-up, repeatable:
 * from a hash of branch and month), so the dashboards and the party-work-against-safety view have
 * data; then the rollups of those months. Headcount follows the branch's members; 三违 fall a little
 * where the branch held more meetings, with noise.
 */
export async function seedAnalyticsDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const last = addMonthsYm(chinaDay(ctx.now).slice(0, 7), -1);
  const months = Array.from({ length: 6 }, (_, i) => addMonthsYm(last, i - 5));
  await tx.execute(sql`
    WITH b AS (
      SELECT o.id, o.path, o.category, (SELECT count(*) FROM members m WHERE m.org_id = o.id AND m.status = 'normal') AS members
      FROM orgs o WHERE o.kind = 'branch' AND o.dissolved_at IS NULL
    ),
    mo AS (SELECT unnest(${sql.param(months)}::text[]) AS ym),
    x AS (SELECT b.*, mo.ym, abs(hashtext(b.id::text || mo.ym)) AS h FROM b CROSS JOIN mo),
    v AS (
      SELECT id, path, ym, 'headcount' AS code, (members * 4 + h % 20)::float8 AS value FROM x
      UNION ALL SELECT id, path, ym, 'violations', greatest(0, (h % 9) - (members / 12))::float8 FROM x
      UNION ALL SELECT id, path, ym, 'hazard_general', (4 + h % 11)::float8 FROM x
      UNION ALL SELECT id, path, ym, 'hazard_major', (h / 7 % 3)::float8 FROM x
      UNION ALL SELECT id, path, ym, 'hazard_closed_on_time', (3 + h % 9)::float8 FROM x
      UNION ALL SELECT id, path, ym, 'shift_leading', (20 + h % 15)::float8 FROM x
      UNION ALL SELECT id, path, ym, 'safe_days', 300::float8 + (h % 60) FROM x
      UNION ALL SELECT id, path, ym, 'coal_output', (40000 + h % 30000)::float8 FROM x WHERE category = 'production'
      UNION ALL SELECT id, path, ym, 'tunnel_footage', (150 + h % 120)::float8 FROM x WHERE category = 'production'
    )
    INSERT INTO indicator_values (org_id, org_path, code, month, value, source, created_at, updated_at)
    SELECT id, path, code, (ym || '-01')::date, value, 'import', ${ctx.now}, ${ctx.now} FROM v
    ON CONFLICT (org_id, code, month) DO NOTHING`);
  for (const m of [...months, addMonthsYm(last, 1)]) await refreshMonth(tx, m, ctx.now);
}
