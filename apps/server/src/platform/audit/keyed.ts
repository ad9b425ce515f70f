import type { AuditKeys } from '../crypto/keys.js';

/** The fields of an audit row its MAC covers: all the app writes (the chain columns are the seal's). */
export interface MacFields {
  at: Date;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

/**
 * A JSON value as jsonb gives it back: through JSON once (dates become strings, undefined drops),
 * object keys sorted at every level (jsonb keeps its own order, not the writer's).
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(JSON.parse(JSON.stringify(value))));
}

/** The text the MAC is computed over: one JSON array, so no field can run into the next. */
export function macInput(f: MacFields): string {
  return JSON.stringify([
    'v1',
    f.at.toISOString(),
    f.actorId,
    f.actorName,
    f.action,
    f.entityType,
    f.entityId,
    f.orgId,
    canonicalJson(f.before),
    canonicalJson(f.after),
    f.requestId,
    f.ip,
  ]);
}

export function rowMac(keys: AuditKeys, f: MacFields): string {
  return keys.mac(macInput(f));
}
