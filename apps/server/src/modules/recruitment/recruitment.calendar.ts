import { chinaDay } from '@vanguard/shared';
import { and, eq, sql } from 'drizzle-orm';
import { orgs, recruitmentCases, roleGrants } from '../../db/schema/index.js';
import { type CalendarSource, entry } from '../../platform/calendar-source.js';
import { listCaseSummariesForJob } from './recruitment-board.service.js';

const KIND_NAMES = { review: '支部考察', thought_report: '思想汇报' } as const;

/** 日历（支部书记）：the due dates of the next step and of periodic reviews of the active cases in their branches. */
export const recruitmentCalendar: CalendarSource = async (db, who, range) => {
  const cases = await db
    .selectDistinct({ c: recruitmentCases, orgName: orgs.name })
    .from(recruitmentCases)
    .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
    .innerJoin(
      roleGrants,
      and(
        eq(roleGrants.userId, who.userId),
        eq(roleGrants.role, 'branch_secretary'),
        sql`${recruitmentCases.orgPath} LIKE (SELECT path FROM orgs WHERE id = ${roleGrants.orgId}) || '%'`,
      ),
    )
    .where(eq(recruitmentCases.status, 'active'));
  if (cases.length === 0) return [];
  const from = chinaDay(range.from);
  const to = chinaDay(range.to);
  const inRange = (d: string | null | undefined): d is string => !!d && d >= from && d < to;
  const summaries = await listCaseSummariesForJob(
    db,
    cases.map((r) => ({ ...r.c, orgName: r.orgName })),
    chinaDay(range.now),
  );
  return summaries.flatMap((s) => [
    ...(s.next && inRange(s.next.dueOn)
      ? [
          entry({
            uid: `recruitment-${s.id}-step${s.next.no}@vanguard`,
            kind: 'deadline',
            title: `发展党员：${s.name} 第 ${s.next.no} 步“${s.next.name}”`,
            day: s.next.dueOn,
            link: `/admin/recruitment/cases/${s.id}`,
          }),
        ]
      : []),
    ...s.periodic
      .filter((p) => inRange(p.dueOn))
      .map((p) =>
        entry({
          uid: `recruitment-${s.id}-${p.kind}-${p.dueOn}@vanguard`,
          kind: 'deadline',
          title: `发展党员：${s.name} ${KIND_NAMES[p.kind as keyof typeof KIND_NAMES] ?? p.kind}`,
          day: p.dueOn,
          link: `/admin/recruitment/cases/${s.id}`,
        }),
      ),
  ]);
};
