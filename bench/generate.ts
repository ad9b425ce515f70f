/**
 * Benchmark data: a fictional coal group with N Party members, written with set-based SQL.
 *   tsx bench/generate.ts --members 100000 --url postgres://… [--append]
 * The URL defaults to BENCH_DATABASE_URL. Refuses a database that already has members unless
 * --append is given (then a second group tree is added beside the first).
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pinyin } from 'pinyin-pro';
import { type BranchSlot, type OrgRow, orgCount, planTree } from './org-tree.js';

export interface GenerateOptions {
  members: number;
  append?: boolean;
  log?: (msg: string) => void;
}

export interface GenerateResult {
  rootId: number;
  rootPath: string;
  orgs: number;
  members: number;
  ms: number;
}

export class GenerateRefused extends Error {}

const ORG_BATCH = 20_000;
const MEMBER_BATCH = 100_000;

// Common surnames and given-name characters: names are combined by arithmetic, no real person is meant.
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN_MALE = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁东亮健峰海林建国志文俊晨宇浩凯龙振兵卫永新春生成德利金山宏'];
const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞燕玲婷慧红梅莉兰萍琳雪颖倩洁晶丹琴云秀英佳欣'];
const EDUCATION = ['大学本科', '大专', '中专', '高中', '研究生', '技校'];

/** The pinyin of each character, as the app stores it (surnames read as surnames: 曾 → zeng). */
const readings = (chars: string[], surname: boolean) =>
  chars.map((c) => pinyin(c, { toneType: 'none', surname: surname ? 'head' : 'off', nonZh: 'removed' }).toLowerCase());
const POSTS = ['采煤机司机', '支架工', '掘进机司机', '电钳工', '班组长', '安全员', '瓦斯检查工', '调度员', '采矿工程师', '党务干事'];

const SURNAME_PINYIN = readings(SURNAMES, true);
const GIVEN_MALE_PINYIN = readings(GIVEN_MALE, false);
const GIVEN_FEMALE_PINYIN = readings(GIVEN_FEMALE, false);

/**
 * One statement per batch of branches: each branch expands to its slice of the member series, and
 * every column is arithmetic on the series index `i` through a multiplicative hash `h`.
 */
const INSERT_MEMBERS = `
WITH s AS (
  SELECT b.org_id, b.org_path, (i::bigint * 2654435761) % 4294967296 AS h
  FROM unnest($1::int[], $2::text[], $3::int[], $4::int[]) AS b(org_id, org_path, first, n),
       generate_series(b.first, b.first + b.n - 1) AS i
), p AS (
  SELECT *, h % 100 < 15 AS female, date '1966-01-01' + ((h / 100) % 13870)::int AS born FROM s
), q AS (
  SELECT *, born >= date '1994-01-01' AND h % 7 = 0 AS probationary FROM p
), r AS (
  SELECT *, CASE WHEN probationary THEN date '2025-07-01' - (h % 300)::int
                 ELSE least(born + make_interval(years => 22 + (h % 14)::int), date '2024-06-30')::date END AS admitted
  FROM q
), n AS (
  SELECT *, 1 + (h / 7) % ${SURNAMES.length} AS si,
    1 + (h / 11) % CASE WHEN female THEN ${GIVEN_FEMALE.length} ELSE ${GIVEN_MALE.length} END AS g1,
    CASE WHEN h % 3 = 0 THEN NULL ELSE 1 + (h / 13) % CASE WHEN female THEN ${GIVEN_FEMALE.length} ELSE ${GIVEN_MALE.length} END END AS g2
  FROM r
), x AS (
  -- The given-name characters and their readings, from the list for the person's sex.
  SELECT *,
    CASE WHEN female THEN ($7::text[])[g1] ELSE ($6::text[])[g1] END AS c1,
    CASE WHEN female THEN ($12::text[])[g1] ELSE ($11::text[])[g1] END AS p1,
    coalesce(CASE WHEN female THEN ($7::text[])[g2] ELSE ($6::text[])[g2] END, '') AS c2,
    coalesce(CASE WHEN female THEN ($12::text[])[g2] ELSE ($11::text[])[g2] END, '') AS p2
  FROM n
)
INSERT INTO members (org_id, org_path, name, name_pinyin, name_initials, sex, birth_date, education, post, category, status, applied_on, admitted_on, full_on)
SELECT org_id, org_path,
  ($5::text[])[si] || c1 || c2,
  ($10::text[])[si] || p1 || p2,
  left(($10::text[])[si], 1) || left(p1, 1) || left(p2, 1),
  CASE WHEN female THEN '女' ELSE '男' END,
  born,
  ($8::text[])[1 + (h / 17) % ${EDUCATION.length}],
  ($9::text[])[1 + (h / 19) % ${POSTS.length}],
  CASE WHEN probationary THEN 'probationary' ELSE 'full' END,
  'normal',
  admitted - 730,
  admitted,
  CASE WHEN probationary THEN NULL ELSE (admitted + interval '1 year')::date END
FROM x`;

