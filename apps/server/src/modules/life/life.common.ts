import { chinaDateTime } from '@vanguard/shared';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { type meetings, orgs } from '../../db/schema/index.js';

export type MeetingRow = typeof meetings.$inferSelect;

export async function orgsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(orgs).where(inArray(orgs.id, ids));
}

/** China-time `YYYY-MM-DD HH:mm`. */
export const stamp = chinaDateTime;
