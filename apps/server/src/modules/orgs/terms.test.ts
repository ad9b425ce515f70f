import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, leadershipMembers, leadershipTerms, orgEvents } from '../../db/schema/index.js';
import { addTerm } from './orgs.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
const START = '2026-03-02T09:00:00+08:00';
afterEach(() => env.clock.set(START));

type Post = { id: number; memberId: number; memberName: string; post: string; postName: string; startedOn: string; endedOn: string | null };
type Term = {
  id: number;
  startedOn: string;
  endsOn: string;
  years: number;
  endedOn: string | null;
  status: string;
  daysLeft: number | null;
  posts: Post[];
};
type Terms = { defaultYears: number | null; current: Term | null; past: Term[] };
type Err = { message: string; details: { path: string; message: string }[] };
const seatsOf = (termId: number) =>
  env.db.select().from(leadershipMembers).where(eq(leadershipMembers.termId, termId)).orderBy(leadershipMembers.id);
const termsOf = (orgId: number) =>
  env.db.select().from(leadershipTerms).where(eq(leadershipTerms.orgId, orgId)).orderBy(leadershipTerms.id);

async function setup(kind = 'branch') {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const org = await env.buildOrg({ parent: committee, kind, name: '综采队党支部' });
  const [wang, li, zhao, qian] = await Promise.all(['王强', '李娜', '赵刚', '钱进'].map((name) => env.buildMember({ org, name })));
  const sun = await env.buildMember({ org, name: '孙磊', category: 'probationary' });
  const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
  return { committee, org, wang, li, zhao, qian, sun, admin };
}

async function seatFixture(e: TestEnv, org: { id: number; path: string }) {
  const [a, b, c] = await Promise.all([e.buildMember({ org }), e.buildMember({ org }), e.buildMember({ org })]);
  const term = await addTerm(e, org, { holders: [a.id, b.id] });
  const seats = await e.db.select().from(leadershipMembers).where(eq(leadershipMembers.termId, term.id)).orderBy(leadershipMembers.id);
  return { org, term, seat: seats[1], spare: c.id };
}

