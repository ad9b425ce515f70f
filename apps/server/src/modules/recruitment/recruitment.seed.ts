import {
  addDays,
  chinaDay,
  probationEndsOn,
  RECRUITMENT_FORMS,
  RECRUITMENT_RULESETS,
  type RecruitmentForm,
  stepDef,
} from '@vanguard/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  members,
  recruitmentCases,
  recruitmentChecks,
  recruitmentPlans,
  recruitmentSteps,
  recruitmentVotes,
  workers,
} from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';

/** Days from the application to each step (1–16) in the demo cases: the rules hold between them. */
const OFFSETS = [0, 14, 60, 70, 75, 427, 427, 437, 447, 457, 467, 477, 487, 497, 507, 517];

const FORMS: Partial<Record<RecruitmentForm, Record<string, unknown>>> = {
  talk: { talker: '支部书记', content: '了解入党动机和对党的认识，鼓励其在生产一线发挥作用' },
  activist: { recommendedBy: '党员推荐', opinion: '支委会研究同意确定为入党积极分子' },
  review: { opinion: '思想积极，安全生产表现突出' },
  political: { conclusion: 'pass', summary: '经函调，本人及直系亲属政治历史清楚，符合政审要求' },
  training: { organizer: '东山矿党校', days: 3, hours: 24 },
  prereview: { opinion: '经预审，同意发放入党志愿书', leavingSoon: false },
  volunteer: { volunteerNo: '', summary: '本人已如实填写入党志愿书' },
  resolution: { outcome: 'admit', resolution: '支部大会表决同意接收为预备党员' },
};

/** Demo people in recruitment in 东山综采一队党支部 (every stage up to awaiting approval) and a plan for this year. */
export async function seedRecruitmentDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const today = chinaDay(ctx.now);
  const branch = ctx.org('东山综采一队党支部');
  const confirmedBy = ctx.userIds.get('secretary') ?? 1;
  const approver = ctx.userIds.get('mineadmin') ?? confirmedBy;
  const full = await tx
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(eq(members.orgId, branch.id), eq(members.category, 'full'), eq(members.status, 'normal')))
    .orderBy(asc(members.id));
  const people = [
    [
      { role: '培养联系人', idx: 0 },
      { role: '培养联系人', idx: 1 },
    ],
    [
      { role: '入党介绍人', idx: 0 },
      { role: '入党介绍人', idx: 2 },
    ],
  ].map((ps) => ps.map((p) => ({ memberId: full[p.idx].id, name: full[p.idx].name, role: p.role })));

  // name, sex, birth date, last step done, days since that step
  const demo: [string, '男' | '女', string, number, number][] = [
    ['张晓明', '男', '1999-05-12', 1, 20],
    ['李文静', '女', '1997-09-03', 2, 100],
    ['王磊', '男', '1995-11-21', 5, 150],
    ['赵宇', '男', '1996-02-14', 8, 30],
    ['陈晨', '女', '1998-07-30', 14, 12],
    ['刘佳', '男', '1994-03-08', 16, 60],
  ];
  const rs = RECRUITMENT_RULESETS[0];
  const cases = await tx
    .insert(recruitmentCases)
    .values(
      demo.map(([name, sex, birthDate, last, ago]) => {
        const applied = addDays(today, -(OFFSETS[last - 1] + ago));
        const on = (step: number) => addDays(applied, OFFSETS[step - 1]);
        return {
          orgId: branch.id,
          orgPath: branch.path,
          name,
          sex,
          birthDate,
          post: '综采工',
          rulesetVersion: rs.version,
          lastStep: last,
          appliedOn: applied,
          activistOn: last >= 3 ? on(3) : null,
          targetOn: last >= 8 ? on(8) : null,
          admittedOn: last >= 15 ? on(15) : null,
          probationEndsOn: last >= 15 ? probationEndsOn(on(15), null, rs) : null,
        };
      }),
    )
    .returning({ id: recruitmentCases.id, lastStep: recruitmentCases.lastStep, appliedOn: recruitmentCases.appliedOn });
  const steps = cases.flatMap((c) =>
    Array.from({ length: c.lastStep }, (_, i) => {
      const no = i + 1;
      const def = stepDef(no);
      const form = def?.form ? { ...FORMS[def.form], kind: def.form, title: RECRUITMENT_FORMS[def.form] } : {};
      return {
        caseId: c.id,
        stepNo: no,
        doneOn: addDays(c.appliedOn, OFFSETS[i]),
        people: no === 5 ? people[0] : no === 9 ? people[1] : [],
        form,
        confirmedBy: def?.actor === 'committee' ? approver : confirmedBy,
        confirmedAt: ctx.now,
      };
    }),
  );
  await tx.insert(recruitmentSteps).values(steps);
  const voted = cases.filter((c) => c.lastStep >= 15);
  if (voted.length)
    await tx.insert(recruitmentVotes).values(
      voted.map((c) => ({
        caseId: c.id,
        stepNo: 15,
        meetingOn: addDays(c.appliedOn, OFFSETS[14]),
        fullMembers: full.length,
        excluded: 0,
        entitled: full.length,
        present: full.length - 1,
        forCount: full.length - 1,
        againstCount: 0,
        abstainCount: 0,
        absentOpinionsFor: 0,
        absentees: [{ memberId: full[full.length - 1].id, name: full[full.length - 1].name }],
        passed: true,
        recordedBy: confirmedBy,
      })),
    );
  // The demo `worker` login is 王磊, an activist: 我的入党进程 on the phone shows his stage, the next
  // step and his thought reports (the last one about two months ago, so the next is due soon).
  const workerUser = ctx.userIds.get('worker');
  const wang = cases[2];
  if (workerUser && wang) {
    const [w] = await tx
      .insert(workers)
      .values({ orgId: branch.id, orgPath: branch.path, userId: workerUser, name: '王磊', sex: '男', team: '早班' })
      .returning({ id: workers.id });
    await tx.update(recruitmentCases).set({ workerId: w.id }).where(eq(recruitmentCases.id, wang.id));
    const activistOn = addDays(wang.appliedOn, OFFSETS[2]);
    await tx.insert(recruitmentChecks).values(
      [addDays(activistOn, 20), addDays(today, -75)].map((doneOn, i) => ({
        caseId: wang.id,
        kind: 'thought_report',
        doneOn,
        note: i === 0 ? '学习党章的体会：牢记安全生产责任，在班组中带头' : '近期思想汇报：参加支部主题党日，学习二十大精神',
        recordedBy: workerUser,
      })),
    );
  }
  await tx.insert(recruitmentPlans).values({
    orgId: branch.id,
    orgPath: branch.path,
    year: Number(today.slice(0, 4)),
    activists: 3,
    targets: 2,
    admissions: 2,
    conversions: 1,
    note: '控制总量、优化结构，重点在生产一线青年职工中发展',
  });
}
