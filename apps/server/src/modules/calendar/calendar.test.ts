import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { duesBills, learningExams } from '../../db/schema/index.js';
import { addMeeting } from '../life/life.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

async function memberWithMeeting() {
  const branch = await env.buildOrg();
  const { memberId, user } = await env.buildMemberUser({ org: branch, name: '李明' });
  const { meeting } = await addMeeting(env, branch, { memberIds: [memberId], startsAt: new Date('2026-03-12T15:00:00+08:00') });
  await env.db
    .insert(duesBills)
    .values({ memberId, orgId: branch.id, orgPath: branch.path, month: '2026-03-01', standardFen: 1000, dueFen: 1000, status: 'unpaid' });
  return { branch, user, meeting };
}

type Events = { items: { uid: string; kind: string; title: string; startsAt: string | null; day: string | null }[] };

describe('my calendar', () => {
  it('the month view holds my meetings and dues deadlines, not other people’s', async () => {
    const { user, meeting } = await memberWithMeeting();
    const other = await memberWithMeeting();
    const res = await (await env.as(user)).get('/api/v1/calendar/events?from=2026-03-01&to=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const { items } = json<Events>(res);
    expect(items.map((e) => [e.kind, e.uid])).toEqual([
      ['meeting', `meeting-${meeting.id}@vanguard`],
      ['deadline', expect.stringMatching(/^dues-\d+@vanguard$/)],
    ]);
    expect(items[0]).toMatchObject({ title: expect.stringContaining('研究本月安全生产工作'), startsAt: '2026-03-12T07:00:00.000Z' });
    expect(items[1]).toMatchObject({ day: '2026-03-31', title: '党费缴纳截止：2026-03（10.00 元）' });
    expect(items.some((e) => e.uid === `meeting-${other.meeting.id}@vanguard`)).toBe(false);
  });

  it('exam windows of the member’s org and the orgs above it, published only', async () => {
    const mine = await env.buildOrg({ kind: 'committee' });
    const branch = await env.buildOrg({ parent: mine });
    const { user } = await env.buildMemberUser({ org: branch });
    const exam = (title: string, org: { id: number; path: string }, status = 'published') => ({
      title,
      orgId: org.id,
      orgPath: org.path,
      mode: 'fixed',
      status,
      opensAt: new Date('2026-03-20T08:00:00+08:00'),
      closesAt: new Date('2026-03-22T18:00:00+08:00'),
    });
    await env.db
      .insert(learningExams)
      .values([exam('矿井安全知识考试', mine), exam('草稿考试', mine, 'draft'), exam('别处的考试', await env.buildOrg())]);
    const { items } = json<Events>(await (await env.as(user)).get('/api/v1/calendar/events?from=2026-03-01&to=2026-03-31'));
    expect(items.map((e) => [e.kind, e.title, e.startsAt])).toEqual([['exam', '考试：矿井安全知识考试', '2026-03-20T00:00:00.000Z']]);
  });

  it('a branch secretary sees the meetings of the branch they run', async () => {
    const { branch, meeting } = await memberWithMeeting();
    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const { items } = json<Events>(await (await env.as(secretary)).get('/api/v1/calendar/events?from=2026-03-01&to=2026-03-31'));
    expect(items.map((e) => e.uid)).toEqual([`meeting-${meeting.id}@vanguard`]);
  });

  it('a range over 62 days or backwards is a 400', async () => {
    const api = await env.as(await env.buildUser());
    expect((await api.get('/api/v1/calendar/events?from=2026-01-01&to=2026-04-30')).statusCode).toBe(400);
    expect((await api.get('/api/v1/calendar/events?from=2026-03-02&to=2026-03-01')).statusCode).toBe(400);
  });

  it('a secret feed URL a phone can subscribe to; replaced or revoked, the old URL is 404', async () => {
    const { user, meeting } = await memberWithMeeting();
    const api = await env.as(user);
    expect(json(await api.get('/api/v1/calendar/feed'))).toMatchObject({ active: false });
    const first = json<{ url: string; webcalUrl: string }>(await api.post('/api/v1/calendar/feed'));
    expect(first.webcalUrl.startsWith('webcal://')).toBe(true);
    const path = (u: string) => new URL(u).pathname;

    const ics = await env.anon.get(path(first.url));
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.body).toContain(`UID:meeting-${meeting.id}@vanguard\r\n`);
    expect(ics.body).toContain('DTSTART;TZID=Asia/Shanghai:20260312T150000\r\n');
    expect(ics.body).toContain('DTSTART;VALUE=DATE:20260331\r\n');
    expect(json(await api.get('/api/v1/calendar/feed'))).toMatchObject({ active: true, lastReadAt: env.clock.now().toISOString() });

    const second = json<{ url: string }>(await api.post('/api/v1/calendar/feed'));
    expect((await env.anon.get(path(first.url))).statusCode).toBe(404);
    expect((await env.anon.get(path(second.url))).statusCode).toBe(200);
    expect((await api.delete('/api/v1/calendar/feed')).statusCode).toBe(204);
    expect((await env.anon.get(path(second.url))).statusCode).toBe(404);
    expect((await api.delete('/api/v1/calendar/feed')).statusCode).toBe(404);
    expect((await env.anon.get('/api/v1/calendar/ics/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });
});
