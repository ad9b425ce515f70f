import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from './harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

async function admins() {
  const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: root });
  const sys = await env.buildUser({ roles: [{ role: 'sys_admin', orgId: root.id }] });
  const sec = await env.buildUser({ roles: [{ role: 'security_admin', orgId: root.id }] });
  const aud = await env.buildUser({ roles: [{ role: 'auditor', orgId: root.id }] });
  return { root, branch, sys, sec, aud };
}

describe('三员分立: three separated admin roles', () => {
  it('no account may hold two of them', async () => {
    const { root, sec } = await admins();
    const target = await env.buildUser({ roles: [{ role: 'sys_admin', orgId: root.id }] });
    const res = await (await env.as(sec)).post(`/api/v1/users/${target.id}/roles`, { role: 'auditor', orgId: root.id });
    expect(res.statusCode).toBe(409);
    expect(json(res).code).toBe('ADMIN_ROLES_SEPARATED');
    const again = await (await env.as(sec)).post(`/api/v1/users/${target.id}/roles`, { role: 'security_admin', orgId: root.id });
    expect(again.statusCode).toBe(409);
  });

  it('a business role can be added next to an admin role, and the grant is audited', async () => {
    const { root, sec, aud } = await admins();
    const target = await env.buildUser({ orgId: root.id });
    const res = await (await env.as(sec)).post(`/api/v1/users/${target.id}/roles`, { role: 'org_admin', orgId: root.id });
    expect(res.statusCode, res.body).toBe(200);
    const log = await (await env.as(aud)).get(`/api/v1/audit-logs?action=role.grant&actor=${sec.username}`);
    expect(json<{ total: number }>(log).total).toBe(1);
  });

  it('nobody grants roles to themselves', async () => {
    const { root, sec } = await admins();
    const res = await (await env.as(sec)).post(`/api/v1/users/${sec.id}/roles`, { role: 'org_admin', orgId: root.id });
    expect(res.statusCode).toBe(403);
  });

  it('the system administrator cannot read the audit log, nor grant roles', async () => {
    const { root, sys } = await admins();
    const api = await env.as(sys);
    expect((await api.get('/api/v1/audit-logs')).statusCode).toBe(403);
    expect((await api.post('/api/v1/audit-logs/verify')).statusCode).toBe(403);
    const other = await env.buildUser({ orgId: root.id });
    expect((await api.post(`/api/v1/users/${other.id}/roles`, { role: 'member', orgId: root.id })).statusCode).toBe(403);
  });

  it('the auditor reads the log and changes nothing', async () => {
    const { root, aud } = await admins();
    const api = await env.as(aud);
    expect((await api.get('/api/v1/audit-logs')).statusCode).toBe(200);
    const other = await env.buildUser({ orgId: root.id });
    const attempts = [
      await api.post('/api/v1/users', { username: 'x-by-auditor', displayName: 'x', orgId: root.id }),
      await api.post(`/api/v1/users/${other.id}/disable`),
      await api.post(`/api/v1/users/${other.id}/unlock`),
      await api.post(`/api/v1/users/${other.id}/roles`, { role: 'member', orgId: root.id }),
      await api.patch(`/api/v1/orgs/${root.id}`, { name: '审计员改名' }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
  });

  it('the security administrator unlocks; the system administrator creates accounts with a one-time password', async () => {
    const { root, sys, sec } = await admins();
    const created = await (await env.as(sys)).post('/api/v1/users', {
      username: `new-${Date.now()}`,
      displayName: '新用户',
      orgId: root.id,
    });
    expect(created.statusCode, created.body).toBe(200);
    const { id, oneTimePassword } = json<{ id: number; oneTimePassword: string }>(created);
    expect(oneTimePassword).toMatch(/^.{16}$/);
    expect((await (await env.as(sec)).post(`/api/v1/users/${id}/unlock`)).statusCode).toBe(204);
    expect((await (await env.as(sys)).post(`/api/v1/users/${id}/unlock`)).statusCode).toBe(403);
  });

  it('an account admin of one mine does not see another mine’s accounts (404)', async () => {
    const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const mineA = await env.buildOrg({ parent: root, kind: 'committee' });
    const mineB = await env.buildOrg({ parent: root, kind: 'committee' });
    const sysA = await env.buildUser({ roles: [{ role: 'sys_admin', orgId: mineA.id }] });
    const inB = await env.buildUser({ orgId: mineB.id });
    expect((await (await env.as(sysA)).post(`/api/v1/users/${inB.id}/disable`)).statusCode).toBe(404);
    const list = json<{ items: { id: number }[] }>(await (await env.as(sysA)).get('/api/v1/users?pageSize=200'));
    expect(list.items.map((u) => u.id)).not.toContain(inB.id);
  });
});
