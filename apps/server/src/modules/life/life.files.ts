import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { meetingFiles, meetingOrgs, meetingSignins, meetings, members } from '../../db/schema/index.js';
import { covers, scopeOf } from '../../platform/access/scope.js';
import type { FileOwnerKind } from '../../platform/files/owners.js';

/**
 * A meeting's photos and files (platform/files owners): read by life:manage over one of the
 * meeting's orgs, and — as on the phone (`myMeeting`) — by a member who signed in, once the
 * minutes are published.
 */
export const meetingFileOwners: FileOwnerKind = {
  kind: 'meeting',
  personal: false,
  async owners(ctx, fileId) {
    const rows = await ctx.db
      .select({ id: meetings.id, orgPath: meetings.orgPath, publishedAt: meetings.publishedAt })
      .from(meetingFiles)
      .innerJoin(meetings, eq(meetings.id, meetingFiles.meetingId))
      .where(eq(meetingFiles.fileId, fileId));
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const orgPaths = await ctx.db
      .select({ meetingId: meetingOrgs.meetingId, path: meetingOrgs.orgPath })
      .from(meetingOrgs)
      .where(inArray(meetingOrgs.meetingId, ids));
    const attended = await ctx.db
      .select({ meetingId: meetingSignins.meetingId })
      .from(meetingSignins)
      .innerJoin(members, eq(members.id, meetingSignins.memberId))
      .where(and(inArray(meetingSignins.meetingId, ids), eq(members.userId, ctx.actor.userId), isNotNull(meetingSignins.signedAt)));
    const manage = scopeOf(ctx.actor, 'life:manage');
    return rows.map((r) => {
      const paths = [r.orgPath, ...orgPaths.filter((p) => p.meetingId === r.id).map((p) => p.path)];
      const signedIn = attended.some((a) => a.meetingId === r.id);
      return { id: r.id, readable: paths.some((p) => covers(manage, p)) || (signedIn && r.publishedAt !== null) };
    });
  },
};
