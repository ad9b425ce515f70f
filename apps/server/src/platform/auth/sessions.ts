import { createHash, randomBytes } from 'node:crypto';
import { SECURITY_RULESET, type SessionStage } from '@vanguard/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, preparedOn } from '../../db/client.js';
import { orgs, sessions, users } from '../../db/schema/index.js';
import type { Grant } from '../access/scope.js';
import { readCacheOn } from '../cache.js';

export const SESSION_COOKIE = 'vg_session';
/** A browser where this account's password was right once (issue 15 item 6): its own lockout count, the attempts hint, no address throttle. */
export const DEVICE_COOKIE = 'vg_device';
const IDLE_MS = SECURITY_RULESET.session.idleMinutes * 60_000;
const ABSOLUTE_MS = SECURITY_RULESET.session.absoluteHours * 3_600_000;
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionRow {
  id: string;
  userId: number;
  stage: SessionStage;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Creates a session; returns the cookie token (only its hash is stored). */
export async function createSession(
  db: DbOrTx,
  userId: number,
  stage: SessionStage,
  now: Date,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomBytes(32).toString('base64url');
  const session: SessionRow = {
    id: hashToken(token),
    userId,
    stage,
    csrfToken: randomBytes(24).toString('base64url'),
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_MS),
  };
  await db.insert(sessions).values({ ...session, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
  return { token, session };
}

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'ok'; session: SessionRow; user: typeof users.$inferSelect; orgName: string | null; grants: Grant[] };

/**
 * The lookup every authenticated request makes, built once per database handle and run as a named
 * prepared statement: no SQL building in Node and no parse or plan in PostgreSQL per request.
 */
const sessionQuery = preparedOn((db: Db) =>
  db
    .select({
      s: sessions,
      u: users,
      orgName: orgs.name,
      // The user's role grants with their orgs, in the same round trip (every request needs them).
      grants: sql<Grant[]>`coalesce((
        SELECT json_agg(json_build_object('id', g.id, 'role', g.role, 'orgId', g.org_id, 'orgPath', go.path, 'orgName', go.name) ORDER BY g.id)
        FROM role_grants g JOIN orgs go ON go.id = g.org_id WHERE g.user_id = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.revokedAt)))
    .prepare('vg_find_session'),
);

type SessionQueryRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];
/** Session lookups of the last two seconds (platform/cache.ts): the calls a page makes together read the session once. */
const sessionCache = readCacheOn<SessionQueryRow>({ tables: ['sessions', 'users', 'role_grants', 'orgs'], ttlMs: 2_000 });

/**
 * Finds the live session for a cookie token (through `sessionCache`). Idle
 * past 30 minutes or older than 12 hours → expired (and revoked). A disabled user's sessions are
 * already revoked, but are refused here too.
 */
export async function findSession(db: Db, token: string | undefined, now: Date): Promise<SessionLookup> {
  if (!token) return { kind: 'none' };
  const id = hashToken(token);
  const load = async () => (await sessionQuery(db).execute({ id }))[0] ?? null;
  const row = await sessionCache(db).get(id, load);
  if (!row) return { kind: 'none' };
  const { s, u } = row;
  const idle = now.getTime() - s.lastSeenAt.getTime() > IDLE_MS;
  // Disabled or locked, or made before the account's sessions were ended (a lock): over at once,
  // even where a revocation was missed (issue 15 item 7).
  const ended = u.sessionsValidAfter && s.createdAt < u.sessionsValidAfter;
  if (idle || now >= s.expiresAt || u.disabledAt || (u.lockedUntil && u.lockedUntil > now) || ended) {
    sessionCache(db).drop(id);
    await revokeSession(db, s.id, now);
    return { kind: 'expired' };
  }
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, s.id));
    // The cached lookup is this row: it is touched too, so the next request does not write again.
    s.lastSeenAt = now;
  }
  return { kind: 'ok', session: { ...s, stage: s.stage as SessionStage }, user: u, orgName: row.orgName, grants: row.grants };
}

export async function revokeSession(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now, updatedAt: now }).where(eq(sessions.id, id));
}

/** Ends every session of a user at once (logout everywhere, password change, disable). */
export async function revokeUserSessions(db: DbOrTx, userId: number, now: Date): Promise<number> {
  const res = await db
    .update(sessions)
    .set({ revokedAt: now, updatedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  return res.rowCount ?? 0;
}

/** Housekeeping: sessions dead for a day and failed-login rows older than the throttle window go. */
export async function pruneSessions(db: DbOrTx, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  await db.execute(sql`DELETE FROM sessions WHERE expires_at < ${dayAgo} OR revoked_at < ${dayAgo}`);
  await db.execute(sql`DELETE FROM login_failures WHERE at < ${dayAgo}`);
  await db.execute(sql`DELETE FROM login_counters WHERE last_failure_at < ${dayAgo} AND (locked_until IS NULL OR locked_until < ${now})`);
  const deviceDays = new Date(now.getTime() - SECURITY_RULESET.trustedDeviceDays * 86_400_000);
  await db.execute(sql`DELETE FROM trusted_devices WHERE last_used_at < ${deviceDays}`);
}
