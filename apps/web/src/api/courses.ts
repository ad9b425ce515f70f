import { api, apiFile } from '../../api/client';

/** Shapes of the courses API (apps/server/src/modules/courses/courses.schemas.ts and the services). */
export interface Course {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  topic: string;
  kind: 'article' | 'pdf' | 'video';
  summary: string;
  bodyHtml: string;
  textLength: number;
  fileId: string | null;
  fileName: string | null;
  durationSeconds: number | null;
  minSeconds: number | null;
  requiredSeconds: number | null;
  updatedAt: string;
}
export interface CourseInput {
  orgId?: number;
  kind?: string;
  title: string;
  topic: string;
  summary?: string;
  bodyHtml?: string;
  fileId?: string | null;
  durationSeconds?: number | null;
  minSeconds?: number | null;
}
export interface Plan {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  dueDate: string;
  audienceRole: string | null;
  audienceLabel: string | null;
  courses: { id: number; title: string; kind: string; topic: string }[];
  people: number;
  done: number;
}
export interface PlanInput {
  orgId: number;
  title: string;
  dueDate: string;
  courseIds: number[];
  audienceRole?: string | null;
  audienceLabel?: string | null;
}
export interface PersonProgress {
  memberId: number;
  name: string;
  orgId: number;
  orgName: string;
  completed: number;
  total: number;
  minutes: number;
  status: 'done' | 'in_progress' | 'not_started' | 'overdue';
  statusName: string;
}
export interface PlanProgress {
  planId: number;
  title: string;
  dueDate: string;
  total: number;
  people: number;
  done: number;
  items: PersonProgress[];
  orgs: { orgId: number; orgName: string; people: number; done: number; behind: number }[];
}
export interface MyPlan {
  id: number;
  title: string;
  dueDate: string;
  audience: string | null;
  completed: number;
  total: number;
  status: PersonProgress['status'];
  statusName: string;
  courses: { id: number; title: string; kind: string; topic: string; completed: boolean }[];
}
export interface StudyProgress {
  creditedSeconds: number;
  watchedSeconds: number;
  requiredSeconds: number | null;
  share: number;
  completedAt: string | null;
}
export interface MyCourse {
  course: Course;
  progress: StudyProgress;
  rules: { version: string; heartbeatSeconds: number; idleSeconds: number; videoCompleteShare: number };
}
export interface BeatResult {
  accepted: boolean;
  reason: string;
  message: string | null;
  creditedSeconds: number;
  progress: StudyProgress;
}
export interface MyHours {
  year: number;
  studyHours: number;
  target: number;
  isCadre: boolean;
  courses: { id: number; title: string; minutes: number }[];
}
type Page<T> = { items: T[]; total: number };

export const coursesApi = {
  list: (q: { page: number; pageSize: number; topic?: string; kind?: string; q?: string }) =>
    api<Page<Course>>('/api/v1/courses', { query: q }),
  get: (id: number) => api<Course>(`/api/v1/courses/${id}`),
  create: (body: CourseInput) => api<Course>('/api/v1/courses', { method: 'POST', body }),
  update: (id: number, body: CourseInput) => api<Course>(`/api/v1/courses/${id}`, { method: 'PATCH', body }),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<{ id: string; name: string; mime: string; size: number }>('/api/v1/files', { method: 'POST', form });
  },
  plans: (q: { page: number; pageSize: number }) => api<Page<Plan>>('/api/v1/course-plans', { query: q }),
  createPlan: (body: PlanInput) => api<Plan>('/api/v1/course-plans', { method: 'POST', body }),
  progress: (id: number, q: { page: number; pageSize: number; onlyBehind?: boolean; orgId?: number }) =>
    api<PlanProgress>(`/api/v1/course-plans/${id}/progress`, { query: q }),
  progressXlsx: (id: number, onlyBehind: boolean, orgId?: number) =>
    apiFile(`/api/v1/course-plans/${id}/progress.xlsx`, { query: { onlyBehind, orgId } }),
  myPlans: () => api<MyPlan[]>('/api/v1/my/course-plans'),
  myCourse: (id: number) => api<MyCourse>(`/api/v1/my/courses/${id}`),
  beat: (id: number, body: { sessionId: string; key: string; clientTime: string; position?: number | null }) =>
    api<BeatResult>(`/api/v1/my/courses/${id}/heartbeats`, { method: 'POST', body }),
  myHours: () => api<MyHours>('/api/v1/my/study-hours'),
};

export const mediaUrl = (id: number) => `/api/v1/my/courses/${id}/media`;
