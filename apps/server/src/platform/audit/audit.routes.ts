import { pageOf } from '@vanguard/shared';
import { AuditQuerySchema, AuditRowSchema, AuditVerifySchema } from '@vanguard/shared/api/platform';
import { and, count, desc, eq, gte, ilike, lt, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditLog } from '../../db/schema/index.js';
import { actorCtx } from '../http/access.js';
import { anchorFile } from './anchor.js';
import { audit } from './audit.js';
import { verifyAuditChain } from './verify.js';

/** The auditor's view of the log. Only `audit:read` (审计管理员) reads it; nobody writes through the API. */
export async function auditRoutes(app: FastifyInstance, opts: { dataDir: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/audit-logs', {
    config: { access: { permission: 'audit:read' } },
    schema: { tags: ['audit'], summary: '审计日志', querystring: AuditQuerySchema, response: { 200: pageOf(AuditRowSchema) } },
    handler: async (req) => {
      const { db } = actorCtx(req);
      const q = req.query;
      const conds: SQL[] = [];
      if (q.actor) conds.push(ilike(auditLog.actorName, `%${q.actor.replace(/[%_\\]/g, '\\$&')}%`));
      if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
      if (q.action) conds.push(ilike(auditLog.action, `${q.action}%`));
      if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
      if (q.from) conds.push(gte(auditLog.at, q.from));
      if (q.to) conds.push(lt(auditLog.at, q.to));
      const where = conds.length ? and(...conds) : undefined;
      const [items, [{ total }]] = await Promise.all([
        db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.seq))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ total: count() }).from(auditLog).where(where),
      ]);
      return { items, total };
    },
  });

  r.post('/api/v1/audit-logs/verify', {
    config: { access: { permission: 'audit:read' } },
    schema: {
      tags: ['audit'],
      summary: '校验审计日志完整性',
      response: {
        200: AuditVerifySchema,
      },
    },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const { ok, checked, breaks } = await verifyAuditChain(ctx.db, { keys: ctx.ciphers.audit, anchorFile: anchorFile(opts.dataDir) });
      await audit(ctx.db, ctx, { action: 'audit.verify', entityType: 'audit_log', after: { ok, checked } });
      return { ok, checked, breaks };
    },
  });
}
