/**
 * The points module's contract (apps/server/src/modules/points/points.routes.ts): request and
 * response schemas, imported by the server's routes and, as types, by the web's client.
 */
import { z } from 'zod';
import { POINT_ACTIVITY_CODES, type PointActivity } from '../points-rules.js';
import { PageQuerySchema, pageOf } from './auth.js';
import { idParam, YEAR_MAX, YEAR_MIN } from './fields.js';
import type { Wire } from './wire.js';

/** `2026-11` (a month) or `2026` (a year), China time. */
const period = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '统计期应为年（2026）或年月（2026-11）')
  // Year 0000 made an impossible date in the query (500; found by the route fuzzer, issue 17).
  .refine((v) => Number(v.slice(0, 4)) >= YEAR_MIN && Number(v.slice(0, 4)) <= YEAR_MAX, {
    message: `统计期应在 ${YEAR_MIN}–${YEAR_MAX} 年之间`,
  })
  .optional();
const orgId = idParam('请选择组织');

export const BoardQuerySchema = PageQuerySchema.extend({ orgId, period });
export type BoardQuery = z.infer<typeof BoardQuerySchema>;

export const MemberBoardRowSchema = z.object({
  rank: z.number(),
  memberId: z.number(),
  name: z.string(),
  orgName: z.string(),
  points: z.number(),
  /** Credited study hours in the period (courses), one decimal. */
  studyHours: z.number(),
  /** Exams passed in the period (distinct exams). */
  examsPassed: z.number(),
  /** Activities that earned points (after caps). */
  activities: z.number(),
});

export const BranchBoardRowSchema = z.object({
  rank: z.number(),
  orgId: z.number(),
  name: z.string(),
  members: z.number(),
  participants: z.number(),
  participationPct: z.number(),
  points: z.number(),
  perCapita: z.number(),
  studyHours: z.number(),
  examsPassed: z.number(),
});

export const BoardPeriodSchema = z.object({ period: z.string(), from: z.string(), to: z.string() });

/** GET /points/leaderboard/members and …/branches: a page of rows and the period counted. */
export const MemberBoardSchema = pageOf(MemberBoardRowSchema).extend({ period: BoardPeriodSchema });
export const BranchBoardSchema = pageOf(BranchBoardRowSchema).extend({ period: BoardPeriodSchema });
export type MemberBoardRowDto = z.infer<typeof MemberBoardRowSchema>;
export type BranchBoardRowDto = z.infer<typeof BranchBoardRowSchema>;
export type MemberBoardDto = z.infer<typeof MemberBoardSchema>;
export type BranchBoardDto = z.infer<typeof BranchBoardSchema>;

const caps = z.object(
  Object.fromEntries([...POINT_ACTIVITY_CODES, 'total'].map((k) => [k, z.number()])) as Record<PointActivity | 'total', z.ZodNumber>,
);

export const CapsSchema = z.object({
  rulesetVersion: z.string(),
  source: z.string(),
  points: z.record(z.string(), z.number()),
  studyMinutesPerPoint: z.number(),
  examPassBonus: z.number(),
  /** The ruleset's caps and those in force (with the group's overrides). */
  defaults: caps,
  caps,
  overridden: z.boolean(),
});
export type PointsSettingsDto = z.infer<typeof CapsSchema>;

const capValue = (label: string) =>
  z
    .number({ message: `${label}应为整数` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负`)
    .max(1000, `${label}不超过 1000`);
export const CapsUpdateSchema = z.strictObject({
  study: capValue('课程学习上限'),
  exam: capValue('在线考试上限'),
  competition: capValue('知识竞赛上限'),
  challenge: capValue('答题挑战上限'),
  mentor_meeting: capValue('导师带徒谈心上限'),
  proposal: capValue('合理化建议采纳上限').optional(),
  total: capValue('每日合计上限'),
});
export type CapsUpdateInput = z.infer<typeof CapsUpdateSchema>;

export const MyPointsSchema = z.object({
  memberName: z.string(),
  today: z.object({
    day: z.string(),
    points: z.number(),
    cap: z.number(),
    byActivity: z.array(z.object({ activity: z.string(), name: z.string(), points: z.number(), cap: z.number() })),
  }),
  month: z.object({ period: z.string(), points: z.number() }),
  year: z.object({ period: z.string(), points: z.number() }),
  /** My rank this month among the members of my branch (ties share a rank). */
  branch: z.object({ name: z.string(), rank: z.number(), of: z.number() }).nullable(),
});
export type MyPointsDto = z.infer<typeof MyPointsSchema>;

export const HistoryItemSchema = z.object({
  id: z.number(),
  activity: z.string(),
  activityName: z.string(),
  day: z.string(),
  at: z.date(),
  requested: z.number(),
  points: z.number(),
  /** The cap left less than the rule gave. */
  capped: z.boolean(),
});
export const HistoryPageSchema = pageOf(HistoryItemSchema);
export type HistoryItemWire = Wire<z.infer<typeof HistoryItemSchema>>;
