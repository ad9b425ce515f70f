import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { competitionAnswers, competitionPlayers, competitionQuestions, competitions } from '../../db/schema/index.js';
import { addQuestion, buildMemberUser } from '../learning/learning.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type OrgRef = { id: number; path: string };

/** A competition written directly in `org` (questions from the org's bank), in the given status. */
async function addCompetition(e: TestEnv, org: OrgRef, o: { kind?: 'live' | 'challenge'; status?: string; pushed?: boolean } = {}) {
  const kind = o.kind ?? 'live';
  const q1 = await addQuestion(e, org);
  const q2 = await addQuestion(e, org, { type: 'judge' });
  const now = e.clock.now();
  const [c] = await e.db
    .insert(competitions)
    .values({
      orgId: org.id,
      orgPath: org.path,
      kind,
      title: '安全知识竞赛',
      joinCode: kind === 'live' ? String(100000 + Math.floor(Math.random() * 899999)) : null,
      secondsPerQuestion: kind === 'live' ? 20 : null,
      opensAt: kind === 'challenge' ? new Date(now.getTime() - 60_000) : null,
      closesAt: kind === 'challenge' ? new Date(now.getTime() + 86_400_000) : null,
      timeLimitSeconds: kind === 'challenge' ? 300 : null,
      status: o.status ?? (kind === 'live' ? 'draft' : 'open'),
      currentPosition: o.pushed ? 1 : 0,
      rulesVersion: '2026.1',
    })
    .returning();
  await e.db.insert(competitionQuestions).values(
    [q1, q2].map((q, i) => ({
      competitionId: c.id,
      position: i + 1,
      questionId: q.id,
      versionId: q.currentVersionId,
      type: q.type,
      ...(o.pushed && i === 0 ? { pushedAt: now, endsAt: new Date(now.getTime() + 20_000) } : {}),
    })),
  );
  return { org, id: c.id, joinCode: c.joinCode, questionIds: [q1.id, q2.id] };
}
type C = Awaited<ReturnType<typeof addCompetition>>;

const state = async (e: TestEnv, id: number) => ({
  c: (await e.db.select().from(competitions).where(eq(competitions.id, id)))[0],
  q: await e.db.select().from(competitionQuestions).where(eq(competitionQuestions.competitionId, id)),
  p: await e.db.select().from(competitionPlayers).where(eq(competitionPlayers.competitionId, id)),
  a: await e.db.select().from(competitionAnswers).where(eq(competitionAnswers.competitionId, id)),
});

describe.each(['org_admin', 'branch_secretary'] as const)('console routes as %s', (role) => {
  const routes: [string, Parameters<typeof addCompetition>[2], (r: C) => InjectOptions][] = [
    ['GET detail', {}, (r) => ({ method: 'GET', url: `/api/v1/competitions/${r.id}` })],
    ['DELETE', { status: 'lobby' }, (r) => ({ method: 'DELETE', url: `/api/v1/competitions/${r.id}` })],
    ['POST open', {}, (r) => ({ method: 'POST', url: `/api/v1/competitions/${r.id}/open` })],
    ['POST next', { status: 'lobby' }, (r) => ({ method: 'POST', url: `/api/v1/competitions/${r.id}/next` })],
    ['POST finish', { status: 'running', pushed: true }, (r) => ({ method: 'POST', url: `/api/v1/competitions/${r.id}/finish` })],
    ['GET leaderboard', { status: 'running', pushed: true }, (r) => ({ method: 'GET', url: `/api/v1/competitions/${r.id}/leaderboard` })],
    ['GET stream (snapshot)', { status: 'running' }, (r) => ({ method: 'GET', url: `/api/v1/competitions/${r.id}/stream?once=true` })],
    ['GET results.xlsx', { kind: 'challenge' }, (r) => ({ method: 'GET', url: `/api/v1/competitions/${r.id}/results.xlsx` })],
    [
      'POST create',
      {},
      (r) => ({
        method: 'POST',
        url: '/api/v1/competitions',
        payload: { orgId: r.org.id, kind: 'live', title: '新竞赛', questionIds: r.questionIds, secondsPerQuestion: 15 },
      }),
    ],
  ];
  for (const [name, o, request] of routes)
    describe(name, () => {
      authzMatrix(() => env, {
        role,
        makeRecord: (e, org) => addCompetition(e, org, o),
        request,
        snapshot: async (e, r) => ({
          one: await state(e, r.id),
          all: await e.db.select().from(competitions).where(eq(competitions.orgId, r.org.id)),
        }),
      });
    });

  it('GET list: only competitions in scope; a member 403, anonymous 401', async () => {
    const committee = await env.buildOrg({ kind: 'committee' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    const mine = await addCompetition(env, own);
    const theirs = await addCompetition(env, other);
    const api = await env.as(await env.buildUser({ roles: [{ role, orgId: own.id }] }));
    const res = await api.get('/api/v1/competitions');
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    const member = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: own.id }] }));
    expect((await member.get('/api/v1/competitions')).statusCode).toBe(403);
    expect((await env.anon.get('/api/v1/competitions')).statusCode).toBe(401);
  });
});

