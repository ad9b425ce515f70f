import { describe, expect, it } from 'vitest';
import {
  courseShare,
  creditHeartbeat,
  isCourseComplete,
  minReadingSeconds,
  parseRange,
  planPersonStatus,
  CURRENT_COURSE_RULESET as R,
  readableLength,
  type StudyState,
  yearlyTargetHours,
} from './courses-rules.js';

const S = 1000;
const fresh: StudyState = { sessionLastBeatAt: null, memberCreditedUntil: null, lastPosition: null };

/** Runs beats through the rule in arrival order; each beat names its session. Returns total credited. */
function run(beats: { s: string; at: number; key?: string; clientTime?: number; position?: number }[]) {
  const sessions = new Map<string, StudyState>();
  const keys = new Set<string>();
  let memberUntil: number | null = null;
  let credited = 0;
  let watched = 0;
  for (const b of beats) {
    const st = sessions.get(b.s) ?? fresh;
    const key = b.key ?? `${b.s}-${b.at}`;
    const out = creditHeartbeat(
      { ...st, memberCreditedUntil: memberUntil },
      { at: b.at, clientTime: b.clientTime ?? b.at, replayed: keys.has(key), position: b.position ?? null },
    );
    keys.add(key);
    if (out.accepted) {
      sessions.set(b.s, out.next);
      memberUntil = out.next.memberCreditedUntil;
    }
    credited += out.creditedSeconds;
    watched += out.watchedSeconds;
  }
  return { credited, watched };
}

describe('minimum reading time (300 characters a minute)', () => {
  it.each([
    [0, 5],
    [10, 5],
    [25, 5],
    [26, 6],
    [300, 60],
    [301, 61],
    [1500, 300],
  ])('%i characters → %i s', (chars, seconds) => {
    expect(minReadingSeconds(chars, R)).toBe(seconds);
  });

  it('counts text, not tags or white space', () => {
    expect(readableLength('<p>安全 生产</p>\n<img src="/x.png"><b>第一</b>')).toBe(6);
    expect(readableLength('a&amp;b')).toBe(3);
  });
});

describe('credited time from heartbeats', () => {
  it('a session of beats every 15 s credits the elapsed time after the first', () => {
    expect(run([0, 15, 30, 45].map((t) => ({ s: 'a', at: t * S }))).credited).toBe(45);
  });

  it('the first beat only starts the clock', () => {
    expect(run([{ s: 'a', at: 0 }]).credited).toBe(0);
  });

  it('background tab: no beats for 10 minutes, then a beat → the gap is not credited', () => {
    expect(run([0, 15, 615, 630].map((t) => ({ s: 'a', at: t * S }))).credited).toBe(15 + 15);
  });

  it.each([
    [40, 40],
    [41, 0],
  ])('a gap of %i s (max 40) credits %i s', (gap, credited) => {
    expect(
      run([
        { s: 'a', at: 0 },
        { s: 'a', at: gap * S },
      ]).credited,
    ).toBe(credited);
  });

  it('a replayed key counts once', () => {
    const beats = [
      { s: 'a', at: 0, key: 'k0' },
      { s: 'a', at: 15 * S, key: 'k1' },
      { s: 'a', at: 16 * S, key: 'k1' },
      { s: 'a', at: 30 * S, key: 'k2' },
    ];
    expect(run(beats).credited).toBe(30);
    const out = creditHeartbeat(fresh, { at: 0, clientTime: 0, replayed: true });
    expect(out).toMatchObject({ accepted: false, reason: 'replayed', creditedSeconds: 0 });
  });

  it('two tabs sending together never exceed wall-clock time', () => {
    const beats: { s: string; at: number }[] = [];
    for (let t = 0; t <= 300; t += 15) {
      beats.push({ s: 'a', at: t * S });
      beats.push({ s: 'b', at: (t + 5) * S });
    }
    const { credited } = run(beats);
    expect(credited).toBeLessThanOrEqual(305);
    expect(credited).toBeGreaterThanOrEqual(290);
  });

  it('three tabs at the same instant credit the instant once', () => {
    const beats = [0, 15].flatMap((t) => ['a', 'b', 'c'].map((s) => ({ s, at: t * S })));
    expect(run(beats).credited).toBe(15);
  });

  it.each([
    [30, true],
    [31, false],
  ])('a beat whose client time is %i s ahead is accepted: %s', (ahead, accepted) => {
    const out = creditHeartbeat(fresh, { at: 0, clientTime: ahead * S, replayed: false });
    expect(out.accepted).toBe(accepted);
  });

  it('a beat older than the session’s last restarts the clock and credits nothing', () => {
    expect(
      run([
        { s: 'a', at: 30 * S },
        { s: 'a', at: 15 * S },
      ]).credited,
    ).toBe(0);
  });
});

