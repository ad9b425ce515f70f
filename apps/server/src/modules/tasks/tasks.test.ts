import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, multipart, PNG, type TestEnv } from '../../../test/harness.js';
import { taskOverdueJob } from './index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const DEADLINE = '2026-03-20T18:00:00+08:00';
type Board = {
  id: number;
  status: string;
  assignments: {
    id: number;
    parentId: number | null;
    orgId: number;
    status: string;
    state: string;
    partCount: number;
    partsPassed: number;
  }[];
};
type Detail = {
  id: number;
  status: string;
  state: string;
  mayReport: boolean;
  mayVerify: boolean;
  reports: { verdict: string | null; reason: string | null; file: { id: string } | null }[];
  parts: { id: number; orgId: number }[];
};

/** A company committee over a mine (committee) with two branches; task roles at each level. */
async function tree() {
  const company = await env.buildOrg({ kind: 'committee', name: '集团党委' });
  const mine = await env.buildOrg({ parent: company, kind: 'committee', name: '东山矿党委' });
  const b1 = await env.buildOrg({ parent: mine, name: '综采一队' });
  const b2 = await env.buildOrg({ parent: mine, name: '掘进一队' });
  const boss = await env.buildUser({ roles: [{ role: 'org_admin', orgId: company.id }] });
  const mineAdmin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] });
  const sec1 = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: b1.id }] });
  const sec2 = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: b2.id }] });
  return { company, mine, b1, b2, boss, mineAdmin, sec1, sec2 };
}

