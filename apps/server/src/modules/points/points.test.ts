import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, courseHeartbeats, pointDays, pointEntries, settings } from '../../db/schema/index.js';
import { awardPoints, awardStudySeconds } from './points.award.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const at = (s: string) => new Date(s);
const award = (
  memberId: number,
  activity: 'study' | 'exam' | 'competition' | 'challenge' | 'mentor_meeting',
  sourceKey: string,
  when: Date,
  points?: number,
) => env.db.transaction((tx) => awardPoints(tx, { memberId, activity, sourceKey, at: when, points }));
const entriesOf = (memberId: number) => env.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId));
const dayOf = async (memberId: number, day: string) =>
  (
    await env.db
      .select()
      .from(pointDays)
      .where(and(eq(pointDays.memberId, memberId), eq(pointDays.day, day)))
  )[0];

async function member() {
  const org = await env.buildOrg();
  return env.buildMember({ org });
}

describe('awardPoints', () => {
  it('counts a source key once, even when replayed', async () => {
    const m = await member();
    const first = await award(m.id, 'competition', `t1:${m.id}`, at('2026-03-02T10:00:00+08:00'));
    const again = await award(m.id, 'competition', `t1:${m.id}`, at('2026-03-02T10:05:00+08:00'));
    expect(first).toEqual({ recorded: true, requested: 5, points: 5 });
    expect(again).toEqual({ recorded: false, requested: 5, points: 0 });
    expect((await entriesOf(m.id)).length).toBe(1);
    expect((await dayOf(m.id, '2026-03-02')).total).toBe(5);
  });

  it('enforces the activity cap at the boundary and keeps the capped award with 0 points', async () => {
    const m = await member();
    const d = at('2026-03-02T08:00:00+08:00');
    // mentor_meeting: 2 points each, cap 2 a day.
    expect((await award(m.id, 'mentor_meeting', `mm1:${m.id}`, d)).points).toBe(2);
    expect((await award(m.id, 'mentor_meeting', `mm2:${m.id}`, d)).points).toBe(0);
    // challenge: 1 each, cap 5: the fifth counts, the sixth does not.
    for (let i = 1; i <= 6; i++) await award(m.id, 'challenge', `ch${i}:${m.id}`, d);
    const rows = await entriesOf(m.id);
    expect(rows.filter((r) => r.activity === 'challenge').map((r) => r.points)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(rows.find((r) => r.sourceKey === `mm2:${m.id}`)).toMatchObject({ requested: 2, points: 0 });
    expect(await dayOf(m.id, '2026-03-02')).toMatchObject({ total: 7, byActivity: { mentor_meeting: 2, challenge: 5 } });
  });

  it('enforces the total cap of 20 a day and starts again on the next China day (midnight at UTC+8)', async () => {
    const m = await member();
    await award(m.id, 'competition', `c1:${m.id}`, at('2026-03-02T09:00:00+08:00'), 10);
    await award(m.id, 'exam', `e1:${m.id}`, at('2026-03-02T10:00:00+08:00'), 8);
    expect((await award(m.id, 'exam', `e2:${m.id}`, at('2026-03-02T23:59:59+08:00'), 2)).points).toBe(2);
    expect((await award(m.id, 'challenge', `x1:${m.id}`, at('2026-03-02T23:59:59+08:00'))).points).toBe(0);
    // 2026-03-02T16:00Z is 00:00 on 3 March in China.
    expect((await award(m.id, 'challenge', `x2:${m.id}`, at('2026-03-02T16:00:00Z'))).points).toBe(1);
    expect((await dayOf(m.id, '2026-03-02')).total).toBe(20);
    expect((await dayOf(m.id, '2026-03-03')).total).toBe(1);
  });

  it('holds the caps and the key under concurrent awards', async () => {
    const m = await member();
    const d = at('2026-03-04T10:00:00+08:00');
    const results = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => award(m.id, 'competition', `cc${i}:${m.id}`, d)),
      ...Array.from({ length: 4 }, () => award(m.id, 'competition', `same:${m.id}`, d)),
    ]);
    expect(results.reduce((s, r) => s + r.points, 0)).toBe(10);
    const rows = await entriesOf(m.id);
    expect(rows.length).toBe(7);
    expect(rows.reduce((s, r) => s + r.points, 0)).toBe(10);
    expect((await dayOf(m.id, '2026-03-04')).total).toBe(10);
  });

  it('turns credited study seconds into one point per whole 10 minutes of a day, capped at 6', async () => {
    const m = await member();
    const d = at('2026-03-05T10:00:00+08:00');
    const study = (s: number) => env.db.transaction((tx) => awardStudySeconds(tx, { memberId: m.id, seconds: s, at: d }));
    expect(await study(599)).toBe(0);
    expect(await study(1)).toBe(1);
    expect(await study(1199)).toBe(1);
    expect(await study(1)).toBe(1);
    expect(await study(3600)).toBe(3); // 6 more blocks, 3 left under the cap of 6
    expect((await dayOf(m.id, '2026-03-05')).studySeconds).toBe(5400);
    expect((await entriesOf(m.id)).map((e) => e.sourceKey).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((b) => `study:${m.id}:2026-03-05:${b}`).sort(),
    );
    expect((await dayOf(m.id, '2026-03-05')).total).toBe(6);
  });
});

