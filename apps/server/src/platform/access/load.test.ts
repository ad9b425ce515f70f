import type { Role } from '@vanguard/shared';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { meetingOrgs, meetings, members, orgs } from '../../db/schema/index.js';
import type { ActorCtx } from '../context.js';
import { loadGrants } from './actor.js';
import { findMyMember, gate, loadFor, loadOwn, myMember, myRecords, NO_MEMBER_RECORD, orgFor } from './load.js';
import { assertCan } from './scope.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Org = { id: number; path: string; name: string };

/** The tree every case uses: a committee with two branches. */
async function tree() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const own = await env.buildOrg({ parent: committee });
  const other = await env.buildOrg({ parent: committee });
  return { committee, own, other };
}

async function ctxOf(roles: { role: Role; org: Org }[]): Promise<ActorCtx> {
  const u = await env.buildUser({ roles: roles.map((r) => ({ role: r.role, orgId: r.org.id })) });
  const grants = await loadGrants(env.db, u.id);
  return {
    db: env.db,
    actor: { userId: u.id, username: u.username, displayName: u.username, orgId: null, orgName: null, mfaEnabled: false, grants },
    now: () => env.clock.now(),
    log: env.app.log,
    requestId: 'test',
    ip: null,
    ciphers: env.ciphers,
  };
}

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? 500,
  );

const MEMBER = gate(members, members.orgPath, '该党员');

describe('loadFor', () => {
  it('gives the row in scope, 403 where visible without the permission, 404 outside (or missing)', async () => {
    const { committee, own, other } = await tree();
    const m = await env.buildMember({ org: own });
    const secretary = await ctxOf([{ role: 'branch_secretary', org: own }]);
    expect((await loadFor(secretary, MEMBER, m.id, 'members:write')).id).toBe(m.id);
    expect(await status(loadFor(await ctxOf([{ role: 'member', org: own }]), MEMBER, m.id, 'members:write'))).toBe(403);
    expect(await status(loadFor(await ctxOf([{ role: 'branch_secretary', org: other }]), MEMBER, m.id, 'members:read'))).toBe(404);
    expect(await status(loadFor(secretary, MEMBER, 999_999, 'members:read'))).toBe(404);
    expect(await status(loadFor(await ctxOf([{ role: 'branch_secretary', org: committee }]), MEMBER, m.id, 'members:write'))).toBe(200);
    // null: merely visible
    expect(await status(loadFor(await ctxOf([{ role: 'member', org: own }]), MEMBER, m.id, null))).toBe(200);
  });

  it('names the missing record and, given the field, the field', async () => {
    const { own, other } = await tree();
    const m = await env.buildMember({ org: own });
    const e = await loadFor(await ctxOf([{ role: 'branch_secretary', org: other }]), MEMBER, m.id, 'members:read', {
      field: 'memberId',
    }).catch((x) => x);
    expect(e.message).toBe('未找到该党员');
    expect(e.details).toEqual([{ path: 'memberId', message: '未找到该党员' }]);
  });

  it('applies a further condition and locks inside a transaction', async () => {
    const { own } = await tree();
    const m = await env.buildMember({ org: own });
    const ctx = await ctxOf([{ role: 'branch_secretary', org: own }]);
    expect(await status(loadFor(ctx, MEMBER, m.id, 'members:read', { where: sql`false` }))).toBe(404);
    const row = await env.db.transaction((tx) => loadFor(ctx, MEMBER, m.id, 'members:write', { db: tx, lock: true }));
    expect(row.id).toBe(m.id);
  });

  it('a record held by several orgs is in scope where any one of them is', async () => {
    const { own, other } = await tree();
    const [meeting] = await env.db
      .insert(meetings)
      .values({
        orgId: own.id,
        orgPath: own.path,
        type: 'joint',
        topic: '联席',
        startsAt: env.clock.now(),
        place: '会议室',
        invite: {},
        signKey: 'k',
      })
      .returning();
    await env.db.insert(meetingOrgs).values([
      { meetingId: meeting.id, orgId: own.id, orgPath: own.path },
      { meetingId: meeting.id, orgId: other.id, orgPath: other.path },
    ]);
    const MEETING = gate(meetings, meetings.orgPath, '该会议', {
      paths: sql`ARRAY(SELECT ${meetingOrgs.orgPath} FROM ${meetingOrgs} WHERE ${meetingOrgs.meetingId} = ${meetings.id})`,
    });
    const otherSecretary = await ctxOf([{ role: 'branch_secretary', org: other }]);
    expect((await loadFor(otherSecretary, MEETING, meeting.id, 'life:manage')).id).toBe(meeting.id);
    const stranger = await env.buildOrg();
    expect(await status(loadFor(await ctxOf([{ role: 'branch_secretary', org: stranger }]), MEETING, meeting.id, 'life:manage'))).toBe(404);
  });
});

