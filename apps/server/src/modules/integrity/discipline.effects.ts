import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { disciplineRecords } from '../../db/schema/index.js';

/**
 * Of `memberIds`, those without a vote on `day`: under 留党察看 then (《中国共产党纪律处分条例》第十一条).
 * The period's end lifts it on that day. Used by recruitment (and elections) to count the entitled.
 */
export async function membersWithoutVote(db: DbOrTx, memberIds: number[], day: string): Promise<Set<number>> {
  if (memberIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ memberId: disciplineRecords.memberId })
    .from(disciplineRecords)
    .where(
      and(
        inArray(disciplineRecords.memberId, memberIds),
        eq(disciplineRecords.effect, 'no_vote'),
        lte(disciplineRecords.effectFrom, day),
        or(isNull(disciplineRecords.effectUntil), gt(disciplineRecords.effectUntil, day)),
      ),
    );
  return new Set(rows.map((r) => r.memberId));
}
