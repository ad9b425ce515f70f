import { checkPassword, isSeparatedAdminRole, PASSWORD_PROBLEM_ZH, SECURITY_RULESET, type SessionStage } from '@vanguard/shared';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { loginFailures, roleGrants, sessions, users } from '../../db/schema/index.js';
import { audit } from '../audit/audit.js';
import type { ActorCtx, Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { getSetting } from '../settings.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import { createSession, revokeSession, revokeUserSessions, type SessionRow } from './sessions.js';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, totpEnrolment } from './totp.js';

type UserRow = typeof users.$inferSelect;
export interface Client {
  ip: string | null;
  userAgent: string | null;
}
export interface Issued {
  token: string;
  session: SessionRow;
}

const { lockout, loginThrottle } = SECURITY_RULESET;

const hhmm = (d: Date) => d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

function lockedError(until: Date): AppError {
  return new AppError(
    'AUTH_LOCKED',
    `密码连续错误 ${lockout.maxFailures} 次，账号已锁定 ${lockout.minutes} 分钟，请于 ${hhmm(until)} 后再试`,
    { lockedUntil: until.toISOString() },
  );
}

/** Whether the holder of these roles must use a second factor: the three admin roles, unless turned off. */
export async function mfaRequiredFor(db: DbOrTx, roles: readonly { role: string }[]): Promise<boolean> {
  if (!roles.some((g) => isSeparatedAdminRole(g.role))) return false;
  return getSetting(db, 'adminMfaRequired');
}

async function mfaRequired(db: DbOrTx, userId: number): Promise<boolean> {
  return mfaRequiredFor(db, await db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, userId)));
}

/** The step a session is at after the password (and the second factor, when there is one). */
async function nextStage(db: DbOrTx, user: UserRow, mfaDone: boolean): Promise<SessionStage> {
  if (user.totpEnabledAt && !mfaDone) return 'mfa';
  if (user.mustChangePassword) return 'password';
  if (!user.totpEnabledAt && (await mfaRequired(db, user.id))) return 'enrol';
  return 'active';
}

/**
 * Username + password. Refuses at once when the client address has too many recent failures
 * (429) or the account is locked (423); counts failures and locks after five (RULES.md §Security).
 */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string },
  client: Client,
  previousSessionId?: string,
): Promise<Issued> {
  const now = ctx.now();
  const since = new Date(now.getTime() - loginThrottle.windowSeconds * 1000);
  if (client.ip) {
    const [{ n }] = await ctx.db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.ip, client.ip), gt(loginFailures.at, since)));
    if (n >= loginThrottle.maxAttempts) {
      throw new AppError('AUTH_THROTTLED', undefined, undefined, { 'retry-after': String(loginThrottle.windowSeconds) });
    }
  }
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
  if (user?.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil);

  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) throw await recordFailure(ctx, user, client.ip, now);
  if (user.disabledAt) throw new AppError('AUTH_DISABLED');

  return ctx.db.transaction(async (tx) => {
    if (previousSessionId) await revokeSession(tx, previousSessionId, now);
    if (user.failedAttempts > 0 || user.lockedUntil) {
      await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, updatedAt: now }).where(eq(users.id, user.id));
    }
    const issued = await createSession(tx, user.id, await nextStage(tx, user, false), now, client);
    const actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      orgId: user.orgId,
      orgName: null,
      mfaEnabled: Boolean(user.totpEnabledAt),
      grants: [],
    };
    await audit(
      tx,
      { ...ctx, actor },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        after: { stage: issued.session.stage },
      },
    );
    return issued;
  });
}

/**
 * Counts a failed login (per account and per client address) and commits it; returns the error
 * to answer with. The commit comes first: throwing inside the transaction would undo the count.
 */
async function recordFailure(ctx: Ctx, user: UserRow | undefined, ip: string | null, now: Date): Promise<AppError> {
  return ctx.db.transaction(async (tx) => {
    if (ip) await tx.insert(loginFailures).values({ ip, at: now });
    if (!user) return new AppError('AUTH_INVALID_CREDENTIALS');
    const failures = user.failedAttempts + 1;
    const locks = failures >= lockout.maxFailures;
    const lockedUntil = locks ? new Date(now.getTime() + lockout.minutes * 60_000) : null;
    await tx
      .update(users)
      .set({ failedAttempts: locks ? 0 : failures, lockedUntil, updatedAt: now })
      .where(eq(users.id, user.id));
    await audit(
      tx,
      { ...ctx, actor: null },
      { action: locks ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, after: { failures, lockedUntil } },
    );
    if (lockedUntil) return lockedError(lockedUntil);
    const remaining = lockout.maxFailures - failures;
    return new AppError('AUTH_INVALID_CREDENTIALS', `用户名或密码错误，再错 ${remaining} 次账号将被锁定`, {
      remainingAttempts: remaining,
    });
  });
}

