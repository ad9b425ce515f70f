import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/sessions.js';
import type { Access } from './access.js';

/**
 * The OpenAPI document at /api/docs/json (UI at /api/docs), made usable by integrators from what
 * every route already declares, so a new route is covered without writing anything for it:
 * - OpenAPI 3.1: zod's JSON Schema 2020-12 output is valid as it stands (`type: ['string', 'null']`;
 *   3.0's `nullable` cannot be expressed beside an `anyOf`).
 * - `operationId` from method + path: `GET /api/v1/members/:id/records` → `getMembersByIdRecords`.
 * - `security` from `config.access`: `'public'` → none; otherwise the session cookie, and on
 *   POST/PUT/PATCH/DELETE also the `x-csrf-token` header (unless the route turns CSRF off).
 * - the 4xx answers the platform itself gives, all in the one error shape `{ code, message,
 *   details, requestId }` (platform/http/errors.ts): 400 always (validation, bad JSON); 401 and 403
 *   behind a session (no/expired session, stage, CSRF, permission); 404 with a path parameter
 *   (outside the actor's scope, or gone); 409 on writes (a unique index); 413 and 415 with a request
 *   body; plus any statuses a route names in `config.errors` (e.g. the login's 423 and 429).
 * zod schemas become JSON Schema 2020-12 here (not through fastify-type-provider-zod's transform,
 * which drops the definitions of recursive schemas and leaves a `$ref` that resolves nowhere): the
 * `$defs` zod emits (a recursive schema, or one given `.meta({ id })`) become components — named by
 * their id, else after the operation — and dates are ISO strings both ways. `npm run openapi:check`
 * lints the document and compiles a client generated from it.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Error statuses this route answers beyond those derived from its access, method and parameters. */
    errors?: readonly ErrorStatus[];
  }
}

const ERROR_RESPONSES = {
  400: { name: 'BadRequest', description: '请求有误：校验失败（details 列出字段）或内容不是有效的 JSON' },
  401: { name: 'Unauthenticated', description: '未登录、会话已过期或凭据错误' },
  403: { name: 'Forbidden', description: '没有权限、登录步骤未完成或 CSRF 校验失败' },
  404: { name: 'NotFound', description: '不存在，或不在当前用户的可见范围内' },
  409: { name: 'Conflict', description: '与现有数据冲突' },
  413: { name: 'PayloadTooLarge', description: '请求内容过大' },
  415: { name: 'UnsupportedMediaType', description: '不支持的内容类型或文件类型' },
  423: { name: 'Locked', description: '账号已锁定（details 含解锁时间）' },
  429: { name: 'TooManyRequests', description: '尝试过于频繁（Retry-After 头给出等待秒数）' },
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Carries a route's derived error statuses from the per-route transform to the document pass (removed there). */
const X_ERRORS = 'x-vanguard-errors';

const ERROR_SCHEMA = {
  type: 'object',
  description: '所有错误的统一格式',
  properties: {
    code: { type: 'string', description: '错误码，见 packages/shared/src/errors.ts 的 ERROR_CODES' },
    message: { type: 'string', description: '给用户看的中文说明' },
    details: { description: '附加信息：校验失败时为 [{ path, message }]' },
    requestId: { type: 'string', description: '请求编号，与服务器日志对应' },
  },
  required: ['code', 'message', 'requestId'],
} as const;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const words = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean);

