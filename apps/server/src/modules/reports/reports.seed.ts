import type { ReportQuestion } from '@vanguard/shared/api/reports';
import type { DbOrTx, Tx } from '../../db/client.js';
import { reportChannelHandlers, reportChannels, reportHandlerKeys } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';
import { newHandlerKeyPair, sealPrivateKey } from './reports.crypto.js';

const accused: ReportQuestion = {
  key: 'accused',
  label: '被举报人（姓名、单位、职务）',
  kind: 'text',
  required: false,
  hint: '不清楚可不填',
};
const what: ReportQuestion = {
  key: 'what',
  label: '举报内容',
  kind: 'textarea',
  required: true,
  hint: '时间、地点、经过、涉及人员，尽量具体',
};

/** The channels the demo (and a fresh install's administrator) starts from: data, not code (issue 18 item 1). */
export const DEMO_CHANNELS = [
  {
    code: 'discipline',
    name: '纪检监察举报',
    description: '反映党员干部违反党纪政纪、廉洁纪律的问题（吃拿卡要、收受礼金、优亲厚友、岗位和工资分配不公等）。',
    rewardEnabled: false,
    questions: [
      { ...accused, required: true, hint: '请写明姓名和单位' },
      what,
      { key: 'evidence', label: '证据线索', kind: 'textarea', required: false },
    ],
  },
  {
    code: 'safety',
    name: '安全隐患举报',
    description: '举报重大事故隐患、“三违”行为、瞒报谎报事故；查证属实的按规定给予奖励。',
    rewardEnabled: true,
    questions: [
      { key: 'kind', label: '类别', kind: 'select', required: true, options: ['重大事故隐患', '三违行为', '瞒报谎报事故', '其他安全问题'] },
      { key: 'where', label: '地点（矿井、采区、工作面）', kind: 'text', required: true },
      what,
      accused,
    ],
  },
  {
    code: 'conduct',
    name: '作风建设',
    description: '反映形式主义、官僚主义，以及违反中央八项规定精神的问题。',
    rewardEnabled: false,
    questions: [what, accused],
  },
] as const satisfies readonly { code: string; name: string; description: string; rewardEnabled: boolean; questions: ReportQuestion[] }[];

/** A handler's key pair sealed under the password (the demo knows its own password; real handlers set theirs up). */
export async function createHandlerKey(db: DbOrTx, userId: number, password: string): Promise<void> {
  const pair = newHandlerKeyPair();
  await db
    .insert(reportHandlerKeys)
    .values({ userId, publicKey: pair.publicKey, ...(await sealPrivateKey(pair.privateDer, password, userId)) });
}

export async function createChannel(
  db: DbOrTx,
  o: {
    code: string;
    org: { id: number; path: string };
    handlers: number[];
    rewardEnabled?: boolean;
    name?: string;
    questions?: ReportQuestion[];
  },
) {
  const base = DEMO_CHANNELS.find((c) => c.code === o.code) ?? DEMO_CHANNELS[1];
  const [ch] = await db
    .insert(reportChannels)
    .values({
      code: o.code,
      name: o.name ?? base.name,
      description: base.description,
      orgId: o.org.id,
      orgPath: o.org.path,
      questions: o.questions ?? [...base.questions],
      rewardEnabled: o.rewardEnabled ?? base.rewardEnabled,
    })
    .returning({ id: reportChannels.id });
  if (o.handlers.length) await db.insert(reportChannelHandlers).values(o.handlers.map((userId) => ({ channelId: ch.id, userId })));
  return ch;
}

/** The three demo channels at the group's 纪委, handled by the demo `handler`. */
export async function seedReportsDemo(tx: Tx, ctx: DemoContext, password: string): Promise<void> {
  const group = ctx.org('晋岭能源集团党委');
  const handler = ctx.userIds.get('handler');
  if (!handler) return;
  await createHandlerKey(tx, handler, password);
  for (const c of DEMO_CHANNELS) await createChannel(tx, { code: c.code, org: group, handlers: [handler] });
}
