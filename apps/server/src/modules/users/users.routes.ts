import { IdParams, PageQuerySchema, pageOf, ROLE_CODES, type Role } from '@vanguard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import { createUser, grantRole, listUsers, revokeRole, setDisabled, unlockUser } from './users.service.js';

const GrantSchema = z.object({ id: z.number(), role: z.string(), roleName: z.string(), orgId: z.number(), orgName: z.string() });
const UserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.date().nullable(),
  mfaEnabled: z.boolean(),
  roles: z.array(GrantSchema),
});

/** Account administration: 系统管理员 manages accounts, 安全管理员 grants roles and unlocks. */
export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const noContent = { 204: z.null().describe('done') };

  r.get('/api/v1/users', {
    config: { access: { permission: ['users:manage', 'security:grant', 'security:unlock'] } },
    schema: {
      tags: ['users'],
      summary: '账号列表',
      querystring: PageQuerySchema.extend({ q: z.string().trim().max(64).optional() }),
      response: { 200: pageOf(UserSchema) },
    },
    handler: async (req) => listUsers(actorCtx(req), req.query),
  });

  r.post('/api/v1/users', {
    config: { access: { permission: 'users:manage' } },
    schema: {
      tags: ['users'],
      summary: '新建账号（返回一次性密码）',
      body: z.strictObject({
        username: z.string().trim().min(2).max(64),
        displayName: z.string().trim().min(1).max(64),
        orgId: z.number().int().positive(),
      }),
      response: { 200: z.object({ id: z.number(), oneTimePassword: z.string() }) },
    },
    handler: async (req) => createUser(actorCtx(req), req.body),
  });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(`/api/v1/users/:id/${verb}`, {
      config: { access: { permission: 'users:manage' } },
      schema: { tags: ['users'], summary: disabled ? '停用账号（立即结束其会话）' : '启用账号', params: IdParams, response: noContent },
      handler: async (req, reply) => {
        await setDisabled(actorCtx(req), req.params.id, disabled);
        return reply.status(204).send(null);
      },
    });
  }

  r.post('/api/v1/users/:id/unlock', {
    config: { access: { permission: 'security:unlock' } },
    schema: { tags: ['users'], summary: '解锁账号', params: IdParams, response: noContent },
    handler: async (req, reply) => {
      await unlockUser(actorCtx(req), req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/v1/users/:id/roles', {
    config: { access: { permission: 'security:grant' } },
    schema: {
      tags: ['users'],
      summary: '授予角色',
      params: IdParams,
      body: z.strictObject({ role: z.enum(ROLE_CODES as [Role, ...Role[]]), orgId: z.number().int().positive() }),
      response: { 200: z.object({ id: z.number() }) },
    },
    handler: async (req) => grantRole(actorCtx(req), req.params.id, req.body),
  });

  r.delete('/api/v1/users/:id/roles/:grantId', {
    config: { access: { permission: 'security:grant' } },
    schema: {
      tags: ['users'],
      summary: '撤销角色',
      params: IdParams.extend({ grantId: z.coerce.number().int().positive() }),
      response: noContent,
    },
    handler: async (req, reply) => {
      await revokeRole(actorCtx(req), req.params.id, req.params.grantId);
      return reply.status(204).send(null);
    },
  });
}
