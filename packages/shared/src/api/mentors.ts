/**
 * The mentors module's contract (apps/server/src/modules/mentors/mentors.routes.ts): request and
 * response schemas, imported by the server's routes and, as types, by the web's client.
 */
import { z } from 'zod';
import { PageQuerySchema, pageOf } from './auth.js';
import { idParam, idRef, isoDateOf } from './fields.js';

const isoDate = isoDateOf;
const text = (label: string, max: number, min = 1) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(min, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 个字`);

export const MilestoneCreateSchema = z.strictObject({ title: text('里程碑', 100), dueOn: isoDate('完成期限') });
export type MilestoneCreateInput = z.infer<typeof MilestoneCreateSchema>;

export const PairCreateSchema = z
  .strictObject({
    orgId: idRef('组织'),
    kind: z.enum(['apprentice', 'youth'], { message: '类型应为导师带徒（apprentice）或青年党员导师（youth）' }),
    mentorMemberId: idRef('导师'),
    menteeMemberId: idRef('学员').nullable().optional(),
    menteeWorkerId: idRef('学员').nullable().optional(),
    startsOn: isoDate('开始日期'),
    plannedEndOn: isoDate('计划结束日期'),
    goals: text('培养目标', 2000),
    milestones: z.array(MilestoneCreateSchema).max(50, '里程碑不超过 50 个').default([]),
  })
  .refine((v) => Boolean(v.menteeMemberId) !== Boolean(v.menteeWorkerId), {
    message: '请选择一名学员（党员或职工群众）',
    path: ['menteeMemberId'],
  });
export type PairCreateInput = z.infer<typeof PairCreateSchema>;
/** What a client sends (milestones may be left out). */
export type PairCreateBody = z.input<typeof PairCreateSchema>;

export const PairListQuerySchema = PageQuerySchema.extend({
  orgId: idParam('请选择组织'),
  kind: z.enum(['apprentice', 'youth', 'contact'], { message: '类型不正确' }).optional(),
  status: z.enum(['active', 'closed', 'ended'], { message: '状态不正确' }).optional(),
  overdue: z.stringbool().optional(),
});
export type PairListQuery = z.infer<typeof PairListQuerySchema>;

export const MeetingCreateSchema = z.strictObject({
  metOn: isoDate('谈心日期'),
  topic: text('主题', 100),
  content: text('内容', 2000),
  /** Makes a retried submission from the phone count once. */
  clientKey: z.string().min(8).max(64).optional(),
});
export type MeetingCreateInput = z.infer<typeof MeetingCreateSchema>;

export const MilestoneUpdateSchema = z.strictObject({ done: z.boolean({ message: '请说明是否完成' }) });

export const EvaluationCreateSchema = z.strictObject({
  stage: z.enum(['mid', 'final'], { message: '评价阶段应为中期（mid）或结业（final）' }),
  rating: z.enum(['excellent', 'good', 'pass', 'fail'], { message: '请选择评价等次' }),
  comment: text('评语', 1000, 2),
  evaluatedOn: isoDate('评价日期'),
});
export type EvaluationCreateInput = z.infer<typeof EvaluationCreateSchema>;

export const PairEndSchema = z.strictObject({ endedOn: isoDate('终止日期'), reason: text('终止原因', 200, 2) });
export type PairEndInput = z.infer<typeof PairEndSchema>;

export const PairParams = z.object({ id: idParam() });
export const MilestoneParams = PairParams.extend({ milestoneId: idParam() });

export const CandidateQuerySchema = z.object({
  orgId: idParam('请选择组织'),
  type: z.enum(['member', 'worker']).default('member'),
  q: z.string().trim().max(20).optional(),
});
export type CandidateQuery = z.input<typeof CandidateQuerySchema>;

export const PairListItemSchema = z.object({
  /** `pair:<id>` or `contact:<case>:<member>` (recruitment's 培养联系人, read from the recruitment module). */
  key: z.string(),
  id: z.number().nullable(),
  caseId: z.number().nullable(),
  kind: z.string(),
  kindName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  mentorName: z.string(),
  menteeName: z.string(),
  menteeType: z.string(),
  startsOn: z.string(),
  plannedEndOn: z.string().nullable(),
  status: z.string(),
  statusName: z.string(),
  lastMeetingOn: z.string().nullable(),
  meetingDueOn: z.string().nullable(),
  overdue: z.boolean(),
});

export const PairDetailSchema = z.object({
  id: z.number(),
  kind: z.string(),
  kindName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  mentorMemberId: z.number(),
  mentorName: z.string(),
  menteeMemberId: z.number().nullable(),
  menteeWorkerId: z.number().nullable(),
  menteeName: z.string(),
  startsOn: z.string(),
  plannedEndOn: z.string(),
  goals: z.string(),
  status: z.string(),
  statusName: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  lastMeetingOn: z.string().nullable(),
  meetingDueOn: z.string(),
  overdue: z.boolean(),
  midTermDueOn: z.string(),
  evaluationDue: z.enum(['mid', 'final']).nullable(),
  /** For the phone: which side the viewer is on (mentor / mentee), null in the console. */
  myRole: z.enum(['mentor', 'mentee']).nullable(),
  milestones: z.array(z.object({ id: z.number(), title: z.string(), dueOn: z.string(), doneOn: z.string().nullable() })),
  meetings: z.array(
    z.object({
      id: z.number(),
      metOn: z.string(),
      topic: z.string(),
      content: z.string(),
      writtenBy: z.string(),
      writtenByName: z.string(),
    }),
  ),
  evaluations: z.array(
    z.object({
      id: z.number(),
      stage: z.string(),
      stageName: z.string(),
      rating: z.string(),
      ratingName: z.string(),
      comment: z.string(),
      evaluatedOn: z.string(),
    }),
  ),
});
export type PairDetailDto = z.infer<typeof PairDetailSchema>;
export type PairListItemDto = z.infer<typeof PairListItemSchema>;
export const PairPageSchema = pageOf(PairListItemSchema);
export const MyPairsSchema = pageOf(PairDetailSchema);

export const CandidateSchema = z.object({ id: z.number(), name: z.string(), orgName: z.string() });
export const CandidateListSchema = z.array(CandidateSchema);
export type CandidateDto = z.infer<typeof CandidateSchema>;