async function assign(t: Awaited<ReturnType<typeof tree>>, more: Record<string, unknown> = {}) {
  const res = await (await env.as(t.boss)).post('/api/v1/tasks', {
    orgId: t.company.id,
    title: '开展“安全生产月”主题党日',
    requirements: '各单位组织一次主题党日并报送照片',
    deadline: DEADLINE,
    reportForm: { text: true, files: true, number: false },
    targetOrgIds: [t.mine.id],
    ...more,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<Board>(res);
}

async function upload(user: { id: number; username: string }) {
  const res = await (await env.as(user)).inject({ method: 'POST', url: '/api/v1/files', ...multipart('photo.png', PNG, 'image/png') });
  return json<{ id: string }>(res).id;
}

describe('a task down two levels', () => {
  it('split by the mine, reported with a file, returned with a reason, resubmitted, passed; the mine rolls up', async () => {
    const t = await tree();
    const board = await assign(t);
    const mineA = board.assignments[0];
    const mineApi = await env.as(t.mineAdmin);
    const split = await mineApi.post(`/api/v1/task-assignments/${mineA.id}/split`, { orgIds: [t.b1.id, t.b2.id] });
    expect(split.statusCode, split.body).toBe(200);
    const parts = json<Detail>(split).parts;
    const p1 = parts.find((p) => p.orgId === t.b1.id)!;
    const p2 = parts.find((p) => p.orgId === t.b2.id)!;

    // The mine cannot report before its branches passed.
    const early = await mineApi.post(`/api/v1/task-assignments/${mineA.id}/report`, { text: '已完成' });
    expect(early.statusCode).toBe(409);

    const s1 = await env.as(t.sec1);
    const noFile = await s1.post(`/api/v1/task-assignments/${p1.id}/report`, { text: '已开展' });
    expect(noFile.statusCode).toBe(400);
    expect(json(noFile).details).toEqual([expect.objectContaining({ path: 'fileId' })]);
    const r1 = await s1.post(`/api/v1/task-assignments/${p1.id}/report`, { text: '已开展', fileId: await upload(t.sec1) });
    expect(json<Detail>(r1).status).toBe('reported');

    // Only the assigner (the mine) verifies: the branch itself cannot.
    expect((await s1.post(`/api/v1/task-assignments/${p1.id}/verify`, { verdict: 'pass' })).statusCode).toBe(403);
    const noReason = await mineApi.post(`/api/v1/task-assignments/${p1.id}/verify`, { verdict: 'return' });
    expect(noReason.statusCode).toBe(400);
    const ret = await mineApi.post(`/api/v1/task-assignments/${p1.id}/verify`, { verdict: 'return', reason: '照片不清晰' });
    expect(json<Detail>(ret)).toMatchObject({ status: 'returned', reports: [{ verdict: 'returned', reason: '照片不清晰' }] });
    const again = await s1.post(`/api/v1/task-assignments/${p1.id}/report`, { text: '补充照片', fileId: await upload(t.sec1) });
    expect(json<Detail>(again).reports.map((r) => r.verdict)).toEqual([null, 'returned']);
    expect(json<Detail>(await mineApi.post(`/api/v1/task-assignments/${p1.id}/verify`, { verdict: 'pass' })).status).toBe('passed');

    const s2 = await env.as(t.sec2);
    await s2.post(`/api/v1/task-assignments/${p2.id}/report`, { text: '已开展', fileId: await upload(t.sec2) });
    await mineApi.post(`/api/v1/task-assignments/${p2.id}/verify`, { verdict: 'pass' });

    const rolled = json<Board>(await (await env.as(t.boss)).get(`/api/v1/tasks/${board.id}`));
    expect(rolled.assignments.find((a) => a.id === mineA.id)).toMatchObject({ partCount: 2, partsPassed: 2, status: 'pending' });
    const mineReport = await mineApi.post(`/api/v1/task-assignments/${mineA.id}/report`, {
      text: '两个支部均已完成',
      fileId: await upload(t.mineAdmin),
    });
    expect(mineReport.statusCode, mineReport.body).toBe(200);
    // The mine cannot pass its own part; the company does.
    expect((await mineApi.post(`/api/v1/task-assignments/${mineA.id}/verify`, { verdict: 'pass' })).statusCode).toBe(403);
    await (await env.as(t.boss)).post(`/api/v1/task-assignments/${mineA.id}/verify`, { verdict: 'pass' });
    const done = json<Board>(await (await env.as(t.boss)).get(`/api/v1/tasks/${board.id}`));
    expect(done.assignments.map((a) => [a.orgId, a.parentId === null ? 0 : 1, a.state])).toEqual([
      [t.mine.id, 0, 'passed'],
      [t.b1.id, 1, 'passed'],
      [t.b2.id, 1, 'passed'],
    ]);
    // A branch sees its own part and not its sibling's on the board.
    const x = await s1.get('/api/v1/task-assignments');
    expect(json<{ items: { id: number }[] }>(x).items.map((i) => i.id)).toEqual([p1.id]);

    const xlsx = await (await env.as(t.boss)).get(`/api/v1/tasks/${board.id}/board.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('overdue with the injected clock: to-dos at the org and its parent, once; none after a report', async () => {
    const t = await tree();
    const board = await assign(t, { targetOrgIds: [t.mine.id], reportForm: { text: true, files: false, number: false } });
    const mineA = board.assignments[0];
    const split = json<Detail>(await (await env.as(t.mineAdmin)).post(`/api/v1/task-assignments/${mineA.id}/split`, { orgIds: [t.b1.id] }));
    const p1 = split.parts[0];
    expect(await taskOverdueJob(env.db, env.clock.now())).toBe(0);
    env.clock.set('2026-03-21T09:00:00+08:00');
    const key = `task:overdue:${board.id}:${p1.id}`;
    await taskOverdueJob(env.db, env.clock.now());
    const holders = async (k: string) =>
      (
        await env.db.execute<{ user_id: number }>(
          sql`SELECT user_id FROM todos WHERE source_key = ${k} AND done_at IS NULL ORDER BY user_id`,
        )
      ).rows.map((r) => r.user_id);
    expect(await holders(key)).toEqual([t.mineAdmin.id, t.sec1.id].sort((a, b) => a - b));
    expect(await taskOverdueJob(env.db, env.clock.now())).toBe(0);
    const s1 = await env.as(t.sec1);
    const b = json<Board>(await (await env.as(t.boss)).get(`/api/v1/tasks/${board.id}`));
    expect(b.assignments.find((a) => a.id === p1.id)?.state).toBe('overdue');
    await s1.post(`/api/v1/task-assignments/${p1.id}/report`, { text: '迟报' });
    expect(await holders(key)).toEqual([]);
    env.clock.set('2026-03-02T09:00:00+08:00');
  });

  it('closed is read-only; bad input: deadline in the past, an org not below, empty targets', async () => {
    const t = await tree();
    const boss = await env.as(t.boss);
    const past = await boss.post('/api/v1/tasks', {
      orgId: t.company.id,
      title: 'x',
      requirements: 'y',
      deadline: '2026-03-01T00:00:00+08:00',
      targetOrgIds: [t.mine.id],
    });
    expect(past.statusCode).toBe(400);
    expect(json(past).details).toEqual([expect.objectContaining({ path: 'deadline' })]);
    const notBelow = await boss.post('/api/v1/tasks', {
      orgId: t.company.id,
      title: 'x',
      requirements: 'y',
      deadline: DEADLINE,
      targetOrgIds: [t.company.id],
    });
    expect(notBelow.statusCode).toBe(400);
    expect(
      (await boss.post('/api/v1/tasks', { orgId: t.company.id, title: 'x', requirements: 'y', deadline: DEADLINE, targetOrgIds: [] }))
        .statusCode,
    ).toBe(400);
    expect((await env.db.execute(sql`SELECT 1 FROM tasks WHERE org_id = ${t.company.id}`)).rows).toEqual([]);

    const board = await assign(t, { reportForm: { text: true, files: false, number: false } });
    const closed = await boss.post(`/api/v1/tasks/${board.id}/close`);
    expect(json<Board>(closed).status).toBe('closed');
    const late = await (await env.as(t.mineAdmin)).post(`/api/v1/task-assignments/${board.assignments[0].id}/report`, { text: '迟报' });
    expect(late.statusCode).toBe(409);
    expect(json(late).message).toContain('任务已关闭');
    expect((await boss.post(`/api/v1/tasks/${board.id}/close`)).statusCode).toBe(409);
  });
});

async function aTask(e: TestEnv, org: { id: number; path: string }) {
  const branch = await e.buildOrg({ parent: org });
  const assigner = await e.buildUser({ roles: [{ role: 'org_admin', orgId: org.id }] });
  const res = await (await e.as(assigner)).post('/api/v1/tasks', {
    orgId: org.id,
    title: '报送学习情况',
    requirements: '报送本月学习情况',
    deadline: DEADLINE,
    targetOrgIds: [branch.id],
  });
  expect(res.statusCode, res.body).toBe(201);
  const b = json<Board>(res);
  return { id: b.id, assignmentId: b.assignments[0].id, branch };
}
const taskRow = <R extends { id: number }>(e: TestEnv, r: R) =>
  e.db
    .execute(
      sql`SELECT t.status, (SELECT array_agg(status || parent_id::text ORDER BY id) FROM task_assignments WHERE task_id = t.id), (SELECT count(*) FROM task_reports tr JOIN task_assignments a ON a.id = tr.assignment_id WHERE a.task_id = t.id) FROM tasks t WHERE t.id = ${r.id}`,
    )
    .then((x) => x.rows);

describe('authz matrix', () => {
  const routes: [string, 'GET' | 'POST', (r: { id: number; assignmentId: number; branch: { id: number } }) => string, unknown?][] = [
    ['board', 'GET', (r) => `/api/v1/tasks/${r.id}`],
    ['export', 'GET', (r) => `/api/v1/tasks/${r.id}/board.xlsx`],
    ['close', 'POST', (r) => `/api/v1/tasks/${r.id}/close`],
    ['assignment', 'GET', (r) => `/api/v1/task-assignments/${r.assignmentId}`],
    ['report', 'POST', (r) => `/api/v1/task-assignments/${r.assignmentId}/report`, { text: '已完成' }],
  ];
  for (const [name, method, url, payload] of routes) {
    describe(`${method} ${name}`, () => {
      authzMatrix(() => env, {
        role: 'org_admin',
        makeRecord: aTask,
        request: (r) => ({ method, url: url(r), payload: payload as object | undefined }),
        snapshot: method === 'POST' ? taskRow : undefined,
      });
    });
  }
  describe('POST split', () => {
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: async (e, org) => {
        const r = await aTask(e, org);
        return { ...r, child: await e.buildOrg({ parent: r.branch as { id: number; path: string } }) };
      },
      request: (r) => ({ method: 'POST', url: `/api/v1/task-assignments/${r.assignmentId}/split`, payload: { orgIds: [r.child.id] } }),
      snapshot: taskRow,
    });
  });
  describe('POST verify', () => {
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: async (e, org) => {
        const r = await aTask(e, org);
        await e.db.execute(sql`UPDATE task_assignments SET status = 'reported' WHERE id = ${r.assignmentId}`);
        await e.db.execute(
          sql`INSERT INTO task_reports (assignment_id, text, submitted_by, submitted_at) SELECT ${r.assignmentId}, '已完成', id, now() FROM users LIMIT 1`,
        );
        return r;
      },
      request: (r) => ({ method: 'POST', url: `/api/v1/task-assignments/${r.assignmentId}/verify`, payload: { verdict: 'pass' } }),
      snapshot: taskRow,
    });
  });
  it('lists and create: a member is 403; lists hold only what is in scope', async () => {
    const org = await env.buildOrg({ kind: 'committee' });
    const r = await aTask(env, org);
    const member = await env.buildMemberUser({ org: r.branch as { id: number; path: string } });
    const api = await env.as(member.user);
    for (const url of ['/api/v1/tasks', '/api/v1/task-assignments']) expect((await api.get(url)).statusCode).toBe(403);
    expect(
      (await api.post('/api/v1/tasks', { orgId: org.id, title: 'x', requirements: 'y', deadline: DEADLINE, targetOrgIds: [r.branch.id] }))
        .statusCode,
    ).toBe(403);
    const other = await env.buildUser({ roles: [{ role: 'org_admin', orgId: (await env.buildOrg()).id }] });
    const o = await env.as(other);
    expect(json<{ items: { id: number }[] }>(await o.get('/api/v1/tasks')).items.some((i) => i.id === r.id)).toBe(false);
    expect(json<{ items: { id: number }[] }>(await o.get('/api/v1/task-assignments')).items.some((i) => i.id === r.assignmentId)).toBe(
      false,
    );
  });
});
