import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';

/**
 * Structure changes run one at a time (two concurrent moves could otherwise make a cycle); writers
 * that copy an org's path into a new row take the lock shared, so no move rewrites paths under them.
 * A transaction-level advisory lock: released at commit or rollback.
 */
export async function lockStructure(tx: Tx, mode: 'exclusive' | 'shared' = 'exclusive'): Promise<void> {
  const key = sql`hashtext('vanguard:org-structure')`;
  await tx.execute(mode === 'shared' ? sql`SELECT pg_advisory_xact_lock_shared(${key})` : sql`SELECT pg_advisory_xact_lock(${key})`);
}