/** Second step: a TOTP code (a step is accepted once) or an unused recovery code. */
export async function verifySecondFactor(ctx: Ctx, session: SessionRow, code: string, client: Client): Promise<Issued> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, session.userId)).for('update');
    if (!user.totpSecretEnc) throw new AppError('AUTH_STAGE');
    const secret = ctx.ciphers.auth.decrypt(user.totpSecretEnc);
    const step = matchTotp(code.trim(), secret, now);
    let change: Partial<UserRow>;
    if (step !== null && (user.lastTotpStep == null || step > user.lastTotpStep)) {
      change = { lastTotpStep: step };
    } else {
      const hashed = hashRecoveryCode(code);
      if (!user.recoveryCodes.includes(hashed)) throw new AppError('AUTH_TOTP_INVALID');
      change = { recoveryCodes: user.recoveryCodes.filter((c) => c !== hashed) };
    }
    await tx
      .update(users)
      .set({ ...change, updatedAt: now })
      .where(eq(users.id, user.id));
    await revokeSession(tx, session.id, now);
    const issued = await createSession(tx, user.id, await nextStage(tx, user, true), now, client);
    await audit(
      tx,
      {
        ...ctx,
        actor: {
          userId: user.id,
          username: user.username,
          displayName: user.displayName,
          orgId: user.orgId,
          orgName: null,
          mfaEnabled: true,
          grants: [],
        },
      },
      {
        action: 'recoveryCodes' in change ? 'auth.mfa_recovery_code' : 'auth.mfa',
        entityType: 'user',
        entityId: user.id,
      },
    );
    return issued;
  });
}

/** Changes the password; ends every session of the user and issues a fresh one for this client. */
export async function changePassword(
  ctx: ActorCtx,
  input: { currentPassword: string; newPassword: string },
  client: Client,
): Promise<Issued> {
  const now = ctx.now();
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  const problems = checkPassword(input.newPassword, user.username);
  if (problems.length) {
    throw new AppError(
      'PASSWORD_POLICY',
      `新密码不符合要求：${problems.map((p) => PASSWORD_PROBLEM_ZH[p]).join('；')}`,
      problems.map((p) => ({ path: 'newPassword', message: PASSWORD_PROBLEM_ZH[p] })),
    );
  }
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('PASSWORD_WRONG', undefined, [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  if (await verifyPassword(input.newPassword, user.passwordHash)) {
    throw new AppError('PASSWORD_POLICY', '新密码不能与当前密码相同', [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    const updated = { ...user, mustChangePassword: false };
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, user.id));
    const ended = await revokeUserSessions(tx, user.id, now);
    const issued = await createSession(tx, user.id, await nextStage(tx, updated, true), now, client);
    await audit(tx, ctx, { action: 'auth.password_changed', entityType: 'user', entityId: user.id, after: { sessionsEnded: ended } });
    return issued;
  });
}

/** Starts TOTP enrolment: a new secret kept pending until a code proves the phone has it. */
export async function setupTotp(ctx: ActorCtx) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  const secret = newTotpSecret();
  await ctx.db
    .update(users)
    .set({ totpPendingEnc: ctx.ciphers.auth.encrypt(secret), updatedAt: ctx.now() })
    .where(eq(users.id, user.id));
  return totpEnrolment(user.username, secret);
}

/** Confirms enrolment with a code from the phone; returns recovery codes, shown once. */
export async function enableTotp(ctx: ActorCtx, session: SessionRow, code: string) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, ctx.actor.userId)).for('update');
    if (!user.totpPendingEnc) throw new AppError('BAD_REQUEST', '请先生成二维码');
    const secret = ctx.ciphers.auth.decrypt(user.totpPendingEnc);
    const step = matchTotp(code.trim(), secret, now);
    if (step === null) throw new AppError('AUTH_TOTP_INVALID', undefined, [{ path: 'code', message: '动态验证码错误' }]);
    const codes = newRecoveryCodes();
    await tx
      .update(users)
      .set({
        totpSecretEnc: user.totpPendingEnc,
        totpPendingEnc: null,
        totpEnabledAt: now,
        lastTotpStep: step,
        recoveryCodes: codes.map(hashRecoveryCode),
        updatedAt: now,
      })
      .where(eq(users.id, user.id));
    if (session.stage === 'enrol') {
      await tx.update(sessions).set({ stage: 'active', updatedAt: now }).where(eq(sessions.id, session.id));
    }
    await audit(tx, ctx, { action: 'auth.totp_enabled', entityType: 'user', entityId: user.id });
    return { recoveryCodes: codes };
  });
}

export async function disableTotp(ctx: ActorCtx, password: string): Promise<void> {
  const now = ctx.now();
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new AppError('PASSWORD_WRONG', undefined, [{ path: 'password', message: '当前密码不正确' }]);
  }
  if (await mfaRequired(ctx.db, user.id)) throw new AppError('TOTP_REQUIRED_FOR_ADMIN');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretEnc: null, totpPendingEnc: null, totpEnabledAt: null, recoveryCodes: [], updatedAt: now })
      .where(eq(users.id, user.id));
    await audit(tx, ctx, { action: 'auth.totp_disabled', entityType: 'user', entityId: user.id });
  });
}

export async function logout(ctx: Ctx, session: SessionRow): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await revokeSession(tx, session.id, ctx.now());
    await audit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: session.userId });
  });
}