/** `get` + `/api/v1/members/{id}/records` → `getMembersByIdRecords` (the `/api` and `/v1` prefixes add nothing). */
export function operationIdOf(method: string, path: string): string {
  const parts = path
    .replace(/^\/api(\/v\d+)?(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .map((seg) => {
      const param = /^\{(.+)\}$/.exec(seg) ?? /^:(.+)$/.exec(seg);
      if (param) return `By${words(param[1]).map(cap).join('')}`;
      return words(seg === '*' ? 'wildcard' : seg)
        .map(cap)
        .join('');
    });
  return method.toLowerCase() + parts.join('');
}

function securityOf(access: Access | undefined, method: string): Record<string, string[]>[] {
  if (access === 'public') return [];
  if (access && 'token' in access) return [{ serviceToken: [] }];
  const csrf = UNSAFE.has(method) && !(access && access.csrf === false);
  return [csrf ? { session: [], csrf: [] } : { session: [] }];
}

type Json = Record<string, unknown>;
/** A zod schema (by shape, so one from another copy of zod counts too). */
const isZod = (v: unknown): v is z.ZodType => typeof v === 'object' && v !== null && '_zod' in v;

/** How a zod type reads in JSON: dates are ISO strings (coerced on input, serialized on output); an empty union branch says nothing. */
function override(ctx: { zodSchema: unknown; jsonSchema: Json }): void {
  const def = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def;
  if (def.type === 'date') Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' });
  if (def.type === 'union' && Array.isArray(ctx.jsonSchema.anyOf)) {
    ctx.jsonSchema.anyOf = ctx.jsonSchema.anyOf.filter((b) => Object.keys(b as object).length > 0);
  }
}

/**
 * A zod schema as an OpenAPI 3.1 schema. Its `$defs` (recursive parts, schemas with an id) move to
 * components: named by their id (`…Input` when read as a request), else `<prefix>Def<n>`; the same
 * shape met again reuses its component.
 */
function toJsonSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  prefix: string,
  defs: Map<string, { name: string; schema: unknown }>,
): Json {
  const {
    $schema: _s,
    $id: _i,
    id: _id,
    $defs,
    ...root
  } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    cycles: 'ref',
    reused: 'inline',
    unrepresentable: 'any',
    override,
  }) as Json & { $defs?: Record<string, Json> };
  if (!$defs) return root;
  const taken = new Set([...defs.values()].map((d) => d.name));
  const renamed = new Map<string, string>();
  const $defsByText: Record<string, true> = {};
  for (const [key, def] of Object.entries($defs)) {
    const text = JSON.stringify(def);
    $defsByText[text] = true;
    let name = defs.get(text)?.name;
    if (!name) {
      const base = key.startsWith('__') ? `${prefix}Def${key.replace(/\D/g, '')}` : io === 'input' ? `${key}Input` : key;
      name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
      taken.add(name);
    }
    renamed.set(`#/$defs/${key}`, `#/components/schemas/${name}`);
    defs.set(text, { name, schema: def });
  }
  const rewrite = (v: unknown): unknown => JSON.parse(JSON.stringify(v), (k, x) => (k === '$ref' && renamed.has(x) ? renamed.get(x) : x));
  for (const [text, d] of defs) if (text in $defsByText) defs.set(text, { ...d, schema: rewrite(d.schema) });
  return rewrite(root) as Json;
}
type Operation = Json & { parameters?: { in: string }[]; requestBody?: unknown; responses?: Json; security?: unknown[] };

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  /** The components hoisted from route schemas, by their JSON (one component for one shape). */
  const defs = new Map<string, { name: string; schema: unknown }>();

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vanguard 先锋智慧党建 API',
        version: '1',
        description:
          `登录（POST /api/v1/auth/login）后，会话在 HttpOnly Cookie \`${SESSION_COOKIE}\` 中；` +
          '登录结果与 GET /api/v1/me 返回 csrfToken，每个 POST/PUT/PATCH/DELETE 请求都须以 `x-csrf-token` 头带上它。' +
          '错误一律为 { code, message, details, requestId }。',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: '登录后服务器设置的会话 Cookie' },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description: '会话的 CSRF 令牌（登录结果与 /api/v1/me 中的 csrfToken）',
          },
          serviceToken: { type: 'http', scheme: 'bearer', description: '接口令牌（系统 → 接口令牌签发；一个权限、一个组织子树）' },
        },
      },
    },
    transform: ({ schema: raw, url, route }) => {
      const schema = raw as (FastifySchema & { hide?: boolean; consumes?: string[] }) | undefined;
      if (!schema || schema.hide) return { schema: raw, url };
      const methods = [route.method].flat().map((m) => m.toLowerCase());
      const access = route.config?.access as Access | undefined;
      const name = cap(operationIdOf(methods[0], url));
      const convert = (value: unknown, io: 'input' | 'output', where: string) =>
        isZod(value) ? toJsonSchema(value, io, `${name}${where}`, defs) : value;
      const documented: FastifySchema = { ...schema };
      for (const [key, where] of [
        ['params', 'Params'],
        ['querystring', 'Query'],
        ['headers', 'Headers'],
        ['body', 'Body'],
      ] as const) {
        if (schema[key]) documented[key] = convert(schema[key], 'input', where);
      }
      if (schema.response) {
        documented.response = Object.fromEntries(
          Object.entries(schema.response as Record<string, unknown>).map(([status, value]) => {
            const v = value as { content?: Record<string, { schema: unknown }>; description?: string };
            if (v && typeof v === 'object' && !isZod(value) && v.content) {
              const content = Object.fromEntries(
                Object.entries(v.content).map(([type, c]) => [type, { ...c, schema: convert(c.schema, 'output', `Response${status}`) }]),
              );
              return [status, { ...v, content }];
            }
            return [status, convert(value, 'output', `Response${status}`)];
          }),
        );
      }
      // An upload route reads the file itself (no body schema): describe the one form field.
      if (!documented.body && schema.consumes?.includes('multipart/form-data')) {
        documented.body = { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] };
      }
      const errors = new Set<ErrorStatus>([400]);
      if (access !== 'public') errors.add(401).add(403);
      if (url.includes(':')) errors.add(404);
      if (methods.some((m) => UNSAFE.has(m))) errors.add(409);
      if (documented.body) errors.add(413).add(415);
      for (const status of route.config?.errors ?? []) errors.add(status);
      documented.security ??= securityOf(access, methods[0]);
      return { url, schema: Object.assign(documented, { [X_ERRORS]: [...errors].sort() }) };
    },
    transformObject: (doc) => {
      const object = (doc as { openapiObject: Json }).openapiObject as Json & { paths?: Record<string, Json>; components?: Json };
      const used = new Set<ErrorStatus>();
      const ids = new Map<string, string>();
      for (const [path, item] of Object.entries(object.paths ?? {})) {
        for (const method of METHODS) {
          const op = item[method] as Operation | undefined;
          if (!op) continue;
          op.operationId ??= operationIdOf(method, path);
          const clash = ids.get(op.operationId as string);
          if (clash) throw new Error(`OpenAPI: operationId ${op.operationId} of ${method.toUpperCase()} ${path} is also that of ${clash}`);
          ids.set(op.operationId as string, `${method.toUpperCase()} ${path}`);
          const statuses = (op[X_ERRORS] as ErrorStatus[] | undefined) ?? [400];
          delete op[X_ERRORS];
          op.responses ??= {};
          for (const status of statuses) {
            if (op.responses[status]) continue; // a route's own declaration wins
            op.responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
            used.add(status);
          }
        }
      }
      const responses = Object.fromEntries(
        [...used].sort().map((s) => [
          ERROR_RESPONSES[s].name,
          {
            description: ERROR_RESPONSES[s].description,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      );
      const components = (object.components ?? {}) as Json & { schemas?: Json; responses?: Json };
      object.components = {
        ...components,
        schemas: { ...components.schemas, ...Object.fromEntries([...defs.values()].map((d) => [d.name, d.schema])), Error: ERROR_SCHEMA },
        responses: { ...components.responses, ...responses },
      };
      return object;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
