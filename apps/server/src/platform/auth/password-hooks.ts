import type { DbOrTx } from '../../db/client.js';

/**
 * Work a module must do in the transaction of a password change while both passwords are in hand
 * (issue 18: the whistleblowing handler's private key is sealed under the password and is re-sealed
 * here). A hook that throws rolls the change back. Modules register at start (their routes plugin).
 */
export type PasswordChangeHook = (tx: DbOrTx, userId: number, oldPassword: string, newPassword: string) => Promise<void>;

const hooks = new Map<string, PasswordChangeHook>();

export function onPasswordChange(name: string, hook: PasswordChangeHook): void {
  hooks.set(name, hook);
}

export async function runPasswordChangeHooks(tx: DbOrTx, userId: number, oldPassword: string, newPassword: string): Promise<void> {
  for (const h of hooks.values()) await h(tx, userId, oldPassword, newPassword);
}
