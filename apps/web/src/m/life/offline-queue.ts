import { onlineManager, type QueryClient } from '@tanstack/react-query';
import type { MeDto } from '@vanguard/shared';
import type { SignInBody } from '@vanguard/shared/api/life';
import { useSyncExternalStore } from 'react';
import { ApiError, isApiError } from '../../api/client';
import { lifeApi } from '../../api/life';
import { ME_KEY } from '../../lib/session';
import { noSignal } from '../offline/last-seen';

/*
 * 离线签到: underground there is often no signal. A sign-in made without network is kept on the
 * phone with the scanned token (or code and meeting), the time it was scanned, the account that made
 * it and its idempotency key (clientId, made once when queued), and sent when the phone is back
 * online; the server accepts it if the token was valid then, and a resend after a lost answer is
 * recognised by the clientId and counted once. Known offline, it is saved at once (已保存，联网后提交)
 * without trying; with a network that does not answer within 8 s, too (the resend is a replay).
 *
 * Kept in localStorage, not in the IndexedDB offline store (m/offline/db.ts): an entry is a few
 * hundred bytes and there are at most a handful, and the reads are synchronous (the queue shows on
 * the first render). Each entry names its account: only that account's session sends it, so a shared
 * phone never signs someone in under another's login; logout (lib/logout.ts) clears it with the rest
 * of the phone's data. It is sent at app start, whenever the network comes back, and every 30 s while
 * entries wait; what was sent (the meeting's topic) or refused (the server's reason) is shown.
 */
const KEY = 'vg.life.signin-queue';
const TRY_MS = 8_000;

export type QueuedSignIn = SignInBody & { owner: number };
/** One answered entry of the last sync: accepted (the meeting's topic) or refused (the server's reason). */
export type SyncedSignIn = { clientId: string; topic: string | null; refused: string | null; at: string };

const all = (): QueuedSignIn[] => {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as QueuedSignIn[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
};

let version = 0;
let synced: SyncedSignIn[] = [];
const listeners = new Set<() => void>();
const changed = () => {
  version++;
  for (const l of listeners) l();
};
const save = (items: QueuedSignIn[]) => {
  localStorage.setItem(KEY, JSON.stringify(items));
  changed();
};

/** Forgets every queued sign-in (logout: what the phone keeps is personal). */
export const clearSignInQueue = () => localStorage.removeItem(KEY);

/** The sign-ins of this account waiting for signal (待同步). */
export const queued = (owner: number | undefined): QueuedSignIn[] => (owner === undefined ? [] : all().filter((q) => q.owner === owner));

export const newClientId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

const noNetwork = (e: unknown) => isApiError(e) && e.code === 'NETWORK';

/** Sends now; without network (known, or no answer within 8 s) queues with the scan time and returns 'queued'. */
export async function signInOrQueue(owner: number | undefined, input: Omit<SignInBody, 'clientId' | 'scannedAt'>) {
  const attempt: SignInBody = { ...input, clientId: newClientId() };
  const queue = () => {
    save([...all(), { ...attempt, scannedAt: new Date().toISOString(), owner: owner as number }]);
    return { kind: 'queued' as const };
  };
  if (owner !== undefined && !onlineManager.isOnline()) return queue();
  try {
    const slow = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new ApiError(0, 'NETWORK', '网络连接超时')), owner === undefined ? 60_000 : TRY_MS),
    );
    return { kind: 'done' as const, result: await Promise.race([lifeApi.signIn(attempt), slow]) };
  } catch (e) {
    if (noNetwork(e) && owner !== undefined) {
      noSignal();
      return queue();
    }
    throw e;
  }
}

/**
 * Sends what this account queued; keeps what still fails for lack of network (and other accounts'
 * entries). An answer is final — accepted, or refused (expired, outside the window): the entry is
 * dropped and the answer is kept for the page to show. Returns the answers of this round.
 */
export async function flushQueue(owner: number | undefined): Promise<SyncedSignIn[]> {
  if (owner === undefined) return [];
  const mine = queued(owner);
  if (mine.length === 0) return [];
  const answered: SyncedSignIn[] = [];
  for (const { owner: _o, ...it } of mine) {
    try {
      const r = await lifeApi.signIn(it);
      answered.push({ clientId: it.clientId, topic: r.topic, refused: null, at: r.signedAt });
    } catch (e) {
      if (noNetwork(e)) break;
      answered.push({
        clientId: it.clientId,
        topic: null,
        refused: e instanceof Error ? e.message : String(e),
        at: new Date().toISOString(),
      });
    }
  }
  // Re-read: another tab may have queued meanwhile.
  const done = new Set(answered.map((a) => a.clientId));
  if (answered.length) {
    synced = [...answered, ...synced].slice(0, 10);
    save(all().filter((q) => !(q.owner === owner && done.has(q.clientId))));
  }
  return answered;
}

let flushing: Promise<unknown> | null = null;
/** Sends the signed-in account's queue (the account from the session check, kept or fresh). */
const flushFor = (qc: QueryClient) => {
  const owner = qc.getQueryData<MeDto>(ME_KEY)?.id;
  if (owner === undefined || !onlineManager.isOnline() || queued(owner).length === 0) return;
  if (flushing) return;
  flushing = flushQueue(owner).finally(() => {
    flushing = null;
  });
};

let started = false;
/** Sends queued sign-ins at start (once the session is known), when the network is back, and every 30 s while some wait. */
export function startSignInSync(qc: QueryClient): void {
  if (started) return;
  started = true;
  onlineManager.subscribe((online) => online && flushFor(qc));
  qc.getQueryCache().subscribe((ev) => {
    if (ev.type === 'updated' && ev.action.type === 'success' && ev.query.queryKey[0] === ME_KEY[0]) flushFor(qc);
  });
  window.setInterval(() => flushFor(qc), 30_000);
}

/** The account's waiting sign-ins and the answers of the last syncs, kept current. */
export function useSignInQueue(owner: number | undefined): { waiting: QueuedSignIn[]; synced: SyncedSignIn[] } {
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => version,
  );
  return { waiting: queued(owner), synced };
}
