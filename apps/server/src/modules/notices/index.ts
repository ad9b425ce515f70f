import { chinaDay } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import { type CalendarSource, entry } from '../../platform/calendar-source.js';

/** A person's 签收 deadlines of notices not yet signed. */
export const noticesCalendar: CalendarSource = async (db, who, range) => {
  const { rows } = await db.execute<{ id: number; title: string; deadline: Date | string }>(sql`
    SELECT n.id, n.title, n.sign_deadline AS deadline FROM notice_recipients r JOIN notices n ON n.id = r.notice_id
    WHERE r.user_id = ${who.userId} AND n.status = 'published' AND n.require_sign AND r.signed_at IS NULL
      AND n.sign_deadline >= ${range.from} AND n.sign_deadline < ${range.to}`);
  return rows.map((n) =>
    entry({
      uid: `notice-${n.id}@vanguard`,
      kind: 'deadline',
      title: `签收截止：${n.title}`,
      day: chinaDay(new Date(n.deadline)),
      link: `/m/notices/${n.id}`,
    }),
  );
};
