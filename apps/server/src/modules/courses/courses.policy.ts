import type { courses } from '../../db/schema/index.js';
import { type Actor, can } from '../../platform/access/scope.js';

// Record-level rules of courses beyond org scope: pure functions, no database.

type Course = Pick<typeof courses.$inferSelect, 'orgPath'>;

/** A course is open to the members of its org's subtree. */
export function courseOpenTo(c: Course, memberPath: string | undefined): boolean {
  return memberPath?.startsWith(c.orgPath) ?? false;
}

/** A course's media: its audience reads it, and so do those who manage learning over its org. */
export function mayReadCourse(actor: Actor, c: Course, memberPath: string | undefined): boolean {
  return can(actor, 'learning:manage', c.orgPath) || courseOpenTo(c, memberPath);
}
