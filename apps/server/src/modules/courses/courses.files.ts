import { and, eq, or, sql } from 'drizzle-orm';
import { courses, members } from '../../db/schema/index.js';
import { covers, scopeOf } from '../../platform/access/scope.js';
import type { FileOwnerKind } from '../../platform/files/owners.js';

/**
 * A course's file or an image in its article (platform/files owners): read with learning:manage
 * over the course's org and by members inside it (as `sendArticleImage`).
 */
export const courseFileOwners: FileOwnerKind = {
  kind: 'course',
  personal: false,
  async owners(ctx, fileId) {
    const rows = await ctx.db
      .select({ id: courses.id, orgPath: courses.orgPath })
      .from(courses)
      .where(or(eq(courses.fileId, fileId), sql`strpos(${courses.bodyHtml}, ${`/api/v1/files/${fileId}`}) > 0`));
    if (rows.length === 0) return [];
    const [me] = await ctx.db
      .select({ orgPath: members.orgPath })
      .from(members)
      .where(and(eq(members.userId, ctx.actor.userId), eq(members.status, 'normal')));
    const manage = scopeOf(ctx.actor, 'learning:manage');
    return rows.map((c) => ({ id: c.id, readable: covers(manage, c.orgPath) || Boolean(me?.orgPath.startsWith(c.orgPath)) }));
  },
};
