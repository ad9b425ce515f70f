import { sql } from 'drizzle-orm';
import type { FileOwnerKind } from '../../platform/files/owners.js';
import { mayReport } from './tasks.policy.js';

/** A report's evidence and a task's attachments: the reporting org and its assigners (tasks:manage over the part's org). */
export const taskFileOwners: FileOwnerKind = {
  kind: 'task',
  personal: false,
  owners: async (ctx, fileId) => {
    const { rows } = await ctx.db.execute<{ id: number; orgPath: string }>(sql`
      SELECT a.id, a.org_path AS "orgPath" FROM task_reports r JOIN task_assignments a ON a.id = r.assignment_id WHERE r.file_id = ${fileId}::uuid
      UNION ALL
      SELECT a.id, a.org_path FROM tasks t JOIN task_assignments a ON a.task_id = t.id WHERE t.file_ids ? ${fileId}`);
    return rows.map((a) => ({ id: a.id, readable: mayReport(ctx.actor, a) }));
  },
};
