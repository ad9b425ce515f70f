/**
 * Learning and exams (学习教育 · 在线考试): the ruleset as data and the pure functions the server
 * grades with. Item analysis follows classical test theory as Moodle's quiz statistics report it
 * (facility index; discrimination by the upper and lower 27 % groups, Kelley 1939); a question
 * with discrimination below 0.2 is flagged for review (Ebel & Frisbie: < 0.2 "poor, revise").
 */
export const LEARNING_RULESETS = [
  {
    version: '2026.1',
    effectiveFrom: '2020-01-01',
    source:
      '经典测量理论：难度（通过率）P = 答对人数 / 作答人数；区分度 D = P(高分组 27%) − P(低分组 27%)（Kelley 1939）；D < 0.2 需修改（Ebel & Frisbie）；参照 Moodle 测验统计',
    /** Share of the ranked attempts in each of the top and bottom groups. */
    groupShare: 0.27,
    /** Discrimination below this flags the question. */
    minDiscrimination: 0.2,
  },
] as const;

export type LearningRuleset = (typeof LEARNING_RULESETS)[number];

export function learningRulesetOn(date: string): LearningRuleset {
  const inForce = LEARNING_RULESETS.filter((r) => r.effectiveFrom <= date);
  return inForce[inForce.length - 1] ?? LEARNING_RULESETS[0];
}

// ── Vocabulary ─────────────────────────────────────────────────────────────────────────────

export const QUESTION_TYPES = { single: '单选题', multiple: '多选题', judge: '判断题', fill: '填空题', short: '简答题' } as const;
export type QuestionType = keyof typeof QUESTION_TYPES;
export const DIFFICULTIES = { 1: '易', 2: '中', 3: '难' } as const;
export const QUESTION_CATEGORIES = ['安全生产', '党史', '廉政', '党章党规', '法律法规', '国情'] as const;
export const GRADING_POLICIES = { highest: '取最高分', last: '取最后一次', first: '取第一次', average: '取平均分' } as const;
export type GradingPolicy = keyof typeof GRADING_POLICIES;
export const REVIEW_RULES = { immediately: '交卷后立即可看', after_close: '考试结束后可看', never: '不公布答案' } as const;
export type ReviewRule = keyof typeof REVIEW_RULES;

/** Accepts 易/中/难 as well as 1–3 (the Excel template and people write either). */
export function parseDifficulty(v: string | number | null | undefined): 1 | 2 | 3 | null {
  const s = String(v ?? '').trim();
  const map: Record<string, 1 | 2 | 3> = { '1': 1, '2': 2, '3': 3, 易: 1, 中: 2, 难: 3, 简单: 1, 中等: 2, 困难: 3 };
  return map[s] ?? null;
}

// ── Questions ──────────────────────────────────────────────────────────────────────────────

export interface QuestionOption {
  key: string;
  text: string;
}

/**
 * The right answer of a version: option keys (single, multiple), `['true']`/`['false']` (judge),
 * one list of accepted alternatives per blank (fill), or a reference answer (short, graded by hand).
 */
export type QuestionAnswer = { keys: string[] } | { blanks: string[][] } | { reference: string };

export interface QuestionContent {
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  answer: QuestionAnswer;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** What is wrong with a question's content, as field problems (empty when it can be saved). */
export function questionProblems(q: QuestionContent): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!q.stem.trim()) out.push({ path: 'stem', message: '请填写题干' });
  if (q.type === 'single' || q.type === 'multiple') {
    if (q.options.length < 2) out.push({ path: 'options', message: '选择题至少要有 2 个选项' });
    const keys = q.options.map((o) => o.key);
    if (new Set(keys).size !== keys.length) out.push({ path: 'options', message: '选项编号不能重复' });
    q.options.forEach((o, i) => {
      if (!o.text.trim()) out.push({ path: `options.${i}.text`, message: `选项 ${o.key} 内容为空` });
    });
    const right = 'keys' in q.answer ? q.answer.keys : [];
    if (right.length === 0) out.push({ path: 'answer', message: '没有正确选项：请至少标出一个正确答案' });
    else if (right.some((k) => !keys.includes(k))) out.push({ path: 'answer', message: '正确答案不在选项中' });
    else if (q.type === 'single' && right.length !== 1) out.push({ path: 'answer', message: '单选题只能有一个正确选项' });
    else if (q.type === 'multiple' && right.length < 2) out.push({ path: 'answer', message: '多选题至少要有两个正确选项' });
  } else if (q.type === 'judge') {
    const right = 'keys' in q.answer ? q.answer.keys : [];
    if (right.length !== 1 || !['true', 'false'].includes(right[0])) out.push({ path: 'answer', message: '判断题请选择“正确”或“错误”' });
  } else if (q.type === 'fill') {
    const blanks = 'blanks' in q.answer ? q.answer.blanks : [];
    if (blanks.length === 0) out.push({ path: 'answer', message: '填空题至少要有一个空的答案' });
    blanks.forEach((alts, i) => {
      if (alts.filter((a) => a.trim()).length === 0) out.push({ path: `answer.blanks.${i}`, message: `第 ${i + 1} 空没有答案` });
    });
  } else if (q.type === 'short') {
    if (!('reference' in q.answer)) out.push({ path: 'answer', message: '请填写参考答案' });
  }
  return out;
}

