import { describe, expect, it } from 'vitest';
import {
  type AnalysisAttempt,
  attemptDeadline,
  autoGrade,
  type DrawRule,
  drawQuestions,
  finalScore,
  itemAnalysis,
  normalizeFill,
  type PoolQuestion,
  parseDifficulty,
  type QuestionContent,
  questionProblems,
  reviewOpen,
  seededRng,
  shuffle,
} from './learning-rules.js';

const opts = (n: number) => Array.from({ length: n }, (_, i) => ({ key: 'ABCDEF'[i], text: `选项${i + 1}` }));

describe('questionProblems: a question with no right option is refused', () => {
  it.each<[string, QuestionContent, string[]]>([
    ['single ok', { type: 'single', stem: '题', options: opts(4), answer: { keys: ['B'] } }, []],
    ['single without right option', { type: 'single', stem: '题', options: opts(4), answer: { keys: [] } }, ['answer']],
    ['single with two right', { type: 'single', stem: '题', options: opts(4), answer: { keys: ['A', 'B'] } }, ['answer']],
    ['right option not among options', { type: 'single', stem: '题', options: opts(2), answer: { keys: ['D'] } }, ['answer']],
    ['multiple with one right', { type: 'multiple', stem: '题', options: opts(4), answer: { keys: ['A'] } }, ['answer']],
    ['multiple ok', { type: 'multiple', stem: '题', options: opts(4), answer: { keys: ['A', 'C'] } }, []],
    ['one option only', { type: 'single', stem: '题', options: opts(1), answer: { keys: ['A'] } }, ['options']],
    ['empty stem', { type: 'judge', stem: ' ', options: [], answer: { keys: ['true'] } }, ['stem']],
    ['judge without answer', { type: 'judge', stem: '题', options: [], answer: { keys: [] } }, ['answer']],
    ['fill blank without alternative', { type: 'fill', stem: '题', options: [], answer: { blanks: [['三'], [' ']] } }, ['answer.blanks.1']],
    ['fill ok', { type: 'fill', stem: '题', options: [], answer: { blanks: [['三', '3']] } }, []],
    ['short ok', { type: 'short', stem: '题', options: [], answer: { reference: '要点' } }, []],
  ])('%s', (_name, q, paths) => {
    expect(questionProblems(q).map((p) => p.path)).toEqual(paths);
  });
});

describe('autoGrade', () => {
  const single: QuestionContent = { type: 'single', stem: '', options: opts(4), answer: { keys: ['B'] } };
  const multiple: QuestionContent = { type: 'multiple', stem: '', options: opts(4), answer: { keys: ['A', 'C'] } };
  const fill: QuestionContent = { type: 'fill', stem: '', options: [], answer: { blanks: [['三', '3', '叁'], ['安全第一']] } };
  it.each<[string, QuestionContent, Parameters<typeof autoGrade>[1], number | null]>([
    ['single right', single, { keys: ['B'] }, 2],
    ['single wrong', single, { keys: ['A'] }, 0],
    ['no answer', single, null, 0],
    ['multiple exact set (order free)', multiple, { keys: ['C', 'A'] }, 2],
    ['multiple missing one', multiple, { keys: ['A'] }, 0],
    ['multiple one too many', multiple, { keys: ['A', 'C', 'D'] }, 0],
    ['fill alternative, full-width and spaces', fill, { texts: ['３', ' 安全第一 '] }, 2],
    ['fill one blank wrong', fill, { texts: ['三', '安全'] }, 0],
    ['fill blank missing', fill, { texts: ['三'] }, 0],
    ['short is graded by hand', { type: 'short', stem: '', options: [], answer: { reference: '' } }, { texts: ['答'] }, null],
  ])('%s', (_n, q, r, points) => {
    expect(autoGrade(q, r, 2)?.points ?? null).toBe(points);
  });
  it('normalizes fill answers', () => {
    expect(normalizeFill('  ＡＢＣ　 d ')).toBe('abc d');
  });
  it('parses difficulty as 1–3 or 易/中/难', () => {
    expect(['1', 2, '易', '中', '难', '4', '', null].map(parseDifficulty)).toEqual([1, 2, 1, 2, 3, null, null, null]);
  });
});

