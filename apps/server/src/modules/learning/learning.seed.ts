import { autoGrade, type QuestionAnswer, type QuestionType, seededRng, shuffle } from '@vanguard/shared';
import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  learningAttemptItems,
  learningAttempts,
  learningExamItems,
  learningExams,
  learningQuestions,
  learningQuestionVersions,
  members,
} from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';

type Q = [category: string, type: QuestionType, difficulty: 1 | 2 | 3, stem: string, options: string[], answer: QuestionAnswer];

/** The group's bank: 安全生产, 党史 and 廉政, every type, every difficulty. */
const BANK: Q[] = [
  [
    '安全生产',
    'single',
    1,
    '我国安全生产工作的方针是？',
    ['安全第一、预防为主、综合治理', '生产第一、安全第二', '效益优先、兼顾安全', '以罚代管、事后处理'],
    { keys: ['A'] },
  ],
  ['安全生产', 'single', 1, '井下作业人员入井时必须随身携带？', ['手机', '自救器', '打火机', '收音机'], { keys: ['B'] }],
  ['安全生产', 'single', 2, '采掘工作面风流中瓦斯浓度达到多少时，必须停止用电钻打眼？', ['0.5%', '1.0%', '1.5%', '2.0%'], { keys: ['B'] }],
  ['安全生产', 'single', 2, '煤矿“一通三防”中的“一通”是指？', ['通信', '通风', '通道', '通报'], { keys: ['B'] }],
  [
    '安全生产',
    'single',
    3,
    '矿井总回风巷中瓦斯浓度超过多少时，必须立即查明原因并处理？',
    ['0.5%', '0.75%', '1.0%', '1.5%'],
    { keys: ['B'] },
  ],
  ['安全生产', 'multiple', 2, '“三违”是指哪些行为？', ['违章指挥', '违章作业', '违反劳动纪律', '违反财务制度'], { keys: ['A', 'B', 'C'] }],
  ['安全生产', 'multiple', 3, '“一通三防”中的“三防”包括？', ['防瓦斯', '防煤尘', '防灭火', '防盗窃'], { keys: ['A', 'B', 'C'] }],
  ['安全生产', 'judge', 1, '井下可以用铁器敲打照明设备。', [], { keys: ['false'] }],
  ['安全生产', 'judge', 2, '发现顶板来压预兆时，应立即撤离人员到安全地点。', [], { keys: ['true'] }],
  ['安全生产', 'fill', 2, '煤矿井下“敲帮问顶”应按照由外向里、先____后帮的顺序进行。', [], { blanks: [['顶']] }],
  ['安全生产', 'fill', 1, '从业人员有权拒绝____指挥和强令冒险作业。', [], { blanks: [['违章']] }],
  [
    '安全生产',
    'short',
    3,
    '简述发生透水事故征兆时现场人员应采取的措施。',
    [],
    { reference: '立即停止作业，报告调度室，按避灾路线撤离到安全地点，来不及撤离时进入避难硐室等待救援。' },
  ],
  ['党史', 'single', 1, '中国共产党第一次全国代表大会于哪一年召开？', ['1919年', '1921年', '1927年', '1935年'], { keys: ['B'] }],
  ['党史', 'single', 1, '中国共产党成立纪念日是？', ['7月1日', '8月1日', '10月1日', '5月4日'], { keys: ['A'] }],
  ['党史', 'single', 2, '确立毛泽东在党中央和红军的领导地位的会议是？', ['古田会议', '遵义会议', '洛川会议', '八七会议'], { keys: ['B'] }],
  ['党史', 'single', 2, '党的十一届三中全会召开于哪一年？', ['1976年', '1978年', '1982年', '1992年'], { keys: ['B'] }],
  [
    '党史',
    'single',
    3,
    '“没有调查，没有发言权”出自毛泽东的哪篇著作？',
    ['《反对本本主义》', '《实践论》', '《矛盾论》', '《论持久战》'],
    { keys: ['A'] },
  ],
  [
    '党史',
    'multiple',
    2,
    '下列属于新民主主义革命时期重要会议的有？',
    ['八七会议', '古田会议', '遵义会议', '十一届三中全会'],
    { keys: ['A', 'B', 'C'] },
  ],
  [
    '党史',
    'multiple',
    3,
    '党的三大优良作风是？',
    ['理论联系实际', '密切联系群众', '批评与自我批评', '艰苦奋斗'],
    { keys: ['A', 'B', 'C'] },
  ],
  ['党史', 'judge', 1, '南昌起义打响了武装反抗国民党反动派的第一枪。', [], { keys: ['true'] }],
  ['党史', 'judge', 2, '中华人民共和国成立于1945年。', [], { keys: ['false'] }],
  ['党史', 'fill', 1, '中国共产党第一次全国代表大会最后一天的会议转移到浙江嘉兴____的游船上举行。', [], { blanks: [['南湖']] }],
  ['党史', 'fill', 2, '党的十八大以来，全面从严治党的“八项规定”出台于____年。', [], { blanks: [['2012', '二〇一二']] }],
  [
    '党史',
    'short',
    3,
    '简述“红船精神”的内涵。',
    [],
    { reference: '开天辟地、敢为人先的首创精神；坚定理想、百折不挠的奋斗精神；立党为公、忠诚为民的奉献精神。' },
  ],
  ['廉政', 'single', 1, '中央八项规定是哪一年出台的？', ['2008年', '2012年', '2016年', '2020年'], { keys: ['B'] }],
  [
    '廉政',
    'single',
    1,
    '党员领导干部操办婚丧喜庆事宜应当？',
    ['大操大办', '借机敛财', '从简办理并按规定报告', '由下属代办'],
    { keys: ['C'] },
  ],
  ['廉政', 'single', 2, '党的纪律处分中最重的一种是？', ['警告', '撤销党内职务', '留党察看', '开除党籍'], { keys: ['D'] }],
  [
    '廉政',
    'single',
    2,
    '《中国共产党纪律处分条例》规定的“六大纪律”不包括？',
    ['政治纪律', '组织纪律', '廉洁纪律', '考勤纪律'],
    { keys: ['D'] },
  ],
  ['廉政', 'single', 3, '留党察看的期限最长不超过？', ['一年', '两年', '三年', '五年'], { keys: ['B'] }],
  [
    '廉政',
    'multiple',
    2,
    '下列属于违反廉洁纪律的行为有？',
    ['收受可能影响公正执行公务的礼品', '违规操办婚丧喜庆', '利用职权为亲属谋利', '按时交纳党费'],
    { keys: ['A', 'B', 'C'] },
  ],
  [
    '廉政',
    'multiple',
    3,
    '党的纪律处分种类包括？',
    ['警告、严重警告', '撤销党内职务', '留党察看', '开除党籍'],
    { keys: ['A', 'B', 'C', 'D'] },
  ],
  ['廉政', 'judge', 1, '党员可以接受管理服务对象安排的宴请。', [], { keys: ['false'] }],
  ['廉政', 'judge', 2, '监督执纪“四种形态”中的第一种是经常开展批评和自我批评、约谈函询。', [], { keys: ['true'] }],
  ['廉政', 'fill', 1, '党员领导干部要严守“____”，不踩红线、不越底线。', [], { blanks: [['纪律规矩', '纪律和规矩', '规矩']] }],
  ['廉政', 'fill', 2, '坚持“三不”一体推进：不敢腐、不能腐、不____腐。', [], { blanks: [['想']] }],
  [
    '廉政',
    'short',
    3,
    '结合本岗位，谈谈煤矿物资采购环节可能存在的廉政风险及防控措施。',
    [],
    { reference: '风险：指定供应商、虚报价格、收受回扣；措施：公开招标、比价采购、分权制衡、全程留痕、定期审计。' },
  ],
];

