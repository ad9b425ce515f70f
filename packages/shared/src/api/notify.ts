import { z } from 'zod';
import { PageQuerySchema, pageOf } from './auth.js';
import { idParam, idRef, timestamp } from './fields.js';

/**
 * The notification contract (issue 16): channels beyond the app (providers) configured by the security
 * administrator, the deliveries page, and each person's quiet hours. Read by apps/web/src/api/notify.ts.
 */

export const PROVIDER_KINDS = ['wecom_robot', 'dingtalk_robot', 'sms_http'] as const;
export const PROVIDER_KIND_LABELS: Record<(typeof PROVIDER_KINDS)[number], string> = {
  wecom_robot: '企业微信群机器人',
  dingtalk_robot: '钉钉群机器人',
  sms_http: '短信网关（HTTP）',
};
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export const DELIVERY_STATUS_LABELS: Record<(typeof DELIVERY_STATUSES)[number], string> = {
  pending: '排队中',
  sending: '发送中',
  sent: '已送达',
  failed: '发送失败',
  skipped: '未发送',
};
export const SKIP_REASON_LABELS: Record<string, string> = {
  daily_cap: '已达当日上限',
  no_address: '无接收号码',
  provider_disabled: '通道已停用',
};

/** HTTPS only; plain HTTP only to this machine (a gateway on loopback, the tests' stub server). */
const providerUrl = z
  .url({ message: '请输入完整的网址' })
  .max(1000)
  .refine((u) => {
    // Runs after a failed url check too (zod 4 does not abort): a string that is no URL is that check's error.
    if (!URL.canParse(u)) return true;
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  }, '网址必须以 https:// 开头');

export const ProviderSchema = z.object({
  id: z.number(),
  kind: z.enum(PROVIDER_KINDS),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  /** The address is a credential (the robot's key is in it): only its host is shown. */
  urlHost: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  timeoutMs: z.number(),
  updatedAt: timestamp,
});
export const ProviderListSchema = z.object({ items: z.array(ProviderSchema) });

export const ProviderCreateSchema = z.object({
  kind: z.enum(PROVIDER_KINDS, { message: '请选择通道类型' }),
  name: z.string().trim().min(1, '请填写名称').max(40),
  orgId: idRef('服务的组织'),
  url: providerUrl,
  /** 钉钉 signing secret, or the SMS gateway's API key. */
  secret: z.string().trim().max(200).optional(),
  enabled: z.boolean().default(true),
  timeoutMs: z.number().int().min(1000, '超时至少 1000 毫秒').max(30_000, '超时最多 30000 毫秒').default(5000),
});
export const ProviderUpdateSchema = ProviderCreateSchema.omit({ kind: true })
  .partial()
  .extend({ secret: z.string().trim().max(200).nullable().optional() });
export const ProviderParams = z.object({ id: idParam() });
export const ProviderTestResultSchema = z.object({ messageId: z.number(), deliveries: z.number() });

export const DeliveryQuerySchema = PageQuerySchema.extend({
  status: z.enum(DELIVERY_STATUSES).optional(),
  providerId: idParam().optional(),
});
export const DeliverySchema = z.object({
  id: z.number(),
  messageKey: z.string(),
  code: z.string(),
  text: z.string(),
  recipientName: z.string(),
  providerName: z.string(),
  providerKind: z.enum(PROVIDER_KINDS),
  status: z.enum(DELIVERY_STATUSES),
  skipReason: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: timestamp,
  sentAt: timestamp.nullable(),
  createdAt: timestamp,
});
export const DeliveryPageSchema = pageOf(DeliverySchema);

const hm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
export const PreferencesSchema = z.object({
  /** 免打扰 (China time); both or neither. */
  quietStart: hm.nullable(),
  quietEnd: hm.nullable(),
  /** Fewer messages beyond the app a day than the group's cap; null = the cap. */
  dailyCap: z.number().int().min(0).max(100).nullable(),
});
export const PreferencesUpdateSchema = PreferencesSchema.refine((p) => (p.quietStart === null) === (p.quietEnd === null), {
  message: '免打扰的开始和结束时间要一起填写',
  path: ['quietEnd'],
});
