import { describe, expect, it } from 'vitest';
import { type ExamEditable, examEditProblems } from './exam-edit.rules.js';

const T = (s: string) => new Date(`2026-03-${s}+08:00`);
const exam = (o: Partial<ExamEditable & { status: string }> = {}) => ({
  title: '安全考试',
  description: null,
  opensAt: T('05T09:00:00'),
  closesAt: T('12T18:00:00'),
  timeLimitMinutes: 30,
  maxAttempts: 1,
  gradingPolicy: 'highest',
  reviewRule: 'immediately',
  passScore: 60,
  shuffleOptions: true,
  offlineAllowed: false,
  status: 'published',
  ...o,
});

describe('examEditProblems (before it opens everything; with attempts only title and close time; closed only the title)', () => {
  it.each<[string, ReturnType<typeof exam>, number, Partial<ExamEditable>, string, string[]]>([
    [
      'before it opens: limit, policy and opening',
      exam(),
      0,
      { timeLimitMinutes: 45, gradingPolicy: 'last', opensAt: T('06T09:00:00') },
      '02T09:00:00',
      [],
    ],
    ['draft: anything', exam({ status: 'draft' }), 0, { offlineAllowed: true, maxAttempts: 3 }, '06T09:00:00', []],
    ['open, nobody started: the limit', exam(), 0, { timeLimitMinutes: 40 }, '06T09:00:00', []],
    ['open, nobody started: not the opening', exam(), 0, { opensAt: T('07T09:00:00') }, '06T09:00:00', ['opensAt']],
    ['with attempts: title and close time', exam(), 3, { title: '安全考试（补考）', closesAt: T('14T18:00:00') }, '06T09:00:00', []],
    ['with attempts: not the limit', exam(), 3, { timeLimitMinutes: 60 }, '06T09:00:00', ['timeLimitMinutes']],
    [
      'with attempts: not the pass score nor the policy',
      exam(),
      1,
      { passScore: 50, gradingPolicy: 'average' },
      '06T09:00:00',
      ['gradingPolicy', 'passScore'],
    ],
    ['with attempts: unchanged values are no change', exam(), 2, { timeLimitMinutes: 30, title: '新标题' }, '06T09:00:00', []],
    ['closed: the title only', exam(), 5, { title: '已结束的考试' }, '13T09:00:00', []],
    ['closed: not the close time', exam(), 5, { closesAt: T('20T18:00:00') }, '13T09:00:00', ['closesAt']],
    ['close before the opening', exam(), 0, { closesAt: T('04T18:00:00') }, '02T09:00:00', ['closesAt']],
    ['close in the past', exam(), 2, { closesAt: T('06T08:00:00') }, '06T09:00:00', ['closesAt']],
  ])('%s', (_n, e, attempts, change, now, paths) => {
    expect(examEditProblems(e, attempts, change, T(now)).map((p) => p.path)).toEqual(paths);
  });
  it('names the reason in Chinese', () => {
    expect(examEditProblems(exam(), 3, { timeLimitMinutes: 60 }, T('06T09:00:00'))[0].message).toBe(
      '已有 3 份答卷，只能修改标题和结束时间',
    );
  });
});
