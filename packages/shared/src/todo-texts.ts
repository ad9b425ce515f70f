/**
 * What to-dos and the homes' agenda items say, as codes with parameters. The server stores the code
 * and the parameters with each to-do (and renders the Chinese text for clients that show `title`);
 * a client may render them in its own language from the same code (issue 24 item 12). Templates use
 * i18next's `{{name}}` placeholders, so they can move into the web's resources unchanged.
 */
export const TODO_TEXTS = {
  // Dues arrears (dues-arrears.ts): one to-do per person and arrears run, the latest stage replacing the earlier.
  'dues.arrears.remind': {
    title: '您已连续 {{n}} 个月以上未交纳党费（自 {{since}} 起），请及时交纳',
    body: '无正当理由连续 {{limit}} 个月不交纳党费的，按自行脱党处理。依据：{{source}}',
  },
  'dues.arrears.escalate': {
    title: '{{name}}已连续 {{n}} 个月以上未交纳党费（自 {{since}} 起），请谈话提醒',
    body: '满 {{limit}} 个月将启动自行脱党审查。依据：{{source}}',
  },
  'dues.arrears.withdrawal': {
    title: '{{name}}已连续 {{n}} 个月未交纳党费（自 {{since}} 起），请支委会审查是否按自行脱党处理',
    body: '支委会核实有无正当理由，提出处理意见，经支部大会讨论决定并报上级党组织批准。依据：{{source}}；党章第九条',
  },
  // The homes' agenda (GET /api/v1/home/agenda): computed on each read, never stored.
  'agenda.life.due': { title: '{{period}}应召开{{name}}，尚未召开', body: '{{org}} · {{periodKey}} · 依据：{{source}}' },
  'agenda.life.missing': { title: '{{periodKey}} 未召开{{name}}（或未填写会议记录），请补开并录入', body: '{{org}} · 依据：{{source}}' },
  'agenda.dues.unbilled': { title: '{{month}} 党费账单尚未生成：{{n}} 人', body: '{{org}} · 账单每月初自动生成，可在“台账”中补生成' },
  'agenda.dues.uncollected': { title: '{{month}} 党费未收齐：{{n}} 人未交，共 {{amount}} 元', body: '{{org}}' },
  'agenda.dues.reported': { title: '{{n}} 笔党员报告的缴费待确认', body: '{{org}} · 核对凭证后确认或退回' },
  'agenda.dues.arrears': { title: '{{n}} 人连续 {{months}} 个月以上未交党费', body: '{{org}} · 满 {{limit}} 个月按自行脱党审查' },
  'agenda.meeting': { title: '{{type}}：{{topic}}', body: '{{when}} · {{place}}' },
  'agenda.meeting.leave': { title: '{{type}}：{{topic}}（{{leave}}）', body: '{{when}} · {{place}}' },
  'agenda.dues.owed': { title: '待交党费 {{n}} 个月，共 {{amount}} 元', body: '{{months}}' },
  'agenda.dues.pending': { title: '{{n}} 笔缴费待支部确认', body: '{{months}}' },
  'agenda.exam': { title: '考试：{{title}}', body: '{{closes}} 截止 · 已用 {{used}}/{{max}} 次' },
  'agenda.course': { title: '学习计划：{{title}}', body: '{{due}} 截止 · 已完成 {{done}}/{{total}} 门' },
  'agenda.points': { title: '今年积分 {{year}} 分，本月 {{month}} 分', body: '{{rank}}' },
} as const satisfies Record<string, { title: string; body?: string }>;

export type TodoCode = keyof typeof TODO_TEXTS;
export type TodoTextParams = Record<string, string | number>;

const fill = (template: string, params: TodoTextParams) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));

/** The Chinese title and body of a code with its parameters. */
export function todoText(code: TodoCode, params: TodoTextParams): { title: string; body: string | null } {
  const t: { title: string; body?: string } = TODO_TEXTS[code];
  return { title: fill(t.title, params), body: t.body ? fill(t.body, params) : null };
}
