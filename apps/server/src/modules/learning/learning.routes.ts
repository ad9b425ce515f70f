import { pageOf } from '@vanguard/shared';
import {
  AnalysisSchema,
  AnswerBatchSchema,
  AnswerParams,
  AnswerPutSchema,
  AnswerSavedSchema,
  AttemptViewSchema,
  BatchSavedSchema,
  ExamCreateSchema,
  ExamListQuery,
  ExamSchema,
  ExamUpdateSchema,
  GradeResultSchema,
  GradeSchema,
  GradingItemSchema,
  IdempotencyHeaders,
  IdParams,
  MyExamRowSchema,
  MyExamSchema,
  MyResultSchema,
  OfflineSubmitResultSchema,
  OfflineSubmitSchema,
  QuestionCreateSchema,
  QuestionDetailSchema,
  QuestionImportQuery,
  QuestionImportResultSchema,
  QuestionListQuery,
  QuestionRowSchema,
  QuestionUpdateSchema,
  ResultsQuery,
  ResultsSchema,
  ReviewSchema,
  SubmitHeaders,
  SubmitResultSchema,
} from '@vanguard/shared/api/learning';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readOneFile } from '../../platform/files/upload.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { putAnswer } from './answer-save.js';
import { getAttempt, reviewAttempt, saveBatch, startAttempt, submitAttempt } from './attempts.service.js';
import { closeExam, createExam, getExam, listExams, publishExam, updateExam } from './exams.service.js';
import { myExam, myExams, myResults } from './my-exams.service.js';
import { submitOffline } from './offline.service.js';
import { importQuestions, questionTemplate } from './questions.import.js';
import { createQuestion, getQuestion, listQuestions, retireQuestion, updateQuestion } from './questions.service.js';
import { examAnalysis, examResults, gradeItem, gradingQueue, resultsXlsx } from './results.service.js';

