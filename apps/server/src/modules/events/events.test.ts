import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, multipart, PNG, type TestEnv, type TestUser } from '../../../test/harness.js';
import { eventPhotos, eventRegistrations, events, notifyMessages, workers } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set('2026-03-02T09:00:00+08:00');
});

beforeEach(() => env.clock.set('2026-03-02T09:00:00+08:00'));

type Org = { id: number; path: string };
type Detail = {
  id: number;
  registeredCount: number;
  waitlistCount: number;
  myStatus: string | null;
  myPosition: number | null;
  checkinCode: string | null;
  checkedIn: boolean;
  photos: { id: number; status: string }[];
};
type Err = { message: string; details: { path: string; message: string }[] };

const EVENT = {
  kind: 'culture',
  title: '职工篮球赛',
  description: '各队报名参加',
  place: '矿体育馆',
  startsAt: '2026-03-10T14:00:00+08:00',
  endsAt: '2026-03-10T17:00:00+08:00',
  regOpensAt: '2026-03-01T08:00:00+08:00',
  regClosesAt: '2026-03-09T18:00:00+08:00',
  audience: 'both',
};

async function worker(org: Org, name = '职工'): Promise<TestUser> {
  const u = await env.buildUser({ roles: [{ role: 'worker', orgId: org.id }], orgId: org.id });
  await env.db.insert(workers).values({ orgId: org.id, orgPath: org.path, userId: u.id, name, sex: '男' });
  return u;
}

async function insertEvent(org: Org, o: Partial<typeof events.$inferInsert> = {}) {
  const [e] = await env.db
    .insert(events)
    .values({
      orgId: org.id,
      orgPath: org.path,
      ...EVENT,
      startsAt: new Date(EVENT.startsAt),
      endsAt: new Date(EVENT.endsAt),
      regOpensAt: new Date(EVENT.regOpensAt),
      regClosesAt: new Date(EVENT.regClosesAt),
      capacity: 2,
      checkinCode: '123456',
      createdBy: 1,
      ...o,
    })
    .returning();
  return e;
}
const regs = async (eventId: number) => env.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, eventId));

