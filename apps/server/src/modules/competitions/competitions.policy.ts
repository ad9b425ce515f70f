import type { competitions } from '../../db/schema/index.js';

// Record-level rules of competitions beyond org scope: pure functions, no database.

/** A competition is open to the members of its org's subtree once it is no longer a draft. */
export function openTo(c: Pick<typeof competitions.$inferSelect, 'status' | 'orgPath'>, memberPath: string): boolean {
  return c.status !== 'draft' && memberPath.startsWith(c.orgPath);
}
