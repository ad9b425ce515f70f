import { chinaDay } from '@vanguard/shared';
import { type BoardEventKind, eventHash, GENESIS } from '@vanguard/shared/elections/board';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { electionBoard } from '../../db/schema/index.js';

/** Appends an event to the election's hash-chained board; the caller holds the election row's lock. */
export async function appendEvent(tx: DbOrTx, electionId: number, kind: BoardEventKind, data: unknown, now: Date): Promise<string> {
  const [last] = await tx
    .select({ seq: electionBoard.seq, hash: electionBoard.hash })
    .from(electionBoard)
    .where(eq(electionBoard.electionId, electionId))
    .orderBy(desc(electionBoard.seq))
    .limit(1);
  const prev = last?.hash ?? GENESIS;
  const seq = (last?.seq ?? 0) + 1;
  const hash = eventHash(prev, seq, kind, data);
  await tx.insert(electionBoard).values({ electionId, seq, kind, data, prev, hash, onDay: chinaDay(now) });
  return hash;
}

export async function boardOf(db: DbOrTx, electionId: number, kind?: BoardEventKind) {
  return db
    .select({
      seq: electionBoard.seq,
      kind: electionBoard.kind,
      data: electionBoard.data,
      prev: electionBoard.prev,
      hash: electionBoard.hash,
    })
    .from(electionBoard)
    .where(kind ? and(eq(electionBoard.electionId, electionId), eq(electionBoard.kind, kind)) : eq(electionBoard.electionId, electionId))
    .orderBy(asc(electionBoard.seq));
}
