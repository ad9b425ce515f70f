import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { ERROR_CODES } from '@vanguard/shared';
import { HealthDownSchema, HealthSchema } from '@vanguard/shared/api/platform';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { analyticsRoutes } from './modules/analytics/analytics.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { careRoutes } from './modules/care/care.routes.js';
import { competitionsRoutes } from './modules/competitions/competitions.routes.js';
import { coursesRoutes } from './modules/courses/courses.routes.js';
import { decisionsRoutes } from './modules/decisions/decisions.routes.js';
import { duesRoutes } from './modules/dues/dues.routes.js';
import { electionsRoutes } from './modules/elections/index.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { homeRoutes } from './modules/home/home.routes.js';
import { integrityRoutes } from './modules/integrity/integrity.routes.js';
import { learningRoutes } from './modules/learning/learning.routes.js';
import { lifeRoutes } from './modules/life/life.routes.js';
import { memberRoutes } from './modules/members/members.routes.js';
import { memberIoRoutes } from './modules/members/members-io.routes.js';
import { mentorsRoutes } from './modules/mentors/mentors.routes.js';
import { noticesRoutes } from './modules/notices/notices.routes.js';
import { orgRoutes } from './modules/orgs/orgs.routes.js';
import { orgStructureRoutes } from './modules/orgs/structure.routes.js';
import { petitionsRoutes } from './modules/petitions/petitions.routes.js';
import { pointsRoutes } from './modules/points/points.routes.js';
import { proposalsRoutes } from './modules/proposals/proposals.routes.js';
import { recruitmentRoutes } from './modules/recruitment/recruitment.routes.js';
import { relationsRoutes } from './modules/relations/relations.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { tasksRoutes } from './modules/tasks/tasks.routes.js';
import { userRoutes } from './modules/users/users.routes.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { type Clock, systemClock } from './platform/clock.js';
import { type Ciphers, loadCiphers } from './platform/crypto/keys.js';
import { fileRoutes } from './platform/files/files.js';
import { type Access, registerAccess } from './platform/http/access.js';
import { registerErrorHandling } from './platform/http/errors.js';
import { registerSecurityHeaders } from './platform/http/headers.js';
import { registerInputGuard } from './platform/http/input-guard.js';
import { logSerializers } from './platform/http/log-safe.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { registerOps } from './platform/http/ops.js';
import { serveWebApp } from './platform/http/web-app.js';
import { notifyRoutes } from './platform/notify/notify.routes.js';
import { serviceTokenRoutes } from './platform/service-tokens/service-tokens.routes.js';
import { type OffsetClock, testClockRoutes } from './platform/test-clock.js';
import { todoRoutes } from './platform/todos/todos.js';

interface RouteInfo {
  method: string;
  url: string;
  access: Access;
  /** The route's declared response schemas by status (the route sweep requires real ones). */
  response: Record<string, unknown> | undefined;
  /** The route's request schemas (the input sweep sends hostile values through them). */
  request: { params?: unknown; querystring?: unknown; body?: unknown; multipart: boolean };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route with its access rule (read by the route-sweep test). */
    routeList: RouteInfo[];
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  clock?: Clock;
  /** The settable clock of browser tests (main.ts, VANGUARD_TEST_CLOCK): its routes exist only with config.testClock. */
  testClock?: OffsetClock;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  /** Where the log goes (default stdout; a test reads it). */
  logStream?: { write(line: string): void };
}

// Validation messages in Chinese: they reach the forms as field errors.
z.config(z.locales.zhCN());

