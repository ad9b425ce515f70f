import { sql } from 'drizzle-orm';
import { can } from '../../platform/access/scope.js';
import { registerFileOwner } from '../../platform/files/owners.js';
import { myPlace } from './proposals.common.js';
import { onBoard } from './proposals.policy.js';

/** A proposal's photos (and its progress photos) are read by whoever sees the proposal on the board, or manages it. */
export function registerProposalFiles(): void {
  registerFileOwner({
    kind: 'proposal',
    personal: false,
    owners: async (ctx, fileId) => {
      const { rows } = await ctx.db.execute<{ id: number; orgPath: string }>(sql`
        SELECT p.id, p.org_path AS "orgPath" FROM proposals p
        WHERE p.photo_ids ? ${fileId}
           OR EXISTS (SELECT 1 FROM proposal_milestones m WHERE m.proposal_id = p.id AND m.photo_ids ? ${fileId})`);
      if (rows.length === 0) return [];
      const place = await myPlace(ctx);
      return rows.map((r) => ({
        id: r.id,
        readable:
          onBoard(r.orgPath, place?.orgPath ?? null) ||
          can(ctx.actor, 'proposals:manage', r.orgPath) ||
          can(ctx.actor, 'proposals:verify', r.orgPath),
      }));
    },
  });
}