const manage = { access: { permission: 'learning:manage' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const tags = ['learning'];

/** Routes of the learning module: question bank, exams, results (console) and taking exams (phone). */
export async function learningRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ── Question bank ──
  r.get('/api/v1/learning/questions', {
    config: manage,
    schema: {
      tags,
      summary: '题库（本组织及下级，另含上级题库只读）',
      querystring: QuestionListQuery,
      response: { 200: pageOf(QuestionRowSchema) },
    },
    handler: async (req) => listQuestions(actorCtx(req), req.query),
  });
  r.post('/api/v1/learning/questions', {
    config: manage,
    schema: { tags, summary: '新建试题（没有正确选项的题不能保存）', body: QuestionCreateSchema, response: { 200: QuestionDetailSchema } },
    handler: async (req) => createQuestion(actorCtx(req), req.body),
  });
  r.get('/api/v1/learning/questions/:id', {
    config: manage,
    schema: { tags, summary: '试题及其各版本', params: IdParams, response: { 200: QuestionDetailSchema } },
    handler: async (req) => getQuestion(actorCtx(req), req.params.id),
  });
  r.patch('/api/v1/learning/questions/:id', {
    config: manage,
    schema: {
      tags,
      summary: '修改试题（题干、选项、答案、解析的修改生成新版本；已作答的答卷仍指向原版本）',
      params: IdParams,
      body: QuestionUpdateSchema,
      response: { 200: QuestionDetailSchema },
    },
    handler: async (req) => updateQuestion(actorCtx(req), req.params.id, req.body),
  });
  r.delete('/api/v1/learning/questions/:id', {
    config: manage,
    schema: { tags, summary: '删除试题（停用：不再抽取，历史答卷保留）', params: IdParams, response: { 200: QuestionDetailSchema } },
    handler: async (req) => retireQuestion(actorCtx(req), req.params.id),
  });

  r.get('/api/v1/learning/questions/template.xlsx', {
    config: manage,
    schema: { tags, summary: '试题导入模板（Excel）', response: { 200: xlsxFile('试题导入模板') } },
    handler: async (_req, reply) => sendXlsx(reply, await questionTemplate(), '试题导入模板.xlsx', 'questions-template.xlsx'),
  });
  r.post('/api/v1/learning/questions/import', {
    config: manage,
    schema: {
      tags,
      summary: '从 Excel 导入试题（multipart，字段名 file；逐行检查，有任何错误则全部不写入）',
      consumes: ['multipart/form-data'],
      querystring: QuestionImportQuery,
      response: { 200: QuestionImportResultSchema },
    },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const part = await readOneFile(req, { missing: '请选择要导入的 Excel 文件' });
      return importQuestions(ctx, req.query.orgId, part.data);
    },
  });

  // ── Exams ──
  r.get('/api/v1/learning/exams', {
    config: manage,
    schema: { tags, summary: '考试列表', querystring: ExamListQuery, response: { 200: pageOf(ExamSchema) } },
    handler: async (req) => listExams(actorCtx(req), req.query),
  });
  r.post('/api/v1/learning/exams', {
    config: manage,
    schema: { tags, summary: '新建考试（固定试卷或随机抽题；草稿）', body: ExamCreateSchema, response: { 200: ExamSchema } },
    handler: async (req) => createExam(actorCtx(req), req.body),
  });
  r.get('/api/v1/learning/exams/:id', {
    config: manage,
    schema: { tags, summary: '考试详情', params: IdParams, response: { 200: ExamSchema } },
    handler: async (req) => getExam(actorCtx(req), req.params.id),
  });
  r.patch('/api/v1/learning/exams/:id', {
    config: manage,
    schema: {
      tags,
      summary: '修改考试（开考前可改全部设置；已有答卷只能改标题和结束时间；已结束只能改标题）',
      params: IdParams,
      body: ExamUpdateSchema,
      response: { 200: ExamSchema },
    },
    handler: async (req) => updateExam(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/learning/exams/:id/publish', {
    config: manage,
    schema: { tags, summary: '发布考试（对象：本组织及下级全体党员）', params: IdParams, response: { 200: ExamSchema } },
    handler: async (req) => publishExam(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/learning/exams/:id/close', {
    config: manage,
    schema: { tags, summary: '提前结束考试（未交的答卷按现在收卷）', params: IdParams, response: { 200: ExamSchema } },
    handler: async (req) => closeExam(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/learning/exams/:id/results', {
    config: manage,
    schema: { tags, summary: '成绩（按人、按组织）', params: IdParams, querystring: ResultsQuery, response: { 200: ResultsSchema } },
    handler: async (req) => examResults(actorCtx(req), req.params.id, req.query.orgId),
  });
  r.get('/api/v1/learning/exams/:id/analysis', {
    config: manage,
    schema: { tags, summary: '试题分析（难度、区分度）', params: IdParams, querystring: ResultsQuery, response: { 200: AnalysisSchema } },
    handler: async (req) => examAnalysis(actorCtx(req), req.params.id, req.query.orgId),
  });
  r.get('/api/v1/learning/exams/:id/results.xlsx', {
    config: manage,
    schema: {
      tags,
      summary: '导出成绩与试题分析（Excel）',
      params: IdParams,
      querystring: ResultsQuery,
      response: { 200: xlsxFile('成绩与试题分析') },
    },
    handler: async (req, reply) => {
      const out = await resultsXlsx(actorCtx(req), req.params.id, req.query.orgId);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.get('/api/v1/learning/exams/:id/grading', {
    config: manage,
    schema: { tags, summary: '待阅卷的简答题', params: IdParams, response: { 200: z.array(GradingItemSchema) } },
    handler: async (req) => gradingQueue(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/learning/attempt-items/:id/grade', {
    config: manage,
    schema: { tags, summary: '人工阅卷（简答题）', params: IdParams, body: GradeSchema, response: { 200: GradeResultSchema } },
    handler: async (req) => gradeItem(actorCtx(req), req.params.id, req.body),
  });

  // ── Taking exams (phone portal) ──
  r.get('/api/v1/learning/my/exams', {
    config: self,
    schema: { tags, summary: '我的考试（进行中与未开始）', response: { 200: z.array(MyExamRowSchema) } },
    handler: async (req) => myExams(actorCtx(req)),
  });
  r.get('/api/v1/learning/my/exams/:id', {
    config: self,
    schema: { tags, summary: '考试说明与我的答卷', params: IdParams, response: { 200: MyExamSchema } },
    handler: async (req) => myExam(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/learning/my/exams/:id/attempts', {
    config: self,
    schema: { tags, summary: '开始答题（已有未交答卷则继续）', params: IdParams, response: { 200: AttemptViewSchema } },
    handler: async (req) => startAttempt(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/learning/my/attempts/:id', {
    config: self,
    schema: { tags, summary: '答卷（题目、我的答案、服务器时间与截止时间）', params: IdParams, response: { 200: AttemptViewSchema } },
    handler: async (req) => getAttempt(actorCtx(req), req.params.id),
  });
  r.put('/api/v1/learning/my/attempts/:id/answers/:questionId', {
    config: self,
    schema: { tags, summary: '保存一题答案（幂等）', params: AnswerParams, body: AnswerPutSchema, response: { 200: AnswerSavedSchema } },
    handler: async (req) => putAnswer(actorCtx(req), req.params.id, req.params.questionId, req.body.response),
  });
  r.post('/api/v1/learning/my/attempts/:id/answers', {
    config: self,
    schema: {
      tags,
      summary: '批量保存答案（带 Idempotency-Key 时重放返回首次结果；有一题不在试卷中则全部不保存）',
      params: IdParams,
      headers: SubmitHeaders,
      body: AnswerBatchSchema,
      response: { 200: BatchSavedSchema },
    },
    handler: async (req) => saveBatch(actorCtx(req), req.params.id, req.headers['idempotency-key'], req.body.answers),
  });
  r.post('/api/v1/learning/my/attempts/:id/submit', {
    config: self,
    schema: {
      tags,
      summary: '交卷（带 Idempotency-Key 时重试返回同一结果）',
      params: IdParams,
      headers: SubmitHeaders,
      response: { 200: SubmitResultSchema },
    },
    handler: async (req) => submitAttempt(actorCtx(req), req.params.id, req.headers['idempotency-key']),
  });
  r.post('/api/v1/learning/my/attempts/:id/offline-submit', {
    config: self,
    schema: {
      tags,
      summary:
        '离线交卷（手机同步队列；须在考试结束前送达，手机记录的交卷时间须在服务器开始时间加限时之内，超时作答的题不计；同一 Idempotency-Key 重放返回同一结果、只计一次）',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: OfflineSubmitSchema,
      response: { 200: OfflineSubmitResultSchema },
    },
    handler: async (req) => submitOffline(actorCtx(req), req.params.id, req.headers['idempotency-key'], req.body),
  });
  r.get('/api/v1/learning/my/attempts/:id/review', {
    config: self,
    schema: { tags, summary: '查看答卷与正确答案（按考试的公布规则）', params: IdParams, response: { 200: ReviewSchema } },
    handler: async (req) => reviewAttempt(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/learning/my/results', {
    config: self,
    schema: { tags, summary: '我的成绩', response: { 200: z.array(MyResultSchema) } },
    handler: async (req) => myResults(actorCtx(req)),
  });
}