type MemberRow = { rank: number; name: string; points: number; studyHours: number; examsPassed: number; activities: number };
type BranchRow = { name: string; members: number; participants: number; participationPct: number; points: number; perCapita: number };

describe('GET /api/v1/points/leaderboard/members', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => ({ org }),
    request: (r) => ({ method: 'GET', url: `/api/v1/points/leaderboard/members?orgId=${r.org.id}&period=2026-03` }),
  });

  it('ranks the subtree’s members with study hours and exams beside the points', async () => {
    const committee = await env.buildOrg({ kind: 'committee', name: '积分党委' });
    const branch = await env.buildOrg({ parent: committee, name: '掘进队党支部' });
    const a = await env.buildMember({ org: branch, name: '赵一' });
    const b = await env.buildMember({ org: branch, name: '钱二' });
    await env.buildMember({ org: branch, name: '孙三' });
    await award(a.id, 'competition', `lb1:${a.id}`, at('2026-03-03T10:00:00+08:00'));
    await award(b.id, 'challenge', `lb2:${b.id}`, at('2026-03-03T10:00:00+08:00'));
    await award(b.id, 'challenge', `lb3:${b.id}`, at('2026-04-01T10:00:00+08:00'));
    await env.db.insert(courseHeartbeats).values({
      memberId: b.id,
      courseId: 1,
      sessionId: '00000000-0000-4000-8000-000000000001',
      key: 'k1',
      at: at('2026-03-03T10:00:00+08:00'),
      creditedSeconds: 5400,
      watchedSeconds: 0,
    });
    const sec = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
    const res = await sec.get(`/api/v1/points/leaderboard/members?orgId=${branch.id}&period=2026-03`);
    expect(res.statusCode, res.body).toBe(200);
    const page = json<{ total: number; items: MemberRow[]; period: { from: string; to: string } }>(res);
    expect(page.period).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    expect(page.total).toBe(3);
    expect(page.items.map((i) => [i.rank, i.name, i.points, i.studyHours, i.activities])).toEqual([
      [1, '赵一', 5, 0, 1],
      [2, '钱二', 1, 1.5, 1],
      [3, '孙三', 0, 0, 0],
    ]);
    const year = json<{ items: MemberRow[] }>(
      await sec.get(`/api/v1/points/leaderboard/members?orgId=${branch.id}&period=2026&pageSize=1&page=2`),
    );
    expect(year.items.map((i) => [i.name, i.points])).toEqual([['钱二', 2]]);
    expect((await sec.get(`/api/v1/points/leaderboard/members?orgId=${branch.id}&period=2026-13`)).statusCode).toBe(400);
  });
});

describe('GET /api/v1/points/leaderboard/branches', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, org) => ({ org }),
    request: (r) => ({ method: 'GET', url: `/api/v1/points/leaderboard/branches?orgId=${r.org.id}` }),
  });

  it('ranks branches by per-capita points with participation', async () => {
    const committee = await env.buildOrg({ kind: 'committee', name: '支部排行党委' });
    const big = await env.buildOrg({ parent: committee, name: '大支部' });
    const group = await env.buildOrg({ parent: big, kind: 'group', name: '大支部一组' });
    const small = await env.buildOrg({ parent: committee, name: '小支部' });
    const bigMembers = await Promise.all([1, 2, 3, 4].map((i) => env.buildMember({ org: i > 2 ? group : big, name: `大${i}` })));
    const smallMember = await env.buildMember({ org: small, name: '小1' });
    await env.buildMember({ org: small, name: '小2' });
    await award(bigMembers[0].id, 'competition', `bb1:${bigMembers[0].id}`, at('2026-03-03T10:00:00+08:00'));
    await award(bigMembers[3].id, 'challenge', `bb2:${bigMembers[3].id}`, at('2026-03-03T10:00:00+08:00'));
    await award(smallMember.id, 'competition', `bb3:${smallMember.id}`, at('2026-03-03T10:00:00+08:00'), 8);
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
    const res = await admin.get(`/api/v1/points/leaderboard/branches?orgId=${committee.id}&period=2026-03`);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      json<{ items: BranchRow[] }>(res).items.map((b) => [b.name, b.members, b.participants, b.participationPct, b.points, b.perCapita]),
    ).toEqual([
      ['小支部', 2, 1, 50, 8, 4],
      ['大支部', 4, 2, 50, 6, 1.5],
    ]);
  });
});

