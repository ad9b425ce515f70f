import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, multipart, PNG, type TestEnv } from '../../../test/harness.js';
import { members } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Org = { id: number; path: string; name: string };
const DEADLINE = '2026-03-10T18:00:00+08:00';

/** A mine (committee) with two branches, a secretary at the mine and members in each branch. */
async function mine() {
  const committee = await env.buildOrg({ kind: 'committee', name: '东山矿党委' });
  const a = await env.buildOrg({ parent: committee, name: '综采一队' });
  const b = await env.buildOrg({ parent: committee, name: '掘进一队' });
  const sender = await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] });
  const ma = [await env.buildMemberUser({ org: a, name: '甲' }), await env.buildMemberUser({ org: a, name: '乙' })];
  const mb = [await env.buildMemberUser({ org: b, name: '丙' })];
  const secA = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: a.id }] });
  return { committee, a, b, sender, ma, mb, secA, api: await env.as(sender) };
}

const notice = (orgId: number, audience: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  orgId,
  title: '关于开展安全生产大检查的通知',
  docNo: '矿党发〔2026〕12号',
  body: '各党支部：请于本月 10 日前完成自查。',
  audience,
  ...more,
});

async function publish(m: Awaited<ReturnType<typeof mine>>, audience: Record<string, unknown>, more: Record<string, unknown> = {}) {
  const res = await m.api.post('/api/v1/notices', notice(m.committee.id, audience, more));
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: number; recipients: number; read: number; signed: number }>(res);
}

const recipientIds = async (id: number) =>
  (await env.db.execute<{ user_id: number }>(sql`SELECT user_id FROM notice_recipients WHERE notice_id = ${id} ORDER BY user_id`)).rows.map(
    (r) => r.user_id,
  );

