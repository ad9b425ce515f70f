import { MENTOR_STATUSES, MENTORS_RULESETS, type MentorStatus, mentorsRulesetOn } from '@vanguard/shared';
import type { mentorPairs } from '../../db/schema/index.js';
import { conflict, validation } from '../../platform/errors.js';

// Shared by the mentors services: the pair row and its ruleset. A pair is loaded through the access gate
// (`loadFor(ctx, PAIRS, …)` for the console, `loadOwn(…, mentorSide)` for one of its sides).

export type PairRow = typeof mentorPairs.$inferSelect;
export const PERM = 'learning:manage' as const;
/** The ruleset a pair started under. */
export const rsOf = (p: PairRow) => MENTORS_RULESETS.find((r) => r.version === p.rulesetVersion) ?? mentorsRulesetOn(p.startsOn);
/** A validation error on one field. */
export const one = (path: string, message: string) => validation([{ path, message }]);

/** Only an active pair takes new records. */
export function assertActive(p: PairRow) {
  if (p.status !== 'active') throw conflict(`该结对已${MENTOR_STATUSES[p.status as MentorStatus] ?? '结束'}，不能再修改`);
}
