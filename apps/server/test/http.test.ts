import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, multipart, PNG, type TestEnv } from './harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ env: { BODY_LIMIT_KB: '64', MAX_UPLOAD_MB: '1' } });
});

describe('HTTP platform', () => {
  it('GET /api/health answers the public contract', async () => {
    const res = await env.anon.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('sets the security headers on every response, no-store on the API', async () => {
    const res = await env.anon.get('/api/health');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const notFound = await env.anon.get('/api/v1/nothing-here');
    expect(notFound.headers['x-content-type-options']).toBe('nosniff');
  });

  it('malformed JSON → 400, wrong content type → 415, oversized body → 413, unknown route → JSON 404', async () => {
    const bad = await env.anon.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('BAD_JSON');
    const text = await env.anon.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(text.statusCode).toBe(415);
    const big = await env.anon.post('/api/v1/auth/login', { username: 'x', password: 'y'.repeat(70 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(json(big).code).toBe('PAYLOAD_TOO_LARGE');
    const nf = await env.anon.get('/api/v1/nothing-here');
    expect(nf.statusCode).toBe(404);
    expect(json(nf)).toMatchObject({ code: 'NOT_FOUND', message: '接口不存在' });
  });

  it('rejects unknown fields with the field named, and reports field paths', async () => {
    const res = await env.anon.post('/api/v1/auth/login', { username: 'x', password: 'y', isAdmin: true });
    expect(res.statusCode).toBe(400);
    const body = json<{ code: string; details: { path: string; message: string }[] }>(res);
    expect(body.code).toBe('VALIDATION');
    expect(body.details.map((d) => d.path)).toEqual(['isAdmin']);
    // zod speaks Chinese here: the message goes straight under the form field.
    expect(body.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
    const missing = json<{ details: { path: string }[] }>(await env.anon.post('/api/v1/auth/login', { username: 'x' }));
    expect(missing.details.map((d) => d.path)).toContain('password');
  });

  it('uploads a file, checking its real type and size, and serves it back to its owner only', async () => {
    const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const a = await env.buildOrg({ parent: root });
    const b = await env.buildOrg({ parent: root });
    const owner = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: a.id }] }));
    const stranger = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: b.id }] }));

    const ok = await owner.inject({ method: 'POST', url: '/api/v1/files', ...multipart('会议照片.png', PNG) });
    expect(ok.statusCode, ok.body).toBe(200);
    const file = json<{ id: string; mime: string; name: string }>(ok);
    expect(file).toMatchObject({ mime: 'image/png', name: '会议照片.png' });
    const back = await owner.get(`/api/v1/files/${file.id}`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(PNG)).toBe(true);
    expect((await stranger.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);

    const exe = await owner.inject({
      method: 'POST',
      url: '/api/v1/files',
      ...multipart('photo.png', Buffer.from('MZ\x90\x00 not an image')),
    });
    expect(exe.statusCode).toBe(415);
    expect(json(exe).code).toBe('FILE_TYPE');
    const huge = await owner.inject({
      method: 'POST',
      url: '/api/v1/files',
      ...multipart('big.png', Buffer.concat([PNG, Buffer.alloc(1.5 * 1024 * 1024)])),
    });
    expect(huge.statusCode).toBe(413);
  });

  it('serves the OpenAPI document', async () => {
    // Outside demo mode the docs need a session (issue 15 item 10).
    const res = await (await env.as(await env.buildUser())).get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = json<{ paths: Record<string, unknown> }>(res);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/orgs/tree']));
  });
});
