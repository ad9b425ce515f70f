import { addDays, addWorkingDays } from './dates.js';

/**
 * Whistleblowing (举报, issue 18): the statuses, the time limits as a versioned ruleset with their
 * sources, retention, attachment limits and the receipt's shape. Pure functions, used by server and web.
 */

export const REPORT_STATUSES = ['pending', 'accepted', 'investigating', 'concluded', 'archived'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  pending: '待受理',
  accepted: '已受理',
  investigating: '调查中',
  concluded: '已办结',
  archived: '已归档',
};

export const REPORT_OUTCOMES = ['substantiated', 'partly', 'unfounded', 'declined'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export const REPORT_OUTCOME_LABELS: Record<ReportOutcome, string> = {
  substantiated: '属实',
  partly: '部分属实',
  unfounded: '不属实',
  declined: '不予受理',
};

/** The moves a handler may make: from → allowed next statuses. 不予受理 is a conclusion straight from 待受理. */
export const REPORT_MOVES: Record<ReportStatus, readonly ReportStatus[]> = {
  pending: ['accepted', 'concluded'],
  accepted: ['investigating', 'concluded'],
  investigating: ['concluded'],
  concluded: ['archived'],
  archived: [],
};

export function canMove(from: ReportStatus, to: ReportStatus): boolean {
  return REPORT_MOVES[from].includes(to);
}

export interface RuleRef {
  /** The text the limit comes from, or null when it is local practice. */
  source: string | null;
  /** True where no national text sets it: the enterprise's own practice, to be confirmed by its 纪委. */
  localPractice: boolean;
}

export interface ReportRuleset extends Record<string, unknown> {
  version: string;
  effectiveFrom: string;
  /** Accept, decline or pass on within N working days of receipt. */
  acceptWorkingDays: number;
  acceptRule: RuleRef;
  /** Tell a real-name reporter that the report was accepted within N working days. */
  notifyRealNameWorkingDays: number;
  notifyRealNameRule: RuleRef;
  /** Conclude within N days of acceptance; one extension of N days with a reason. */
  concludeDays: number;
  extensionDays: number;
  concludeRule: RuleRef;
  /** Days before a deadline when the handler is reminded. */
  remindDaysBefore: number;
  /** Retention after archiving / after 不予受理, in days. */
  retainArchivedDays: number;
  retainDeclinedDays: number;
  retentionRule: RuleRef;
}

export const REPORT_RULESETS: readonly ReportRuleset[] = [
  {
    version: '2020-01',
    effectiveFrom: '2020-01-01',
    acceptWorkingDays: 5,
    acceptRule: {
      source: '《纪检监察机关处理检举控告工作规则》（2020）：下级机关对上级转办的检举控告，应在收到之日起5个工作日内受理、不予受理或转送',
      localPractice: false,
    },
    notifyRealNameWorkingDays: 15,
    notifyRealNameRule: {
      source: '《纪检监察机关处理检举控告工作规则》（2020）关于实名检举控告受理告知的规定（条文待纪委核对）',
      localPractice: true,
    },
    concludeDays: 90,
    extensionDays: 30,
    concludeRule: { source: null, localPractice: true },
    remindDaysBefore: 2,
    retainArchivedDays: 5 * 365,
    retainDeclinedDays: 365,
    retentionRule: { source: null, localPractice: true },
  },
];

export function reportRulesetOn(day: string): ReportRuleset {
  const found = [...REPORT_RULESETS].reverse().find((r) => r.effectiveFrom <= day);
  return found ?? REPORT_RULESETS[0];
}

export interface ReportDeadlines {
  acceptBy: string;
  concludeBy: string | null;
}

/** The deadlines of a report received on `receivedOn` and accepted on `acceptedOn` (if it was). */
export function reportDeadlines(rs: ReportRuleset, receivedOn: string, acceptedOn: string | null, extended: boolean): ReportDeadlines {
  return {
    acceptBy: addWorkingDays(receivedOn, rs.acceptWorkingDays),
    concludeBy: acceptedOn ? addDays(acceptedOn, rs.concludeDays + (extended ? rs.extensionDays : 0)) : null,
  };
}

/** The day a report may be deleted, from its final status; null while it is open. */
export function reportExpiresOn(rs: ReportRuleset, status: ReportStatus, outcome: ReportOutcome | null, since: string): string | null {
  if (status === 'archived') return addDays(since, rs.retainArchivedDays);
  if (status === 'concluded' && outcome === 'declined') return addDays(since, rs.retainDeclinedDays);
  return null;
}

/** 16 digits, grouped by four for reading aloud; only digits are compared. */
export const RECEIPT_PATTERN = /^\d{16}$/;
export const normalizeReceipt = (s: string): string => s.replace(/[\s-]/g, '');
export const formatReceipt = (r: string): string => r.replace(/(\d{4})(?=\d)/g, '$1 ');

/** Attachments: what a reporter may send (photos, documents, recordings), never programs or scripts. */
export const REPORT_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const REPORT_FILES_MAX = 5;
export const REPORT_FILE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  txt: 'text/plain',
};

/** Statistics cells under this are shown as "<3" (a small count can point at a person). */
export const REPORT_STATS_MIN = 3;
export const suppressSmall = (n: number): number | '<3' => (n < REPORT_STATS_MIN ? '<3' : n);
