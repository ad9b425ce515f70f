/**
 * Organizational life ruleset (RULES.md §Organizational life, §Democratic appraisal, §Unqualified
 * members): meeting frequencies, the sign-in window, training hours and appraisal caps, as
 * versioned data with sources. Pure functions below compute from it; the server and the pages
 * share them.
 */
import { chinaDateTime } from './dates.js';

export const MEETING_TYPES = {
  branch_assembly: '支部党员大会',
  committee: '支委会',
  group: '党小组会',
  lecture: '党课',
  theme_day: '主题党日',
  life_meeting: '组织生活会',
  talk: '谈心谈话',
  study: '学习研讨',
  onsite: '现场教学',
  joint: '联席会议',
} as const;
export type MeetingType = keyof typeof MEETING_TYPES;
export const MEETING_TYPE_CODES = Object.keys(MEETING_TYPES) as MeetingType[];

export type Period = 'month' | 'quarter' | 'year';

/** One expectation of the ruleset: meetings of `type` every `every` for orgs of `kinds`. */
export interface ExpectedMeeting {
  key: string;
  type: MeetingType;
  every: Period;
  kinds: string[];
  /** Only meetings chaired (主讲) by the org's secretary count. */
  by?: 'secretary';
  /** Name shown when it is not the meeting type's own. */
  label?: string;
}

/** The name of an expectation (书记讲党课, or the meeting type's name). */
export const expectedLabel = (e: Pick<ExpectedMeeting, 'type' | 'label'>): string => e.label ?? MEETING_TYPES[e.type];

/** The five kinds of absentees who may be left out of a meeting's expected count (2024 处置办法). */
export const EXCLUSION_KINDS = {
  incapacity: '丧失行为能力',
  abroad: '自费出国（境）半年以上',
  sentence: '正在服刑',
  bedridden: '年老体弱卧床不起',
  moved: '外出工作生活半年以上未转组织关系',
} as const;
export type ExclusionKind = keyof typeof EXCLUSION_KINDS;

export const APPRAISAL_GRADES = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' } as const;
export type AppraisalGrade = keyof typeof APPRAISAL_GRADES;
export const APPRAISAL_GRADE_CODES = Object.keys(APPRAISAL_GRADES) as AppraisalGrade[];

export const UNQUALIFIED_MEASURES = { correction: '限期改正', persuade: '劝其退党', remove: '除名' } as const;
export type UnqualifiedMeasure = keyof typeof UNQUALIFIED_MEASURES;

const BRANCHES = ['branch', 'joint_branch', 'temp_branch'];

export const LIFE_RULESETS = [
  {
    version: '2018.1',
    effectiveFrom: '2018-10-28',
    source:
      '《中国共产党支部工作条例（试行）》（2018）第十九条“三会一课”、主题党日、组织生活会；《2019—2023年全国党员教育培训工作规划》学时要求；《关于党员民主评议的规定》；《不合格党员组织处置办法》（2024）',
    /**
     * Which org kinds must hold which meetings, how often (a meeting counts once it has minutes).
     * `key` names the expectation (the meeting type, or e.g. `lecture_secretary`); `by:
     * 'secretary'` counts only meetings whose chair (主讲人) was the org's 书记 on the day
     * (RULES.md: 党课 at least quarterly; secretaries lecture at least yearly).
     * 谈心谈话: yearly, at least one recorded talk of the branch (RULES.md: between every pair of
     * committee members, committee and members — the pairs themselves are not checked here).
     */
    expected: [
      { key: 'committee', type: 'committee', every: 'month', kinds: BRANCHES },
      { key: 'group', type: 'group', every: 'month', kinds: ['group'] },
      { key: 'branch_assembly', type: 'branch_assembly', every: 'quarter', kinds: BRANCHES },
      { key: 'lecture', type: 'lecture', every: 'quarter', kinds: BRANCHES },
      { key: 'lecture_secretary', type: 'lecture', every: 'year', kinds: BRANCHES, by: 'secretary', label: '书记讲党课' },
      { key: 'theme_day', type: 'theme_day', every: 'month', kinds: BRANCHES },
      { key: 'life_meeting', type: 'life_meeting', every: 'year', kinds: BRANCHES },
      { key: 'talk', type: 'talk', every: 'year', kinds: BRANCHES },
    ] as ExpectedMeeting[],
    /** QR sign-in window: minutes either side of the start. */
    signInWindowMinutes: 20,
    /** The console shows a new token (and numeric code) every this many seconds… */
    tokenRotateSeconds: 30,
    /** …and a token stays acceptable this long after it was shown (slow scanners, queued phones). */
    tokenValidSeconds: 120,
    /** A queued (offline) sign-in is accepted if it reaches the server within this many hours. */
    offlineMaxHours: 72,
    /** Meetings whose attendance counts as training hours (党课, 学习研讨, 现场教学). */
    hourTypes: ['lecture', 'study', 'onsite'] as MeetingType[],
    /** Yearly training hours: every member / secretaries and committee members. */
    yearlyHours: { member: 32, leader: 56 },
    /** 支部党员大会: more than half of those expected must be present. */
    assemblyQuorum: 0.5,
    /** 优秀 at most this share of those graded (probationary members are not graded). */
    excellentMaxShare: 1 / 3,
    /** 限期改正: 6 months by default, at most 12. */
    correctionMonths: { default: 6, max: 12 },
    readmissionBanYears: 5,
  },
] as const;

