import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.js';

/**
 * Cases the route fuzzer (fuzz.test.ts, issue 17 item 1) found, kept as regular tests. Each failed
 * before its fix.
 */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

describe('fuzz findings', () => {
  it("the router's refusals come in the one error shape: a path that is no valid URL component (400)", async () => {
    // Found on PATCH /api/v1/orgs/:id with the bytes of a lone surrogate: Fastify's own { error, statusCode } body.
    const user = await env.buildUser({ roles: [{ role: 'org_admin', orgId: (await env.buildOrg()).id }] });
    const as = await env.as(user);
    for (const url of ['/api/v1/orgs/%ED%A0%80', '/api/v1/members/x%ED%A0%80/records/1', '/api/v1/learning/exams/%C0%AF/results']) {
      const res = await as.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toEqual({ code: 'BAD_REQUEST', message: '请求有误', requestId: expect.any(String) });
    }
  });

  it('… and a path parameter longer than the router takes (414)', async () => {
    // Found on GET /api/v1/members/:id with 5,000 characters as the id.
    const res = await env.anon.get(`/api/v1/members/${encodeURIComponent('长'.repeat(5000))}`);
    expect(res.statusCode).toBe(414);
    expect(res.json()).toEqual({ code: 'BAD_REQUEST', message: '请求有误', requestId: expect.any(String) });
  });

  it('a points leaderboard for the year 0000 is refused (400), not a 500', async () => {
    // Found at 50 runs: GET /api/v1/points/leaderboard/members?orgId=1&period=0000 made the date `1-01-01`.
    const org = await env.buildOrg();
    const as = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: org.id }] }));
    for (const period of ['0000', '0000-12', '9999']) {
      const res = await as.get(`/api/v1/points/leaderboard/members?orgId=${org.id}&period=${period}`);
      expect(res.statusCode, period).toBe(400);
      expect(res.json().details[0].path).toBe('querystring.period');
    }
    expect((await as.get(`/api/v1/points/leaderboard/members?orgId=${org.id}&period=2026`)).statusCode).toBe(200);
  });
});
