import type { Role } from '@vanguard/shared';
import { eq, sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix, databaseState } from '../../../test/authz.js';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import {
  actionItems,
  appraisalCampaigns,
  appraisalParticipants,
  appraisalTallies,
  files,
  meetingFiles,
  meetingLeaves,
  meetingSignins,
  meetings,
  unqualifiedCases,
} from '../../db/schema/index.js';
import { addMeeting, buildMemberUser } from './life.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type OrgRef = { id: number; path: string };
const BEFORE = '2026-03-02T09:00:00+08:00';
const START = new Date('2026-03-10T09:00:00+08:00');
const at = (t: string | Date) => env.clock.set(t);
const meetingState = async (id: number) => (await env.db.select().from(meetings).where(eq(meetings.id, id)))[0];
const role: Role = 'branch_secretary';

async function fileIn(org: OrgRef) {
  const owner = await env.buildUser({ orgId: org.id });
  const [f] = await env.db
    .insert(files)
    .values({
      id: crypto.randomUUID(),
      orgId: org.id,
      ownerId: owner.id,
      name: '会场.jpg',
      mime: 'image/jpeg',
      size: 1,
      sha256: 'x',
      storageKey: 'k',
    })
    .returning();
  return f.id;
}

async function campaign(org: OrgRef, status = 'open') {
  const ms = [await env.buildMember({ org }), await env.buildMember({ org })];
  const [c] = await env.db
    .insert(appraisalCampaigns)
    .values({ orgId: org.id, orgPath: org.path, year: 2025, status, openedAt: new Date(BEFORE) })
    .returning();
  await env.db.insert(appraisalParticipants).values(ms.map((m) => ({ campaignId: c.id, memberId: m.id, category: 'full' })));
  await env.db
    .insert(appraisalTallies)
    .values(
      ms.flatMap((m) =>
        ['excellent', 'qualified', 'basic', 'unqualified'].flatMap((grade) =>
          ['mutual', 'mass'].map((source) => ({ campaignId: c.id, memberId: m.id, source, grade })),
        ),
      ),
    );
  return { c, ms };
}

/** Without a snapshot (the reads), the matrix compares the whole database before and after a refused request. */
type Spec<R> = { name: string; make: (org: OrgRef) => Promise<R>; request: (r: R) => InjectOptions; snapshot?: (r: R) => Promise<unknown> };
function matrix<R>(s: Spec<R>) {
  const { snapshot } = s;
  describe(s.name, () =>
    authzMatrix(() => env, {
      role,
      makeRecord: (_e, org) => s.make(org),
      request: s.request,
      snapshot: snapshot && ((_e, r) => snapshot(r)),
    }),
  );
}

const withMeeting =
  (o: Parameters<typeof addMeeting>[2] = {}, clock = BEFORE) =>
  async (org: OrgRef) => {
    at(clock);
    return (await addMeeting(env, org, { startsAt: START, ...o })).meeting;
  };

