import type { mentorPairs } from '../../db/schema/index.js';

// Record-level rules of mentoring beyond org scope: pure functions, no database.

type Pair = Pick<typeof mentorPairs.$inferSelect, 'mentorMemberId' | 'menteeMemberId' | 'menteeWorkerId'>;
export type Side = 'mentor' | 'mentee';

/** Which side of the pair the holder of these member and worker records is on (mentor first), or null. */
export function mentorSide(p: Pair, mine: { memberIds: readonly number[]; workerIds: readonly number[] }): Side | null {
  if (mine.memberIds.includes(p.mentorMemberId)) return 'mentor';
  if (p.menteeMemberId !== null && mine.memberIds.includes(p.menteeMemberId)) return 'mentee';
  if (p.menteeWorkerId !== null && mine.workerIds.includes(p.menteeWorkerId)) return 'mentee';
  return null;
}
