import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, files, meetingSignins, meetings, memberLifeDates, todos } from '../../db/schema/index.js';
import { buildMemberUser, fresh, meetingRow } from './life.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Err = { message: string; details?: { path: string; message: string }[] };
type Detail = {
  id: number;
  status: string;
  attendance: {
    expected: number;
    present: number;
    leave: number;
    absent: number;
    excluded: number;
    people: { memberId: number; name: string; status: string; reason: string | null }[];
  };
  history: { kind: string }[];
  files: { id: string; kind: string }[];
};
const START = '2026-03-10T09:00:00+08:00';

async function setup() {
  env.clock.set('2026-03-02T09:00:00+08:00');
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading', name: '五矿党委' });
  const branch = await env.buildOrg({ parent: committee, name: '综采队党支部' });
  const group = await env.buildOrg({ parent: branch, kind: 'group', name: '早班党小组' });
  const wang = await buildMemberUser(env, group, { name: '王强' });
  const li = await buildMemberUser(env, branch, { name: '李娜' });
  const zhao = await env.buildMember({ org: branch, name: '赵敏', category: 'probationary' });
  const secUser = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
  const secretary = fresh(env, secUser);
  return { committee, branch, group, wang, li, zhao, secretary, secUser };
}

async function plan(s: Awaited<ReturnType<typeof setup>>, over: Record<string, unknown> = {}) {
  const res = await s.secretary.post('/api/v1/life/meetings', {
    orgId: s.branch.id,
    // A 主题党日 invites every member (a 支委会 the committee only: issue 24 item 7).
    type: 'theme_day',
    topic: '研究三月份安全生产和党建工作',
    startsAt: START,
    place: '综采队三楼会议室',
    invite: { kind: 'members' },
    ...over,
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<Detail>(res);
}

describe('planning', () => {
  it('invites the branch (its 党小组 included), puts a to-do on the phones, audits', async () => {
    const s = await setup();
    const m = await plan(s);
    expect(m.attendance.expected).toBe(3);
    expect(m.attendance.people.map((p) => p.status)).toEqual(['pending', 'pending', 'pending']);
    const t = await env.db.select().from(todos).where(eq(todos.userId, s.wang.user.id));
    expect(t.map((x) => x.title)).toEqual(['参加主题党日：研究三月份安全生产和党建工作']);
    expect(t[0].link).toBe(`/m/life/meetings/${m.id}`);
    const a = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'meeting.plan'), eq(auditLog.entityId, String(m.id))));
    expect(a).toHaveLength(1);
  });

  it('a 支委会 invites its committee only; a 党小组会 is the group’s, for its members', async () => {
    const s = await setup();
    const base = { startsAt: START, place: '会议室', topic: '例会' };
    const r1 = await s.secretary.post('/api/v1/life/meetings', {
      ...base,
      orgId: s.branch.id,
      type: 'committee',
      invite: { kind: 'members' },
    });
    expect(r1.statusCode).toBe(400);
    expect(json<Err>(r1).details?.[0].path).toBe('invite.kind');
    const r2 = await s.secretary.post('/api/v1/life/meetings', { ...base, orgId: s.branch.id, type: 'group', invite: { kind: 'members' } });
    expect(json<Err>(r2).details?.[0].path).toBe('orgId');
    const ok = await s.secretary.post('/api/v1/life/meetings', { ...base, orgId: s.group.id, type: 'group', invite: { kind: 'members' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<Detail>(ok).attendance.people.map((p) => p.name)).toEqual(['王强']);
    expect(await env.db.select().from(meetings).where(eq(meetings.orgId, s.branch.id))).toHaveLength(0);
  });

  it('refuses a committee invitation when the branch has no committee, and a joint meeting of one org', async () => {
    const s = await setup();
    const r1 = await s.secretary.post('/api/v1/life/meetings', {
      orgId: s.branch.id,
      type: 'committee',
      topic: '支委会',
      startsAt: START,
      place: '会议室',
      invite: { kind: 'committee' },
    });
    expect(r1.statusCode).toBe(400);
    expect(json<Err>(r1).details?.[0].path).toBe('invite.kind');
    const r2 = await s.secretary.post('/api/v1/life/meetings', {
      orgId: s.branch.id,
      type: 'joint',
      topic: '联席会',
      startsAt: START,
      place: '会议室',
      invite: { kind: 'members' },
    });
    expect(json<Err>(r2).message).toBe('联席会议请选择多个参会组织');
  });

  it('reschedules and cancels, keeping history', async () => {
    const s = await setup();
    const m = await plan(s);
    const r = await s.secretary.post(`/api/v1/life/meetings/${m.id}/reschedule`, {
      startsAt: '2026-03-11T15:00:00+08:00',
      reason: '与调度会冲突',
    });
    expect(r.statusCode, r.body).toBe(200);
    const c = await s.secretary.post(`/api/v1/life/meetings/${m.id}/cancel`, { reason: '上级临时安排' });
    expect(json<Detail>(c).status).toBe('cancelled');
    expect(json<Detail>(c).history.map((h) => h.kind)).toEqual(['planned', 'rescheduled', 'cancelled']);
    const again = await s.secretary.post(`/api/v1/life/meetings/${m.id}/cancel`, { reason: '再次' });
    expect(again.statusCode).toBe(409);
  });
});

describe('sign-in', () => {
  it('by numeric code in the window; a second sign-in is refused, a replay is idempotent; last life date kept', async () => {
    const s = await setup();
    const m = await plan(s);
    env.clock.set('2026-03-10T08:30:00+08:00');
    const early = json<{ open: boolean; message: string }>(await s.secretary.get(`/api/v1/life/meetings/${m.id}/sign-in-code`));
    expect(early).toMatchObject({ open: false, message: '签到尚未开始：签到时间为 08:40–09:20' });
    env.clock.set('2026-03-10T08:55:00+08:00');
    const code = json<{ open: boolean; code: string; token: string; qrSvg: string }>(
      await s.secretary.get(`/api/v1/life/meetings/${m.id}/sign-in-code`),
    );
    expect(code.open).toBe(true);
    expect(code.code).toMatch(/^\d{6}$/);
    expect(code.qrSvg).toContain('<svg');

    const ok = await s.wang.api.post('/api/v1/life/sign-in', { code: code.code, clientId: 'phone-attempt-1' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ meetingId: m.id, method: 'code', replay: false });
    const replay = await s.wang.api.post('/api/v1/life/sign-in', { code: code.code, clientId: 'phone-attempt-1' });
    expect(json(replay)).toMatchObject({ replay: true });
    const second = await s.wang.api.post('/api/v1/life/sign-in', { token: code.token, clientId: 'phone-attempt-2' });
    expect(second.statusCode).toBe(409);
    expect(json<Err>(second).message).toBe('您已于 2026-03-10 08:55 签到，无需重复签到');
    expect(await env.db.select().from(meetingSignins).where(eq(meetingSignins.meetingId, m.id))).toHaveLength(1);
    const [life] = await env.db.select().from(memberLifeDates).where(eq(memberLifeDates.memberId, s.wang.memberId));
    expect(life.lastLifeOn).toBe('2026-03-10');
  });

  it('sign-ins arriving together are committed in batches: one row and one audit row each, none lost, replays idempotent', async () => {
    const s = await setup();
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => buildMemberUser(env, s.branch, { name: `党员${i}` })));
    const m = await plan(s);
    env.clock.set('2026-03-10T09:01:00+08:00');
    const { code, token } = json<{ code: string; token: string }>(await s.secretary.get(`/api/v1/life/meetings/${m.id}/sign-in-code`));
    // All at once, each twice with the same clientId (a double tap) and person 0 also with another attempt.
    const attempts = people.flatMap((p, i) => [
      () => p.api.post('/api/v1/life/sign-in', { code, clientId: `batch-attempt-${i}` }),
      () => p.api.post('/api/v1/life/sign-in', { token, clientId: `batch-attempt-${i}` }),
    ]);
    attempts.push(() => people[0].api.post('/api/v1/life/sign-in', { code, clientId: 'batch-attempt-0-other' }));
    const res = await Promise.all(attempts.map((a) => a()));
    const codes = res.map((r) => r.statusCode);
    // Person 0's two attempts race: exactly one of them wins (both taps of the winner answer 200).
    expect(codes.slice(2, 24).every((c) => c === 200)).toBe(true);
    expect([...codes.slice(0, 2), codes[24]].sort()).toEqual(codes[24] === 200 ? [200, 409, 409] : [200, 200, 409]);
    const rows = await env.db.select().from(meetingSignins).where(eq(meetingSignins.meetingId, m.id));
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.memberId !== people[0].memberId).map((r) => r.clientId)).toEqual(
      expect.arrayContaining(people.slice(1).map((_, i) => `batch-attempt-${i + 1}`)),
    );
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'meeting.sign-in'), eq(auditLog.entityId, String(m.id))));
    expect(audits).toHaveLength(12);
    expect(new Set(audits.map((a) => (a.after as { memberId: number }).memberId))).toEqual(new Set(people.map((p) => p.memberId)));
    // Each audit row carries the signing member's own account.
    expect(new Set(audits.map((a) => a.actorId))).toEqual(new Set(people.map((p) => p.user.id)));
  });

  it('refuses forged, expired and out-of-window tokens and a wrong code, changing nothing', async () => {
    const s = await setup();
    const m = await plan(s);
    env.clock.set('2026-03-10T08:50:00+08:00');
    const { token } = json<{ token: string }>(await s.secretary.get(`/api/v1/life/meetings/${m.id}/sign-in-code`));
    const [id, slot] = token.split('.');
    const forged = await s.li.api.post('/api/v1/life/sign-in', {
      token: `${id}.${slot}.AAAAAAAAAAAAAAAAAAAAAA`,
      clientId: 'phone-attempt-x',
    });
    expect(json<Err>(forged).message).toBe('签到二维码无效，请扫描会场屏幕上的二维码');
    const wrong = await s.li.api.post('/api/v1/life/sign-in', { code: '000000', clientId: 'phone-attempt-y' });
    expect(wrong.statusCode).toBe(400);
    expect(json<Err>(wrong).details?.[0].path).toBe('code');
    env.clock.set('2026-03-10T08:55:00+08:00');
    const expired = await s.li.api.post('/api/v1/life/sign-in', { token, clientId: 'phone-attempt-w' });
    expect(json<Err>(expired).message).toBe('签到码已过期，请重新扫码或输入屏幕上最新的签到码');
    env.clock.set('2026-03-10T09:19:30+08:00');
    const last = json<{ token: string }>(await s.secretary.get(`/api/v1/life/meetings/${m.id}/sign-in-code`)).token;
    env.clock.set('2026-03-10T09:20:30+08:00');
    const late = await s.li.api.post('/api/v1/life/sign-in', { token: last, clientId: 'phone-attempt-z' });
    expect(json<Err>(late).message).toBe('签到已结束：签到时间为 08:40–09:20');
    expect(await env.db.select().from(meetingSignins).where(eq(meetingSignins.meetingId, m.id))).toHaveLength(0);
  });

  it('accepts a queued offline sign-in later if the token was valid when scanned', async () => {
    const s = await setup();
    const m = await plan(s);
    env.clock.set('2026-03-10T09:05:00+08:00');
    const { token } = json<{ token: string }>(await s.secretary.get(`/api/v1/life/meetings/${m.id}/sign-in-code`));
    env.clock.set('2026-03-10T13:00:00+08:00'); // back above ground
    const ok = await s.li.api.post('/api/v1/life/sign-in', { token, scannedAt: '2026-03-10T09:05:20+08:00', clientId: 'queued-1' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ method: 'offline', signedAt: '2026-03-10T01:05:20.000Z' });
    const stale = await s.wang.api.post('/api/v1/life/sign-in', { token, scannedAt: '2026-03-10T09:15:00+08:00', clientId: 'queued-2' });
    expect(json<Err>(stale).message).toBe('签到码已过期，请重新扫码或输入屏幕上最新的签到码');
  });

  it('a member not invited is told so', async () => {
    const s = await setup();
    const m = await plan(s, { invite: { kind: 'people', memberIds: [s.li.memberId] } });
    env.clock.set(START);
    const { token } = json<{ token: string }>(await s.secretary.get(`/api/v1/life/meetings/${m.id}/sign-in-code`));
    const res = await s.wang.api.post('/api/v1/life/sign-in', { token, clientId: 'phone-attempt-q' });
    expect(json<Err>(res).message).toBe('您不在本次会议的参会名单中，如需参加请联系支部书记');
  });
});

