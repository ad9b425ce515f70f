import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

export interface ChainReport {
  ok: boolean;
  checked: number;
  breaks: { id: number | null; seq: number | null; reason: string }[];
}

/**
 * Recomputes every row's hash with the same SQL function the sealing trigger uses, and checks
 * that each row points at its predecessor, that seq has no gaps, and that the head matches the
 * last row (a deleted tail shows as a head mismatch).
 */
export async function verifyAuditChain(db: DbOrTx, limit = 100): Promise<ChainReport> {
  const breaks = await db.execute<{ id: number; seq: number; reason: string }>(sql`
    SELECT id, seq, reason FROM (
      SELECT id, seq,
        CASE
          WHEN seq IS DISTINCT FROM coalesce(lag(seq) OVER w, 0) + 1 THEN 'seq_gap'
          WHEN prev_hash IS DISTINCT FROM coalesce(lag(hash) OVER w, repeat('0', 64)) THEN 'prev_hash_mismatch'
          WHEN hash IS DISTINCT FROM audit_row_hash(prev_hash, a) THEN 'hash_mismatch'
        END AS reason
      FROM audit_log a
      WINDOW w AS (ORDER BY seq)
    ) x WHERE reason IS NOT NULL ORDER BY seq LIMIT ${limit}`);
  const [{ checked, lastSeq, lastHash, headSeq, headHash }] = (
    await db.execute<{ checked: number; lastSeq: number | null; lastHash: string | null; headSeq: number; headHash: string }>(sql`
      SELECT (SELECT count(*)::int FROM audit_log) AS checked,
             (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1) AS "lastSeq",
             (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS "lastHash",
             h.seq AS "headSeq", h.hash AS "headHash"
      FROM audit_head h WHERE h.id = 1`)
  ).rows;
  const list: ChainReport['breaks'] = breaks.rows.map((b) => ({ id: b.id, seq: b.seq, reason: b.reason }));
  if ((lastSeq ?? 0) !== headSeq || (lastHash ?? '0'.repeat(64)) !== headHash) {
    list.push({ id: null, seq: headSeq, reason: 'head_mismatch' });
  }
  return { ok: list.length === 0, checked, breaks: list };
}