matrix({
  name: 'GET /api/v1/life/meetings',
  make: async (org) => org,
  request: (org) => ({ method: 'GET', url: `/api/v1/life/meetings?orgId=${org.id}` }),
});
matrix({
  name: 'POST /api/v1/life/meetings',
  make: async (org) => {
    at(BEFORE);
    await env.buildMember({ org });
    return org;
  },
  request: (org) => ({
    method: 'POST',
    url: '/api/v1/life/meetings',
    payload: {
      orgId: org.id,
      type: 'theme_day',
      topic: '主题党日',
      startsAt: START.toISOString(),
      place: '会议室',
      invite: { kind: 'members' },
    },
  }),
  snapshot: async (org) => env.db.select({ n: sql<number>`count(*)::int` }).from(meetings).where(eq(meetings.orgId, org.id)),
});
matrix({
  name: 'GET /api/v1/life/meetings/:id',
  make: withMeeting(),
  request: (m) => ({ method: 'GET', url: `/api/v1/life/meetings/${m.id}` }),
});
matrix({
  name: 'POST /api/v1/life/meetings/:id/reschedule',
  make: withMeeting(),
  request: (m) => ({
    method: 'POST',
    url: `/api/v1/life/meetings/${m.id}/reschedule`,
    payload: { startsAt: '2026-03-12T09:00:00+08:00', reason: '冲突' },
  }),
  snapshot: (m) => meetingState(m.id),
});
matrix({
  name: 'POST /api/v1/life/meetings/:id/cancel',
  make: withMeeting(),
  request: (m) => ({ method: 'POST', url: `/api/v1/life/meetings/${m.id}/cancel`, payload: { reason: '取消' } }),
  snapshot: (m) => meetingState(m.id),
});
matrix({
  name: 'PUT /api/v1/life/meetings/:id/minutes',
  make: withMeeting({}, '2026-03-10T10:00:00+08:00'),
  request: (m) => ({ method: 'PUT', url: `/api/v1/life/meetings/${m.id}/minutes`, payload: { minutes: '记录' } }),
  snapshot: (m) => meetingState(m.id),
});
matrix({
  name: 'POST /api/v1/life/meetings/:id/publish',
  make: withMeeting({ minutes: true }, '2026-03-10T10:00:00+08:00'),
  request: (m) => ({ method: 'POST', url: `/api/v1/life/meetings/${m.id}/publish` }),
  snapshot: (m) => meetingState(m.id),
});
matrix({
  name: 'POST /api/v1/life/meetings/:id/files',
  make: async (org) => ({ m: await withMeeting()(org), fileId: await fileIn(org) }),
  request: (r) => ({ method: 'POST', url: `/api/v1/life/meetings/${r.m.id}/files`, payload: { fileId: r.fileId, kind: 'photo' } }),
  snapshot: (r) => env.db.select().from(meetingFiles).where(eq(meetingFiles.meetingId, r.m.id)),
});
matrix({
  name: 'DELETE /api/v1/life/meetings/:id/files/:fileId',
  make: async (org) => {
    const m = await withMeeting()(org);
    const fileId = await fileIn(org);
    await env.db.insert(meetingFiles).values({ meetingId: m.id, fileId, kind: 'photo' });
    return { m, fileId };
  },
  request: (r) => ({ method: 'DELETE', url: `/api/v1/life/meetings/${r.m.id}/files/${r.fileId}` }),
  snapshot: (r) => env.db.select().from(meetingFiles).where(eq(meetingFiles.meetingId, r.m.id)),
});
matrix({
  name: 'POST /api/v1/life/meetings/:id/attendance',
  make: async (org) => {
    at('2026-03-10T09:05:00+08:00');
    return addMeeting(env, org, { startsAt: START });
  },
  request: (r) => ({
    method: 'POST',
    url: `/api/v1/life/meetings/${r.meeting.id}/attendance`,
    payload: { memberId: r.memberIds[0], status: 'present', reason: '现场登记' },
  }),
  snapshot: (r) => env.db.select().from(meetingSignins).where(eq(meetingSignins.meetingId, r.meeting.id)),
});
matrix({
  name: 'PUT /api/v1/life/meetings/:id/hours',
  make: async (org) => {
    at('2026-03-10T11:05:00+08:00');
    const r = await addMeeting(env, org, { type: 'lecture', startsAt: START });
    await env.db.update(meetings).set({ hoursMinutes: 120 }).where(eq(meetings.id, r.meeting.id));
    await env.db
      .insert(meetingSignins)
      .values({ meetingId: r.meeting.id, memberId: r.memberIds[0], signedAt: START, method: 'code', clientId: 'authz-hours' });
    return r;
  },
  request: (r) => ({
    method: 'PUT',
    url: `/api/v1/life/meetings/${r.meeting.id}/hours`,
    payload: { memberId: r.memberIds[0], minutes: 60, reason: '中途离会' },
  }),
  snapshot: (r) => env.db.select().from(meetingSignins).where(eq(meetingSignins.meetingId, r.meeting.id)),
});
matrix({
  name: 'GET /api/v1/life/meetings/:id/sign-in-code',
  make: withMeeting({}, '2026-03-10T09:00:00+08:00'),
  request: (m) => ({ method: 'GET', url: `/api/v1/life/meetings/${m.id}/sign-in-code` }),
});
matrix({
  name: 'GET /api/v1/life/meetings/:id/action-items',
  make: withMeeting(),
  request: (m) => ({ method: 'GET', url: `/api/v1/life/meetings/${m.id}/action-items` }),
});
matrix({
  name: 'POST /api/v1/life/meetings/:id/action-items',
  make: async (org) => ({ m: await withMeeting({ minutes: true }, '2026-03-10T10:00:00+08:00')(org), org }),
  request: (r) => ({
    method: 'POST',
    url: `/api/v1/life/meetings/${r.m.id}/action-items`,
    payload: { title: '落实整改', orgId: r.org.id, dueOn: '2026-03-31' },
  }),
  snapshot: (r) => env.db.select().from(actionItems).where(eq(actionItems.meetingId, r.m.id)),
});
matrix({
  name: 'POST /api/v1/life/leaves/:id/decision',
  make: async (org) => {
    const { meeting, memberIds } = await addMeeting(env, org, { startsAt: START });
    at(BEFORE);
    const [l] = await env.db.insert(meetingLeaves).values({ meetingId: meeting.id, memberId: memberIds[0], reason: '出差' }).returning();
    return l;
  },
  request: (l) => ({ method: 'POST', url: `/api/v1/life/leaves/${l.id}/decision`, payload: { approve: true } }),
  snapshot: async (l) => (await env.db.select().from(meetingLeaves).where(eq(meetingLeaves.id, l.id)))[0],
});
matrix({
  name: 'GET /api/v1/life/action-items',
  make: async (org) => org,
  request: (org) => ({ method: 'GET', url: `/api/v1/life/action-items?orgId=${org.id}` }),
});
matrix({
  name: 'POST /api/v1/life/action-items/:id/done',
  make: async (org) => {
    const m = await withMeeting({ minutes: true })(org);
    const [a] = await env.db
      .insert(actionItems)
      .values({ meetingId: m.id, orgId: org.id, orgPath: org.path, title: '整改', dueOn: '2026-03-31' })
      .returning();
    return a;
  },
  request: (a) => ({ method: 'POST', url: `/api/v1/life/action-items/${a.id}/done`, payload: { note: '已完成' } }),
  snapshot: async (a) => (await env.db.select().from(actionItems).where(eq(actionItems.id, a.id)))[0],
});
matrix({
  name: 'GET /api/v1/life/compliance',
  make: async (org) => org,
  request: (org) => ({ method: 'GET', url: `/api/v1/life/compliance?orgId=${org.id}&year=2026` }),
});
matrix({
  name: 'GET /api/v1/life/compliance.xlsx',
  make: async (org) => org,
  request: (org) => ({ method: 'GET', url: `/api/v1/life/compliance.xlsx?orgId=${org.id}&year=2026` }),
});
matrix({
  name: 'GET /api/v1/life/hours',
  make: async (org) => org,
  request: (org) => ({ method: 'GET', url: `/api/v1/life/hours?orgId=${org.id}&year=2026` }),
});
matrix({
  name: 'GET /api/v1/life/hours.xlsx',
  make: async (org) => org,
  request: (org) => ({ method: 'GET', url: `/api/v1/life/hours.xlsx?orgId=${org.id}&year=2026` }),
});
matrix({
  name: 'GET /api/v1/life/appraisals',
  make: async (org) => org,
  request: (org) => ({ method: 'GET', url: `/api/v1/life/appraisals?orgId=${org.id}` }),
});
matrix({
  name: 'POST /api/v1/life/appraisals',
  make: async (org) => {
    await env.buildMember({ org });
    await env.buildMember({ org });
    return org;
  },
  request: (org) => ({ method: 'POST', url: '/api/v1/life/appraisals', payload: { orgId: org.id, year: 2025 } }),
  snapshot: (org) => env.db.select().from(appraisalCampaigns).where(eq(appraisalCampaigns.orgId, org.id)),
});
matrix({
  name: 'GET /api/v1/life/appraisals/:id',
  make: async (org) => (await campaign(org)).c,
  request: (c) => ({ method: 'GET', url: `/api/v1/life/appraisals/${c.id}` }),
});
matrix({
  name: 'PUT /api/v1/life/appraisals/:id/mass',
  make: (org) => campaign(org),
  request: (r) => ({
    method: 'PUT',
    url: `/api/v1/life/appraisals/${r.c.id}/mass`,
    payload: { counts: [{ memberId: r.ms[0].id, excellent: 1, qualified: 2, basic: 0, unqualified: 0 }] },
  }),
  snapshot: (r) => env.db.select().from(appraisalTallies).where(eq(appraisalTallies.campaignId, r.c.id)).orderBy(appraisalTallies.id),
});
matrix({
  name: 'POST /api/v1/life/appraisals/:id/close',
  make: async (org) => (await campaign(org)).c,
  request: (c) => ({ method: 'POST', url: `/api/v1/life/appraisals/${c.id}/close` }),
  snapshot: async (c) => (await env.db.select().from(appraisalCampaigns).where(eq(appraisalCampaigns.id, c.id)))[0],
});
matrix({
  name: 'POST /api/v1/life/appraisals/:id/determination',
  make: (org) => campaign(org, 'closed'),
  request: (r) => ({
    method: 'POST',
    url: `/api/v1/life/appraisals/${r.c.id}/determination`,
    payload: { grades: r.ms.map((m) => ({ memberId: m.id, grade: 'qualified' })) },
  }),
  snapshot: async (r) => (await env.db.select().from(appraisalCampaigns).where(eq(appraisalCampaigns.id, r.c.id)))[0],
});
const aCase = async (org: OrgRef) => {
  const m = await env.buildMember({ org });
  const [k] = await env.db
    .insert(unqualifiedCases)
    .values({ memberId: m.id, orgId: org.id, orgPath: org.path, measure: 'correction', deadlineOn: '2026-09-01' })
    .returning();
  return k;
};
matrix({
  name: 'POST /api/v1/life/unqualified-cases/:id/follow-ups',
  make: aCase,
  request: (k) => ({ method: 'POST', url: `/api/v1/life/unqualified-cases/${k.id}/follow-ups`, payload: { note: '谈话' } }),
  snapshot: async (k) => (await env.db.select().from(unqualifiedCases).where(eq(unqualifiedCases.id, k.id)))[0],
});
matrix({
  name: 'POST /api/v1/life/unqualified-cases/:id/close',
  make: aCase,
  request: (k) => ({ method: 'POST', url: `/api/v1/life/unqualified-cases/${k.id}/close`, payload: { outcome: '已改正' } }),
  snapshot: async (k) => (await env.db.select().from(unqualifiedCases).where(eq(unqualifiedCases.id, k.id)))[0],
});

