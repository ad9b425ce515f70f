/**
 * Handlers' private keys opened with their password live here, in this process's memory only, for the
 * session that opened them (issue 18 item 4): never in the database, a file or a log. A restart, a
 * logout (the session is gone), or 30 minutes without use forget them; the handler types the password
 * again (跟 GlobaLeaks 一样，服务器端解密：a live compromise of the server can capture them — docs/REPORTS.md).
 * With several app nodes the key is open on the node that took the password: sticky sessions, or unlock again.
 */
const IDLE_MS = 30 * 60_000;

interface Open {
  userId: number;
  privateDer: Buffer;
  until: number;
}

const open = new Map<string, Open>();

export function keepOpen(sessionId: string, userId: number, privateDer: Buffer, now: Date): void {
  open.set(sessionId, { userId, privateDer, until: now.getTime() + IDLE_MS });
}

export function openKeyOf(sessionId: string, userId: number, now: Date): Buffer | null {
  const o = open.get(sessionId);
  if (!o || o.userId !== userId || o.until < now.getTime()) {
    if (o) forget(sessionId);
    return null;
  }
  o.until = now.getTime() + IDLE_MS;
  return o.privateDer;
}

export function forget(sessionId: string): void {
  const o = open.get(sessionId);
  if (o) o.privateDer.fill(0);
  open.delete(sessionId);
}

/** Every open key of a user (a password change or a new key pair). */
export function forgetUser(userId: number): void {
  for (const [k, o] of open) if (o.userId === userId) forget(k);
}
