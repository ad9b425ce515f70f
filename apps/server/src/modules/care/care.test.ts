import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { careContacts, careLinks, workers } from '../../db/schema/index.js';
import { buildWorkerUser } from '../petitions/petitions.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

async function branch() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const org = await env.buildOrg({ parent: committee });
  const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: org.id }] });
  return { committee, org, secretary };
}
async function workersIn(org: { id: number; path: string }, n: number) {
  const rows = await env.db
    .insert(workers)
    .values(
      Array.from({ length: n }, (_, i) => ({
        orgId: org.id,
        orgPath: org.path,
        name: `职工${'甲乙丙丁戊己庚辛壬癸'[i]}`,
        sex: '男',
        team: '早班',
      })),
    )
    .returning({ id: workers.id });
  return rows.map((r) => r.id);
}

describe('联系职工群众', () => {
  it('assigns in bulk with the 5–7 warnings; one contact member per worker; the phone lists and logs in three taps', async () => {
    env.clock.set('2026-04-08T10:00:00+08:00');
    const b = await branch();
    const ids = await workersIn(b.org, 8);
    const { memberId, user } = await env.buildMemberUser({ org: b.org, name: '孙党员' });
    const sec = await env.as(b.secretary);
    const four = json(await sec.post('/api/v1/care/links', { memberId, workerIds: ids.slice(0, 4) }));
    expect(four).toEqual({ linked: 4, memberWorkers: 4, warning: '联系职工 4 人，少于 5 人' });
    expect(json(await sec.post('/api/v1/care/links', { memberId, workerIds: ids.slice(4, 6) }))).toMatchObject({
      memberWorkers: 6,
      warning: null,
    });
    expect(json(await sec.post('/api/v1/care/links', { memberId, workerIds: ids.slice(6, 8) }))).toMatchObject({
      memberWorkers: 8,
      warning: '联系职工 8 人，多于 7 人',
    });
    const loads = json<{ items: { memberId: number; warning: string | null }[] }>(await sec.get(`/api/v1/care/loads?orgId=${b.org.id}`));
    expect(loads.items.find((l) => l.memberId === memberId)?.warning).toBe('联系职工 8 人，多于 7 人');

    // A second contact member for a linked worker: refused, nothing written.
    const other = await env.buildMember({ org: b.org, name: '周党员' });
    const second = await sec.post('/api/v1/care/links', { memberId: other.id, workerIds: [ids[9 - 9], ids[1]] });
    expect(second.statusCode).toBe(409);
    expect(json(second).message).toContain('职工甲已有联系党员孙党员');
    expect(await env.db.select().from(careLinks).where(eq(careLinks.memberId, other.id))).toEqual([]);
    // Ending a link lets another member take the worker.
    const [link] = await env.db
      .select()
      .from(careLinks)
      .where(and(eq(careLinks.workerId, ids[7]), isNull(careLinks.endedAt)));
    expect(json(await sec.post(`/api/v1/care/links/${link.id}/end`))).toMatchObject({ memberWorkers: 7, warning: null });
    expect(json(await sec.post('/api/v1/care/links', { memberId: other.id, workerIds: [ids[7]] }))).toMatchObject({ linked: 1 });

    // The member's phone: my workers, log a contact.
    const phone = await env.as(user);
    const mine = json<{ items: { workerId: number; lastContactOn: string | null }[]; warning: string | null }>(
      await phone.get('/api/v1/me/care/workers'),
    );
    expect(mine.items).toHaveLength(7);
    expect(mine.warning).toBeNull();
    const logged = await phone.post('/api/v1/me/care/contacts', { workerId: ids[0], kind: 'talk' });
    expect(logged.statusCode, logged.body).toBe(200);
    expect(json(logged)).toMatchObject({ kindName: '谈心', on: '2026-04-08', content: '日常联系', memberName: '孙党员' });
    const after = json<{ items: { workerId: number; lastContactOn: string | null; contactsThisQuarter: number }[] }>(
      await phone.get('/api/v1/me/care/workers'),
    );
    expect(after.items.find((w) => w.workerId === ids[0])).toMatchObject({ lastContactOn: '2026-04-08', contactsThisQuarter: 1 });
    expect(json(await phone.post('/api/v1/me/care/contacts', { workerId: ids[0], kind: 'visit', on: '2026-04-09' }))).toMatchObject({
      message: '联系日期不能晚于今天',
    });

    // A worker outside the member's branch: refused on the field, nothing written.
    const elsewhere = await branch();
    const [outside] = await workersIn(elsewhere.org, 1);
    const before = (await env.db.select().from(careContacts)).length;
    const refused = await phone.post('/api/v1/me/care/contacts', { workerId: outside, kind: 'phone', content: '电话问候' });
    expect(refused.statusCode).toBe(400);
    expect(json(refused)).toMatchObject({ message: '该职工不在您所在支部，不能登记联系记录', details: [{ path: 'workerId' }] });
    expect((await env.db.select().from(careContacts)).length).toBe(before);

    // Coverage: 8 of 8 workers linked, 1 contact this quarter.
    const cov = json<{
      quarter: string;
      items: { orgId: number; workers: number; linked: number; coverage: number; contactsThisQuarter: number }[];
    }>(await sec.get('/api/v1/care/coverage'));
    expect(cov.quarter).toBe('2026-Q2');
    expect(cov.items).toEqual([expect.objectContaining({ orgId: b.org.id, workers: 8, linked: 8, coverage: 100, contactsThisQuarter: 1 })]);
    // Another branch sees none of it.
    expect(json<{ items: unknown[] }>(await (await env.as(elsewhere.secretary)).get('/api/v1/care/coverage')).items).toEqual([
      expect.objectContaining({ orgId: elsewhere.org.id, linked: 0 }),
    ]);
  });

  it('a worker sees their contact member; an account without a member record has no "my workers"', async () => {
    const b = await branch();
    const w = await buildWorkerUser(env, b.org, '吴师傅');
    const phone = await env.as(w.user);
    expect(json(await phone.get('/api/v1/me/care/contact-member'))).toEqual({ member: null });
    const m = await env.buildMember({ org: b.org, name: '郑党员' });
    await (await env.as(b.secretary)).post('/api/v1/care/links', { memberId: m.id, workerIds: [w.workerId] });
    expect(json(await phone.get('/api/v1/me/care/contact-member'))).toEqual({ member: { memberName: '郑党员', orgName: b.org.name } });
    expect((await phone.get('/api/v1/me/care/workers')).statusCode).toBe(404);
  });
});