describe('events: publish, register, waitlist, check in, photos, counts', () => {
  it('fills up, the waitlist moves up on a cancellation, check-in by code, photo wall, counts per branch', async () => {
    const mine = await env.buildOrg({ kind: 'committee' });
    const a = await env.buildOrg({ parent: mine, name: '甲支部' });
    const b = await env.buildOrg({ parent: mine, name: '乙支部' });
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] }));
    const bad = await admin.post('/api/v1/events', { ...EVENT, orgId: mine.id, capacity: 2, endsAt: '2026-03-10T13:00:00+08:00' });
    expect(bad.statusCode).toBe(400);
    expect(json<Err>(bad).details[0]).toEqual({ path: 'endsAt', message: '结束时间应晚于开始时间' });
    const created = await admin.post('/api/v1/events', { ...EVENT, orgId: mine.id, capacity: 2 });
    expect(created.statusCode, created.body).toBe(200);
    const e = json<Detail>(created);
    expect(e.checkinCode).toMatch(/^\d{6}$/);

    const [u1, u2, u3, u4] = [await worker(a, '一'), await worker(a, '二'), await worker(b, '三'), await worker(b, '四')];
    const call = async (u: TestUser, what: string, body?: object) => (await env.as(u)).post(`/api/v1/my/events/${e.id}/${what}`, body);
    expect(json<Detail>(await call(u1, 'register')).myStatus).toBe('registered');
    expect(json<Detail>(await call(u2, 'register')).myStatus).toBe('registered');
    const w3 = json<Detail>(await call(u3, 'register'));
    expect([w3.myStatus, w3.myPosition]).toEqual(['waitlisted', 1]);
    expect(json<Detail>(await call(u4, 'register')).myPosition).toBe(2);
    const twice = await call(u1, 'register');
    expect(twice.statusCode).toBe(409);
    expect(json<Err>(twice).message).toBe('您已报名（已报名）');

    // u2 cancels: u3 (first on the waitlist) is promoted and notified; u4 becomes first.
    expect(json<Detail>(await call(u2, 'cancel')).myStatus).toBe('cancelled');
    const rs = await regs(e.id);
    expect(rs.find((r) => r.userId === u3.id)).toMatchObject({ status: 'registered' });
    expect(rs.find((r) => r.userId === u3.id)?.promotedAt).not.toBeNull();
    expect((await env.db.select().from(events).where(eq(events.id, e.id)))[0].registeredCount).toBe(2);
    expect(
      (
        await env.db
          .select()
          .from(notifyMessages)
          .where(eq(notifyMessages.key, `event:${e.id}:promoted:${rs.find((r) => r.userId === u3.id)?.id}`))
      ).length,
    ).toBe(1);
    expect(json<Detail>(await (await env.as(u4)).get(`/api/v1/my/events/${e.id}`)).myPosition).toBe(1);

    // After the window: a clear refusal, nothing written.
    env.clock.set('2026-03-09T18:00:00+08:00');
    const late = await call(u2, 'register');
    expect(late.statusCode).toBe(409);
    expect(json<Err>(late).message).toBe('报名已截止');
    expect(rs.find((r) => r.userId === u2.id)?.status).toBe('cancelled');

    // Check-in with the code from an hour before the start.
    env.clock.set('2026-03-10T13:30:00+08:00');
    const wrong = await call(u1, 'checkin', { code: '000000' === e.checkinCode ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(json<Detail>(await call(u1, 'checkin', { code: e.checkinCode })).checkedIn).toBe(true);
    expect((await call(u4, 'checkin', { code: e.checkinCode })).statusCode).toBe(409);

    // The photo wall: an image goes in as pending; a PDF is refused; the organizer approves.
    const c1 = await env.as(u1);
    const pdf = await c1.inject({
      method: 'POST',
      url: '/api/v1/files',
      ...multipart('file', Buffer.from('%PDF-1.4 x'), 'application/pdf'),
    });
    const notImage = await call(u1, 'photos', { fileId: json<{ id: string }>(pdf).id });
    expect(notImage.statusCode).toBe(400);
    expect(json<Err>(notImage).details).toEqual([{ path: 'fileId', message: '照片须为图片（JPG/PNG/WebP）' }]);
    const png = await c1.inject({ method: 'POST', url: '/api/v1/files', ...multipart('file', PNG, 'image/png') });
    const withPhoto = json<Detail>(await call(u1, 'photos', { fileId: json<{ id: string }>(png).id }));
    expect(withPhoto.photos.map((p) => p.status)).toEqual(['pending']);
    expect(json<Detail>(await (await env.as(u3)).get(`/api/v1/my/events/${e.id}`)).photos).toEqual([]);
    const pid = withPhoto.photos[0].id;
    const organizer = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: mine.id }] }));
    expect((await organizer.patch(`/api/v1/events/${e.id}/photos/${pid}`, { status: 'approved' })).statusCode).toBe(200);
    expect(json<Detail>(await (await env.as(u3)).get(`/api/v1/my/events/${e.id}`)).photos.length).toBe(1);
    expect((await (await env.as(u3)).get(`/api/v1/files/${json<{ id: string }>(png).id}`)).statusCode).toBe(200);

    // Summary and counts per branch (a new session: the clock moved past the first one's idle limit).
    env.clock.set('2026-03-10T17:30:00+08:00');
    const admin2 = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] }));
    expect((await admin2.put(`/api/v1/events/${e.id}/summary`, { summary: '四队参赛，气氛热烈' })).statusCode).toBe(200);
    const stats = json<{ rows: { orgName: string; registered: number; waitlisted: number; checkedIn: number }[] }>(
      await admin2.get(`/api/v1/events/${e.id}/stats`),
    );
    expect(stats.rows).toEqual([
      { orgId: a.id, orgName: '甲支部', registered: 1, waitlisted: 0, checkedIn: 1 },
      { orgId: b.id, orgName: '乙支部', registered: 1, waitlisted: 1, checkedIn: 0 },
    ]);
    env.clock.set('2026-03-02T09:00:00+08:00');
  });

  it('an event for members only is not there for a worker; another mine does not see it', async () => {
    const mine = await env.buildOrg({ kind: 'committee' });
    const e = await insertEvent(mine, { audience: 'members' });
    const w = await env.as(await worker(mine));
    expect((await w.post(`/api/v1/my/events/${e.id}/register`)).statusCode).toBe(404);
    expect(json<{ items: { id: number }[] }>(await w.get('/api/v1/my/events')).items.map((i) => i.id)).not.toContain(e.id);
    const { user } = await env.buildMemberUser({ org: await env.buildOrg() });
    expect((await (await env.as(user)).post(`/api/v1/my/events/${e.id}/register`)).statusCode).toBe(404);
    expect(await regs(e.id)).toEqual([]);
  });
});

