import { z } from 'zod';
import { ROLE_CODES } from '../permissions.js';
import { PageQuerySchema, pageOf } from './auth.js';
import { dbId, idParam, idRef, text, timestamp } from './fields.js';

/** The notices contract (issue 16 item 1): 通知公告 with read receipts and 签收. */

const roleEnum = z.enum(ROLE_CODES as [string, ...string[]]);
const fileId = z.uuid('附件编号不正确');

/** Who receives it: org subtrees (optionally only holders of some roles or members with some labels there) and named people. */
export const NoticeAudienceSchema = z.object({
  orgIds: z.array(idRef('受众组织')).max(50).default([]),
  roles: z.array(roleEnum).max(10).default([]),
  labels: z
    .array(text().pipe(z.string().trim().min(1).max(20)))
    .max(10)
    .default([]),
  userIds: z.array(dbId('人员编号不正确')).max(500).default([]),
});

export const NoticeCreateSchema = z.object({
  orgId: idRef('发文组织'),
  title: text().pipe(z.string().trim().min(1, '请填写标题').max(100, '标题最多 100 字')),
  docNo: text().pipe(z.string().trim().max(40, '文号最多 40 字')).nullish(),
  body: text().pipe(z.string().trim().min(1, '请填写正文').max(20000, '正文最多 20000 字')),
  internal: z.boolean().default(false),
  requireSign: z.boolean().default(false),
  signDeadline: timestamp.nullish(),
  audience: NoticeAudienceSchema,
  fileIds: z.array(fileId).max(10).default([]),
});

export const NoticeFileSchema = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int() });

export const NOTICE_STATUSES = ['published', 'withdrawn'] as const;

export const NoticeSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  title: z.string(),
  docNo: z.string().nullable(),
  body: z.string(),
  internal: z.boolean(),
  requireSign: z.boolean(),
  signDeadline: timestamp.nullable(),
  status: z.enum(NOTICE_STATUSES),
  publishedAt: timestamp,
  withdrawnAt: timestamp.nullable(),
  remindedOn: z.string().nullable(),
  audience: z.object({
    orgIds: z.array(z.number()),
    roles: z.array(z.string()),
    labels: z.array(z.string()),
    userIds: z.array(z.number()),
  }),
  recipients: z.number().int(),
  read: z.number().int(),
  signed: z.number().int(),
  files: z.array(NoticeFileSchema),
});
export const NoticeListItemSchema = NoticeSchema.omit({ body: true, audience: true, files: true });
export const NoticePageSchema = pageOf(NoticeListItemSchema);
export const NoticeListQuerySchema = PageQuerySchema.extend({ status: z.enum(NOTICE_STATUSES).optional() });
export const NoticeParams = z.object({ id: idParam() });

/** Counts per branch: the direct children of `orgId` (default: the notice's org) that hold recipients. */
export const NoticeStatsQuerySchema = z.object({ orgId: idParam().optional() });
export const NoticeStatsRowSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  /** Has children holding recipients (drill down). */
  hasChildren: z.boolean(),
  recipients: z.number().int(),
  read: z.number().int(),
  signed: z.number().int(),
});
export const NoticeStatsSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  total: NoticeStatsRowSchema.omit({ orgId: true, orgName: true, hasChildren: true }),
  rows: z.array(NoticeStatsRowSchema),
});

export const RECIPIENT_STATES = ['unread', 'read', 'unsigned', 'signed'] as const;
export const NoticeRecipientQuerySchema = PageQuerySchema.extend({
  orgId: idParam().optional(),
  state: z.enum(RECIPIENT_STATES).optional(),
});
export const NoticeRecipientSchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  orgName: z.string(),
  readAt: timestamp.nullable(),
  signedAt: timestamp.nullable(),
});
export const NoticeRecipientPageSchema = pageOf(NoticeRecipientSchema);

export const NoticeRemindResultSchema = z.object({ reminded: z.number().int() });

// ── The recipient's side (phone and console) ──

export const MyNoticeSchema = NoticeSchema.pick({
  id: true,
  orgName: true,
  title: true,
  docNo: true,
  internal: true,
  requireSign: true,
  signDeadline: true,
  publishedAt: true,
}).extend({ readAt: timestamp.nullable(), signedAt: timestamp.nullable() });
export const MyNoticePageSchema = pageOf(MyNoticeSchema);
export const MyNoticeDetailSchema = MyNoticeSchema.extend({ body: z.string(), files: z.array(NoticeFileSchema) });
export const MyNoticeQuerySchema = PageQuerySchema;
export const MyNoticeCountSchema = z.object({ unread: z.number().int(), toSign: z.number().int() });

/** Notices that reached an org's people, with that org's counts: "my branch has 12 of 40 unread". */
export const ReceivedQuerySchema = PageQuerySchema.extend({ orgId: idParam() });
export const ReceivedItemSchema = NoticeListItemSchema.pick({
  id: true,
  orgName: true,
  title: true,
  docNo: true,
  requireSign: true,
  signDeadline: true,
  publishedAt: true,
}).extend({ recipients: z.number().int(), read: z.number().int(), signed: z.number().int() });
export const ReceivedPageSchema = pageOf(ReceivedItemSchema);
