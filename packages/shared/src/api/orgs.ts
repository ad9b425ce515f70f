import { z } from 'zod';
import { type FormationCode, type FormationWarning, LEADERSHIP_POSTS } from '../org-rules.js';
import { ORG_CATEGORIES, ORG_KINDS } from '../orgs.js';
import { IdParams, PageQuerySchema } from './auth.js';
import { idParam, idRef, isoDate, keysOf } from './fields.js';

/**
 * The orgs contract (org tree and details, structure changes, formation rules, leadership terms,
 * 先锋岗): request and response schemas of apps/server/src/modules/orgs/*.routes.ts, read by the
 * web's apps/web/src/api/orgs.ts. Dates in responses are Date on the server and ISO strings on the wire (Wire<T>).
 */

export const docNo = z.string().trim().max(80, '文号不超过 80 个字').nullable().optional();
const reason = z.string().trim().max(200, '说明不超过 200 个字').nullable().optional();

export { IdParams };

/** Upgrading goes 党支部 → 党总支 → 党委. */
export const UPGRADE_KINDS = ['general_branch', 'committee'] as const;
export type UpgradeKind = (typeof UPGRADE_KINDS)[number];

// ── Org tree and details ────────────────────────────────────────────────────────────────────

export interface OrgNode {
  id: number;
  parentId: number | null;
  name: string;
  kind: string;
  kindName: string;
  category: string;
  categoryName: string;
  memberCount: number;
  children: OrgNode[];
}
export const OrgNodeSchema: z.ZodType<OrgNode> = z.lazy(() =>
  z.object({
    id: z.number(),
    parentId: z.number().nullable(),
    name: z.string(),
    kind: z.string(),
    kindName: z.string(),
    category: z.string(),
    categoryName: z.string(),
    memberCount: z.number(),
    children: z.array(OrgNodeSchema),
  }),
);

/** GET and PATCH /orgs/:id: an org with the names of its kind and category. */
export const OrgSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  path: z.string(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  unitName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  docNo: z.string().nullable(),
});

export const OrgUpdateSchema = z.strictObject({
  name: z.string().trim().min(2).max(80).optional(),
  category: z.enum(keysOf(ORG_CATEGORIES)).optional(),
  unitName: z.string().trim().max(80).nullable().optional(),
  foundedOn: isoDate.nullable().optional(),
  docNo: z.string().trim().max(80).nullable().optional(),
});
export type OrgUpdateInput = z.infer<typeof OrgUpdateSchema>;

// ── Structure changes ───────────────────────────────────────────────────────────────────────

export const OrgCreateSchema = z.strictObject({
  parentId: idRef('上级组织'),
  name: z.string().trim().min(2, '名称至少 2 个字').max(80, '名称不超过 80 个字'),
  kind: z.enum(keysOf(ORG_KINDS), { message: '组织类型应为党委、党总支、党支部、联合党支部、临时党支部或党小组' }),
  category: z.enum(keysOf(ORG_CATEGORIES), { message: '请选择组织类别' }),
  unitName: z.string().trim().max(80, '单位名称不超过 80 个字').nullable().optional(),
  foundedOn: isoDate.nullable().optional(),
  docNo,
});
export type OrgCreateInput = z.infer<typeof OrgCreateSchema>;

export const OrgMoveSchema = z.strictObject({ parentId: idRef('新的上级组织'), docNo, reason });
export type OrgMoveInput = z.infer<typeof OrgMoveSchema>;

export const OrgUpgradeSchema = z.strictObject({
  kind: z.enum(UPGRADE_KINDS, { message: '只能升格为党总支（general_branch）或党委（committee）' }),
  /** Upgrading usually renames: 综采队党支部 → 综采队党总支. */
  name: z.string().trim().min(2, '名称至少 2 个字').max(80, '名称不超过 80 个字').optional(),
  docNo,
  reason,
});
export type OrgUpgradeInput = z.infer<typeof OrgUpgradeSchema>;

export const OrgMergeSchema = z.strictObject({ intoId: idRef('并入的组织'), docNo, reason });
export type OrgMergeInput = z.infer<typeof OrgMergeSchema>;

export const OrgDissolveSchema = z.strictObject({
  /** Move the members (and workers, units, 先锋岗) to this org first. */
  transferMembersTo: idRef('接收党员的组织').optional(),
  docNo,
  reason,
});
export type OrgDissolveInput = z.infer<typeof OrgDissolveSchema>;

/** An org as the structure changes (create, move, merge, dissolve) answer it: with its dissolution time. */
export const OrgDtoSchema = OrgSchema.extend({ dissolvedAt: z.date().nullable() });
export type OrgDto = z.infer<typeof OrgDtoSchema>;

export const ORG_EVENT_KINDS = {
  create: '成立',
  update: '修改信息',
  move: '调整隶属关系',
  upgrade: '升格',
  merge: '并入其他组织',
  absorb: '合并接收',
  dissolve: '撤销',
  receive_members: '接收被撤销组织的党员',
  term_start: '换届（新一届班子）',
} as const;
export type OrgEventKind = keyof typeof ORG_EVENT_KINDS;

export const OrgEventSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  kind: z.string(),
  kindName: z.string(),
  at: z.date(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  docNo: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

const FORMATION_CODES = [
  'UNIT_NEEDS_OWN_BRANCH',
  'BRANCH_TOO_LARGE',
  'BRANCH_COMMITTEE_REQUIRED',
  'COMMITTEE_SIZE',
  'MAY_FORM_GENERAL_BRANCH',
  'MAY_FORM_COMMITTEE',
  'JOINT_BRANCH_TOO_MANY_UNITS',
] as const satisfies readonly FormationCode[];

export const FormationWarningSchema: z.ZodType<FormationWarning> = z.object({
  orgId: z.number(),
  orgName: z.string(),
  unitId: z.number().nullable(),
  code: z.enum(FORMATION_CODES),
  message: z.string(),
  numbers: z.record(z.string(), z.number()),
  source: z.string(),
});

export const RuleCheckSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  ruleset: z.object({ version: z.string(), source: z.string() }),
  /** Live orgs checked (the subtree of orgId). */
  checkedOrgs: z.number(),
  warnings: z.array(FormationWarningSchema),
});

// ── Leadership terms ───────────────────────────────────────────────────────────────────────

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

export const TermPostParams = IdParams.extend({ postId: idParam() });
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

// ── 先锋岗 and 责任区 ──────────────────────────────────────────────────────────────────────────

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

export const PioneerPostParams = IdParams.extend({ postId: idParam() });

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
