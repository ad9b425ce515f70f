import type { TFunction } from 'i18next';
import { api, apiFile } from '../../api/client';

/** Shapes of the learning API (apps/server/src/modules/learning/learning.schemas.ts and the services). */
export type QuestionType = 'single' | 'multiple' | 'judge' | 'fill' | 'short';
export interface Option {
  key: string;
  text: string;
}
export type Answer = { keys: string[] } | { blanks: string[][] } | { reference: string };
export type Response = { keys: string[] } | { texts: string[] };

export interface Question {
  id: number;
  orgId: number;
  orgName: string;
  type: QuestionType;
  typeName: string;
  category: string;
  tags: string[];
  difficulty: number;
  difficultyName: string;
  version: number;
  versionId: number;
  stem: string;
  options: Option[];
  answer: Answer;
  explanation: string | null;
  retired: boolean;
  editable: boolean;
  updatedAt: string;
}
export interface QuestionDetail extends Question {
  versions: { id: number; version: number; stem: string; createdAt: string; usedInAttempts: number }[];
}
export interface QuestionInput {
  orgId?: number;
  type?: QuestionType;
  category: string;
  tags: string[];
  difficulty: number;
  stem: string;
  options: Option[];
  answer: Answer;
  explanation?: string | null;
}
export interface DrawRule {
  category: string;
  difficulty: number | null;
  count: number;
  points: number;
}
export interface Exam {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  description: string | null;
  mode: 'fixed' | 'random';
  status: 'draft' | 'published';
  opensAt: string;
  closesAt: string;
  timeLimitMinutes: number | null;
  maxAttempts: number;
  gradingPolicy: string;
  reviewRule: string;
  passScore: number;
  shuffleOptions: boolean;
  offlineAllowed: boolean;
  maxScore: number;
  questionCount: number;
  drawRules: DrawRule[];
  items: { questionId: number; points: number; stem: string; typeName: string }[];
  attempts: number;
}
export interface ExamInput {
  orgId: number;
  mode: 'fixed' | 'random';
  title: string;
  description?: string | null;
  opensAt: string;
  closesAt: string;
  timeLimitMinutes: number | null;
  maxAttempts: number;
  gradingPolicy: string;
  reviewRule: string;
  passScore: number;
  offlineAllowed: boolean;
  items: { questionId: number; points: number }[];
  drawRules: DrawRule[];
}
export interface PersonResult {
  memberId: number;
  memberName: string;
  orgId: number;
  orgName: string;
  attempts: number;
  scores: (number | null)[];
  maxScore: number;
  result: number | null;
  passed: boolean | null;
  pending: boolean;
  inProgress: boolean;
}
export interface OrgResult {
  orgId: number;
  orgName: string;
  audience: number;
  takers: number;
  participation: number;
  average: number | null;
  passRate: number | null;
}
export interface Results {
  examId: number;
  title: string;
  gradingPolicyName: string;
  passScore: number;
  persons: PersonResult[];
  orgs: OrgResult[];
}
export interface ItemStat {
  questionId: number;
  stem: string;
  typeName: string;
  category: string;
  difficulty: number;
  answered: number;
  correct: number;
  facility: number;
  discrimination: number | null;
  flagged: boolean;
}
export interface GradingItem {
  itemId: number;
  attemptId: number;
  memberName: string;
  orgName: string;
  stem: string;
  reference: string;
  text: string;
  points: number;
}

// ── Phone ──
export interface MyExamRow {
  id: number;
  title: string;
  orgName: string;
  opensAt: string;
  closesAt: string;
  timeLimitMinutes: number | null;
  offlineAllowed: boolean;
  maxAttempts: number;
  attemptsUsed: number;
  isOpen: boolean;
  inProgressAttemptId: number | null;
  canStart: boolean;
}
export interface AttemptSummary {
  id: number;
  number: number;
  status: 'in_progress' | 'submitted' | 'graded';
  statusName: string;
  startedAt: string;
  deadlineAt: string;
  submittedAt: string | null;
  endedBy: string | null;
  score: number | null;
  maxScore: number;
  reviewOpen?: boolean;
}
export interface MyExam {
  id: number;
  title: string;
  description: string | null;
  opensAt: string;
  closesAt: string;
  timeLimitMinutes: number | null;
  offlineAllowed: boolean;
  maxAttempts: number;
  gradingPolicy: string;
  reviewRule: string;
  passScore: number;
  attempts: AttemptSummary[];
  result: number | null;
  passed: boolean | null;
  pending: boolean;
  canStart: boolean;
}
export interface AttemptQuestion {
  questionId: number;
  position: number;
  type: QuestionType;
  typeName: string;
  stem: string;
  points: number;
  blanks: number;
  options: Option[];
  response: Response | null;
}
export interface AttemptView extends AttemptSummary {
  examId: number;
  examTitle: string;
  examClosesAt: string;
  timeLimitMinutes: number | null;
  offlineAllowed: boolean;
  submittedOffline: boolean;
  serverNow: string;
  questions: AttemptQuestion[];
}
export interface ReviewView extends AttemptView {
  reviewOpen: boolean;
  reviewRule: string;
  items: {
    questionId: number;
    answer: Answer;
    explanation: string | null;
    correct: boolean | null;
    awarded: number | null;
    comment: string | null;
  }[];
}
export interface MyResult {
  examId: number;
  title: string;
  closesAt: string;
  maxScore: number;
  result: number | null;
  passed: boolean | null;
  pending: boolean;
  attempts: AttemptSummary[];
}

