import { sql } from 'drizzle-orm';
import { can } from '../../platform/access/scope.js';
import { registerFileOwner } from '../../platform/files/owners.js';
import { me } from './events.common.js';
import { eventOpenTo } from './events.policy.js';

/** Photo-wall files: approved ones for everyone the event is open to; all for its organizers; one's own. */
export function registerEventFiles(): void {
  registerFileOwner({
    kind: 'event.photo',
    personal: false,
    owners: async (ctx, fileId) => {
      const { rows } = await ctx.db.execute<{ id: number; orgPath: string; status: string; userId: number }>(sql`
        SELECT e.id, e.org_path AS "orgPath", p.status, p.user_id AS "userId" FROM event_photos p JOIN events e ON e.id = p.event_id
        WHERE p.file_id = ${fileId}`);
      if (rows.length === 0) return [];
      const who = await me(ctx);
      return rows.map((r) => ({
        id: r.id,
        readable:
          r.userId === ctx.actor.userId ||
          can(ctx.actor, 'events:manage', r.orgPath) ||
          (r.status === 'approved' && eventOpenTo(r.orgPath, who.paths)),
      }));
    },
  });
}
