import type { learningAttempts, learningExams } from '../../db/schema/index.js';

// Record-level rules of learning beyond org scope: pure functions, no database.

/** A published exam is open to the members of its org's subtree. */
export function examOpenTo(exam: Pick<typeof learningExams.$inferSelect, 'status' | 'orgPath'>, memberPath: string): boolean {
  return exam.status === 'published' && memberPath.startsWith(exam.orgPath);
}

/** An attempt is its taker's alone. */
export function ownAttempt(a: Pick<typeof learningAttempts.$inferSelect, 'memberId'>, me: { id: number }): boolean {
  return a.memberId === me.id;
}