/** Full-width to half-width, trimmed, spaces collapsed, lower case: how fill-in answers compare. */
export function normalizeFill(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** A member's response: chosen keys (single, multiple, judge) or the text of each blank / the short answer. */
export type AnswerResponse = { keys: string[] } | { texts: string[] };

/**
 * Automatic grading of one response: all or nothing (a multiple choice needs exactly the right
 * set; a fill-in needs every blank to match one accepted alternative). `null` means graded by hand.
 */
export function autoGrade(q: QuestionContent, r: AnswerResponse | null, points: number): { correct: boolean; points: number } | null {
  if (q.type === 'short') return null;
  if (!r) return { correct: false, points: 0 };
  let correct = false;
  if ('keys' in q.answer && 'keys' in r) {
    const want = [...q.answer.keys].sort().join('|');
    correct = [...new Set(r.keys)].sort().join('|') === want;
  } else if ('blanks' in q.answer && 'texts' in r) {
    const blanks = q.answer.blanks;
    correct =
      r.texts.length === blanks.length && blanks.every((alts, i) => alts.map(normalizeFill).includes(normalizeFill(r.texts[i] ?? '')));
  }
  return { correct, points: correct ? points : 0 };
}

// ── Random draw ────────────────────────────────────────────────────────────────────────────

/** A seeded generator (mulberry32): the same seed gives the same draw, so every draw can be replayed. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator (a copy; the input is untouched). */
export function shuffle<T>(items: readonly T[], rng: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export interface DrawRule {
  category: string;
  /** 1–3, or null for any difficulty. */
  difficulty: number | null;
  count: number;
  points: number;
}

export interface PoolQuestion {
  id: number;
  category: string;
  difficulty: number;
}

export interface Shortfall {
  rule: number;
  category: string;
  difficulty: number | null;
  wanted: number;
  available: number;
}

export const ruleLabel = (r: { category: string; difficulty: number | null }) =>
  `${r.category}·${r.difficulty ? DIFFICULTIES[r.difficulty as 1 | 2 | 3] : '不限难度'}`;

/**
 * Draws `count` questions per rule from the pool, each question at most once per attempt (rules
 * with a set difficulty draw first, so an "any difficulty" rule takes what is left). Returns the
 * drawn items in rule order, or the rules the pool cannot fill.
 */
export function drawQuestions(
  pool: readonly PoolQuestion[],
  rules: readonly DrawRule[],
  rng: () => number,
): { ok: true; items: { questionId: number; points: number; rule: number }[] } | { ok: false; shortfalls: Shortfall[] } {
  const taken = new Set<number>();
  const byRule = new Map<number, { questionId: number; points: number; rule: number }[]>();
  const shortfalls: Shortfall[] = [];
  const order = rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Number(a.r.difficulty == null) - Number(b.r.difficulty == null) || a.i - b.i);
  for (const { r, i } of order) {
    const candidates = pool.filter(
      (q) => !taken.has(q.id) && q.category === r.category && (r.difficulty == null || q.difficulty === r.difficulty),
    );
    if (candidates.length < r.count) {
      shortfalls.push({ rule: i, category: r.category, difficulty: r.difficulty, wanted: r.count, available: candidates.length });
      continue;
    }
    const picked = shuffle(candidates, rng).slice(0, r.count);
    for (const q of picked) taken.add(q.id);
    byRule.set(
      i,
      picked.map((q) => ({ questionId: q.id, points: r.points, rule: i })),
    );
  }
  if (shortfalls.length) return { ok: false, shortfalls: shortfalls.sort((a, b) => a.rule - b.rule) };
  return { ok: true, items: rules.flatMap((_, i) => byRule.get(i) ?? []) };
}

// ── Time ───────────────────────────────────────────────────────────────────────────────────

/**
 * When an attempt ends: its start plus the time limit, but never after the exam closes. The
 * server is the judge: answers saved after this instant do not count, and an attempt still open
 * then is graded as of this instant.
 */
export function attemptDeadline(startedAt: Date, limitMinutes: number | null, closesAt: Date): Date {
  const byLimit = limitMinutes == null ? closesAt.getTime() : startedAt.getTime() + limitMinutes * 60_000;
  return new Date(Math.min(byLimit, closesAt.getTime()));
}

/** Whether the review (answers and right answers) may be shown now. */
export function reviewOpen(rule: ReviewRule, now: Date, closesAt: Date, finished: boolean): boolean {
  if (!finished) return false;
  if (rule === 'immediately') return true;
  if (rule === 'after_close') return now.getTime() >= closesAt.getTime();
  return false;
}

// ── Grading policy ─────────────────────────────────────────────────────────────────────────

/** The result of a person from their graded attempts in the order taken (null when there are none). */
export function finalScore(policy: GradingPolicy, scoresInOrder: readonly number[]): number | null {
  if (scoresInOrder.length === 0) return null;
  switch (policy) {
    case 'highest':
      return Math.max(...scoresInOrder);
    case 'first':
      return scoresInOrder[0];
    case 'last':
      return scoresInOrder[scoresInOrder.length - 1];
    case 'average':
      return Math.round((scoresInOrder.reduce((s, x) => s + x, 0) / scoresInOrder.length) * 100) / 100;
  }
}

// ── Item analysis ──────────────────────────────────────────────────────────────────────────

export interface AnalysisAttempt {
  attemptId: number;
  /** The attempt's total as a share of its maximum (random draws may differ in maximum). */
  score: number;
  /** questionId → answered fully right. */
  items: ReadonlyMap<number, boolean> | Record<number, boolean>;
}

export interface ItemStat {
  questionId: number;
  answered: number;
  correct: number;
  /** Share correct (难度 / 通过率), 0–1, two decimals. */
  facility: number;
  /** Facility in the top group minus the bottom group; null when either group never saw it. */
  discrimination: number | null;
  flagged: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Facility and discrimination per question. Attempts are ranked by score (ties: lower attempt id
 * first); the top and bottom groups are each round(27 % × n) attempts, at least 1; with fewer than
 * two attempts there are no groups and discrimination is null.
 */
export function itemAnalysis(attempts: readonly AnalysisAttempt[], rs: LearningRuleset = LEARNING_RULESETS[0]): ItemStat[] {
  const get = (a: AnalysisAttempt, q: number): boolean | undefined =>
    a.items instanceof Map ? a.items.get(q) : (a.items as Record<number, boolean>)[q];
  const keys = (a: AnalysisAttempt): number[] =>
    a.items instanceof Map ? [...a.items.keys()] : Object.keys(a.items as Record<number, boolean>).map(Number);
  const ranked = [...attempts].sort((a, b) => b.score - a.score || a.attemptId - b.attemptId);
  const n = ranked.length;
  const k = n >= 2 ? Math.max(1, Math.round(rs.groupShare * n)) : 0;
  const top = ranked.slice(0, k);
  const bottom = k ? ranked.slice(n - k) : [];
  const ids = [...new Set(attempts.flatMap(keys))].sort((a, b) => a - b);
  const share = (group: AnalysisAttempt[], q: number): number | null => {
    const seen = group.map((a) => get(a, q)).filter((v): v is boolean => v !== undefined);
    return seen.length ? seen.filter(Boolean).length / seen.length : null;
  };
  return ids.map((q) => {
    const seen = attempts.map((a) => get(a, q)).filter((v): v is boolean => v !== undefined);
    const correct = seen.filter(Boolean).length;
    const pt = share(top, q);
    const pb = share(bottom, q);
    const discrimination = pt == null || pb == null ? null : round2(pt - pb);
    return {
      questionId: q,
      answered: seen.length,
      correct,
      facility: round2(correct / seen.length),
      discrimination,
      flagged: discrimination != null && discrimination < rs.minDiscrimination,
    };
  });
}
