import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../permissions.js';
import { pageOf } from './auth.js';
import { dbId, idParam, text, timestamp } from './fields.js';

/** Permissions a service token may carry: integrations write data in, they do not administer. */
export const TOKEN_PERMISSIONS = ['analytics:write', 'analytics:read'] as const satisfies readonly Permission[];

export const ServiceTokenCreateSchema = z.object({
  name: text().pipe(z.string().trim().min(1, '请填写令牌名称').max(60, '名称最多 60 个字')),
  permission: z.enum(TOKEN_PERMISSIONS, { message: '请选择令牌的权限' }),
  orgId: dbId('请选择授权的组织'),
});
export type ServiceTokenCreateInput = z.input<typeof ServiceTokenCreateSchema>;

export const ServiceTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  permission: z.string(),
  permissionName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export type ServiceTokenDto = z.input<typeof ServiceTokenSchema>;
export const ServiceTokenPageSchema = pageOf(ServiceTokenSchema);
/** The token itself is shown once, at creation. */
export const ServiceTokenCreatedSchema = ServiceTokenSchema.extend({ token: z.string() });
export const ServiceTokenIdParams = z.object({ id: idParam() });
export const ServiceTokenQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const permissionName = (p: string) => PERMISSIONS[p as Permission]?.zh ?? p;
