import { randomBytes } from 'node:crypto';
import { SECURITY_RULESET } from '@vanguard/shared';
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { loginCounters, loginFailures, trustedDevices } from '../../db/schema/index.js';
import { hashToken } from './sessions.js';

/**
 * Login lockout and throttle (issue 15 item 6; docs/ARCHITECTURE.md §"Login lockout"). Every number
 * is in SECURITY_RULESET (packages/shared/src/security.ts), the one place `security:selfcheck` reads:
 * - per account and source, `lockout.maxFailures` wrong passwords lock that source for
 *   `lockout.minutes` (the source is a known browser, else the client address), so a stranger locks
 *   only their own source;
 * - per account, `accountLockout.maxFailures` wrong passwords from unknown sources lock out new
 *   devices; a browser where the password was right once keeps its own count and still gets in;
 * - per address, `loginThrottle.maxAttempts` failures inside the window answer 429 to unknown devices
 *   only, so everyone behind a mine's NAT who signed in on their device before still gets in.
 * The counters are kept by the name as typed, so an unknown name is answered exactly as a known one.
 */
export const LOGIN_LIMITS = {
  lockout: SECURITY_RULESET.lockout,
  accountLockout: SECURITY_RULESET.accountLockout,
  loginThrottle: SECURITY_RULESET.loginThrottle,
  trustedDeviceDays: SECURITY_RULESET.trustedDeviceDays,
} as const;

/** The login limits in words, for `npm run security:selfcheck` and the docs. */
export function describeLoginLimits(): string[] {
  const { lockout, accountLockout, loginThrottle, trustedDeviceDays } = LOGIN_LIMITS;
  return [
    `登录失败锁定 / lockout: 同一账号同一来源连续错误 ${lockout.maxFailures} 次锁定 ${lockout.minutes} 分钟（来源 = 曾登录成功的浏览器，否则为客户端地址）`,
    `账号级锁定 / account lockout: 同一账号来自未知来源错误 ${accountLockout.maxFailures} 次（${accountLockout.minutes} 分钟内），锁定新设备登录 ${accountLockout.minutes} 分钟并结束已有会话`,
    `第二因素与会话内密码复核 / second factor and re-checks: 连续错误 ${lockout.maxFailures} 次锁定账号 ${lockout.minutes} 分钟（所有来源）并结束会话`,
    `地址限流 / address throttle: 同一地址 ${loginThrottle.windowSeconds} 秒内失败 ${loginThrottle.maxAttempts} 次后，未知设备返回 429（已知设备不受影响）`,
    `已知设备 / known device: 登录成功后记住 ${trustedDeviceDays} 天`,
  ];
}

const ALL_UNKNOWN = '*';
export interface Source {
  key: string;
  /** A browser where this account's password was right once. */
  trusted: boolean;
}

/** The source of a login attempt: a known browser of this account, else the client address. */
export async function sourceOf(db: DbOrTx, userId: number | undefined, deviceToken: string | undefined, ip: string | null, now: Date) {
  if (userId !== undefined && deviceToken) {
    const hash = hashToken(deviceToken);
    const since = new Date(now.getTime() - LOGIN_LIMITS.trustedDeviceDays * 86_400_000);
    const [row] = await db
      .select({ at: trustedDevices.lastUsedAt })
      .from(trustedDevices)
      .where(and(eq(trustedDevices.tokenHash, hash), eq(trustedDevices.userId, userId), gt(trustedDevices.lastUsedAt, since)));
    if (row) return { key: `d:${hash.slice(0, 32)}`, trusted: true };
  }
  return { key: `ip:${ip ?? '-'}`, trusted: false };
}

/** Too many failures from this address lately: unknown devices wait (429). */
export async function addressThrottled(db: DbOrTx, ip: string | null, source: Source, now: Date): Promise<boolean> {
  if (!ip || source.trusted) return false;
  const since = new Date(now.getTime() - LOGIN_LIMITS.loginThrottle.windowSeconds * 1000);
  const [{ n }] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)));
  return n >= LOGIN_LIMITS.loginThrottle.maxAttempts;
}

