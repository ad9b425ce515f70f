import type { Role } from '@vanguard/shared';
import { checkMessageParams, type NotifyMessage, renderMessage } from '@vanguard/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { invalid } from '../errors.js';
import { queueOf } from '../queue/queue.js';

/**
 * Who a message is for. Start: named users, or the people of an org subtree (optionally only those
 * holding some roles there). A new kind (labels, a notice's audience…) adds a member here and a
 * resolver in `AUDIENCES`, which turns it into a set of user ids in SQL — never a loop per person.
 */
export type Audience =
  | { kind: 'users'; userIds: number[] }
  | { kind: 'org'; orgId: number; roles?: Role[] }
  /** A notice's recipients (its snapshot taken at publication), optionally only those who have not read it. */
  | { kind: 'notice'; noticeId: number; unreadOnly?: boolean };

const AUDIENCES: { [K in Audience['kind']]: (a: Extract<Audience, { kind: K }>) => SQL } = {
  users: (a) => sql`SELECT u.id FROM users u WHERE u.id = ANY(${sql.param(a.userIds)}::int[]) AND u.disabled_at IS NULL`,
  org: (a) =>
    a.roles?.length
      ? sql`SELECT DISTINCT g.user_id AS id FROM role_grants g
            JOIN orgs o ON o.id = g.org_id
            JOIN users u ON u.id = g.user_id AND u.disabled_at IS NULL
            WHERE o.path LIKE (SELECT path FROM orgs WHERE id = ${a.orgId}) || '%' AND g.role = ANY(${sql.param(a.roles)}::text[])`
      : sql`SELECT u.id FROM users u JOIN orgs o ON o.id = u.org_id
            WHERE u.disabled_at IS NULL AND o.path LIKE (SELECT path FROM orgs WHERE id = ${a.orgId}) || '%'`,
  notice: (a) =>
    sql`SELECT r.user_id AS id FROM notice_recipients r JOIN users u ON u.id = r.user_id AND u.disabled_at IS NULL
        WHERE r.notice_id = ${a.noticeId}${a.unreadOnly ? sql` AND r.read_at IS NULL` : sql``}`,
};

const audienceSql = (a: Audience): SQL => (AUDIENCES[a.kind] as (x: Audience) => SQL)(a);

export interface NotifyInput {
  /** The message id the sender chooses (`meeting:12:invited`): the same key is sent once, whatever the retries. */
  key: string;
  to: Audience;
  message: NotifyMessage;
  /** Who sent it (null: the system, a periodic job). */
  createdBy?: number | null;
  /** Only this channel, regardless of its org and of quiet hours and the cap (the settings page's test message). */
  testProviderId?: number;
}

export interface NotifyResult {
  messageId: number;
  /** False when a message with this key was sent before (nothing written again). */
  created: boolean;
  recipients: number;
  deliveries: number;
}

/**
 * Sends a message: in the app always (a to-do of kind `notice` on the person's home, keyed by the
 * message), and beyond the app through every enabled channel whose org subtree holds the person.
 * Runs in the caller's transaction (set-based writes); the deliveries go out from the queue after
 * commit, with retries and backoff, quiet hours and the daily cap (`dispatch.ts`).
 */
export async function notify(db: DbOrTx, now: Date, input: NotifyInput): Promise<NotifyResult> {
  const problems = checkMessageParams(input.message.params as Record<string, unknown>);
  if (problems.length) throw invalid(problems.map((message) => ({ path: 'message.params', message })));
  const link = input.message.link ?? null;
  if (link !== null && !/^\/[A-Za-z0-9/_\-?=&.]*$/.test(link)) throw invalid('message.link', '链接只能是本系统内的路径');
  const title = renderMessage(input.message);

  const { rows } = await db.execute<{ id: number; recipients: number; created: boolean }>(sql`
    WITH recipients AS (${audienceSql(input.to)}),
    msg AS (
      INSERT INTO notify_messages (key, code, params, link, recipients, created_by, created_at, updated_at)
      SELECT ${input.key}, ${input.message.code}, ${JSON.stringify(input.message.params)}::jsonb, ${link}, count(*)::int, ${input.createdBy ?? null}, ${now}, ${now}
      FROM recipients
      ON CONFLICT (key) DO NOTHING
      RETURNING id, recipients
    )
    SELECT id, recipients, true AS created FROM msg
    UNION ALL
    SELECT id, recipients, false FROM notify_messages WHERE key = ${input.key} AND NOT EXISTS (SELECT 1 FROM msg)`);
  const msg = rows[0];
  if (!msg.created) return { messageId: msg.id, created: false, recipients: msg.recipients, deliveries: 0 };

  await db.execute(sql`
    INSERT INTO todos (user_id, org_id, kind, severity, title, link, source_key, created_at, updated_at)
    SELECT u.id, u.org_id, 'notice', 'info', ${title}, ${link}, ${`notify:${input.key}`}, ${now}, ${now}
    FROM users u WHERE u.id IN (${audienceSql(input.to)})
    ON CONFLICT DO NOTHING`);

  const channel = input.testProviderId
    ? sql`p.id = ${input.testProviderId}`
    : sql`p.enabled AND coalesce(o.path, '') LIKE p.org_path || '%'`;
  const inserted = await db.execute(sql`
    INSERT INTO notify_deliveries (message_id, user_id, org_path, provider_id, next_attempt_at, is_test, created_at, updated_at)
    SELECT ${msg.id}, u.id, coalesce(o.path, p.org_path), p.id, ${now}, ${Boolean(input.testProviderId)}, ${now}, ${now}
    FROM users u
    LEFT JOIN orgs o ON o.id = u.org_id
    JOIN notify_providers p ON ${channel}
    WHERE u.id IN (${audienceSql(input.to)})
    ON CONFLICT DO NOTHING`);
  const deliveries = inserted.rowCount ?? 0;
  return { messageId: msg.id, created: true, recipients: msg.recipients, deliveries };
}

/**
 * Asks the queue (when this process runs one) to dispatch soon. Called after the sender's
 * transaction commits; the dispatcher also sweeps every minute, so a kick that is lost only delays.
 */
export async function kickDispatch(db: Db): Promise<void> {
  await queueOf(db)?.send(DISPATCH_QUEUE, {}, { startAfterSeconds: 1 });
}

export const DISPATCH_QUEUE = 'notify.dispatch';
