import { eq } from 'drizzle-orm';
import { members } from '../../db/schema/index.js';
import { covers, scopeOf } from '../../platform/access/scope.js';
import type { FileOwnerKind } from '../../platform/files/owners.js';

/** A member's photo (platform/files owners): read with members:read over the member's org, and by the member. */
export const memberPhotoOwners: FileOwnerKind = {
  kind: 'member.photo',
  personal: true,
  async owners(ctx, fileId) {
    const rows = await ctx.db
      .select({ id: members.id, orgPath: members.orgPath, userId: members.userId })
      .from(members)
      .where(eq(members.photoFileId, fileId));
    const read = scopeOf(ctx.actor, 'members:read');
    return rows.map((m) => ({ id: m.id, readable: m.userId === ctx.actor.userId || covers(read, m.orgPath) }));
  },
};