/** Builds the app: platform plugins, then the modules from one explicit list. */
export async function buildApp({
  config,
  db,
  clock = systemClock,
  testClock,
  serveWeb = true,
  logStream,
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
            serializers: logSerializers,
            ...(logStream ? { stream: logStream } : {}),
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A proxy's request id is kept (so one id follows a request through the logs), else a new one.
    // The router's own refusals (a path that is no valid URL component, a parameter past its length)
    // in the one error shape too (found by the route fuzzer, issue 17 item 1).
    frameworkErrors: (err, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      (reply as unknown as { status(n: number): { send(b: object): void } })
        .status(status)
        .send({ code: 'BAD_REQUEST', message: ERROR_CODES.BAD_REQUEST.zh, requestId: req.id });
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{8,80}$/.test(given) ? given : crypto.randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only (and multipart for uploads): anything else is 415.
  app.removeContentTypeParser('text/plain');

  app.decorate('routeList', [] as RouteInfo[]);
  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/');
    if (!route.config?.access) {
      if (isApi && !route.url.startsWith('/api/docs')) {
        throw new Error(`route ${route.method} ${route.url} declares no access rule`);
      }
      // The web shell and static assets are public by nature; the API docs outside demo mode need a
      // session (config.apiDocs, issue 15 item 10).
      const docs = route.url.startsWith('/api/docs');
      route.config = { ...route.config, access: docs && config.apiDocs === 'session' ? { stages: ['active'] } : 'public' };
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        app.routeList.push({
          method,
          url: route.url,
          access: route.config.access as Access,
          response: route.schema?.response as Record<string, unknown> | undefined,
          request: {
            params: route.schema?.params,
            querystring: route.schema?.querystring,
            body: route.schema?.body,
            multipart: ((route.schema as { consumes?: string[] } | undefined)?.consumes ?? []).includes('multipart/form-data'),
          },
        });
    }
  });

  const ciphers: Ciphers = await loadCiphers(db, config.masterKey, config.fieldCipher);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  registerErrorHandling(app);
  registerInputGuard(app);
  registerSecurityHeaders(app, { hsts: config.cookieSecure });
  registerAccess(app, { db, clock, ciphers, readCache: config.readCache });

  await registerOpenApi(app);
  registerOps(app, { db, metricsToken: config.metricsToken });

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: '健康检查', response: { 200: HealthSchema, 503: HealthDownSchema } },
    },
    async (_req, reply) => {
      // While PostgreSQL is down (the embedded one restarting, a failover) the app says so: 503, not 500.
      const up = await Promise.race([
        db.execute(sql`SELECT 1`).then(
          () => true,
          () => false,
        ),
        new Promise<false>((r) => setTimeout(() => r(false), 3000).unref()),
      ]);
      if (!up) return reply.status(503).send({ status: 'degraded' as const, db: 'down' as const });
      return { status: 'ok' as const, db: 'ok' as const };
    },
  );

  // Modules, in one explicit list.
  await app.register(authRoutes, { cookieSecure: config.cookieSecure });
  await app.register(todoRoutes);
  await app.register(notifyRoutes);
  await app.register(homeRoutes);
  await app.register(auditRoutes, { dataDir: config.dataDir });
  await app.register(fileRoutes, { uploadDir: config.uploadDir, maxBytes: config.maxUploadBytes });
  await app.register(orgRoutes);
  await app.register(userRoutes);
  await app.register(orgStructureRoutes);
  await app.register(memberRoutes, { uploadDir: config.uploadDir });
  await app.register(memberIoRoutes, { importDir: join(config.dataDir, 'imports') });
  await app.register(recruitmentRoutes);
  await app.register(relationsRoutes);
  await app.register(duesRoutes);
  await app.register(lifeRoutes);
  await app.register(learningRoutes);
  await app.register(coursesRoutes, { uploadDir: config.uploadDir });
  await app.register(pointsRoutes);
  await app.register(mentorsRoutes);
  await app.register(competitionsRoutes);
  await app.register(calendarRoutes);
  await app.register(serviceTokenRoutes);
  await app.register(analyticsRoutes);
  await app.register(noticesRoutes);
  await app.register(tasksRoutes);
  await app.register(reportsRoutes, { uploadDir: config.uploadDir });
  await app.register(electionsRoutes);
  await app.register(proposalsRoutes);
  await app.register(eventsRoutes);
  await app.register(petitionsRoutes);
  await app.register(careRoutes);
  await app.register(decisionsRoutes);
  await app.register(integrityRoutes);
  if (testClock && config.testClock && config.env !== 'production') await app.register(testClockRoutes, { clock: testClock });

  if (serveWeb && existsSync(join(config.webDist, 'index.html'))) {
    await serveWebApp(app, config.webDist);
  }
  return app;
}