export type LifeRuleset = (typeof LIFE_RULESETS)[number];

/** The ruleset in force on a date (YYYY-MM-DD). */
export function lifeRulesetOn(date: string): LifeRuleset {
  const inForce = LIFE_RULESETS.filter((r) => r.effectiveFrom <= date);
  return inForce[inForce.length - 1] ?? LIFE_RULESETS[0];
}

/** The period key a day falls in: `2026-03`, `2026-Q1` or `2026`. */
export function periodKey(day: string, every: Period): string {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  if (every === 'month') return day.slice(0, 7);
  if (every === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  return y;
}

/** The periods of a year, in order. */
export function periodsOfYear(year: number, every: Period): string[] {
  if (every === 'month') return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  if (every === 'quarter') return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return [String(year)];
}

/** First and last day of a period key. */
export function periodBounds(key: string): { from: string; to: string } {
  const y = Number(key.slice(0, 4));
  let m1 = 1;
  let m2 = 12;
  if (/^\d{4}-\d{2}$/.test(key)) m1 = m2 = Number(key.slice(5, 7));
  else if (/^\d{4}-Q[1-4]$/.test(key)) {
    const q = Number(key.slice(6));
    m1 = q * 3 - 2;
    m2 = q * 3;
  }
  const last = new Date(Date.UTC(y, m2, 0)).getUTCDate();
  const p = (n: number) => String(n).padStart(2, '0');
  return { from: `${y}-${p(m1)}-01`, to: `${y}-${p(m2)}-${p(last)}` };
}

export type ComplianceStatus = 'done' | 'missing' | 'due' | 'future';

/**
 * A period's status for one expected meeting type: `done` when a meeting with minutes was held
 * in it; otherwise `missing` once the period has ended, `due` while it runs, `future` before it.
 */
export function periodStatus(key: string, held: number, today: string): ComplianceStatus {
  if (held > 0) return 'done';
  const { from, to } = periodBounds(key);
  if (today > to) return 'missing';
  if (today >= from) return 'due';
  return 'future';
}

export interface HeldMeeting {
  type: string;
  /** China-time day of the start. */
  day: string;
  hasMinutes: boolean;
  /** The chair (主讲人) was the org's secretary on that day. */
  bySecretary?: boolean;
}

export interface ComplianceCell {
  /** The expectation (ExpectedMeeting.key) and its name. */
  key: string;
  label: string;
  type: MeetingType;
  every: Period;
  period: string;
  held: number;
  status: ComplianceStatus;
}

/**
 * Expected meetings of an org kind in a year against those held (with minutes), one cell per
 * expected type and period. Meetings are placed in periods by their China-time start day, so a
 * meeting at 23:30 on 31 March (UTC+8) counts for March and Q1.
 */
export function complianceOf(orgKind: string, year: number, meetings: HeldMeeting[], today: string, rs: LifeRuleset): ComplianceCell[] {
  const cells: ComplianceCell[] = [];
  for (const e of rs.expected) {
    if (!e.kinds.includes(orgKind)) continue;
    const counts = new Map<string, number>();
    for (const m of meetings) {
      if (m.type !== e.type || !m.hasMinutes || !m.day.startsWith(String(year))) continue;
      if (e.by === 'secretary' && !m.bySecretary) continue;
      const k = periodKey(m.day, e.every);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const period of periodsOfYear(year, e.every)) {
      const held = counts.get(period) ?? 0;
      cells.push({
        key: e.key,
        label: expectedLabel(e),
        type: e.type,
        every: e.every,
        period,
        held,
        status: periodStatus(period, held, today),
      });
    }
  }
  return cells;
}

export interface SignInWindow {
  opens: Date;
  closes: Date;
}

/** 签到时间窗：会议开始前后各 20 分钟（规则集可调）。 */
export function signInWindow(startsAt: Date, rs: LifeRuleset): SignInWindow {
  const ms = rs.signInWindowMinutes * 60_000;
  return { opens: new Date(startsAt.getTime() - ms), closes: new Date(startsAt.getTime() + ms) };
}

export type WindowCheck = { ok: true } | { ok: false; reason: 'early' | 'late'; message: string };

const hm = (d: Date) => chinaDateTime(d).slice(11);

/** Whether `at` lies in the sign-in window (both ends included). */
export function checkSignInWindow(at: Date, startsAt: Date, rs: LifeRuleset): WindowCheck {
  const w = signInWindow(startsAt, rs);
  if (at < w.opens) return { ok: false, reason: 'early', message: `签到尚未开始：签到时间为 ${hm(w.opens)}–${hm(w.closes)}` };
  if (at > w.closes) return { ok: false, reason: 'late', message: `签到已结束：签到时间为 ${hm(w.opens)}–${hm(w.closes)}` };
  return { ok: true };
}

/** The rotation slot a moment falls in (tokens and numeric codes are per slot). */
export function tokenSlot(at: Date, rs: LifeRuleset): number {
  return Math.floor(at.getTime() / 1000 / rs.tokenRotateSeconds);
}

/**
 * Whether a token of `slot` may be used at `at`: not from the future (one slot of clock skew is
 * tolerated) and shown no longer than `tokenValidSeconds` ago.
 */
export function tokenFresh(slot: number, at: Date, rs: LifeRuleset): boolean {
  const shownAt = slot * rs.tokenRotateSeconds * 1000;
  const age = at.getTime() - shownAt;
  return age >= -rs.tokenRotateSeconds * 1000 && age <= rs.tokenValidSeconds * 1000;
}

/** Yearly training-hours target: 56 h for secretaries and committee members, 32 h otherwise. */
export function hoursTarget(isLeader: boolean, rs: LifeRuleset): number {
  return isLeader ? rs.yearlyHours.leader : rs.yearlyHours.member;
}

/** Sum of minutes as hours with one decimal (90 min → 1.5). */
export function minutesToHours(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}

/**
 * Minutes credited to one attendee of an hour-bearing meeting: the meeting's own unless the
 * secretary set fewer (left early, came late). Never more than the meeting's.
 */
export function attendeeMinutes(meetingMinutes: number, credited: number | null | undefined): number {
  if (credited === null || credited === undefined) return meetingMinutes;
  return Math.max(0, Math.min(credited, meetingMinutes));
}

/** Checks the secretary's entry of an attendee's minutes: 0 … the meeting's, a reason when fewer. */
export function checkCreditedMinutes(meetingMinutes: number, minutes: number, reason: string | undefined): RuleError | null {
  if (meetingMinutes <= 0) return { path: 'minutes', message: '本次会议不计学时' };
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > meetingMinutes)
    return { path: 'minutes', message: `学时应为 0–${meetingMinutes} 分钟（不超过本次会议的 ${minutesToHours(meetingMinutes)} 学时）` };
  if (minutes < meetingMinutes && !reason?.trim()) return { path: 'reason', message: '少计学时请填写原因（如中途离会、迟到）' };
  return null;
}

