import {
  AssignmentDetailSchema,
  AssignmentParams,
  InboxPageSchema,
  InboxQuerySchema,
  ReportCreateSchema,
  SplitSchema,
  TaskBoardSchema,
  TaskCreateSchema,
  TaskListQuerySchema,
  TaskPageSchema,
  TaskParams,
  VerifySchema,
} from '@vanguard/shared/api/tasks';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerFileOwner } from '../../platform/files/owners.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { getAssignment, inbox, reportAssignment, splitAssignment, verifyAssignment } from './task-assignments.service.js';
import { boardXlsx } from './tasks.export.js';
import { taskFileOwners } from './tasks.files.js';
import { closeTask, createTask, listTasks, taskBoard } from './tasks.service.js';

const manage = { access: { permission: 'tasks:manage' } } as const;
const tags = ['tasks'];

/** 任务督办: tasks assigned down the tree, split, reported with evidence and verified by the assigner. */
export async function tasksRoutes(app: FastifyInstance): Promise<void> {
  registerFileOwner(taskFileOwners);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/tasks', {
    config: manage,
    schema: { tags, summary: '下达的任务（本组织及下级）', querystring: TaskListQuerySchema, response: { 200: TaskPageSchema } },
    handler: async (req) => listTasks(actorCtx(req), req.query),
  });
  r.post('/api/v1/tasks', {
    config: manage,
    schema: { tags, summary: '下达任务', body: TaskCreateSchema, response: { 201: TaskBoardSchema } },
    handler: async (req, reply) => reply.status(201).send(await createTask(actorCtx(req), req.body)),
  });
  r.get('/api/v1/tasks/:id', {
    config: manage,
    schema: { tags, summary: '任务看板（各承办组织状态，树形）', params: TaskParams, response: { 200: TaskBoardSchema } },
    handler: async (req) => taskBoard(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/tasks/:id/board.xlsx', {
    config: manage,
    schema: { tags, summary: '导出任务督办台账（Excel）', params: TaskParams, response: { 200: xlsxFile('任务督办台账') } },
    handler: async (req, reply) => {
      const out = await boardXlsx(actorCtx(req), req.params.id);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.post('/api/v1/tasks/:id/close', {
    config: manage,
    schema: { tags, summary: '关闭任务（此后只读）', params: TaskParams, response: { 200: TaskBoardSchema } },
    handler: async (req) => closeTask(actorCtx(req), req.params.id),
  });

  r.get('/api/v1/task-assignments', {
    config: manage,
    schema: { tags, summary: '本组织承办的任务（待报送在前）', querystring: InboxQuerySchema, response: { 200: InboxPageSchema } },
    handler: async (req) => inbox(actorCtx(req), req.query),
  });
  r.get('/api/v1/task-assignments/:id', {
    config: manage,
    schema: { tags, summary: '承办详情（报送记录、下级分解）', params: AssignmentParams, response: { 200: AssignmentDetailSchema } },
    handler: async (req) => getAssignment(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/task-assignments/:id/split', {
    config: manage,
    schema: { tags, summary: '分解到下级组织', params: AssignmentParams, body: SplitSchema, response: { 200: AssignmentDetailSchema } },
    handler: async (req) => splitAssignment(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/task-assignments/:id/report', {
    config: manage,
    schema: {
      tags,
      summary: '报送（附佐证材料）',
      params: AssignmentParams,
      body: ReportCreateSchema,
      response: { 200: AssignmentDetailSchema },
    },
    handler: async (req) => reportAssignment(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/task-assignments/:id/verify', {
    config: manage,
    schema: {
      tags,
      summary: '审核报送（通过 / 退回并说明理由）',
      params: AssignmentParams,
      body: VerifySchema,
      response: { 200: AssignmentDetailSchema },
    },
    handler: async (req) => verifyAssignment(actorCtx(req), req.params.id, req.body),
  });
}
