import { chinaDay } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import { type CalendarSource, entry } from '../../platform/calendar-source.js';
import { TASK_ROLES } from './tasks.common.js';

export { taskOverdueJob } from './tasks.jobs.js';

/** Deadlines of the task parts owed by the orgs where the person holds a task role. */
export const tasksCalendar: CalendarSource = async (db, who, range) => {
  const { rows } = await db.execute<{ id: number; title: string; deadline: Date | string; orgName: string }>(sql`
    SELECT DISTINCT a.id, t.title, a.deadline, o.name AS "orgName"
    FROM role_grants g JOIN task_assignments a ON a.org_id = g.org_id JOIN tasks t ON t.id = a.task_id AND t.status = 'open'
    JOIN orgs o ON o.id = a.org_id
    WHERE g.user_id = ${who.userId} AND g.role = ANY(${sql.param(TASK_ROLES)}::text[]) AND a.status IN ('pending', 'returned')
      AND a.deadline >= ${range.from} AND a.deadline < ${range.to}`);
  return rows.map((a) =>
    entry({
      uid: `task-${a.id}@vanguard`,
      kind: 'deadline',
      title: `任务报送截止：${a.title}（${a.orgName}）`,
      day: chinaDay(new Date(a.deadline)),
      link: `/m/tasks/${a.id}`,
    }),
  );
};
