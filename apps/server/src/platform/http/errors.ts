import { ERROR_CODES, type ErrorBody } from '@vanguard/shared';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.js';
import { AppError } from '../errors.js';

/**
 * A refusal of an existing record (AppError.denied, set by `assertCan`): one compact audit row —
 * the route, the status and the record's id — written outside the request's (rolled back) work.
 * A failure to write it is logged and does not change the answer.
 */
async function auditDenied(req: FastifyRequest, status: number): Promise<void> {
  if (!req.ctx?.actor) return;
  const url = req.routeOptions.url ?? req.url;
  const params = (req.params ?? {}) as Record<string, unknown>;
  try {
    await audit(req.ctx.db, req.ctx, {
      action: 'access.denied',
      entityType: url.split('/')[3] ?? 'api',
      entityId: typeof params.id === 'string' || typeof params.id === 'number' ? String(params.id).slice(0, 40) : null,
      after: { status, route: `${req.method} ${url}` },
    });
  } catch (e) {
    req.log.error({ err: e }, 'access.denied audit failed');
  }
}

/** One error shape `{ code, message, details, requestId }` for everything the API answers. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError | AppError, req, reply) => {
    const send = (status: number, body: Omit<ErrorBody, 'requestId'>, headers?: Record<string, string>) => {
      if (headers) reply.headers(headers);
      return reply.status(status).send({ ...body, requestId: req.id });
    };
    if (err instanceof AppError) {
      if (err.denied) await auditDenied(req, err.status);
      return send(err.status, { code: err.code, message: err.message, details: err.details }, err.headers);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.flatMap((v) => {
        const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const prefix = err.validationContext === 'body' ? '' : `${err.validationContext}.`;
        // An unknown field is reported at the field itself, so a form can show it.
        const keys = v.keyword === 'unrecognized_keys' ? ((v.params as { keys?: string[] }).keys ?? []) : [];
        const paths = keys.length ? keys.map((k) => (base ? `${base}.${k}` : k)) : [base];
        return paths.map((path) => ({ path: `${prefix}${path}`.replace(/\.$/, ''), message: v.message ?? '格式不正确' }));
      });
      return send(400, { code: 'VALIDATION', message: ERROR_CODES.VALIDATION.zh, details });
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, { code: 'BAD_JSON', message: ERROR_CODES.BAD_JSON.zh });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(413, { code: 'PAYLOAD_TOO_LARGE', message: ERROR_CODES.PAYLOAD_TOO_LARGE.zh });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE.zh });
    }
    // A unique index caught what the service's own check raced past (two requests at once).
    const pgCode = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? err.code;
    if (pgCode === '23505') return send(409, { code: 'CONFLICT', message: '数据重复：该记录已存在' });
    // The role_grants trigger (三员分立) caught a grant the service's own check raced past.
    const constraint = (err as { cause?: { constraint?: string } }).cause?.constraint;
    if (pgCode === '23514' && constraint === 'role_grants_admin_exclusive') {
      return send(409, { code: 'ADMIN_ROLES_SEPARATED', message: ERROR_CODES.ADMIN_ROLES_SEPARATED.zh });
    }
    // A value the schemas let through but the column cannot hold (class 22: out of range, bad
    // encoding, bad date) is the request's fault: 400, and the transaction it was in rolled back.
    // The schemas (api/fields.ts) are the first line; this is the net, logged to find the schema.
    if (typeof pgCode === 'string' && (pgCode.startsWith('22') || pgCode === '54000')) {
      req.log.warn({ err }, 'database refused a request value');
      return send(400, { code: 'BAD_REQUEST', message: '输入的值超出允许范围或格式不正确' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, { code: 'BAD_REQUEST', message: ERROR_CODES.BAD_REQUEST.zh });
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.zh });
  });

  app.setNotFoundHandler((req, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在', requestId: req.id }));
}
