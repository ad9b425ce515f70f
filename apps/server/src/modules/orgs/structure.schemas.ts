import { IdParams, ORG_CATEGORIES, ORG_KINDS, type OrgCategory, type OrgKind } from '@vanguard/shared';
import { z } from 'zod';
import type { FormationCode, FormationWarning } from './formation.rules.js';
import type { OrgRow } from './orgs.repository.js';
import { UPGRADE_KINDS } from './structure.rules.js';

export const keysOf = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
export const idRef = (what: string) =>
  z
    .number({ message: `请选择${what}` })
    .int({ message: `请选择${what}` })
    .positive({ message: `请选择${what}` });
export const docNo = z.string().trim().max(80, '文号不超过 80 个字').nullable().optional();
const reason = z.string().trim().max(200, '说明不超过 200 个字').nullable().optional();

export { IdParams };

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

export const OrgDtoSchema = z.object({
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
  dissolvedAt: z.date().nullable(),
});
export type OrgDto = z.infer<typeof OrgDtoSchema>;

export const toOrgDto = (o: OrgRow): OrgDto => ({
  id: o.id,
  parentId: o.parentId,
  path: o.path,
  name: o.name,
  kind: o.kind,
  kindName: ORG_KINDS[o.kind as OrgKind] ?? o.kind,
  category: o.category,
  categoryName: ORG_CATEGORIES[o.category as OrgCategory] ?? o.category,
  unitName: o.unitName,
  foundedOn: o.foundedOn,
  docNo: o.docNo,
  dissolvedAt: o.dissolvedAt,
});

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
