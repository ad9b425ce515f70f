import { chinaDay, NOTIFY_RULES, quietUntil, renderMessage, retryDelaySeconds } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Ciphers } from '../crypto/keys.js';
import { deliver, needsAddress, type ProviderKind } from './providers.js';

export interface DispatchDeps {
  db: Db;
  now: () => Date;
  ciphers: Ciphers;
  /**
   * A person's address on a channel that needs one (an SMS gateway's phone number). The platform
   * holds no phone numbers; app.ts/main.ts may pass a resolver from the members module.
   */
  addressOf?: (userIds: number[], kind: ProviderKind) => Promise<Map<number, string>>;
  /** How many deliveries one run claims (each is sent concurrently, with its own timeout). */
  batch?: number;
}

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
  deferred: number;
  skipped: number;
}

interface Claimed {
  id: number;
  userId: number;
  attempts: number;
  isTest: boolean;
  kind: ProviderKind;
  urlEnc: string;
  secretEnc: string | null;
  timeoutMs: number;
  enabled: boolean;
  code: string;
  params: Record<string, string | number>;
  displayName: string;
  quietStart: string | null;
  quietEnd: string | null;
  dailyCap: number | null;
}

/**
 * One run of the dispatcher (the `notify.dispatch` job): claims the due deliveries (SKIP LOCKED, so
 * several nodes share the work and none is sent twice at once), then sends them concurrently, each
 * with its own timeout, recording each outcome as soon as it is known: a provider that hangs holds
 * up nothing but its own row. Time is the injected clock's.
 */
export async function dispatchDue(deps: DispatchDeps): Promise<DispatchResult> {
  const now = deps.now();
  const lease = new Date(now.getTime() + 120_000);
  const { rows } = await deps.db.execute<Claimed & Record<string, unknown>>(sql`
    WITH due AS (
      SELECT id FROM notify_deliveries
      WHERE status IN ('pending', 'sending') AND next_attempt_at <= ${now} AND (status = 'pending' OR lease_until <= ${now})
      ORDER BY next_attempt_at, id
      LIMIT ${deps.batch ?? 50}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE notify_deliveries d SET status = 'sending', lease_until = ${lease}, next_attempt_at = ${lease}, updated_at = ${now}
      FROM due WHERE d.id = due.id
      RETURNING d.id, d.user_id, d.attempts, d.is_test, d.provider_id, d.message_id
    )
    SELECT c.id, c.user_id AS "userId", c.attempts, c.is_test AS "isTest", p.kind, p.url_enc AS "urlEnc",
           p.secret_enc AS "secretEnc", p.timeout_ms AS "timeoutMs", p.enabled, m.code, m.params,
           u.display_name AS "displayName", pr.quiet_start AS "quietStart", pr.quiet_end AS "quietEnd", pr.daily_cap AS "dailyCap"
    FROM claimed c
    JOIN notify_providers p ON p.id = c.provider_id
    JOIN notify_messages m ON m.id = c.message_id
    JOIN users u ON u.id = c.user_id
    LEFT JOIN notify_preferences pr ON pr.user_id = c.user_id`);
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0, deferred: 0, skipped: 0 };
  if (rows.length === 0) return result;

  const addresses = new Map<string, Map<number, string>>();
  for (const kind of new Set(rows.map((r) => r.kind))) {
    if (!needsAddress(kind)) continue;
    const ids = rows.filter((r) => r.kind === kind).map((r) => r.userId);
    addresses.set(kind, (await deps.addressOf?.(ids, kind)) ?? new Map());
  }

  await Promise.all(
    rows.map(async (d) => {
      const outcome = await attempt(deps, now, d, addresses.get(d.kind)?.get(d.userId) ?? null);
      result[outcome]++;
    }),
  );
  return result;
}

async function attempt(deps: DispatchDeps, now: Date, d: Claimed, address: string | null): Promise<keyof DispatchResult> {
  const db = deps.db;
  const set = (fields: ReturnType<typeof sql>) =>
    db.execute(sql`UPDATE notify_deliveries SET ${fields}, lease_until = NULL, updated_at = ${now} WHERE id = ${d.id}`);
  if (!d.enabled && !d.isTest) {
    await set(sql`status = 'skipped', skip_reason = 'provider_disabled'`);
    return 'skipped';
  }
  if (needsAddress(d.kind) && !address) {
    await set(sql`status = 'skipped', skip_reason = 'no_address'`);
    return 'skipped';
  }
  if (!d.isTest) {
    // 免打扰: wait, without spending a try, until the person's quiet hours end.
    const until = quietUntil(now, d.quietStart && d.quietEnd ? { start: d.quietStart, end: d.quietEnd } : null);
    if (until) {
      await set(sql`status = 'pending', next_attempt_at = ${until}`);
      return 'deferred';
    }
    // The daily cap: the first try takes a place in the day's count (a conditional upsert, so concurrent
    // dispatchers cannot both take the last place); a delivery that finally fails gives it back.
    if (d.attempts === 0) {
      const cap = Math.min(d.dailyCap ?? NOTIFY_RULES.defaultDailyCap, NOTIFY_RULES.defaultDailyCap);
      const taken = await db.execute(sql`
        INSERT INTO notify_user_days (user_id, day, sent) VALUES (${d.userId}, ${chinaDay(now)}, 1)
        ON CONFLICT (user_id, day) DO UPDATE SET sent = notify_user_days.sent + 1 WHERE notify_user_days.sent < ${cap}
        RETURNING sent`);
      if (!taken.rowCount) {
        await set(sql`status = 'skipped', skip_reason = 'daily_cap'`);
        return 'skipped';
      }
    }
  }

  const error = await deliver(
    {
      kind: d.kind,
      url: deps.ciphers.auth.decrypt(d.urlEnc),
      secret: d.secretEnc ? deps.ciphers.auth.decrypt(d.secretEnc) : null,
      timeoutMs: d.timeoutMs,
    },
    { deliveryId: d.id, code: d.code, params: d.params, text: renderMessage(d), recipientName: d.displayName, address },
    now,
  );
  const attempts = d.attempts + 1;
  if (error === null) {
    await set(sql`status = 'sent', attempts = ${attempts}, sent_at = ${now}, last_error = NULL`);
    return 'sent';
  }
  if (attempts >= NOTIFY_RULES.maxAttempts) {
    await set(sql`status = 'failed', attempts = ${attempts}, last_error = ${error}`);
    if (!d.isTest)
      await db.execute(
        sql`UPDATE notify_user_days SET sent = greatest(sent - 1, 0) WHERE user_id = ${d.userId} AND day = ${chinaDay(now)}`,
      );
    return 'failed';
  }
  const next = new Date(now.getTime() + retryDelaySeconds(attempts) * 1000);
  await set(sql`status = 'pending', attempts = ${attempts}, next_attempt_at = ${next}, last_error = ${error}`);
  return 'retrying';
}
