import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { AuditKeys } from '../crypto/keys.js';
import { type Anchor, readAnchors } from './anchor.js';
import { rowMac } from './keyed.js';

export interface ChainBreak {
  id: number | null;
  seq: number | null;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  breaks: ChainBreak[];
}

export interface VerifyOptions {
  /** The audit keys: each row's MAC is checked (rows before the keying, `legacyUpTo`, have none). */
  keys?: AuditKeys;
  /** The anchor log (DATA_DIR/audit-anchors.log): each signed head must still be in the chain. */
  anchorFile?: string;
  /** Check only rows after this anchored head (the anchoring job's incremental check). */
  after?: { seq: number; hash: string };
  /** The keying's start when known (the anchoring job reads it from its log): no scan for it. */
  legacyUpTo?: number;
  limit?: number;
}

export interface KeyedReport extends ChainReport {
  /** Rows up to this seq were written before the chain was keyed (no MAC; covered by the first anchor). */
  legacyUpTo: number;
  anchors: Anchor[];
}

/**
 * Recomputes every row's hash with the same SQL function the sealing trigger uses, and checks that
 * each row points at its predecessor, that seq has no gaps, and that the head matches the last row
 * (a deleted tail shows as a head mismatch). With the keys, each row's MAC is recomputed: a row
 * rewritten in the database, its plain hashes recomputed, is found. With the anchor log, every
 * anchored head must still be the row at its seq: a rewrite before an anchor (even one that
 * recomputed every hash and left the MACs) and a tail cut below it are found.
 */
export async function verifyAuditChain(db: DbOrTx, opts: VerifyOptions = {}): Promise<ChainReport> {
  const { ok, checked, breaks } = await inspectAuditChain(db, opts);
  return { ok, checked, breaks };
}

/** `verifyAuditChain`, with what the keying and the anchors say (for audit:verify, the self-check and the anchoring job). */
export async function inspectAuditChain(db: DbOrTx, opts: VerifyOptions = {}): Promise<KeyedReport> {
  const limit = opts.limit ?? 100;
  const from = opts.after?.seq ?? 0;
  const startHash = opts.after?.hash ?? '0'.repeat(64);
  const breaks = await db.execute<{ id: number; seq: number; reason: string }>(sql`
    SELECT id, seq, reason FROM (
      SELECT id, seq,
        CASE
          WHEN seq IS DISTINCT FROM coalesce(lag(seq) OVER w, ${from}::bigint) + 1 THEN 'seq_gap'
          WHEN prev_hash IS DISTINCT FROM coalesce(lag(hash) OVER w, ${startHash}::text) THEN 'prev_hash_mismatch'
          WHEN hash IS DISTINCT FROM audit_row_hash(prev_hash, a) THEN 'hash_mismatch'
        END AS reason
      FROM audit_log a
      WHERE seq > ${from}
      WINDOW w AS (ORDER BY seq)
    ) x WHERE reason IS NOT NULL ORDER BY seq LIMIT ${limit}`);
  const [{ checked, lastSeq, lastHash, headSeq, headHash }] = (
    await db.execute<{ checked: number; lastSeq: number | null; lastHash: string | null; headSeq: number; headHash: string }>(sql`
      SELECT (SELECT count(*)::int FROM audit_log WHERE seq > ${from}) AS checked,
             (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1) AS "lastSeq",
             (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS "lastHash",
             h.seq AS "headSeq", h.hash AS "headHash"
      FROM audit_head h WHERE h.id = 1`)
  ).rows;
  const list: ChainBreak[] = breaks.rows.map((b) => ({ id: b.id, seq: b.seq, reason: b.reason }));
  if ((lastSeq ?? 0) !== headSeq || (lastHash ?? '0'.repeat(64)) !== headHash) {
    list.push({ id: null, seq: headSeq, reason: 'head_mismatch' });
  }

  const log = opts.anchorFile ? readAnchors(opts.anchorFile, opts.keys) : { anchors: [], forged: [] };
  for (const seq of log.forged) list.push({ id: null, seq, reason: 'anchor_signature_invalid' });
  const rekey = log.anchors.find((a) => a.kind === 'rekey' || a.kind === 'genesis');
  let legacyUpTo = rekey?.legacyUpTo ?? opts.legacyUpTo ?? 0;
  if (opts.keys) {
    if (!rekey && opts.legacyUpTo === undefined) legacyUpTo = await unkeyedPrefix(db);
    list.push(...(await checkMacs(db, opts.keys, from, legacyUpTo, limit)));
  }
  if (log.anchors.length) {
    const seqs = log.anchors.map((a) => a.seq).filter((s) => s > 0);
    const { rows } = seqs.length
      ? await db.execute<{ seq: number; hash: string; id: number }>(
          sql`SELECT seq, hash, id FROM audit_log WHERE seq = ANY(${`{${seqs.join(',')}}`}::bigint[])`,
        )
      : { rows: [] };
    const found = new Map(rows.map((r) => [Number(r.seq), r]));
    for (const a of log.anchors) {
      if (a.seq === 0) continue;
      const row = found.get(a.seq);
      if (!row) list.push({ id: null, seq: a.seq, reason: 'anchored_row_missing' });
      else if (row.hash !== a.hash) list.push({ id: row.id, seq: a.seq, reason: 'anchor_mismatch' });
    }
  }
  list.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return { ok: list.length === 0, checked, breaks: list.slice(0, limit), legacyUpTo, anchors: log.anchors };
}

/** How many rows from the start have no MAC (written before the chain was keyed). */
async function unkeyedPrefix(db: DbOrTx): Promise<number> {
  const { rows } = await db.execute<{ n: number | null }>(
    sql`SELECT coalesce((SELECT min(seq) - 1 FROM audit_log WHERE mac IS NOT NULL), (SELECT max(seq) FROM audit_log), 0) AS n`,
  );
  return Number(rows[0].n ?? 0);
}

type Row = {
  id: number;
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_id: number | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
  mac: string | null;
};

/** Every row's MAC, in pages by seq. */
async function checkMacs(db: DbOrTx, keys: AuditKeys, from: number, legacyUpTo: number, limit: number): Promise<ChainBreak[]> {
  const out: ChainBreak[] = [];
  let last = Math.max(from, legacyUpTo);
  for (;;) {
    const { rows } = await db.execute<Row>(sql`
      SELECT id, seq, at, actor_id, actor_name, action, entity_type, entity_id, org_id, before, after, request_id, ip, mac
      FROM audit_log WHERE seq > ${last} ORDER BY seq LIMIT 2000`);
    for (const r of rows) {
      const mac = rowMac(keys, {
        at: r.at instanceof Date ? r.at : new Date(r.at),
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        orgId: r.org_id,
        before: r.before,
        after: r.after,
        requestId: r.request_id,
        ip: r.ip,
      });
      if (r.mac === null) out.push({ id: r.id, seq: r.seq, reason: 'mac_missing' });
      else if (r.mac !== mac) out.push({ id: r.id, seq: r.seq, reason: 'mac_mismatch' });
      if (out.length >= limit) return out;
    }
    if (rows.length < 2000) return out;
    last = Number(rows[rows.length - 1].seq);
  }
}
