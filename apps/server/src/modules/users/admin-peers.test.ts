import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, roleGrants, sessions, users } from '../../db/schema/index.js';
import { breakGlass } from './break-glass.js';

/** Issue 15 item 5: 三员分立 complete — admin accounts hold nothing else, and no admin acts on another alone. */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

async function admins() {
  const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const sys = await env.buildUser({ roles: [{ role: 'sys_admin', orgId: root.id }] });
  const sys2 = await env.buildUser({ roles: [{ role: 'sys_admin', orgId: root.id }] });
  const sec = await env.buildUser({ roles: [{ role: 'security_admin', orgId: root.id }] });
  const sec2 = await env.buildUser({ roles: [{ role: 'security_admin', orgId: root.id }] });
  const aud = await env.buildUser({ roles: [{ role: 'auditor', orgId: root.id }] });
  return { root, sys, sys2, sec, sec2, aud };
}

describe('三员分立: an admin account holds no other role', () => {
  it('the security administrator cannot give the auditor or the system administrator a business role', async () => {
    const { root, sec, sys, aud } = await admins();
    const api = await env.as(sec);
    for (const target of [aud, sys]) {
      const res = await api.post(`/api/v1/users/${target.id}/roles`, { role: 'org_admin', orgId: root.id });
      expect(res.statusCode, res.body).toBe(409);
      expect(json(res).code).toBe('ADMIN_ROLES_SEPARATED');
    }
  });

  it('nor an admin role to an account that holds a business role', async () => {
    const { root, sec } = await admins();
    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: root.id }] });
    const res = await (await env.as(sec)).post(`/api/v1/users/${secretary.id}/roles`, { role: 'auditor', orgId: root.id });
    expect(res.statusCode).toBe(409);
    expect(json(res).code).toBe('ADMIN_ROLES_SEPARATED');
  });

  it('the database refuses such a grant too, whoever writes it', async () => {
    const { root, aud } = await admins();
    await expect(env.db.insert(roleGrants).values({ userId: aud.id, role: 'org_admin', orgId: root.id })).rejects.toThrow();
    const plain = await env.buildUser({ roles: [{ role: 'member', orgId: root.id }] });
    await expect(env.db.insert(roleGrants).values({ userId: plain.id, role: 'sys_admin', orgId: root.id })).rejects.toThrow();
  });
});

describe('三员分立: no admin disables, unlocks or changes another alone', () => {
  it('the system administrator cannot disable or enable any of the three (security, audit, another system admin)', async () => {
    const { sys, sys2, sec, aud } = await admins();
    const api = await env.as(sys);
    for (const target of [sec, aud, sys2]) {
      const res = await api.post(`/api/v1/users/${target.id}/disable`);
      expect(res.statusCode, res.body).toBe(403);
      expect(json(res).code).toBe('ADMIN_PEER');
      expect((await api.post(`/api/v1/users/${target.id}/enable`)).statusCode).toBe(403);
    }
    const [row] = await env.db.select().from(users).where(eq(users.id, sec.id));
    expect(row.disabledAt).toBeNull();
  });

  it('the security administrator cannot unlock, grant to or revoke from any of the three', async () => {
    const { root, sys, sec, sec2, aud } = await admins();
    const api = await env.as(sec);
    for (const target of [sys, sec2, aud]) {
      expect((await api.post(`/api/v1/users/${target.id}/unlock`)).statusCode).toBe(403);
      const [grant] = await env.db.select().from(roleGrants).where(eq(roleGrants.userId, target.id));
      const revoke = await api.delete(`/api/v1/users/${target.id}/roles/${grant.id}`);
      expect(revoke.statusCode).toBe(403);
      expect(json(revoke).code).toBe('ADMIN_PEER');
    }
    const other = await env.buildOrg({ parent: root, kind: 'committee' });
    expect((await api.post(`/api/v1/users/${sys.id}/roles`, { role: 'sys_admin', orgId: other.id })).statusCode).toBe(403);
  });

  it('the auditor changes none of the three', async () => {
    const { sys, sec, aud } = await admins();
    const api = await env.as(aud);
    for (const target of [sys, sec]) {
      expect((await api.post(`/api/v1/users/${target.id}/disable`)).statusCode).toBe(403);
      expect((await api.post(`/api/v1/users/${target.id}/unlock`)).statusCode).toBe(403);
    }
  });

  it('they still manage ordinary accounts, and make a plain account an admin', async () => {
    const { root, sys, sec } = await admins();
    const plain = await env.buildUser({ orgId: root.id });
    expect((await (await env.as(sys)).post(`/api/v1/users/${plain.id}/disable`)).statusCode).toBe(204);
    expect((await (await env.as(sys)).post(`/api/v1/users/${plain.id}/enable`)).statusCode).toBe(204);
    expect((await (await env.as(sec)).post(`/api/v1/users/${plain.id}/unlock`)).statusCode).toBe(204);
    expect((await (await env.as(sec)).post(`/api/v1/users/${plain.id}/roles`, { role: 'auditor', orgId: root.id })).statusCode).toBe(200);
  });

  it('the break-glass procedure acts on an admin, names two people and a reason, ends the sessions and is audited', async () => {
    const { sec } = await admins();
    await env.as(sec);
    await expect(
      breakGlass(env.db, { action: 'disable', username: sec.username, operators: ['张三'], reason: '离职' }, env.clock.now()),
    ).rejects.toThrow(/两/);
    await breakGlass(env.db, { action: 'disable', username: sec.username, operators: ['张三', '李四'], reason: '离职' }, env.clock.now());
    const [row] = await env.db.select().from(users).where(eq(users.id, sec.id));
    expect(row.disabledAt).not.toBeNull();
    const live = await env.db.select().from(sessions).where(eq(sessions.userId, sec.id));
    expect(live.every((s) => s.revokedAt)).toBe(true);
    const [log] = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.disable'), eq(auditLog.entityId, String(sec.id))));
    expect(log.actorName).toBe('break-glass: 张三 + 李四');
    expect(log.after).toMatchObject({ reason: '离职', breakGlass: true });
  });
});

describe('denied requests are audited (item 7)', () => {
  it('a 404 on an existing account outside the scope leaves one compact row; a missing id leaves none', async () => {
    const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const mineA = await env.buildOrg({ parent: root, kind: 'committee' });
    const mineB = await env.buildOrg({ parent: root, kind: 'committee' });
    const sysA = await env.buildUser({ roles: [{ role: 'sys_admin', orgId: mineA.id }] });
    const inB = await env.buildUser({ orgId: mineB.id });
    const api = await env.as(sysA);
    expect((await api.post(`/api/v1/users/${inB.id}/disable`)).statusCode).toBe(404);
    expect((await api.post('/api/v1/users/2000000000/disable')).statusCode).toBe(404);
    const rows = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, sysA.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toEqual({ status: 404, route: 'POST /api/v1/users/:id/disable' });
    expect(rows[0].entityType).toBe('users');
    expect(rows[0].entityId).toBe(String(inB.id));
  });
});
