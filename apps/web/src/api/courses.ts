/*
 * The client of the courses contract (@vanguard/shared/api/courses), used by the console and the
 * phone alike. Every request and response type is inferred from the shared schemas.
 */
import type {
  BeatResultSchema,
  CourseCreateSchema,
  CourseListQuery,
  CourseSchema,
  CourseUpdateSchema,
  HeartbeatSchema,
  MyCourseSchema,
  MyHoursSchema,
  MyPlanSchema,
  PersonProgressSchema,
  PlanCreateSchema,
  PlanListQuery,
  PlanProgressSchema,
  PlanSchema,
  ProgressQuery,
  StudyProgressSchema,
} from '@vanguard/shared/api/courses';
import type { QueryOf } from '@vanguard/shared/api/wire';
import type { z } from 'zod';
import { api, apiFile } from './client';
import type { UploadedFile } from './endpoints';
import type { Page } from './types';

export type Course = z.infer<typeof CourseSchema>;
export type CourseInput = z.input<typeof CourseCreateSchema>;
export type CourseUpdateInput = z.input<typeof CourseUpdateSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanCreateSchema>;
export type PersonProgress = z.infer<typeof PersonProgressSchema>;
export type PlanProgress = z.infer<typeof PlanProgressSchema>;
export type MyPlan = z.infer<typeof MyPlanSchema>;
export type StudyProgress = z.infer<typeof StudyProgressSchema>;
export type MyCourse = z.infer<typeof MyCourseSchema>;
export type BeatResult = z.infer<typeof BeatResultSchema>;
export type Heartbeat = z.input<typeof HeartbeatSchema>;
export type MyHours = z.infer<typeof MyHoursSchema>;

export const coursesApi = {
  list: (q: QueryOf<typeof CourseListQuery>) => api<Page<Course>>('/api/v1/courses', { query: q }),
  get: (id: number) => api<Course>(`/api/v1/courses/${id}`),
  create: (body: CourseInput) => api<Course>('/api/v1/courses', { method: 'POST', body }),
  update: (id: number, body: CourseUpdateInput) => api<Course>(`/api/v1/courses/${id}`, { method: 'PATCH', body }),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<UploadedFile>('/api/v1/files', { method: 'POST', form });
  },
  plans: (q: QueryOf<typeof PlanListQuery>) => api<Page<Plan>>('/api/v1/course-plans', { query: q }),
  createPlan: (body: PlanInput) => api<Plan>('/api/v1/course-plans', { method: 'POST', body }),
  progress: (id: number, q: QueryOf<typeof ProgressQuery>) => api<PlanProgress>(`/api/v1/course-plans/${id}/progress`, { query: q }),
  progressXlsx: (id: number, onlyBehind: boolean, orgId?: number) =>
    apiFile(`/api/v1/course-plans/${id}/progress.xlsx`, { query: { onlyBehind, orgId } }),
  myPlans: () => api<MyPlan[]>('/api/v1/my/course-plans'),
  myCourse: (id: number) => api<MyCourse>(`/api/v1/my/courses/${id}`),
  beat: (id: number, body: Heartbeat) => api<BeatResult>(`/api/v1/my/courses/${id}/heartbeats`, { method: 'POST', body }),
  myHours: () => api<MyHours>('/api/v1/my/study-hours'),
};

export const mediaUrl = (id: number) => `/api/v1/my/courses/${id}/media`;
