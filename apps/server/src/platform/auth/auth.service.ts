import { checkPassword, isSeparatedAdminRole, PASSWORD_PROBLEM_ZH, SECURITY_RULESET, type SessionStage } from '@vanguard/shared';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { roleGrants, sessions, users } from '../../db/schema/index.js';
import { audit } from '../audit/audit.js';
import type { ActorCtx, Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { getSetting } from '../settings.js';
import { addressThrottled, clearSource, countFailure, lockedUntil, type Source, sourceOf, trustDevice } from './lockout.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import { runPasswordChangeHooks } from './password-hooks.js';
import { createSession, revokeSession, revokeUserSessions, type SessionRow } from './sessions.js';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, totpEnrolment } from './totp.js';

type UserRow = typeof users.$inferSelect;
export interface Client {
  ip: string | null;
  userAgent: string | null;
  /** The device cookie the browser carried (./lockout.ts). */
  device?: string;
}
export interface Issued {
  token: string;
  session: SessionRow;
}

const { lockout, passwordHistory } = SECURITY_RULESET;

const hhmm = (d: Date) => d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

function lockedError(until: Date, what = '密码'): AppError {
  return new AppError(
    'AUTH_LOCKED',
    `${what}连续错误 ${lockout.maxFailures} 次，账号已锁定 ${lockout.minutes} 分钟，请于 ${hhmm(until)} 后再试`,
    {
      lockedUntil: until.toISOString(),
    },
  );
}

/** New devices are locked out of an account that many sources guessed at; a known device still gets in. */
function wideLockedError(until: Date): AppError {
  return new AppError('AUTH_LOCKED', `该账号密码错误次数过多，已锁定新设备登录，请于 ${hhmm(until)} 后再试，或在曾成功登录过的设备上登录`, {
    lockedUntil: until.toISOString(),
  });
}

