/**
 * Notices benchmark (issue 16 item 1): publishing to every account of the generated group as one
 * set-based INSERT … SELECT, and the sender's read-count page under load.
 *   npx tsx bench/notices.ts --members 100000 [--seconds 10]
 * Generates the members (bench/generate.ts), gives each one an account in its org (one INSERT … SELECT),
 * then:
 *   1. POST /api/v1/notices to the group committee's whole subtree, end to end (scope check, audience,
 *      the recipients' INSERT … SELECT, notify's in-app messages, audit) — timed once;
 *   2. a third of the receipts marked read, a sixth signed (one UPDATE);
 *   3. GET /api/v1/notices/:id/stats (counts per branch) for the group and for a mine, and the
 *      drill-down page of unread names, at 1 and 10 connections.
 * Writes bench/out/notices-latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startLoader } from './load.js';
import { currentLoad, machineLines, problems, type Row, table } from './report.js';
import { startStack } from './stack.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));

async function main() {
  const { values } = parseArgs({ options: { members: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '10' } } });
  const seconds = Number(values.seconds);
  const loadBefore = currentLoad();
  const started = new Date();
  const stack = await startStack({ members: Number(values.members), databaseUrl: process.env.BENCH_DATABASE_URL, log: say });
  const loader = startLoader();
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  try {
    const s = stack.session;
    let t = Date.now();
    const made = await pool.query(`
      INSERT INTO users (username, display_name, org_id, password_hash)
      SELECT 'bm_' || m.id, m.name, m.org_id, 'x' FROM members m
      WHERE NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.username) = 'bm_' || m.id)`);
    say(`accounts: ${made.rowCount} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await pool.query('ANALYZE users');

    t = Date.now();
    const res = await fetch(`${stack.appUrl}/api/v1/notices`, {
      method: 'POST',
      headers: { ...s.auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        orgId: s.root.id,
        title: '关于开展安全生产大检查的通知',
        body: '各单位：请组织学习并签收。',
        requireSign: true,
        signDeadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        audience: { orgIds: [s.root.id] },
      }),
    });
    const publishMs = Date.now() - t;
    const notice = (await res.json()) as { id: number; recipients: number };
    if (res.status !== 201) throw new Error(`publish: ${res.status} ${JSON.stringify(notice)}`);
    say(`published to ${notice.recipients} recipients in ${(publishMs / 1000).toFixed(2)} s`);

    t = Date.now();
    await pool.query(
      `UPDATE notice_recipients SET read_at = now(), signed_at = CASE WHEN user_id % 6 = 0 THEN now() END
       WHERE notice_id = $1 AND user_id % 3 = 0`,
      [notice.id],
    );
    await pool.query('ANALYZE notice_recipients');
    say(`receipts marked in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const rows: Row[] = [];
    const scenarios: [string, string][] = [
      ['GET notice stats (group, per mine)', `/api/v1/notices/${notice.id}/stats`],
      ['GET notice stats (one mine, per branch)', `/api/v1/notices/${notice.id}/stats?orgId=${s.mine.id}`],
      ['GET unread names (one branch, page 1)', `/api/v1/notices/${notice.id}/recipients?orgId=${s.branch.id}&state=unread`],
    ];
    for (const [scenario, path] of scenarios) {
      for (const connections of [1, 10]) {
        const result = await loader.run({
          url: `${stack.appUrl}${path}`,
          connections,
          seconds,
          method: 'GET',
          headers: { cookie: s.auth.cookie },
        });
        rows.push({ scenario, connections, result });
        say(
          `${scenario} ×${connections}: p50 ${result.p50?.toFixed(1)} ms, p99 ${result.p99?.toFixed(1)} ms, ${Math.round(result.requestsPerSec)} req/s`,
        );
      }
    }
    const lines = [
      '# Notices benchmark',
      '',
      ...machineLines(
        { database: stack.database, members: stack.members, orgs: stack.orgs, seconds, loadBefore, loadAfter: currentLoad() },
        started,
      ),
      '',
      `- publish to ${notice.recipients.toLocaleString('en-US')} recipients (POST /api/v1/notices, end to end, one INSERT … SELECT): **${(publishMs / 1000).toFixed(2)} s**`,
      '',
      ...table(rows),
      ...problems(rows),
    ];
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}notices-latest.md`, `${lines.join('\n')}\n`);
    say(lines.join('\n'));
  } finally {
    loader.stop();
    await pool.end();
    await stack.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
