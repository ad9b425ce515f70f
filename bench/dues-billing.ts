/**
 * Dues benchmark: monthly billing (one set-based INSERT … SELECT … ON CONFLICT DO NOTHING) for the
 * whole generated group, and a branch's monthly ledger under load.
 *   npx tsx bench/dues-billing.ts --members 100000 [--seconds 10]
 *   npx tsx bench/dues-billing.ts --members 1000000
 * Starts a throwaway embedded PostgreSQL (or uses BENCH_DATABASE_URL when it has no members yet),
 * generates the members (bench/generate.ts), declares a base for every member with one INSERT …
 * SELECT (the standard computed in SQL from the ruleset's brackets and checked against the pure
 * rule function on a sample), then:
 *   1. POST /api/v1/dues/bills/generate for the group committee (end to end: scope check, the
 *      statement, the counts and the audit row) — a fresh month;
 *   2. the same request again (idempotent: nothing created);
 *   3. generateBillsSql alone for another fresh month (the statement without the API around it);
 *   4. GET /api/v1/dues/ledger of one branch at 1, 10 and 50 connections: as served (the page kept in
 *      memory, platform/cache.ts) and from a second app with READ_CACHE=false, where every request
 *      reads its session and the page from PostgreSQL.
 * Writes bench/out/dues-latest.md. Base ciphertexts are left NULL here: billing never reads them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DUES_RULESETS, duesStandard } from '@vanguard/shared';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDb } from '../apps/server/src/db/client.js';
import { type EmbeddedDatabase, startEmbedded } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { roleGrants, users } from '../apps/server/src/db/schema/index.js';
import { generateBillsSql } from '../apps/server/src/modules/dues/dues-billing.service.js';
import { hashPassword } from '../apps/server/src/platform/auth/password.js';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.js';
import { generate } from './generate.js';
import { startLoader } from './load.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const PASSWORD = 'Bench-Passw0rd!';

async function main() {
  const { values } = parseArgs({ options: { members: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '10' } } });
  const members = Number(values.members);
  const seconds = Number(values.seconds);
  const loadBefore = loadavg()[0];
  const started = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'vanguard-dues-bench-'));
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    embedded = await startEmbedded(dir);
    url = embedded.url;
  }
  const db = createDb(url);
  const loader = startLoader();
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await runMigrations(db);
    const version = (await db.$client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    say(`generating ${members} members…`);
    const g = await generate(db.$client, { members, log: (m) => say(`  ${m}`) });
    say(`generated ${g.members} members in ${g.orgs} orgs in ${(g.ms / 1000).toFixed(1)} s`);

    // Bases for everyone: 3000–12000 元 spread over the brackets, computed in SQL from the ruleset.
    const rs = DUES_RULESETS[0];
    const rate = `CASE ${rs.employed.map((b) => (b.upToFen === null ? `ELSE ${b.rateBp}` : `WHEN base <= ${b.upToFen} THEN ${b.rateBp}`)).join(' ')} END`;
    let t = Date.now();
    await db.$client.query(`
      INSERT INTO dues_bases (member_id, org_id, org_path, year, effective_from, category, source, rule_version, rounding, rate_bp, standard_fen, monthly_fen, basis)
      SELECT id, org_id, org_path, 2026, DATE '2026-01-01', 'employed', 'declare', '${rs.version}', 'fen', r, s, s, 'bench'
      FROM (SELECT m.id, m.org_id, m.org_path, x.base, ${rate} AS r
            FROM members m, LATERAL (SELECT 300000 + ((m.id::bigint * 2654435761) % 1000) * 900 + (m.id % 100) AS base) x) y,
           LATERAL (SELECT least((y.base * y.r + 5000) / 10000, ${rs.capFen})::int AS s) z`);
    const basesMs = Date.now() - t;
    const sample = await db.$client.query<{ id: number; base: string; monthly_fen: number }>(
      'SELECT b.member_id AS id, 300000 + ((b.member_id::bigint * 2654435761) % 1000) * 900 + (b.member_id % 100) AS base, b.monthly_fen FROM dues_bases b ORDER BY random() LIMIT 1000',
    );
    for (const s of sample.rows) {
      const want = duesStandard({ category: 'employed', baseFen: Number(s.base) }).monthlyFen;
      if (want !== s.monthly_fen) throw new Error(`SQL standard ${s.monthly_fen} ≠ rule ${want} for base ${s.base}`);
    }
    await db.$client.query('VACUUM (ANALYZE) dues_bases');
    await db.$client.query('CHECKPOINT').catch(() => {});
    say(`bases: ${g.members} rows in ${(basesMs / 1000).toFixed(1)} s (1000 sampled standards match the rule function)`);

    const configEnv = {
      NODE_ENV: 'production',
      DATA_DIR: join(dir, 'app'),
      LOG_LEVEL: 'silent',
      MASTER_KEY: randomBytes(32).toString('hex'),
    };
    const config = loadConfig(configEnv);
    app = await buildApp({ config, db, serveWeb: false });
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const username = `bench_${randomBytes(4).toString('hex')}`;
    const [u] = await db
      .insert(users)
      .values({ username, displayName: '党费基准', orgId: g.rootId, passwordHash: await hashPassword(PASSWORD) })
      .returning({ id: users.id });
    await db.insert(roleGrants).values({ userId: u.id, role: 'org_admin', orgId: g.rootId });
    const login = await fetch(`${appUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    const body = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '').split(';')[0];
    const auth = { cookie, 'x-csrf-token': body.csrfToken };

    const generateApi = async (month: string) => {
      const t0 = Date.now();
      const res = await fetch(`${appUrl}/api/v1/dues/bills/generate`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ orgId: g.rootId, month }),
      });
      const out = (await res.json()) as { created: number; existing: number; totalDueFen: number };
      if (!res.ok) throw new Error(`generate ${res.status} ${JSON.stringify(out)}`);
      return { ms: Date.now() - t0, ...out };
    };
    const first = await generateApi('2026-10');
    say(`POST generate (fresh month): ${first.created} bills in ${(first.ms / 1000).toFixed(2)} s`);
    const again = await generateApi('2026-10');
    say(`POST generate again (idempotent): ${again.created} created, ${again.existing} existing, ${(again.ms / 1000).toFixed(2)} s`);
    const [{ s }] = (await db.$client.query<{ s: string }>('SELECT sum(monthly_fen)::bigint AS s FROM dues_bases')).rows;
    if (Number(s) !== first.totalDueFen) throw new Error(`billed ${first.totalDueFen} ≠ sum of standards ${s}`);
    t = Date.now();
    const sqlCreated = await db.transaction((tx) => generateBillsSql(tx, g.rootPath, '2026-11-01'));
    const sqlMs = Date.now() - t;
    say(`generateBillsSql alone (fresh month): ${sqlCreated} bills in ${(sqlMs / 1000).toFixed(2)} s`);
    await db.$client.query('VACUUM (ANALYZE) dues_bills');

    const { rows } = await db.$client.query<{ id: number; n: number }>(
      `SELECT o.id, (SELECT count(*)::int FROM members m WHERE m.org_id = o.id) AS n FROM orgs o WHERE o.kind = 'branch' AND o.path LIKE $1 || '_%' ORDER BY o.id LIMIT 1`,
      [g.rootPath],
    );
    const branch = rows[0];
    const ledgerUrl = `${appUrl}/api/v1/dues/ledger?orgId=${branch.id}&month=2026-10&pageSize=50`;
    const pre = await fetch(ledgerUrl, { headers: auth });
    if (!pre.ok) throw new Error(`ledger ${pre.status} ${await pre.text()}`);
    const loadRows: string[] = [];
    const measure = async (name: string, url: string, headers: Record<string, string>, conns = [1, 10, 50]) => {
      await loader.run({ url, method: 'GET', headers, connections: 10, seconds: 1 });
      for (const connections of conns) {
        const r = await loader.run({ url, method: 'GET', headers, connections, seconds });
        if (r.non2xx || r.errors) throw new Error(`${name} load: ${r.non2xx} non-2xx, ${r.errors} errors (${r.firstError ?? ''})`);
        say(`${name} @${connections}: ${Math.round(r.requestsPerSec)} req/s, p50 ${r.p50?.toFixed(2)} ms, p99 ${r.p99?.toFixed(2)} ms`);
        loadRows.push(
          `| ${name} | ${connections} | ${Math.round(r.requestsPerSec).toLocaleString('en-US')} | ${r.p50?.toFixed(2)} | ${r.p99?.toFixed(2)} |`,
        );
      }
    };
    // GET /api/v1/me beside it: the same session and grants lookup with nothing of the dues module, for scale.
    await measure('GET /api/v1/me (baseline: session + grants only)', `${appUrl}/api/v1/me`, auth);
    await measure(`GET /api/v1/dues/ledger (branch of ${branch.n})`, ledgerUrl, auth);
    // As served while payments are recorded elsewhere in the group, 20 a second: each one makes every
    // process forget every kept page and session (the in-process forget after a write, and NOTIFY).
    const payers = (await db.$client.query<{ id: number }>('SELECT id FROM members WHERE org_id <> $1 ORDER BY id LIMIT 1000', [branch.id]))
      .rows;
    let paying = true;
    let payments = 0;
    const writer = (async () => {
      for (const p of payers) {
        if (!paying) break;
        const t0 = Date.now();
        const res = await fetch(`${appUrl}/api/v1/dues/payments`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ memberId: p.id, months: ['2026-10'], method: 'cash', paidOn: '2026-11-10', receiptNo: `B-${p.id}` }),
        });
        if (!res.ok) throw new Error(`payment ${res.status} ${await res.text()}`);
        payments++;
        await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - t0))));
      }
    })();
    const before = payments;
    await measure(`GET /api/v1/dues/ledger, as served, while 20 payments a second are recorded elsewhere`, ledgerUrl, auth, [50]);
    say(`  (${payments - before} payments recorded during the warm-up and the 50-connection run)`);
    paying = false;
    await writer;
    // The same through an app that keeps nothing: what a request costs when the page has just changed.
    const uncachedDb = createDb(url);
    const uncached = await buildApp({ config: loadConfig({ ...configEnv, READ_CACHE: 'false' }), db: uncachedDb, serveWeb: false });
    try {
      const uncachedUrl = await uncached.listen({ host: '127.0.0.1', port: 0 });
      await measure(
        `GET /api/v1/dues/ledger, READ_CACHE=false (every request reads PostgreSQL)`,
        ledgerUrl.replace(appUrl, uncachedUrl),
        auth,
      );
    } finally {
      await uncached.close();
      await uncachedDb.$client.end();
    }
    const md = [
      `### Dues, ${g.members.toLocaleString('en-US')} members (${started.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
      '',
      `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL ${version} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'}). Load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after. ${g.orgs.toLocaleString('en-US')} orgs, members generated in ${(g.ms / 1000).toFixed(1)} s, bases in ${(basesMs / 1000).toFixed(1)} s.`,
      '',
      '| billing step | bills | seconds |',
      '| --- | ---: | ---: |',
      `| POST /api/v1/dues/bills/generate, fresh month (statement + counts + audit) | ${first.created.toLocaleString('en-US')} | ${(first.ms / 1000).toFixed(2)} |`,
      `| the same again (idempotent) | ${again.created} | ${(again.ms / 1000).toFixed(2)} |`,
      `| generateBillsSql alone, fresh month | ${sqlCreated.toLocaleString('en-US')} | ${(sqlMs / 1000).toFixed(2)} |`,
      '',
      `Billed total = sum of the members' standards (${Number(s).toLocaleString('en-US')} fen): checked.`,
      '',
      '| scenario | connections | req/s | p50 ms | p99 ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...loadRows,
      '',
    ].join('\n');
    say(`\n${md}`);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}dues-latest.md`, md);
  } finally {
    loader.stop();
    await app?.close();
    await db.$client.end();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`dues bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
