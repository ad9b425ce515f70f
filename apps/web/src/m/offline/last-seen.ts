import { onlineManager, type Query, type QueryClient } from '@tanstack/react-query';
import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import { isApiError } from '../../api/client';

/*
 * The last-seen pages: the phone keeps the last answer of every query it showed (IndexedDB `vg-cache`,
 * one record per query key with the time it was fetched), so that opened without signal — a cold start
 * underground included — each page seen before shows what it showed then, marked 离线数据，更新于….
 * The session check is one of them: the cached /me lets a phone whose session was valid open its pages
 * offline instead of being sent to the login page; with signal the server decides (a 401 still logs out).
 *
 * Copies are put into the query cache only when the phone is offline (at start without signal, or the
 * first request that finds no network): with signal, pages show only fresh answers, as before.
 * Personal: deleted on logout and when another login claims the phone (db.ts clearOfflineData).
 */
interface Seen {
  hash: string;
  queryKey: readonly unknown[];
  data: unknown;
  /** When the server gave this answer (epoch ms). */
  updatedAt: number;
}
interface CacheSchema extends DBSchema {
  queries: { key: string; value: Seen };
}
const DB_NAME = 'vg-cache';
/** A copy older than this is not shown (nor kept). */
const MAX_AGE_MS = 30 * 24 * 3600_000;

let opening: Promise<IDBPDatabase<CacheSchema>> | null = null;
const open = () => {
  opening ??= openDB<CacheSchema>(DB_NAME, 1, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('queries', { keyPath: 'hash' });
    },
    blocking() {
      void opening?.then((db) => db.close());
      opening = null;
    },
    terminated() {
      opening = null;
    },
  }).catch((e) => {
    opening = null;
    throw e;
  });
  return opening;
};

/** Local reads of the offline store itself are not copied (their data is on the phone already). */
const keeps = (q: Query) => q.queryKey[0] !== 'offline' && q.meta?.lastSeen !== false;

let keeping = true;

/** Deletes the copies and stops keeping new ones until the next start (logout, another login). */
export async function clearLastSeen(): Promise<void> {
  keeping = false;
  restored = null;
  if (opening) {
    (await opening.catch(() => null))?.close();
    opening = null;
  }
  await deleteDB(DB_NAME).catch(() => undefined);
}

let restored: Promise<void> | null = null;

/** Puts the kept copies into the query cache, for queries that hold nothing newer. Once per start. */
function restore(qc: QueryClient): Promise<void> {
  restored ??= (async () => {
    if (typeof indexedDB.databases === 'function' && !(await indexedDB.databases()).some((d) => d.name === DB_NAME)) return;
    const db = await open();
    const oldest = Date.now() - MAX_AGE_MS;
    for (const s of await db.getAll('queries')) {
      if (s.updatedAt < oldest) {
        await db.delete('queries', s.hash);
        continue;
      }
      const q = qc.getQueryCache().get(s.hash);
      if (q && q.state.data !== undefined && q.state.dataUpdatedAt >= s.updatedAt) continue;
      qc.setQueryData(s.queryKey, s.data, { updatedAt: s.updatedAt });
    }
  })().catch(() => undefined);
  return restored;
}

let probing: number | undefined;
/** Without signal, asks the server every 10 s (a phone may report a network that reaches nothing). */
function probe() {
  if (probing !== undefined) return;
  probing = window.setInterval(async () => {
    if (!navigator.onLine) return; // the `online` event will say when
    const ok = await fetch('/api/health', { cache: 'no-store', signal: AbortSignal.timeout(5000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) onlineManager.setOnline(true);
  }, 10_000);
}

/** A request found no network: the phone is offline from here until the network answers again. */
export function noSignal(): void {
  onlineManager.setOnline(false);
}

/**
 * Starts the phone's offline behaviour on its query client: keeps a copy of each answer, goes offline
 * (and shows the copies) at start without signal or when a request finds none, back online on the
 * `online` event or when the server answers a probe. While offline a query is tried once and then
 * waits (networkMode offlineFirst) instead of failing; mutations always run (a page queues what it can).
 */
export function startLastSeen(qc: QueryClient): void {
  const defaults = qc.getDefaultOptions();
  const retry = defaults.queries?.retry;
  qc.setDefaultOptions({
    ...defaults,
    queries: {
      ...defaults.queries,
      networkMode: 'offlineFirst',
      retry: (failures, err) => {
        if (isApiError(err) && err.code === 'NETWORK') {
          noSignal();
          return failures < 2;
        }
        return typeof retry === 'function' ? retry(failures, err) : failures < 1;
      },
    },
    mutations: { ...defaults.mutations, networkMode: 'always' },
  });
  qc.getQueryCache().subscribe((ev) => {
    // Answers from the server only (a restored copy or a page's own setQueryData is `manual`).
    if (!keeping || ev.type !== 'updated' || ev.action.type !== 'success' || ev.action.manual) return;
    const q = ev.query;
    if (!keeps(q) || q.state.data === undefined) return;
    // The CSRF token (in /me) lives only in memory, never in storage: the client fetches it again.
    const data = q.state.data;
    const kept = typeof data === 'object' && data !== null && 'csrfToken' in data ? { ...data, csrfToken: undefined } : data;
    const seen: Seen = { hash: q.queryHash, queryKey: q.queryKey, data: kept, updatedAt: q.state.dataUpdatedAt };
    void open()
      .then((db) => db.put('queries', seen))
      .catch(() => undefined); // not cloneable, or storage full: that page is simply not kept
  });
  onlineManager.subscribe((online) => {
    if (online) {
      window.clearInterval(probing);
      probing = undefined;
    } else {
      void restore(qc);
      probe();
    }
  });
  if (!navigator.onLine) noSignal();
}
