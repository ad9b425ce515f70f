import { relative, sep } from 'node:path';
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
  const shell = (_req: unknown, reply: FastifyReply) => reply.sendFile('index.html');
  app.get('/', (_req, reply) => reply.redirect('/admin/'));
  app.get('/admin', shell);
  app.get('/admin/*', shell);
  app.get('/m', shell);
  app.get('/m/*', shell);
}
