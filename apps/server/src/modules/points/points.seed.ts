import { chinaDay, pointsRulesetOn } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';

/**
 * Demo points history for the members of the 东山 mine: the last 60 China days before today (today
 * is left empty, so a member's first activity on the phone shows up), set-based. Study 1–6 points on
 * about half of the days, a challenge point on some, an exam now and then — all under the caps —
 * with the day totals written beside them.
 */
export async function seedPointsDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const mine = ctx.org('东山矿党委');
  const today = chinaDay(ctx.now);
  const version = pointsRulesetOn(today).version;
  await tx.execute(sql`
    WITH m AS (SELECT id FROM members WHERE org_path LIKE ${`${mine.path}%`} AND status = 'normal'),
    d AS (SELECT (${today}::date - k)::date AS day FROM generate_series(1, 60) k),
    x AS (SELECT m.id, d.day, abs(hashtext(m.id::text || d.day::text)) AS h FROM m CROSS JOIN d),
    e AS (
      SELECT id, day, 'study' AS activity, 1 + h % 6 AS pts FROM x WHERE h % 100 < 45
      UNION ALL SELECT id, day, 'challenge', 1 FROM x WHERE (h / 100) % 100 < 20
      UNION ALL SELECT id, day, 'exam', 5 FROM x WHERE (h / 10000) % 100 < 4
    )
    INSERT INTO point_entries (member_id, activity, source_key, day, at, requested, points, ruleset_version)
    SELECT id, activity, 'demo:' || id || ':' || day || ':' || activity, day, (day + time '19:30') AT TIME ZONE 'Asia/Shanghai', pts, pts, ${version}
    FROM e`);
  await tx.execute(sql`
    INSERT INTO point_days (member_id, day, total, by_activity, study_seconds)
    SELECT member_id, day, sum(points), jsonb_object_agg(activity, points), coalesce(sum(points) FILTER (WHERE activity = 'study'), 0) * 600
    FROM point_entries WHERE source_key LIKE 'demo:%' GROUP BY member_id, day`);
}
