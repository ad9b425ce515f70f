/**
 * The competitions module's contract (apps/server/src/modules/competitions/competitions.routes.ts
 * and the live stream's `state` event): request and response schemas, imported by the server and,
 * as types, by the web's client.
 */
import { z } from 'zod';
import { COMPETITION_RULESETS } from '../competitions-rules.js';
import { PageQuerySchema, pageOf } from './auth.js';
import { instant as anInstant, dbId } from './fields.js';
import type { Wire } from './wire.js';

const rs = COMPETITION_RULESETS[0];
const positiveId = (what: string) => dbId(`请选择${what}`);
const instant = (what: string) => anInstant(`${what}不是有效的时间`);

export const CompetitionCreateSchema = z
  .strictObject({
    orgId: positiveId('举办组织'),
    kind: z.enum(['live', 'challenge'], { message: '类型应为现场竞赛（live）或每周挑战（challenge）' }),
    title: z.string().trim().min(2, '标题至少 2 个字').max(80, '标题不超过 80 个字'),
    description: z.string().trim().max(500, '说明不超过 500 个字').nullable().optional(),
    questionIds: z
      .array(dbId(), { message: '请选择试题' })
      .min(1, '请至少选择 1 道试题')
      .max(rs.maxQuestions, `一场竞赛最多 ${rs.maxQuestions} 道题`),
    secondsPerQuestion: z
      .number({ message: '请填写每题倒计时' })
      .int('每题倒计时应为整数秒')
      .min(rs.minSeconds, `每题倒计时不少于 ${rs.minSeconds} 秒`)
      .max(rs.maxSeconds, `每题倒计时不超过 ${rs.maxSeconds} 秒`)
      .optional(),
    opensAt: instant('开始时间').optional(),
    closesAt: instant('截止时间').optional(),
    timeLimitSeconds: z
      .number({ message: '请填写答题限时' })
      .int('答题限时应为整数秒')
      .min(rs.minChallengeSeconds, `答题限时不少于 ${rs.minChallengeSeconds} 秒`)
      .max(rs.maxChallengeSeconds, `答题限时不超过 ${rs.maxChallengeSeconds / 60} 分钟`)
      .optional(),
  })
  .superRefine((v, c) => {
    if (new Set(v.questionIds).size !== v.questionIds.length)
      c.addIssue({ code: 'custom', path: ['questionIds'], message: '试题不能重复' });
    if (v.kind === 'live' && v.secondsPerQuestion === undefined)
      c.addIssue({ code: 'custom', path: ['secondsPerQuestion'], message: '现场竞赛请填写每题倒计时' });
    if (v.kind === 'challenge') {
      if (!v.opensAt) c.addIssue({ code: 'custom', path: ['opensAt'], message: '每周挑战请填写开始时间' });
      if (!v.closesAt) c.addIssue({ code: 'custom', path: ['closesAt'], message: '每周挑战请填写截止时间' });
      if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt)
        c.addIssue({ code: 'custom', path: ['closesAt'], message: '截止时间应晚于开始时间' });
      if (v.timeLimitSeconds === undefined) c.addIssue({ code: 'custom', path: ['timeLimitSeconds'], message: '每周挑战请填写答题限时' });
    }
  });
export type CompetitionCreateInput = z.infer<typeof CompetitionCreateSchema>;
/** What a client sends (times as ISO strings). */
export type CompetitionCreateBody = z.input<typeof CompetitionCreateSchema>;
export type CompetitionKind = CompetitionCreateInput['kind'];

export const CompetitionListQuerySchema = PageQuerySchema.extend({
  kind: z.enum(['live', 'challenge']).optional(),
});
export type CompetitionListQuery = z.infer<typeof CompetitionListQuerySchema>;

export const CompetitionSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.string(),
  kindName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  joinCode: z.string().nullable(),
  secondsPerQuestion: z.number().nullable(),
  opensAt: z.date().nullable(),
  closesAt: z.date().nullable(),
  timeLimitSeconds: z.number().nullable(),
  status: z.string(),
  statusName: z.string(),
  questionCount: z.number(),
  currentPosition: z.number(),
  players: z.number(),
  finishedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type CompetitionDto = z.infer<typeof CompetitionSchema>;
export const CompetitionPageSchema = pageOf(CompetitionSchema);
export const CompetitionDeletedSchema = z.object({ id: z.number(), deleted: z.literal(true) });

export const OptionSchema = z.object({ key: z.string(), text: z.string() });
export const HostQuestionSchema = z.object({
  position: z.number(),
  questionId: z.number(),
  type: z.string(),
  typeName: z.string(),
  stem: z.string(),
  options: z.array(OptionSchema),
  rightKeys: z.array(z.string()),
  pushedAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  answers: z.number(),
  correctAnswers: z.number(),
});
export const CompetitionDetailSchema = CompetitionSchema.extend({
  questions: z.array(HostQuestionSchema),
  serverNow: z.date(),
});
export type CompetitionDetailDto = z.infer<typeof CompetitionDetailSchema>;

export const PlayerRowSchema = z.object({
  rank: z.number(),
  playerId: z.number(),
  name: z.string(),
  branchId: z.number(),
  branchName: z.string(),
  correct: z.number(),
  timeMs: z.number(),
  answered: z.number(),
});
export const BranchRowSchema = z.object({
  rank: z.number(),
  branchId: z.number(),
  branchName: z.string(),
  players: z.number(),
  avgCorrect: z.number(),
  avgTimeMs: z.number(),
});
export const LeaderboardSchema = z.object({
  competitionId: z.number(),
  players: z.array(PlayerRowSchema),
  branches: z.array(BranchRowSchema),
  answers: z.number(),
});
export type LeaderboardDto = z.infer<typeof LeaderboardSchema>;