/**
 * Demo data of the learning module: the group's question bank (36 questions of 安全生产, 党史 and
 * 廉政), an open random-draw exam for the 东山 mine, and a closed fixed paper of 东山综采一队 with
 * results, so the results and item-analysis pages have something to show. The demo `member` login
 * (the branch's first member) has taken nothing yet.
 */
export async function seedLearningDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const group = ctx.org('晋岭能源集团党委');
  const mine = ctx.org('东山矿党委');
  const branch = ctx.org('东山综采一队党支部');
  const author = ctx.userIds.get('orgadmin') ?? null;
  const day = 86_400_000;
  const now = ctx.now.getTime();

  const qs = await tx
    .insert(learningQuestions)
    .values(
      BANK.map(([category, type, difficulty]) => ({
        orgId: group.id,
        orgPath: group.path,
        type,
        category,
        difficulty,
        tags: type === 'short' ? ['主观题'] : [],
        createdBy: author,
      })),
    )
    .returning({ id: learningQuestions.id });
  const vs = await tx
    .insert(learningQuestionVersions)
    .values(
      BANK.map(([, type, , stem, options, answer], i) => ({
        questionId: qs[i].id,
        version: 1,
        stem,
        options:
          type === 'judge'
            ? [
                { key: 'true', text: '正确' },
                { key: 'false', text: '错误' },
              ]
            : options.map((text, j) => ({ key: 'ABCDEFGH'[j], text })),
        answer,
        createdBy: author,
      })),
    )
    .returning({ id: learningQuestionVersions.id, questionId: learningQuestionVersions.questionId });
  await tx.execute(sql`
    UPDATE learning_questions q SET current_version_id = v.id
    FROM learning_question_versions v WHERE v.question_id = q.id AND q.org_path = ${group.path}`);

  await tx.insert(learningExams).values({
    orgId: mine.id,
    orgPath: mine.path,
    title: '2026年安全生产与党史知识测试',
    description: '东山矿全体党员参加；随机抽题，每人两次机会，取最高分。',
    mode: 'random',
    drawRules: [
      { category: '安全生产', difficulty: null, count: 4, points: 10 },
      { category: '党史', difficulty: null, count: 3, points: 10 },
      { category: '廉政', difficulty: null, count: 3, points: 10 },
    ],
    opensAt: new Date(now - 2 * day),
    closesAt: new Date(now + 14 * day),
    timeLimitMinutes: 30,
    maxAttempts: 2,
    gradingPolicy: 'highest',
    reviewRule: 'immediately',
    passScore: 60,
    status: 'published',
    publishedAt: new Date(now - 2 * day),
    createdBy: ctx.userIds.get('mineadmin') ?? author,
  });

  // A closed fixed paper of the branch (廉政 and 安全生产, auto-graded types only), taken by most of the branch.
  const paperIdx = BANK.map((q, i) => ({ q, i }))
    .filter(({ q }) => q[1] !== 'short' && (q[0] === '廉政' || q[0] === '安全生产'))
    .slice(0, 10);
  const closesAt = new Date(now - 20 * day);
  const [paper] = await tx
    .insert(learningExams)
    .values({
      orgId: branch.id,
      orgPath: branch.path,
      title: '一季度廉政与安全知识测验',
      mode: 'fixed',
      opensAt: new Date(now - 30 * day),
      closesAt,
      timeLimitMinutes: 20,
      maxAttempts: 1,
      gradingPolicy: 'highest',
      reviewRule: 'after_close',
      passScore: 60,
      status: 'published',
      publishedAt: new Date(now - 30 * day),
      createdBy: ctx.userIds.get('secretary') ?? author,
    })
    .returning();
  await tx
    .insert(learningExamItems)
    .values(paperIdx.map(({ i }, pos) => ({ examId: paper.id, questionId: qs[i].id, position: pos + 1, points: 10 })));
  const people = await tx.select().from(members).where(eq(members.orgId, branch.id)).orderBy(asc(members.id));
  const takers = people.slice(1, Math.max(2, Math.floor(people.length * 0.8)));
  const rng = seededRng(2026);
  for (const [n, m] of takers.entries()) {
    // Ability from 0.35 to 0.95; the 3rd and 7th questions trip everyone equally (low discrimination).
    const ability = 0.35 + 0.6 * (n / Math.max(1, takers.length - 1));
    const startedAt = new Date(now - (29 - (n % 8)) * day);
    const items = paperIdx.map(({ q, i }, pos) => {
      const [, type, , , options, answer] = q;
      const right = pos === 2 || pos === 6 ? rng() < 0.5 : rng() < ability;
      let response: { keys: string[] } | { texts: string[] };
      if ('keys' in answer) {
        const keys = type === 'judge' ? ['true', 'false'] : options.map((_, j) => 'ABCDEFGH'[j]);
        response = right ? { keys: answer.keys } : { keys: [keys.find((k) => !answer.keys.includes(k)) ?? keys[0]] };
      } else response = { texts: [right && 'blanks' in answer ? answer.blanks[0][0] : '不知道'] };
      const g = autoGrade({ type, stem: '', options: [], answer }, response, 10);
      return { i, pos, response, correct: g?.correct ?? false, awarded: g?.points ?? 0 };
    });
    const score = items.reduce((s, x) => s + x.awarded, 0);
    const [a] = await tx
      .insert(learningAttempts)
      .values({
        examId: paper.id,
        memberId: m.id,
        userId: null,
        orgId: branch.id,
        orgPath: branch.path,
        number: 1,
        seed: n + 1,
        startedAt,
        deadlineAt: new Date(startedAt.getTime() + 20 * 60_000),
        status: 'graded',
        endedBy: 'member',
        submittedAt: new Date(startedAt.getTime() + 12 * 60_000),
        autoScore: score,
        manualScore: 0,
        score,
        maxScore: 100,
      })
      .returning({ id: learningAttempts.id });
    await tx.insert(learningAttemptItems).values(
      items.map((x) => {
        const opts = BANK[x.i][4].map((_, j) => 'ABCDEFGH'[j]);
        return {
          attemptId: a.id,
          position: x.pos + 1,
          questionId: qs[x.i].id,
          versionId: vs[x.i].id,
          points: 10,
          optionOrder: BANK[x.i][1] === 'judge' ? ['true', 'false'] : shuffle(opts, rng),
          response: x.response,
          answeredAt: new Date(startedAt.getTime() + (x.pos + 1) * 60_000),
          correct: x.correct,
          awarded: x.awarded,
        };
      }),
    );
  }
}
