import { z } from 'zod';
import { DISCIPLINE_KIND_CODES } from '../discipline-rules.js';
import { IdParams, PageQuerySchema, pageOf } from './auth.js';
import { idParam, idRef, isoDateOf, text, timestamp } from './fields.js';

/**
 * 党纪处分 records (/api/v1/discipline-records): entered by 纪委 handlers (discipline:record), read by them
 * and by the org department over the member's committee (discipline:read); 404 for everyone else.
 */
export { IdParams };

export const DisciplineCreateSchema = z.strictObject({
  memberId: idRef('党员'),
  kind: z.enum(DISCIPLINE_KIND_CODES, { message: '请选择处分种类' }),
  docNo: text().pipe(z.string().trim().min(2, '请填写处分决定文号').max(100, '文号不超过 100 个字')),
  reason: text().pipe(z.string().trim().min(2, '请填写处分事由').max(2000, '事由不超过 2000 个字')),
  decidedOn: isoDateOf('处分决定日期'),
  /** 留党察看: 1 or 2 years. */
  periodYears: z.number().int().optional(),
  /** A period's end given explicitly (组织处理 such as 诫勉 may have one): must not be before decidedOn. */
  endsOn: isoDateOf('期满日期').optional(),
});
export type DisciplineCreateInput = z.infer<typeof DisciplineCreateSchema>;

export const DisciplineListQuery = PageQuerySchema.extend({ orgId: idParam() });
export type DisciplineListQuery = z.infer<typeof DisciplineListQuery>;

export const DisciplineSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  /** Masked unless revealed (the detail, for those who may read it). */
  memberName: z.string(),
  kind: z.string(),
  kindName: z.string(),
  docNo: z.string(),
  reason: z.string(),
  decidedOn: z.string(),
  effect: z.string(),
  effectFrom: z.string(),
  effectUntil: z.string().nullable(),
  /** The effect holds today (injected clock). */
  inForce: z.boolean(),
  createdAt: timestamp,
});
export const DisciplinePageSchema = pageOf(DisciplineSchema);

export const CandidateQuery = z.object({ orgId: idParam(), q: text().pipe(z.string().trim().max(20)).optional() });
export const CandidateSchema = z.object({ id: z.number(), name: z.string(), orgName: z.string() });
export const CandidateListSchema = z.array(CandidateSchema);
