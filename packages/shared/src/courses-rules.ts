/**
 * Courses and credited study time (issue 7, RULES.md §Organizational life: training hours ≥ 32 h a
 * year, ≥ 56 h for secretaries and committee members). Time is credited only for effective study:
 * the page sends heartbeats while it is visible and the reader active; the server credits at most the
 * real time between accepted heartbeats, never more than wall-clock time across tabs, and nothing for
 * a replayed key. The numbers are data (a versioned ruleset with its source); the functions are pure
 * and take the time as an argument.
 */

export const COURSE_TOPICS = {
  party_history: '党史',
  national: '国情',
  law: '法律法规',
  safety: '安全生产',
  integrity: '廉政',
  skills: '技术技能',
  theory: '理论学习',
} as const;
export type CourseTopic = keyof typeof COURSE_TOPICS;
export const COURSE_TOPIC_CODES = Object.keys(COURSE_TOPICS) as CourseTopic[];

export const COURSE_KINDS = { article: '图文', pdf: 'PDF 文档', video: '视频' } as const;
export type CourseKind = keyof typeof COURSE_KINDS;
export const COURSE_KIND_CODES = Object.keys(COURSE_KINDS) as CourseKind[];

/** Member labels from the archive that a plan may target. */
export const COURSE_AUDIENCE_LABELS = ['入党积极分子', '发展对象', '党务工作者', '预备党员'] as const;

export interface CourseRuleset {
  version: string;
  source: string;
  /** Reading speed for the minimum reading time of an article (Chinese characters per minute). */
  readingCharsPerMinute: number;
  /** An article is never complete in less than this. */
  minReadingSeconds: number;
  /** Default minimum study time of a PDF when the course names none. */
  pdfDefaultSeconds: number;
  /** How often the page sends a heartbeat while visible and active. */
  heartbeatSeconds: number;
  /** The reader counts as active this long after the last input (scroll, touch, key) or while a video plays. */
  idleSeconds: number;
  /** A gap longer than this between two heartbeats of a session is not credited (background tab, sleep). */
  maxGapSeconds: number;
  /** A heartbeat whose client time is further ahead than this is refused (from the future). */
  futureToleranceSeconds: number;
  /** Share of a video's duration that must be watched. */
  videoCompleteShare: number;
  /** Fastest playback rate honoured when checking reported positions against elapsed time. */
  maxPlaybackRate: number;
  /** Yearly study hours: everyone / secretaries and committee members. */
  yearlyHours: number;
  yearlyHoursCadre: number;
}

export const COURSE_RULESETS: Record<string, CourseRuleset> = {
  '2026.1': {
    version: '2026.1',
    source:
      '《中国共产党党员教育管理工作条例》第十五条（党员每年集中学习培训时间一般不少于32学时，基层党组织书记和班子成员每年不少于56学时）；阅读速度与有效学习判定为本单位配置',
    readingCharsPerMinute: 300,
    minReadingSeconds: 5,
    pdfDefaultSeconds: 300,
    heartbeatSeconds: 15,
    idleSeconds: 60,
    maxGapSeconds: 40,
    futureToleranceSeconds: 30,
    videoCompleteShare: 0.9,
    maxPlaybackRate: 2,
    yearlyHours: 32,
    yearlyHoursCadre: 56,
  },
};
export const CURRENT_COURSE_RULESET = COURSE_RULESETS['2026.1'] as CourseRuleset;

/** Characters that count for reading: text without tags, entities and white space. */
export function readableLength(html: string): number {
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/gi, 'x')
    .replace(/\s+/g, '');
  return [...text].length;
}

/** Minimum reading time of an article of `chars` characters, in whole seconds. */
export function minReadingSeconds(chars: number, rules: CourseRuleset = CURRENT_COURSE_RULESET): number {
  return Math.max(rules.minReadingSeconds, Math.ceil((chars / rules.readingCharsPerMinute) * 60));
}

/** What the server remembers between heartbeats (times in epoch milliseconds). */
export interface StudyState {
  /** The last accepted heartbeat of this study session (null: none yet, or the session was broken). */
  sessionLastBeatAt: number | null;
  /** Up to when the member has already been credited, over all sessions and tabs. */
  memberCreditedUntil: number | null;
  /** The last video position reported in this session (seconds). */
  lastPosition: number | null;
}

export interface Heartbeat {
  /** Server time of arrival (the injected clock). */
  at: number;
  /** The client's own time when it sent the beat. */
  clientTime: number;
  /** The key was seen before (a retry or a replay). */
  replayed: boolean;
  /** Video position in seconds, when the course is a video. */
  position?: number | null;
}

export type BeatOutcome =
  | { accepted: false; reason: 'replayed' | 'future'; creditedSeconds: 0; watchedSeconds: 0; next: StudyState }
  | {
      accepted: true;
      reason: 'start' | 'gap' | 'credited' | 'overlap';
      creditedSeconds: number;
      watchedSeconds: number;
      next: StudyState;
    };

/**
 * Credits one heartbeat. Credited time is the real elapsed time since the later of this session's
 * last beat and the member's credited-until mark, so two tabs together never exceed wall-clock time;
 * the first beat of a session, and a beat after a gap longer than `maxGapSeconds`, only start the
 * clock. A video's watched time grows only by forward moves the elapsed time could have played.
 */
