import { addDays, chinaDay, MENTORS_RULESETS } from '@vanguard/shared';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { members, mentorEvaluations, mentorMeetings, mentorMilestones, mentorPairs, workers } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';

/**
 * Demo pairs in 东山综采一队党支部: an apprenticeship with the phone login `member` as the apprentice
 * (met 10 days ago), a 青年党员导师 pair overdue for a meeting (last met 45 days ago), an
 * apprenticeship of a worker (职工) under a member, and a closed pair with both evaluations in
 * 东山综采二队. Recruitment's 培养联系人 appear in the list from the recruitment seed.
 */
export async function seedMentorsDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const east = ctx.org('东山综采一队党支部');
  const east2 = ctx.org('东山综采二队党支部');
  const today = chinaDay(ctx.now);
  const version = MENTORS_RULESETS[MENTORS_RULESETS.length - 1].version;
  const by = ctx.userIds.get('secretary') ?? 0;
  const memberUser = ctx.userIds.get('member');
  const eastMembers = await tx
    .select({ id: members.id, userId: members.userId })
    .from(members)
    .where(and(eq(members.orgId, east.id), eq(members.status, 'normal')))
    .orderBy(asc(members.id))
    .limit(12);
  const learner = eastMembers.find((m) => m.userId === memberUser) ?? eastMembers[0];
  const free = eastMembers.filter((m) => m.id !== learner.id && m.userId === null);
  const [worker] = await tx.select({ id: workers.id }).from(workers).where(eq(workers.orgId, east.id)).limit(1);
  const [m2a, m2b] = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, east2.id), eq(members.status, 'normal'), isNull(members.userId)))
    .orderBy(asc(members.id))
    .limit(2);
  if (free.length < 4 || !m2b) return;
  const d = (n: number) => addDays(today, n);
  const pairs = await tx
    .insert(mentorPairs)
    .values([
      {
        orgId: east.id,
        orgPath: east.path,
        kind: 'apprentice',
        mentorMemberId: free[0].id,
        menteeMemberId: learner.id,
        startsOn: d(-200),
        plannedEndOn: d(165),
        goals: '一年内独立操作采煤机，熟练掌握综采工作面“敲帮问顶”和支护规程；每月一次谈心。',
        lastMeetingOn: d(-10),
        rulesetVersion: version,
      },
      {
        orgId: east.id,
        orgPath: east.path,
        kind: 'youth',
        mentorMemberId: free[1].id,
        menteeMemberId: free[2].id,
        startsOn: d(-120),
        plannedEndOn: d(245),
        goals: '预备党员转正前的理论学习与岗位实践：读原著、讲党课一次、参与隐患排查。',
        lastMeetingOn: d(-45),
        rulesetVersion: version,
      },
      {
        orgId: east.id,
        orgPath: east.path,
        kind: 'apprentice',
        mentorMemberId: free[3].id,
        menteeWorkerId: worker?.id ?? null,
        menteeMemberId: worker ? null : free[2].id,
        startsOn: d(-40),
        plannedEndOn: d(325),
        goals: '新入职职工的安全技能培训：三个月内取得采煤机司机操作资格。',
        lastMeetingOn: d(-20),
        rulesetVersion: version,
      },
      {
        orgId: east2.id,
        orgPath: east2.path,
        kind: 'apprentice',
        mentorMemberId: m2a.id,
        menteeMemberId: m2b.id,
        startsOn: d(-400),
        plannedEndOn: d(-35),
        goals: '掘进机司机带徒一年。',
        lastMeetingOn: d(-40),
        status: 'closed',
        endedOn: d(-35),
        rulesetVersion: version,
      },
    ])
    .returning({ id: mentorPairs.id });
  const [p1, p2, p3, p4] = pairs.map((p) => p.id);
  await tx.insert(mentorMilestones).values([
    { pairId: p1, title: '掌握采煤机操作规程并通过理论考试', dueOn: d(-90), doneOn: d(-95), doneBy: by },
    { pairId: p1, title: '在师傅监护下独立完成一个循环割煤', dueOn: d(30) },
    { pairId: p1, title: '取得采煤机司机资格', dueOn: d(200) },
    { pairId: p2, title: '精读《习近平新时代中国特色社会主义思想学习纲要》', dueOn: d(-30), doneOn: d(-40), doneBy: by },
    { pairId: p2, title: '在支部主题党日讲一次微党课', dueOn: d(60) },
    { pairId: p3, title: '完成安全培训 72 学时', dueOn: d(50) },
    { pairId: p4, title: '独立操作掘进机', dueOn: d(-100), doneOn: d(-110), doneBy: by },
  ]);
  const w = { authorUserId: by };
  await tx.insert(mentorMeetings).values([
    { pairId: p1, metOn: d(-70), topic: '采煤机操作要点', content: '讲解截割高度控制和电缆拖移，现场演示。', writtenBy: 'mentor', ...w },
    { pairId: p1, metOn: d(-40), topic: '谈心：家庭和工作', content: '了解家中老人身体情况，鼓励参加夜校。', writtenBy: 'mentee', ...w },
    { pairId: p1, metOn: d(-10), topic: '顶板管理', content: '复习敲帮问顶，检查支架初撑力。', writtenBy: 'mentor', ...w },
    { pairId: p2, metOn: d(-80), topic: '入党初心', content: '交流学习体会，布置读书任务。', writtenBy: 'mentor', ...w },
    { pairId: p2, metOn: d(-45), topic: '读书交流', content: '交流学习纲要第三章体会。', writtenBy: 'mentee', ...w },
    { pairId: p3, metOn: d(-20), topic: '入井安全须知', content: '讲解自救器使用和避灾路线。', writtenBy: 'org', ...w },
    { pairId: p4, metOn: d(-40), topic: '结业前总结', content: '回顾一年所学，提出改进意见。', writtenBy: 'mentor', ...w },
  ]);
  await tx.insert(mentorEvaluations).values([
    { pairId: p1, stage: 'mid', rating: 'good', comment: '学习主动，操作规范，理论考试 92 分。', evaluatedOn: d(-5), evaluatedBy: by },
    { pairId: p4, stage: 'mid', rating: 'good', comment: '进步明显。', evaluatedOn: d(-220), evaluatedBy: by },
    {
      pairId: p4,
      stage: 'final',
      rating: 'excellent',
      comment: '已能独立操作掘进机，达到出师标准。',
      evaluatedOn: d(-35),
      evaluatedBy: by,
    },
  ]);
}
