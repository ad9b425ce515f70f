import { describe, expect, it } from 'vitest';
import { creditOfflineStudy, judgeOfflineSubmission, type OfflineSubmissionInput, offlineAnsweredAt } from './offline-rules.js';

const T = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}+08:00`);

/** Server: started 09:00, 30-minute limit → deadline 09:30, exam closes 12:00. Phone clock 5 minutes slow unless said. */
const base = (over: Partial<OfflineSubmissionInput> = {}, slowMinutes = 5): OfflineSubmissionInput => {
  const phone = (hhmmss: string) => new Date(T(hhmmss).getTime() - slowMinutes * 60_000);
  return {
    now: T('10:00:00'),
    exam: { closesAt: T('12:00:00'), offlineAllowed: true },
    attempt: { startedAt: T('09:00:00'), deadlineAt: T('09:30:00'), questionIds: [11, 12, 13] },
    finishedAt: phone('09:25:00'),
    sentAt: phone('10:00:00'),
    answers: [
      { questionId: 11, answeredAt: phone('09:05:00') },
      { questionId: 12, answeredAt: phone('09:20:00') },
    ],
    ...over,
  };
};
const phoneSlow = (hhmmss: string, slowMinutes = 5) => new Date(T(hhmmss).getTime() - slowMinutes * 60_000);

describe('judgeOfflineSubmission (server start + limit decides; phone times converted by the skew on arrival)', () => {
  it.each<[string, OfflineSubmissionInput, string]>([
    ['within the limit, phone 5 min slow', base(), 'ok'],
    ['within the limit, phone 2 h fast', base({}, -120), 'ok'],
    ['finish exactly at the deadline', base({ finishedAt: phoneSlow('09:30:00') }), 'ok'],
    ['finish 29 s after the deadline (tolerance)', base({ finishedAt: phoneSlow('09:30:29') }), 'ok'],
    ['finish 31 s after the deadline', base({ finishedAt: phoneSlow('09:30:31') }), 'late'],
    ['finish an hour after the deadline', base({ finishedAt: phoneSlow('10:30:00'), sentAt: phoneSlow('10:30:00') }), 'late'],
    ['arrives one second before the close', base({ now: T('11:59:59'), sentAt: phoneSlow('11:59:59') }), 'ok'],
    ['arrives at the close', base({ now: T('12:00:00') }), 'closed'],
    ['arrives after the close', base({ now: T('13:00:00') }), 'closed'],
    ['exam not offline-allowed', base({ exam: { closesAt: T('12:00:00'), offlineAllowed: false } }), 'not_offline'],
    ['answer to a question not in the attempt', base({ answers: [{ questionId: 99, answeredAt: phoneSlow('09:05:00') }] }), 'forged'],
    [
      'the same question twice',
      base({
        answers: [
          { questionId: 11, answeredAt: phoneSlow('09:05:00') },
          { questionId: 11, answeredAt: phoneSlow('09:06:00') },
        ],
      }),
      'duplicate',
    ],
    ['finish before the start', base({ finishedAt: phoneSlow('08:50:00') }), 'before_start'],
    ['finish after the send', base({ finishedAt: phoneSlow('10:05:00') }), 'future'],
  ])('%s → %s', (_n, input, expected) => {
    const out = judgeOfflineSubmission(input);
    expect(out.ok ? 'ok' : out.code).toBe(expected);
  });

  it('cuts answers recorded after the limit or after the finish, keeps the rest, grades as of the finish', () => {
    const out = judgeOfflineSubmission(
      base({
        finishedAt: phoneSlow('09:29:00'),
        answers: [
          { questionId: 11, answeredAt: phoneSlow('09:10:00') },
          { questionId: 12, answeredAt: phoneSlow('09:29:20') }, // within the tolerance after finish
          { questionId: 13, answeredAt: phoneSlow('09:45:00') }, // after the limit: cut
        ],
      }),
    );
    expect(out).toMatchObject({ ok: true, keep: [11, 12], cut: [13] });
    if (out.ok) expect(out.finishAt.toISOString()).toBe(T('09:29:00').toISOString());
  });

  it('an answer without a recorded time is cut; a finish within tolerance past the deadline grades as of the deadline', () => {
    const out = judgeOfflineSubmission(base({ finishedAt: phoneSlow('09:30:20'), answers: [{ questionId: 11, answeredAt: null }] }));
    expect(out).toMatchObject({ ok: true, keep: [], cut: [11] });
    if (out.ok) expect(out.finishAt.toISOString()).toBe(T('09:30:00').toISOString());
  });

  it('offlineAnsweredAt converts and clamps into [start, finish]', () => {
    const sent = phoneSlow('10:00:00');
    expect(offlineAnsweredAt(phoneSlow('09:10:00'), sent, T('10:00:00'), T('09:00:00'), T('09:25:00')).toISOString()).toBe(
      T('09:10:00').toISOString(),
    );
    expect(offlineAnsweredAt(phoneSlow('08:00:00'), sent, T('10:00:00'), T('09:00:00'), T('09:25:00')).toISOString()).toBe(
      T('09:00:00').toISOString(),
    );
  });
});

describe('creditOfflineStudy (capped by active time, span, chunk maximum and the course minimum)', () => {
  const now = T('20:00:00');
  const article = { kind: 'article' as const, requiredSeconds: 600 };
  it.each<[string, Partial<Parameters<typeof creditOfflineStudy>[0]>, string, number]>([
    ['5 active minutes of a 10-minute article', {}, 'credited', 300],
    ['active more than the span', { activeSeconds: 900 }, 'capped', 420],
    ['already 500 s credited: only 100 s left', { creditedSeconds: 500 }, 'capped', 100],
    ['course already complete', { creditedSeconds: 600 }, 'course_complete', 0],
    ['video is not credited offline', { course: { kind: 'video', requiredSeconds: null } }, 'not_offline_kind', 0],
    [
      'a 20-minute chunk is capped at 10 minutes',
      { endedAt: T('09:20:00'), activeSeconds: 1200, course: { kind: 'pdf', requiredSeconds: 3600 } },
      'capped',
      600,
    ],
    [
      'studied 31 days ago',
      { now: new Date(T('09:07:00').getTime() + 31 * 86_400_000), sentAt: new Date(T('09:07:00').getTime() + 31 * 86_400_000) },
      'stale',
      0,
    ],
    ['background tab: the phone counted 0 active seconds', { activeSeconds: 0 }, 'credited', 0],
    ['ends before it starts', { endedAt: T('08:59:00') }, 'invalid', 0],
    ['ends after the send', { sentAt: T('09:05:00') }, 'future', 0],
  ])('%s → %s %d', (_n, over, reason, seconds) => {
    const out = creditOfflineStudy({
      now,
      startedAt: T('09:00:00'),
      endedAt: T('09:07:00'),
      sentAt: T('20:00:00'),
      activeSeconds: 300,
      course: article,
      creditedSeconds: 0,
      ...over,
    });
    expect(out.ok ? out.reason : out.code).toBe(reason);
    expect(out.ok ? out.creditedSeconds : 0).toBe(seconds);
  });
});
