import { makeIdNumber } from '@vanguard/shared';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, memberStatusHistory, members } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

let n = 0;
const person = (over: Record<string, unknown> = {}) => {
  n += 1;
  const birthDate = `19${80 + (n % 15)}-0${1 + (n % 9)}-1${n % 9}`;
  return {
    name: '张伟',
    sex: '男',
    birthDate,
    idNumber: makeIdNumber('140402', birthDate, n, '男'),
    phone: `1380000${String(n).padStart(4, '0')}`,
    category: 'full',
    appliedOn: `20${10 + (n % 5)}-01-01`,
    admittedOn: `20${10 + (n % 5)}-07-01`,
    fullOn: `20${11 + (n % 5)}-07-01`,
    ...over,
  };
};

async function branchWithSecretary() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: committee });
  const other = await env.buildOrg({ parent: committee });
  const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
  return { committee, branch, other, secretary };
}

type Page = { items: { id: number; name: string; idNumber: string | null; phone: string | null; revealed: boolean }[]; total: number };

describe('member archive', () => {
  it('adds a member by form; the ID number and phone are encrypted at rest and masked in answers', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const p = person({ name: '李建国' });
    const res = await secretary.post('/api/v1/members', { ...p, orgId: branch.id });
    expect(res.statusCode, res.body).toBe(200);
    const dto = json<{ id: number; idNumber: string; phone: string; partyAge: number; birthDate: string | null; age: number }>(res);
    // Issue 15 item 2: one policy (3 + 2) and, where the ID number is masked, the age without the birth date.
    expect(dto.idNumber).toBe(`${p.idNumber.slice(0, 3)}*************${p.idNumber.slice(-2)}`);
    expect(dto.birthDate).toBeNull();
    expect(dto.age).toBeGreaterThan(18);
    expect(dto.phone).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
    const [raw] = await env.db.select().from(members).where(eq(members.id, dto.id));
    expect(raw.idNumberEnc).not.toContain(p.idNumber);
    expect(raw.namePinyin).toBe('lijianguo');
    expect(raw.nameInitials).toBe('ljg');
    expect(await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, dto.id))).toHaveLength(1);
  });

  it('reveals sensitive fields only with the permission, and audits every unmasked view', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const p = person();
    const { id } = json<{ id: number }>(await secretary.post('/api/v1/members', { ...p, orgId: branch.id }));
    const shown = json<{ idNumber: string; revealed: boolean }>(await secretary.get(`/api/v1/members/${id}?reveal=true`));
    expect(shown).toMatchObject({ idNumber: p.idNumber, revealed: true });
    const rows = await env.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)));
    expect(rows.map((r) => r.action)).toContain('member.read_sensitive');

    const committeeMember = await env.as(await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] }));
    expect((await committeeMember.get(`/api/v1/members/${id}`)).statusCode).toBe(200);
    expect((await committeeMember.get(`/api/v1/members/${id}?reveal=true`)).statusCode).toBe(403);
    const list = json<Page>(await committeeMember.get(`/api/v1/members?orgId=${branch.id}&reveal=true`));
    expect(list.items.every((i) => !i.revealed && i.idNumber?.includes('*'))).toBe(true);
  });

  it('finds people by name part, pinyin, initials, exact ID number and phone — inside scope only', async () => {
    const { branch, other, secretary } = await branchWithSecretary();
    const zhang = person({ name: '张卫东' });
    await secretary.post('/api/v1/members', { ...zhang, orgId: branch.id });
    await secretary.post('/api/v1/members', { ...person({ name: '王小明' }), orgId: branch.id });
    const outsider = await env.buildMember({ org: other, name: '张卫东' });
    const names = async (q: string) =>
      json<Page>(await secretary.get(`/api/v1/members?orgId=${branch.id}&q=${encodeURIComponent(q)}`)).items.map((i) => i.name);
    expect(await names('卫东')).toEqual(['张卫东']);
    expect(await names('zwd')).toEqual(['张卫东']);
    expect(await names('zhangwei')).toEqual(['张卫东']);
    expect(await names(zhang.idNumber)).toEqual(['张卫东']);
    expect(await names(zhang.phone)).toEqual(['张卫东']);
    expect(await names('王')).toEqual(['王小明']);
    // Two characters: both must be there, in this order (东卫 is not in 张卫东).
    expect(await names('东卫')).toEqual([]);
    expect(await names('小')).toEqual(['王小明']);
    expect(await names('张卫东')).toEqual(['张卫东']);
    const all = json<Page>(await secretary.get('/api/v1/members?q=张卫东'));
    expect(all.items.map((i) => i.id)).not.toContain(outsider.id);
    expect((await secretary.get(`/api/v1/members/${outsider.id}`)).statusCode).toBe(404);
    expect((await secretary.get(`/api/v1/members?orgId=${other.id}`)).statusCode).toBe(404);
  });

  it('filters by category, age and label, sorts and pages', async () => {
    const { branch, secretary } = await branchWithSecretary();
    for (let i = 0; i < 5; i++) await secretary.post('/api/v1/members', { ...person({ name: `成员${i}` }), orgId: branch.id });
    const prob = person({ name: '预备甲', category: 'probationary', fullOn: null, labels: ['困难'] });
    await secretary.post('/api/v1/members', { ...prob, orgId: branch.id });
    const get = async (qs: string) => json<Page>(await secretary.get(`/api/v1/members?orgId=${branch.id}&${qs}`));
    expect((await get('category=probationary')).items.map((i) => i.name)).toEqual(['预备甲']);
    expect((await get('label=困难')).items.map((i) => i.name)).toEqual(['预备甲']);
    const page2 = await get('pageSize=2&page=2&sort=name');
    expect(page2.total).toBe(6);
    expect(page2.items).toHaveLength(2);
    expect((await get('ageMin=120')).total).toBe(0);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const count = async () => (await env.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM members`)).rows[0].n;
    const before = await count();
    const badId = await secretary.post('/api/v1/members', { ...person(), idNumber: '110105194912310021', orgId: branch.id });
    expect(json<{ details: { path: string }[] }>(badId).details.map((d) => d.path)).toEqual(['idNumber']);
    const young = person({ birthDate: '2000-01-01' });
    const tooYoung = await secretary.post('/api/v1/members', {
      ...young,
      idNumber: makeIdNumber('140402', '2000-01-01', 99, '男'),
      appliedOn: '2016-01-01',
      admittedOn: '2017-12-31',
      fullOn: '2018-12-31',
      orgId: branch.id,
    });
    expect(json<{ details: { path: string; message: string }[] }>(tooYoung).details).toEqual([
      { path: 'admittedOn', message: '入党时须年满十八岁' },
    ]);
    const order = await secretary.post('/api/v1/members', {
      ...person(),
      admittedOn: '2009-01-01',
      appliedOn: '2010-01-01',
      orgId: branch.id,
    });
    expect(json<{ details: { path: string }[] }>(order).details.map((d) => d.path)).toContain('admittedOn');
    const p = person();
    expect((await secretary.post('/api/v1/members', { ...p, orgId: branch.id })).statusCode).toBe(200);
    const dup = await secretary.post('/api/v1/members', { ...p, name: '另一人', orgId: branch.id });
    expect(dup.statusCode).toBe(409);
    expect(await count()).toBe(before + 1);
  });

  it('two simultaneous adds of the same ID number: one record, the other answer 409', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const p = person();
    const [a, b] = await Promise.all([
      secretary.post('/api/v1/members', { ...p, orgId: branch.id }),
      secretary.post('/api/v1/members', { ...p, orgId: branch.id }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const rows = await env.db
      .select()
      .from(members)
      .where(eq(members.idNumberBi, env.ciphers.members.blindIndex(p.idNumber)));
    expect(rows).toHaveLength(1);
  });

  it('a change of category is kept in the status history with its reason', async () => {
    const { branch, secretary } = await branchWithSecretary();
    const p = person({ category: 'probationary', fullOn: null });
    const { id } = json<{ id: number }>(await secretary.post('/api/v1/members', { ...p, orgId: branch.id }));
    const res = await secretary.patch(`/api/v1/members/${id}`, { category: 'full', fullOn: '2016-07-01', reason: '按期转正' });
    expect(res.statusCode, res.body).toBe(200);
    const hist = await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, id));
    expect(hist.map((h) => [h.field, h.fromValue, h.toValue, h.reason])).toContainEqual(['category', 'probationary', 'full', '按期转正']);
  });
});

describe('PATCH /api/v1/members/:id authz', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: (e, org) => e.buildMember({ org, name: '原名' }),
    request: (rec) => ({ method: 'PATCH', url: `/api/v1/members/${rec.id}`, payload: { post: '采煤机司机' } }),
    snapshot: async (e, rec) => (await e.db.select().from(members).where(eq(members.id, rec.id)))[0],
  });
});
