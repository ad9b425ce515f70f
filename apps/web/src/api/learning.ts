/*
 * The client of the learning contract (@vanguard/shared/api/learning), used by the console and
 * the phone alike. Every request and response type is inferred from the shared schemas.
 */
import type {
  AnalysisSchema,
  AnswerOutSchema,
  AnswerSavedSchema,
  AttemptQuestionSchema,
  AttemptSummarySchema,
  AttemptViewSchema,
  DrawRuleSchema,
  ExamCreateSchema,
  ExamListQuery,
  ExamSchema,
  ExamUpdateSchema,
  GradeResultSchema,
  GradingItemSchema,
  ItemStatSchema,
  MyExamRowSchema,
  MyExamSchema,
  MyResultSchema,
  OptionOutSchema,
  OrgResultSchema,
  PersonResultSchema,
  QuestionCreateSchema,
  QuestionDetailSchema,
  QuestionImportResultSchema,
  QuestionListQuery,
  QuestionRowSchema,
  QuestionUpdateSchema,
  ResponseSchema,
  ResultsSchema,
  ReviewSchema,
  SubmitResultSchema,
} from '@vanguard/shared/api/learning';
import type { QueryOf, Wire } from '@vanguard/shared/api/wire';
import type { z } from 'zod';
import { api, apiFile } from './client';
import type { Page } from './types';

export type QuestionType = z.infer<typeof QuestionCreateSchema>['type'];
export type Option = z.infer<typeof OptionOutSchema>;
export type Answer = z.infer<typeof AnswerOutSchema>;
export type Response = z.infer<typeof ResponseSchema>;

export type Question = Wire<z.infer<typeof QuestionRowSchema>>;
export type QuestionDetail = Wire<z.infer<typeof QuestionDetailSchema>>;
export type QuestionInput = z.input<typeof QuestionCreateSchema>;
export type QuestionUpdateInput = z.input<typeof QuestionUpdateSchema>;
export type DrawRule = z.input<typeof DrawRuleSchema>;
export type Exam = Wire<z.infer<typeof ExamSchema>>;
export type ExamInput = z.input<typeof ExamCreateSchema>;
export type ExamUpdateInput = z.input<typeof ExamUpdateSchema>;
export type PersonResult = z.infer<typeof PersonResultSchema>;
export type OrgResult = z.infer<typeof OrgResultSchema>;
export type Results = z.infer<typeof ResultsSchema>;
export type ItemStat = z.infer<typeof ItemStatSchema>;
export type Analysis = z.infer<typeof AnalysisSchema>;
export type GradingItem = z.infer<typeof GradingItemSchema>;
export type GradeResult = z.infer<typeof GradeResultSchema>;

// ── Phone ──
export type MyExamRow = Wire<z.infer<typeof MyExamRowSchema>>;
export type AttemptSummary = Wire<z.infer<typeof AttemptSummarySchema>>;
export type MyExam = Wire<z.infer<typeof MyExamSchema>>;
export type AttemptQuestion = z.infer<typeof AttemptQuestionSchema>;
export type AttemptView = Wire<z.infer<typeof AttemptViewSchema>>;
export type SubmitResult = Wire<z.infer<typeof SubmitResultSchema>>;
export type ReviewView = Wire<z.infer<typeof ReviewSchema>>;
export type MyResult = Wire<z.infer<typeof MyResultSchema>>;
export type AnswerSaved = Wire<z.infer<typeof AnswerSavedSchema>>;

const L = '/api/v1/learning';

export const learningApi = {
  questions: (query: QueryOf<typeof QuestionListQuery>) => api<Page<Question>>(`${L}/questions`, { query }),
  question: (id: number) => api<QuestionDetail>(`${L}/questions/${id}`),
  createQuestion: (body: QuestionInput) => api<QuestionDetail>(`${L}/questions`, { method: 'POST', body }),
  updateQuestion: (id: number, body: QuestionUpdateInput) => api<QuestionDetail>(`${L}/questions/${id}`, { method: 'PATCH', body }),
  retireQuestion: (id: number) => api<QuestionDetail>(`${L}/questions/${id}`, { method: 'DELETE' }),
  template: () => apiFile(`${L}/questions/template.xlsx`),
  importQuestions: (orgId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<z.infer<typeof QuestionImportResultSchema>>(`${L}/questions/import`, { method: 'POST', query: { orgId }, form });
  },
  exams: (query: QueryOf<typeof ExamListQuery>) => api<Page<Exam>>(`${L}/exams`, { query }),
  exam: (id: number) => api<Exam>(`${L}/exams/${id}`),
  createExam: (body: ExamInput) => api<Exam>(`${L}/exams`, { method: 'POST', body }),
  updateExam: (id: number, body: ExamUpdateInput) => api<Exam>(`${L}/exams/${id}`, { method: 'PATCH', body }),
  publish: (id: number) => api<Exam>(`${L}/exams/${id}/publish`, { method: 'POST' }),
  close: (id: number) => api<Exam>(`${L}/exams/${id}/close`, { method: 'POST' }),
  results: (id: number, orgId?: number) => api<Results>(`${L}/exams/${id}/results`, { query: { orgId } }),
  analysis: (id: number, orgId?: number) => api<Analysis>(`${L}/exams/${id}/analysis`, { query: { orgId } }),
  resultsXlsx: (id: number, orgId?: number) => apiFile(`${L}/exams/${id}/results.xlsx`, { query: { orgId } }),
  grading: (id: number) => api<GradingItem[]>(`${L}/exams/${id}/grading`),
  grade: (itemId: number, points: number, comment?: string) =>
    api<GradeResult>(`${L}/attempt-items/${itemId}/grade`, {
      method: 'POST',
      body: { points, comment },
    }),
  // phone
  myExams: () => api<MyExamRow[]>(`${L}/my/exams`),
  myExam: (id: number) => api<MyExam>(`${L}/my/exams/${id}`),
  start: (id: number) => api<AttemptView>(`${L}/my/exams/${id}/attempts`, { method: 'POST' }),
  attempt: (id: number) => api<AttemptView>(`${L}/my/attempts/${id}`),
  answer: (id: number, questionId: number, response: Response | null) =>
    api<AnswerSaved>(`${L}/my/attempts/${id}/answers/${questionId}`, { method: 'PUT', body: { response } }),
  submit: (id: number) => api<SubmitResult>(`${L}/my/attempts/${id}/submit`, { method: 'POST' }),
  review: (id: number) => api<ReviewView>(`${L}/my/attempts/${id}/review`),
  myResults: () => api<MyResult[]>(`${L}/my/results`),
};
