/**
 * Notification rules (issue 16): what a message may carry, how it reads, when it may go out.
 * A message is a code, parameters and a link — never free text — so that nothing sensitive (ID
 * numbers, phones, salary bases, discipline, health) can travel to a chat group or an SMS gateway.
 */
import { chinaDateTime, startOfChinaDay } from './dates.js';

/**
 * Parameters by the ending of their name: `…Id` a number, `…Name` a person's or org's name, `…Title`
 * a title or topic, `…At` an instant (ISO), `…On` a China day (YYYY-MM-DD), `…Count` a count. Any
 * other key does not compile (`{ phone: … }` is an excess property), and `checkMessageParams` refuses
 * it at run time too.
 */
export type MessageParams = {
  [k: `${string}Id`]: number;
  [k: `${string}Name`]: string;
  [k: `${string}Title`]: string;
  [k: `${string}At`]: string;
  [k: `${string}On`]: string;
  [k: `${string}Count`]: number;
};

/** Chinese text per message code; `{param}` is replaced. Modules add their codes here. */
export const NOTIFY_TEMPLATES = {
  'notify.test': '【先锋】测试消息：{providerName} 通道可以送达（{sentAt}）',
  'meeting.invited': '【先锋】会议通知：{orgName}「{meetingTitle}」，{startsAt} 开始，请准时参加',
  'meeting.cancelled': '【先锋】会议取消：{orgName}「{meetingTitle}」（原定 {startsAt}）',
  'todo.reminder': '【先锋】待办提醒：{todoTitle}，截止 {dueOn}',
  'notice.published': '【先锋】{orgName} 发布通知「{noticeTitle}」，请及时查看',
  'notice.sign': '【先锋】{orgName} 发布通知「{noticeTitle}」，请于 {deadlineAt} 前签收',
  'notice.remind': '【先锋】提醒：{orgName}「{noticeTitle}」您尚未阅读，请及时查看',
  'task.assigned': '【先锋】任务督办：{orgName} 下达「{taskTitle}」，请于 {deadlineAt} 前报送',
  'task.returned': '【先锋】任务「{taskTitle}」的报送被退回，请修改后重新报送',
  'event.promoted': '【先锋】候补转正：您已获得「{eventTitle}」的名额，{startsAt} 开始，请准时参加',
  'petition.submitted': '【先锋】职工诉求待受理：{orgName}收到「{categoryTitle}」诉求，请于 {acceptDueOn} 前受理、{replyDueOn} 前答复',
  'petition.escalated': '【先锋】职工诉求逾期未答复，已提交{orgName}：「{categoryTitle}」，原答复期限 {replyDueOn}',
  'petition.replied': '【先锋】您的诉求已答复（{orgName}），请查看并评价',
  'decision.published': '【先锋】党务公开：{orgName}「{matterTitle}」，请查阅',
} as const;
export type NotifyCode = keyof typeof NOTIFY_TEMPLATES;

export interface NotifyMessage {
  code: NotifyCode;
  params: MessageParams;
  /** A path inside the app (`/m/life/12`), never an outside address. */
  link?: string | null;
}

export const NOTIFY_RULES = {
  /** Tries of one delivery: the first and three retries. */
  maxAttempts: 4,
  /** Wait before retry n: base · 2^(n−1) seconds, at most maxDelaySeconds. */
  baseDelaySeconds: 30,
  maxDelaySeconds: 3600,
  /** Messages beyond the app per user per China day, unless the user's preference is lower. */
  defaultDailyCap: 20,
  defaultTimeoutMs: 5000,
  maxNameLength: 40,
  maxTitleLength: 100,
} as const;

const KEY = /^[a-z][A-Za-z0-9]*(Id|Name|Title|At|On|Count)$/;
/** Stems that name sensitive fields (RULES.md §Security): refused whatever their ending. */
const SENSITIVE = /(idnumber|idcard|identity|phone|mobile|salary|income|base|health|discipline|address|password|secret|token)/i;
/** Six digits or more in a row: an ID number, a phone number or a bank account, never a name or title. */
const LONG_DIGITS = /\d{6,}/;

/** Problems with a message's parameters (empty when it may be sent). */
export function checkMessageParams(params: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    const m = KEY.exec(k);
    if (!m || SENSITIVE.test(k)) {
      problems.push(`${k}: 不允许的参数（消息只能包含编号、姓名、标题、日期和数量）`);
      continue;
    }
    const kind = m[1];
    if (kind === 'Id' || kind === 'Count') {
      if (!Number.isInteger(v)) problems.push(`${k}: 应为整数`);
    } else if (typeof v !== 'string') {
      problems.push(`${k}: 应为文本`);
    } else if (kind === 'At') {
      if (Number.isNaN(Date.parse(v)) || !/^\d{4}-\d{2}-\d{2}T/.test(v)) problems.push(`${k}: 应为时间`);
    } else if (kind === 'On') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) problems.push(`${k}: 应为日期`);
    } else {
      const max = kind === 'Name' ? NOTIFY_RULES.maxNameLength : NOTIFY_RULES.maxTitleLength;
      if (v.length > max) problems.push(`${k}: 过长（最多 ${max} 字）`);
      if (LONG_DIGITS.test(v)) problems.push(`${k}: 不能包含证件号、电话等长数字`);
    }
  }
  return problems;
}

/** A name or title fit for a message: long digit runs (never an ID or phone number) and excess length cut. */
export function messageText(s: string, max: number = NOTIFY_RULES.maxTitleLength): string {
  return s.replace(/\d{6,}/g, '…').slice(0, max);
}

/** The message as text: the code's template with its parameters (instants in China time). */
export function renderMessage(msg: { code: string; params: Record<string, unknown> }): string {
  const template: string = (NOTIFY_TEMPLATES as Record<string, string>)[msg.code] ?? msg.code;
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => {
    const v = msg.params[k];
    if (v === undefined || v === null) return '';
    return k.endsWith('At') && typeof v === 'string' ? chinaDateTime(new Date(v)) : String(v);
  });
}

/** `HH:MM` (China time) to minutes after midnight. */
const minutesOf = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/**
 * When quiet hours (China time, `start`–`end`, may pass midnight; start = end means none) hold at
 * `now`, the instant they end; otherwise null.
 */
export function quietUntil(now: Date, quiet: { start: string; end: string } | null): Date | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const wall = chinaDateTime(now);
  const minute = minutesOf(wall.slice(11));
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const dayStart = startOfChinaDay(wall.slice(0, 10)).getTime();
  const endToday = dayStart + end * 60_000;
  return new Date(endToday > now.getTime() ? endToday : endToday + 86_400_000);
}

/** The wait before the next try after `attempts` failed tries (exponential, capped). */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(NOTIFY_RULES.maxDelaySeconds, NOTIFY_RULES.baseDelaySeconds * 2 ** Math.max(0, attempts - 1));
}
