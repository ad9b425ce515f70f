import { COMPETITION_RULESETS } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';

const BRANCH_KINDS = sql`ARRAY['branch', 'joint_branch', 'temp_branch']`;

/**
 * Demo data of the competitions module, set-based, inside the demo seed's transaction:
 * - a third phone login `member3` (password as every demo login) on a member of 东山综采二队, so a
 *   live quiz can be shown with three phones from two branches;
 * - a finished live quiz of 东山矿党委 ten days ago: 24 members of the mine, 6 questions of the
 *   group's bank, answers with server-timed answer times, so the results page and Excel have a ranking;
 * - a weekly challenge of 东山矿党委 open from two days ago for a week, with 12 attempts submitted
 *   (the demo phone logins have not taken it yet).
 */
export async function seedCompetitionsDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const group = ctx.org('晋岭能源集团党委');
  const mine = ctx.org('东山矿党委');
  const east2 = ctx.org('东山综采二队党支部');
  const host = ctx.userIds.get('mineadmin') ?? null;
  const now = ctx.now;
  const day = 86_400_000;
  const rs = COMPETITION_RULESETS[0].version;

  await tx.execute(sql`
    WITH m AS (
      SELECT id, name FROM members WHERE org_id = ${east2.id} AND user_id IS NULL AND status = 'normal' AND category = 'full' ORDER BY id LIMIT 1
    ), u AS (
      INSERT INTO users (username, display_name, org_id, password_hash)
      SELECT 'member3', m.name, ${east2.id}, (SELECT password_hash FROM users WHERE username = 'member') FROM m
      RETURNING id
    ), g AS (
      INSERT INTO role_grants (user_id, role, org_id) SELECT id, 'member', ${east2.id} FROM u
    )
    UPDATE members SET user_id = (SELECT id FROM u) WHERE id = (SELECT id FROM m)`);

  // The finished live quiz and the open challenge.
  const finishedAt = new Date(now.getTime() - 10 * day);
  const startedAt = new Date(finishedAt.getTime() - 15 * 60_000);
  await tx.execute(sql`
    INSERT INTO competitions (org_id, org_path, kind, title, description, join_code, seconds_per_question, status, current_position,
                              rules_version, started_at, finished_at, created_by, created_at, updated_at)
    VALUES (${mine.id}, ${mine.path}, 'live', '东山矿第一季度安全知识竞赛', '各队党支部选派党员参加，现场抢答，大屏显示排名。', '271828', 20,
            'finished', 6, ${rs}, ${startedAt}, ${finishedAt}, ${host}, ${startedAt}, ${finishedAt})`);
  await tx.execute(sql`
    INSERT INTO competitions (org_id, org_path, kind, title, description, opens_at, closes_at, time_limit_seconds, status,
                              rules_version, created_by, created_at, updated_at)
    VALUES (${mine.id}, ${mine.path}, 'challenge', '本周安全知识挑战', '一周内每人可答一次，限时 5 分钟，按答对题数和用时排名。',
            ${new Date(now.getTime() - 2 * day)}, ${new Date(now.getTime() + 5 * day)}, 300, 'open', ${rs}, ${host},
            ${new Date(now.getTime() - 2 * day)}, ${new Date(now.getTime() - 2 * day)})`);

  // Questions: choice and true/false questions of the group's bank, at their current versions.
  await tx.execute(sql`
    WITH c AS (SELECT id, kind FROM competitions WHERE org_id = ${mine.id} AND kind IN ('live', 'challenge')),
    q AS (
      SELECT id, current_version_id, type, row_number() OVER (ORDER BY id) AS n FROM learning_questions
      WHERE org_path = ${group.path} AND type IN ('single', 'multiple', 'judge') AND retired_at IS NULL AND current_version_id IS NOT NULL
    )
    INSERT INTO competition_questions (competition_id, position, question_id, version_id, type, pushed_at, ends_at)
    SELECT c.id, q.n, q.id, q.current_version_id, q.type,
      CASE WHEN c.kind = 'live' THEN ${startedAt}::timestamptz + make_interval(secs => (q.n - 1) * 60) END,
      CASE WHEN c.kind = 'live' THEN ${startedAt}::timestamptz + make_interval(secs => (q.n - 1) * 60 + 20) END
    FROM c JOIN q ON q.n <= CASE WHEN c.kind = 'live' THEN 6 ELSE 5 END`);

  // Players: members of the mine without a login, with the branch they belong to.
  await tx.execute(sql`
    WITH c AS (SELECT id, kind FROM competitions WHERE org_id = ${mine.id} AND kind IN ('live', 'challenge')),
    m AS (
      SELECT m.id, m.name, m.org_id, m.org_path, row_number() OVER (ORDER BY m.id) AS n
      FROM members m WHERE m.org_path LIKE ${`${mine.path}%`} AND m.status = 'normal' AND m.user_id IS NULL
    )
    INSERT INTO competition_players (competition_id, member_id, name, org_id, org_path, branch_id, branch_name, joined_at, deadline_at)
    SELECT c.id, m.id, m.name, m.org_id, m.org_path, b.id, b.name,
      CASE WHEN c.kind = 'live' THEN ${startedAt}::timestamptz - interval '5 minutes'
           ELSE ${now}::timestamptz - make_interval(hours => (48 - m.n / 2)::int) END,
      CASE WHEN c.kind = 'challenge' THEN ${now}::timestamptz - make_interval(hours => (48 - m.n / 2)::int) + interval '300 seconds' END
    FROM c JOIN m ON m.n % 7 = 1 AND m.n <= CASE WHEN c.kind = 'live' THEN 7 * 24 ELSE 7 * 12 END
    CROSS JOIN LATERAL (
      SELECT o.id, o.name FROM orgs o WHERE m.org_path LIKE o.path || '%' AND o.kind = ANY(${BRANCH_KINDS})
      ORDER BY length(o.path) DESC LIMIT 1
    ) b`);

  // Answers: deterministic right and wrong answers with answer times (live: 2–17 s after the push).
  await tx.execute(sql`
    WITH a AS (
      SELECT c.id AS competition_id, c.kind, p.id AS player_id, q.id AS question_row_id, q.position, q.type, q.pushed_at,
        v.answer, p.joined_at, ((p.id * 7 + q.position * 3) % 4 <> 0) AS correct, 2000 + (p.id * 37 + q.position * 101) % 15000 AS ms
      FROM competitions c
      JOIN competition_players p ON p.competition_id = c.id
      JOIN competition_questions q ON q.competition_id = c.id
      JOIN learning_question_versions v ON v.id = q.version_id
      WHERE c.org_id = ${mine.id} AND c.kind IN ('live', 'challenge') AND (c.kind = 'live' OR p.id % 2 = 0 OR p.id % 3 = 0)
    )
    INSERT INTO competition_answers (competition_id, player_id, question_row_id, position, response, correct, elapsed_ms, answered_at)
    SELECT competition_id, player_id, question_row_id, position,
      jsonb_build_object('keys', CASE WHEN correct THEN answer->'keys'
        WHEN type = 'judge' THEN CASE WHEN answer->'keys'->>0 = 'true' THEN '["false"]'::jsonb ELSE '["true"]'::jsonb END
        WHEN answer->'keys'->>0 = 'A' THEN '["D"]'::jsonb ELSE '["A"]'::jsonb END),
      correct,
      CASE WHEN kind = 'live' THEN ms END,
      CASE WHEN kind = 'live' THEN pushed_at + make_interval(secs => ms / 1000.0) ELSE joined_at + interval '3 minutes' END
    FROM a`);

  // Challenge attempts that have answers are submitted, with their result.
  await tx.execute(sql`
    UPDATE competition_players p SET submitted_at = p.joined_at + make_interval(secs => 120 + p.id % 150),
      duration_ms = (120 + p.id % 150) * 1000,
      correct = (SELECT count(*) FILTER (WHERE a.correct) FROM competition_answers a WHERE a.player_id = p.id)
    FROM competitions c
    WHERE c.id = p.competition_id AND c.org_id = ${mine.id} AND c.kind = 'challenge'
      AND EXISTS (SELECT 1 FROM competition_answers a WHERE a.player_id = p.id)`);
}
