import { MASKING_POLICY, maskAs } from '@vanguard/shared';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/index.js';
import { createTestEnv, json, type TestEnv } from './harness.js';

/**
 * Issue 15 item 2: masked values cannot be rebuilt from what is shown. One policy per kind, the
 * birth date hidden where the ID number is masked, exact-match search by ID number or phone only
 * with members:read-sensitive, and audited.
 */
const ID = '140402198506013717';
const PHONE = '13912345678';

let env: TestEnv;
let branch: { id: number; path: string };
let memberId: number;
beforeAll(async () => {
  env = await createTestEnv();
  const committee = await env.buildOrg({ kind: 'committee' });
  branch = await env.buildOrg({ parent: committee });
  const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
  const res = await secretary.post('/api/v1/members', {
    orgId: branch.id,
    name: '王建华',
    sex: '男',
    ethnicity: '汉族',
    birthDate: '1985-06-01',
    idNumber: ID,
    phone: PHONE,
    category: 'full',
    status: 'normal',
    appliedOn: '2008-03-01',
    admittedOn: '2009-07-01',
    fullOn: '2010-07-01',
    labels: [],
  });
  expect(res.statusCode, res.body).toBe(200);
  memberId = json<{ id: number }>(res).id;
});

describe('masking policy', () => {
  it('one function per kind: the ID number keeps 3 + 2, the phone 3 + 4', () => {
    expect(MASKING_POLICY.idNumber).toMatchObject({ keepStart: 3, keepEnd: 2 });
    expect(maskAs('idNumber', ID)).toBe('140*************17');
    expect(maskAs('phone', PHONE)).toBe('139****5678');
  });

  it('a committee member without read-sensitive sees the masked ID number and the age, not the birth date', async () => {
    const committeeMember = await env.as(await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] }));
    const list = json<{ items: { id: number; idNumber: string; birthDate: string | null; age: number }[] }>(
      await committeeMember.get(`/api/v1/members?orgId=${branch.id}`),
    );
    const row = list.items.find((i) => i.id === memberId);
    expect(row).toMatchObject({ idNumber: '140*************17', birthDate: null });
    expect(row?.age).toBeGreaterThan(30);
  });

  it('exact-match search by ID number or phone: 403 without read-sensitive; with it, found and audited', async () => {
    const committeeMember = await env.as(await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] }));
    expect((await committeeMember.get(`/api/v1/members?q=${ID}`)).statusCode).toBe(403);
    expect((await committeeMember.get(`/api/v1/members?q=${PHONE}`)).statusCode).toBe(403);

    const secretaryUser = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const res = await (await env.as(secretaryUser)).get(`/api/v1/members?q=${ID}`);
    expect(res.statusCode).toBe(200);
    expect(json<{ items: { id: number }[] }>(res).items.map((i) => i.id)).toEqual([memberId]);
    const rows = await env.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.search_sensitive'), eq(auditLog.actorId, secretaryUser.id)));
    expect(rows).toEqual([{ after: { kind: 'idNumber', matched: [memberId] } }]);
    expect(JSON.stringify(rows)).not.toContain(ID);
  });
});
