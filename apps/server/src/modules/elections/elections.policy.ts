import type { ElectionStatus } from '@vanguard/shared/api/elections';
import { canonical } from '@vanguard/shared/elections/group';

/** Pure record rules of an election, beyond scope. */

/** 只有正式党员有表决权、选举权和被选举权；预备党员、受留党察看处分者、停止党籍者不参加（条例第五条）. */
export function onRoll(
  m: { category: string; status: string; fullOn: string | null },
  onProbationPenalty: boolean,
  rollOn: string,
): boolean {
  if (m.category !== 'full' || m.status !== 'normal') return false;
  if (m.fullOn && m.fullOn > rollOn) return false;
  return !onProbationPenalty;
}

const ORDER: ElectionStatus[] = ['draft', 'approved', 'frozen', 'ready', 'open', 'closed', 'released'];
/** Whether an election in `status` has reached `at` (e.g. the roll is fixed from `frozen` on). */
export const reached = (status: string, at: ElectionStatus): boolean => ORDER.indexOf(status as ElectionStatus) >= ORDER.indexOf(at);

/** Two tellers' independent entries of the paper ballots agree. */
export const sameCount = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
