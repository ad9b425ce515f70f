/** The web's client for the tasks contract (@vanguard/shared/api/tasks), used by console and phone. */
import type {
  AssignmentDetailSchema,
  InboxPageSchema,
  ReportCreateSchema,
  SplitSchema,
  TaskBoardSchema,
  TaskCreateSchema,
  TaskPageSchema,
  VerifySchema,
} from '@vanguard/shared/api/tasks';
import type { z } from 'zod';
import { api, apiFile } from './client';

export type TaskBoard = z.input<typeof TaskBoardSchema>;
export type TaskListItem = z.input<typeof TaskPageSchema>['items'][number];
export type AssignmentDto = TaskBoard['assignments'][number];
export type AssignmentDetail = z.input<typeof AssignmentDetailSchema>;
export type InboxItem = z.input<typeof InboxPageSchema>['items'][number];
export type TaskCreateBody = z.input<typeof TaskCreateSchema>;

export const tasksApi = {
  list: (page: number, pageSize: number) => api<z.input<typeof TaskPageSchema>>('/api/v1/tasks', { query: { page, pageSize } }),
  create: (body: TaskCreateBody) => api<TaskBoard>('/api/v1/tasks', { method: 'POST', body }),
  board: (id: number) => api<TaskBoard>(`/api/v1/tasks/${id}`),
  close: (id: number) => api<TaskBoard>(`/api/v1/tasks/${id}/close`, { method: 'POST' }),
  exportBoard: (id: number) => apiFile(`/api/v1/tasks/${id}/board.xlsx`),
  inbox: (page: number, pageSize = 20) => api<z.input<typeof InboxPageSchema>>('/api/v1/task-assignments', { query: { page, pageSize } }),
  assignment: (id: number) => api<AssignmentDetail>(`/api/v1/task-assignments/${id}`),
  split: (id: number, body: z.input<typeof SplitSchema>) =>
    api<AssignmentDetail>(`/api/v1/task-assignments/${id}/split`, { method: 'POST', body }),
  report: (id: number, body: z.input<typeof ReportCreateSchema>) =>
    api<AssignmentDetail>(`/api/v1/task-assignments/${id}/report`, { method: 'POST', body }),
  verify: (id: number, body: z.input<typeof VerifySchema>) =>
    api<AssignmentDetail>(`/api/v1/task-assignments/${id}/verify`, { method: 'POST', body }),
};

export const TASKS_KEY = ['tasks'] as const;
