/**
 * Offline on the phone (issue 7 item 6): what the server accepts from a phone's outbox after it
 * was without signal. The phone's clock is not trusted as such: every phone time is converted to
 * server time with the skew measured when the entry arrives (server now − the phone's "sent at"),
 * which holds as long as the phone's clock did not jump while it was offline. The numbers are data
 * (a versioned ruleset with its source); the functions are pure and take the time as an argument.
 */

export interface OfflineRuleset {
  version: string;
  source: string;
  /** Network delay and clock drift allowed when comparing converted phone times with server times. */
  clockToleranceSeconds: number;
  /** One offline study entry credits at most this much (the phone sends a chunk at least every minute). */
  studyChunkMaxSeconds: number;
  /** Offline study older than this when it arrives is not credited. */
  studyMaxAgeDays: number;
}

export const OFFLINE_RULESETS: Record<string, OfflineRuleset> = {
  '2026.1': {
    version: '2026.1',
    source:
      '本单位配置：离线学习只计到课程的最低学习时长为止（图文按字数、PDF 按设定时长；视频不离线计时），每条离线记录最多计 10 分钟，30 天以前的离线记录不计；离线考试在线开始，以服务器记录的开始时间加限时判定（允许 30 秒网络与时钟误差）',
    clockToleranceSeconds: 30,
    studyChunkMaxSeconds: 600,
    studyMaxAgeDays: 30,
  },
};
export const CURRENT_OFFLINE_RULESET = OFFLINE_RULESETS['2026.1'] as OfflineRuleset;

/** Converts a phone time to server time with the skew measured on arrival (server now − phone sent-at). */
export function toServerTime(phoneTime: Date, phoneSentAt: Date, serverNow: Date): Date {
  return new Date(phoneTime.getTime() + (serverNow.getTime() - phoneSentAt.getTime()));
}

export interface OfflineSubmissionInput {
  now: Date;
  exam: { closesAt: Date; offlineAllowed: boolean };
  attempt: { startedAt: Date; deadlineAt: Date; questionIds: number[] };
  /** Phone times: when it finished, when it sent this request. */
  finishedAt: Date;
  sentAt: Date;
  answers: { questionId: number; answeredAt: Date | null }[];
}

export type OfflineSubmissionOutcome =
  | {
      ok: false;
      code: 'closed' | 'not_offline' | 'forged' | 'duplicate' | 'late' | 'before_start' | 'future';
      message: string;
      path?: string;
    }
  | { ok: true; finishAt: Date; late: false; keep: number[]; cut: number[] };

const hm = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

/**
 * Judges an offline submission: accepted only before the exam closes, for an exam that allows
 * offline answering, with every answer a question of this attempt (a forged set is refused whole),
 * and with the phone's recorded finish within the time limit from the server's start. Answers the
 * phone recorded after the limit (or after its own finish) are cut; the attempt is graded as of the
 * finish. Nothing is partly accepted: a refusal changes nothing.
 */
export function judgeOfflineSubmission(
  input: OfflineSubmissionInput,
  rules: OfflineRuleset = CURRENT_OFFLINE_RULESET,
): OfflineSubmissionOutcome {
  const { now, exam, attempt } = input;
  const tol = rules.clockToleranceSeconds * 1000;
  if (now.getTime() >= exam.closesAt.getTime())
    return { ok: false, code: 'closed', message: '考试已结束，离线答卷未在考试结束前送达，不予接受' };
  if (!exam.offlineAllowed) return { ok: false, code: 'not_offline', message: '该考试不允许离线作答' };
  const inAttempt = new Set(attempt.questionIds);
  const seen = new Set<number>();
  for (const [i, a] of input.answers.entries()) {
    if (!inAttempt.has(a.questionId))
      return { ok: false, code: 'forged', message: '该题不在本次考试的试卷中，答卷不予接受', path: `answers.${i}.questionId` };
    if (seen.has(a.questionId))
      return { ok: false, code: 'duplicate', message: '同一题提交了两次答案，答卷不予接受', path: `answers.${i}.questionId` };
    seen.add(a.questionId);
  }
  if (input.finishedAt.getTime() > input.sentAt.getTime() + tol)
    return { ok: false, code: 'future', message: '交卷时间晚于发送时间（手机时间异常），答卷不予接受', path: 'finishedAt' };
  const finish = toServerTime(input.finishedAt, input.sentAt, now);
  if (finish.getTime() < attempt.startedAt.getTime() - tol)
    return { ok: false, code: 'before_start', message: '交卷时间早于开始答题的时间（手机时间异常），答卷不予接受', path: 'finishedAt' };
  if (finish.getTime() > attempt.deadlineAt.getTime() + tol)
    return {
      ok: false,
      code: 'late',
      message: `手机记录的交卷时间（${hm(finish)}）超出答题时限（${hm(attempt.startedAt)} 开始，${hm(attempt.deadlineAt)} 截止），答卷不予接受`,
      path: 'finishedAt',
    };
  const finishAt = new Date(Math.max(attempt.startedAt.getTime(), Math.min(finish.getTime(), attempt.deadlineAt.getTime())));
  const limit = Math.min(finish.getTime(), attempt.deadlineAt.getTime()) + tol;
  const keep: number[] = [];
  const cut: number[] = [];
  for (const a of input.answers) {
    const at = a.answeredAt ? toServerTime(a.answeredAt, input.sentAt, now).getTime() : null;
    if (at !== null && at <= limit) keep.push(a.questionId);
    else cut.push(a.questionId);
  }
  return { ok: true, finishAt, late: false, keep, cut };
}