/** Year total in minutes of the attended hour-bearing meetings of that year (China-time days). */
export function yearMinutes(year: number, attended: { day: string; minutes: number }[]): number {
  return attended.filter((a) => a.day.startsWith(`${year}-`)).reduce((s, a) => s + a.minutes, 0);
}

/** 优秀 at most one third of those graded (rounded down: 10 graded → 3). */
export function excellentCap(graded: number, rs: LifeRuleset): number {
  return Math.floor(graded * rs.excellentMaxShare + 1e-9);
}

export interface Determination {
  memberId: number;
  name: string;
  category: 'full' | 'probationary' | string;
  grade: AppraisalGrade | null;
}

export interface RuleError {
  path: string;
  message: string;
}

/**
 * Checks a branch's determination (民主评议党员): every full member graded, probationary members
 * not graded (they take part but are not graded), 优秀 at most one third of those graded.
 */
export function checkDetermination(items: Determination[], rs: LifeRuleset): RuleError[] {
  const errors: RuleError[] = [];
  items.forEach((d, i) => {
    if (d.category === 'probationary' && d.grade)
      errors.push({ path: `grades.${i}.grade`, message: `${d.name}是预备党员，参加评议但不评定等次` });
    if (d.category !== 'probationary' && !d.grade) errors.push({ path: `grades.${i}.grade`, message: `请评定${d.name}的等次` });
  });
  const graded = items.filter((d) => d.category !== 'probationary' && d.grade).length;
  const excellent = items.filter((d) => d.category !== 'probationary' && d.grade === 'excellent').length;
  const cap = excellentCap(graded, rs);
  if (excellent > cap)
    errors.push({ path: 'grades', message: `评为优秀的有 ${excellent} 人，超过参评正式党员 ${graded} 人的三分之一（最多 ${cap} 人）` });
  return errors;
}

/** 限期改正 deadline: months after the decision, at most the ruleset's maximum. */
export function correctionDeadline(_decidedOn: string, months: number | undefined, rs: LifeRuleset): { months: number; error?: string } {
  const m = months ?? rs.correctionMonths.default;
  if (m < 1 || m > rs.correctionMonths.max) return { months: m, error: `限期改正期限应为 1–${rs.correctionMonths.max} 个月` };
  return { months: m };
}
