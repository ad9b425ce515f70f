import type { SignInBody } from '@vanguard/shared/api/life';
import { isApiError } from '../../api/client';
import { lifeApi } from '../../api/life';

/*
 * 离线签到: underground there is often no signal. A sign-in that fails for lack of network is
 * kept on the phone with the scanned token (or code and meeting), the time it was scanned, the
 * account that made it and its idempotency key (clientId, made once when queued), and sent when
 * the phone is back online; the server accepts it if the token was valid then, and a resend after
 * a lost answer is recognised by the clientId and counted once. The page shows them as 待同步.
 *
 * Kept in localStorage, not in the IndexedDB offline store (m/offline/db.ts): an entry is a few
 * hundred bytes and there are at most a handful, the reads are synchronous (the count shows on the
 * first render), and that store's object stores and outbox kinds are fixed by their owner. Each
 * entry names its account: only that account's session sends it, so a shared phone never signs
 * someone in under another's login; logout (lib/logout.ts) clears it with the rest of the phone's data.
 */
const KEY = 'vg.life.signin-queue';

export type QueuedSignIn = SignInBody & { owner: number };

const all = (): QueuedSignIn[] => {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as QueuedSignIn[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
};
const save = (items: QueuedSignIn[]) => localStorage.setItem(KEY, JSON.stringify(items));

/** Forgets every queued sign-in (logout: what the phone keeps is personal). */
export const clearSignInQueue = () => localStorage.removeItem(KEY);

/** The sign-ins of this account waiting for signal (待同步). */
export const queued = (owner: number | undefined): QueuedSignIn[] => (owner === undefined ? [] : all().filter((q) => q.owner === owner));

export const newClientId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** Sends now; without network, queues with the scan time and returns 'queued'. */
export async function signInOrQueue(owner: number | undefined, input: Omit<SignInBody, 'clientId' | 'scannedAt'>) {
  const attempt: SignInBody = { ...input, clientId: newClientId() };
  try {
    return { kind: 'done' as const, result: await lifeApi.signIn(attempt) };
  } catch (e) {
    if (isApiError(e) && e.code === 'NETWORK' && owner !== undefined) {
      save([...all(), { ...attempt, scannedAt: new Date().toISOString(), owner }]);
      return { kind: 'queued' as const };
    }
    throw e;
  }
}

/**
 * Sends what this account queued; keeps what still fails for lack of network (and other
 * accounts' entries). Returns how many were answered (accepted, or refused for good: expired,
 * outside the window — the server's word is final and the entry is dropped).
 */
export async function flushQueue(owner: number | undefined): Promise<number> {
  if (owner === undefined) return 0;
  const mine = queued(owner);
  if (mine.length === 0) return 0;
  const done = new Set<string>();
  for (const { owner: _o, ...it } of mine) {
    try {
      await lifeApi.signIn(it);
      done.add(it.clientId);
    } catch (e) {
      if (!(isApiError(e) && e.code === 'NETWORK')) done.add(it.clientId);
    }
  }
  // Re-read: another tab may have queued meanwhile.
  save(all().filter((q) => !(q.owner === owner && done.has(q.clientId))));
  return done.size;
}
