import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { memberStatusHistory, members, todos } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

async function setup() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: committee });
  const other = await env.buildOrg({ parent: committee });
  const secUser = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
  const m = await env.buildMember({ org: branch, name: '赵铁柱' });
  const memberUser = await env.linkLogin(m.id, branch.id);
  await env.db.update(members).set({ post: '支架工' }).where(eq(members.id, m.id));
  return { branch, other, secretary: await env.as(secUser), secUser, me: await env.as(memberUser), memberId: m.id };
}

type Correction = { id: number; status: string; current: Record<string, unknown>; memberName: string };

describe('corrections from the member', () => {
  it('我的档案 shows my own record; a worker without one gets 404', async () => {
    const { me, memberId } = await setup();
    const rec = json<{ id: number; name: string }>(await me.get('/api/v1/me/member'));
    expect(rec).toMatchObject({ id: memberId, name: '赵铁柱' });
    const stranger = await env.as(await env.buildUser({ roles: [{ role: 'worker', orgId: (await env.buildOrg()).id }] }));
    expect((await stranger.get('/api/v1/me/member')).statusCode).toBe(404);
  });

  it('request → to-do for the secretary → approve applies the change with history, audit and a notice', async () => {
    const { me, secretary, secUser, memberId } = await setup();
    const req = await me.post('/api/v1/me/member/corrections', { changes: { post: '采煤机司机' }, reason: '岗位已调整' });
    expect(req.statusCode, req.body).toBe(200);
    const { id } = json<{ id: number }>(req);
    expect((await me.post('/api/v1/me/member/corrections', { changes: { post: 'x' }, reason: '再次申请' })).statusCode).toBe(409);

    const secTodos = await env.db.select().from(todos).where(eq(todos.userId, secUser.id));
    expect(secTodos.map((t) => t.title)).toContain('赵铁柱 申请更正党员档案');
    const pending = json<Correction[]>(await secretary.get('/api/v1/member-corrections'));
    expect(pending.find((c) => c.id === id)).toMatchObject({ memberName: '赵铁柱', current: { post: '支架工' } });

    const ok = await secretary.post(`/api/v1/member-corrections/${id}/decision`, { decision: 'approve' });
    expect(ok.statusCode, ok.body).toBe(204);
    const [row] = await env.db.select().from(members).where(eq(members.id, memberId));
    expect(row.post).toBe('采煤机司机');
    expect((await secretary.post(`/api/v1/member-corrections/${id}/decision`, { decision: 'approve' })).statusCode).toBe(409);
    const mine = json<{ status: string }[]>(await me.get('/api/v1/me/member/corrections'));
    expect(mine[0].status).toBe('approved');
    expect((await env.db.select().from(todos).where(eq(todos.userId, secUser.id))).every((t) => t.doneAt)).toBe(true);
  });

  it('a requested new phone is stored encrypted, masked for the member, applied in clear on approval', async () => {
    const { me, secretary, memberId } = await setup();
    const res = await me.post('/api/v1/me/member/corrections', { changes: { phone: '13912345678' }, reason: '换了号码' });
    expect(json<{ changes: { phone: string } }>(res).changes.phone).toBe('139****5678');
    const { id } = json<{ id: number }>(res);
    const raw = (await env.db.execute<{ changes: { phone: string } }>(sql`SELECT changes FROM member_corrections WHERE id = ${id}`))
      .rows[0];
    expect(raw.changes.phone).not.toContain('13912345678');
    const list = json<{ id: number; changes: { phone: string } }[]>(await secretary.get('/api/v1/member-corrections'));
    expect(list.find((c) => c.id === id)?.changes.phone).toBe('13912345678');
    const ok = await secretary.post(`/api/v1/member-corrections/${id}/decision`, { decision: 'approve' });
    expect(ok.statusCode, ok.body).toBe(204);
    const [row] = await env.db.select().from(members).where(eq(members.id, memberId));
    expect(env.ciphers.members.decrypt(row.phoneEnc ?? '')).toBe('13912345678');
    expect(row.phoneBi).toBe(env.ciphers.members.blindIndex('13912345678'));
  });

  it('reject needs a reason and changes nothing', async () => {
    const { me, secretary, memberId } = await setup();
    const { id } = json<{ id: number }>(
      await me.post('/api/v1/me/member/corrections', { changes: { name: '赵铁锤' }, reason: '户口本姓名' }),
    );
    expect((await secretary.post(`/api/v1/member-corrections/${id}/decision`, { decision: 'reject' })).statusCode).toBe(400);
    expect(
      (await secretary.post(`/api/v1/member-corrections/${id}/decision`, { decision: 'reject', note: '请提供户籍证明' })).statusCode,
    ).toBe(204);
    const [row] = await env.db.select().from(members).where(eq(members.id, memberId));
    expect(row.name).toBe('赵铁柱');
    expect(await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, memberId))).toHaveLength(0);
  });

  it('only whitelisted fields; another branch’s secretary gets 404 and nothing changes', async () => {
    const { me, other, memberId } = await setup();
    expect((await me.post('/api/v1/me/member/corrections', { changes: { category: 'full' }, reason: '想改类别' })).statusCode).toBe(400);
    const { id } = json<{ id: number }>(
      await me.post('/api/v1/me/member/corrections', { changes: { nativePlace: '山西晋城' }, reason: '籍贯有误' }),
    );
    const otherSec = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: other.id }] }));
    expect((await otherSec.post(`/api/v1/member-corrections/${id}/decision`, { decision: 'approve' })).statusCode).toBe(404);
    expect(json<Correction[]>(await otherSec.get('/api/v1/member-corrections')).map((c) => c.id)).not.toContain(id);
    const [row] = await env.db.select().from(members).where(eq(members.id, memberId));
    expect(row.nativePlace).toBeNull();
  });
});
