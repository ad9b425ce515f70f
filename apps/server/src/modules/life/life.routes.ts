import { IdParams } from '@vanguard/shared';
import {
  ActionItemCreateSchema,
  ActionItemDoneSchema,
  ActionItemPageSchema,
  ActionItemQuery,
  ActionItemRecordSchema,
  AttendanceSchema,
  BallotSchema,
  CampaignCreateSchema,
  CampaignListQuery,
  CampaignListSchema,
  CampaignOpenedSchema,
  CampaignSchema,
  CancelSchema,
  CaseCloseSchema,
  CaseListQuery,
  CaseListSchema,
  ComplianceQuery,
  ComplianceSchema,
  ComplianceXlsxQuery,
  CreditHoursSchema,
  DeterminationSchema,
  FileAttachSchema,
  FileParams,
  FollowUpSchema,
  HoursLedgerSchema,
  HoursQuery,
  HoursXlsxQuery,
  JointBodyListSchema,
  LeaveDecisionSchema,
  LeaveSchema,
  LeaveStatusSchema,
  MassEvalSchema,
  MeetingActionItemListSchema,
  MeetingCreateSchema,
  MeetingDetailSchema,
  MeetingListQuery,
  MeetingPageSchema,
  MinutesSchema,
  MyAppraisalListSchema,
  MyAppraisalSchema,
  MyHoursSchema,
  MyMeetingDetailSchema,
  MyMeetingListSchema,
  MyMeetingsQuery,
  OkSchema,
  PendingLeaveListSchema,
  RescheduleSchema,
  SelfEvalSchema,
  SignInCodeSchema,
  SignInResultSchema,
  SignInSchema,
  UnqualifiedCaseSchema,
  YearQuery,
} from '@vanguard/shared/api/life';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerFileOwner } from '../../platform/files/owners.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { addActionItem, closeActionItem, jointBodies, listActionItems, meetingActionItems } from './actions.service.js';
import { closeCampaign, determine, getCampaign, listCampaigns, openCampaign, recordMass } from './appraisal.service.js';
import { compliance, complianceWorkbook } from './compliance.service.js';
import { hoursLedger, hoursWorkbook } from './hours.service.js';
import { meetingFileOwners } from './life.files.js';
import { creditHours, recordAttendance } from './meeting-attendance.service.js';
import { decideLeave, listPendingLeaves } from './meeting-leaves.service.js';
import { attachFile, detachFile, publishMeeting, recordMinutes } from './meeting-minutes.service.js';
import { cancelMeeting, planMeeting, rescheduleMeeting } from './meeting-schedule.service.js';
import { getMeeting, listMeetings } from './meetings.service.js';
import { askLeave, myHours, myMeeting, myMeetings } from './my.service.js';
import { castBallot, myAppraisal, myAppraisals, submitSelf } from './my-appraisal.service.js';
import { signIn, signInCode } from './signin.service.js';
import { addFollowUp, closeCase, listCases } from './unqualified-cases.service.js';

