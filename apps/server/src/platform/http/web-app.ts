import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Vite's content-hashed output: a file under assets/ never changes under its name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app (WEB_DIST): the two trees' shell (index.html) on /admin/* and /m/*, and
 * the files of the build. The build writes a brotli and a gzip copy of each text file, sent as the
 * browser accepts (preCompressed, with `Vary: Accept-Encoding`). Hashed assets are cached for a
 * year; everything else (index.html, sw.js, the manifest, icons) is revalidated on each use, so a
 * deploy is seen at once and a new service worker is found.
 */
export async function serveWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      const hashed = relative(root, path).startsWith(`assets${sep}`);
      reply.header('cache-control', hashed ? IMMUTABLE : 'no-cache');
    },
  });
  // Each tree's shell preloads that tree's first load (the build writes m.html and admin.html); index.html otherwise.
  const shell = (file: string) => {
    const html = existsSync(join(root, file)) ? file : 'index.html';
    return (_req: unknown, reply: FastifyReply) => reply.sendFile(html);
  };
  app.get('/', (_req, reply) => reply.redirect('/admin/'));
  app.get('/admin', shell('admin.html'));
  app.get('/admin/*', shell('admin.html'));
  app.get('/m', shell('m.html'));
  app.get('/m/*', shell('m.html'));
  // The public whistleblowing pages (issue 18): the plain shell, outside both trees and the portal's service worker.
  app.get('/report', shell('index.html'));
  app.get('/report/*', shell('index.html'));
}
