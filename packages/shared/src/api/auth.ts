import { z } from 'zod';
import { ROLE_CODES } from '../permissions.js';
import { idParam } from './fields.js';

/** Shapes shared by the API and the web client (one definition end to end). */
export const LoginInputSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const SESSION_STAGES = ['mfa', 'enrol', 'password', 'active'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export const LoginResultSchema = z.object({
  stage: z.enum(SESSION_STAGES),
  csrfToken: z.string(),
});
export type LoginResult = z.infer<typeof LoginResultSchema>;

export const RoleGrantSchema = z.object({
  id: z.number().int(),
  role: z.enum(ROLE_CODES as [string, ...string[]]),
  roleName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
});

export const MeSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  org: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  roles: z.array(RoleGrantSchema),
  permissions: z.array(z.string()),
  mfaEnabled: z.boolean(),
  mfaRequired: z.boolean(),
  stage: z.enum(SESSION_STAGES),
  csrfToken: z.string(),
  sessionExpiresAt: z.string(),
});
export type MeDto = z.infer<typeof MeSchema>;

export const TotpCodeSchema = z.strictObject({ code: z.string().min(6).max(32) });
export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export const TotpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const TotpEnableSchema = z.strictObject({ code: z.string().min(6).max(6) });
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const TotpDisableSchema = z.strictObject({ password: z.string().min(1).max(256) });

/** `:id` in a route's path: a positive integer. */
export const IdParams = z.object({ id: idParam() });

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}
/** A page of `T` as `pageOf` describes it (for clients that name the item type). */
export type Page<T> = { items: T[]; total: number };
export type PageQuery = z.infer<typeof PageQuerySchema>;
