import type { DbOrTx } from '../../db/client.js';

/** Reminders of the mentors module, run at start and every six hours (idempotent). */
export async function refreshMentorsReminders(_db: DbOrTx, _now: Date): Promise<void> {}
