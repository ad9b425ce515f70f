import { useSyncExternalStore } from 'react';
import { api, getCsrfToken } from '../../api/client';
import { idbAll, idbDelete, idbPut, storeExists, uuid } from './db';

/**
 * The outbox: writes made without signal wait here (IndexedDB) and are sent in order when the
 * phone is back online (the `online` event, app start, every 30 s while entries wait, or 重试).
 * Each entry carries an Idempotency-Key made once when it was queued, so a resend after a lost
 * answer is recognised by the server and counted once. `sentAt` is stamped at each send, so the
 * server can measure the phone's clock skew.
 */
export interface OutboxEntry {
  key: string;
  kind: 'exam-submit' | 'study';
  url: string;
  body: Record<string, unknown>;
  /** What the member sees in the sync list, e.g. the exam or course title. */
  label: string;
  createdAt: string;
  /** A refusal from the server (4xx): kept with its message until retried or discarded. */
  error: string | null;
  /** Related local record (e.g. the downloaded exam's attempt id) to update after it is sent. */
  ref?: number;
}

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error';
export interface SyncStatus {
  pending: number;
  failed: number;
  state: SyncState;
  message: string | null;
  lastSyncedAt: string | null;
}

let status: SyncStatus = { pending: 0, failed: 0, state: 'idle', message: null, lastSyncedAt: null };
const listeners = new Set<() => void>();
const set = (s: Partial<SyncStatus>) => {
  status = { ...status, ...s };
  for (const l of listeners) l();
};
const afterSend = new Set<(e: OutboxEntry, result: unknown) => void | Promise<void>>();

/** Called after an entry was accepted (e.g. to drop the downloaded paper once its submission is in). */
export function onSent(fn: (e: OutboxEntry, result: unknown) => void | Promise<void>) {
  afterSend.add(fn);
  return () => afterSend.delete(fn);
}

export const outboxEntries = async () => (await idbAll('outbox')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));

async function refreshCounts() {
  const all = await outboxEntries().catch(() => [] as OutboxEntry[]);
  set({ pending: all.filter((e) => !e.error).length, failed: all.filter((e) => e.error).length });
  return all;
}

export async function enqueue(e: Omit<OutboxEntry, 'key' | 'createdAt' | 'error'>): Promise<OutboxEntry> {
  const entry: OutboxEntry = { ...e, key: uuid(), createdAt: new Date().toISOString(), error: null };
  await idbPut('outbox', entry);
  await refreshCounts();
  void syncNow();
  return entry;
}

class Offline extends Error {}

async function post(entry: OutboxEntry, retried = false): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': entry.key };
  const csrf = getCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(entry.url, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify({ ...entry.body, sentAt: new Date().toISOString() }),
    });
  } catch {
    throw new Offline();
  }
  if (res.status === 403 && !retried) {
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { code?: string } | null;
    // The CSRF token lives in memory; after a reload it comes back from /me (api() stores it).
    if (body?.code === 'CSRF') {
      await api('/api/v1/me', { noAuthRedirect: true }).catch(() => undefined);
      return post(entry, true);
    }
  }
  return res;
}

let running: Promise<void> | null = null;

/** Sends every waiting entry in order; stops at the first network failure (still offline). */
export function syncNow(): Promise<void> {
  if (running) return running;
  running = (async () => {
    try {
      const all = (await refreshCounts()).filter((e) => !e.error);
      if (all.length === 0) {
        set({ state: status.failed ? 'error' : 'idle' });
        return;
      }
      if (!navigator.onLine) {
        set({ state: 'offline' });
        return;
      }
      set({ state: 'syncing', message: null });
      for (const e of all) {
        let res: Response;
        try {
          res = await post(e);
        } catch {
          set({ state: 'offline' });
          return;
        }
        if (res.ok) {
          const result = await res.json().catch(() => null);
          await idbDelete('outbox', e.key);
          for (const fn of afterSend) await fn(e, result);
        } else if (res.status >= 500 || res.status === 401 || res.status === 429) {
          // Server trouble or signed out: keep it as it is and try again later (after logging in).
          const body = (await res.json().catch(() => null)) as { message?: string } | null;
          set({ state: 'error', message: body?.message ?? `HTTP ${res.status}` });
          await refreshCounts();
          return;
        } else {
          // A refusal (e.g. the exam closed, a forged set): nothing was counted; keep it with the message.
          const body = (await res.json().catch(() => null)) as { message?: string } | null;
          await idbPut('outbox', { ...e, error: body?.message ?? `HTTP ${res.status}` });
        }
        await refreshCounts();
      }
      set({ state: status.failed ? 'error' : 'idle', lastSyncedAt: new Date().toISOString() });
    } finally {
      running = null;
    }
  })();
  return running;
}

/** 重试: a refused entry goes back into the queue (same key: the server still counts it once). */
export async function retryEntry(e: OutboxEntry) {
  await idbPut('outbox', { ...e, error: null });
  await syncNow();
}
export async function discardEntry(e: OutboxEntry) {
  await idbDelete('outbox', e.key);
  await refreshCounts();
  set({ state: status.failed ? 'error' : 'idle' });
}

let started = false;
/** Starts automatic sync: on app start, on every `online` event, and every 30 s while entries wait. */
export function startOutbox() {
  if (started || typeof indexedDB === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void syncNow());
  window.addEventListener('offline', () => set({ state: 'offline' }));
  window.setInterval(() => {
    if (status.pending > 0) void syncNow();
  }, 30_000);
  // At start, only a phone that has stored something has anything to send: opening the store would
  // create it (an empty store on the sign-in page right after a logout deleted it).
  void storeExists().then((exists) => (exists ? syncNow() : undefined));
}

export function useSyncStatus(): SyncStatus {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => status,
  );
}

/** navigator.onLine, kept current by the online/offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('online', l);
      window.addEventListener('offline', l);
      return () => {
        window.removeEventListener('online', l);
        window.removeEventListener('offline', l);
      };
    },
    () => navigator.onLine,
  );
}
