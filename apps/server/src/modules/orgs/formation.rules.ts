/**
 * Formation rules (RULES.md §Organization; 支部工作条例 第四、五、七条). Pure: the facts come from
 * a few set-based queries, the numbers from the ruleset in force, so a local committee's
 * different thresholds are a new ruleset version, not a code change.
 */
import type { FormationWarning, OrgRuleset } from '@vanguard/shared';
import { isBranchKind } from './structure.rules.js';

export type { FormationCode, FormationWarning } from '@vanguard/shared';

/** One live org with its subtree counts (members with status normal; full = category full). */
export interface OrgFacts {
  id: number;
  name: string;
  kind: string;
  members: number;
  fullMembers: number;
  /** Units this org covers directly. */
  units: number;
  /** People holding a post in the current leadership term; null when there is no current term. */
  leaders: number | null;
}

/** One unit with the full members working in it, and the org that covers it. */
export interface UnitFacts {
  id: number;
  name: string;
  fullMembers: number;
  org: { id: number; name: string; kind: string; units: number };
}

type Draft = Omit<FormationWarning, 'source'>;

/** Warnings for one org. */
export function checkOrg(o: OrgFacts, rs: OrgRuleset): FormationWarning[] {
  const out: Draft[] = [];
  const at = { orgId: o.id, orgName: o.name, unitId: null };
  const branch = isBranchKind(o.kind);
  const { min, max } = rs.committeeSize;

  if (branch && o.members > rs.branchMaxMembers) {
    out.push({
      ...at,
      code: 'BRANCH_TOO_LARGE',
      message: `${o.name}有党员 ${o.members} 名，超过党支部 ${rs.branchMaxMembers} 人的上限，宜分设党支部或调整设置`,
      numbers: { members: o.members, max: rs.branchMaxMembers },
    });
  }
  if (branch && o.fullMembers >= rs.committeeRequiredAtFullMembers && (o.leaders ?? 0) < min) {
    out.push({
      ...at,
      code: 'BRANCH_COMMITTEE_REQUIRED',
      message:
        o.leaders === null
          ? `${o.name}有正式党员 ${o.fullMembers} 名（≥ ${rs.committeeRequiredAtFullMembers}），应设立支部委员会，但尚无在任班子`
          : `${o.name}有正式党员 ${o.fullMembers} 名（≥ ${rs.committeeRequiredAtFullMembers}），应设立支部委员会（${min}–${max} 人），现任班子仅 ${o.leaders} 人`,
      numbers: { fullMembers: o.fullMembers, threshold: rs.committeeRequiredAtFullMembers, leaders: o.leaders ?? 0, min },
    });
  }
  // A team is a committee when the org always has one (党总支, 党委) or when it has three or more people.
  const leaders = o.leaders;
  if (leaders !== null && o.kind !== 'group' && (!branch || leaders >= min) && (leaders < min || leaders > max)) {
    out.push({
      ...at,
      code: 'COMMITTEE_SIZE',
      message: `${o.name}的委员会现有 ${leaders} 人，应为 ${min}–${max} 人`,
      numbers: { leaders, min, max },
    });
  }
  if (branch && o.members > rs.generalBranchAbove && o.members <= rs.primaryCommitteeAbove) {
    out.push({
      ...at,
      code: 'MAY_FORM_GENERAL_BRANCH',
      message: `${o.name}有党员 ${o.members} 名（超过 ${rs.generalBranchAbove} 名），经上级党组织批准可设立党总支`,
      numbers: { members: o.members, threshold: rs.generalBranchAbove },
    });
  }
  if ((branch || o.kind === 'general_branch') && o.members > rs.primaryCommitteeAbove) {
    out.push({
      ...at,
      code: 'MAY_FORM_COMMITTEE',
      message: `${o.name}有党员 ${o.members} 名（超过 ${rs.primaryCommitteeAbove} 名），经上级党组织批准可设立基层党委`,
      numbers: { members: o.members, threshold: rs.primaryCommitteeAbove },
    });
  }
  if (o.kind === 'joint_branch' && o.units > rs.jointBranchMaxUnits) {
    out.push({
      ...at,
      code: 'JOINT_BRANCH_TOO_MANY_UNITS',
      message: `${o.name}覆盖 ${o.units} 个单位，联合党支部覆盖单位一般不超过 ${rs.jointBranchMaxUnits} 个`,
      numbers: { units: o.units, max: rs.jointBranchMaxUnits },
    });
  }
  return out.map((w) => ({ ...w, source: rs.source }));
}

/**
 * A unit with enough full members for a branch but without one of its own: it is covered by an
 * org that covers other units too (a joint branch), or by an org that is not a branch at all.
 */
export function checkUnit(u: UnitFacts, rs: OrgRuleset): FormationWarning[] {
  if (u.fullMembers < rs.branchMinFullMembers) return [];
  if (isBranchKind(u.org.kind) && u.org.units <= 1) return [];
  return [
    {
      orgId: u.org.id,
      orgName: u.org.name,
      unitId: u.id,
      code: 'UNIT_NEEDS_OWN_BRANCH',
      message: `${u.name}有正式党员 ${u.fullMembers} 名（≥ ${rs.branchMinFullMembers}），应单独成立党支部；现由${u.org.name}${
        u.org.units > 1 ? `与其他 ${u.org.units - 1} 个单位联合` : ''
      }覆盖`,
      numbers: { fullMembers: u.fullMembers, threshold: rs.branchMinFullMembers, orgUnits: u.org.units },
      source: rs.source,
    },
  ];
}

/** All warnings of a subtree, org rules first in the order given, then unit rules. */
export function checkFormation(orgs: OrgFacts[], units: UnitFacts[], rs: OrgRuleset): FormationWarning[] {
  return [...orgs.flatMap((o) => checkOrg(o, rs)), ...units.flatMap((u) => checkUnit(u, rs))];
}