const INSERT_ORGS = `
INSERT INTO orgs (id, parent_id, path, name, kind, category, unit_name, sort)
OVERRIDING SYSTEM VALUE
SELECT id, parent_id, path, name, kind, category, regexp_replace(name, '党(委|总支|支部|小组)$', ''), sort
FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
  AS t(id, parent_id, path, name, kind, category, sort)`;

/** Generates the tree and its members in one transaction on one connection of `pool`. */
export async function generate(pool: pg.Pool, opts: GenerateOptions): Promise<GenerateResult> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const existing = await scalar(client, 'SELECT count(*)::int AS n FROM members');
    if (existing > 0 && !opts.append) {
      throw new GenerateRefused(`the database already has ${existing} members; pass --append to add more`);
    }
    const roots = await scalar(client, 'SELECT count(*)::int AS n FROM orgs WHERE parent_id IS NULL');
    const offset = existing > 0 ? await scalar(client, 'SELECT coalesce(max(id), 0)::int AS n FROM members') : 0;

    const ids = await reserveOrgIds(client, orgCount(opts.members));
    const plan = planTree(opts.members, (k) => ids[k], offset, roots > 0 ? `（${roots + 1}）` : '');
    for (let i = 0; i < plan.orgs.length; i += ORG_BATCH) await insertOrgs(client, plan.orgs.slice(i, i + ORG_BATCH));
    log(`orgs: ${plan.orgs.length} (${plan.branches.length} branches) in ${secs(started)}`);

    let done = 0;
    for (let i = 0; i < plan.branches.length; ) {
      const batch: BranchSlot[] = [];
      for (let size = 0; i < plan.branches.length && size < MEMBER_BATCH; i++) {
        batch.push(plan.branches[i]);
        size += plan.branches[i].n;
      }
      const res = await client.query(INSERT_MEMBERS, [
        batch.map((b) => b.orgId),
        batch.map((b) => b.orgPath),
        batch.map((b) => b.first),
        batch.map((b) => b.n),
        SURNAMES,
        GIVEN_MALE,
        GIVEN_FEMALE,
        EDUCATION,
        POSTS,
        SURNAME_PINYIN,
        GIVEN_MALE_PINYIN,
        GIVEN_FEMALE_PINYIN,
      ]);
      done += res.rowCount ?? 0;
      log(`members: ${done} / ${opts.members} in ${secs(started)}`);
    }
    await client.query('COMMIT');
    // Now rather than by autovacuum in the middle of a measurement; also gives the planner statistics.
    await client.query('VACUUM (ANALYZE) orgs, members');
    const root = plan.orgs[0];
    return { rootId: root.id, rootPath: root.path, orgs: plan.orgs.length, members: done, ms: performance.now() - started };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

async function scalar(client: pg.PoolClient, sql: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(sql);
  return rows[0].n;
}

/** Takes ids from the orgs identity sequence, so later ordinary inserts cannot collide. */
async function reserveOrgIds(client: pg.PoolClient, n: number): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(
    "SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id FROM generate_series(1, $1)",
    [n],
  );
  return rows.map((r) => r.id);
}

async function insertOrgs(client: pg.PoolClient, rows: OrgRow[]): Promise<void> {
  await client.query(INSERT_ORGS, [
    rows.map((r) => r.id),
    rows.map((r) => r.parentId),
    rows.map((r) => r.path),
    rows.map((r) => r.name),
    rows.map((r) => r.kind),
    rows.map((r) => r.category),
    rows.map((r) => r.sort),
  ]);
}

const secs = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function cli(): Promise<void> {
  const { values } = parseArgs({
    options: { members: { type: 'string', default: '100000' }, url: { type: 'string' }, append: { type: 'boolean', default: false } },
  });
  const members = Number(values.members);
  const url = values.url ?? process.env.BENCH_DATABASE_URL;
  if (!Number.isInteger(members) || members < 1) throw new GenerateRefused('--members must be a positive integer');
  if (!url) throw new GenerateRefused('give --url postgres://… or set BENCH_DATABASE_URL');
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'vanguard-bench' });
  try {
    const r = await generate(pool, { members, append: values.append, log: (m) => process.stdout.write(`${m}\n`) });
    process.stdout.write(`generated ${r.members} members in ${r.orgs} orgs (root ${r.rootPath}) in ${(r.ms / 1000).toFixed(1)} s\n`);
  } finally {
    await pool.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli().catch((e: unknown) => {
    process.stderr.write(`${e instanceof GenerateRefused ? e.message : e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(e instanceof GenerateRefused ? 2 : 1);
  });
}