/** The question on the board (right keys shown once the countdown is over). */
export const QuestionViewSchema = z.object({
  position: z.number(),
  type: z.string(),
  typeName: z.string(),
  stem: z.string(),
  options: z.array(OptionSchema),
  pushedAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  /** Shown once the countdown is over. */
  rightKeys: z.array(z.string()).nullable(),
  answers: z.number(),
});
export type QuestionView = z.infer<typeof QuestionViewSchema>;

/** What every screen of a competition shows (the same for every phone; `me` is added per phone). */
export const LiveStateSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  status: z.string(),
  questionCount: z.number(),
  currentPosition: z.number(),
  secondsPerQuestion: z.number().nullable(),
  serverNow: z.date(),
  question: QuestionViewSchema.nullable(),
  playerCount: z.number(),
  answers: z.number(),
  top: z.array(PlayerRowSchema),
  branches: z.array(BranchRowSchema),
});
export type LiveState = z.infer<typeof LiveStateSchema>;

/** The data of the live stream's `state` event (GET …/stream): the board and, on a phone, my row. */
export const StreamStateSchema = z.object({ state: LiveStateSchema, me: PlayerRowSchema.nullable() });

// ── Phone portal ──

export const MyCompetitionSchema = z.object({
  id: z.number(),
  kind: z.string(),
  kindName: z.string(),
  title: z.string(),
  status: z.string(),
  statusName: z.string(),
  opensAt: z.date().nullable(),
  closesAt: z.date().nullable(),
  timeLimitSeconds: z.number().nullable(),
  joined: z.boolean(),
  submitted: z.boolean(),
  /** The name of the member's own org. */
  myOrg: z.string(),
});
export const MyCompetitionListSchema = z.array(MyCompetitionSchema);

/** Joining a live quiz (by code or id): the player row, the same on a second join. */
export const JoinResultSchema = z.object({ competitionId: z.number(), playerId: z.number(), name: z.string(), branchName: z.string() });

export const ChallengeQuestionSchema = z.object({
  id: z.number(),
  position: z.number(),
  type: z.string(),
  typeName: z.string(),
  stem: z.string(),
  options: z.array(OptionSchema),
  rightKeys: z.array(z.string()).nullable(),
  /** Once submitted: my keys and whether they were right. */
  myKeys: z.array(z.string()).optional(),
  correct: z.boolean().optional(),
});

/** My attempt at a weekly challenge: the questions while it runs; the result and my answers once submitted. */
export const ChallengeViewSchema = z.object({
  opensAt: z.date().nullable(),
  closesAt: z.date().nullable(),
  timeLimitSeconds: z.number().nullable(),
  started: z.boolean(),
  deadlineAt: z.date().nullable(),
  submittedAt: z.date().nullable(),
  serverNow: z.date(),
  questions: z.array(ChallengeQuestionSchema),
  result: z.object({ correct: z.number(), durationMs: z.number(), rank: z.number().nullable(), of: z.number() }).nullable(),
});

/** The phone's view of a competition: the shared state, my row, my answer to the current question, my challenge. */
export const MyStateSchema = z.object({
  state: LiveStateSchema,
  me: PlayerRowSchema.nullable(),
  playerId: z.number().nullable(),
  joined: z.boolean(),
  myAnswer: z.object({ position: z.number(), keys: z.array(z.string()), correct: z.boolean().nullable() }).nullable(),
  challenge: ChallengeViewSchema.nullable(),
});

export const JoinByCodeSchema = z.strictObject({
  code: z
    .string({ message: '请输入加入码' })
    .trim()
    .regex(/^\d{6}$/, '加入码是 6 位数字'),
});

export const AnswerSchema = z.strictObject({
  position: dbId('题号不正确'),
  keys: z.array(z.string().min(1).max(10)).min(1, '请选择答案').max(10),
});
export type AnswerInput = z.infer<typeof AnswerSchema>;
/** A live answer as recorded (a retry of the same answer returns the first, `replay: true`). */
export const AnswerResultSchema = z.object({
  position: z.number(),
  keys: z.array(z.string()),
  answeredAt: z.date(),
  elapsedMs: z.number(),
  replay: z.boolean(),
});

export const ChallengeSubmitSchema = z.strictObject({
  answers: z.array(AnswerSchema).max(rs.maxQuestions),
});
export type ChallengeSubmitInput = z.infer<typeof ChallengeSubmitSchema>;

export const StreamQuerySchema = z.object({
  /** Send the current state once and close (a snapshot, for clients that cannot hold a stream). */
  once: z.stringbool().default(false),
});

/** The answers as the web receives them (Dates as ISO strings). */
export type CompetitionWire = Wire<CompetitionDto>;
export type CompetitionDetailWire = Wire<CompetitionDetailDto>;
export type PlayerRowDto = z.infer<typeof PlayerRowSchema>;
export type BranchRowDto = z.infer<typeof BranchRowSchema>;
export type OptionDto = z.infer<typeof OptionSchema>;
export type LiveStateWire = Wire<LiveState>;
export type StreamStateWire = Wire<z.infer<typeof StreamStateSchema>>;
export type MyCompetitionWire = Wire<z.infer<typeof MyCompetitionSchema>>;
export type JoinResultDto = z.infer<typeof JoinResultSchema>;
export type ChallengeQuestionDto = z.infer<typeof ChallengeQuestionSchema>;
export type MyStateWire = Wire<z.infer<typeof MyStateSchema>>;
export type AnswerResultWire = Wire<z.infer<typeof AnswerResultSchema>>;