describe('leave, attendance, minutes, files, publish', () => {
  it('runs a meeting end to end', async () => {
    const s = await setup();
    const m = await plan(s);
    // Leave before the meeting, approved.
    const ask = await s.li.api.post(`/api/v1/life/my/meetings/${m.id}/leave`, { reason: '井下跟班' });
    expect(ask.statusCode, ask.body).toBe(200);
    const pending = json<{ id: number; name: string }[]>(await s.secretary.get('/api/v1/life/leaves'));
    expect(pending.map((p) => p.name)).toEqual(['李娜']);
    const dec = await s.secretary.post(`/api/v1/life/leaves/${pending[0].id}/decision`, { approve: true });
    expect(dec.statusCode, dec.body).toBe(200);
    // Minutes refused before the start.
    const early = await s.secretary.inject({ method: 'PUT', url: `/api/v1/life/meetings/${m.id}/minutes`, payload: { minutes: '内容' } });
    expect(json<Err>(early).message).toBe('会议尚未召开（2026-03-10 09:00 开始），不能填写会议记录');
    expect((await meetingRow(env, m.id)).minutesAt).toBeNull();
    // Wang signs in by hand (phone broken); the probationary member is absent with a reason.
    env.clock.set('2026-03-10T09:10:00+08:00');
    const man = await s.secretary.post(`/api/v1/life/meetings/${m.id}/attendance`, {
      memberId: s.wang.memberId,
      status: 'present',
      reason: '手机故障，现场登记',
    });
    expect(man.statusCode, man.body).toBe(200);
    const abs = await s.secretary.post(`/api/v1/life/meetings/${m.id}/attendance`, {
      memberId: s.zhao.id,
      status: 'absent',
      reason: '倒班',
    });
    const att = json<Detail>(abs).attendance;
    expect(att).toMatchObject({ expected: 3, present: 1, leave: 1, absent: 1 });
    expect(att.people.find((p) => p.memberId === s.zhao.id)?.reason).toBe('倒班');
    const noReason = await s.secretary.post(`/api/v1/life/meetings/${m.id}/attendance`, { memberId: s.zhao.id, status: 'present' });
    expect(json<Err>(noReason).details?.[0]).toEqual({ path: 'reason', message: '请填写原因' });
    // Minutes, a photo, publish.
    const min = await s.secretary.inject({
      method: 'PUT',
      url: `/api/v1/life/meetings/${m.id}/minutes`,
      payload: { minutes: '传达上级精神，研究安全生产。', resolutions: '一、加强顶板管理。' },
    });
    expect(json<Detail>(min).status).toBe('held');
    const [file] = await env.db
      .insert(files)
      .values({
        id: crypto.randomUUID(),
        orgId: s.branch.id,
        ownerId: s.secUser.id,
        name: '会场.jpg',
        mime: 'image/jpeg',
        size: 10,
        sha256: 'x',
        storageKey: 'k',
      })
      .returning();
    const ph = await s.secretary.post(`/api/v1/life/meetings/${m.id}/files`, { fileId: file.id, kind: 'photo' });
    expect(json<Detail>(ph).files.map((f) => f.kind)).toEqual(['photo']);
    const pub = await s.secretary.post(`/api/v1/life/meetings/${m.id}/publish`);
    expect(json<Detail>(pub).status).toBe('published');
    // The attendee reads the minutes; the one on leave does not.
    const wangView = json<{ minutesVisible: boolean; minutes: string }>(await s.wang.api.get(`/api/v1/life/my/meetings/${m.id}`));
    expect(wangView).toMatchObject({ minutesVisible: true, minutes: '传达上级精神，研究安全生产。' });
    const liView = json<{ minutesVisible: boolean; minutesNote: string; leave: { status: string } }>(
      await s.li.api.get(`/api/v1/life/my/meetings/${m.id}`),
    );
    expect(liView).toMatchObject({ minutesVisible: false, minutesNote: '会议记录仅对出席的党员开放', leave: { status: 'approved' } });
    const audits = await env.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, String(m.id)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['meeting.attendance', 'meeting.minutes', 'meeting.publish', 'meeting.file.attach']),
    );
  });

  it('lists my upcoming meetings on the phone', async () => {
    const s = await setup();
    const m = await plan(s);
    const mine = json<{ id: number; typeName: string }[]>(await s.wang.api.get('/api/v1/life/my/meetings'));
    expect(mine.map((x) => [x.id, x.typeName])).toContainEqual([m.id, '主题党日']);
  });
});
