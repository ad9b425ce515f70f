import type { DbOrTx } from '../../db/client.js';

/** Reminders of the points module, run at start and every six hours (idempotent). */
export async function refreshPointsReminders(_db: DbOrTx, _now: Date): Promise<void> {}
