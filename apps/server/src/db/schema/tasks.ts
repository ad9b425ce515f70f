import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/** What a report must carry. */
export interface TaskReportForm {
  text: boolean;
  files: boolean;
  number: boolean;
}

/** A task (任务督办) assigned by an org to orgs below it. */
export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    requirements: text('requirements').notNull(),
    deadline: tstz('deadline').notNull(),
    reportForm: jsonb('report_form').$type<TaskReportForm>().notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
    /** open | closed (read-only). */
    status: text('status').notNull().default('open'),
    closedAt: tstz('closed_at'),
    createdBy: integer('created_by').notNull(),
    ...timestamps(),
  },
  (t) => [index('tasks_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id)],
);

/**
 * One org's part of a task. `parent_id` null: assigned by the task's org; otherwise split down by the
 * org of the parent assignment, which verifies it. `parent_path` is the assigner's org path.
 */
export const taskAssignments = pgTable(
  'task_assignments',
  {
    id: id(),
    taskId: integer('task_id').notNull(),
    parentId: integer('parent_id'),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    assignerPath: text('assigner_path').notNull(),
    deadline: tstz('deadline').notNull(),
    /** pending | reported | returned | passed */
    status: text('status').notNull().default('pending'),
    reportedAt: tstz('reported_at'),
    verifiedAt: tstz('verified_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('task_assignments_org_idx').on(t.taskId, t.orgId),
    index('task_assignments_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('task_assignments_parent_idx').on(t.parentId),
  ],
);

/** Every report an org submitted, with the assigner's verdict (通过 / 退回 with a reason). */
export const taskReports = pgTable(
  'task_reports',
  {
    id: id(),
    assignmentId: integer('assignment_id').notNull(),
    text: text('text'),
    number: integer('number'),
    fileId: uuid('file_id'),
    submittedBy: integer('submitted_by').notNull(),
    submittedAt: tstz('submitted_at').notNull(),
    /** null (waiting) | passed | returned */
    verdict: text('verdict'),
    reason: text('reason'),
    verifiedBy: integer('verified_by'),
    verifiedAt: tstz('verified_at'),
    ...timestamps(),
  },
  (t) => [index('task_reports_assignment_idx').on(t.assignmentId), index('task_reports_file_idx').on(t.fileId)],
);
