import pg from 'pg';
import { type Db, onDbEnd } from '../db/client.js';

/** The channel the triggers of migration 0017 notify, with the table's name, when a change to it commits. */
const CHANGE_CHANNEL = 'vg_change';

/**
 * Reads kept in this process's memory, exact because they are forgotten whenever what they were
 * read from may have changed:
 *  - after this process has handled a request that may write (`forgetAll`, from the access hook,
 *    before the answer leaves), so a logout, a grant or a confirmed payment holds on the very next
 *    request;
 *  - when any process commits a change to a table a cache reads (NOTIFY vg_change from the
 *    triggers of migration 0017; this process LISTENs on a connection of its own);
 *  - after `ttlMs` in any case;
 * and nothing is kept while the LISTEN connection is down. A read that was under way when its
 * cache forgot is not kept (the generation), and concurrent requests for one key share one read.
 */
export class ChangeFeed {
  private readonly caches = new Set<ReadCache<unknown>>();
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly connectionString: string) {}

  get active(): boolean {
    return this.listening;
  }

  cache<T>(opts: { tables: readonly string[]; ttlMs: number; max?: number }): ReadCache<T> {
    const cache = new ReadCache<T>(this, opts.tables, opts.ttlMs, opts.max ?? 10_000);
    this.caches.add(cache as ReadCache<unknown>);
    return cache;
  }

  /** After a request that may have written. */
  forgetAll(): void {
    for (const c of this.caches) c.forget();
  }

  /**
   * Starts listening (the app does, before its first request, unless READ_CACHE=false), and keeps
   * at it: a lost or refused connection is tried again a second later. Until then nothing is kept.
   */
  async listen(): Promise<void> {
    if (this.closed || this.listener) return;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'vanguard-listen' });
    const lost = () => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = null;
      this.forgetAll();
      client.end().catch(() => {});
      if (!this.closed) this.retry = setTimeout(() => void this.listen(), 1_000);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      for (const c of this.caches) if (n.payload && c.tables.has(n.payload)) c.forget();
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch {
      lost();
      return;
    }
    if (this.listener !== client) return;
    this.forgetAll();
    this.listening = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listening = false;
    this.listener = null;
    this.forgetAll();
    await client?.end().catch(() => {});
  }
}

export class ReadCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();
  private readonly loading = new Map<string, { generation: number; value: Promise<T | null> }>();
  private generation = 0;
  readonly tables: ReadonlySet<string>;

  constructor(
    private readonly feed: ChangeFeed,
    tables: readonly string[],
    private readonly ttlMs: number,
    private readonly max: number,
  ) {
    this.tables = new Set(tables);
  }

  /**
   * The kept read of `key`, or `load()`'s; a null result is not kept. While the feed listens,
   * callers asking for a key that is being read join that read (after a forget, the requests in
   * flight would otherwise all read at once); a joined read that found nothing is read again by
   * each (a null may be the first reader's scope, not the data).
   */
  async get(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const t = performance.now();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) return hit.value;
    const generation = this.generation;
    // Not while the feed is down (READ_CACHE=false among others): then every request reads for itself.
    const joined = new Set<object>();
    for (
      let pending = this.feed.active ? this.loading.get(key) : undefined;
      pending && pending.generation === generation && !joined.has(pending);
      pending = this.loading.get(key)
    ) {
      joined.add(pending);
      const shared = await pending.value;
      if (shared !== null) return shared;
    }
    const loading = load();
    const entry = { generation, value: loading.catch(() => null) };
    this.loading.set(key, entry);
    try {
      const value = await loading;
      if (value !== null && this.feed.active && generation === this.generation) {
        if (this.entries.size >= this.max) this.entries.clear();
        this.entries.set(key, { at: t, value });
      } else {
        this.entries.delete(key);
      }
      return value;
    } finally {
      if (this.loading.get(key) === entry) this.loading.delete(key);
    }
  }

  drop(key: string): void {
    this.entries.delete(key);
  }

  forget(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }
}

const feeds = new WeakMap<Db, ChangeFeed>();

/** The database handle's change feed, made on first use and closed with the handle; it listens once told to. */
export function changeFeedOf(db: Db): ChangeFeed {
  let feed = feeds.get(db);
  if (!feed) {
    const created = new ChangeFeed(db.$client.options.connectionString ?? '');
    feeds.set(db, created);
    onDbEnd(db, () => created.close());
    feed = created;
  }
  return feed;
}

/** One cache per database handle (as `preparedOn` builds one statement per handle). */
export function readCacheOn<T>(opts: { tables: readonly string[]; ttlMs: number; max?: number }): (db: Db) => ReadCache<T> {
  const made = new WeakMap<Db, ReadCache<T>>();
  return (db) => {
    let cache = made.get(db);
    if (!cache) {
      cache = changeFeedOf(db).cache<T>(opts);
      made.set(db, cache);
    }
    return cache;
  };
}
