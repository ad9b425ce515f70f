import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/**
 * Run at start and every six hours (idempotent): a weekly challenge past its close is written as
 * finished (reads already treat it so; this keeps the stored status true for reports).
 */
export async function refreshCompetitionsReminders(db: DbOrTx, now: Date): Promise<void> {
  await db.execute(sql`
    UPDATE competitions SET status = 'finished', finished_at = closes_at, updated_at = ${now}
    WHERE kind = 'challenge' AND status = 'open' AND closes_at <= ${now} AND deleted_at IS NULL`);
}
