import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { type MacFields, rowMac } from './keyed.js';

/** Keys whose values never reach the audit log in clear (ARCHITECTURE.md §Audit). */
export const SENSITIVE_KEYS = /password|secret|token|idnumber|phone|address|health|discipline|salary|base|recovery/i;

function maskForAudit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskForAudit);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SENSITIVE_KEYS.test(k) && v != null ? '***' : maskForAudit(v)]));
  }
  return value;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  orgId?: number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit row in the caller's transaction, so the row exists exactly when the change
 * does. The row carries its MAC (keyed with the audit key, which the database never sees); the
 * chain fields (seq, prev_hash, hash) are filled by a database trigger as it commits.
 */
export async function audit(tx: DbOrTx, ctx: Ctx, entry: AuditEntry): Promise<void> {
  const row: MacFields = {
    at: ctx.now(),
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.username ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    orgId: entry.orgId ?? null,
    before: entry.before === undefined ? null : maskForAudit(entry.before),
    after: entry.after === undefined ? null : maskForAudit(entry.after),
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  };
  await tx.insert(auditLog).values({ ...row, mac: rowMac(ctx.ciphers.audit, row) });
}
