import {
  DeliveryPageSchema,
  DeliveryQuerySchema,
  PreferencesSchema,
  PreferencesUpdateSchema,
  ProviderCreateSchema,
  ProviderListSchema,
  ProviderParams,
  ProviderSchema,
  ProviderTestResultSchema,
  ProviderUpdateSchema,
} from '@vanguard/shared/api/notify';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../http/access.js';
import {
  createProvider,
  getPreferences,
  listDeliveries,
  listProviders,
  setPreferences,
  testProvider,
  updateProvider,
} from './notify-admin.service.js';

const configure = { access: { permission: 'notify:configure' } } as const;
const signedIn = { access: {} } as const;
const tags = ['notify'];

/** Message channels (安全管理员), the deliveries page, and each person's quiet hours. */
export async function notifyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/notify/providers', {
    config: configure,
    schema: { tags, summary: '消息通道列表', response: { 200: ProviderListSchema } },
    handler: async (req) => listProviders(actorCtx(req)),
  });
  r.post('/api/v1/notify/providers', {
    config: configure,
    schema: { tags, summary: '新增消息通道（群机器人、短信网关）', body: ProviderCreateSchema, response: { 201: ProviderSchema } },
    handler: async (req, reply) => reply.status(201).send(await createProvider(actorCtx(req), req.body)),
  });
  r.patch('/api/v1/notify/providers/:id', {
    config: configure,
    schema: { tags, summary: '修改消息通道', params: ProviderParams, body: ProviderUpdateSchema, response: { 200: ProviderSchema } },
    handler: async (req) => updateProvider(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/notify/providers/:id/test', {
    config: configure,
    schema: { tags, summary: '发送测试消息（发给自己）', params: ProviderParams, response: { 200: ProviderTestResultSchema } },
    handler: async (req) => testProvider(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/notify/deliveries', {
    config: configure,
    schema: { tags, summary: '消息发送记录', querystring: DeliveryQuerySchema, response: { 200: DeliveryPageSchema } },
    handler: async (req) => listDeliveries(actorCtx(req), req.query),
  });
  r.get('/api/v1/notify/preferences', {
    config: signedIn,
    schema: { tags, summary: '我的免打扰设置', response: { 200: PreferencesSchema } },
    handler: async (req) => getPreferences(actorCtx(req)),
  });
  r.put('/api/v1/notify/preferences', {
    config: signedIn,
    schema: { tags, summary: '修改我的免打扰设置', body: PreferencesUpdateSchema, response: { 200: PreferencesSchema } },
    handler: async (req) => setPreferences(actorCtx(req), req.body),
  });
}
