import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { TOKEN_RATE_PER_MINUTE } from './tokens.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

async function issue(permission = 'analytics:write') {
  const mine = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const team = await env.buildOrg({ parent: mine });
  const other = await env.buildOrg();
  const sec = await env.as(await env.buildUser({ roles: [{ role: 'security_admin', orgId: mine.id }] }));
  const res = await sec.post('/api/v1/service-tokens', { name: '调度系统', permission, orgId: mine.id });
  expect(res.statusCode, res.body).toBe(201);
  const created = json<{ id: number; token: string; prefix: string }>(res);
  return { mine, team, other, sec, ...created };
}

const post = (token: string | null, orgId: number, extra: Record<string, string> = {}) =>
  env.anon.inject({
    method: 'POST',
    url: '/api/v1/integration/indicator-values',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    payload: { orgId, month: '2026-02', values: [{ code: 'coal_output', value: 1200 }] },
  });
const stored = async (orgId: number) =>
  (await env.db.execute<{ value: number; source: string }>(sql`SELECT value, source FROM indicator_values WHERE org_id = ${orgId}`)).rows;

describe('service tokens', () => {
  it('hashed at rest: the secret is shown once, only its SHA-256 is stored, and the list never shows it', async () => {
    const t = await issue();
    expect(t.token).toMatch(/^vgst_/);
    const [row] = (await env.db.execute<{ token_hash: string }>(sql`SELECT token_hash FROM service_tokens WHERE id = ${t.id}`)).rows;
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = (await env.db.execute(sql`SELECT * FROM service_tokens`)).rows;
    expect(JSON.stringify(dump)).not.toContain(t.token);
    const list = await t.sec.get('/api/v1/service-tokens');
    expect(list.body).not.toContain(t.token);
    expect(json<{ items: { id: number; prefix: string }[] }>(list).items.find((i) => i.id === t.id)?.prefix).toBe(t.prefix);
  });

  it('writes in its subtree with Bearer and no cookie or CSRF; last use stamped; audited under the token’s name', async () => {
    const t = await issue();
    const res = await post(t.token, t.team.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(await stored(t.team.id)).toEqual([{ value: 1200, source: 'api' }]);
    const [tok] = (await env.db.execute<{ last_used_at: Date | null }>(sql`SELECT last_used_at FROM service_tokens WHERE id = ${t.id}`))
      .rows;
    expect(tok.last_used_at).not.toBeNull();
    const audits = (
      await env.db.execute<{ action: string; actor_name: string }>(
        sql`SELECT action, actor_name FROM audit_log WHERE org_id = ${t.team.id} ORDER BY seq`,
      )
    ).rows;
    expect(audits).toEqual([{ action: 'analytics.values.api', actor_name: 'token:调度系统' }]);
    const created = (
      await env.db.execute(sql`SELECT 1 FROM audit_log WHERE action = 'service_token.create' AND entity_id = ${String(t.id)}`)
    ).rows;
    expect(created).toHaveLength(1);
    const [h] = (
      await env.db.execute<{ changed_by: string }>(sql`SELECT changed_by FROM indicator_value_history WHERE org_id = ${t.team.id}`)
    ).rows;
    expect(h.changed_by).toBe('令牌：调度系统');
  });

  it('outside its grant → 404 and nothing written; no token or a wrong one → 401; another permission → 403', async () => {
    const t = await issue();
    const outside = await post(t.token, t.other.id);
    expect(outside.statusCode).toBe(404);
    expect(await stored(t.other.id)).toEqual([]);
    expect((await post(null, t.team.id)).statusCode).toBe(401);
    expect((await post(`${t.token}x`, t.team.id)).statusCode).toBe(401);
    const reader = await issue('analytics:read');
    expect((await post(reader.token, reader.team.id)).statusCode).toBe(403);
    expect(await stored(reader.team.id)).toEqual([]);
    // A session cookie is no way in: the route takes tokens only.
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: t.mine.id }] }));
    expect(
      (
        await admin.post('/api/v1/integration/indicator-values', {
          orgId: t.team.id,
          month: '2026-02',
          values: [{ code: 'coal_output', value: 1 }],
        })
      ).statusCode,
    ).toBe(401);
  });

  it('revoked → 401 from then on, and the revocation is audited', async () => {
    const t = await issue();
    expect((await post(t.token, t.team.id)).statusCode).toBe(200);
    const revoked = await t.sec.post(`/api/v1/service-tokens/${t.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(json(revoked).revokedAt).not.toBeNull();
    const res = await post(t.token, t.team.id);
    expect(res.statusCode).toBe(401);
    expect(json(res).code).toBe('TOKEN_INVALID');
    expect(
      (await env.db.execute(sql`SELECT 1 FROM audit_log WHERE action = 'service_token.revoke' AND entity_id = ${String(t.id)}`)).rows,
    ).toHaveLength(1);
  });

  it(`rate-limited: over ${TOKEN_RATE_PER_MINUTE} calls in a minute → 429; the next minute it answers again`, async () => {
    const t = await issue();
    env.clock.set('2026-03-02T10:00:05+08:00');
    await env.db.execute(
      sql`UPDATE service_tokens SET window_start = '2026-03-02T10:00:00+08:00', window_count = ${TOKEN_RATE_PER_MINUTE - 1} WHERE id = ${t.id}`,
    );
    expect((await post(t.token, t.team.id)).statusCode).toBe(200);
    const over = await post(t.token, t.team.id, {});
    expect(over.statusCode).toBe(429);
    env.clock.set('2026-03-02T10:01:01+08:00');
    const next = await env.anon.inject({
      method: 'POST',
      url: '/api/v1/integration/indicator-values',
      headers: { authorization: `Bearer ${t.token}` },
      payload: { orgId: t.team.id, month: '2026-02', values: [{ code: 'coal_output', value: 1300 }], replace: true },
    });
    expect(next.statusCode, next.body).toBe(200);
    env.clock.set('2026-03-02T09:00:00+08:00');
  });

  describe('POST /api/v1/service-tokens/:id/revoke', () =>
    authzMatrix(() => env, {
      role: 'security_admin',
      weakRole: 'org_admin',
      makeRecord: async (e, org) => {
        const sec = await e.as(await e.buildUser({ roles: [{ role: 'security_admin', orgId: org.id }] }));
        return json<{ id: number }>(await sec.post('/api/v1/service-tokens', { name: 'x', permission: 'analytics:write', orgId: org.id }));
      },
      request: (r) => ({ method: 'POST', url: `/api/v1/service-tokens/${r.id}/revoke` }),
      snapshot: async (e, r) => (await e.db.execute(sql`SELECT revoked_at FROM service_tokens WHERE id = ${r.id}`)).rows,
    }));
  describe('POST /api/v1/service-tokens', () =>
    authzMatrix(() => env, {
      role: 'security_admin',
      weakRole: 'org_admin',
      okStatus: 201,
      makeRecord: async (_e, org) => org,
      request: (org) => ({
        method: 'POST',
        url: '/api/v1/service-tokens',
        payload: { name: 'x', permission: 'analytics:write', orgId: org.id },
      }),
    }));
  it('GET /api/v1/service-tokens: anonymous 401, no permission 403, another branch sees none of ours, an ancestor sees it', async () => {
    const t = await issue();
    expect((await env.anon.get('/api/v1/service-tokens')).statusCode).toBe(401);
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: t.mine.id }] }));
    expect((await admin.get('/api/v1/service-tokens')).statusCode).toBe(403);
    const elsewhere = await env.as(await env.buildUser({ roles: [{ role: 'security_admin', orgId: t.other.id }] }));
    const ids = (r: Awaited<ReturnType<typeof admin.get>>) => json<{ items: { id: number }[] }>(r).items.map((i) => i.id);
    expect(ids(await elsewhere.get('/api/v1/service-tokens'))).not.toContain(t.id);
    expect(ids(await t.sec.get('/api/v1/service-tokens'))).toContain(t.id);
  });
});
