import { LEADERSHIP_POSTS } from '@vanguard/shared';
import { z } from 'zod';
import { docNo, IdParams, idRef, isoDate, keysOf } from './structure.schemas.js';

const post = z.enum(keysOf(LEADERSHIP_POSTS), {
  message:
    '职务应为 secretary 书记、deputy_secretary 副书记、organization 组织委员、propaganda 宣传委员、discipline 纪检委员、youth 青年委员、women 妇女委员或 member 委员',
});

export const TermPostInputSchema = z.strictObject({ memberId: idRef('班子成员'), post });

export const TermCreateSchema = z.strictObject({
  startedOn: isoDate,
  /** Default: the ruleset's term for the org's kind (党委 5 years, 党总支 and 党支部 3). */
  years: z.number().int({ message: '任期年限应为整数' }).min(1, '任期至少 1 年').max(6, '任期不超过 6 年').optional(),
  electedHow: z.enum(['election', 'appointment'], { message: '产生方式应为选举（election）或任命（appointment）' }).default('election'),
  docNo,
  posts: z.array(TermPostInputSchema).min(1, '请至少填写一名班子成员').max(15, '班子成员不超过 15 个职务'),
});
export type TermCreateInput = z.infer<typeof TermCreateSchema>;

/** 增补: a seat added to the current term, from `on` (default today). */
export const TermPostAddSchema = TermPostInputSchema.extend({ on: isoDate.optional() });
export type TermPostAddInput = z.infer<typeof TermPostAddSchema>;

/** A seat changes holder or post from `on` (default today): the old row ends, a new one starts. */
export const TermPostUpdateSchema = z
  .strictObject({ memberId: idRef('班子成员').optional(), post: post.optional(), on: isoDate.optional() })
  .refine((v) => v.memberId !== undefined || v.post !== undefined, { message: '请填写新的人选或职务', path: ['memberId'] });
export type TermPostUpdateInput = z.infer<typeof TermPostUpdateSchema>;

export const TermPostParams = IdParams.extend({ postId: z.coerce.number().int().positive() });
export const TermPostEndQuery = z.object({ on: isoDate.optional() });

export const TermPostSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  /** Masked (张*) for viewers without members:read on the org. */
  memberName: z.string(),
  post: z.string(),
  postName: z.string(),
  startedOn: z.string(),
  /** Null while the seat is held. */
  endedOn: z.string().nullable(),
});

export const TermSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  startedOn: z.string(),
  endsOn: z.string(),
  years: z.number(),
  electedHow: z.string(),
  docNo: z.string().nullable(),
  endedOn: z.string().nullable(),
  status: z.enum(['ok', 'due-soon', 'overdue', 'ended']),
  /** Days until endsOn (negative when overdue); null for past terms. */
  daysLeft: z.number().nullable(),
  posts: z.array(TermPostSchema),
});
export type TermDto = z.infer<typeof TermSchema>;

export const TermsSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  /** The term length the ruleset sets for this kind of org (null for 党小组). */
  defaultYears: z.number().nullable(),
  source: z.string(),
  current: TermSchema.nullable(),
  past: z.array(TermSchema),
});
