import { addDays, addMonths, chinaDay } from '@vanguard/shared';
import { and, eq, gte, lt } from 'drizzle-orm';
import { duesBills, members } from '../../db/schema/index.js';
import { type CalendarSource, entry } from '../../platform/calendar-source.js';

/** 日历：each unpaid month's dues, due by the last day of its month (按月交纳). */
export const duesCalendar: CalendarSource = async (db, who, range) => {
  // A bill of month M falls due on M's last day: bills from the month before the range's start.
  const first = addMonths(`${chinaDay(range.from).slice(0, 7)}-01`, -1);
  const rows = await db
    .select({ id: duesBills.id, month: duesBills.month, dueFen: duesBills.dueFen, paidFen: duesBills.paidFen })
    .from(duesBills)
    .innerJoin(members, and(eq(members.id, duesBills.memberId), eq(members.userId, who.userId)))
    .where(and(eq(duesBills.status, 'unpaid'), gte(duesBills.month, first), lt(duesBills.month, chinaDay(range.to))));
  return rows
    .map((b) => ({ b, day: addDays(addMonths(b.month, 1), -1) }))
    .filter(({ day }) => day >= chinaDay(range.from) && day < chinaDay(range.to))
    .map(({ b, day }) =>
      entry({
        uid: `dues-${b.id}@vanguard`,
        kind: 'deadline',
        title: `党费缴纳截止：${b.month.slice(0, 7)}（${((b.dueFen - b.paidFen) / 100).toFixed(2)} 元）`,
        day,
        link: '/m/dues',
      }),
    );
};
