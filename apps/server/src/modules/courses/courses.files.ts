import { eq, or, sql } from 'drizzle-orm';
import { courses } from '../../db/schema/index.js';
import { findMyMember } from '../../platform/access/load.js';
import type { FileOwnerKind } from '../../platform/files/owners.js';
import { mayReadCourse } from './courses.policy.js';

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
    const me = await findMyMember(ctx);
    return rows.map((c) => ({ id: c.id, readable: mayReadCourse(ctx.actor, c, me?.orgPath) }));
  },
};
