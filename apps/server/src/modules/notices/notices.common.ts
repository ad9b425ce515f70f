import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/** Counts of a notice's receipts, optionally only under an org path. */
export const countsSql = (noticeId: SQL | number, under?: string) => sql`
  SELECT count(*)::int AS recipients, count(r.read_at)::int AS read, count(r.signed_at)::int AS signed
  FROM notice_recipients r WHERE r.notice_id = ${noticeId}${under ? sql` AND r.org_path LIKE ${`${under}%`}` : sql``}`;

export type NoticeFileRow = {
  id: string;
  name: string;
  mime: string;
  size: number;
};

export async function filesOf(db: DbOrTx, noticeId: number): Promise<NoticeFileRow[]> {
  const { rows } = await db.execute<NoticeFileRow>(sql`
    SELECT f.id::text AS id, f.name, f.mime, f.size FROM notice_files nf JOIN files f ON f.id = nf.file_id
    WHERE nf.notice_id = ${noticeId} ORDER BY f.name`);
  return rows;
}

/** The in-app messages of a notice (notify's to-dos) are keyed `notify:notice:<id>:…`. */
export const todoKeyPattern = (noticeId: number) => `notify:notice:${noticeId}:%`;
