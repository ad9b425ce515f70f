import { CURRENT_COURSE_RULESET, readableLength } from '@vanguard/shared';
import { inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { coursePlanItems, coursePlans, courseProgress, courses, members } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';
import { sanitizeArticle } from './courses.service.js';

const ARTICLES: { title: string; topic: string; summary: string; body: string; at: 'group' | 'mine' }[] = [
  {
    title: '煤矿安全生产“十不准”解读',
    topic: 'safety',
    summary: '井下作业人员必须牢记的基本安全规定。',
    at: 'mine',
    body: `<h3>一、为什么要讲“十不准”</h3><p>安全生产是煤矿企业的生命线。每一名共产党员都要在安全生产中走在前、作表率，带头遵守规程，带头排查隐患，带头制止“三违”行为。</p><h3>二、主要内容</h3><ol><li>不准无证上岗，不准违章指挥。</li><li>不准在瓦斯超限区域作业。</li><li>不准擅自拆除、停用安全设施。</li><li>不准空顶作业，不准在未支护区域停留。</li><li>不准酒后下井。</li></ol><p>党员先锋岗、责任区要把“十不准”落实到每一个班组、每一个岗位。</p>`,
  },
  {
    title: '顶板管理与敲帮问顶',
    topic: 'safety',
    summary: '综采工作面顶板管理要点。',
    at: 'mine',
    body: `<p>综采工作面顶板事故多发生在端头、超前支护段和过断层期间。作业前必须执行敲帮问顶制度，由有经验的老工人站在安全地点用长柄工具检查，发现活矸危岩及时处理。</p><p>支部要把顶板管理纳入“党员身边无事故”活动，每月组织一次隐患排查。</p>`,
  },
  {
    title: '中国共产党的百年奋斗历程（一）',
    topic: 'party_history',
    summary: '从建党到新民主主义革命的胜利。',
    at: 'group',
    body: `<p>1921年7月，中国共产党第一次全国代表大会召开，宣告了中国共产党的正式成立。中国共产党一经诞生，就把为中国人民谋幸福、为中华民族谋复兴确立为自己的初心使命。</p><p>经过二十八年浴血奋战，党领导人民建立了中华人民共和国，实现了民族独立、人民解放。</p><blockquote>学史明理、学史增信、学史崇德、学史力行。</blockquote>`,
  },
  {
    title: '中央八项规定精神学习要点',
    topic: 'integrity',
    summary: '廉洁自律，从身边小事做起。',
    at: 'group',
    body: `<p>中央八项规定是改进工作作风、密切联系群众的重要规定。党员干部要严格遵守，不收受礼品礼金，不违规吃喝，不公款旅游。</p><p>物资采购、设备招标、工程结算是煤矿企业廉洁风险较高的环节，要加强监督，做到公开透明。</p>`,
  },
  {
    title: '以案为鉴：煤矿物资采购中的廉洁风险',
    topic: 'integrity',
    summary: '警示教育案例。',
    at: 'mine',
    body: `<p>某矿物资供应科原科长利用职务便利，在采购过程中收受供应商好处费，最终受到党纪政务处分并被移送司法机关。</p><p>案例警示我们：权力必须在阳光下运行，关键岗位要定期轮岗，采购要“三比一算”。</p>`,
  },
];

/** The training course of the activists (入党积极分子培训), read by them on the phone from 入党进程. */
const ACTIVIST_COURSE = {
  title: '入党积极分子培训：端正入党动机',
  topic: 'party_history',
  summary: '入党积极分子必修：党的性质和宗旨、党员的条件，以及怎样在生产一线端正入党动机。',
  body: `<h3>一、党的性质和宗旨</h3><p>中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队。党的根本宗旨是全心全意为人民服务。申请入党，首先要弄清楚党是什么、党为了什么。</p><h3>二、党员的条件</h3><p>年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和章程，愿意参加党的一个组织并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党。</p><h3>三、端正入党动机</h3><p>入党不是为了个人得到什么，而是为了更好地为人民服务。在综采一线，入党积极分子要带头遵守安全规程，带头攻坚克难，经常向培养联系人汇报思想，按季度递交思想汇报。</p><h3>四、培养考察期间要做的事</h3><ol><li>认真学习党章和党的基本知识。</li><li>每季度向党组织递交一次思想汇报。</li><li>参加党支部组织的学习和活动，接受党支部每半年一次的考察。</li></ol>`,
};

/** Demo courses (安全生产, 党史, 廉政) and one plan for the 东山 mine, with a little progress. */
export async function seedCoursesDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const group = ctx.org('晋岭能源集团党委');
  const mine = ctx.org('东山矿党委');
  const rows = await tx
    .insert(courses)
    .values(
      ARTICLES.map((a) => {
        const o = a.at === 'group' ? group : mine;
        const bodyHtml = sanitizeArticle(a.body);
        return {
          orgId: o.id,
          orgPath: o.path,
          title: a.title,
          topic: a.topic,
          kind: 'article',
          summary: a.summary,
          bodyHtml,
          textLength: readableLength(bodyHtml),
          rulesVersion: CURRENT_COURSE_RULESET.version,
          createdBy: ctx.userIds.get('mineadmin') ?? null,
        };
      }),
    )
    .returning({ id: courses.id, title: courses.title });
  const year = ctx.now.getUTCFullYear();
  const [plan] = await tx
    .insert(coursePlans)
    .values({
      orgId: mine.id,
      orgPath: mine.path,
      title: `${year}年东山矿安全生产与廉政专题学习`,
      dueDate: `${year}-12-31`,
      createdBy: ctx.userIds.get('mineadmin') ?? null,
    })
    .returning();
  if (!plan) return;
  // The activists' course (the group's) in a plan of the mine for everyone labelled 入党积极分子: the
  // activists of 东山 read it from 入党进程 on the phone, workers included (issue 24).
  const activistHtml = sanitizeArticle(ACTIVIST_COURSE.body);
  const [activist] = await tx
    .insert(courses)
    .values({
      orgId: group.id,
      orgPath: group.path,
      title: ACTIVIST_COURSE.title,
      topic: ACTIVIST_COURSE.topic,
      kind: 'article',
      summary: ACTIVIST_COURSE.summary,
      bodyHtml: activistHtml,
      textLength: readableLength(activistHtml),
      rulesVersion: CURRENT_COURSE_RULESET.version,
      createdBy: ctx.userIds.get('orgadmin') ?? null,
    })
    .returning({ id: courses.id });
  const [activistPlan] = await tx
    .insert(coursePlans)
    .values({
      orgId: mine.id,
      orgPath: mine.path,
      title: `${year}年东山矿入党积极分子培训`,
      dueDate: `${year}-12-31`,
      audienceLabel: '入党积极分子',
      createdBy: ctx.userIds.get('mineadmin') ?? null,
    })
    .returning({ id: coursePlans.id });
  if (activist && activistPlan) await tx.insert(coursePlanItems).values({ planId: activistPlan.id, courseId: activist.id, position: 0 });
  const picked = rows.filter((r) => !r.title.startsWith('顶板'));
  await tx.insert(coursePlanItems).values(picked.map((c, position) => ({ planId: plan.id, courseId: c.id, position })));
  // A couple of members of 东山综采一队 have already finished the first course (progress only; no heartbeats, so no hours).
  const branch = ctx.org('东山综采一队党支部');
  const some = await tx
    .select({ id: members.id })
    .from(members)
    .where(inArray(members.orgId, [branch.id]))
    .limit(4);
  const first = picked[0];
  if (first && some.length > 1) {
    await tx
      .insert(courseProgress)
      .values(
        some.slice(1).map((m) => ({ memberId: m.id, courseId: first.id, creditedSeconds: 120, watchedSeconds: 0, completedAt: ctx.now })),
      );
  }
}
