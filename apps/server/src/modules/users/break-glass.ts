import { isSeparatedAdminRole } from '@vanguard/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { roleGrants, users } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import { clearAccount } from '../../platform/auth/lockout.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';

export type BreakGlassAction = 'disable' | 'enable' | 'unlock' | 'revoke';
export interface BreakGlassInput {
  action: BreakGlassAction;
  username: string;
  /** The two (or more) people present: for example the system and the security administrator. */
  operators: string[];
  reason: string;
  /** For `revoke`: the grant to remove. */
  grantId?: number;
}

/**
 * The break-glass procedure (issue 15 item 5; docs/ARCHITECTURE.md §"三员分立"): what no one of the
 * three admins may do alone to another through the API — disable, enable, unlock, revoke a role —
 * done on the server by two named people with a reason (`npm run admin:break-glass`). Access to the
 * server and its configuration is the second control; the audit row names both people and the reason,
 * and the auditor reads it. Only for accounts holding an admin role: ordinary accounts use the API.
 */
export async function breakGlass(db: Db, input: BreakGlassInput, now: Date): Promise<string> {
  const operators = [...new Set(input.operators.map((o) => o.trim()).filter(Boolean))];
  if (operators.length < 2) throw new Error('应急流程须由两人办理：请用 --by 写明两人姓名 / two people must be named (--by A --by B)');
  if (!input.reason.trim()) throw new Error('请用 --reason 写明原因 / give a --reason');
  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
  if (!user) throw new Error(`账号不存在 / no such account: ${input.username}`);
  const held = await db.select().from(roleGrants).where(eq(roleGrants.userId, user.id));
  if (!held.some((g) => isSeparatedAdminRole(g.role))) {
    throw new Error('该账号不是三员账号，请在系统中办理 / not an admin account: use the application');
  }
  const actorName = `break-glass: ${operators.join(' + ')}`;
  // Not a request: the row names the people in actor_name, with no actor id.
  const ctx = { actor: { userId: null, username: actorName }, now: () => now, requestId: null, ip: null } as unknown as Ctx;
  const meta = { breakGlass: true, operators, reason: input.reason.trim() };
  return db.transaction(async (tx) => {
    const base = { entityType: 'user', entityId: user.id, orgId: user.orgId };
    switch (input.action) {
      case 'disable': {
        await tx.update(users).set({ disabledAt: now, sessionsValidAfter: sql`now()`, updatedAt: now }).where(eq(users.id, user.id));
        const ended = await revokeUserSessions(tx, user.id, now);
        await audit(tx, ctx, {
          action: 'user.disable',
          ...base,
          before: { disabled: Boolean(user.disabledAt) },
          after: { disabled: true, sessionsEnded: ended, ...meta },
        });
        return `已停用 ${user.username}，结束 ${ended} 个会话`;
      }
      case 'enable':
        await tx.update(users).set({ disabledAt: null, updatedAt: now }).where(eq(users.id, user.id));
        await audit(tx, ctx, { action: 'user.enable', ...base, after: { disabled: false, ...meta } });
        return `已启用 ${user.username}`;
      case 'unlock':
        await tx
          .update(users)
          .set({ lockedUntil: null, failedAttempts: 0, factorFailures: 0, updatedAt: now })
          .where(eq(users.id, user.id));
        await clearAccount(tx, user.username.toLowerCase());
        await audit(tx, ctx, { action: 'user.unlock', ...base, before: { lockedUntil: user.lockedUntil }, after: meta });
        return `已解锁 ${user.username}`;
      case 'revoke': {
        const grant = held.find((g) => g.id === input.grantId);
        if (!grant)
          throw new Error(
            `该账号没有编号为 ${input.grantId} 的授权 / no such grant; grants: ${held.map((g) => `${g.id}=${g.role}@${g.orgId}`).join(', ')}`,
          );
        await tx.delete(roleGrants).where(and(eq(roleGrants.id, grant.id), eq(roleGrants.userId, user.id)));
        await audit(tx, ctx, { action: 'role.revoke', ...base, orgId: grant.orgId, before: grant, after: meta });
        return `已撤销 ${user.username} 的 ${grant.role}`;
      }
    }
  });
}