/** Lists over the actor's whole scope: 401, 403, and another branch's secretary does not see the row. */
describe('scope-wide lists', () => {
  const lists: [string, (org: OrgRef) => Promise<void>, (body: unknown) => number][] = [
    [
      '/api/v1/life/leaves',
      async (org) => {
        const { meeting, memberIds } = await addMeeting(env, org, { startsAt: START });
        await env.db.insert(meetingLeaves).values({ meetingId: meeting.id, memberId: memberIds[0], reason: '出差' });
      },
      (b) => (b as unknown[]).length,
    ],
    [
      '/api/v1/life/joint-bodies',
      async (org) =>
        void (await addMeeting(env, org, { type: 'joint', startsAt: START }).then((r) =>
          env.db.update(meetings).set({ jointBody: '联席会' }).where(eq(meetings.id, r.meeting.id)),
        )),
      (b) => (b as unknown[]).length,
    ],
    ['/api/v1/life/unqualified-cases', async (org) => void (await aCase(org)), (b) => (b as unknown[]).length],
  ];
  for (const [url, make, count] of lists)
    it(`GET ${url}`, async () => {
      at(BEFORE);
      const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
      const own = await env.buildOrg({ parent: committee });
      const other = await env.buildOrg({ parent: committee });
      await make(own);
      expect((await env.anon.get(url)).statusCode).toBe(401);
      const weak = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: own.id }] }));
      expect((await weak.get(url)).statusCode).toBe(403);
      const stranger = await env.as(await env.buildUser({ roles: [{ role, orgId: other.id }] }));
      expect(count((await stranger.get(url)).json())).toBe(0);
      const mine = await env.as(await env.buildUser({ roles: [{ role, orgId: own.id }] }));
      expect(count((await mine.get(url)).json())).toBe(1);
    });
});