describe('orgFor', () => {
  it('a live org in scope for the permission, prepared or in a transaction alike', async () => {
    const { own, other } = await tree();
    const ctx = await ctxOf([{ role: 'branch_secretary', org: own }]);
    expect((await orgFor(ctx, own.id, 'members:write')).id).toBe(own.id);
    expect((await env.db.transaction((tx) => orgFor(ctx, own.id, 'members:write', { db: tx, lock: true }))).id).toBe(own.id);
    expect(await status(orgFor(ctx, other.id, 'members:read'))).toBe(404);
    expect(await status(env.db.transaction((tx) => orgFor(ctx, other.id, 'members:read', { db: tx })))).toBe(404);
    expect(await status(orgFor(await ctxOf([{ role: 'member', org: own }]), own.id, 'members:write'))).toBe(403);
    expect(await status(orgFor(ctx, own.id, 'members:write', { db: env.db, what: '该支部' }))).toBe(200);
  });

  it('a dissolved org is not there unless asked for', async () => {
    const { own } = await tree();
    const ctx = await ctxOf([{ role: 'branch_secretary', org: own }]);
    await env.db.update(orgs).set({ dissolvedAt: env.clock.now() }).where(eq(orgs.id, own.id));
    expect(await status(orgFor(ctx, own.id, 'members:read'))).toBe(404);
    await expect(env.db.transaction((tx) => orgFor(ctx, own.id, 'members:read', { db: tx }))).rejects.toThrow('未找到该组织');
    expect((await orgFor(ctx, own.id, 'members:read', { dissolved: true })).id).toBe(own.id);
  });
});

describe('myMember', () => {
  it("the actor's own record; none (a worker) → one clear 404", async () => {
    const { own } = await tree();
    const { memberId, user } = await env.buildMemberUser({ org: own });
    const grants = await loadGrants(env.db, user.id);
    const base = await ctxOf([]);
    const mine = { ...base, actor: { ...base.actor, userId: user.id, grants } };
    expect((await myMember(mine)).id).toBe(memberId);
    const e = await myMember(base).catch((x) => x);
    expect([e.status, e.message]).toEqual([404, `未找到${NO_MEMBER_RECORD}`]);
    await env.db
      .update(members)
      .set({ status: 'transferred_out' } as never)
      .where(eq(members.id, memberId));
    expect(await findMyMember(mine)).toBeUndefined();
    expect((await myMember(mine, { anyStatus: true })).id).toBe(memberId);
  });
});

describe('loadOwn and myRecords', () => {
  it('a record one takes part in: the policy names the part; none, or no part → 404', async () => {
    const { own } = await tree();
    const { memberId, user } = await env.buildMemberUser({ org: own });
    const base = await ctxOf([]);
    const mine = { ...base, actor: { ...base.actor, userId: user.id, grants: await loadGrants(env.db, user.id) } };
    const records = await myRecords(mine);
    expect(records).toEqual({ memberIds: [memberId], workerIds: [] });
    const part = (m: { id: number }) => (records.memberIds.includes(m.id) ? ('self' as const) : null);
    expect(await loadOwn(mine, MEMBER, memberId, part)).toMatchObject({ part: 'self', row: { id: memberId } });
    const other = await env.buildMember({ org: own });
    expect(await status(loadOwn(mine, MEMBER, other.id, part))).toBe(404);
    expect(await status(loadOwn(mine, MEMBER, 999_999, part))).toBe(404);
  });
});

describe('assertCan over several orgs', () => {
  it('allows where any path is in the permission scope; 403 where only visible; 404 otherwise', async () => {
    const { own, other } = await tree();
    const ctx = await ctxOf([{ role: 'branch_secretary', org: own }]);
    expect(() => assertCan(ctx.actor, 'life:manage', [other.path, own.path])).not.toThrow();
    const member = await ctxOf([{ role: 'member', org: own }]);
    expect(() => assertCan(member.actor, 'life:manage', [other.path, own.path])).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => assertCan(ctx.actor, 'life:manage', [other.path], '该会议')).toThrow('未找到该会议');
  });
});
