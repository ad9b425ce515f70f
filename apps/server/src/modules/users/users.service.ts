import { isSeparatedAdminRole, type Permission, ROLES, type Role } from '@vanguard/shared';
import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { orgs, roleGrants, users } from '../../db/schema/index.js';
import { assertCan, inScope, type Scope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { clearAccount, wideLocks } from '../../platform/auth/lockout.js';
import { hashPassword, oneTimePassword } from '../../platform/auth/password.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';

/** Accounts are scoped by the org they belong to; account admins and grantors see their subtree. */
function accountScope(ctx: ActorCtx): Scope {
  const paths = [
    ...scopeOf(ctx.actor, 'users:manage').paths,
    ...scopeOf(ctx.actor, 'security:grant').paths,
    ...scopeOf(ctx.actor, 'security:unlock').paths,
  ];
  return { paths };
}

/**
 * 三员分立 (issue 15 item 5): none of the three admins disables, enables, unlocks or changes the
 * roles of an account that holds one of the three admin roles; that goes through the break-glass
 * procedure (./break-glass.ts, docs/ARCHITECTURE.md), done by two people on the server.
 */
async function refuseAdminPeer(tx: DbOrTx, userId: number): Promise<void> {
  const held = await tx.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, userId));
  if (held.some((h) => isSeparatedAdminRole(h.role))) throw new AppError('ADMIN_PEER');
}

async function getUserFor(tx: DbOrTx, ctx: ActorCtx, id: number, permission: Permission) {
  const [row] = await tx
    .select({ user: users, orgPath: orgs.path })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, id));
  if (!row) throw notFound('该账号');
  assertCan(ctx.actor, permission, row.orgPath, '该账号');
  return row.user;
}

export async function listUsers(ctx: ActorCtx, q: { q?: string; page: number; pageSize: number }) {
  const conds: SQL[] = [inScope(orgs.path, accountScope(ctx))];
  if (q.q) conds.push(or(ilike(users.username, `%${q.q}%`), ilike(users.displayName, `%${q.q}%`)) as SQL);
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        orgId: users.orgId,
        orgName: orgs.name,
        disabledAt: users.disabledAt,
        lockedUntil: users.lockedUntil,
        totpEnabledAt: users.totpEnabledAt,
      })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(where)
      .orderBy(asc(users.username))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const grants = ids.length
    ? await ctx.db
        .select({ id: roleGrants.id, userId: roleGrants.userId, role: roleGrants.role, orgId: roleGrants.orgId, orgName: orgs.name })
        .from(roleGrants)
        .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
        .where(inArray(roleGrants.userId, ids))
    : [];
  const now = ctx.now();
  const wide = await wideLocks(
    ctx.db,
    rows.map((r) => r.username.toLowerCase()),
    now,
  );
  const lockOf = (r: (typeof rows)[number]) => {
    const own = r.lockedUntil && r.lockedUntil > now ? r.lockedUntil : null;
    const all = wide.get(r.username.toLowerCase()) ?? null;
    return own && all ? new Date(Math.max(own.getTime(), all.getTime())) : (own ?? all);
  };
  return {
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.displayName,
      orgId: r.orgId as number,
      orgName: r.orgName,
      disabled: Boolean(r.disabledAt),
      lockedUntil: lockOf(r),
      mfaEnabled: Boolean(r.totpEnabledAt),
      roles: grants
        .filter((g) => g.userId === r.id)
        .map((g) => ({ id: g.id, role: g.role, roleName: ROLES[g.role as Role]?.zh ?? g.role, orgId: g.orgId, orgName: g.orgName })),
    })),
    total,
  };
}

/** Creates an account with a one-time password, to be changed at first login. */
export async function createUser(ctx: ActorCtx, input: { username: string; displayName: string; orgId: number }) {
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, input.orgId));
  if (!org) throw new AppError('VALIDATION', undefined, [{ path: 'orgId', message: '组织不存在' }]);
  assertCan(ctx.actor, 'users:manage', org.path, '该组织');
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(ilike(users.username, input.username.replace(/[%_\\]/g, '\\$&')));
    if (taken) throw new AppError('CONFLICT', '该用户名已被使用', [{ path: 'username', message: '该用户名已被使用' }]);
    const [user] = await tx
      .insert(users)
      .values({ username: input.username, displayName: input.displayName, orgId: org.id, passwordHash, mustChangePassword: true })
      .returning({ id: users.id });
    await audit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: user.id, orgId: org.id, after: input });
    return { id: user.id, oneTimePassword: password };
  });
}