describe('drawQuestions', () => {
  // 党史: 4 easy, 3 medium, 2 hard (ids 1–9); 安全生产: 5 medium (ids 11–15).
  const pool: PoolQuestion[] = [
    ...[1, 2, 3, 4].map((id) => ({ id, category: '党史', difficulty: 1 })),
    ...[5, 6, 7].map((id) => ({ id, category: '党史', difficulty: 2 })),
    ...[8, 9].map((id) => ({ id, category: '党史', difficulty: 3 })),
    ...[11, 12, 13, 14, 15].map((id) => ({ id, category: '安全生产', difficulty: 2 })),
  ];
  const rules: DrawRule[] = [
    { category: '党史', difficulty: null, count: 4, points: 2 },
    { category: '党史', difficulty: 3, count: 2, points: 5 },
    { category: '安全生产', difficulty: 2, count: 3, points: 3 },
  ];

  it('respects the counts per category and difficulty and never repeats a question, for many seeds', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const res = drawQuestions(pool, rules, seededRng(seed));
      if (!res.ok) throw new Error('short');
      const ids = res.items.map((i) => i.questionId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(9);
      const of = (rule: number) => res.items.filter((i) => i.rule === rule).map((i) => pool.find((q) => q.id === i.questionId));
      expect(of(0).every((q) => q?.category === '党史')).toBe(true);
      expect(of(0)).toHaveLength(4);
      // The "any difficulty" rule draws after the hard one, so it never takes a hard question the hard rule needs.
      expect(of(1).map((q) => q?.difficulty)).toEqual([3, 3]);
      expect(of(2).every((q) => q?.category === '安全生产' && q.difficulty === 2)).toBe(true);
      expect(res.items.filter((i) => i.rule === 1).every((i) => i.points === 5)).toBe(true);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = drawQuestions(pool, rules, seededRng(42));
    const b = drawQuestions(pool, rules, seededRng(42));
    expect(a).toEqual(b);
    const draws = new Set(
      Array.from({ length: 20 }, (_, s) => {
        const r = drawQuestions(pool, rules, seededRng(s + 1));
        return r.ok ? r.items.map((i) => i.questionId).join(',') : '';
      }),
    );
    expect(draws.size).toBeGreaterThan(10);
  });

  it('reports every rule the pool cannot fill (exactly enough is fine)', () => {
    const exact = drawQuestions(pool, [{ category: '安全生产', difficulty: 2, count: 5, points: 1 }], seededRng(1));
    expect(exact.ok).toBe(true);
    const res = drawQuestions(
      pool,
      [
        { category: '党史', difficulty: 3, count: 3, points: 1 },
        { category: '廉政', difficulty: null, count: 1, points: 1 },
        { category: '安全生产', difficulty: 2, count: 5, points: 1 },
      ],
      seededRng(1),
    );
    expect(res).toEqual({
      ok: false,
      shortfalls: [
        { rule: 0, category: '党史', difficulty: 3, wanted: 3, available: 2 },
        { rule: 1, category: '廉政', difficulty: null, wanted: 1, available: 0 },
      ],
    });
  });

  it('shuffle keeps every element and leaves the input alone', () => {
    const input = ['A', 'B', 'C', 'D'];
    const out = shuffle(input, seededRng(7));
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('attemptDeadline and review', () => {
  const start = new Date('2026-03-02T09:00:00+08:00');
  const close = new Date('2026-03-02T10:00:00+08:00');
  it.each<[number | null, string]>([
    [30, '2026-03-02T01:30:00.000Z'],
    [60, '2026-03-02T02:00:00.000Z'],
    [90, '2026-03-02T02:00:00.000Z'], // the close comes first
    [null, '2026-03-02T02:00:00.000Z'],
  ])('limit %s min → %s', (limit, iso) => {
    expect(attemptDeadline(start, limit, close).toISOString()).toBe(iso);
  });
  it.each<[Parameters<typeof reviewOpen>[0], string, boolean, boolean]>([
    ['immediately', '2026-03-02T09:30:00+08:00', true, true],
    ['immediately', '2026-03-02T09:30:00+08:00', false, false],
    ['after_close', '2026-03-02T09:59:59+08:00', true, false],
    ['after_close', '2026-03-02T10:00:00+08:00', true, true],
    ['never', '2026-03-09T10:00:00+08:00', true, false],
  ])('%s at %s (finished %s) → %s', (rule, now, finished, open) => {
    expect(reviewOpen(rule, new Date(now), close, finished)).toBe(open);
  });
});

describe('finalScore per grading policy', () => {
  it.each<[Parameters<typeof finalScore>[0], number[], number | null]>([
    ['highest', [60, 85, 70], 85],
    ['last', [60, 85, 70], 70],
    ['first', [60, 85, 70], 60],
    ['average', [60, 85, 70], 71.67],
    ['average', [60, 85], 72.5],
    ['highest', [], null],
    ['first', [90], 90],
  ])('%s of %j → %s', (policy, scores, want) => {
    expect(finalScore(policy, scores)).toBe(want);
  });
});

describe('itemAnalysis on a fixed response set (values computed by hand)', () => {
  // Ten attempts, scores 0.9, 0.8, … 0.0 for attempt ids 1…10. n = 10 → groups of round(2.7) = 3:
  // top = attempts 1, 2, 3; bottom = attempts 8, 9, 10.
  const correctIn: Record<number, number[] | { seen: number[]; correct: number[] }> = {
    101: [1, 2, 3, 4, 5], // P = 5/10 = 0.5; top 3/3, bottom 0/3 → D = 1
    102: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], // P = 1; D = 1 − 1 = 0 → flagged
    103: [1, 8, 9, 10], // P = 0.4; top 1/3, bottom 3/3 → D = −0.67 → flagged
    104: { seen: [1, 5, 9], correct: [1, 9] }, // P = 2/3 = 0.67; top 1/1, bottom 1/1 → D = 0 → flagged
    105: { seen: [4, 5, 6], correct: [5] }, // no one in either group saw it → D null, not flagged
    106: [1, 2, 4, 8], // P = 0.4; top 2/3, bottom 1/3 → D = 0.33, not flagged
  };
  const attempts: AnalysisAttempt[] = Array.from({ length: 10 }, (_, i) => {
    const id = i + 1;
    const items = new Map<number, boolean>();
    for (const [q, spec] of Object.entries(correctIn)) {
      const seen = Array.isArray(spec) ? Array.from({ length: 10 }, (_, j) => j + 1) : spec.seen;
      const right = Array.isArray(spec) ? spec : spec.correct;
      if (seen.includes(id)) items.set(Number(q), right.includes(id));
    }
    return { attemptId: id, score: (9 - i) / 10, items };
  });

  it('gives facility, discrimination and the flag', () => {
    const stats = itemAnalysis([...attempts].reverse());
    expect(stats.map((s) => [s.questionId, s.answered, s.correct, s.facility, s.discrimination, s.flagged])).toEqual([
      [101, 10, 5, 0.5, 1, false],
      [102, 10, 10, 1, 0, true],
      [103, 10, 4, 0.4, -0.67, true],
      [104, 3, 2, 0.67, 0, true],
      [105, 3, 1, 0.33, null, false],
      [106, 10, 4, 0.4, 0.33, false],
    ]);
  });

  it('D exactly 0.2 is not flagged (n = 19 → groups of 5: 3/5 − 2/5)', () => {
    const many: AnalysisAttempt[] = Array.from({ length: 19 }, (_, i) => ({
      attemptId: i + 1,
      score: 1 - i / 19,
      items: { 7: [0, 1, 2, 14, 15].includes(i) },
    }));
    const [s] = itemAnalysis(many);
    expect(s.discrimination).toBe(0.2);
    expect(s.flagged).toBe(false);
  });

  it('ties in score rank by attempt id; one attempt has no groups', () => {
    expect(itemAnalysis([{ attemptId: 1, score: 1, items: { 5: true } }])[0]).toMatchObject({ facility: 1, discrimination: null });
    const tied: AnalysisAttempt[] = [
      { attemptId: 2, score: 0.5, items: { 5: false } },
      { attemptId: 1, score: 0.5, items: { 5: true } },
    ];
    // n = 2 → groups of 1: top = attempt 1 (right), bottom = attempt 2 (wrong) → D = 1.
    expect(itemAnalysis(tied)[0].discrimination).toBe(1);
  });
});
