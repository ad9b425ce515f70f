import { type Actor, covers, visibleScope } from '../../platform/access/scope.js';

// Record-level rules of recruitment beyond org scope: pure functions, no database.

/** A file attached to a step: the actor's own upload, or one held by an org they can see. */
export function fileUsable(actor: Actor, f: { ownerId: number | null; path: string | null } | undefined): boolean {
  if (!f) return false;
  return f.ownerId === actor.userId || (f.path !== null && covers(visibleScope(actor), f.path));
}
