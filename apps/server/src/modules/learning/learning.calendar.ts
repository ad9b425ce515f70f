import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { learningExams, members } from '../../db/schema/index.js';
import { type CalendarSource, entry } from '../../platform/calendar-source.js';

/** 日历：the exam windows open to a person (published exams of their org or an org above it). */
export const learningCalendar: CalendarSource = async (db, who, range) => {
  const rows = await db
    .select({ id: learningExams.id, title: learningExams.title, opensAt: learningExams.opensAt, closesAt: learningExams.closesAt })
    .from(learningExams)
    .innerJoin(members, and(eq(members.userId, who.userId), sql`${members.orgPath} LIKE ${learningExams.orgPath} || '%'`))
    .where(and(eq(learningExams.status, 'published'), lt(learningExams.opensAt, range.to), gt(learningExams.closesAt, range.from)));
  return rows.map((e) =>
    entry({
      uid: `exam-${e.id}@vanguard`,
      kind: 'exam',
      title: `考试：${e.title}`,
      startsAt: e.opensAt,
      endsAt: e.closesAt,
      link: `/m/learning/exams/${e.id}`,
    }),
  );
};