/** Phone routes: 401; no self:portal 403; a member outside the org's subtree 404 and nothing changed; the member 200. */
describe('phone routes', () => {
  const routes: [string, Parameters<typeof addCompetition>[2], (r: C) => InjectOptions, 'list' | 'record'][] = [
    ['GET my list', { status: 'lobby' }, () => ({ method: 'GET', url: '/api/v1/competitions/my' }), 'list'],
    [
      'POST join by code',
      { status: 'lobby' },
      (r) => ({ method: 'POST', url: '/api/v1/competitions/my/join', payload: { code: r.joinCode } }),
      'record',
    ],
    ['GET my state', { status: 'running', pushed: true }, (r) => ({ method: 'GET', url: `/api/v1/competitions/my/${r.id}` }), 'record'],
    ['POST join', { status: 'lobby' }, (r) => ({ method: 'POST', url: `/api/v1/competitions/my/${r.id}/join` }), 'record'],
    [
      'GET my stream (snapshot)',
      { status: 'running', pushed: true },
      (r) => ({ method: 'GET', url: `/api/v1/competitions/my/${r.id}/stream?once=true` }),
      'record',
    ],
    [
      'POST answer',
      { status: 'running', pushed: true },
      (r) => ({ method: 'POST', url: `/api/v1/competitions/my/${r.id}/answers`, payload: { position: 1, keys: ['B'] } }),
      'record',
    ],
    ['POST start challenge', { kind: 'challenge' }, (r) => ({ method: 'POST', url: `/api/v1/competitions/my/${r.id}/start` }), 'record'],
    [
      'POST submit challenge',
      { kind: 'challenge' },
      (r) => ({ method: 'POST', url: `/api/v1/competitions/my/${r.id}/submit`, payload: { answers: [{ position: 1, keys: ['B'] }] } }),
      'record',
    ],
  ];
  for (const [name, o, request, kind] of routes)
    it(name, async () => {
      const org = await env.buildOrg();
      const r = await addCompetition(env, org, o);
      const me = await buildMemberUser(env, org);
      // The member has joined (live) or started (challenge) where the route needs it.
      if (name === 'POST answer') await me.api.post(`/api/v1/competitions/my/${r.id}/join`);
      if (name === 'POST submit challenge') await me.api.post(`/api/v1/competitions/my/${r.id}/start`);
      const before = await state(env, r.id);
      expect((await env.anon.inject(request(r))).statusCode).toBe(401);
      const admin = await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: org.id }] }));
      expect((await admin.inject(request(r))).statusCode).toBe(403);
      const outsider = await buildMemberUser(env, await env.buildOrg());
      const res = await outsider.api.inject(request(r));
      if (kind === 'list') {
        expect(res.statusCode).toBe(200);
        expect((res.json() as { id: number }[]).map((c) => c.id)).not.toContain(r.id);
      } else expect(res.statusCode, res.body).toBe(404);
      expect(await state(env, r.id)).toEqual(before);
      const ok = await me.api.inject(request(r));
      expect(ok.statusCode, ok.body).toBe(200);
    });

  it('a draft is invisible to phones (404), even by code', async () => {
    const org = await env.buildOrg();
    const r = await addCompetition(env, org);
    const me = await buildMemberUser(env, org);
    expect((await me.api.get(`/api/v1/competitions/my/${r.id}`)).statusCode).toBe(404);
    expect((await me.api.post('/api/v1/competitions/my/join', { code: r.joinCode })).statusCode).toBe(404);
  });
});
