import { createHash, randomBytes } from 'node:crypto';
import type { Permission } from '@vanguard/shared';
import { permissionName, type ServiceTokenCreateSchema } from '@vanguard/shared/api/service-tokens';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { orgs, serviceTokens, users } from '../../db/schema/index.js';
import { SERVICE_TOKENS } from '../access/gates.js';
import { loadFor, orgFor } from '../access/load.js';
import { type Actor, inScope, scopeOf } from '../access/scope.js';
import { audit } from '../audit/audit.js';
import type { ActorCtx } from '../context.js';
import { AppError } from '../errors.js';

/** Requests per token per minute (issue 23: rate-limited). */
export const TOKEN_RATE_PER_MINUTE = 120;
const PREFIX = 'vgst_';

export const hashServiceToken = (token: string) => createHash('sha256').update(token).digest('hex');

const listColumns = {
  id: serviceTokens.id,
  name: serviceTokens.name,
  permission: serviceTokens.permission,
  orgId: serviceTokens.orgId,
  orgName: orgs.name,
  prefix: serviceTokens.prefix,
  createdBy: users.displayName,
  createdAt: serviceTokens.createdAt,
  lastUsedAt: serviceTokens.lastUsedAt,
  revokedAt: serviceTokens.revokedAt,
};
const withName = <T extends { permission: string }>(r: T) => ({ ...r, permissionName: permissionName(r.permission) });

/** Tokens on orgs in the actor's `tokens:manage` scope, newest first. */
export async function listTokens(ctx: ActorCtx, q: { page: number; pageSize: number }) {
  const where = inScope(serviceTokens.orgPath, scopeOf(ctx.actor, 'tokens:manage'));
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select(listColumns)
      .from(serviceTokens)
      .innerJoin(orgs, eq(orgs.id, serviceTokens.orgId))
      .innerJoin(users, eq(users.id, serviceTokens.createdBy))
      .where(where)
      .orderBy(desc(serviceTokens.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(serviceTokens).where(where),
  ]);
  return { items: items.map(withName), total };
}

/** Issues a token on an org in scope; the secret is returned once and only its SHA-256 is stored. */
export async function createToken(ctx: ActorCtx, input: z.output<typeof ServiceTokenCreateSchema>) {
  const org = await orgFor(ctx, input.orgId, 'tokens:manage', { field: 'orgId' });
  const token = PREFIX + randomBytes(32).toString('base64url');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(serviceTokens)
      .values({
        name: input.name,
        permission: input.permission,
        orgId: org.id,
        orgPath: org.path,
        tokenHash: hashServiceToken(token),
        prefix: token.slice(0, PREFIX.length + 6),
        createdBy: ctx.actor.userId,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    await audit(tx, ctx, {
      action: 'service_token.create',
      entityType: 'service_token',
      entityId: row.id,
      orgId: org.id,
      after: { name: row.name, permission: row.permission, orgId: org.id, prefix: row.prefix },
    });
    return {
      ...withName(row),
      orgName: org.name,
      createdBy: ctx.actor.displayName,
      token,
    };
  });
}

/** Revokes a token (kept for the record); the next call with it is 401. */
export async function revokeToken(ctx: ActorCtx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadFor(ctx, SERVICE_TOKENS, id, 'tokens:manage', { db: tx, lock: true });
    if (!row.revokedAt) {
      await tx.update(serviceTokens).set({ revokedAt: ctx.now(), updatedAt: ctx.now() }).where(eq(serviceTokens.id, id));
      await audit(tx, ctx, {
        action: 'service_token.revoke',
        entityType: 'service_token',
        entityId: id,
        orgId: row.orgId,
        before: { name: row.name },
      });
    }
    const [out] = await tx
      .select(listColumns)
      .from(serviceTokens)
      .innerJoin(orgs, eq(orgs.id, serviceTokens.orgId))
      .innerJoin(users, eq(users.id, serviceTokens.createdBy))
      .where(eq(serviceTokens.id, id));
    return withName(out);
  });
}

/**
 * The actor of a request that carries `Authorization: Bearer <token>`: unknown or revoked → 401;
 * the token lacks `permission` → 403; over the per-minute limit → 429. One UPDATE counts the call,
 * stamps the last use and checks the window, so several app nodes share the limit.
 */
export async function tokenActor(db: Db, header: string | undefined, permission: Permission, now: Date): Promise<Actor> {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) throw new AppError('UNAUTHENTICATED', '请在 Authorization 头中提供接口令牌（Bearer）');
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const [row] = await db
    .update(serviceTokens)
    .set({
      lastUsedAt: now,
      windowCount: sql`CASE WHEN ${serviceTokens.windowStart} = ${windowStart} THEN ${serviceTokens.windowCount} + 1 ELSE 1 END`,
      windowStart,
    })
    .where(and(eq(serviceTokens.tokenHash, hashServiceToken(m[1])), isNull(serviceTokens.revokedAt)))
    .returning({
      id: serviceTokens.id,
      name: serviceTokens.name,
      permission: serviceTokens.permission,
      orgId: serviceTokens.orgId,
      orgPath: serviceTokens.orgPath,
      createdBy: serviceTokens.createdBy,
      windowCount: serviceTokens.windowCount,
    });
  if (!row) throw new AppError('TOKEN_INVALID');
  if (row.windowCount > TOKEN_RATE_PER_MINUTE)
    throw new AppError('TOKEN_RATE_LIMITED', undefined, { limitPerMinute: TOKEN_RATE_PER_MINUTE });
  if (row.permission !== permission) throw new AppError('FORBIDDEN', '该接口令牌没有此项权限');
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.orgId));
  return {
    userId: row.createdBy,
    username: `token:${row.name}`,
    displayName: `令牌：${row.name}`,
    orgId: row.orgId,
    orgName: org?.name ?? null,
    mfaEnabled: false,
    // One permission on one subtree: the role is a placeholder, `permissions` is what counts (scope.ts).
    grants: [
      {
        id: -row.id,
        role: 'member',
        orgId: row.orgId,
        orgPath: row.orgPath,
        orgName: org?.name ?? '',
        permissions: [row.permission as Permission],
      },
    ],
  };
}
