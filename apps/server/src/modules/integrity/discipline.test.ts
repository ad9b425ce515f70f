import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { disciplineRecords, memberStatusHistory, members } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set(NOW);
});
afterEach(() => env.clock.set(NOW));
const NOW = '2026-03-02T09:00:00+08:00';

type Rec = {
  id: number;
  memberName: string;
  kindName: string;
  docNo: string;
  reason: string;
  effect: string;
  effectUntil: string | null;
  inForce: boolean;
};
type Err = { details: { path: string; message: string }[] };
const body = (memberId: number, more: Record<string, unknown> = {}) => ({
  memberId,
  kind: 'probation',
  periodYears: 1,
  docNo: '五矿纪〔2026〕1号',
  reason: '违规收受礼金',
  decidedOn: '2026-01-05',
  ...more,
});

async function setup() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading', name: '五矿党委' });
  const branch = await env.buildOrg({ parent: committee, name: '综采队党支部' });
  const member = await env.buildMember({ org: branch, name: '钱进' });
  const handler = await env.as(await env.buildUser({ roles: [{ role: 'discipline_handler', orgId: committee.id }] }));
  return { committee, branch, member, handler };
}

describe('党纪处分 records', () => {
  it('encrypted at rest, masked in the list, revealed to the 纪委 and the org department; 404 for everyone else', async () => {
    const s = await setup();
    const res = await s.handler.post('/api/v1/discipline-records', body(s.member.id));
    expect(res.statusCode, res.body).toBe(200);
    const rec = json<Rec>(res);
    expect(rec).toMatchObject({ kindName: '留党察看', effect: 'no_vote', effectUntil: '2027-01-05', inForce: true });
    const [row] = await env.db.select().from(disciplineRecords).where(eq(disciplineRecords.id, rec.id));
    expect(row.detail).not.toContain('礼金');
    expect(row.detail).not.toContain('probation');
    const list = json<{ items: Rec[] }>(await s.handler.get(`/api/v1/discipline-records?orgId=${s.committee.id}`));
    expect(list.items).toEqual([expect.objectContaining({ id: rec.id, reason: '******' })]);
    expect(list.items[0].memberName).not.toBe('钱进');
    const orgDept = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: s.committee.id }] }));
    expect(json<Rec>(await orgDept.get(`/api/v1/discipline-records/${rec.id}`))).toMatchObject({
      memberName: '钱进',
      reason: '违规收受礼金',
    });
    for (const role of ['branch_secretary', 'member', 'sys_admin'] as const) {
      const u = await env.as(await env.buildUser({ roles: [{ role, orgId: s.branch.id }] }));
      expect((await u.get(`/api/v1/discipline-records/${rec.id}`)).statusCode, role).toBe(404);
    }
    const elsewhere = await setup();
    expect((await elsewhere.handler.get(`/api/v1/discipline-records/${rec.id}`)).statusCode).toBe(404);
    const otherDept = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: elsewhere.committee.id }] }));
    expect((await otherDept.get(`/api/v1/discipline-records/${rec.id}`)).statusCode).toBe(404);
    expect((await env.anon.get(`/api/v1/discipline-records/${rec.id}`)).statusCode).toBe(401);
  });

  it('the period ends on its date (injected clock)', async () => {
    const s = await setup();
    const rec = json<Rec>(await s.handler.post('/api/v1/discipline-records', body(s.member.id)));
    const handler = await env.buildUser({ roles: [{ role: 'discipline_handler', orgId: s.committee.id }] });
    const on = async (at: string) => {
      env.clock.set(at);
      return json<Rec>(await (await env.as(handler)).get(`/api/v1/discipline-records/${rec.id}`)).inForce;
    };
    expect(await on('2027-01-04T23:00:00+08:00')).toBe(true);
    expect(await on('2027-01-05T09:00:00+08:00')).toBe(false);
  });

  it('开除党籍 ends membership with a status-history row', async () => {
    const s = await setup();
    const res = await s.handler.post('/api/v1/discipline-records', body(s.member.id, { kind: 'expulsion', periodYears: undefined }));
    expect(res.statusCode, res.body).toBe(200);
    const [m] = await env.db.select().from(members).where(eq(members.id, s.member.id));
    expect(m.status).toBe('left');
    const history = await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, s.member.id));
    expect(history.map((h) => [h.field, h.fromValue, h.toValue, h.effectiveOn, h.reason])).toContainEqual([
      'status',
      'normal',
      'left',
      '2026-01-05',
      '开除党籍',
    ]);
  });

  it('bad input: a period that ends before it starts, a 3-year 留党察看, a future decision — 400 naming the field, nothing written', async () => {
    const s = await setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'admonishment', periodYears: undefined, endsOn: '2025-12-31' }, 'endsOn'],
      [{ periodYears: 3 }, 'periodYears'],
      [{ decidedOn: '2026-04-01' }, 'decidedOn'],
      [{ kind: 'warning' }, 'periodYears'],
    ];
    for (const [more, path] of cases) {
      const res = await s.handler.post('/api/v1/discipline-records', body(s.member.id, more));
      expect(res.statusCode).toBe(400);
      expect(json<Err>(res).details[0].path).toBe(path);
    }
    expect(await env.db.select().from(disciplineRecords).where(eq(disciplineRecords.memberId, s.member.id))).toEqual([]);
  });
});

describe('authz: POST /api/v1/discipline-records', () => {
  authzMatrix(() => env, {
    role: 'discipline_handler',
    makeRecord: (e, org) => e.buildMember({ org }),
    request: (m) => ({ method: 'POST', url: '/api/v1/discipline-records', payload: body(m.id) }),
  });
});

describe('authz: GET /api/v1/discipline-records (an org subtree)', () => {
  authzMatrix(() => env, {
    role: 'discipline_handler',
    makeRecord: async (e, org) => org,
    request: (o) => ({ method: 'GET', url: `/api/v1/discipline-records?orgId=${o.id}` }),
  });
});

describe('authz: GET /api/v1/discipline-records/candidates', () => {
  authzMatrix(() => env, {
    role: 'discipline_handler',
    makeRecord: async (e, org) => org,
    request: (o) => ({ method: 'GET', url: `/api/v1/discipline-records/candidates?orgId=${o.id}&q=%25` }),
  });
});
