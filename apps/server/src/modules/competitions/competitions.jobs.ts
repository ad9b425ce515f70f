import type { DbOrTx } from '../../db/client.js';

/** Reminders of the competitions module, run at start and every six hours (idempotent). */
export async function refreshCompetitionsReminders(_db: DbOrTx, _now: Date): Promise<void> {}
