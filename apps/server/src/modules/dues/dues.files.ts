import { eq, inArray } from 'drizzle-orm';
import { duesPayments, members } from '../../db/schema/index.js';
import { covers, scopeOf } from '../../platform/access/scope.js';
import type { FileOwnerKind } from '../../platform/files/owners.js';

/** A payment's proof (platform/files owners): read by its member, the member who paid for them, and dues:collect over the payment's org. */
export const duesProofFiles: FileOwnerKind = {
  kind: 'dues.payment',
  personal: true,
  async owners(ctx, fileId) {
    const rows = await ctx.db
      .select({ id: duesPayments.id, orgPath: duesPayments.orgPath, memberId: duesPayments.memberId, proxyId: duesPayments.proxyMemberId })
      .from(duesPayments)
      .where(eq(duesPayments.proofFileId, fileId));
    if (rows.length === 0) return [];
    const people = rows.flatMap((r) => [r.memberId, r.proxyId ?? r.memberId]);
    const users = await ctx.db.select({ id: members.id, userId: members.userId }).from(members).where(inArray(members.id, people));
    const mine = new Set(users.filter((u) => u.userId === ctx.actor.userId).map((u) => u.id));
    const collect = scopeOf(ctx.actor, 'dues:collect');
    return rows.map((r) => ({
      id: r.id,
      readable: mine.has(r.memberId) || (r.proxyId !== null && mine.has(r.proxyId)) || covers(collect, r.orgPath),
    }));
  },
};