/** Disabling ends the account's sessions at once. */
export async function setDisabled(ctx: ActorCtx, id: number, disabled: boolean): Promise<void> {
  if (id === ctx.actor.userId) throw forbidden('不能停用自己的账号');
  await ctx.db.transaction(async (tx) => {
    const user = await getUserFor(tx, ctx, id, 'users:manage');
    await refuseAdminPeer(tx, id);
    const now = ctx.now();
    await tx
      .update(users)
      .set({ disabledAt: disabled ? now : null, updatedAt: now, ...(disabled ? { sessionsValidAfter: sql`now()` } : {}) })
      .where(eq(users.id, id));
    const ended = disabled ? await revokeUserSessions(tx, id, now) : 0;
    await audit(tx, ctx, {
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: id,
      orgId: user.orgId,
      before: { disabled: Boolean(user.disabledAt) },
      after: { disabled, sessionsEnded: ended },
    });
  });
}

export async function unlockUser(ctx: ActorCtx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const user = await getUserFor(tx, ctx, id, 'security:unlock');
    await refuseAdminPeer(tx, id);
    await tx.update(users).set({ lockedUntil: null, failedAttempts: 0, factorFailures: 0, updatedAt: ctx.now() }).where(eq(users.id, id));
    await clearAccount(tx, user.username.toLowerCase());
    await audit(tx, ctx, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: id,
      orgId: user.orgId,
      before: { lockedUntil: user.lockedUntil },
    });
  });
}

/**
 * Grants a role on an org. 三员分立: an account holding one of the three admin roles holds no other
 * role (a trigger on role_grants refuses it too), an admin account's roles change only by break-glass,
 * and nobody grants roles to themselves.
 */
export async function grantRole(ctx: ActorCtx, userId: number, input: { role: Role; orgId: number }) {
  if (userId === ctx.actor.userId) throw forbidden('不能给自己授权');
  return ctx.db.transaction(async (tx) => {
    await getUserFor(tx, ctx, userId, 'security:grant');
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId));
    if (!org) throw new AppError('VALIDATION', undefined, [{ path: 'orgId', message: '组织不存在' }]);
    assertCan(ctx.actor, 'security:grant', org.path, '该组织');
    // Serialize grants per user so two concurrent admin grants cannot both pass the check.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const held = await tx.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, userId));
    if (held.some((h) => h.role !== input.role && (isSeparatedAdminRole(h.role) || isSeparatedAdminRole(input.role)))) {
      throw new AppError('ADMIN_ROLES_SEPARATED');
    }
    if (held.some((h) => isSeparatedAdminRole(h.role))) throw new AppError('ADMIN_PEER');
    const [grant] = await tx
      .insert(roleGrants)
      .values({ userId, role: input.role, orgId: org.id, grantedBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning({ id: roleGrants.id });
    if (!grant) throw new AppError('CONFLICT', '该账号在此组织已有该角色');
    await audit(tx, ctx, {
      action: 'role.grant',
      entityType: 'user',
      entityId: userId,
      orgId: org.id,
      after: { grantId: grant.id, ...input },
    });
    return { id: grant.id };
  });
}

export async function revokeRole(ctx: ActorCtx, userId: number, grantId: number): Promise<void> {
  if (userId === ctx.actor.userId) throw forbidden('不能撤销自己的角色');
  await ctx.db.transaction(async (tx) => {
    await getUserFor(tx, ctx, userId, 'security:grant');
    await refuseAdminPeer(tx, userId);
    const [grant] = await tx
      .select({ g: roleGrants, orgPath: orgs.path })
      .from(roleGrants)
      .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)));
    if (!grant) throw notFound('该授权');
    assertCan(ctx.actor, 'security:grant', grant.orgPath, '该授权');
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await audit(tx, ctx, { action: 'role.revoke', entityType: 'user', entityId: userId, orgId: grant.g.orgId, before: grant.g });
  });
}
