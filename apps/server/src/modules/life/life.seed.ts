import { chinaDay } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';

/**
 * Demo data of the life module, written inside the demo seed's transaction, set-based:
 * - a second phone login `member2` (password as every demo login) on the next member of 东山综采一队;
 * - for every branch and 党小组, the meetings of the last 12 ended months the ruleset expects, held
 *   with minutes and published, with a few gaps so the compliance page has red cells; the current
 *   month is left open (due);
 * - attendance for the last 6 months (about 85 % signed in), last organizational-life dates, 党课 hours;
 * - an upcoming 支委会 of 东山综采一队 tomorrow for its committee and a 主题党日 in three days for all,
 *   with to-dos on the invited phones;
 * - a 联席会议 of 东山综采一队 and 二队 last month with an open action item.
 */
/** The current leadership team (支委会成员) of an org, as a sub-select of member ids. */
const committeeOf = (orgId: ReturnType<typeof sql>) => sql`
  SELECT lm.member_id FROM leadership_members lm JOIN leadership_terms lt ON lt.id = lm.term_id
  WHERE lt.org_id = ${orgId} AND lt.ended_on IS NULL AND lm.ended_on IS NULL`;

export async function seedLifeDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const today = chinaDay(ctx.now);
  const east = ctx.org('东山综采一队党支部');
  const east2 = ctx.org('东山综采二队党支部');
  const secretary = ctx.userIds.get('secretary') ?? null;

  await tx.execute(sql`
    WITH m AS (
      SELECT id, name FROM members WHERE org_id = ${east.id} AND user_id IS NULL AND status = 'normal' AND category = 'full' ORDER BY id LIMIT 1
    ), u AS (
      INSERT INTO users (username, display_name, org_id, password_hash)
      SELECT 'member2', m.name, ${east.id}, (SELECT password_hash FROM users WHERE username = 'member') FROM m
      RETURNING id
    ), g AS (
      INSERT INTO role_grants (user_id, role, org_id) SELECT id, 'member', ${east.id} FROM u
    )
    UPDATE members SET user_id = (SELECT id FROM u) WHERE id = (SELECT id FROM m)`);

  // Past meetings: (type, unit, kinds, day of month, hour) for the ended months of the last year.
  await tx.execute(sql`
    WITH plan(type, kinds, day, hr, quarter_only, year_only) AS (VALUES
      ('committee', '{branch,joint_branch,temp_branch}'::text[], 5, 9, false, false),
      ('theme_day', '{branch,joint_branch,temp_branch}'::text[], 15, 14, false, false),
      ('group', '{group}'::text[], 10, 16, false, false),
      ('branch_assembly', '{branch,joint_branch,temp_branch}'::text[], 20, 9, true, false),
      ('lecture', '{branch,joint_branch,temp_branch}'::text[], 25, 14, true, false),
      ('life_meeting', '{branch,joint_branch,temp_branch}'::text[], 18, 9, false, true)
    ), months AS (
      SELECT k, (date_trunc('month', ${today}::date) - make_interval(months => k))::date AS m FROM generate_series(1, 12) k
    ), rows AS (
      SELECT o.id AS org_id, o.path, p.type, k,
        ((mo.m + (p.day - 1)) + make_interval(hours => p.hr))::timestamp AT TIME ZONE 'Asia/Shanghai' AS starts_at
      FROM orgs o JOIN plan p ON o.kind = ANY(p.kinds) CROSS JOIN months mo
      WHERE o.dissolved_at IS NULL
        AND (NOT p.quarter_only OR extract(month FROM mo.m)::int % 3 = 0)
        AND (NOT p.year_only OR extract(month FROM mo.m)::int = 12)
        AND (o.id * 7 + k * 3 + length(p.type)) % 13 <> 0
    )
    INSERT INTO meetings (org_id, org_path, type, topic, starts_at, place, invite, status, minutes, resolutions, minutes_at, published_at, hours_minutes, sign_key, created_by, created_at, updated_at)
    SELECT org_id, path, type,
      -- The type is shown beside the topic, so the topic does not repeat it.
      CASE type WHEN 'committee' THEN '研究' || to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'FMMM') || '月安全生产和党建重点工作'
                WHEN 'theme_day' THEN '重温入党誓词，开展安全隐患排查'
                WHEN 'group' THEN '学习安全规程，交流岗位履责'
                WHEN 'branch_assembly' THEN '通报季度工作，讨论发展党员'
                WHEN 'lecture' THEN '安全生产中的党员责任'
                ELSE '年度组织生活会暨民主评议党员' END,
      starts_at, '队部会议室', CASE WHEN type = 'committee' THEN '{"kind":"committee"}' ELSE '{"kind":"members"}' END::jsonb, 'held',
      '会议传达学习了上级有关精神，总结了上阶段工作，研究部署了下阶段任务。', '一、严格落实安全生产责任制。二、党员带头开展隐患排查。',
      starts_at + interval '2 hours', starts_at + interval '1 day', CASE WHEN type = 'lecture' THEN 120 ELSE 0 END,
      md5(random()::text) || md5(random()::text), ${secretary}, starts_at - interval '7 days', starts_at + interval '1 day'
    FROM rows`);
  await tx.execute(sql`INSERT INTO meeting_orgs (meeting_id, org_id, org_path) SELECT id, org_id, org_path FROM meetings`);
  await tx.execute(sql`
    INSERT INTO meeting_events (meeting_id, kind, at, actor_id)
    SELECT id, 'planned', created_at, created_by FROM meetings UNION ALL
    SELECT id, 'minutes', minutes_at, created_by FROM meetings UNION ALL
    SELECT id, 'published', published_at, created_by FROM meetings`);
  // Attendance of the last 6 months: a 支委会 expects its committee (the org's current leadership
  // team), every other meeting the members of the org's subtree (a 党小组会: the group's).
  await tx.execute(sql`
    INSERT INTO meeting_attendees (meeting_id, member_id, org_id)
    SELECT mt.id, mb.id, mb.org_id FROM meetings mt JOIN members mb ON mb.org_path LIKE mt.org_path || '%' AND mb.status = 'normal'
    WHERE mt.starts_at >= ${ctx.now}::timestamptz - interval '6 months'
      AND (mt.type <> 'committee' OR mb.id IN (${committeeOf(sql`mt.org_id`)}))`);
  await tx.execute(sql`
    INSERT INTO meeting_signins (meeting_id, member_id, signed_at, method)
    SELECT a.meeting_id, a.member_id, mt.starts_at - make_interval(mins => (a.member_id % 15)), CASE WHEN a.member_id % 5 = 0 THEN 'code' ELSE 'qr' END
    FROM meeting_attendees a JOIN meetings mt ON mt.id = a.meeting_id
    WHERE (a.member_id * 31 + a.meeting_id) % 100 < 85
      AND a.member_id <> ALL(${sql.param(ctx.outOfContact)}::int[])`);
  await tx.execute(sql`
    UPDATE meeting_attendees a SET absent_reason = '井下当班' FROM meetings mt
    WHERE mt.id = a.meeting_id AND NOT EXISTS (SELECT 1 FROM meeting_signins s WHERE s.meeting_id = a.meeting_id AND s.member_id = a.member_id)`);
  await tx.execute(sql`
    INSERT INTO member_life_dates (member_id, last_life_on)
    SELECT s.member_id, max((mt.starts_at AT TIME ZONE 'Asia/Shanghai')::date) FROM meeting_signins s JOIN meetings mt ON mt.id = s.meeting_id GROUP BY s.member_id`);

  // Upcoming: a 支委会 tomorrow for the committee, a 主题党日 in three days for every member (planned,
  // the invited told on their phones).
  for (const up of [
    { type: 'committee', typeName: '支委会', topic: '研究本月党员发展和安全生产工作', days: 1, hour: '09:00', place: '综采一队三楼会议室' },
    { type: 'theme_day', typeName: '主题党日', topic: '开展井下安全隐患排查', days: 3, hour: '14:30', place: '综采一队学习室' },
  ]) {
    const who = up.type === 'committee' ? sql`AND mb.id IN (${committeeOf(sql`mt.org_id`)})` : sql``;
    await tx.execute(sql`
      WITH mt AS (
        INSERT INTO meetings (org_id, org_path, type, topic, agenda, starts_at, place, invite, sign_key, created_by)
        VALUES (${east.id}, ${east.path}, ${up.type}, ${up.topic}, '一、传达上级要求；二、研究本月重点工作；三、安排落实',
          ((${today}::date + ${up.days}::int) + ${up.hour}::time) AT TIME ZONE 'Asia/Shanghai', ${up.place},
          ${JSON.stringify({ kind: up.type === 'committee' ? 'committee' : 'members' })}::jsonb, md5(random()::text) || md5(random()::text), ${secretary})
        RETURNING id, org_id, org_path, created_at, starts_at, topic
      ), o AS (INSERT INTO meeting_orgs (meeting_id, org_id, org_path) SELECT id, org_id, org_path FROM mt),
      e AS (INSERT INTO meeting_events (meeting_id, kind, at, actor_id) SELECT id, 'planned', created_at, ${secretary} FROM mt),
      a AS (
        INSERT INTO meeting_attendees (meeting_id, member_id, org_id)
        SELECT mt.id, mb.id, mb.org_id FROM mt JOIN members mb ON mb.org_path LIKE mt.org_path || '%' AND mb.status = 'normal' ${who}
        RETURNING member_id
      )
      INSERT INTO todos (user_id, org_id, kind, title, body, link, due_at, source_key)
      SELECT mb.user_id, mt.org_id, 'todo', ${`参加${up.typeName}：`} || mt.topic, '不能参加请在手机上请假。', '/m/life/meetings/' || mt.id, mt.starts_at,
        'meeting:' || mt.id || ':' || (extract(epoch FROM mt.starts_at) * 1000)::bigint
      FROM mt JOIN members mb ON mb.org_path LIKE mt.org_path || '%' AND mb.user_id IS NOT NULL AND mb.status = 'normal' ${who}`);
  }

  // A 联席会议 last month with an open action item.
  await tx.execute(sql`
    WITH mt AS (
      INSERT INTO meetings (org_id, org_path, type, topic, starts_at, place, invite, joint_body, status, minutes, resolutions, minutes_at, published_at, sign_key, created_by)
      VALUES (${east.id}, ${east.path}, 'joint', '综采一队、二队联席会：工作面搬家倒面协同',
        ((date_trunc('month', ${today}::date) - interval '1 month')::date + 9 + time '15:00') AT TIME ZONE 'Asia/Shanghai', '调度楼二楼会议室',
        ${JSON.stringify({ kind: 'orgs', orgIds: [east.id, east2.id], who: 'committee' })}::jsonb, '东山综采联席会', 'held',
        '两队支委共同研究搬家倒面期间的安全保障和党员分工。', '一、二队负责设备回撤党员突击队组建。',
        now(), now(), md5(random()::text) || md5(random()::text), ${secretary})
      RETURNING id
    ), o AS (
      INSERT INTO meeting_orgs (meeting_id, org_id, org_path) SELECT mt.id, x.id, x.path FROM mt, orgs x WHERE x.id IN (${east.id}, ${east2.id})
    )
    INSERT INTO action_items (meeting_id, org_id, org_path, title, due_on)
    SELECT mt.id, ${east2.id}, ${east2.path}, '组建设备回撤党员突击队', ${today}::date + 10 FROM mt`);
}
