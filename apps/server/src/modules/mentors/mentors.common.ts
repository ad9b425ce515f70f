import { MENTOR_STATUSES, MENTORS_RULESETS, type MentorStatus, mentorsRulesetOn } from '@vanguard/shared';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, mentorPairs, orgs, workers } from '../../db/schema/index.js';
import { assertCan } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, notFound, validation } from '../../platform/errors.js';

// Shared by the mentors services: the pair row, its ruleset, and loading a pair for the console or for one of its sides.

export type PairRow = typeof mentorPairs.$inferSelect;
export const PERM = 'learning:manage' as const;
/** The ruleset a pair started under. */
export const rsOf = (p: PairRow) => MENTORS_RULESETS.find((r) => r.version === p.rulesetVersion) ?? mentorsRulesetOn(p.startsOn);
/** A validation error on one field. */
export const one = (path: string, message: string) => validation([{ path, message }]);

/** An org the actor manages mentoring in, or 404/403. */
export async function orgInScope(ctx: ActorCtx, db: DbOrTx, orgId: number) {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw notFound('该组织');
  assertCan(ctx.actor, PERM, org.path, '该组织');
  return org;
}

/** The pair row, locked when asked; undefined when there is none. */
export async function pairRow(db: DbOrTx, id: number, lock = false) {
  const q = db.select().from(mentorPairs).where(eq(mentorPairs.id, id));
  const [p] = lock ? await q.for('update') : await q;
  return p;
}

/** The pair for a console actor: outside scope 404, visible without the permission 403. */
export async function scopedPair(ctx: ActorCtx, db: DbOrTx, id: number, lock = false) {
  const p = await pairRow(db, id, lock);
  if (!p) throw notFound('该师徒结对');
  assertCan(ctx.actor, PERM, p.orgPath, '该师徒结对');
  return p;
}

/** Which side of a pair the signed-in user is on (mentor, mentee), or null. */
export async function sideOf(db: DbOrTx, userId: number, p: PairRow): Promise<'mentor' | 'mentee' | null> {
  const ids = [p.mentorMemberId, p.menteeMemberId].filter((x): x is number => x !== null);
  const ms = ids.length
    ? await db.select({ id: members.id, userId: members.userId }).from(members).where(sql`${members.id} IN ${ids}`)
    : [];
  if (ms.find((m) => m.id === p.mentorMemberId)?.userId === userId) return 'mentor';
  if (p.menteeMemberId && ms.find((m) => m.id === p.menteeMemberId)?.userId === userId) return 'mentee';
  if (p.menteeWorkerId) {
    const [w] = await db.select({ userId: workers.userId }).from(workers).where(eq(workers.id, p.menteeWorkerId));
    if (w?.userId === userId) return 'mentee';
  }
  return null;
}

/** The pair for one of its two sides on the phone; anyone else 404. */
export async function myPair(ctx: ActorCtx, db: DbOrTx, id: number, lock = false) {
  const p = await pairRow(db, id, lock);
  const side = p ? await sideOf(db, ctx.actor.userId, p) : null;
  if (!p || !side) throw notFound('该师徒结对');
  return { p, side };
}

/** Only an active pair takes new records. */
export function assertActive(p: PairRow) {
  if (p.status !== 'active') throw conflict(`该结对已${MENTOR_STATUSES[p.status as MentorStatus] ?? '结束'}，不能再修改`);
}