/** When an answer the phone recorded counts as given (server time, never before the start nor after the finish). */
export function offlineAnsweredAt(answeredAt: Date, sentAt: Date, now: Date, startedAt: Date, finishAt: Date): Date {
  const t = toServerTime(answeredAt, sentAt, now).getTime();
  return new Date(Math.min(Math.max(t, startedAt.getTime()), finishAt.getTime()));
}

export interface OfflineStudyInput {
  now: Date;
  /** Phone times of the chunk and of the request. */
  startedAt: Date;
  endedAt: Date;
  sentAt: Date;
  /** Seconds the phone counted the page visible and the reader active. */
  activeSeconds: number;
  course: { kind: 'article' | 'pdf' | 'video'; requiredSeconds: number | null };
  /** What the course already has credited for this member (online and offline). */
  creditedSeconds: number;
}

export type OfflineStudyOutcome =
  | { ok: false; code: 'future' | 'invalid'; message: string; path: string }
  | { ok: true; creditedSeconds: number; at: Date; reason: 'credited' | 'course_complete' | 'not_offline_kind' | 'stale' | 'capped' };

/**
 * Credits one offline study chunk. Offline time cannot be checked against heartbeats, so it is
 * credited conservatively: at most the active seconds the phone counted (visible page, active
 * reader — a background tab counts nothing on the phone), at most the chunk's own span, at most one
 * chunk's maximum, and only up to the course's minimum study time (an article's from its length, a
 * PDF's set time); videos are not credited offline. The time is booked at the chunk's end (server
 * time), so it counts in the year it was studied.
 */
export function creditOfflineStudy(input: OfflineStudyInput, rules: OfflineRuleset = CURRENT_OFFLINE_RULESET): OfflineStudyOutcome {
  const tol = rules.clockToleranceSeconds * 1000;
  if (input.endedAt.getTime() < input.startedAt.getTime() || input.activeSeconds < 0)
    return { ok: false, code: 'invalid', message: '学习结束时间早于开始时间', path: 'endedAt' };
  if (input.endedAt.getTime() > input.sentAt.getTime() + tol)
    return { ok: false, code: 'future', message: '学习记录的时间晚于发送时间（手机时间异常），未计时', path: 'endedAt' };
  const at = new Date(Math.min(toServerTime(input.endedAt, input.sentAt, input.now).getTime(), input.now.getTime()));
  if (input.course.kind === 'video' || input.course.requiredSeconds === null)
    return { ok: true, creditedSeconds: 0, at, reason: 'not_offline_kind' };
  if (input.now.getTime() - at.getTime() > rules.studyMaxAgeDays * 86_400_000) return { ok: true, creditedSeconds: 0, at, reason: 'stale' };
  const remaining = Math.max(0, input.course.requiredSeconds - input.creditedSeconds);
  if (remaining === 0) return { ok: true, creditedSeconds: 0, at, reason: 'course_complete' };
  const span = Math.floor((input.endedAt.getTime() - input.startedAt.getTime()) / 1000);
  const asked = Math.floor(input.activeSeconds);
  const credited = Math.max(0, Math.min(asked, span, rules.studyChunkMaxSeconds, remaining));
  return { ok: true, creditedSeconds: credited, at, reason: credited < asked ? 'capped' : 'credited' };
}