type Page<T> = { items: T[]; total: number };
const L = '/api/v1/learning';

export const learningApi = {
  questions: (query: Record<string, string | number | boolean | undefined>) => api<Page<Question>>(`${L}/questions`, { query }),
  question: (id: number) => api<QuestionDetail>(`${L}/questions/${id}`),
  createQuestion: (body: QuestionInput) => api<QuestionDetail>(`${L}/questions`, { method: 'POST', body }),
  updateQuestion: (id: number, body: Partial<QuestionInput>) => api<QuestionDetail>(`${L}/questions/${id}`, { method: 'PATCH', body }),
  retireQuestion: (id: number) => api<QuestionDetail>(`${L}/questions/${id}`, { method: 'DELETE' }),
  template: () => apiFile(`${L}/questions/template.xlsx`),
  importQuestions: (orgId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<{ imported: number }>(`${L}/questions/import`, { method: 'POST', query: { orgId }, form });
  },
  exams: (query: Record<string, string | number | undefined>) => api<Page<Exam>>(`${L}/exams`, { query }),
  exam: (id: number) => api<Exam>(`${L}/exams/${id}`),
  createExam: (body: ExamInput) => api<Exam>(`${L}/exams`, { method: 'POST', body }),
  updateExam: (id: number, body: Partial<Omit<ExamInput, 'orgId' | 'mode' | 'items' | 'drawRules'>>) =>
    api<Exam>(`${L}/exams/${id}`, { method: 'PATCH', body }),
  publish: (id: number) => api<Exam>(`${L}/exams/${id}/publish`, { method: 'POST' }),
  close: (id: number) => api<Exam>(`${L}/exams/${id}/close`, { method: 'POST' }),
  results: (id: number, orgId?: number) => api<Results>(`${L}/exams/${id}/results`, { query: { orgId } }),
  analysis: (id: number, orgId?: number) => api<{ attempts: number; items: ItemStat[] }>(`${L}/exams/${id}/analysis`, { query: { orgId } }),
  resultsXlsx: (id: number, orgId?: number) => apiFile(`${L}/exams/${id}/results.xlsx`, { query: { orgId } }),
  grading: (id: number) => api<GradingItem[]>(`${L}/exams/${id}/grading`),
  grade: (itemId: number, points: number, comment?: string) =>
    api<{ attemptStatus: string; score: number | null }>(`${L}/attempt-items/${itemId}/grade`, {
      method: 'POST',
      body: { points, comment },
    }),
  // phone
  myExams: () => api<MyExamRow[]>(`${L}/my/exams`),
  myExam: (id: number) => api<MyExam>(`${L}/my/exams/${id}`),
  start: (id: number) => api<AttemptView>(`${L}/my/exams/${id}/attempts`, { method: 'POST' }),
  attempt: (id: number) => api<AttemptView>(`${L}/my/attempts/${id}`),
  answer: (id: number, questionId: number, response: Response | null) =>
    api<{ savedAt: string }>(`${L}/my/attempts/${id}/answers/${questionId}`, { method: 'PUT', body: { response } }),
  submit: (id: number) => api<AttemptView>(`${L}/my/attempts/${id}/submit`, { method: 'POST' }),
  review: (id: number) => api<ReviewView>(`${L}/my/attempts/${id}/review`),
  myResults: () => api<MyResult[]>(`${L}/my/results`),
};

export const CATEGORIES = ['安全生产', '党史', '廉政', '党章党规', '法律法规', '国情'];
export const TYPES: QuestionType[] = ['single', 'multiple', 'judge', 'fill', 'short'];

/** The right answer as a person reads it. */
export function answerText(a: Answer, options: Option[] = []): string {
  if ('keys' in a) return a.keys.map((k) => options.find((o) => o.key === k)?.text ?? k).join('、');
  if ('blanks' in a) return a.blanks.map((alts) => alts.join(' / ')).join('；');
  return a.reference;
}

/** A key built at run time (a code's label): the code values are the keys of learning.zh-CN. */
export const tx = (t: TFunction, key: string): string => t(key as never) as string;
