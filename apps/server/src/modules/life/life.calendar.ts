import { sql } from 'drizzle-orm';
import { type CalendarSource, entry } from '../../platform/calendar-source.js';

/**
 * 日历：the meetings a person is invited to (an attendee through their member record), and the meetings of
 * the branches where they are secretary or committee member (they organize them); not cancelled.
 */
export const lifeCalendar: CalendarSource = async (db, who, range) => {
  const { rows } = await db.execute<{
    id: number;
    topic: string;
    starts_at: Date;
    ends_at: Date | null;
    place: string;
    org_name: string;
  }>(sql`
    SELECT m.id, m.topic, m.starts_at, m.ends_at, m.place, o.name AS org_name
    FROM meetings m JOIN orgs o ON o.id = m.org_id
    WHERE m.starts_at >= ${range.from} AND m.starts_at < ${range.to} AND m.status <> 'cancelled'
      AND (
        EXISTS (SELECT 1 FROM meeting_attendees a JOIN members p ON p.id = a.member_id
                WHERE a.meeting_id = m.id AND p.user_id = ${who.userId})
        OR EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = ${who.userId} AND g.org_id = m.org_id
                   AND g.role IN ('branch_secretary', 'branch_committee'))
      )`);
  return rows.map((m) => {
    const startsAt = new Date(m.starts_at);
    return entry({
      uid: `meeting-${m.id}@vanguard`,
      kind: 'meeting',
      title: `${m.org_name}：${m.topic}`,
      startsAt,
      endsAt: m.ends_at ? new Date(m.ends_at) : new Date(startsAt.getTime() + 2 * 3_600_000),
      location: m.place,
      link: `/m/life/meetings/${m.id}`,
    });
  });
};
