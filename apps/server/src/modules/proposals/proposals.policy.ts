import { boardRoot } from '@vanguard/shared';

// Record-level rules of proposals beyond org scope: pure functions, no database.

/** Whether a person at `myPath` sees a proposal at `proposalPath` on the public board (the same mine, or above it). */
export function onBoard(proposalPath: string, myPath: string | null): boolean {
  if (!myPath) return false;
  return myPath.startsWith(boardRoot(proposalPath)) || proposalPath.startsWith(myPath);
}

/** Conflict of interest: the proposer and the co-proposers cannot review. */
export function conflicted(reviewerUserId: number, p: { proposerUserId: number }, coproposerUserIds: readonly number[]): boolean {
  return reviewerUserId === p.proposerUserId || coproposerUserIds.includes(reviewerUserId);
}

/** The name the board shows. */
export const boardName = (p: { proposerName: string; hideName: boolean }): string => (p.hideName ? '匿名' : p.proposerName);
