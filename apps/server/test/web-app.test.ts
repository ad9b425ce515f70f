import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from '../src/platform/http/headers.js';
import { IMMUTABLE, serveWebApp } from '../src/platform/http/web-app.js';

/** A small build as Vite writes it: hashed assets with .br/.gz beside them, the shell, the worker. */
const SCRIPT = `console.log(${JSON.stringify('先锋'.repeat(400))});\n`;
const SHELL = `<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body>${'<div></div>'.repeat(100)}</body></html>`;
const WORKER = `self.addEventListener('fetch', () => {});\n${'// precache\n'.repeat(100)}`;

let app: FastifyInstance;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'vg-web-'));
  mkdirSync(join(root, 'assets'));
  const write = (path: string, body: string, compressed = true) => {
    writeFileSync(join(root, path), body);
    if (!compressed) return;
    writeFileSync(join(root, `${path}.br`), brotliCompressSync(Buffer.from(body)));
    writeFileSync(join(root, `${path}.gz`), gzipSync(Buffer.from(body)));
  };
  write('assets/index-AbC123.js', SCRIPT);
  write('index.html', SHELL);
  write('sw.js', WORKER);
  write('manifest.webmanifest', '{"name":"先锋"}', false);
  app = Fastify();
  registerSecurityHeaders(app, { hsts: false });
  await serveWebApp(app, root);
  await app.ready();
});
afterAll(() => app.close());

describe('the built web app as served', () => {
  it('a hashed asset: brotli when accepted, cached for a year as immutable', async () => {
    const res = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('gzip for a browser without brotli, the plain file for one without either', async () => {
    const gz = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    const plain = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('the shell on /admin/* and /m/* and the service worker: compressed, but revalidated (not immutable)', async () => {
    for (const url of ['/admin/', '/admin/members/12', '/m/', '/m/dues']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(SHELL);
    }
    const sw = await app.inject({ url: '/sw.js', headers: { 'accept-encoding': 'gzip' } });
    expect(sw.headers['content-encoding']).toBe('gzip');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(sw.rawPayload).toString()).toBe(WORKER);
    const manifest = await app.inject({ url: '/manifest.webmanifest', headers: { 'accept-encoding': 'br' } });
    expect(manifest.headers['content-encoding']).toBeUndefined();
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect(JSON.parse(manifest.body)).toEqual({ name: '先锋' });
  });

  it('the HTML shell is never kept without revalidation, on every path it answers (issue 15 item 10)', async () => {
    for (const url of ['/admin', '/admin/', '/m', '/m/', '/m/meetings/3']) {
      for (const method of ['GET', 'HEAD'] as const) {
        const res = await app.inject({ method, url });
        expect(res.statusCode, `${method} ${url}`).toBe(200);
        expect(res.headers['content-type'], url).toMatch(/text\/html/);
        expect(res.headers['cache-control'], `${method} ${url}`).toBe('no-cache');
      }
    }
  });
});