describe('POST /api/v1/orgs/:id/terms', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: async (e, org) => ({ org, memberId: (await e.buildMember({ org })).id }),
    request: (r) => ({
      method: 'POST',
      url: `/api/v1/orgs/${r.org.id}/terms`,
      payload: { startedOn: '2025-01-01', posts: [{ memberId: r.memberId, post: 'secretary' }] },
    }),
    snapshot: async (_e, r) => termsOf(r.org.id),
  });

  it('records a term: years from the ruleset, end date, posts with names, status; history event and audit', async () => {
    const { org, wang, li, zhao, admin } = await setup();
    const res = await admin.post(`/api/v1/orgs/${org.id}/terms`, {
      startedOn: '2025-03-01',
      electedHow: 'election',
      docNo: '矿党组〔2025〕5号',
      posts: [
        { memberId: li.id, post: 'organization' },
        { memberId: wang.id, post: 'secretary' },
        { memberId: zhao.id, post: 'propaganda' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const term = json<Term>(res);
    expect(term).toMatchObject({ startedOn: '2025-03-01', years: 3, endsOn: '2028-03-01', endedOn: null, status: 'ok', daysLeft: 730 });
    expect(term.posts.map((p) => [p.memberName, p.postName, p.startedOn])).toEqual([
      ['王强', '书记', '2025-03-01'],
      ['李娜', '组织委员', '2025-03-01'],
      ['赵刚', '宣传委员', '2025-03-01'],
    ]);
    const [ev] = await env.db.select().from(orgEvents).where(eq(orgEvents.orgId, org.id));
    expect(ev).toMatchObject({ kind: 'term_start', docNo: '矿党组〔2025〕5号' });
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'leadership_term'), eq(auditLog.entityId, String(term.id))));
    expect(audits.map((a) => a.action)).toEqual(['term.start']);
  });

  it('a 党委 term defaults to 5 years; an explicit length wins', async () => {
    const { org, wang, admin } = await setup('committee');
    const five = json<Term>(
      await admin.post(`/api/v1/orgs/${org.id}/terms`, { startedOn: '2024-02-29', posts: [{ memberId: wang.id, post: 'secretary' }] }),
    );
    expect(five).toMatchObject({ years: 5, endsOn: '2029-02-28' });
    const terms = json<Terms>(await admin.get(`/api/v1/orgs/${org.id}/terms`));
    expect(terms.defaultYears).toBe(5);
    const four = json<Term>(
      await admin.post(`/api/v1/orgs/${org.id}/terms`, {
        startedOn: '2025-01-01',
        years: 4,
        posts: [{ memberId: wang.id, post: 'secretary' }],
      }),
    );
    expect(four).toMatchObject({ years: 4, endsOn: '2029-01-01' });
  });

  it('starting a new term ends the current one, which stays as history with its posts', async () => {
    const { org, wang, li, zhao, admin } = await setup();
    await admin.post(`/api/v1/orgs/${org.id}/terms`, {
      startedOn: '2023-01-10',
      posts: [
        { memberId: wang.id, post: 'secretary' },
        { memberId: li.id, post: 'member' },
      ],
    });
    const next = await admin.post(`/api/v1/orgs/${org.id}/terms`, {
      startedOn: '2026-01-10',
      posts: [{ memberId: zhao.id, post: 'secretary' }],
    });
    expect(next.statusCode, next.body).toBe(200);
    const terms = json<Terms>(await admin.get(`/api/v1/orgs/${org.id}/terms`));
    expect(terms.current).toMatchObject({ startedOn: '2026-01-10', status: 'ok' });
    expect(terms.current?.posts.map((p) => p.memberName)).toEqual(['赵刚']);
    expect(terms.past).toHaveLength(1);
    expect(terms.past[0]).toMatchObject({ startedOn: '2023-01-10', endedOn: '2026-01-10', status: 'ended', daysLeft: null });
    expect(terms.past[0].posts.map((p) => [p.memberName, p.endedOn])).toEqual([
      ['王强', '2026-01-10'],
      ['李娜', '2026-01-10'],
    ]);
    const older = await admin.post(`/api/v1/orgs/${org.id}/terms`, {
      startedOn: '2026-01-10',
      posts: [{ memberId: wang.id, post: 'secretary' }],
    });
    expect(json<Err>(older).details).toEqual([{ path: 'startedOn', message: '新一届的开始日期应晚于本届开始日期 2026-01-10' }]);
  });

  it('checks every holder with field paths: in the org, full member, one secretary; nothing written', async () => {
    const { committee, org, wang, li, sun, admin } = await setup();
    const stranger = await env.buildMember({ org: await env.buildOrg({ parent: committee }), name: '周外' });
    const res = await admin.post(`/api/v1/orgs/${org.id}/terms`, {
      startedOn: '2025-03-01',
      posts: [
        { memberId: stranger.id, post: 'secretary' },
        { memberId: sun.id, post: 'member' },
        { memberId: wang.id, post: 'secretary' },
        { memberId: li.id, post: 'secretary' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(json<Err>(res).details).toEqual([
      { path: 'posts.0.memberId', message: '该党员不在综采队党支部' },
      { path: 'posts.1.memberId', message: '孙磊是预备党员，只有正式党员才能担任书记、委员' },
      { path: 'posts.2.post', message: '每届班子只设一名书记' },
      { path: 'posts.3.post', message: '每届班子只设一名书记' },
    ]);
    const bad = await admin.post(`/api/v1/orgs/${org.id}/terms`, {
      startedOn: '2027-01-01',
      electedHow: 'vote',
      posts: [{ memberId: wang.id, post: 'chief' }],
    });
    expect(
      json<Err>(bad)
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['electedHow', 'posts.0.post']);
    const future = await admin.post(`/api/v1/orgs/${org.id}/terms`, {
      startedOn: '2027-01-01',
      posts: [{ memberId: wang.id, post: 'secretary' }],
    });
    expect(json<Err>(future).details).toEqual([{ path: 'startedOn', message: '开始日期不能晚于今天' }]);
    const group = await env.buildOrg({ parent: org, kind: 'group' });
    expect(
      (await admin.post(`/api/v1/orgs/${group.id}/terms`, { startedOn: '2025-01-01', posts: [{ memberId: wang.id, post: 'secretary' }] }))
        .statusCode,
    ).toBe(400);
    expect(await termsOf(org.id)).toEqual([]);
  });
});

describe('GET /api/v1/orgs/:id/terms', () => {
  it('status by the injected clock: due-soon from exactly 6 months before endsOn, overdue after it', async () => {
    const { org, wang, committee } = await setup();
    await addTerm(env, org, { startedOn: '2023-09-02', endsOn: '2026-09-02', holders: [wang.id] });
    const user = await env.buildUser({ roles: [{ role: 'branch_committee', orgId: org.id }] });
    const statusOn = async (iso: string) => {
      env.clock.set(iso);
      return json<Terms>(await (await env.as(user)).get(`/api/v1/orgs/${org.id}/terms`)).current;
    };
    expect(await statusOn('2026-03-01T12:00:00+08:00')).toMatchObject({ status: 'ok', daysLeft: 185 });
    expect(await statusOn('2026-03-02T00:00:00+08:00')).toMatchObject({ status: 'due-soon', daysLeft: 184 });
    expect(await statusOn('2026-09-02T23:59:00+08:00')).toMatchObject({ status: 'due-soon', daysLeft: 0 });
    expect(await statusOn('2026-09-03T00:00:00+08:00')).toMatchObject({ status: 'overdue', daysLeft: -1 });

    // Holders are membership data: a system administrator (orgs:read only) sees them masked.
    const sysAdmin = await env.buildUser({ roles: [{ role: 'sys_admin', orgId: committee.id }] });
    const masked = json<Terms>(await (await env.as(sysAdmin)).get(`/api/v1/orgs/${org.id}/terms`));
    expect(masked.current?.posts.map((p) => p.memberName)).toEqual(['王*']);
    const other = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: (await env.buildOrg({ parent: committee })).id }] });
    expect((await (await env.as(other)).get(`/api/v1/orgs/${org.id}/terms`)).statusCode).toBe(404);
  });
});