/** The phone routes: 401; no self:portal 403; a member who is not part of it 404 and nothing changed; the member 200. */
describe('phone routes', () => {
  type R = { meetingId: number; campaignId: number; code?: string };
  const routes: [string, (r: R) => InjectOptions, ((r: R) => Promise<unknown>)?][] = [
    ['GET my meetings', () => ({ method: 'GET', url: '/api/v1/life/my/meetings' })],
    ['GET my meeting', (r) => ({ method: 'GET', url: `/api/v1/life/my/meetings/${r.meetingId}` })],
    [
      'POST leave',
      (r) => ({ method: 'POST', url: `/api/v1/life/my/meetings/${r.meetingId}/leave`, payload: { reason: '出差' } }),
      (r) => env.db.select().from(meetingLeaves).where(eq(meetingLeaves.meetingId, r.meetingId)),
    ],
    [
      'POST sign-in',
      (r) => ({ method: 'POST', url: '/api/v1/life/sign-in', payload: { token: r.code, clientId: 'authz-attempt' } }),
      (r) => env.db.select().from(meetingSignins).where(eq(meetingSignins.meetingId, r.meetingId)),
    ],
    ['GET my hours', () => ({ method: 'GET', url: '/api/v1/life/my/hours' })],
    ['GET my appraisals', () => ({ method: 'GET', url: '/api/v1/life/my/appraisals' })],
    ['GET my appraisal', (r) => ({ method: 'GET', url: `/api/v1/life/my/appraisals/${r.campaignId}` })],
    [
      'PUT self evaluation',
      (r) => ({
        method: 'PUT',
        url: `/api/v1/life/my/appraisals/${r.campaignId}/self`,
        payload: { summary: '认真履行党员义务，发挥先锋模范作用。' },
      }),
      (r) =>
        env.db
          .select()
          .from(appraisalParticipants)
          .where(eq(appraisalParticipants.campaignId, r.campaignId))
          .orderBy(appraisalParticipants.id),
    ],
  ];
  for (const [name, request, snapshot] of routes)
    it(name, async () => {
      at('2026-03-10T09:00:00+08:00');
      const org = await env.buildOrg();
      const me = await buildMemberUser(env, org);
      const other = await buildMemberUser(env, await env.buildOrg());
      const { meeting } = await addMeeting(env, org, { startsAt: new Date('2026-03-10T09:10:00+08:00'), memberIds: [me.memberId] });
      const { makeToken } = await import('./signin.token.js');
      const { tokenSlot, LIFE_RULESETS } = await import('@vanguard/shared');
      const code = makeToken(meeting.id, tokenSlot(env.clock.now(), LIFE_RULESETS[0]), meeting.signKey);
      const { c } = await campaign(org);
      await env.db.insert(appraisalParticipants).values({ campaignId: c.id, memberId: me.memberId, category: 'full' });
      const r: R = { meetingId: meeting.id, campaignId: c.id, code };
      const snap = async () => (snapshot ? snapshot(r) : databaseState(env.db));
      const admin = await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: org.id }] }));
      const before = await snap();
      expect((await env.anon.inject(request(r))).statusCode).toBe(401);
      expect((await admin.inject(request(r))).statusCode).toBe(403);
      // A list answers 200 without the record: what it lists, read from the parsed body (the member's own list has it).
      const listed: Record<string, [(body: unknown) => unknown, number]> = {
        'GET my meetings': [(b) => b, meeting.id],
        'GET my hours': [(b) => (b as { meetings: unknown }).meetings, meeting.id],
        'GET my appraisals': [(b) => b, c.id],
      };
      const idsIn = (body: unknown) => {
        const items = listed[name][0](body);
        expect(Array.isArray(items), JSON.stringify(body)).toBe(true);
        return (items as { id: unknown }[]).map((i) => i.id);
      };
      const list = name in listed;
      const res = await other.api.inject(request(r));
      if (list) {
        expect(res.statusCode).toBe(200);
        expect(idsIn(res.json())).not.toContain(listed[name][1]);
      } else {
        expect(res.statusCode, res.body).toBe(name === 'POST sign-in' ? 400 : 404);
      }
      expect(await snap()).toEqual(before);
      const ok = await me.api.inject(request(r));
      expect(ok.statusCode, ok.body).toBe(200);
      // Not signed in yet, the member has no hours from the meeting; the other lists show it to them.
      if (list && name !== 'GET my hours') expect(idsIn(ok.json())).toContain(listed[name][1]);
    });

  it('POST ballot', async () => {
    at(BEFORE);
    const org = await env.buildOrg();
    const a = await buildMemberUser(env, org);
    const b = await buildMemberUser(env, org);
    const outsider = await buildMemberUser(env, await env.buildOrg());
    const [c] = await env.db
      .insert(appraisalCampaigns)
      .values({ orgId: org.id, orgPath: org.path, year: 2025, openedAt: new Date(BEFORE) })
      .returning();
    await env.db.insert(appraisalParticipants).values([a, b].map((p) => ({ campaignId: c.id, memberId: p.memberId, category: 'full' })));
    await env.db
      .insert(appraisalTallies)
      .values([a, b].map((p) => ({ campaignId: c.id, memberId: p.memberId, source: 'mutual', grade: 'qualified' })));
    const req = {
      method: 'POST' as const,
      url: `/api/v1/life/my/appraisals/${c.id}/ballot`,
      payload: { ratings: [{ memberId: b.memberId, grade: 'qualified' }] },
    };
    const tallies = () => env.db.select().from(appraisalTallies).where(eq(appraisalTallies.campaignId, c.id)).orderBy(appraisalTallies.id);
    const before = await tallies();
    expect((await env.anon.inject(req)).statusCode).toBe(401);
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'auditor', orgId: org.id }] }));
    expect((await admin.inject(req)).statusCode).toBe(403);
    expect((await outsider.api.inject(req)).statusCode).toBe(404);
    expect(await tallies()).toEqual(before);
    const ok = await a.api.inject(req);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
