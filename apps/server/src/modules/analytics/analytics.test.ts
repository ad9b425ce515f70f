import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix, databaseState } from '../../../test/authz.js';
import { createTestEnv, json, multipart, type TestEnv } from '../../../test/harness.js';
import { refreshMonth } from './rollups.service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Org = { id: number; path: string; name: string };
const HEAD = ['组织编号', '组织名称', '月份', '指标代码', '指标名称', '单位', '数值'];

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(HEAD);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const row = (org: Org, month: string, code: string, unit: string, value: number | string) => [
  org.id,
  org.name,
  month,
  code,
  null,
  unit,
  value,
];

async function mine() {
  const group = await env.buildOrg({ kind: 'committee', category: 'leading', name: `集团${Math.random()}` });
  const mineOrg = await env.buildOrg({ parent: group, kind: 'committee', name: `东山矿${Math.random()}` });
  const a = await env.buildOrg({ parent: mineOrg, name: `综采一队${Math.random()}` });
  const b = await env.buildOrg({ parent: mineOrg, name: `掘进二队${Math.random()}` });
  const admin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: mineOrg.id }] });
  return { group, mine: mineOrg, a, b, api: await env.as(admin) };
}

const values = async (orgId: number) =>
  (
    await env.db.execute<{ code: string; month: string; value: number }>(sql`
    SELECT code, to_char(month, 'YYYY-MM') AS month, value FROM indicator_values WHERE org_id = ${orgId} ORDER BY code, month`)
  ).rows;

