import { appendFileSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import type { AuditKeys } from '../crypto/keys.js';
import { addTodos } from '../todos/todos.js';
import { type MacFields, rowMac } from './keyed.js';
import { inspectAuditChain } from './verify.js';

/**
 * The audit chain's head, anchored outside the database (issue 15 item 1): one signed line per
 * anchor in DATA_DIR/audit-anchors.log (0600, only ever appended). Each line is signed with the
 * anchor key (derived from the master key) and names the previous line's signature, so a line
 * cannot be forged, edited or taken out of the middle. Verification checks every anchored head is
 * still the row at its seq: a DBA who rewrites rows before it and recomputes every hash, or cuts the
 * tail below it, is found. Rows after the last anchor are covered by their MACs; the job anchors
 * every minute.
 */
export interface Anchor {
  v: 1;
  /** `rekey`: the first anchor, over rows written before the key (`legacyUpTo`); `genesis`: the first, on a keyed chain. */
  kind: 'rekey' | 'genesis' | 'anchor';
  seq: number;
  hash: string;
  at: string;
  legacyUpTo?: number;
  /** Problems the first anchor's full check found, recorded (they stay reported by audit:verify). */
  breaks?: number;
  prev: string | null;
  sig: string;
}

export const ANCHOR_FILE = 'audit-anchors.log';
export const anchorFile = (dataDir: string) => join(dataDir, ANCHOR_FILE);

const body = (a: Omit<Anchor, 'sig'>) =>
  JSON.stringify({ v: a.v, kind: a.kind, seq: a.seq, hash: a.hash, at: a.at, legacyUpTo: a.legacyUpTo, breaks: a.breaks, prev: a.prev });

/** The anchors, and the seqs of lines whose signature (or link to the line before) does not hold. */
export function readAnchors(file: string, keys?: AuditKeys): { anchors: Anchor[]; forged: number[] } {
  if (!existsSync(file)) return { anchors: [], forged: [] };
  const anchors: Anchor[] = [];
  const forged: number[] = [];
  let prev: string | null = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let a: Anchor;
    try {
      a = JSON.parse(line) as Anchor;
    } catch {
      forged.push(-1);
      continue;
    }
    if (keys && (a.prev !== prev || keys.sign(body(a)) !== a.sig)) forged.push(a.seq);
    else anchors.push(a);
    prev = a.sig;
  }
  return { anchors, forged };
}