export function creditHeartbeat(state: StudyState, beat: Heartbeat, rules: CourseRuleset = CURRENT_COURSE_RULESET): BeatOutcome {
  if (beat.replayed) return { accepted: false, reason: 'replayed', creditedSeconds: 0, watchedSeconds: 0, next: state };
  if (beat.clientTime - beat.at > rules.futureToleranceSeconds * 1000) {
    return { accepted: false, reason: 'future', creditedSeconds: 0, watchedSeconds: 0, next: state };
  }
  const position = beat.position ?? null;
  const until = Math.max(state.memberCreditedUntil ?? 0, beat.at);
  const restart = (reason: 'start' | 'gap'): BeatOutcome => ({
    accepted: true,
    reason,
    creditedSeconds: 0,
    watchedSeconds: 0,
    next: { sessionLastBeatAt: beat.at, memberCreditedUntil: until, lastPosition: position },
  });
  const last = state.sessionLastBeatAt;
  if (last === null || beat.at < last) return restart('start');
  const elapsedMs = beat.at - last;
  if (elapsedMs > rules.maxGapSeconds * 1000) return restart('gap');
  const from = Math.max(last, state.memberCreditedUntil ?? 0);
  const creditedSeconds = Math.max(0, Math.floor((beat.at - from) / 1000));
  let watchedSeconds = 0;
  if (position !== null && state.lastPosition !== null && creditedSeconds > 0) {
    const advance = position - state.lastPosition;
    // A forward move no longer than the elapsed time could play (at the fastest rate) is watching; a seek is not.
    if (advance > 0 && advance <= (elapsedMs / 1000) * rules.maxPlaybackRate + 1) {
      watchedSeconds = Math.min(Math.floor(advance), Math.ceil(creditedSeconds * rules.maxPlaybackRate));
    }
  }
  return {
    accepted: true,
    reason: creditedSeconds > 0 ? 'credited' : 'overlap',
    creditedSeconds,
    watchedSeconds,
    next: { sessionLastBeatAt: beat.at, memberCreditedUntil: until, lastPosition: position },
  };
}

export interface CourseForCompletion {
  kind: CourseKind;
  textLength: number;
  durationSeconds: number | null;
  minSeconds: number | null;
}

/** Seconds of credited study a course needs (articles and PDFs), or null for a video. */
export function requiredSeconds(course: CourseForCompletion, rules: CourseRuleset = CURRENT_COURSE_RULESET): number | null {
  if (course.kind === 'article') return course.minSeconds ?? minReadingSeconds(course.textLength, rules);
  if (course.kind === 'pdf') return course.minSeconds ?? rules.pdfDefaultSeconds;
  return null;
}

/** Whether the credited and watched time complete the course. */
export function isCourseComplete(
  course: CourseForCompletion,
  progress: { creditedSeconds: number; watchedSeconds: number },
  rules: CourseRuleset = CURRENT_COURSE_RULESET,
): boolean {
  if (course.kind === 'video') {
    if (!course.durationSeconds || course.durationSeconds <= 0) return false;
    return progress.watchedSeconds >= course.durationSeconds * rules.videoCompleteShare;
  }
  return progress.creditedSeconds >= (requiredSeconds(course, rules) ?? 0);
}

/** Completion share 0–1 of one course (for the reading indicator). */
export function courseShare(
  course: CourseForCompletion,
  progress: { creditedSeconds: number; watchedSeconds: number },
  rules: CourseRuleset = CURRENT_COURSE_RULESET,
): number {
  if (course.kind === 'video') {
    const need = (course.durationSeconds ?? 0) * rules.videoCompleteShare;
    return need > 0 ? Math.min(1, progress.watchedSeconds / need) : 0;
  }
  const need = requiredSeconds(course, rules) ?? 1;
  return Math.min(1, progress.creditedSeconds / need);
}

/** Yearly study-hour target: 56 h for branch secretaries and committee members, 32 h for others. */
export function yearlyTargetHours(isCadre: boolean, rules: CourseRuleset = CURRENT_COURSE_RULESET): number {
  return isCadre ? rules.yearlyHoursCadre : rules.yearlyHours;
}

/** Seconds to hours with one decimal. */
export function secondsToHours(seconds: number): number {
  return Math.round((seconds / 3600) * 10) / 10;
}

export type PlanPersonStatus = 'done' | 'in_progress' | 'not_started' | 'overdue';
export const PLAN_PERSON_STATUS: Record<PlanPersonStatus, string> = {
  done: '已完成',
  in_progress: '学习中',
  not_started: '未开始',
  overdue: '已逾期',
};

/** A person's state in a plan: done when all courses are complete; overdue after the due date (YYYY-MM-DD, inclusive). */
export function planPersonStatus(completed: number, total: number, dueDate: string, today: string): PlanPersonStatus {
  if (total > 0 && completed >= total) return 'done';
  if (today > dueDate) return 'overdue';
  return completed > 0 ? 'in_progress' : 'not_started';
}

/** Is the person behind (not done)? */
export function isBehind(status: PlanPersonStatus): boolean {
  return status !== 'done';
}

/** Parses an HTTP Range header against a file size: the byte span, 'invalid' (416), or null (whole file). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    // Suffix range: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return 'invalid';
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}