describe('audiences', () => {
  it('an org subtree: every account in it, nobody outside, written at publication', async () => {
    const m = await mine();
    const outsider = await env.buildMemberUser({ org: await env.buildOrg() });
    const n = await publish(m, { orgIds: [m.a.id] });
    expect(await recipientIds(n.id)).toEqual([...m.ma.map((x) => x.user.id), m.secA.id].sort((x, y) => x - y));
    expect(n.recipients).toBe(3);
    expect((await recipientIds(n.id)).includes(outsider.user.id)).toBe(false);
  });

  it('roles in the subtree, labels, and named people', async () => {
    const m = await mine();
    const byRole = await publish(m, { orgIds: [m.committee.id], roles: ['branch_secretary'] });
    expect(await recipientIds(byRole.id)).toEqual([m.secA.id]);
    await env.db
      .update(members)
      .set({ labels: ['党务工作者'] })
      .where(sql`${members.id} = ${m.mb[0].memberId}`);
    const byLabel = await publish(m, { labels: ['党务工作者'] });
    expect(await recipientIds(byLabel.id)).toEqual([m.mb[0].user.id]);
    const named = await publish(m, { userIds: [m.ma[1].user.id, m.mb[0].user.id] });
    expect(await recipientIds(named.id)).toEqual([m.ma[1].user.id, m.mb[0].user.id].sort((x, y) => x - y));
  });

  it('someone who joins the org after publication does not receive it; the next notice reaches them', async () => {
    const m = await mine();
    const before = await publish(m, { orgIds: [m.committee.id] });
    const joiner = await env.buildMemberUser({ org: m.a, name: '新人' });
    const after = await publish(m, { orgIds: [m.committee.id] });
    const mineList = json<{ items: { id: number }[] }>(await (await env.as(joiner.user)).get('/api/v1/me/notices'));
    expect(mineList.items.map((i) => i.id)).toEqual([after.id]);
    expect((await (await env.as(joiner.user)).get(`/api/v1/me/notices/${before.id}`)).statusCode).toBe(404);
  });

  it('bad input: empty audience, a deadline in the past, an org outside, a disallowed attachment — 400, nothing written', async () => {
    const m = await mine();
    const count = async () => (await env.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notices`)).rows[0].n;
    const before = await count();
    const empty = await m.api.post('/api/v1/notices', notice(m.committee.id, {}));
    expect(empty.statusCode).toBe(400);
    expect(json(empty).details).toEqual([expect.objectContaining({ path: 'audience' })]);
    const past = await m.api.post(
      '/api/v1/notices',
      notice(m.committee.id, { orgIds: [m.a.id] }, { requireSign: true, signDeadline: '2026-03-01T09:00:00+08:00' }),
    );
    expect(past.statusCode).toBe(400);
    expect(json(past).details).toEqual([expect.objectContaining({ path: 'signDeadline', message: '签收截止时间不能早于当前时间' })]);
    const outside = await m.api.post('/api/v1/notices', notice(m.committee.id, { orgIds: [(await env.buildOrg()).id] }));
    expect(outside.statusCode).toBe(400);
    const nobody = await m.api.post(
      '/api/v1/notices',
      notice(m.committee.id, { orgIds: [(await env.buildOrg({ parent: m.committee })).id] }),
    );
    expect(nobody.statusCode).toBe(400);
    expect(json(nobody).details).toEqual([expect.objectContaining({ path: 'audience' })]);
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(16)]);
    const up = await m.api.inject({ method: 'POST', url: '/api/v1/files', ...multipart('v.mp4', mp4, 'video/mp4') });
    expect(up.statusCode, up.body).toBe(200);
    const bad = await m.api.post(
      '/api/v1/notices',
      notice(m.committee.id, { orgIds: [m.a.id] }, { fileIds: [json<{ id: string }>(up).id] }),
    );
    expect(bad.statusCode).toBe(400);
    expect(json(bad).details).toEqual([expect.objectContaining({ path: 'fileIds', message: expect.stringContaining('附件类型不允许') })]);
    expect(await count()).toBe(before);
  });
});

describe('reading, 签收 and the sender’s counts', () => {
  it('open marks read, 签收 is idempotent, counts per branch equal the receipts, drill-down lists the unread', async () => {
    const m = await mine();
    const n = await publish(m, { orgIds: [m.committee.id] }, { requireSign: true, signDeadline: DEADLINE });
    const [p1, p2] = m.ma;
    const phone1 = await env.as(p1.user);
    expect(json(await phone1.get('/api/v1/me/notices/count'))).toEqual({ unread: 1, toSign: 1 });
    expect(json<{ readAt: string | null }>(await phone1.get(`/api/v1/me/notices/${n.id}`)).readAt).toBeNull();
    const read = json<{ readAt: string }>(await phone1.post(`/api/v1/me/notices/${n.id}/read`));
    expect(read.readAt).toBe(env.clock.now().toISOString());
    env.clock.advanceMinutes(5);
    const signed = json<{ signedAt: string }>(await phone1.post(`/api/v1/me/notices/${n.id}/sign`));
    env.clock.advanceMinutes(5);
    const again = await phone1.post(`/api/v1/me/notices/${n.id}/sign`);
    expect(again.statusCode).toBe(200);
    expect(json<{ signedAt: string }>(again).signedAt).toBe(signed.signedAt);
    await (await env.as(p2.user)).post(`/api/v1/me/notices/${n.id}/read`);
    expect(json(await phone1.get('/api/v1/me/notices/count'))).toEqual({ unread: 0, toSign: 0 });

    const receipts = (
      await env.db.execute<{ read: number; signed: number }>(sql`
      SELECT count(read_at)::int AS read, count(signed_at)::int AS signed FROM notice_recipients WHERE notice_id = ${n.id}`)
    ).rows[0];
    const detail = json<{ recipients: number; read: number; signed: number }>(await m.api.get(`/api/v1/notices/${n.id}`));
    expect(detail).toMatchObject({ recipients: 5, read: receipts.read, signed: receipts.signed });
    expect(receipts).toEqual({ read: 2, signed: 1 });
    const stats = json<{ total: unknown; rows: { orgId: number; recipients: number; read: number; signed: number }[] }>(
      await m.api.get(`/api/v1/notices/${n.id}/stats`),
    );
    // The sender's own account is at the committee itself (本级).
    expect(stats.rows.map((r) => [r.orgId, r.recipients, r.read, r.signed]).sort()).toEqual(
      [
        [m.a.id, 3, 2, 1],
        [m.b.id, 1, 0, 0],
        [m.committee.id, 1, 0, 0],
      ].sort(),
    );
    const unread = json<{ items: { userId: number }[]; total: number }>(
      await m.api.get(`/api/v1/notices/${n.id}/recipients?orgId=${m.a.id}&state=unread`),
    );
    expect(unread.items.map((r) => r.userId)).toEqual([m.secA.id]);
  });

  it('my list puts the unread first; a notice that needs no 签收 refuses one', async () => {
    const m = await mine();
    const first = await publish(m, { orgIds: [m.b.id] });
    const second = await publish(m, { orgIds: [m.b.id] });
    const phone = await env.as(m.mb[0].user);
    await phone.post(`/api/v1/me/notices/${second.id}/read`);
    const list = json<{ items: { id: number; readAt: string | null }[] }>(await phone.get('/api/v1/me/notices'));
    expect(list.items.map((i) => i.id)).toEqual([first.id, second.id]);
    const sign = await phone.post(`/api/v1/me/notices/${first.id}/sign`);
    expect(sign.statusCode).toBe(400);
  });

  it('remind: the unread get a message, at most once a China day', async () => {
    const m = await mine();
    const n = await publish(m, { orgIds: [m.a.id] });
    await (await env.as(m.ma[0].user)).post(`/api/v1/me/notices/${n.id}/read`);
    const r = await m.api.post(`/api/v1/notices/${n.id}/remind`);
    expect(json(r)).toEqual({ reminded: 2 });
    const todos = await env.db.execute<{ user_id: number }>(
      sql`SELECT user_id FROM todos WHERE source_key LIKE ${`notify:notice:${n.id}:remind:%`} ORDER BY user_id`,
    );
    expect(todos.rows.map((t) => t.user_id)).toEqual([m.ma[1].user.id, m.secA.id].sort((x, y) => x - y));
    expect((await m.api.post(`/api/v1/notices/${n.id}/remind`)).statusCode).toBe(409);
    env.clock.advance(86_400_000);
    const tomorrow = await env.as(m.sender);
    expect((await tomorrow.post(`/api/v1/notices/${n.id}/remind`)).statusCode).toBe(200);
  });

  it('withdraw: recipients no longer see it, their messages close; a second withdraw is 409', async () => {
    const m = await mine();
    const n = await publish(m, { orgIds: [m.b.id] });
    const phone = await env.as(m.mb[0].user);
    expect(json<{ total: number }>(await phone.get('/api/v1/me/notices')).total).toBe(1);
    const w = await m.api.post(`/api/v1/notices/${n.id}/withdraw`);
    expect(json<{ status: string }>(w).status).toBe('withdrawn');
    expect(json<{ total: number }>(await phone.get('/api/v1/me/notices')).total).toBe(0);
    expect((await phone.get(`/api/v1/me/notices/${n.id}`)).statusCode).toBe(404);
    const open = await env.db.execute(sql`SELECT 1 FROM todos WHERE source_key LIKE ${`notify:notice:${n.id}:%`} AND done_at IS NULL`);
    expect(open.rows).toEqual([]);
    expect((await m.api.post(`/api/v1/notices/${n.id}/withdraw`)).statusCode).toBe(409);
  });

  it('an attachment: recipients download it; of an 内部 notice, others who can see the org cannot', async () => {
    const m = await mine();
    const up = json<{ id: string }>(await m.api.inject({ method: 'POST', url: '/api/v1/files', ...multipart('a.png', PNG, 'image/png') }));
    const n = await publish(m, { orgIds: [m.a.id] }, { internal: true, fileIds: [up.id] });
    expect(json<{ files: { id: string }[] }>(await m.api.get(`/api/v1/notices/${n.id}`)).files.map((f) => f.id)).toEqual([up.id]);
    expect((await (await env.as(m.ma[0].user)).get(`/api/v1/files/${up.id}`)).statusCode).toBe(200);
    expect((await (await env.as(m.mb[0].user)).get(`/api/v1/files/${up.id}`)).statusCode).toBe(404);
  });
});

describe('calendar', () => {
  it('a 签收 deadline is on the recipient’s calendar until signed', async () => {
    const m = await mine();
    const n = await publish(m, { orgIds: [m.b.id] }, { requireSign: true, signDeadline: DEADLINE });
    const phone = await env.as(m.mb[0].user);
    const events = async () =>
      json<{ items: { uid: string; day: string }[] }>(await phone.get('/api/v1/calendar/events?from=2026-03-01&to=2026-03-31')).items;
    expect((await events()).filter((e) => e.uid === `notice-${n.id}@vanguard`)).toEqual([expect.objectContaining({ day: '2026-03-10' })]);
    await phone.post(`/api/v1/me/notices/${n.id}/sign`);
    expect((await events()).filter((e) => e.uid.startsWith('notice-'))).toEqual([]);
  });
});

async function aNotice(e: TestEnv, org: { id: number; path: string }) {
  const committee = (
    await e.db.execute<{ id: number; path: string; name: string }>(sql`SELECT id, path, name FROM orgs WHERE id = ${org.id}`)
  ).rows[0] as Org;
  const member = await e.buildMemberUser({ org: committee });
  const sender = await e.buildUser({ roles: [{ role: 'branch_secretary', orgId: org.id }] });
  const res = await (await e.as(sender)).post('/api/v1/notices', notice(org.id, { orgIds: [org.id] }, { requireSign: true }));
  expect(res.statusCode, res.body).toBe(201);
  return { id: json<{ id: number }>(res).id, member };
}
const noticeRow = (e: TestEnv, r: { id: number }) =>
  e.db
    .execute(
      sql`SELECT n.status, n.reminded_on, (SELECT count(read_at) FROM notice_recipients WHERE notice_id = n.id) FROM notices n WHERE n.id = ${r.id}`,
    )
    .then((x) => x.rows);

describe('authz matrix', () => {
  for (const [method, suffix] of [
    ['GET', ''],
    ['GET', '/stats'],
    ['GET', '/recipients'],
    ['POST', '/remind'],
    ['POST', '/withdraw'],
  ] as const) {
    describe(`${method} /api/v1/notices/:id${suffix}`, () => {
      authzMatrix(() => env, {
        role: 'branch_secretary',
        makeRecord: aNotice,
        request: (r) => ({ method, url: `/api/v1/notices/${r.id}${suffix}` }),
        snapshot: method === 'POST' ? noticeRow : undefined,
      });
    });
  }
  it('the recipient routes: another person’s notice is 404 and nothing changes', async () => {
    const branch = await env.buildOrg();
    const { id } = await aNotice(env, branch);
    const stranger = await env.buildMemberUser({ org: await env.buildOrg() });
    const api = await env.as(stranger.user);
    for (const url of [`/api/v1/me/notices/${id}`]) expect((await api.get(url)).statusCode).toBe(404);
    for (const url of [`/api/v1/me/notices/${id}/read`, `/api/v1/me/notices/${id}/sign`])
      expect((await api.post(url)).statusCode).toBe(404);
    expect((await env.db.execute(sql`SELECT 1 FROM notice_recipients WHERE notice_id = ${id} AND read_at IS NOT NULL`)).rows).toEqual([]);
    expect((await env.anon.get('/api/v1/me/notices')).statusCode).toBe(401);
  });
  it('the list and publish: a member is 403; the list holds only notices of orgs in scope', async () => {
    const branch = await env.buildOrg();
    const { id, member } = await aNotice(env, branch);
    const api = await env.as(member.user);
    expect((await api.get('/api/v1/notices')).statusCode).toBe(403);
    expect((await api.post('/api/v1/notices', notice(branch.id, { orgIds: [branch.id] }))).statusCode).toBe(403);
    const other = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: (await env.buildOrg()).id }] });
    const list = json<{ items: { id: number }[] }>(await (await env.as(other)).get('/api/v1/notices'));
    expect(list.items.some((i) => i.id === id)).toBe(false);
    const otherPublish = await (await env.as(other)).post('/api/v1/notices', notice(branch.id, { orgIds: [branch.id] }));
    expect(otherPublish.statusCode).toBe(404);
  });
});

describe('a branch secretary sees the notices that reached the branch', () => {
  it('with the branch’s own counts only; another branch’s secretary 404', async () => {
    const m = await mine();
    const n = await publish(m, { orgIds: [m.committee.id] });
    await (await env.as(m.ma[0].user)).post(`/api/v1/me/notices/${n.id}/read`);
    const sec = await env.as(m.secA);
    const res = await sec.get(`/api/v1/notices/received?orgId=${m.a.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ items: unknown[] }>(res).items).toEqual([expect.objectContaining({ id: n.id, recipients: 3, read: 1 })]);
    // The notice itself stays the publisher's.
    expect((await sec.get(`/api/v1/notices/${n.id}`)).statusCode).toBe(404);
    expect((await sec.get(`/api/v1/notices/received?orgId=${m.b.id}`)).statusCode).toBe(404);
    const member = await env.as(m.ma[1].user);
    expect((await member.get(`/api/v1/notices/received?orgId=${m.a.id}`)).statusCode).toBe(403);
  });
});
