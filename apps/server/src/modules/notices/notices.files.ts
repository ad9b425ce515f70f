import { sql } from 'drizzle-orm';
import type { FileOwnerKind } from '../../platform/files/owners.js';
import { mayReadNoticeFile } from './notices.policy.js';

/** A notice's attachments: its recipients and publishers; anyone who sees the org unless 内部. */
export const noticeFileOwners: FileOwnerKind = {
  kind: 'notice',
  personal: false,
  owners: async (ctx, fileId) => {
    const { rows } = await ctx.db.execute<{ id: number; orgPath: string; internal: boolean; status: string; mine: boolean }>(sql`
      SELECT n.id, n.org_path AS "orgPath", n.internal, n.status,
             EXISTS (SELECT 1 FROM notice_recipients r WHERE r.notice_id = n.id AND r.user_id = ${ctx.actor.userId}) AS mine
      FROM notice_files nf JOIN notices n ON n.id = nf.notice_id WHERE nf.file_id = ${fileId}::uuid`);
    return rows.map((n) => ({ id: n.id, readable: mayReadNoticeFile(ctx.actor, n, n.mine) }));
  },
};