describe('authz: POST /care/links', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (e, org) => ({ memberId: (await e.buildMember({ org })).id, workerId: (await workersIn(org, 1))[0] }),
    request: (r) => ({ method: 'POST', url: '/api/v1/care/links', payload: { memberId: r.memberId, workerIds: [r.workerId] } }),
    snapshot: async (_e, r) => (await env.db.select().from(careLinks).where(eq(careLinks.workerId, r.workerId))).length,
  });
});
describe('authz: POST /care/links/:id/end', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (e, org) => {
      const m = await e.buildMember({ org });
      const [w] = await workersIn(org, 1);
      const [l] = await e.db.insert(careLinks).values({ workerId: w, memberId: m.id, orgId: org.id, orgPath: org.path }).returning();
      return l;
    },
    request: (l) => ({ method: 'POST', url: `/api/v1/care/links/${l.id}/end` }),
    snapshot: async (_e, l) => (await env.db.select().from(careLinks).where(eq(careLinks.id, l.id)))[0].endedAt,
  });
});
describe('authz: GET /care/loads and /care/workers', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => org,
    request: (o) => ({ method: 'GET', url: `/api/v1/care/loads?orgId=${o.id}` }),
  });
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => org,
    request: (o) => ({ method: 'GET', url: `/api/v1/care/workers?orgId=${o.id}` }),
  });
});
