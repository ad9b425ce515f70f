/**
 * Proposals and events benchmark (issue 21).
 *   npx tsx bench/proposals.ts [--proposals 200000] [--seconds 20] [--places 2000] [--registrants 3000] [--window 30]
 * A throwaway embedded PostgreSQL with the migrations, one mine; `proposals` proposals generated in
 * SQL (titles from a vocabulary of coal-mine terms), then:
 *   1. similar: GET /api/v1/proposals/similar?q=… (trigram similarity on the title, GIN index) at 10
 *      connections for `seconds` (autocannon in a child process); p50/p99 of the 2xx answers;
 *   2. register: an event with `places` places; `registrants` workers, each with a session, POST
 *      /register spread evenly over `window` seconds (fetch, from this process); p50/p99, and the
 *      over-booking check: registered = min(places, registrants), registered_count agrees, no one twice.
 * Writes bench/out/proposals-latest.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDb } from '../apps/server/src/db/client.js';
import { startEmbedded } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { createSession, SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.js';
import { startLoader } from './load.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};

async function main() {
  const { values } = parseArgs({
    options: {
      proposals: { type: 'string', default: '200000' },
      seconds: { type: 'string', default: '20' },
      places: { type: 'string', default: '2000' },
      registrants: { type: 'string', default: '3000' },
      window: { type: 'string', default: '30' },
    },
  });
  const n = Number(values.proposals);
  const places = Number(values.places);
  const registrants = Number(values.registrants);
  const windowS = Number(values.window);
  const dir = mkdtempSync(join(tmpdir(), 'vanguard-bench-proposals-'));
  const embedded = await startEmbedded(dir);
  const db = createDb(embedded.url, 20);
  const loader = startLoader();
  try {
    await runMigrations(db);
    const q = (text: string, params: unknown[] = []) => db.$client.query(text, params);
    const root = (
      await q(`INSERT INTO orgs (path, name, kind, category) VALUES ('/', '基准集团党委', 'committee', 'leading') RETURNING id`)
    ).rows[0].id as number;
    await q(`UPDATE orgs SET path = '/' || id || '/' WHERE id = $1`, [root]);
    const mine = (
      await q(
        `INSERT INTO orgs (parent_id, path, name, kind, category) VALUES ($1, '/', '基准矿党委', 'committee', 'production') RETURNING id`,
        [root],
      )
    ).rows[0].id as number;
    const minePath = `/${root}/${mine}/`;
    await q(`UPDATE orgs SET path = $2 WHERE id = $1`, [mine, minePath]);
    const admin = (
      await q(
        `INSERT INTO users (username, display_name, org_id, password_hash) VALUES ('bench_admin', '基准管理员', $1, 'x') RETURNING id`,
        [mine],
      )
    ).rows[0].id as number;
    await q(`INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, 'org_admin', $2)`, [admin, mine]);

    say(`generating ${n} proposals…`);
    let t0 = performance.now();
    await q(
      `WITH w AS (SELECT ARRAY['皮带机','刮板机','采煤机','液压支架','瓦斯抽采','通风机','水泵','绞车','掘进机','变电所','巷道','支护','防尘','照明','电缆','乳化液泵','溜槽','顶板','安全帽','监控','提升机','空压机','锚杆','风门','密闭','探放水','运输车','转载机','破碎机','洗煤机'] AS a,
                         ARRAY['机头','机尾','电机','减速器','托辊','链条','油缸','阀组','控制箱','传感器','滤网','喷嘴','闸门','轨道','钢丝绳'] AS c,
                         ARRAY['加装防护罩','改进张紧装置','更换节能电机','优化检修流程','增设自动报警','降低能耗','减少停机','改造喷雾降尘','延长使用寿命','简化操作步骤','改用耐磨材料','远程监测','定期自检','标准化作业','防误操作'] AS b)
       INSERT INTO proposals (org_id, org_path, proposer_user_id, proposer_name, category, title, problem, change, expected_benefit, place, ruleset_version, status)
       SELECT $1, $2, $3, '基准', (ARRAY['safety','quality','cost','efficiency','environment','management'])[1 + g % 6],
              w.a[1 + (g::bigint * 7919) % 30] || w.c[1 + (g::bigint * 104729) % 15] || w.b[1 + (g::bigint * 1299709) % 15] || g, '问题', '措施', '效益', '工作面', '2026.1', 'reviewing'
       FROM generate_series(1, $4) g, w`,
      [mine, minePath, admin, n],
    );
    await q('ANALYZE proposals');
    say(`  ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: join(dir, 'app'), LOG_LEVEL: 'silent', MASTER_KEY: 'be'.repeat(32) });
    const app = await buildApp({ config, db, serveWeb: false });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const sess = async (userId: number) => {
      const { token, session } = await createSession(db, userId, 'active', new Date(), { ip: '127.0.0.1', userAgent: 'bench' });
      return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken };
    };
    const adminAuth = await sess(admin);

    say('similar lookup at 10 connections…');
    const similar = await loader.run({
      url: `${base}/api/v1/proposals/similar?q=${encodeURIComponent('刮板机链条改进张紧装置')}`,
      connections: 10,
      seconds: Number(values.seconds),
      method: 'GET',
      headers: adminAuth,
    });
    say(
      `  ${similar.requestsPerSec.toFixed(0)} req/s, p50 ${similar.p50?.toFixed(1)} ms, p99 ${similar.p99?.toFixed(1)} ms, non-2xx ${similar.non2xx}`,
    );

    if (registrants === 0) {
      await app.close();
      return;
    }
    say(`event with ${places} places, ${registrants} registrants over ${windowS} s…`);
    const now = Date.now();
    const ev = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify({
        orgId: mine,
        kind: 'culture',
        title: '基准活动',
        place: '体育馆',
        startsAt: new Date(now + 86_400_000).toISOString(),
        endsAt: new Date(now + 90_000_000).toISOString(),
        regOpensAt: new Date(now - 60_000).toISOString(),
        regClosesAt: new Date(now + 3_600_000).toISOString(),
        capacity: places,
        audience: 'workers',
      }),
    });
    const eventId = ((await ev.json()) as { id: number }).id;
    t0 = performance.now();
    const ids = (
      await q(
        `WITH u AS (INSERT INTO users (username, display_name, org_id, password_hash)
           SELECT 'bench_w' || g, '职工' || g, $1, 'x' FROM generate_series(1, $2) g RETURNING id)
         INSERT INTO workers (org_id, org_path, user_id, name, sex) SELECT $1, $3, id, '职工', '男' FROM u RETURNING user_id`,
        [mine, registrants, minePath],
      )
    ).rows.map((r) => r.user_id as number);
    await q(`INSERT INTO role_grants (user_id, role, org_id) SELECT unnest($1::int[]), 'worker', $2`, [ids, mine]);
    const auths = [];
    for (const id of ids) auths.push(await sess(id));
    say(`  ${registrants} workers with sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const lat: number[] = [];
    const codes: Record<number, number> = {};
    const start = performance.now();
    await Promise.all(
      auths.map(async (a, i) => {
        const at = (i / auths.length) * windowS * 1000;
        await new Promise((r) => setTimeout(r, Math.max(0, at - (performance.now() - start))));
        const s = performance.now();
        const res = await fetch(`${base}/api/v1/my/events/${eventId}/register`, { method: 'POST', headers: a });
        await res.arrayBuffer();
        lat.push(performance.now() - s);
        codes[res.status] = (codes[res.status] ?? 0) + 1;
      }),
    );
    const took = (performance.now() - start) / 1000;
    const c = (
      await q(
        `SELECT count(*) FILTER (WHERE status = 'registered')::int AS registered, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
                count(DISTINCT user_id)::int AS people, (SELECT registered_count FROM events WHERE id = $1) AS counter
         FROM event_registrations WHERE event_id = $1`,
        [eventId],
      )
    ).rows[0];
    const overbooked = c.registered > places || c.counter !== c.registered;
    say(`  ${took.toFixed(1)} s, p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, codes ${JSON.stringify(codes)}`);
    say(
      `  registered ${c.registered}, waitlisted ${c.waitlisted}, counter ${c.counter}, people ${c.people}: ${overbooked ? 'OVER-BOOKED' : 'no over-booking'}`,
    );
    const load = loadavg()[0].toFixed(1);
    const lines = [
      `# proposals benchmark ${new Date().toISOString()}`,
      '',
      `Machine: ${cpus().length} cores, load average ${load} at the end (shared with other helpers).`,
      '',
      '| scenario | scale | result | p50 | p99 | target |',
      '| --- | --- | --- | ---: | ---: | --- |',
      `| similar proposals (trigram, GIN) | ${n} proposals, 10 connections, ${values.seconds} s | ${similar.requestsPerSec.toFixed(0)} req/s, non-2xx ${similar.non2xx} | ${similar.p50?.toFixed(1)} ms | ${similar.p99?.toFixed(1)} ms | p99 < 100 ms |`,
      `| event registration | ${places} places, ${registrants} registrants in ${took.toFixed(1)} s | registered ${c.registered}, waitlisted ${c.waitlisted}, ${overbooked ? 'OVER-BOOKED' : 'no over-booking'} | ${pct(lat, 50).toFixed(1)} ms | ${pct(lat, 99).toFixed(1)} ms | no over-booking, p99 < 300 ms |`,
    ];
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'proposals-latest.md'), `${lines.join('\n')}\n`);
    say(lines.join('\n'));
    await app.close();
  } finally {
    loader.stop();
    await db.$client.end();
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
