import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { TASK_ROLES } from './tasks.common.js';

/**
 * Overdue parts (still owed after the deadline of an open task) raise a to-do for the holders of task
 * roles at the org and at its parent org; once per part and person (source key), set-based.
 */
export async function taskOverdueJob(db: Db, now: Date): Promise<number> {
  const r = await db.execute(sql`
    INSERT INTO todos (user_id, org_id, kind, severity, title, link, due_at, source_key, created_at, updated_at)
    SELECT DISTINCT ON (g.user_id, a.id) g.user_id, a.org_id, 'todo', 'danger',
           '任务逾期：' || o.name || '「' || left(t.title, 60) || '」未按期报送',
           '/admin/tasks/assignments/' || a.id, a.deadline, 'task:overdue:' || t.id || ':' || a.id, ${now}, ${now}
    FROM task_assignments a
    JOIN tasks t ON t.id = a.task_id AND t.status = 'open'
    JOIN orgs o ON o.id = a.org_id
    JOIN role_grants g ON (g.org_id = a.org_id OR g.org_id = o.parent_id) AND g.role = ANY(${sql.param(TASK_ROLES)}::text[])
    JOIN users u ON u.id = g.user_id AND u.disabled_at IS NULL
    WHERE a.status IN ('pending', 'returned') AND a.deadline < ${now}
    ON CONFLICT DO NOTHING`);
  return r.rowCount ?? 0;
}
