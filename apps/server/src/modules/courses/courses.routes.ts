import { pageOf } from '@vanguard/shared';
import {
  BeatResultSchema,
  CourseCreateSchema,
  CourseListQuery,
  CourseSchema,
  CourseUpdateSchema,
  HeartbeatSchema,
  IdParams,
  ImageParams,
  MyCourseSchema,
  MyHoursSchema,
  MyPlanSchema,
  OfflineStudyHeaders,
  OfflineStudySchema,
  PlanCreateSchema,
  PlanListQuery,
  PlanProgressSchema,
  PlanSchema,
  ProgressQuery,
  YearQuery,
} from '@vanguard/shared/api/courses';
import { fileResponse, xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerFileOwner } from '../../platform/files/owners.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { courseFileOwners } from './courses.files.js';
import { createCourse, getCourse, listCourses, updateCourse } from './courses.service.js';
import { offlineStudy } from './offline-study.service.js';
import { createPlan, getPlan, listPlans, myPlans, planProgress, planProgressXlsx } from './plans.service.js';
import { heartbeat, myCourse, myHours, sendArticleImage, sendCourseMedia } from './study.service.js';

const manage = { access: { permission: 'learning:manage' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const reader = { access: { permission: ['self:portal', 'learning:manage'] } } as const;
const tags = ['courses'];

/** Routes of the courses module: courses and plans (console), study with credited time (phone). */
export async function coursesRoutes(app: FastifyInstance, opts: { uploadDir: string }) {
  registerFileOwner(courseFileOwners);
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ── Courses (console) ──
  r.get('/api/v1/courses', {
    config: manage,
    schema: { tags, summary: '课程列表（本组织及下级）', querystring: CourseListQuery, response: { 200: pageOf(CourseSchema) } },
    handler: async (req) => listCourses(actorCtx(req), req.query),
  });
  r.post('/api/v1/courses', {
    config: manage,
    schema: {
      tags,
      summary: '新建课程（图文正文在服务器端净化；PDF/视频按文件内容识别类型）',
      body: CourseCreateSchema,
      response: { 200: CourseSchema },
    },
    handler: async (req) => createCourse(actorCtx(req), req.body),
  });
  r.get('/api/v1/courses/:id', {
    config: manage,
    schema: { tags, summary: '课程详情', params: IdParams, response: { 200: CourseSchema } },
    handler: async (req) => getCourse(actorCtx(req), req.params.id),
  });
  r.patch('/api/v1/courses/:id', {
    config: manage,
    schema: { tags, summary: '修改课程', params: IdParams, body: CourseUpdateSchema, response: { 200: CourseSchema } },
    handler: async (req) => updateCourse(actorCtx(req), req.params.id, req.body),
  });

  // ── Plans (console) ──
  r.get('/api/v1/course-plans', {
    config: manage,
    schema: {
      tags,
      summary: '学习计划列表',
      querystring: PlanListQuery,
      response: { 200: pageOf(PlanSchema) },
    },
    handler: async (req) => listPlans(actorCtx(req), req.query),
  });
  r.post('/api/v1/course-plans', {
    config: manage,
    schema: {
      tags,
      summary: '新建学习计划（对象：组织及下级，可限角色或人员标签）',
      body: PlanCreateSchema,
      response: { 200: PlanSchema },
    },
    handler: async (req) => createPlan(actorCtx(req), req.body) as never,
  });
  r.get('/api/v1/course-plans/:id', {
    config: manage,
    schema: { tags, summary: '学习计划详情', params: IdParams, response: { 200: PlanSchema } },
    handler: async (req) => getPlan(actorCtx(req), req.params.id) as never,
  });
  r.get('/api/v1/course-plans/:id/progress', {
    config: manage,
    schema: {
      tags,
      summary: '学习计划进度（每人已完成/总数，落后名单，按组织汇总）',
      params: IdParams,
      querystring: ProgressQuery,
      response: { 200: PlanProgressSchema },
    },
    handler: async (req) => planProgress(actorCtx(req), req.params.id, req.query),
  });
  r.get('/api/v1/course-plans/:id/progress.xlsx', {
    config: manage,
    schema: {
      tags,
      summary: '导出学习计划进度（Excel）',
      params: IdParams,
      querystring: ProgressQuery.omit({ page: true, pageSize: true }),
      response: { 200: xlsxFile('学习计划进度') },
    },
    handler: async (req, reply) => {
      const out = await planProgressXlsx(actorCtx(req), req.params.id, req.query);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });

  // ── Study (phone) ──
  r.get('/api/v1/my/course-plans', {
    config: self,
    schema: { tags, summary: '我的学习计划（进度与截止日期）', response: { 200: z.array(MyPlanSchema) } },
    handler: async (req) => myPlans(actorCtx(req)),
  });
  r.get('/api/v1/my/courses/:id', {
    config: self,
    schema: { tags, summary: '学习一门课程（不在学习范围内为 404）', params: IdParams, response: { 200: MyCourseSchema } },
    handler: async (req) => myCourse(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/my/courses/:id/heartbeats', {
    config: self,
    schema: {
      tags,
      summary: '学习心跳（页面可见且有操作时每 15 秒一次；重复编号不重复计时）',
      params: IdParams,
      body: HeartbeatSchema,
      response: { 200: BeatResultSchema },
    },
    handler: async (req) => heartbeat(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/my/courses/:id/offline-study', {
    config: self,
    schema: {
      tags,
      summary: '离线学习记录（手机同步队列；只计页面可见且有操作的时间，最多计到课程最低学习时长；同一 Idempotency-Key 只计一次）',
      params: IdParams,
      headers: OfflineStudyHeaders,
      body: OfflineStudySchema,
      response: { 200: BeatResultSchema },
    },
    handler: async (req) => offlineStudy(actorCtx(req), req.params.id, req.headers['idempotency-key'], req.body),
  });
  r.get('/api/v1/my/study-hours', {
    config: self,
    schema: { tags, summary: '我的年度学习学时', querystring: YearQuery, response: { 200: MyHoursSchema } },
    handler: async (req) => myHours(actorCtx(req), req.query.year),
  });
  r.get('/api/v1/my/courses/:id/media', {
    config: reader,
    schema: {
      tags,
      summary: '课程的 PDF/视频（支持 Range 断点与拖动，206 Partial Content）',
      params: IdParams,
      response: {
        200: fileResponse('application/octet-stream', 'PDF 或视频'),
        206: fileResponse('application/octet-stream', '所请求的字节范围'),
      },
    },
    handler: async (req, reply) => sendCourseMedia(actorCtx(req), req.params.id, req.headers.range, reply, opts.uploadDir),
  });
  r.get('/api/v1/my/courses/:id/images/:fileId', {
    config: reader,
    schema: { tags, summary: '图文课程中的图片', params: ImageParams, response: { 200: fileResponse('image/*', '图片') } },
    handler: async (req, reply) => sendArticleImage(actorCtx(req), req.params.id, req.params.fileId, reply, opts.uploadDir),
  });
}
