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
});
