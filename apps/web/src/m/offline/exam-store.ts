import { type AttemptView, learningApi, type Response } from '../../api/learning';
import { idbAll, idbDelete, idbGet, idbPut } from './db';
import { enqueue, onSent } from './outbox';

/**
 * A downloaded exam paper: the attempt started online (the server recorded the start and fixed the
 * deadline), its questions, and the answers given on the phone with the phone time of each. The
 * phone's countdown uses the server's deadline shifted by the clock offset measured at download.
 */
export interface OfflineExam {
  attemptId: number;
  examId: number;
  title: string;
  paper: AttemptView;
  /** Server time − phone time when the paper arrived. */
  offsetMs: number;
  downloadedAt: string;
  answers: Record<number, Response | null>;
  answeredAt: Record<number, string>;
  /** Phone time the member handed in (or the countdown ran out); then it waits in the outbox. */
  finishedAt: string | null;
  /** After the outbox delivered the submission: the server's result. */
  result: { status: string; score: number | null; maxScore: number } | null;
}

export const offlineExams = () => idbAll('exams');
export const offlineExam = (attemptId: number) => idbGet('exams', attemptId);
export const offlineExamFor = async (examId: number) => (await offlineExams()).find((e) => e.examId === examId && !e.result) ?? null;

/** Downloads an offline-allowed exam: starts (or resumes) the attempt online and keeps the paper. */
export async function downloadExam(examId: number): Promise<OfflineExam> {
  const paper = await learningApi.start(examId);
  const existing = await offlineExam(paper.id);
  if (existing && !existing.result) return existing;
  const rec: OfflineExam = {
    attemptId: paper.id,
    examId,
    title: paper.examTitle,
    paper,
    offsetMs: new Date(paper.serverNow).getTime() - Date.now(),
    downloadedAt: new Date().toISOString(),
    answers: Object.fromEntries(paper.questions.map((q) => [q.questionId, q.response])),
    answeredAt: {},
    finishedAt: null,
    result: null,
  };
  await idbPut('exams', rec);
  return rec;
}

/** The deadline on the phone's clock. */
export const localDeadline = (e: OfflineExam) => new Date(e.paper.deadlineAt).getTime() - e.offsetMs;

export async function saveOfflineAnswer(attemptId: number, questionId: number, r: Response | null) {
  const e = await offlineExam(attemptId);
  if (!e || e.finishedAt) return;
  // Past the limit nothing more is recorded (the server would cut it anyway).
  if (Date.now() > localDeadline(e)) return;
  e.answers[questionId] = r;
  e.answeredAt[questionId] = new Date().toISOString();
  await idbPut('exams', e);
}

/** Hands in: the finish is now (never after the local deadline); the submission goes to the outbox. */
export async function finishOfflineExam(attemptId: number): Promise<OfflineExam | null> {
  const e = await offlineExam(attemptId);
  if (!e) return null;
  if (e.finishedAt) return e;
  e.finishedAt = new Date(Math.min(Date.now(), localDeadline(e))).toISOString();
  await idbPut('exams', e);
  await enqueue({
    kind: 'exam-submit',
    url: `/api/v1/learning/my/attempts/${attemptId}/offline-submit`,
    label: e.title,
    ref: attemptId,
    body: {
      answers: e.paper.questions
        .filter((q) => e.answeredAt[q.questionId])
        .map((q) => ({ questionId: q.questionId, response: e.answers[q.questionId] ?? null, answeredAt: e.answeredAt[q.questionId] })),
      finishedAt: e.finishedAt,
    },
  });
  return e;
}

export const deleteOfflineExam = (attemptId: number) => idbDelete('exams', attemptId);

// Once the submission is in, keep the result beside the paper (the review itself is online).
onSent(async (entry, result) => {
  if (entry.kind !== 'exam-submit' || !entry.ref) return;
  const e = await offlineExam(entry.ref);
  const r = result as { status: string; score: number | null; maxScore: number } | null;
  if (e && r) await idbPut('exams', { ...e, result: { status: r.status, score: r.score, maxScore: r.maxScore } });
});
