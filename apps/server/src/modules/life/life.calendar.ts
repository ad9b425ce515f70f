import { and, eq, gte, lt, ne } from 'drizzle-orm';
import { meetingAttendees, meetings, members, orgs } from '../../db/schema/index.js';
import { type CalendarSource, entry } from '../../platform/calendar-source.js';

/** 日历：the meetings a person is invited to (an attendee through their member record), not cancelled. */
export const lifeCalendar: CalendarSource = async (db, who, range) => {
  const rows = await db
    .select({
      id: meetings.id,
      topic: meetings.topic,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      place: meetings.place,
      orgName: orgs.name,
    })
    .from(meetingAttendees)
    .innerJoin(members, and(eq(members.id, meetingAttendees.memberId), eq(members.userId, who.userId)))
    .innerJoin(meetings, eq(meetings.id, meetingAttendees.meetingId))
    .innerJoin(orgs, eq(orgs.id, meetings.orgId))
    .where(and(gte(meetings.startsAt, range.from), lt(meetings.startsAt, range.to), ne(meetings.status, 'cancelled')));
  return rows.map((m) =>
    entry({
      uid: `meeting-${m.id}@vanguard`,
      kind: 'meeting',
      title: `${m.orgName}：${m.topic}`,
      startsAt: m.startsAt,
      endsAt: m.endsAt ?? new Date(m.startsAt.getTime() + 2 * 3_600_000),
      location: m.place,
      link: `/m/life/meetings/${m.id}`,
    }),
  );
};