describe('posts of the current term', () => {
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: seatFixture,
    request: (r) => ({
      method: 'POST',
      url: `/api/v1/orgs/${r.org.id}/terms/current/posts`,
      payload: { memberId: r.spare, post: 'discipline' },
    }),
    snapshot: async (_e, r) => seatsOf(r.term.id),
  });
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: seatFixture,
    request: (r) => ({ method: 'PUT', url: `/api/v1/orgs/${r.org.id}/terms/current/posts/${r.seat.id}`, payload: { memberId: r.spare } }),
    snapshot: async (_e, r) => seatsOf(r.term.id),
  });
  authzMatrix(() => env, {
    role: 'org_admin',
    makeRecord: seatFixture,
    request: (r) => ({ method: 'DELETE', url: `/api/v1/orgs/${r.org.id}/terms/current/posts/${r.seat.id}` }),
    snapshot: async (_e, r) => seatsOf(r.term.id),
  });

  it('adds, replaces (old seat ends, new one starts) and ends seats, keeping the history in the term', async () => {
    const { org, wang, li, zhao, qian, sun, admin } = await setup();
    const term = json<Term>(
      await admin.post(`/api/v1/orgs/${org.id}/terms`, {
        startedOn: '2025-03-01',
        posts: [
          { memberId: wang.id, post: 'secretary' },
          { memberId: li.id, post: 'organization' },
        ],
      }),
    );
    const liSeat = term.posts.find((p) => p.memberId === li.id)!;

    const added = await admin.post(`/api/v1/orgs/${org.id}/terms/current/posts`, {
      memberId: zhao.id,
      post: 'discipline',
      on: '2025-06-01',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(json<Term>(added).posts.find((p) => p.memberId === zhao.id)).toMatchObject({
      postName: '纪检委员',
      startedOn: '2025-06-01',
      endedOn: null,
    });

    const replaced = await admin.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${org.id}/terms/current/posts/${liSeat.id}`,
      payload: { memberId: qian.id },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const afterReplace = json<Term>(replaced).posts.map((p) => [p.memberName, p.post, p.endedOn]);
    expect(afterReplace).toEqual([
      ['王强', 'secretary', null],
      ['钱进', 'organization', null],
      ['赵刚', 'discipline', null],
      ['李娜', 'organization', '2026-03-02'],
    ]);

    const zhaoSeat = json<Term>(replaced).posts.find((p) => p.memberId === zhao.id)!;
    const ended = await admin.delete(`/api/v1/orgs/${org.id}/terms/current/posts/${zhaoSeat.id}`);
    expect(json<Term>(ended).posts.find((p) => p.id === zhaoSeat.id)?.endedOn).toBe('2026-03-02');
    expect((await admin.delete(`/api/v1/orgs/${org.id}/terms/current/posts/${zhaoSeat.id}`)).statusCode).toBe(404);

    // The same checks as at election: full members only, one 书记.
    const qianSeat = json<Term>(ended).posts.find((p) => p.memberId === qian.id && !p.endedOn)!;
    const url = `/api/v1/orgs/${org.id}/terms/current/posts/${qianSeat.id}`;
    const twoSecretaries = await admin.inject({ method: 'PUT', url, payload: { post: 'secretary' } });
    expect(json<Err>(twoSecretaries).details).toEqual([{ path: 'post', message: '每届班子只设一名书记' }]);
    const probationary = await admin.inject({ method: 'PUT', url, payload: { memberId: sun.id } });
    expect(json<Err>(probationary).details[0]).toMatchObject({ path: 'memberId', message: expect.stringContaining('预备党员') });
    const empty = await admin.inject({ method: 'PUT', url, payload: {} });
    expect(json<Err>(empty).details).toEqual([{ path: 'memberId', message: '请填写新的人选或职务' }]);
    const audits = await env.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityType, 'leadership_member'));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['term.post.add', 'term.post.replace', 'term.post.end']));
  });

  it('is 404 when the org has no current term', async () => {
    const { org, wang, admin } = await setup();
    const res = await admin.post(`/api/v1/orgs/${org.id}/terms/current/posts`, { memberId: wang.id, post: 'secretary' });
    expect(res.statusCode).toBe(404);
    expect(json<Err>(res).message).toBe('未找到在任班子');
  });
});
