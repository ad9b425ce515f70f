import { pageOf } from '@vanguard/shared';
import {
  GrantCreatedSchema,
  GrantCreateSchema,
  GrantParams,
  IdParams,
  UserCreatedSchema,
  UserCreateSchema,
  UserListQuery,
  UserSchema,
} from '@vanguard/shared/api/users';
import { NoContent } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { createUser, grantRole, listUsers, revokeRole, setDisabled, unlockUser } from './users.service.js';

/** Account administration: 系统管理员 manages accounts, 安全管理员 grants roles and unlocks. */
export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/users', {
    config: { access: { permission: ['users:manage', 'security:grant', 'security:unlock'] } },
    schema: {
      tags: ['users'],
      summary: '账号列表',
      querystring: UserListQuery,
      response: { 200: pageOf(UserSchema) },
    },
    handler: async (req) => listUsers(actorCtx(req), req.query),
  });

  r.post('/api/v1/users', {
    config: { access: { permission: 'users:manage' } },
    schema: {
      tags: ['users'],
      summary: '新建账号（返回一次性密码）',
      body: UserCreateSchema,
      response: { 200: UserCreatedSchema },
    },
    handler: async (req) => createUser(actorCtx(req), req.body),
  });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(`/api/v1/users/:id/${verb}`, {
      config: { access: { permission: 'users:manage' } },
      schema: { tags: ['users'], summary: disabled ? '停用账号（立即结束其会话）' : '启用账号', params: IdParams, response: NoContent },
      handler: async (req, reply) => {
        await setDisabled(actorCtx(req), req.params.id, disabled);
        return reply.status(204).send(null);
      },
    });
  }

  r.post('/api/v1/users/:id/unlock', {
    config: { access: { permission: 'security:unlock' } },
    schema: { tags: ['users'], summary: '解锁账号', params: IdParams, response: NoContent },
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
      body: GrantCreateSchema,
      response: { 200: GrantCreatedSchema },
    },
    handler: async (req) => grantRole(actorCtx(req), req.params.id, req.body),
  });

  r.delete('/api/v1/users/:id/roles/:grantId', {
    config: { access: { permission: 'security:grant' } },
    schema: {
      tags: ['users'],
      summary: '撤销角色',
      params: GrantParams,
      response: NoContent,
    },
    handler: async (req, reply) => {
      await revokeRole(actorCtx(req), req.params.id, req.params.grantId);
      return reply.status(204).send(null);
    },
  });
}
