import { PageQuerySchema } from '@vanguard/shared';
import { z } from 'zod';
import { IdParams, idRef, isoDate } from './structure.schemas.js';

/** 党员先锋岗 (a post) and 党员责任区 (an area underground). */
export const PIONEER_KINDS = { post: '党员先锋岗', area: '党员责任区' } as const;
const kind = z.enum(['post', 'area'], { message: '类型应为先锋岗（post）或责任区（area）' });
const name = z.string().trim().min(2, '名称至少 2 个字').max(80, '名称不超过 80 个字');
const location = z.string().trim().max(120, '地点不超过 120 个字').nullable().optional();

export const PioneerPostCreateSchema = z.strictObject({
  memberId: idRef('党员'),
  kind,
  name,
  location,
  startedOn: isoDate,
});
export type PioneerPostCreateInput = z.infer<typeof PioneerPostCreateSchema>;

/** End it (endedOn), or correct its name or location. */
export const PioneerPostUpdateSchema = z
  .strictObject({ endedOn: isoDate.optional(), name: name.optional(), location })
  .refine((v) => Object.keys(v).length > 0, { message: '请至少修改一项', path: ['endedOn'] });
export type PioneerPostUpdateInput = z.infer<typeof PioneerPostUpdateSchema>;

export const PioneerPostParams = IdParams.extend({ postId: z.coerce.number().int().positive() });

export const PioneerPostListQuery = PageQuerySchema.extend({
  /** Also list ended ones (default: current only). */
  includeEnded: z.stringbool().default(false),
  kind: kind.optional(),
});
export type PioneerPostListQuery = z.infer<typeof PioneerPostListQuery>;

export const PioneerPostSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  memberId: z.number(),
  /** Masked (张*) for viewers without members:read on the org. */
  memberName: z.string(),
  kind: z.string(),
  kindName: z.string(),
  name: z.string(),
  location: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});
export type PioneerPostDto = z.infer<typeof PioneerPostSchema>;