describe('the waitlist under concurrent cancellations', () => {
  it('ten places, ten waiting; five cancel at once: exactly the first five waiting move up, none twice, no over-booking', async () => {
    const org = await env.buildOrg({ kind: 'committee' });
    const e = await insertEvent(org, { capacity: 10 });
    const people: TestUser[] = [];
    for (let i = 0; i < 20; i++) people.push(await worker(org, `人${i}`));
    for (const u of people) expect((await (await env.as(u)).post(`/api/v1/my/events/${e.id}/register`)).statusCode).toBe(200);
    const callers = await Promise.all(people.slice(0, 5).map((u) => env.as(u)));
    const res = await Promise.all(callers.map((c) => c.post(`/api/v1/my/events/${e.id}/cancel`)));
    expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const rs = await regs(e.id);
    const registered = rs
      .filter((r) => r.status === 'registered')
      .map((r) => r.userId)
      .sort((x, y) => x - y);
    expect(registered).toEqual(
      people
        .slice(5, 15)
        .map((u) => u.id)
        .sort((x, y) => x - y),
    );
    expect(
      rs
        .filter((r) => r.promotedAt !== null)
        .map((r) => r.userId)
        .sort((x, y) => x - y),
    ).toEqual(
      people
        .slice(10, 15)
        .map((u) => u.id)
        .sort((x, y) => x - y),
    );
    expect(rs.filter((r) => r.status === 'waitlisted').length).toBe(5);
    expect((await env.db.select().from(events).where(eq(events.id, e.id)))[0].registeredCount).toBe(10);
  });

  it('twenty register at once for five places: five places, fifteen waiting, in order', async () => {
    const org = await env.buildOrg({ kind: 'committee' });
    const e = await insertEvent(org, { capacity: 5 });
    const callers = await Promise.all(Array.from({ length: 20 }, async (_, i) => env.as(await worker(org, `并发${i}`))));
    const res = await Promise.all(callers.map((c) => c.post(`/api/v1/my/events/${e.id}/register`)));
    expect(res.every((r) => r.statusCode === 200)).toBe(true);
    const rs = await regs(e.id);
    expect(rs.filter((r) => r.status === 'registered').length).toBe(5);
    expect(rs.filter((r) => r.status === 'waitlisted').length).toBe(15);
    expect((await env.db.select().from(events).where(eq(events.id, e.id)))[0].registeredCount).toBe(5);
  });
});

describe('authz matrices (console routes)', () => {
  const snap = async (e: TestEnv, ev: { id: number }) => (await e.db.select().from(events).where(eq(events.id, ev.id)))[0];
  describe('GET /api/v1/events/:id', () =>
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: (_e, org) => insertEvent(org),
      request: (e) => ({ method: 'GET', url: `/api/v1/events/${e.id}` }),
    }));
  describe('GET /api/v1/events/:id/registrations', () =>
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: (_e, org) => insertEvent(org),
      request: (e) => ({ method: 'GET', url: `/api/v1/events/${e.id}/registrations` }),
    }));
  describe('GET /api/v1/events/:id/stats', () =>
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: (_e, org) => insertEvent(org),
      request: (e) => ({ method: 'GET', url: `/api/v1/events/${e.id}/stats` }),
    }));
  describe('PUT /api/v1/events/:id/summary', () =>
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: (_e, org) => insertEvent(org, { startsAt: new Date('2026-03-01T00:00:00Z') }),
      request: (e) => ({ method: 'PUT', url: `/api/v1/events/${e.id}/summary`, payload: { summary: '总结' } }),
      snapshot: snap,
    }));
  describe('PATCH /api/v1/events/:id/photos/:photoId', () =>
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: async (_e, org) => {
        const ev = await insertEvent(org);
        const [p] = await env.db
          .insert(eventPhotos)
          .values({ eventId: ev.id, fileId: '00000000-0000-4000-8000-000000000001', userId: 1, name: 'x' })
          .returning();
        return { id: ev.id, photoId: p.id };
      },
      request: (x) => ({ method: 'PATCH', url: `/api/v1/events/${x.id}/photos/${x.photoId}`, payload: { status: 'approved' } }),
      snapshot: async (e, x) =>
        e.db
          .select()
          .from(eventPhotos)
          .where(and(eq(eventPhotos.id, x.photoId))),
    }));
  describe('GET /api/v1/events', () =>
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: async (_e, org) => org,
      request: (org) => ({ method: 'GET', url: `/api/v1/events?orgId=${org.id}` }),
    }));
  describe('POST /api/v1/events', () =>
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: async (_e, org) => org,
      request: (org) => ({ method: 'POST', url: '/api/v1/events', payload: { ...EVENT, orgId: org.id, capacity: 5 } }),
    }));
});
