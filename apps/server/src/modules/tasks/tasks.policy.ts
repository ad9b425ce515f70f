import { type Actor, can } from '../../platform/access/scope.js';

// Record-level rules of tasks beyond org scope: pure functions, no database.

/** The assigner verifies: tasks:manage over the org that assigned the part (the task's org, or the splitting org). */
export const mayVerify = (actor: Actor, a: { assignerPath: string }) => can(actor, 'tasks:manage', a.assignerPath);

/** The receiving org reports and splits its own part (or an org above it on its behalf). */
export const mayReport = (actor: Actor, a: { orgPath: string }) => can(actor, 'tasks:manage', a.orgPath);

/** A closed task is read-only. */
export const closedProblem = (t: { status: string }) => (t.status === 'closed' ? '任务已关闭，不能再修改' : null);
