import { ORG_RULESETS } from '@vanguard/shared';
import { describe, expect, it } from 'vitest';
import { checkOrg, checkUnit, type OrgFacts } from './formation.rules.js';

const rs = ORG_RULESETS[0];
const org = (over: Partial<OrgFacts>): OrgFacts => ({
  id: 1,
  name: '综采队党支部',
  kind: 'branch',
  members: 10,
  fullMembers: 3,
  units: 1,
  leaders: 1,
  ...over,
});
const codes = (o: Partial<OrgFacts>) => checkOrg(org(o), rs).map((w) => w.code);

describe('formation rules (支部工作条例; ruleset 2018.1)', () => {
  it.each([
    // A branch has at most 50 members; more than 50 may form a 党总支.
    [{ members: 50, fullMembers: 5 }, []],
    [{ members: 51, fullMembers: 5 }, ['BRANCH_TOO_LARGE', 'MAY_FORM_GENERAL_BRANCH']],
    [{ kind: 'joint_branch', members: 51, fullMembers: 5 }, ['BRANCH_TOO_LARGE', 'MAY_FORM_GENERAL_BRANCH']],
    // More than 100 may form a 党委 (and the 党总支 hint gives way to it).
    [{ members: 100, fullMembers: 5 }, ['BRANCH_TOO_LARGE', 'MAY_FORM_GENERAL_BRANCH']],
    [{ members: 101, fullMembers: 5 }, ['BRANCH_TOO_LARGE', 'MAY_FORM_COMMITTEE']],
    [{ kind: 'general_branch', members: 100, fullMembers: 5, leaders: 5 }, []],
    [{ kind: 'general_branch', members: 101, fullMembers: 5, leaders: 5 }, ['MAY_FORM_COMMITTEE']],
    [{ kind: 'committee', members: 5000, fullMembers: 5, leaders: 5 }, []],
    // A branch committee is required at ≥ 7 full members: 3 people at least.
    [{ fullMembers: 6, leaders: null }, []],
    [{ fullMembers: 7, leaders: null }, ['BRANCH_COMMITTEE_REQUIRED']],
    [{ fullMembers: 7, leaders: 2 }, ['BRANCH_COMMITTEE_REQUIRED']],
    [{ fullMembers: 7, leaders: 3 }, []],
    // A committee has 3–7 people; below 7 full members a branch may have just a secretary (and a deputy).
    [{ fullMembers: 5, leaders: 2 }, []],
    [{ fullMembers: 20, leaders: 7 }, []],
    [{ fullMembers: 20, leaders: 8 }, ['COMMITTEE_SIZE']],
    [{ kind: 'general_branch', leaders: 2 }, ['COMMITTEE_SIZE']],
    [{ kind: 'general_branch', leaders: 3 }, []],
    [{ kind: 'committee', leaders: 7 }, []],
    [{ kind: 'committee', leaders: 8 }, ['COMMITTEE_SIZE']],
    [{ kind: 'committee', leaders: null }, []],
    // A joint branch covers at most 5 units; the rule is about joint branches.
    [{ kind: 'joint_branch', units: 5 }, []],
    [{ kind: 'joint_branch', units: 6 }, ['JOINT_BRANCH_TOO_MANY_UNITS']],
    [{ kind: 'branch', units: 6 }, []],
    // 党小组 are not branches.
    [{ kind: 'group', members: 60, fullMembers: 60, leaders: null }, []],
  ] as [Partial<OrgFacts>, string[]][])('%o → %o', (facts, expected) => {
    expect(codes(facts)).toEqual(expected);
  });

  it('each warning carries the numbers, a Chinese message and the ruleset source', () => {
    const [w] = checkOrg(org({ fullMembers: 9, leaders: 2 }), rs);
    expect(w).toEqual({
      orgId: 1,
      orgName: '综采队党支部',
      unitId: null,
      code: 'BRANCH_COMMITTEE_REQUIRED',
      message: '综采队党支部有正式党员 9 名（≥ 7），应设立支部委员会（3–7 人），现任班子仅 2 人',
      numbers: { fullMembers: 9, threshold: 7, leaders: 2, min: 3 },
      source: rs.source,
    });
  });

  const unitOf = (fullMembers: number, kind: string, units: number) => ({
    id: 9,
    name: '掘进二队',
    fullMembers,
    org: { id: 2, name: '机电联合党支部', kind, units },
  });
  it.each([
    // A unit with ≥ 3 full members should have a branch of its own.
    [2, 'joint_branch', 3, false],
    [3, 'joint_branch', 3, true],
    [3, 'joint_branch', 1, false],
    [3, 'branch', 1, false],
    [3, 'temp_branch', 1, false],
    [3, 'branch', 2, true],
    [3, 'general_branch', 1, true],
    [3, 'committee', 1, true],
  ])('unit with %i full members under a %s covering %i unit(s) → warn %s', (full, kind, units, warns) => {
    const ws = checkUnit(unitOf(full, kind, units), rs);
    expect(ws.map((w) => w.code)).toEqual(warns ? ['UNIT_NEEDS_OWN_BRANCH'] : []);
  });

  it('names the unit and the joint branch covering it', () => {
    const [w] = checkUnit(unitOf(4, 'joint_branch', 3), rs);
    expect(w).toMatchObject({
      orgId: 2,
      unitId: 9,
      message: '掘进二队有正式党员 4 名（≥ 3），应单独成立党支部；现由机电联合党支部与其他 2 个单位联合覆盖',
      numbers: { fullMembers: 4, threshold: 3, orgUnits: 3 },
    });
  });
});
