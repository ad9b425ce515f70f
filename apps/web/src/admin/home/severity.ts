import type { TodoSeverity } from '../../api/types';

/** The tag colour of a to-do's or an agenda item's severity (its own file: the agenda must not pull in the table). */
export const SEVERITY_COLOR: Record<TodoSeverity, string> = { info: 'blue', warning: 'orange', danger: 'red' };