describe('points settings (daily caps)', () => {
  it('anyone with learning:manage reads them; only the group level changes them, audited; members 403, anonymous 401', async () => {
    const top = await env.buildOrg({ kind: 'committee', name: '集团党委（积分）' });
    const branch = await env.buildOrg({ parent: top });
    const groupAdmin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: top.id }] }));
    const sec = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
    const plain = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: branch.id }] }));
    const caps = { study: 4, exam: 10, competition: 10, challenge: 5, mentor_meeting: 2, total: 15 };
    const put = (c: typeof sec, payload: Record<string, number>) => c.inject({ method: 'PUT', url: '/api/v1/points/settings', payload });
    expect((await env.anon.inject({ method: 'PUT', url: '/api/v1/points/settings', payload: caps })).statusCode).toBe(401);
    expect((await put(plain, caps)).statusCode).toBe(403);
    expect((await plain.get('/api/v1/points/settings')).statusCode).toBe(403);
    expect((await put(sec, caps)).statusCode).toBe(403);
    expect(json<{ caps: { total: number } }>(await sec.get('/api/v1/points/settings')).caps.total).toBe(20);
    const bad = await put(groupAdmin, { ...caps, total: -1 });
    expect(bad.statusCode).toBe(400);
    expect(json<{ details: { path: string; message: string }[] }>(bad).details).toEqual([
      { path: 'total', message: '每日合计上限不能为负' },
    ]);
    expect(await env.db.select().from(settings).where(eq(settings.key, 'points.caps'))).toEqual([]);
    const ok = await put(groupAdmin, caps);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<{ caps: typeof caps; overridden: boolean }>(ok)).toMatchObject({ caps, overridden: true });
    expect((await env.db.select().from(auditLog).where(eq(auditLog.action, 'points.caps.update'))).length).toBe(1);
    // The new caps apply to the next award.
    const m = await member();
    expect((await award(m.id, 'study', `cap:${m.id}`, at('2026-03-06T10:00:00+08:00'), 9)).points).toBe(4);
    await env.db.delete(settings).where(eq(settings.key, 'points.caps'));
  });
});

describe('my points on the phone', () => {
  it('shows today against the cap, the month, the year, the history and my rank in my branch', async () => {
    const branch = await env.buildOrg({ name: '我的积分支部' });
    const me = await env.buildMember({ org: branch, name: '周五' });
    const other = await env.buildMember({ org: branch, name: '吴六' });
    const user = await env.linkLogin(me.id, branch.id);
    env.clock.set('2026-03-10T12:00:00+08:00');
    await award(me.id, 'challenge', `my1:${me.id}`, at('2026-03-10T09:00:00+08:00'));
    await award(me.id, 'competition', `my2:${me.id}`, at('2026-03-01T09:00:00+08:00'));
    await award(me.id, 'competition', `my3:${me.id}`, at('2026-02-01T09:00:00+08:00'));
    await award(other.id, 'competition', `my4:${other.id}`, at('2026-03-02T09:00:00+08:00'), 10);
    const c = await env.as(user);
    const res = await c.get('/api/v1/points/me');
    expect(res.statusCode, res.body).toBe(200);
    const body = json<{
      today: { points: number; cap: number; byActivity: { activity: string; points: number; cap: number }[] };
      month: { points: number };
      year: { points: number };
      branch: unknown;
    }>(res);
    expect(body.today).toMatchObject({ points: 1, cap: 20 });
    expect(body.today.byActivity.find((a) => a.activity === 'challenge')).toEqual({
      activity: 'challenge',
      name: '答题挑战',
      points: 1,
      cap: 5,
    });
    expect(body.month.points).toBe(6);
    expect(body.year.points).toBe(11);
    expect(body.branch).toEqual({ name: '我的积分支部', rank: 2, of: 2 });
    const hist = json<{ total: number; items: { activityName: string; points: number }[] }>(
      await c.get('/api/v1/points/me/history?pageSize=2'),
    );
    expect(hist.total).toBe(3);
    expect(hist.items.map((i) => i.activityName)).toEqual(['答题挑战', '知识竞赛']);
    // Without a member archive: 404; anonymous: 401.
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: branch.id }] }));
    expect((await admin.get('/api/v1/points/me')).statusCode).toBe(404);
    expect((await env.anon.get('/api/v1/points/me/history')).statusCode).toBe(401);
    env.clock.set('2026-03-02T09:00:00+08:00');
  });
});
