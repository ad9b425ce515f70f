import { z } from 'zod';
import { PageQuerySchema } from './auth.js';
import { idParam, instant } from './fields.js';

/**
 * The platform contract (to-dos, the audit log, file uploads): request and response schemas of
 * apps/server/src/platform/{todos,audit,files}, read by the web's apps/web/src/api/endpoints.ts.
 */

// ── To-dos and notices ─────────────────────────────────────────────────────────────────────

/** What modules write (the columns are text: the response says string). */
export const TODO_KINDS = ['todo', 'notice'] as const;
export const TODO_SEVERITIES = ['info', 'warning', 'danger'] as const;
export type TodoSeverity = (typeof TODO_SEVERITIES)[number];
export const TodoSchema = z.object({
  id: z.number(),
  kind: z.string(),
  severity: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  /** The text as a code and parameters (todo-texts.ts), for clients that render it in their language; null for older to-dos. */
  code: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  dueAt: z.date().nullable(),
  doneAt: z.date().nullable(),
  createdAt: z.date(),
});
export const TodoListQuery = PageQuerySchema.extend({ status: z.enum(['open', 'done']).default('open') });
export const TodoParams = z.object({ id: idParam() });

// ── Audit log ──────────────────────────────────────────────────────────────────────────────

export const AuditRowSchema = z.object({
  id: z.number(),
  seq: z.number().nullable(),
  at: z.date(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgId: z.number().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export const AuditQuerySchema = PageQuerySchema.extend({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  from: instant().optional(),
  to: instant().optional(),
});

export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  breaks: z.array(z.object({ id: z.number().nullable(), seq: z.number().nullable(), reason: z.string() })),
});

// ── Files ──────────────────────────────────────────────────────────────────────────────────

export const FileSchema = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });
export const FileParams = z.object({ id: z.uuid() });

/** GET /api/health: the app answers and its database does. */
export const HealthSchema = z.object({ status: z.literal('ok'), db: z.literal('ok') });
/** 503 while the database cannot be reached (issue 15 item 9). */
export const HealthDownSchema = z.object({ status: z.literal('degraded'), db: z.literal('down') });

// ── Operations (issue 17 item 7) ───────────────────────────────────────────────────────────

/** /api/ready: the node can take traffic — database reachable, its migrations those of this code, not draining. */
export const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  db: z.enum(['ok', 'down']),
  /** `current`: the database has exactly this code's migrations; `behind`/`ahead`: a deploy is half done. */
  migrations: z.enum(['current', 'behind', 'ahead', 'unknown']),
  draining: z.boolean(),
});