const actorOf = (user: UserRow) => ({
  userId: user.id,
  username: user.username,
  displayName: user.displayName,
  orgId: user.orgId,
  orgName: null,
  mfaEnabled: Boolean(user.totpEnabledAt),
  grants: [],
});

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
 * Username + password (lockout and throttle: ./lockout.ts). An unknown name costs the same hash
 * and gets the same answers as a wrong password; the attempts hint only on a known device.
 */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string },
  client: Client,
  previousSessionId?: string,
): Promise<Issued & { deviceToken: string }> {
  const now = ctx.now();
  const account = input.username.toLowerCase();
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.username}) = ${account}`);
  const source = await sourceOf(ctx.db, user?.id, client.device, client.ip, now);
  if (await addressThrottled(ctx.db, client.ip, source, now)) {
    const { windowSeconds } = SECURITY_RULESET.loginThrottle;
    throw new AppError(
      'AUTH_THROTTLED',
      `此网络地址登录失败次数过多，请 ${Math.ceil(windowSeconds / 60)} 分钟后再试（在本设备上登录成功过的账号不受影响）`,
      undefined,
      { 'retry-after': String(windowSeconds) },
    );
  }
  // A full lock (second factor or re-check failures) comes only after the password was right.
  if (user?.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, '登录验证');
  const locked = await lockedUntil(ctx.db, account, source, now);
  if (locked) throw locked.wide ? wideLockedError(locked.until) : lockedError(locked.until);

  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) throw await recordFailure(ctx, { account, typed: input.username, user, source, ip: client.ip, now });
  if (user.disabledAt) throw new AppError('AUTH_DISABLED');

  return ctx.db.transaction(async (tx) => {
    if (previousSessionId) await revokeSession(tx, previousSessionId, now);
    await clearSource(tx, account, source);
    if (user.failedAttempts > 0) await tx.update(users).set({ failedAttempts: 0, updatedAt: now }).where(eq(users.id, user.id));
    const deviceToken = await trustDevice(tx, client.device, user.id, now);
    const issued = await createSession(tx, user.id, await nextStage(tx, user, false), now, client);
    await audit(
      tx,
      { ...ctx, actor: actorOf(user) },
      { action: 'auth.login', entityType: 'user', entityId: user.id, after: { stage: issued.session.stage, knownDevice: source.trusted } },
    );
    return { ...issued, deviceToken };
  });
}

/**
 * Counts a failed login and commits it; returns the error to answer with. The commit comes first:
 * throwing inside the transaction would undo the count. Unknown names are audited too (the name as
 * typed, cut to 64 characters); the answer is the same for them.
 */
async function recordFailure(
  ctx: Ctx,
  f: { account: string; typed: string; user: UserRow | undefined; source: Source; ip: string | null; now: Date },
): Promise<AppError> {
  const { user, source, now } = f;
  return ctx.db.transaction(async (tx) => {
    const counted = await countFailure(tx, f.account, source, f.ip, now);
    const who = { entityType: 'user', entityId: user?.id ?? null, orgId: user?.orgId ?? null };
    const named = user ? {} : { username: f.typed.slice(0, 64) };
    if (user)
      await tx
        .update(users)
        .set({ failedAttempts: user.failedAttempts + 1, updatedAt: now })
        .where(eq(users.id, user.id));
    await audit(
      tx,
      { ...ctx, actor: null },
      {
        action: 'auth.login_failed',
        ...who,
        after: { ...named, knownDevice: source.trusted, failures: counted.failures },
      },
    );
    if (counted.wideLocked) {
      // Many sources guessed at this account: sessions made before now end (their owner signs in again on a known device).
      if (user) await endSessions(tx, user.id, now);
      await audit(
        tx,
        { ...ctx, actor: null },
        { action: 'auth.locked', ...who, after: { ...named, scope: 'new-devices', lockedUntil: counted.wideLocked } },
      );
    }
    if (counted.locked) {
      await audit(
        tx,
        { ...ctx, actor: null },
        { action: 'auth.locked', ...who, after: { ...named, scope: 'source', lockedUntil: counted.locked } },
      );
      return lockedError(counted.locked);
    }
    if (counted.wideLocked) return wideLockedError(counted.wideLocked);
    if (!source.trusted) return new AppError('AUTH_INVALID_CREDENTIALS');
    const remaining = lockout.maxFailures - counted.failures;
    return new AppError('AUTH_INVALID_CREDENTIALS', `用户名或密码错误，再错 ${remaining} 次将被锁定`, { remainingAttempts: remaining });
  });
}

/** Ends every session of the user now, and any a lookup might still hold (findSession checks the mark). */
async function endSessions(tx: DbOrTx, userId: number, now: Date): Promise<number> {
  await tx.update(users).set({ sessionsValidAfter: sql`now()`, updatedAt: now }).where(eq(users.id, userId));
  return revokeUserSessions(tx, userId, now);
}

/**
 * A wrong second-factor code or in-session password: counted per account (issue 15 item 3) and
 * audited; at the limit the account is locked from every source and its sessions end.
 */
async function factorFailure(ctx: Ctx, userId: number, action: 'auth.mfa_failed' | 'auth.recheck_failed', wrong: AppError) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ factorFailures: sql`${users.factorFailures} + 1`, updatedAt: now })
      .where(eq(users.id, userId))
      .returning();
    await audit(
      tx,
      { ...ctx, actor: ctx.actor ?? actorOf(row) },
      { action, entityType: 'user', entityId: userId, after: { failures: row.factorFailures } },
    );
    if (row.factorFailures < lockout.maxFailures) return wrong;
    const until = new Date(now.getTime() + lockout.minutes * 60_000);
    await tx.update(users).set({ factorFailures: 0, lockedUntil: until }).where(eq(users.id, userId));
    const ended = await endSessions(tx, userId, now);
    await audit(
      tx,
      { ...ctx, actor: ctx.actor ?? actorOf(row) },
      {
        action: 'auth.locked',
        entityType: 'user',
        entityId: userId,
        after: { scope: 'account', cause: action, lockedUntil: until, sessionsEnded: ended },
      },
    );
    return lockedError(until, action === 'auth.mfa_failed' ? '动态验证码' : '密码');
  });
}

/** Second step: a TOTP code (a step is accepted once) or an unused recovery code; five wrong ones lock the account. */
export async function verifySecondFactor(ctx: Ctx, session: SessionRow, code: string, client: Client): Promise<Issued> {
  const now = ctx.now();
  const issued = await ctx.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, session.userId)).for('update');
    if (!user.totpSecretEnc) throw new AppError('AUTH_STAGE');
    if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, '动态验证码');
    const secret = ctx.ciphers.auth.decrypt(user.totpSecretEnc);
    const step = matchTotp(code.trim(), secret, now);
    let change: Partial<UserRow>;
    if (step !== null && (user.lastTotpStep == null || step > user.lastTotpStep)) {
      change = { lastTotpStep: step };
    } else {
      const hashed = hashRecoveryCode(code);
      if (!user.recoveryCodes.includes(hashed)) return null;
      change = { recoveryCodes: user.recoveryCodes.filter((c) => c !== hashed) };
    }
    await tx
      .update(users)
      .set({ ...change, factorFailures: 0, updatedAt: now })
      .where(eq(users.id, user.id));
    await revokeSession(tx, session.id, now);
    const next = await createSession(tx, user.id, await nextStage(tx, user, true), now, client);
    await audit(
      tx,
      { ...ctx, actor: { ...actorOf(user), mfaEnabled: true } },
      {
        action: 'recoveryCodes' in change ? 'auth.mfa_recovery_code' : 'auth.mfa',
        entityType: 'user',
        entityId: user.id,
      },
    );
    return next;
  });
  if (!issued) throw await factorFailure(ctx, session.userId, 'auth.mfa_failed', new AppError('AUTH_TOTP_INVALID'));
  return issued;
}

/** An in-session password re-check (change password, disable TOTP): limited and audited like the second factor. */
async function recheckPassword(ctx: ActorCtx, user: UserRow, password: string, path: string): Promise<void> {
  if (await verifyPassword(password, user.passwordHash)) return;
  throw await factorFailure(
    ctx,
    user.id,
    'auth.recheck_failed',
    new AppError('PASSWORD_WRONG', undefined, [{ path, message: '当前密码不正确' }]),
  );
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
  await recheckPassword(ctx, user, input.currentPassword, 'currentPassword');
  // The current password and the ones before it, up to the last `passwordHistory` (issue 15 item 10).
  const recent = [user.passwordHash, ...user.passwordHistory].slice(0, passwordHistory);
  for (const old of recent) {
    if (await verifyPassword(input.newPassword, old)) {
      const message = `新密码不能与最近 ${passwordHistory} 次使用过的密码相同`;
      throw new AppError('PASSWORD_POLICY', message, [{ path: 'newPassword', message }]);
    }
  }
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    const updated = { ...user, mustChangePassword: false };
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordHistory: recent.slice(0, passwordHistory - 1),
        mustChangePassword: false,
        passwordChangedAt: now,
        factorFailures: 0,
        updatedAt: now,
      })
      .where(eq(users.id, user.id));
    await runPasswordChangeHooks(tx, user.id, input.currentPassword, input.newPassword);
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
  await recheckPassword(ctx, user, password, 'password');
  if (await mfaRequired(ctx.db, user.id)) throw new AppError('TOTP_REQUIRED_FOR_ADMIN');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretEnc: null, totpPendingEnc: null, totpEnabledAt: null, recoveryCodes: [], factorFailures: 0, updatedAt: now })
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
