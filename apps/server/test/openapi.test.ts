import { beforeAll, describe, expect, it } from 'vitest';
import { operationIdOf } from '../src/platform/http/openapi.js';
import { createTestEnv, type TestEnv } from './harness.js';

/**
 * The document at /api/docs/json as integrators get it (platform/http/openapi.ts). The full lint
 * and the compile of a generated client are `npm run openapi:check`; this checks what the document
 * must say of every route, so a new route is held to it in the ordinary test run.
 */
type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> };

/**
 * The two clashes redocly.yaml lets pass, as the first segment where the paths part (a static
 * segment wins over a parameter in Fastify, and ids are integers): every ambiguous pair of paths
 * must part at one of them.
 */
const KNOWN_AMBIGUOUS = ['/api/v1/competitions/my ~ /api/v1/competitions/{id}', '/api/v1/members/imports ~ /api/v1/members/{id}'];

let env: TestEnv;
let doc: Doc;
const ops: { method: string; path: string; op: Operation }[] = [];
beforeAll(async () => {
  env = await createTestEnv();
  // Outside demo mode the docs need a session (issue 15 item 10).
  const res = await (await env.as(await env.buildUser())).get('/api/docs/json');
  expect(res.statusCode).toBe(200);
  doc = res.json();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) ops.push({ method, path, op });
  }
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every API route', () => {
    expect(doc.openapi).toBe('3.1.0');
    const api = env.app.routeList.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(ops.length).toBe(api.length);
  });

  it('names every operation once, from its method and path', () => {
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ops.length);
    for (const o of ops) expect(o.op.operationId).toBe(operationIdOf(o.method, o.path));
    expect(operationIdOf('get', '/api/v1/members/{id}/records')).toBe('getMembersByIdRecords');
    expect(operationIdOf('post', '/api/v1/dues/payment-batches')).toBe('postDuesPaymentBatches');
    expect(operationIdOf('get', '/api/health')).toBe('getHealth');
  });

  it('declares the security of every operation from its access rule', () => {
    const access = new Map(env.app.routeList.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.access]));
    for (const { method, path, op } of ops) {
      const rule = access.get(`${method.toUpperCase()} ${path}`);
      const expected =
        rule === 'public'
          ? []
          : rule && 'token' in rule
            ? [{ serviceToken: [] }]
            : ['post', 'put', 'patch', 'delete'].includes(method) && rule?.csrf !== false
              ? [{ session: [], csrf: [] }]
              : [{ session: [] }];
      expect({ at: `${method} ${path}`, security: op.security }).toEqual({ at: `${method} ${path}`, security: expected });
    }
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/v1/auth/logout'].post.security).toEqual([{ session: [] }]);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['session', 'csrf', 'serviceToken']);
  });

  it('documents the 4xx answers in the one error shape', () => {
    for (const { method, path, op } of ops) {
      const errors = Object.keys(op.responses).filter((s) => s.startsWith('4'));
      expect({ at: `${method} ${path}`, has400: errors.includes('400') }).toEqual({ at: `${method} ${path}`, has400: true });
      for (const s of errors) {
        const ref = (op.responses[s] as { $ref?: string }).$ref ?? '';
        const name = ref.replace('#/components/responses/', '');
        expect(doc.components.responses[name]).toMatchObject({
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        });
      }
    }
    expect(Object.keys(doc.paths['/api/v1/members/{id}/records'].get.responses)).toEqual(['200', '400', '401', '403', '404']);
    expect(Object.keys(doc.paths['/api/v1/auth/login'].post.responses)).toEqual(
      expect.arrayContaining(['400', '401', '403', '423', '429']),
    );
    expect(doc.components.schemas.Error).toMatchObject({ required: ['code', 'message', 'requestId'] });
  });

  it('has no `nullable` (3.0 only) and every $ref resolves', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/"nullable":/);
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    const unresolved = refs.filter((ref) => {
      const parts = ref.replace(/^#\//, '').split('/');
      let at: unknown = doc;
      for (const p of parts) at = (at as Record<string, unknown> | undefined)?.[p.replaceAll('~1', '/').replaceAll('~0', '~')];
      return at === undefined;
    });
    expect(unresolved).toEqual([]);
    // The recursive org tree is one component, not a dangling reference.
    expect(JSON.stringify(doc.paths['/api/v1/orgs/tree'].get.responses['200'])).toMatch(/#\/components\/schemas\/\w+/);
  });

  it('has no ambiguous paths beyond the two known clashes', () => {
    const paths = Object.keys(doc.paths).map((p) => p.split('/'));
    const isParam = (s: string) => s.startsWith('{');
    const pairs: string[] = [];
    for (let i = 0; i < paths.length; i++) {
      for (let j = i + 1; j < paths.length; j++) {
        const [a, b] = [paths[i], paths[j]];
        if (a.length !== b.length) continue;
        // Redocly's rule: both could match one URL, and each has a parameter where the other is static.
        const overlap = a.every((s, k) => s === b[k] || isParam(s) || isParam(b[k]));
        const aWider = a.some((s, k) => isParam(s) && !isParam(b[k]));
        const bWider = b.some((s, k) => isParam(s) && !isParam(a[k]));
        if (!(overlap && aWider && bWider)) continue;
        const at = a.findIndex((s, k) => s !== b[k]);
        pairs.push([a.slice(0, at + 1).join('/'), b.slice(0, at + 1).join('/')].sort().join(' ~ '));
      }
    }
    expect([...new Set(pairs)].sort()).toEqual(KNOWN_AMBIGUOUS);
  });
});