function append(file: string, keys: AuditKeys, a: Omit<Anchor, 'sig' | 'prev' | 'v'>, prev: string | null): Anchor {
  const entry: Omit<Anchor, 'sig'> = { v: 1, ...a, prev };
  const full: Anchor = { ...entry, sig: keys.sign(body(entry)) };
  appendFileSync(file, `${JSON.stringify(full)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return full;
}

async function head(db: Db): Promise<{ seq: number; hash: string }> {
  const { rows } = await db.execute<{ seq: number; hash: string }>(sql`SELECT seq, hash FROM audit_head WHERE id = 1`);
  return { seq: Number(rows[0].seq), hash: rows[0].hash };
}

export interface AnchorDeps {
  db: Db;
  keys: AuditKeys;
  dataDir: string;
  now: () => Date;
  log: (m: string) => void;
}

/**
 * Anchors the current head when it moved. The rows since the last anchor are checked first (links,
 * hashes, MACs): a head is never anchored over a break. The first anchor of a DATA_DIR checks the
 * whole chain; over rows written before the key it is a `rekey` anchor, recorded in the log too.
 */
export async function anchorHead(deps: AnchorDeps): Promise<Anchor | null> {
  const file = anchorFile(deps.dataDir);
  const { anchors, forged } = readAnchors(file, deps.keys);
  if (forged.length) {
    deps.log(`审计锚点文件签名无效，未追加 / anchor log has invalid lines (seq ${forged.join(', ')}); run npm run audit:verify`);
    await tellAuditors(deps, `anchors:${forged[0]}`, `锚点文件 ${file} 中有签名无效的记录（seq ${forged.join('、')}）`);
    return null;
  }
  const last = anchors.at(-1);
  const h = await head(deps.db);
  if (last && last.seq === h.seq && last.hash === h.hash) return null;
  if (!last) {
    const report = await inspectAuditChain(deps.db, { keys: deps.keys });
    const kind = report.legacyUpTo > 0 ? 'rekey' : 'genesis';
    if (!report.ok)
      deps.log(`审计日志校验发现 ${report.breaks.length} 处问题，已记录 / audit chain has breaks, recorded in the first anchor`);
    const a = append(
      file,
      deps.keys,
      { kind, seq: h.seq, hash: h.hash, at: deps.now().toISOString(), legacyUpTo: report.legacyUpTo, breaks: report.breaks.length },
      null,
    );
    if (kind === 'rekey') {
      // Recorded in the log itself as well: from here on the chain is keyed.
      await writeSystemAudit(deps, 'audit.rekey', {
        legacyUpTo: report.legacyUpTo,
        anchoredSeq: h.seq,
        anchoredHash: h.hash,
        plainChainOk: report.ok,
      });
    }
    return a;
  }
  const legacyUpTo = anchors.find((a) => a.kind === 'rekey' || a.kind === 'genesis')?.legacyUpTo ?? 0;
  const report = await inspectAuditChain(deps.db, { keys: deps.keys, after: { seq: last.seq, hash: last.hash }, legacyUpTo });
  const anchoredStill = await deps.db.execute<{ hash: string }>(sql`SELECT hash FROM audit_log WHERE seq = ${last.seq}`);
  if (!report.ok || (last.seq > 0 && anchoredStill.rows[0]?.hash !== last.hash)) {
    deps.log(`审计日志自上次锚定后有断裂，未锚定 / audit chain broken since the last anchor; run npm run audit:verify`);
    const found = report.breaks.map((b) => `seq ${b.seq ?? '-'} ${b.reason}`);
    if (last.seq > 0 && anchoredStill.rows[0]?.hash !== last.hash) found.unshift(`seq ${last.seq} anchor_mismatch`);
    await tellAuditors(deps, `chain:${last.seq}`, `自锚点 seq ${last.seq} 之后：${found.slice(0, 5).join('；')}`);
    return null;
  }
  return append(file, deps.keys, { kind: 'anchor', seq: h.seq, hash: h.hash, at: deps.now().toISOString() }, last.sig);
}

/** A danger notice on every auditor's home (审计管理员), once per finding: the break is not left to the server log. */
async function tellAuditors(deps: AnchorDeps, key: string, body: string): Promise<void> {
  const { rows } = await deps.db.execute<{ user_id: number }>(
    sql`SELECT DISTINCT g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id WHERE g.role = 'auditor' AND u.disabled_at IS NULL`,
  );
  await addTodos(
    deps.db,
    rows.map((r) => ({
      userId: r.user_id,
      kind: 'notice' as const,
      severity: 'danger' as const,
      title: '审计日志完整性校验发现异常，请立即核查',
      body: `${body}。请运行 npm run audit:verify 查看详情。`,
      link: '/admin/audit',
      sourceKey: `audit-break:${key}`,
    })),
  );
}

async function writeSystemAudit(deps: AnchorDeps, action: string, after: unknown): Promise<void> {
  const row: MacFields = {
    at: deps.now(),
    actorId: null,
    actorName: 'system',
    action,
    entityType: 'audit_log',
    entityId: null,
    orgId: null,
    before: null,
    after,
    requestId: null,
    ip: null,
  };
  await deps.db.insert(auditLog).values({ ...row, mac: rowMac(deps.keys, row) });
}

/** Anchors at start, then every `everyMs`, and once more at stop. */
export async function startAnchoring(deps: AnchorDeps, everyMs = 60_000): Promise<{ stop(): Promise<void> }> {
  // One at a time: two runs reading the same last line would both append after it, and the second
  // line's link would then not hold.
  let queue: Promise<unknown> = Promise.resolve();
  const run = () => {
    queue = queue.then(() => anchorHead(deps).catch((e: unknown) => deps.log(`审计锚定失败 / anchoring failed: ${(e as Error).message}`)));
    return queue;
  };
  await run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await run();
    },
  };
}