describe('video watched share', () => {
  const video = { kind: 'video' as const, textLength: 0, durationSeconds: 100, minSeconds: null };

  it('playing straight through counts the positions', () => {
    const beats = [0, 15, 30, 45, 60, 75, 90].map((t) => ({ s: 'a', at: t * S, position: t }));
    expect(run(beats).watched).toBe(90);
  });

  it('seeking to the end does not count', () => {
    const beats = [
      { s: 'a', at: 0, position: 0 },
      { s: 'a', at: 15 * S, position: 15 },
      { s: 'a', at: 30 * S, position: 99 },
    ];
    expect(run(beats).watched).toBe(15);
  });

  it('double speed is honoured, triple is a seek', () => {
    expect(
      run([
        { s: 'a', at: 0, position: 0 },
        { s: 'a', at: 15 * S, position: 30 },
      ]).watched,
    ).toBe(30);
    expect(
      run([
        { s: 'a', at: 0, position: 0 },
        { s: 'a', at: 15 * S, position: 45 },
      ]).watched,
    ).toBe(0);
  });

  it.each([
    [89, false],
    [90, true],
    [100, true],
  ])('watched %i of 100 s → complete %s (≥ 90 %%)', (watched, done) => {
    expect(isCourseComplete(video, { creditedSeconds: 1000, watchedSeconds: watched }, R)).toBe(done);
  });

  it('a video without a duration never completes', () => {
    expect(isCourseComplete({ ...video, durationSeconds: null }, { creditedSeconds: 999, watchedSeconds: 999 }, R)).toBe(false);
  });
});

describe('article and PDF completion', () => {
  const article = { kind: 'article' as const, textLength: 600, durationSeconds: null, minSeconds: null };
  it.each([
    [119, false],
    [120, true],
  ])('600 characters, %i s credited → complete %s', (s, done) => {
    expect(isCourseComplete(article, { creditedSeconds: s, watchedSeconds: 0 }, R)).toBe(done);
  });
  it('a PDF without its own minimum needs the default 300 s', () => {
    const pdf = { kind: 'pdf' as const, textLength: 0, durationSeconds: null, minSeconds: null };
    expect(isCourseComplete(pdf, { creditedSeconds: 299, watchedSeconds: 0 }, R)).toBe(false);
    expect(courseShare(pdf, { creditedSeconds: 150, watchedSeconds: 0 }, R)).toBe(0.5);
  });
});

describe('plans and yearly hours', () => {
  it.each([
    [3, 3, '2026-06-30', '2026-07-01', 'done'],
    [2, 3, '2026-06-30', '2026-06-30', 'in_progress'],
    [0, 3, '2026-06-30', '2026-06-30', 'not_started'],
    [2, 3, '2026-06-30', '2026-07-01', 'overdue'],
  ] as const)('%i of %i due %s on %s → %s', (done, total, due, today, status) => {
    expect(planPersonStatus(done, total, due, today)).toBe(status);
  });
  it('32 h for members, 56 h for secretaries and committee members', () => {
    expect(yearlyTargetHours(false, R)).toBe(32);
    expect(yearlyTargetHours(true, R)).toBe(56);
  });
});

describe('HTTP ranges', () => {
  it.each([
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=900-', 1000, { start: 900, end: 999 }],
    ['bytes=-100', 1000, { start: 900, end: 999 }],
    ['bytes=500-5000', 1000, { start: 500, end: 999 }],
    ['bytes=1000-', 1000, 'invalid'],
    ['bytes=5-2', 1000, 'invalid'],
    ['items=0-1', 1000, 'invalid'],
    ['bytes=-', 1000, 'invalid'],
    [undefined, 1000, null],
  ] as const)('%s of %i → %j', (header, size, out) => {
    expect(parseRange(header, size)).toEqual(out);
  });
});
