import type { RankedPlayer } from '@vanguard/shared';
import type { DbOrTx } from '../../db/client.js';
import { buildState } from './board.js';

/** One open Server-Sent Events stream: a phone (with its player id) or a host screen. */
export interface Subscriber {
  playerId: number | null;
  write(chunk: string): void;
  end(): void;
}

interface Deps {
  db: DbOrTx;
  now: () => Date;
}

interface Room {
  subs: Set<Subscriber>;
  dirty: boolean;
  running: boolean;
  /** The countdown end already scheduled for a broadcast. */
  timer: NodeJS.Timeout | null;
  timerAt: number;
}

/** The phone's own row, or null before its first answer is counted. */
const meOf = (ranking: Map<number, RankedPlayer>, playerId: number | null) => (playerId ? (ranking.get(playerId) ?? null) : null);

/**
 * In-memory fan-out of a competition's state to its open streams. The state itself is always
 * rebuilt from PostgreSQL (answers are rows), so a restarted server, or a phone reconnecting,
 * simply gets the current state. Changes are coalesced: however many answers arrive, the state
 * is rebuilt at most once per `minIntervalMs` and written to every stream (the shared part
 * serialized once; each phone's own rank appended).
 */
export class LiveHub {
  private rooms = new Map<number, Room>();
  private deps: Deps | null = null;
  private heartbeat: NodeJS.Timeout;

  constructor(
    private readonly minIntervalMs = 250,
    heartbeatMs = 15_000,
  ) {
    // A comment line keeps proxies and phones from dropping an idle stream.
    this.heartbeat = setInterval(() => this.ping(), heartbeatMs);
    this.heartbeat.unref();
  }

  bind(deps: Deps): void {
    this.deps ??= deps;
  }

  private room(id: number): Room {
    let r = this.rooms.get(id);
    if (!r) {
      r = { subs: new Set(), dirty: false, running: false, timer: null, timerAt: 0 };
      this.rooms.set(id, r);
    }
    return r;
  }

  /** Adds a stream and sends it the current state at once (a reconnect resumes from here). */
  async subscribe(id: number, sub: Subscriber): Promise<() => void> {
    const room = this.room(id);
    room.subs.add(sub);
    await this.sendTo(id, [sub]);
    return () => {
      room.subs.delete(sub);
      if (room.subs.size === 0 && !room.running && !room.timer) this.rooms.delete(id);
    };
  }

  /** Sends the current state to one stream without keeping it. */
  async snapshot(id: number, sub: Subscriber): Promise<void> {
    await this.sendTo(id, [sub]);
  }

  /** Something changed (an answer, a join, a push): rebuild and broadcast soon, coalescing bursts. */
  touch(id: number): void {
    const room = this.rooms.get(id);
    if (!room || room.subs.size === 0) return;
    room.dirty = true;
    if (!room.running) void this.drain(id, room);
  }

  /** Broadcasts again when a countdown ends (the right answer is then revealed). */
  at(id: number, when: Date): void {
    const room = this.room(id);
    const now = this.deps?.now() ?? new Date();
    if (room.timer && room.timerAt === when.getTime()) return;
    if (room.timer) clearTimeout(room.timer);
    room.timerAt = when.getTime();
    room.timer = setTimeout(
      () => {
        room.timer = null;
        this.touch(id);
      },
      Math.max(0, when.getTime() - now.getTime()) + 50,
    );
    room.timer.unref();
  }

  private async drain(id: number, room: Room): Promise<void> {
    room.running = true;
    try {
      while (room.dirty) {
        room.dirty = false;
        const started = Date.now();
        await this.sendTo(id, [...room.subs]);
        const wait = this.minIntervalMs - (Date.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    } finally {
      room.running = false;
    }
  }

  private async sendTo(id: number, subs: Subscriber[]): Promise<void> {
    if (!this.deps || subs.length === 0) return;
    let built: Awaited<ReturnType<typeof buildState>>;
    try {
      built = await buildState(this.deps.db, id, this.deps.now());
    } catch {
      return; // The next change (or the phone's reconnect) sends it again.
    }
    if (!built) {
      for (const s of subs) s.write('event: gone\ndata: {}\n\n');
      return;
    }
    const shared = JSON.stringify(built.state);
    for (const s of subs) {
      try {
        s.write(`event: state\ndata: {"state":${shared},"me":${JSON.stringify(meOf(built.ranking, s.playerId))}}\n\n`);
      } catch {
        // A broken stream is removed by its close handler.
      }
    }
  }

  private ping(): void {
    for (const room of this.rooms.values())
      for (const s of room.subs) {
        try {
          s.write(': ping\n\n');
        } catch {
          // Closed: its close handler removes it.
        }
      }
  }

  /** Open streams of a competition (the bench and tests read it). */
  count(id: number): number {
    return this.rooms.get(id)?.subs.size ?? 0;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const room of this.rooms.values()) {
      if (room.timer) clearTimeout(room.timer);
      for (const s of room.subs) s.end();
      room.subs.clear();
    }
    this.rooms.clear();
  }
}
