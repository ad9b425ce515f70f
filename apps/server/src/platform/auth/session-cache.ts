import pg from 'pg';

/** The channel the triggers of migration 0017 notify on a committed change to sessions, users, role grants or orgs. */
export const AUTH_CHANNEL = 'vg_auth';

/**
 * The session lookups of the last two seconds, by session id: the several API calls a page makes at
 * once, or a treasurer paging through a ledger, read their session once instead of once each. The
 * lookups are forgotten, all at once:
 *  - when this process has handled a request that may write (`forget`, before its answer leaves), so
 *    a logout, a sign-in step or a grant takes effect on the very next request;
 *  - when any process commits a change to what a lookup returns (NOTIFY vg_auth, which this process
 *    LISTENs to on a connection of its own);
 *  - and nothing is kept while that connection is down.
 * A lookup that was under way when they were forgotten is not kept (the generation). Expiry and the
 * idle timeout are still decided on every request, against the clock.
 */
export class SessionCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();
  private generation = 0;
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly ttlMs = 2_000,
    private readonly max = 10_000,
  ) {}

  /** The cached lookup of `id`, or `load()`'s; a null result is not kept. */
  async get(id: string, load: () => Promise<T | null>): Promise<T | null> {
    const t = performance.now();
    const hit = this.entries.get(id);
    if (hit && t - hit.at < this.ttlMs) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (value !== null && this.listening && generation === this.generation) {
      if (this.entries.size >= this.max) this.entries.clear();
      this.entries.set(id, { at: t, value });
    } else {
      this.entries.delete(id);
    }
    return value;
  }

  drop(id: string): void {
    this.entries.delete(id);
  }

  forget(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Starts listening, and keeps at it: a lost or refused connection is tried again a second later. */
  async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'vanguard-listen' });
    const lost = () => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = null;
      this.forget();
      client.end().catch(() => {});
      if (!this.closed) this.retry = setTimeout(() => void this.listen().catch(() => {}), 1_000);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.forget());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
    } catch {
      lost();
      return;
    }
    if (this.listener !== client) return;
    this.forget();
    this.listening = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listening = false;
    this.listener = null;
    this.forget();
    await client?.end().catch(() => {});
  }

  /** For tests: whether lookups are being kept. */
  get active(): boolean {
    return this.listening;
  }
}