const manage = { access: { permission: 'life:manage' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const tags = ['life'];

/** Routes of the life module (registered once in app.ts). */
export async function lifeRoutes(app: FastifyInstance) {
  registerFileOwner(meetingFileOwners);
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ——— Meetings (console) ———
  r.get('/api/v1/life/meetings', {
    config: manage,
    schema: {
      tags,
      summary: '会议列表（三会一课、主题党日、组织生活会、谈心谈话、联席会议）',
      querystring: MeetingListQuery,
      response: { 200: MeetingPageSchema },
    },
    handler: async (req) => listMeetings(actorCtx(req), req.query),
  });
  r.post('/api/v1/life/meetings', {
    config: manage,
    schema: { tags, summary: '计划会议并通知参会人员', body: MeetingCreateSchema, response: { 200: MeetingDetailSchema } },
    handler: async (req) => planMeeting(actorCtx(req), req.body),
  });
  r.get('/api/v1/life/meetings/:id', {
    config: manage,
    schema: { tags, summary: '会议详情：参会、出勤、记录、附件、历史', params: IdParams, response: { 200: MeetingDetailSchema } },
    handler: async (req) => getMeeting(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/life/meetings/:id/reschedule', {
    config: manage,
    schema: { tags, summary: '会议改期（保留历史）', params: IdParams, body: RescheduleSchema, response: { 200: MeetingDetailSchema } },
    handler: async (req) => rescheduleMeeting(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/life/meetings/:id/cancel', {
    config: manage,
    schema: { tags, summary: '取消会议（保留历史）', params: IdParams, body: CancelSchema, response: { 200: MeetingDetailSchema } },
    handler: async (req) => cancelMeeting(actorCtx(req), req.params.id, req.body.reason),
  });
  r.put('/api/v1/life/meetings/:id/minutes', {
    config: manage,
    schema: { tags, summary: '填写会议记录和决议', params: IdParams, body: MinutesSchema, response: { 200: MeetingDetailSchema } },
    handler: async (req) => recordMinutes(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/life/meetings/:id/publish', {
    config: manage,
    schema: { tags, summary: '发布会议记录', params: IdParams, response: { 200: MeetingDetailSchema } },
    handler: async (req) => publishMeeting(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/life/meetings/:id/files', {
    config: manage,
    schema: {
      tags,
      summary: '添加会议照片或附件（先经 /api/v1/files 上传）',
      params: IdParams,
      body: FileAttachSchema,
      response: { 200: MeetingDetailSchema },
    },
    handler: async (req) => attachFile(actorCtx(req), req.params.id, req.body),
  });
  r.delete('/api/v1/life/meetings/:id/files/:fileId', {
    config: manage,
    schema: { tags, summary: '移除会议附件', params: FileParams, response: { 200: MeetingDetailSchema } },
    handler: async (req) => detachFile(actorCtx(req), req.params.id, req.params.fileId),
  });
  r.post('/api/v1/life/meetings/:id/attendance', {
    config: manage,
    schema: {
      tags,
      summary: '手工登记出勤（须填原因，留痕）',
      params: IdParams,
      body: AttendanceSchema,
      response: { 200: MeetingDetailSchema },
    },
    handler: async (req) => recordAttendance(actorCtx(req), req.params.id, req.body),
  });
  r.put('/api/v1/life/meetings/:id/hours', {
    config: manage,
    schema: {
      tags,
      summary: '登记某位出席党员的学时（中途离会、迟到可少计，须填原因，留痕）',
      params: IdParams,
      body: CreditHoursSchema,
      response: { 200: MeetingDetailSchema },
    },
    handler: async (req) => creditHours(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/life/meetings/:id/sign-in-code', {
    config: manage,
    schema: { tags, summary: '签到二维码与 6 位签到码（每 30 秒更新）', params: IdParams, response: { 200: SignInCodeSchema } },
    handler: async (req) => signInCode(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/life/meetings/:id/action-items', {
    config: manage,
    schema: { tags, summary: '会议的督办事项', params: IdParams, response: { 200: MeetingActionItemListSchema } },
    handler: async (req) => meetingActionItems(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/life/meetings/:id/action-items', {
    config: manage,
    schema: {
      tags,
      summary: '从会议决议分解督办事项',
      params: IdParams,
      body: ActionItemCreateSchema,
      response: { 200: ActionItemRecordSchema },
    },
    handler: async (req) => addActionItem(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/life/leaves', {
    config: manage,
    schema: { tags, summary: '待审批的请假', response: { 200: PendingLeaveListSchema } },
    handler: async (req) => listPendingLeaves(actorCtx(req)),
  });
  r.post('/api/v1/life/leaves/:id/decision', {
    config: manage,
    schema: { tags, summary: '审批请假', params: IdParams, body: LeaveDecisionSchema, response: { 200: LeaveStatusSchema } },
    handler: async (req) => decideLeave(actorCtx(req), req.params.id, req.body),
  });

  // ——— Action items ———
  r.get('/api/v1/life/action-items', {
    config: manage,
    schema: { tags, summary: '督办事项（按组织或联席会议）', querystring: ActionItemQuery, response: { 200: ActionItemPageSchema } },
    handler: async (req) => listActionItems(actorCtx(req), req.query),
  });
  r.post('/api/v1/life/action-items/:id/done', {
    config: manage,
    schema: { tags, summary: '督办事项办结', params: IdParams, body: ActionItemDoneSchema, response: { 200: ActionItemRecordSchema } },
    handler: async (req) => closeActionItem(actorCtx(req), req.params.id, req.body.note),
  });
  r.get('/api/v1/life/joint-bodies', {
    config: manage,
    schema: { tags, summary: '联席会议及其未办结事项数', response: { 200: JointBodyListSchema } },
    handler: async (req) => jointBodies(actorCtx(req)),
  });

  // ——— Compliance and hours ———
  r.get('/api/v1/life/compliance', {
    config: manage,
    schema: {
      tags,
      summary: '组织生活落实情况（按月、季度，可下钻）',
      querystring: ComplianceQuery,
      response: { 200: ComplianceSchema },
    },
    handler: async (req) => compliance(actorCtx(req), req.query),
  });
  r.get('/api/v1/life/compliance.xlsx', {
    config: manage,
    schema: {
      tags,
      summary: '导出组织生活落实情况（Excel：汇总、按月、按季度）',
      querystring: ComplianceXlsxQuery,
      response: { 200: xlsxFile('组织生活落实情况') },
    },
    handler: async (req, reply) => {
      const out = await complianceWorkbook(actorCtx(req), req.query);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.get('/api/v1/life/hours', {
    config: manage,
    schema: {
      tags,
      summary: '党员学时台账（年度 32 学时，书记和支委 56 学时）',
      querystring: HoursQuery,
      response: { 200: HoursLedgerSchema },
    },
    handler: async (req) => hoursLedger(actorCtx(req), req.query),
  });

  r.get('/api/v1/life/hours.xlsx', {
    config: manage,
    schema: {
      tags,
      summary: '导出党员学时台账（Excel）',
      querystring: HoursXlsxQuery,
      response: { 200: xlsxFile('党员学时台账') },
    },
    handler: async (req, reply) => {
      const out = await hoursWorkbook(actorCtx(req), req.query);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });

  // ——— Appraisal (console) ———
  r.get('/api/v1/life/appraisals', {
    config: manage,
    schema: { tags, summary: '民主评议党员', querystring: CampaignListQuery, response: { 200: CampaignListSchema } },
    handler: async (req) => listCampaigns(actorCtx(req), req.query.orgId),
  });
  r.post('/api/v1/life/appraisals', {
    config: manage,
    schema: { tags, summary: '启动年度民主评议', body: CampaignCreateSchema, response: { 200: CampaignOpenedSchema } },
    handler: async (req) => openCampaign(actorCtx(req), req.body),
  });
  r.get('/api/v1/life/appraisals/:id', {
    config: manage,
    schema: { tags, summary: '评议详情（结束互评后显示票数）', params: IdParams, response: { 200: CampaignSchema } },
    handler: async (req) => getCampaign(actorCtx(req), req.params.id),
  });
  r.put('/api/v1/life/appraisals/:id/mass', {
    config: manage,
    schema: { tags, summary: '录入群众（职工代表）评议票数', params: IdParams, body: MassEvalSchema, response: { 200: CampaignSchema } },
    handler: async (req) => recordMass(actorCtx(req), req.params.id, req.body.counts),
  });
  r.post('/api/v1/life/appraisals/:id/close', {
    config: manage,
    schema: { tags, summary: '结束自评、互评和群众评议', params: IdParams, response: { 200: CampaignSchema } },
    handler: async (req) => closeCampaign(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/life/appraisals/:id/determination', {
    config: manage,
    schema: {
      tags,
      summary: '组织评定等次（优秀不超过三分之一，预备党员不评定等次）',
      params: IdParams,
      body: DeterminationSchema,
      response: { 200: CampaignSchema },
    },
    handler: async (req) => determine(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/life/unqualified-cases', {
    config: manage,
    schema: { tags, summary: '不合格党员组织处置', querystring: CaseListQuery, response: { 200: CaseListSchema } },
    handler: async (req) => listCases(actorCtx(req), req.query.status),
  });
  r.post('/api/v1/life/unqualified-cases/:id/follow-ups', {
    config: manage,
    schema: { tags, summary: '处置跟进记录', params: IdParams, body: FollowUpSchema, response: { 200: UnqualifiedCaseSchema } },
    handler: async (req) => addFollowUp(actorCtx(req), req.params.id, req.body.note),
  });
  r.post('/api/v1/life/unqualified-cases/:id/close', {
    config: manage,
    schema: { tags, summary: '处置结案', params: IdParams, body: CaseCloseSchema, response: { 200: UnqualifiedCaseSchema } },
    handler: async (req) => closeCase(actorCtx(req), req.params.id, req.body.outcome),
  });

  // ——— Phone portal (the member's own) ———
  r.get('/api/v1/life/my/meetings', {
    config: self,
    schema: { tags, summary: '我的会议', querystring: MyMeetingsQuery, response: { 200: MyMeetingListSchema } },
    handler: async (req) => myMeetings(actorCtx(req), req.query.when),
  });
  r.get('/api/v1/life/my/meetings/:id', {
    config: self,
    schema: { tags, summary: '我的会议详情（出席的会议可看记录）', params: IdParams, response: { 200: MyMeetingDetailSchema } },
    handler: async (req) => myMeeting(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/life/my/meetings/:id/leave', {
    config: self,
    schema: { tags, summary: '请假', params: IdParams, body: LeaveSchema, response: { 200: LeaveStatusSchema } },
    handler: async (req) => askLeave(actorCtx(req), req.params.id, req.body.reason),
  });
  r.post('/api/v1/life/sign-in', {
    config: self,
    schema: { tags, summary: '扫码或输入签到码签到（离线签到带扫码时间）', body: SignInSchema, response: { 200: SignInResultSchema } },
    handler: async (req) => signIn(actorCtx(req), req.body),
  });
  r.get('/api/v1/life/my/hours', {
    config: self,
    schema: { tags, summary: '我的年度学时', querystring: YearQuery, response: { 200: MyHoursSchema } },
    handler: async (req) => myHours(actorCtx(req), req.query.year),
  });
  r.get('/api/v1/life/my/appraisals', {
    config: self,
    schema: { tags, summary: '我的评议任务', response: { 200: MyAppraisalListSchema } },
    handler: async (req) => myAppraisals(actorCtx(req)),
  });
  r.get('/api/v1/life/my/appraisals/:id', {
    config: self,
    schema: { tags, summary: '评议任务详情', params: IdParams, response: { 200: MyAppraisalSchema } },
    handler: async (req) => myAppraisal(actorCtx(req), req.params.id),
  });
  r.put('/api/v1/life/my/appraisals/:id/self', {
    config: self,
    schema: { tags, summary: '提交自评', params: IdParams, body: SelfEvalSchema, response: { 200: OkSchema } },
    handler: async (req) => submitSelf(actorCtx(req), req.params.id, req.body.summary),
  });
  r.post('/api/v1/life/my/appraisals/:id/ballot', {
    config: self,
    schema: { tags, summary: '提交互评（无记名）', params: IdParams, body: BallotSchema, response: { 200: OkSchema } },
    handler: async (req) => castBallot(actorCtx(req), req.params.id, req.body.ratings),
  });
}
