import { z } from 'zod';
import { ROLE_CODES, type Role } from '../permissions.js';
import { IdParams, PageQuerySchema } from './auth.js';
import { dbId, idParam } from './fields.js';

/**
 * The users contract (account administration): request and response schemas of
 * apps/server/src/modules/users/users.routes.ts, read by the web's apps/web/src/api/endpoints.ts.
 */
export { IdParams };

export const UserGrantSchema = z.object({ id: z.number(), role: z.string(), roleName: z.string(), orgId: z.number(), orgName: z.string() });

/** An account as the list shows it (only accounts with an org are listed: the query joins the org). */
export const UserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.date().nullable(),
  mfaEnabled: z.boolean(),
  roles: z.array(UserGrantSchema),
});
export type UserDto = z.infer<typeof UserSchema>;

export const UserListQuery = PageQuerySchema.extend({ q: z.string().trim().max(64).optional() });

export const UserCreateSchema = z.strictObject({
  username: z.string().trim().min(2).max(64),
  displayName: z.string().trim().min(1).max(64),
  orgId: dbId(),
});
export type UserCreateInput = z.infer<typeof UserCreateSchema>;
export const UserCreatedSchema = z.object({ id: z.number(), oneTimePassword: z.string() });

export const GrantCreateSchema = z.strictObject({ role: z.enum(ROLE_CODES as [Role, ...Role[]]), orgId: dbId() });
export const GrantCreatedSchema = z.object({ id: z.number() });
export const GrantParams = IdParams.extend({ grantId: idParam() });
