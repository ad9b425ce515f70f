import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import {
  recruitmentCases,
  recruitmentPlans,
  relationContacts,
  relationLetters,
  relationLostCases,
  relationMobiles,
  relationTransfers,
} from '../../db/schema/index.js';

/**
 * Merging or dissolving an org (orgs/structure: moveMembersAndTheirRows) carries the people's
 * recruitment cases and relations rows with them: the receiving org's secretary sees and handles
 * them, and a transfer on its way into the old org is received by the new one.
 */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Org = { id: number; path: string; name: string };

async function rowsOf(org: Org, memberId: number, incomingTransferId: number) {
  const at = async (table: typeof relationMobiles | typeof relationContacts | typeof relationLostCases | typeof relationLetters) =>
    (await env.db.select({ orgId: table.orgId, orgPath: table.orgPath }).from(table).where(eq(table.memberId, memberId)))[0];
  const [t] = await env.db.select().from(relationTransfers).where(eq(relationTransfers.memberId, memberId));
  const [rc] = await env.db.select().from(recruitmentCases).where(eq(recruitmentCases.orgId, org.id));
  const [incoming] = await env.db.select().from(relationTransfers).where(eq(relationTransfers.id, incomingTransferId));
  return {
    transfer: { orgId: t.orgId, orgPath: t.orgPath },
    letter: await at(relationLetters),
    mobile: await at(relationMobiles),
    contact: await at(relationContacts),
    lost: await at(relationLostCases),
    recruitment: rc ? { orgId: rc.orgId, orgPath: rc.orgPath } : undefined,
    incomingTo: [incoming.toOrgId, incoming.toOrgName],
  };
}

/** One member of `a` with a row in every relations table, an applicant of `a`, and a transfer from `c` into `a`. */
async function filled(a: Org, c: Org, name: string) {
  const m = await env.buildMember({ org: a, name });
  const other = await env.buildMember({ org: c, name: `${name}乙` });
  const at = { orgId: a.id, orgPath: a.path };
  const [letter] = await env.db
    .insert(relationLetters)
    .values({
      direction: 'out',
      memberId: m.id,
      ...at,
      committeeId: a.id,
      committeeName: '测试矿党委',
      year: 2026,
      seq: 900 + m.id,
      number: `2026-${900 + m.id}`,
      addressee: '某街道党工委',
      name,
      sex: '男',
      age: 40,
      ethnicity: '汉族',
      category: 'full',
      fromOrgName: a.name,
      toOrgName: '某街道党工委',
      duesPaidTo: '2026-02',
      validityDays: 90,
      issuedOn: '2026-03-02',
      status: 'issued',
    })
    .returning();
  await env.db.insert(relationTransfers).values({
    kind: 'letter',
    memberId: m.id,
    ...at,
    fromOrgName: a.name,
    toOrgName: '某街道党工委',
    status: 'letter_issued',
    reason: '工作调动',
    letterId: letter.id,
  });
  await env.db.insert(relationMobiles).values({
    direction: 'out',
    memberId: m.id,
    personName: name,
    ...at,
    place: '太原',
    reason: '外出务工',
    startOn: '2026-01-01',
    expectedReturnOn: '2026-12-31',
    fixedPlace: true,
    form: 'transfer',
  });
  await env.db.insert(relationContacts).values({ memberId: m.id, ...at, kind: 'contact', on: '2026-01-05' });
  await env.db.insert(relationLostCases).values({ memberId: m.id, ...at, since: '2025-06-01', status: 'open' });
  await env.db.insert(recruitmentCases).values({
    ...at,
    name: `${name}申`,
    sex: '女',
    birthDate: '1998-04-02',
    rulesetVersion: '2014.1',
    lastStep: 1,
    appliedOn: '2026-01-10',
  });
  await env.db.insert(recruitmentPlans).values({ ...at, year: 2026, activists: 2 });
  const [incoming] = await env.db
    .insert(relationTransfers)
    .values({
      kind: 'internal',
      memberId: other.id,
      orgId: c.id,
      orgPath: c.path,
      fromOrgName: c.name,
      toOrgId: a.id,
      toOrgName: a.name,
      status: 'pending',
      reason: '工作调动',
    })
    .returning();
  return { m, incoming };
}

async function tree() {
  const top = await env.buildOrg({ kind: 'committee', category: 'leading', name: '测试集团党委' });
  const mine = await env.buildOrg({ parent: top, kind: 'committee', name: '测试矿党委' });
  const a = await env.buildOrg({ parent: mine, name: '综采一队党支部' });
  const b = await env.buildOrg({ parent: mine, name: '综采二队党支部' });
  const c = await env.buildOrg({ parent: mine, name: '掘进一队党支部' });
  const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] }));
  const secB = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: b.id }] });
  return { a, b, c, admin, secB };
}

describe('org merge and dissolution carry recruitment and relations rows', () => {
  it('merge: every row of the members of A follows them to B; a transfer into A is received by B', async () => {
    env.clock.set('2026-03-10T10:00:00+08:00');
    const { a, b, c, admin, secB } = await tree();
    const { m, incoming } = await filled(a, c, '合并甲');
    const before = await rowsOf(a, m.id, incoming.id);
    expect(before.recruitment).toEqual({ orgId: a.id, orgPath: a.path });

    const res = await admin.post(`/api/v1/orgs/${a.id}/merge`, { intoId: b.id });
    expect(res.statusCode, res.body).toBe(200);
    const at = { orgId: b.id, orgPath: b.path };
    expect(await rowsOf(b, m.id, incoming.id)).toEqual({
      transfer: at,
      letter: at,
      mobile: at,
      contact: at,
      lost: at,
      recruitment: at,
      incomingTo: [b.id, b.name],
    });
    // The plan is A's own history and stays with it.
    const [plan] = await env.db.select().from(recruitmentPlans).where(eq(recruitmentPlans.orgId, a.id));
    expect(plan.orgPath).toBe(a.path);

    // B's secretary sees the applicant on the board and receives the transfer that was on its way to A.
    const api = await env.as(secB);
    const board = json<{ items: { name: string }[] }>(await api.get(`/api/v1/recruitment/cases?orgId=${b.id}`));
    expect(board.items.map((i) => i.name)).toContain('合并甲申');
    const accepted = await api.post(`/api/v1/relation-transfers/${incoming.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('dissolution with its members transferred: the same rows follow them', async () => {
    env.clock.set('2026-03-10T10:00:00+08:00');
    const { a, b, c, admin } = await tree();
    const { m, incoming } = await filled(a, c, '撤销乙');
    const res = await admin.post(`/api/v1/orgs/${a.id}/dissolve`, { transferMembersTo: b.id });
    expect(res.statusCode, res.body).toBe(200);
    const at = { orgId: b.id, orgPath: b.path };
    expect(await rowsOf(b, m.id, incoming.id)).toEqual({
      transfer: at,
      letter: at,
      mobile: at,
      contact: at,
      lost: at,
      recruitment: at,
      incomingTo: [b.id, b.name],
    });
  });
});