/** Until when this source may not try this account (its own lock, or, for unknown devices, the account's). */
export async function lockedUntil(db: DbOrTx, account: string, source: Source, now: Date): Promise<{ until: Date; wide: boolean } | null> {
  const keys = source.trusted ? [source.key] : [source.key, ALL_UNKNOWN];
  const rows = await db
    .select({ source: loginCounters.source, until: loginCounters.lockedUntil })
    .from(loginCounters)
    .where(and(eq(loginCounters.account, account), inArray(loginCounters.source, keys), gt(loginCounters.lockedUntil, now)));
  if (!rows.length) return null;
  const last = rows.reduce((a, b) => ((a.until as Date) > (b.until as Date) ? a : b));
  return { until: last.until as Date, wide: last.source === ALL_UNKNOWN };
}

/** Counts one failure on (account, key); returns the count, and the lock when this failure set one. */
async function bump(tx: DbOrTx, account: string, key: string, limit: { maxFailures: number; minutes: number }, now: Date) {
  const windowStart = new Date(now.getTime() - limit.minutes * 60_000);
  const { rows } = await tx.execute<{ failures: number }>(sql`
    INSERT INTO login_counters (account, source, failures, last_failure_at) VALUES (${account}, ${key}, 1, ${now})
    ON CONFLICT (account, source) DO UPDATE SET
      failures = CASE WHEN login_counters.last_failure_at < ${windowStart} OR login_counters.locked_until IS NOT NULL
        THEN 1 ELSE login_counters.failures + 1 END,
      locked_until = NULL,
      last_failure_at = ${now}
    RETURNING failures`);
  const failures = Number(rows[0].failures);
  if (failures < limit.maxFailures) return { failures, locked: null };
  const locked = new Date(now.getTime() + limit.minutes * 60_000);
  await tx
    .update(loginCounters)
    .set({ lockedUntil: locked })
    .where(and(eq(loginCounters.account, account), eq(loginCounters.source, key)));
  return { failures, locked };
}

/** Records a wrong password: per address (throttle), per account and source, and per account over unknown sources. */
export async function countFailure(tx: DbOrTx, account: string, source: Source, ip: string | null, now: Date) {
  if (ip && !source.trusted) await tx.insert(loginFailures).values({ ip, at: now });
  const own = await bump(tx, account, source.key, LOGIN_LIMITS.lockout, now);
  const wide = source.trusted ? null : (await bump(tx, account, ALL_UNKNOWN, LOGIN_LIMITS.accountLockout, now)).locked;
  return { failures: own.failures, locked: own.locked, wideLocked: wide };
}

/** A right password: this source starts again from zero. */
export async function clearSource(tx: DbOrTx, account: string, source: Source): Promise<void> {
  await tx.delete(loginCounters).where(and(eq(loginCounters.account, account), eq(loginCounters.source, source.key)));
}

/** The security administrator's unlock: every count and lock of the account goes. */
export async function clearAccount(tx: DbOrTx, account: string): Promise<void> {
  await tx.delete(loginCounters).where(eq(loginCounters.account, account));
}

/** The account-wide lock of new devices, for the account list. */
export async function wideLocks(db: DbOrTx, accounts: string[], now: Date): Promise<Map<string, Date>> {
  if (!accounts.length) return new Map();
  const rows = await db
    .select({ account: loginCounters.account, until: loginCounters.lockedUntil })
    .from(loginCounters)
    .where(and(inArray(loginCounters.account, accounts), eq(loginCounters.source, ALL_UNKNOWN), gt(loginCounters.lockedUntil, now)));
  return new Map(rows.map((r) => [r.account, r.until as Date]));
}

/**
 * Remembers this browser for the account after a right password; returns the cookie token (the one
 * the browser carried, or a new one). The table keeps only its SHA-256.
 */
export async function trustDevice(tx: DbOrTx, carried: string | undefined, userId: number, now: Date): Promise<string> {
  const token = carried && /^[A-Za-z0-9_-]{43}$/.test(carried) ? carried : randomBytes(32).toString('base64url');
  await tx
    .insert(trustedDevices)
    .values({ tokenHash: hashToken(token), userId, lastUsedAt: now })
    .onConflictDoUpdate({ target: [trustedDevices.tokenHash, trustedDevices.userId], set: { lastUsedAt: now, updatedAt: now } });
  return token;
}