describe('import: check → confirm, all or nothing', () => {
  it('a file with bad rows is reported row by row and writes nothing; fixed, it imports and the rollups follow', async () => {
    const t = await mine();
    const outside = await env.buildOrg({ name: '外单位' });
    const bad = await xlsx([
      row(t.a, '2026-02', 'coal_output', 't', 12000),
      row(t.a, '2026-04', 'violations', '人次', 3), // future month
      row(t.b, '2026-02', 'coal_output', 'kg', 100), // unit mismatch
      row(t.b, '2026-02', 'violations', '人次', -1), // negative
      row(outside, '2026-02', 'violations', '人次', 1), // outside the subtree
      row(t.a, '2026-02', 'nope', '', 1), // unknown indicator
      row(t.a, '2026-02', 'coal_output', 't', 5), // duplicate of row 2
    ]);
    const before = await databaseState(env.db);
    const res = await t.api.inject({ method: 'POST', url: `/api/v1/analytics/imports?orgId=${t.mine.id}`, ...multipart('二月.xlsx', bad) });
    expect(res.statusCode, res.body).toBe(200);
    const checked = json<{ id: number; errors: { row: number; column: string; message: string }[] }>(res);
    expect(checked.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '月份'],
      [4, '单位'],
      [5, '数值'],
      [6, '组织编号'],
      [7, '指标代码'],
      [8, '指标代码'],
    ]);
    expect(checked.errors[1].message).toBe('单位应为“t”，文件中是“kg”');
    const refused = await t.api.post(`/api/v1/analytics/imports/${checked.id}/confirm`, { replace: false });
    expect(refused.statusCode).toBe(400);
    expect(json(refused).message).toContain('6 处错误');
    expect(await values(t.a.id)).toEqual([]);
    const after = await databaseState(env.db);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(['indicator_imports']);
    const report = await t.api.get(`/api/v1/analytics/imports/${checked.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);

    const good = await xlsx([
      row(t.a, '2026-02', 'coal_output', 't', 12000),
      row(t.b, '2026-02', 'coal_output', 't', 8000),
      row(t.b, '2026-02', 'violations', '人次', 2),
      [t.a.id, null, '2026-02', null, '在岗人数', '人', 300],
    ]);
    const ok = json<{ id: number; errors: unknown[]; duplicates: unknown[] }>(
      await t.api.inject({ method: 'POST', url: `/api/v1/analytics/imports?orgId=${t.mine.id}`, ...multipart('二月.xlsx', good) }),
    );
    expect(ok.errors).toEqual([]);
    expect(ok.duplicates).toEqual([]);
    const done = await t.api.post(`/api/v1/analytics/imports/${ok.id}/confirm`, { replace: false });
    expect(done.statusCode, done.body).toBe(200);
    expect(json(done).status).toBe('committed');
    expect(await values(t.a.id)).toEqual([
      { code: 'coal_output', month: '2026-02', value: 12000 },
      { code: 'headcount', month: '2026-02', value: 300 },
    ]);
    const dash = json<{ total: Record<string, number>; children: { id: number; values: Record<string, number> }[] }>(
      await t.api.get(`/api/v1/analytics/dashboard?orgId=${t.mine.id}&at=2026-02`),
    );
    expect(dash.total['ind.coal_output']).toBe(20000);
    expect(dash.children.find((c) => c.id === t.b.id)?.values['ind.violations']).toBe(2);
    // A second confirm of the same import is refused.
    expect((await t.api.post(`/api/v1/analytics/imports/${ok.id}/confirm`, { replace: false })).statusCode).toBe(409);
  });

  it('a month already imported is shown with its old values; replaced only when asked, and the history keeps both', async () => {
    const t = await mine();
    const first = json<{ id: number }>(
      await t.api.inject({
        method: 'POST',
        url: `/api/v1/analytics/imports?orgId=${t.mine.id}`,
        ...multipart('a.csv', Buffer.from(`\uFEFF${HEAD.join(',')}\n${t.a.id},,2026-01,coal_output,,t,"1,000"\n`)),
      }),
    );
    expect((await t.api.post(`/api/v1/analytics/imports/${first.id}/confirm`, {})).statusCode).toBe(200);
    const again = json<{ id: number; duplicates: { oldValue: number; newValue: number; name: string }[] }>(
      await t.api.inject({
        method: 'POST',
        url: `/api/v1/analytics/imports?orgId=${t.mine.id}`,
        ...multipart('b.xlsx', await xlsx([row(t.a, '2026-01', 'coal_output', 't', 1500)])),
      }),
    );
    expect(again.duplicates).toMatchObject([{ name: '原煤产量', oldValue: 1000, newValue: 1500 }]);
    const refused = await t.api.post(`/api/v1/analytics/imports/${again.id}/confirm`, { replace: false });
    expect(refused.statusCode).toBe(409);
    expect(await values(t.a.id)).toEqual([{ code: 'coal_output', month: '2026-01', value: 1000 }]);
    expect((await t.api.post(`/api/v1/analytics/imports/${again.id}/confirm`, { replace: true })).statusCode).toBe(200);
    expect(await values(t.a.id)).toEqual([{ code: 'coal_output', month: '2026-01', value: 1500 }]);
    const history = json<{ items: { oldValue: number | null; newValue: number; changedBy: string }[] }>(
      await t.api.get(`/api/v1/analytics/history?orgId=${t.a.id}`),
    );
    expect(history.items.map((h) => [h.oldValue, h.newValue])).toEqual([
      [1000, 1500],
      [null, 1000],
    ]);
  });

  it('the form: bad input names the field and writes nothing', async () => {
    const t = await mine();
    const res = await t.api.put('/api/v1/analytics/values', {
      orgId: t.a.id,
      month: '2026-05',
      values: [
        { code: 'coal_output', value: -3 },
        { code: 'xx', value: 1 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ details: { path: string }[] }>(res).details.map((d) => d.path)).toEqual(['month', 'values.0.value', 'values.1.code']);
    expect(await values(t.a.id)).toEqual([]);
  });
});

describe('rollups equal the base tables after random writes (property)', () => {
  it('members, probationary, women and indicator sums per org and subtree, over random trees and writes', async () => {
    let seed = 20260302;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 3; round++) {
      const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
      const tree: Org[] = [root as Org];
      for (let i = 0; i < 8; i++) tree.push((await env.buildOrg({ parent: tree[rand(tree.length)] })) as Org);
      for (let i = 0; i < 25; i++) {
        await env.buildMember({ org: tree[rand(tree.length)], category: rand(3) === 0 ? 'probationary' : 'full' });
      }
      // Random writes after creation: moves, status changes, women, indicator values.
      const ids = (await env.db.execute<{ id: number }>(sql`SELECT id FROM members WHERE org_path LIKE ${`${root.path}%`}`)).rows.map(
        (r) => r.id,
      );
      for (let i = 0; i < 15; i++) {
        const m = ids[rand(ids.length)];
        const to = tree[rand(tree.length)];
        const op = rand(3);
        if (op === 0) await env.db.execute(sql`UPDATE members SET org_id = ${to.id}, org_path = ${to.path} WHERE id = ${m}`);
        if (op === 1) await env.db.execute(sql`UPDATE members SET status = 'transferred_out' WHERE id = ${m}`);
        if (op === 2) await env.db.execute(sql`UPDATE members SET sex = '女' WHERE id = ${m}`);
        await env.db.execute(sql`
          INSERT INTO indicator_values (org_id, org_path, code, month, value, source) VALUES (${to.id}, ${to.path}, 'violations', '2026-02-01', ${rand(9)}, 'form')
          ON CONFLICT (org_id, code, month) DO UPDATE SET value = excluded.value`);
      }
      await refreshMonth(env.db, '2026-02', env.clock.now());
      for (const o of tree) {
        const { rows } = await env.db.execute<{ metric: string; base: number; rollup: number | null }>(sql`
          WITH base AS (
            SELECT 'members.count' AS metric, count(*)::float8 AS v FROM members WHERE status = 'normal' AND org_path LIKE ${`${o.path}%`}
            UNION ALL SELECT 'members.probationary', count(*) FROM members WHERE status = 'normal' AND category = 'probationary' AND org_path LIKE ${`${o.path}%`}
            UNION ALL SELECT 'members.female', count(*) FROM members WHERE status = 'normal' AND sex = '女' AND org_path LIKE ${`${o.path}%`}
            UNION ALL SELECT 'ind.violations', coalesce(sum(value), 0) FROM indicator_values WHERE code = 'violations' AND month = '2026-02-01' AND org_path LIKE ${`${o.path}%`}
          )
          SELECT b.metric, b.v AS base, r.sum AS rollup FROM base b
          LEFT JOIN analytics_rollups r ON r.org_id = ${o.id} AND r.month = '2026-02-01' AND r.metric = b.metric`);
        for (const r of rows)
          expect({ org: o.id, metric: r.metric, value: r.rollup ?? 0 }).toEqual({ org: o.id, metric: r.metric, value: Number(r.base) });
      }
    }
  });
});

describe('correlation: party work against safety', () => {
  it('no coefficient below 8 units; with 8 it is Spearman over the branches', async () => {
    const t = await mine();
    const branches: Org[] = [t.a, t.b];
    for (let i = 0; i < 6; i++) branches.push((await env.buildOrg({ parent: t.mine })) as Org);
    const put = async (o: Org, i: number, count: number) => {
      for (let k = 0; k < count; k++) {
        await env.db.execute(sql`
          INSERT INTO meetings (org_id, org_path, type, topic, starts_at, place, invite, status, sign_key)
          VALUES (${o.id}, ${o.path}, 'committee', '支委会', '2026-02-10T08:00:00+08:00', '会议室', '{}'::jsonb, 'held', 'k')`);
      }
      const res = await t.api.put('/api/v1/analytics/values', {
        orgId: o.id,
        month: '2026-02',
        values: [
          { code: 'headcount', value: 100 },
          { code: 'violations', value: 10 - i },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    for (let i = 0; i < 7; i++) await put(branches[i], i, i);
    await refreshMonth(env.db, '2026-02', env.clock.now());
    const few = json<{ units: number; rho: number | null }>(
      await t.api.get(`/api/v1/analytics/correlation?orgId=${t.mine.id}&from=2026-02&to=2026-02`),
    );
    expect(few).toMatchObject({ units: 7, rho: null });
    await put(branches[7], 7, 7);
    await refreshMonth(env.db, '2026-02', env.clock.now());
    const enough = json<{ units: number; rho: number | null; points: { x: number; y: number }[] }>(
      await t.api.get(`/api/v1/analytics/correlation?orgId=${t.mine.id}&from=2026-02&to=2026-02`),
    );
    expect(enough.units).toBe(8);
    expect(enough.rho).toBe(-1);
    expect(enough.points.find((p) => p.x === 7)?.y).toBe(3);
  });
});

describe('authz', () => {
  const refresh = async (e: TestEnv, org: { id: number; path: string }) => {
    await e.db.execute(
      sql`INSERT INTO indicator_values (org_id, org_path, code, month, value, source) VALUES (${org.id}, ${org.path}, 'headcount', '2026-02-01', 5, 'form')`,
    );
    await refreshMonth(e.db, '2026-02', e.clock.now());
    return org;
  };
  describe('GET /api/v1/analytics/dashboard', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: refresh,
      request: (o) => ({ method: 'GET', url: `/api/v1/analytics/dashboard?orgId=${o.id}&at=2026-02` }),
    }));
  describe('GET /api/v1/analytics/dashboard.xlsx', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: refresh,
      request: (o) => ({ method: 'GET', url: `/api/v1/analytics/dashboard.xlsx?orgId=${o.id}&at=2026-02&group=hr` }),
    }));
  describe('GET /api/v1/analytics/correlation', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: refresh,
      request: (o) => ({ method: 'GET', url: `/api/v1/analytics/correlation?orgId=${o.id}&from=2026-01&to=2026-02` }),
    }));
  describe('GET /api/v1/analytics/values', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: refresh,
      request: (o) => ({ method: 'GET', url: `/api/v1/analytics/values?orgId=${o.id}&month=2026-02` }),
    }));
  describe('GET /api/v1/analytics/history', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: refresh,
      request: (o) => ({ method: 'GET', url: `/api/v1/analytics/history?orgId=${o.id}` }),
    }));
  describe('PUT /api/v1/analytics/values', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: async (_e, o) => o,
      request: (o) => ({
        method: 'PUT',
        url: '/api/v1/analytics/values',
        payload: { orgId: o.id, month: '2026-02', values: [{ code: 'headcount', value: 9 }] },
      }),
    }));
  describe('POST /api/v1/analytics/imports', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: async (_e, o) => ({ o, file: await xlsx([[o.id, null, '2026-02', 'headcount', null, '人', 3]]) }),
      request: ({ o, file }) => ({ method: 'POST', url: `/api/v1/analytics/imports?orgId=${o.id}`, ...multipart('a.xlsx', file) }),
    }));
  const checked = async (e: TestEnv, o: { id: number; path: string }) => {
    const owner = await e.buildUser({ roles: [{ role: 'org_admin', orgId: o.id }] });
    const res = await (await e.as(owner)).inject({
      method: 'POST',
      url: `/api/v1/analytics/imports?orgId=${o.id}`,
      ...multipart('a.xlsx', await xlsx([[o.id, null, '2026-02', 'headcount', null, '人', 3]])),
    });
    return { id: json<{ id: number }>(res).id, owner };
  };
  const importState = async (e: TestEnv, r: { id: number }) =>
    (await e.db.execute(sql`SELECT status FROM indicator_imports WHERE id = ${r.id}`)).rows;
  // An import is its uploader's: a colleague with the same role is not shown it (404), like another branch.
  it('another person’s import → 404, unchanged', async () => {
    const o = await env.buildOrg();
    const r = await checked(env, o);
    const colleague = await env.buildUser({ roles: [{ role: 'org_admin', orgId: o.id }] });
    const res = await (await env.as(colleague)).post(`/api/v1/analytics/imports/${r.id}/confirm`, {});
    expect(res.statusCode).toBe(404);
    expect(await importState(env, r)).toEqual([{ status: 'checked' }]);
  });
  it('own import: GET and confirm → 200; anonymous 401; member 403', async () => {
    const o = await env.buildOrg();
    const r = await checked(env, o);
    const api = await env.as(r.owner);
    expect((await env.anon.post(`/api/v1/analytics/imports/${r.id}/confirm`, {})).statusCode).toBe(401);
    const member = await env.buildUser({ roles: [{ role: 'member', orgId: o.id }] });
    expect((await (await env.as(member)).post(`/api/v1/analytics/imports/${r.id}/confirm`, {})).statusCode).toBe(403);
    expect((await api.get(`/api/v1/analytics/imports/${r.id}`)).statusCode).toBe(200);
    expect((await api.post(`/api/v1/analytics/imports/${r.id}/confirm`, {})).statusCode).toBe(200);
    expect(await importState(env, r)).toEqual([{ status: 'committed' }]);
  });
  it('indicators, template and refresh: anonymous 401, a member 403, the org department 200', async () => {
    const o = await env.buildOrg();
    const member = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: o.id }] }));
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: o.id }] }));
    for (const [method, url, payload] of [
      ['GET', '/api/v1/analytics/indicators', undefined],
      ['GET', '/api/v1/analytics/import-template', undefined],
      ['POST', '/api/v1/analytics/rollups/refresh', { month: '2026-02' }],
    ] as const) {
      expect((await env.anon.inject({ method, url, payload })).statusCode).toBe(401);
      expect((await member.inject({ method, url, payload })).statusCode).toBe(403);
      expect((await admin.inject({ method, url, payload })).statusCode).toBe(200);
    }
  });
});
