import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reportHandlerKeys, reportKeys, users } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import { verifyPassword } from '../../platform/auth/password.js';
import type { SessionRow } from '../../platform/auth/sessions.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { newHandlerKeyPair, openPrivateKey, sealPrivateKey, unwrapForHandler } from './reports.crypto.js';
import { forget, forgetUser, keepOpen, openKeyOf } from './reports.keystore.js';
import { isHandler } from './reports.policy.js';
import { Limiter } from './reports.throttle.js';

const wrongPassword = new Limiter(5, 15 * 60_000);

/** Everything a handler route needs first: the handler's permission, else the same 404 as a missing report. */
export function assertHandler(ctx: ActorCtx): void {
  if (!isHandler(ctx.actor)) throw notFound('举报');
}

async function checkPassword(ctx: ActorCtx, session: SessionRow, password: string): Promise<void> {
  const now = ctx.now();
  if (!wrongPassword.allowed(session.id, now)) throw new AppError('AUTH_THROTTLED');
  const [u] = await ctx.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, ctx.actor.userId));
  if (!u || !(await verifyPassword(password, u.hash))) {
    wrongPassword.hit(session.id, now);
    throw new AppError('PASSWORD_WRONG', undefined, [{ path: 'password', message: '登录密码不正确' }]);
  }
}

export async function keyStatus(ctx: ActorCtx, session: SessionRow) {
  assertHandler(ctx);
  const [k] = await ctx.db.select().from(reportHandlerKeys).where(eq(reportHandlerKeys.userId, ctx.actor.userId));
  const unlocked = Boolean(openKeyOf(session.id, ctx.actor.userId, ctx.now()));
  // Whether the key still opens is known only with the password: unlocking says so (409, stale).
  return { hasKey: Boolean(k), unlocked, stale: false };
}

/**
 * Makes the handler's key pair, sealed under the login password (typed again here; the server keeps no
 * password). A handler whose key no longer opens (an administrator reset the password) makes a new one:
 * the reports wrapped for the old key are then unreadable to them until another handler re-grants them.
 */
export async function setupKey(ctx: ActorCtx, session: SessionRow, password: string) {
  assertHandler(ctx);
  await checkPassword(ctx, session, password);
  const userId = ctx.actor.userId;
  const [old] = await ctx.db.select().from(reportHandlerKeys).where(eq(reportHandlerKeys.userId, userId));
  if (old && (await openPrivateKey(old, password, userId))) throw conflict('密钥已设置，请直接解锁');
  const pair = newHandlerKeyPair();
  const sealed = await sealPrivateKey(pair.privateDer, password, userId);
  const now = ctx.now();
  const dropped = await ctx.db.transaction(async (tx) => {
    let lost = 0;
    if (old) {
      const r = await tx.delete(reportKeys).where(eq(reportKeys.userId, userId));
      lost = r.rowCount ?? 0;
      await tx.execute(sql`UPDATE reports SET handler_ids = array_remove(handler_ids, ${userId}) WHERE ${userId} = ANY(handler_ids)`);
    }
    await tx
      .insert(reportHandlerKeys)
      .values({ userId, publicKey: pair.publicKey, ...sealed, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: reportHandlerKeys.userId, set: { publicKey: pair.publicKey, ...sealed, updatedAt: now } });
    await audit(tx, ctx, {
      action: old ? 'reports.key_replaced' : 'reports.key_created',
      entityType: 'user',
      entityId: userId,
      after: { reportsLost: lost },
    });
    return lost;
  });
  forgetUser(userId);
  keepOpen(session.id, userId, pair.privateDer, now);
  return { hasKey: true, unlocked: true, stale: false, reportsLost: dropped };
}

/** Opens the handler's private key for this session (kept in memory only). */
export async function unlockKey(ctx: ActorCtx, session: SessionRow, password: string) {
  assertHandler(ctx);
  await checkPassword(ctx, session, password);
  const [k] = await ctx.db.select().from(reportHandlerKeys).where(eq(reportHandlerKeys.userId, ctx.actor.userId));
  if (!k) throw conflict('尚未设置举报密钥，请先设置');
  const der = await openPrivateKey(k, password, ctx.actor.userId);
  if (!der)
    throw new AppError('CONFLICT', '登录密码已被管理员重置，原密钥无法打开：请重新生成密钥，旧举报需由其他办理人重新授权', { stale: true });
  keepOpen(session.id, ctx.actor.userId, der, ctx.now());
  await audit(ctx.db, ctx, { action: 'reports.unlocked', entityType: 'user', entityId: ctx.actor.userId });
  return { hasKey: true, unlocked: true, stale: false };
}

export function lockKey(session: SessionRow): void {
  forget(session.id);
}

/** The report key for this handler and session, or 409 asking to unlock. */
export async function reportKeyFor(ctx: ActorCtx, session: SessionRow, reportId: number, db: DbOrTx = ctx.db): Promise<Buffer> {
  const der = openKeyOf(session.id, ctx.actor.userId, ctx.now());
  if (!der) throw new AppError('CONFLICT', '请先输入登录密码解锁举报', { locked: true });
  const [w] = await db
    .select({ wrapped: reportKeys.wrapped })
    .from(reportKeys)
    .where(and(eq(reportKeys.reportId, reportId), eq(reportKeys.userId, ctx.actor.userId)));
  if (!w) throw notFound('举报');
  return unwrapForHandler(w.wrapped, der, `report-key:${reportId}`);
}

/**
 * The password-change hook (platform/auth): the private key is re-sealed under the new password in the
 * change's own transaction. A key the old password does not open (already stale) is left as it is.
 */
export async function resealOnPasswordChange(tx: DbOrTx, userId: number, oldPassword: string, newPassword: string): Promise<void> {
  const [k] = await tx.select().from(reportHandlerKeys).where(eq(reportHandlerKeys.userId, userId));
  if (!k) return;
  const der = await openPrivateKey(k, oldPassword, userId);
  if (!der) return;
  const sealed = await sealPrivateKey(der, newPassword, userId);
  await tx
    .update(reportHandlerKeys)
    .set({ ...sealed, updatedAt: new Date() })
    .where(eq(reportHandlerKeys.userId, userId));
  forgetUser(userId);
}
