import { ORG_RULESETS } from '@vanguard/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { orgs } from '../../db/schema/index.js';
import { addMembers, addTerm, addUnit } from './orgs.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Warning = {
  orgId: number;
  orgName: string;
  unitId: number | null;
  code: string;
  message: string;
  numbers: Record<string, number>;
  source: string;
};
type Check = { orgId: number; checkedOrgs: number; ruleset: { version: string; source: string }; warnings: Warning[] };
const brief = (ws: Pick<Warning, 'orgId' | 'code' | 'numbers'>[]) =>
  ws.map((w) => [w.orgId, w.code, w.numbers]).sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));

describe('GET /api/v1/orgs/:id/rule-check', () => {
  it('checks a mine’s subtree against the ruleset, counting members in good standing across each subtree', async () => {
    const group = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const mine = await env.buildOrg({ parent: group, kind: 'committee', name: '三矿党委' });
    const [chair] = await addMembers(env, mine, 2);
    await addTerm(env, mine, { holders: [chair] }); // a 党委 of 1 person → COMMITTEE_SIZE

    // A joint branch covering 2 units: one has 3 full members (needs its own branch), the other 2.
    const joint = await env.buildOrg({ parent: mine, kind: 'joint_branch', name: '机关联合党支部' });
    const u1 = await addUnit(env, joint, '财务科');
    const u2 = await addUnit(env, joint, '审计科');
    await addMembers(env, joint, 3, { unitId: u1.id });
    await addMembers(env, joint, 1, { unitId: u1.id, category: 'probationary' });
    await addMembers(env, joint, 2, { unitId: u2.id });
    // A joint branch covering 6 units.
    const wide = await env.buildOrg({ parent: mine, kind: 'joint_branch', name: '后勤联合党支部' });
    for (let i = 0; i < 6; i++) await addUnit(env, wide, `后勤${i + 1}组`);

    // 51 members in good standing (5 who left do not count), no committee: too big, may form a 党总支, committee required.
    const big = await env.buildOrg({ parent: mine, name: '综采队党支部' });
    await addMembers(env, big, 45);
    const group51 = await env.buildOrg({ parent: big, kind: 'group' });
    await addMembers(env, group51, 6, { category: 'probationary' });
    await addMembers(env, big, 5, { status: 'left' });
    // Exactly 50, with a committee of 3: nothing to say.
    const fifty = await env.buildOrg({ parent: mine, name: '掘进队党支部' });
    const f = await addMembers(env, fifty, 50);
    await addTerm(env, fifty, { holders: f.slice(0, 3) });
    // 7 full members and a team of 2: a committee is required.
    const seven = await env.buildOrg({ parent: mine, name: '通风队党支部' });
    const s = await addMembers(env, seven, 7);
    await addTerm(env, seven, { holders: s.slice(0, 2) });
    // A 党总支 over 101 members whose committee has 8 people.
    const general = await env.buildOrg({ parent: mine, kind: 'general_branch', name: '机电党总支' });
    const g1 = await env.buildOrg({ parent: general, name: '机电一队党支部' });
    const g2 = await env.buildOrg({ parent: general, name: '机电二队党支部' });
    const gm = await addMembers(env, g1, 50);
    await addMembers(env, g2, 1);
    await addMembers(env, general, 50, { category: 'probationary' });
    await addTerm(env, g1, { holders: gm.slice(0, 3) });
    await addTerm(env, general, { holders: gm.slice(0, 8) });
    // A dissolved org is not checked.
    const gone = await env.buildOrg({ parent: mine, name: '已撤销党支部' });
    await addMembers(env, gone, 60);
    await env.db.update(orgs).set({ dissolvedAt: new Date() }).where(eq(orgs.id, gone.id));

    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] }));
    const res = await admin.get(`/api/v1/orgs/${mine.id}/rule-check`);
    expect(res.statusCode, res.body).toBe(200);
    const check = json<Check>(res);
    expect(check.ruleset).toEqual({ version: ORG_RULESETS[0].version, source: ORG_RULESETS[0].source });
    expect(check.checkedOrgs).toBe(10);
    expect(brief(check.warnings)).toEqual(
      brief([
        { orgId: mine.id, code: 'COMMITTEE_SIZE', numbers: { leaders: 1, min: 3, max: 7 } },
        { orgId: joint.id, code: 'UNIT_NEEDS_OWN_BRANCH', numbers: { fullMembers: 3, threshold: 3, orgUnits: 2 } },
        { orgId: wide.id, code: 'JOINT_BRANCH_TOO_MANY_UNITS', numbers: { units: 6, max: 5 } },
        { orgId: big.id, code: 'BRANCH_TOO_LARGE', numbers: { members: 51, max: 50 } },
        { orgId: big.id, code: 'MAY_FORM_GENERAL_BRANCH', numbers: { members: 51, threshold: 50 } },
        { orgId: big.id, code: 'BRANCH_COMMITTEE_REQUIRED', numbers: { fullMembers: 45, threshold: 7, leaders: 0, min: 3 } },
        { orgId: seven.id, code: 'BRANCH_COMMITTEE_REQUIRED', numbers: { fullMembers: 7, threshold: 7, leaders: 2, min: 3 } },
        { orgId: general.id, code: 'MAY_FORM_COMMITTEE', numbers: { members: 101, threshold: 100 } },
        { orgId: general.id, code: 'COMMITTEE_SIZE', numbers: { leaders: 8, min: 3, max: 7 } },
      ]),
    );
    const unitWarning = check.warnings.find((w) => w.code === 'UNIT_NEEDS_OWN_BRANCH');
    expect(unitWarning).toMatchObject({
      unitId: u1.id,
      orgName: '机关联合党支部',
      message: '财务科有正式党员 3 名（≥ 3），应单独成立党支部；现由机关联合党支部与其他 1 个单位联合覆盖',
      source: ORG_RULESETS[0].source,
    });

    // The subtree of one branch only.
    const one = json<Check>(await admin.get(`/api/v1/orgs/${seven.id}/rule-check`));
    expect(one.warnings.map((w) => w.code)).toEqual(['BRANCH_COMMITTEE_REQUIRED']);

    // Scope: another branch's secretary does not see it; a member has no orgs:read.
    const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: fifty.id }] }));
    expect((await secretary.get(`/api/v1/orgs/${seven.id}/rule-check`)).statusCode).toBe(404);
    expect(json<Check>(await secretary.get(`/api/v1/orgs/${fifty.id}/rule-check`)).warnings).toEqual([]);
    const member = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: fifty.id }] }));
    expect((await member.get(`/api/v1/orgs/${fifty.id}/rule-check`)).statusCode).toBe(403);
  });
});
