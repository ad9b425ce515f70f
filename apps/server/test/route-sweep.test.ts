import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.js';

/**
 * Every registered API route either is on this explicit public list or answers 401 without a
 * session (ARCHITECTURE.md §Org scope). A new route that forgets its access rule fails at boot;
 * one that is wrongly public fails here.
 */
const PUBLIC_API = new Set([
  'GET /api/health',
  'POST /api/v1/auth/login',
  'GET /api/v1/calendar/ics/:token',
  // 举报 (issue 18): intake and follow-up without an account; the receipt is the key.
  'GET /api/v1/reports/intake/channels',
  'POST /api/v1/reports/intake',
  'POST /api/v1/reports/intake/follow',
  'POST /api/v1/reports/intake/follow/messages',
  'POST /api/v1/reports/intake/follow/files',
  'POST /api/v1/reports/intake/follow/files/:fileId',
  'GET /api/ready',
  'GET /api/metrics',
]);
const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

/** An answer the schema says nothing about: no zod schema, any/unknown, or an object with no keys. */
function isPlaceholder(schema: unknown): boolean {
  if (schema && typeof schema === 'object' && 'content' in schema) return false; // a file download, by content type
  const def = (schema as { _zod?: { def?: { type: string; shape?: object } } } | undefined)?._zod?.def;
  if (!def) return true;
  if (def.type === 'any' || def.type === 'unknown') return true;
  return def.type === 'object' && Object.keys(def.shape ?? {}).length === 0;
}

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

describe('route sweep', () => {
  it('the public API list is exactly what is declared public', () => {
    const declaredPublic = env.app.routeList
      .filter((r) => r.url.startsWith('/api/') && !isDocs(r.url) && r.access === 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(new Set(declaredPublic)).toEqual(PUBLIC_API);
  });

  it('every other API route answers 401 without a session', async () => {
    const routes = env.app.routeList.filter((r) => r.url.startsWith('/api/') && !isDocs(r.url) && !PUBLIC_API.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const r of routes) {
      const url = r.url.replace(/:(\w+)/g, (_m, name: string) =>
        name === 'id' && r.url.startsWith('/api/v1/files') ? '00000000-0000-4000-8000-000000000000' : '1',
      );
      const res = await env.anon.inject({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      });
      if (res.statusCode !== 401) failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('every API route declares a real response schema for its success', () => {
    // The contract is written once (packages/shared/src/api): the response schema serializes the
    // answer, documents it, and types the web's client. A placeholder (an empty loose object,
    // any, unknown) would do none of that.
    const missing = env.app.routeList
      .filter((r) => r.url.startsWith('/api/') && !isDocs(r.url))
      .filter((r) => {
        const success = Object.entries(r.response ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        return success.length === 0 || success.some(([, schema]) => isPlaceholder(schema));
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('no non-API route is registered except the web shell and static files', () => {
    const other = env.app.routeList.filter((r) => !r.url.startsWith('/api/'));
    expect(other).toEqual([]);
  });
});
