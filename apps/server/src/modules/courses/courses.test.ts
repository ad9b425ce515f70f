import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { type Caller, createTestEnv, json, multipart, PNG, type TestEnv } from '../../../test/harness.js';
import { courseHeartbeats, coursePlans, courseProgress, courses, files, members } from '../../db/schema/index.js';
import { studyHoursByMember } from './study.service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  // The module reads DATA_DIR as config.ts does (app.ts registers it without options).
  process.env.DATA_DIR = env.config.dataDir;
});

type OrgRef = { id: number; path: string };

async function memberUser(org: OrgRef, name = '李明') {
  const { memberId, user } = await env.buildMemberUser({ org, name });
  return { memberId, user, api: await env.as(user) };
}

async function addCourse(org: OrgRef, o: Partial<typeof courses.$inferInsert> = {}) {
  const [c] = await env.db
    .insert(courses)
    .values({
      orgId: org.id,
      orgPath: org.path,
      title: '安全生产责任制',
      topic: 'safety',
      kind: 'article',
      bodyHtml: `<p>${'安'.repeat(60)}</p>`,
      textLength: 60,
      rulesVersion: '2026.1',
      ...o,
    })
    .returning();
  return c;
}

/** A stored file of `bytes` (written where the upload route would put it). */
async function addFile(owner: number, mime: string, bytes: Buffer) {
  const id = randomUUID();
  const storageKey = `t/${id}`;
  mkdirSync(join(env.config.uploadDir, 't'), { recursive: true });
  writeFileSync(join(env.config.uploadDir, storageKey), bytes);
  await env.db.insert(files).values({ id, ownerId: owner, name: 'v.mp4', mime, size: bytes.length, sha256: 'x', storageKey });
  return id;
}

const beat = (api: Caller, courseId: number, sessionId: string, key: string, extra: Record<string, unknown> = {}) =>
  api.post(`/api/v1/my/courses/${courseId}/heartbeats`, { sessionId, key, clientTime: env.clock.now().toISOString(), ...extra });

const progressOf = async (memberId: number, courseId: number) =>
  (await env.db.select().from(courseProgress).where(eq(courseProgress.memberId, memberId))).find((p) => p.courseId === courseId) ?? null;

describe('credited time through the API', () => {
  it('credits the real time between heartbeats and completes the article at its minimum reading time', async () => {
    const org = await env.buildOrg();
    const c = await addCourse(org); // 60 characters → 12 s
    const m = await memberUser(org);
    const s = randomUUID();
    expect((await beat(m.api, c.id, s, 'k-0000001')).statusCode).toBe(200);
    env.clock.advance(10_000);
    const r1 = json(await beat(m.api, c.id, s, 'k-0000002'));
    expect(r1).toMatchObject({
      accepted: true,
      creditedSeconds: 10,
      progress: { creditedSeconds: 10, completedAt: null, requiredSeconds: 12 },
    });
    env.clock.advance(5_000);
    const r2 = json<{ progress: { completedAt: string | null; creditedSeconds: number } }>(await beat(m.api, c.id, s, 'k-0000003'));
    expect(r2.progress.creditedSeconds).toBe(15);
    expect(r2.progress.completedAt).not.toBeNull();
  });

  it('a background tab (no beats for 10 minutes) earns nothing for the gap', async () => {
    const org = await env.buildOrg();
    const c = await addCourse(org);
    const m = await memberUser(org);
    const s = randomUUID();
    await beat(m.api, c.id, s, 'bg-000001');
    env.clock.advanceMinutes(10);
    const r = json(await beat(m.api, c.id, s, 'bg-000002'));
    expect(r).toMatchObject({ accepted: true, reason: 'gap', creditedSeconds: 0 });
    expect((await progressOf(m.memberId, c.id))?.creditedSeconds).toBe(0);
  });

  it('a replayed key counts once, with a clear message', async () => {
    const org = await env.buildOrg();
    const c = await addCourse(org);
    const m = await memberUser(org);
    const s = randomUUID();
    await beat(m.api, c.id, s, 'rp-000001');
    env.clock.advance(15_000);
    await beat(m.api, c.id, s, 'rp-000002');
    env.clock.advance(15_000);
    const again = json(await beat(m.api, c.id, s, 'rp-000002'));
    expect(again).toMatchObject({ accepted: false, reason: 'replayed', message: '重复的心跳（已处理过），不重复计时', creditedSeconds: 0 });
    expect((await progressOf(m.memberId, c.id))?.creditedSeconds).toBe(15);
    expect(await env.db.select().from(courseHeartbeats).where(eq(courseHeartbeats.memberId, m.memberId))).toHaveLength(2);
  });

  it('two tabs together never exceed wall-clock time', async () => {
    const org = await env.buildOrg();
    const a = await addCourse(org);
    const b = await addCourse(org, { title: '第二门' });
    const m = await memberUser(org);
    const [sa, sb] = [randomUUID(), randomUUID()];
    const start = env.clock.now().getTime();
    for (let i = 0; i < 8; i++) {
      await beat(m.api, a.id, sa, `ta-${i}-xxxxx`);
      env.clock.advance(5_000);
      await beat(m.api, b.id, sb, `tb-${i}-xxxxx`);
      env.clock.advance(10_000);
    }
    const wall = (env.clock.now().getTime() - start) / 1000;
    const hours = await studyHoursByMember(env.db, [m.memberId], 2026);
    const seconds = (await env.db.select().from(courseHeartbeats).where(eq(courseHeartbeats.memberId, m.memberId))).reduce(
      (s, h) => s + h.creditedSeconds,
      0,
    );
    expect(seconds).toBeLessThanOrEqual(wall);
    expect(seconds).toBeGreaterThan(wall - 30);
    expect(hours.get(m.memberId)).toBe(0);
  });

  it('a heartbeat from the future is refused and nothing is counted', async () => {
    const org = await env.buildOrg();
    const c = await addCourse(org);
    const m = await memberUser(org);
    const res = await beat(m.api, c.id, randomUUID(), 'fu-000001', {
      clientTime: new Date(env.clock.now().getTime() + 3_600_000).toISOString(),
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ details: { path: string; message: string }[] }>(res).details[0]).toMatchObject({
      path: 'clientTime',
      message: expect.stringContaining('来自未来'),
    });
    expect(await env.db.select().from(courseHeartbeats).where(eq(courseHeartbeats.memberId, m.memberId))).toHaveLength(0);
  });

  it('progress for a course outside the member’s audience is 404 and nothing is counted', async () => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    const c = await addCourse(other);
    const up = await addCourse(committee, { title: '上级课程' });
    const m = await memberUser(own);
    const res = await beat(m.api, c.id, randomUUID(), 'au-000001');
    expect(res.statusCode).toBe(404);
    expect(json<{ message: string }>(res).message).toContain('不在您的学习范围内');
    expect((await m.api.get(`/api/v1/my/courses/${c.id}`)).statusCode).toBe(404);
    expect((await m.api.get(`/api/v1/my/courses/${up.id}`)).statusCode).toBe(200);
    expect(await env.db.select().from(courseHeartbeats).where(eq(courseHeartbeats.memberId, m.memberId))).toHaveLength(0);
  });

  it('a video counts by watched share; seeking to the end does not', async () => {
    const org = await env.buildOrg();
    const m = await memberUser(org);
    const c = await addCourse(org, { kind: 'video', bodyHtml: '', textLength: 0, durationSeconds: 60 });
    const s = randomUUID();
    await beat(m.api, c.id, s, 'vd-000000', { position: 0 });
    env.clock.advance(15_000);
    await beat(m.api, c.id, s, 'vd-000001', { position: 15 });
    env.clock.advance(15_000);
    const seek = json<{ progress: { watchedSeconds: number; completedAt: string | null } }>(
      await beat(m.api, c.id, s, 'vd-000002', { position: 60 }),
    );
    expect(seek.progress).toMatchObject({ watchedSeconds: 15, completedAt: null });
    // Watched back from 15 s onwards honestly: 15→30→45→60 in real time.
    let pos = 15;
    await beat(m.api, c.id, randomUUID(), 'vd-restart', { position: pos });
    const s2 = randomUUID();
    await beat(m.api, c.id, s2, 'vd-100000', { position: pos });
    for (let i = 1; i <= 3; i++) {
      env.clock.advance(15_000);
      pos += 15;
      await beat(m.api, c.id, s2, `vd-10000${i}`, { position: pos });
    }
    const p = await progressOf(m.memberId, c.id);
    expect(p?.watchedSeconds).toBe(60);
    expect(p?.completedAt).not.toBeNull();
  });
});

describe('courses: sanitizing, files and ranges', () => {
  it('stores sanitized HTML only: scripts, handlers and foreign images are removed', async () => {
    const org = await env.buildOrg();
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: org.id }] }));
    const imgId = randomUUID();
    const res = await admin.post('/api/v1/courses', {
      orgId: org.id,
      kind: 'article',
      title: '廉政教育',
      topic: 'integrity',
      bodyHtml: `<p onclick="x()">清正廉洁<script>alert(1)</script></p><img src="/api/v1/files/${imgId}" onerror="x()"><img src="https://evil.example/a.png"><a href="javascript:alert(1)">链接</a>`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = json<{ bodyHtml: string; textLength: number }>(res).bodyHtml;
    expect(body).toBe(`<p>清正廉洁</p><img src="/api/v1/files/${imgId}" /><a>链接</a>`);
  });

  it('plain text becomes paragraphs; an empty article is refused with the field named', async () => {
    const org = await env.buildOrg();
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: org.id }] }));
    const ok = json<{ bodyHtml: string }>(
      await admin.post('/api/v1/courses', { orgId: org.id, kind: 'article', title: 'a', topic: 'law', bodyHtml: '第一段\n第二段 <b>' }),
    );
    expect(ok.bodyHtml).toBe('<p>第一段</p><p>第二段 &lt;b&gt;</p>');
    const bad = await admin.post('/api/v1/courses', {
      orgId: org.id,
      kind: 'article',
      title: 'a',
      topic: 'law',
      bodyHtml: '<script>x</script>',
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ details: { path: string }[] }>(bad).details[0].path).toBe('bodyHtml');
  });

  it('a video that is not a video is refused at upload and by the course', async () => {
    const org = await env.buildOrg();
    const user = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: org.id }] });
    const admin = await env.as(user);
    const up = await admin.inject({
      method: 'POST',
      url: '/api/v1/files',
      ...multipart('movie.mp4', Buffer.from('this is not a video at all')),
    });
    expect(up.statusCode).toBe(415);
    const png = json<{ id: string }>(await admin.inject({ method: 'POST', url: '/api/v1/files', ...multipart('movie.mp4', PNG) }));
    const res = await admin.post('/api/v1/courses', {
      orgId: org.id,
      kind: 'video',
      title: '视频',
      topic: 'safety',
      fileId: png.id,
      durationSeconds: 60,
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ details: { path: string; message: string }[] }>(res).details[0]).toEqual({
      path: 'fileId',
      message: '上传的文件不是 MP4 视频，请重新上传',
    });
    expect(await env.db.select().from(courses).where(eq(courses.orgId, org.id))).toHaveLength(0);
  });

  it('serves media with ranges: 206 with Content-Range, 416 for a bad range, 404 outside the audience', async () => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    const m = await memberUser(own);
    const bytes = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(988, 7)]);
    const fileId = await addFile(m.user.id, 'video/mp4', bytes);
    const c = await addCourse(own, { kind: 'video', fileId, durationSeconds: 10, bodyHtml: '', textLength: 0 });
    const url = `/api/v1/my/courses/${c.id}/media`;
    const whole = await m.api.get(url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.length).toBe(1000);
    const part = await m.api.inject({ method: 'GET', url, headers: { range: 'bytes=4-11' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 4-11/1000');
    expect(part.rawPayload.toString()).toBe('ftypmp42');
    const tail = await m.api.inject({ method: 'GET', url, headers: { range: 'bytes=-10' } });
    expect(tail.headers['content-range']).toBe('bytes 990-999/1000');
    const bad = await m.api.inject({ method: 'GET', url, headers: { range: 'bytes=1000-2000' } });
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe('bytes */1000');
    const stranger = await memberUser(other);
    expect((await stranger.api.get(url)).statusCode).toBe(404);
  });
});

describe('plans: audience, progress, behind list, export, hours', () => {
  it('counts the audience (org subtree, label), marks who is behind, exports', async () => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const c = await addCourse(committee);
    const a = await memberUser(own, '甲');
    const b = await memberUser(own, '乙');
    await env.db
      .update(members)
      .set({ labels: ['入党积极分子'] })
      .where(eq(members.id, b.memberId));
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
    const planRes = await admin.post('/api/v1/course-plans', {
      orgId: committee.id,
      title: '春季安全学习',
      dueDate: '2026-03-31',
      courseIds: [c.id],
    });
    expect(planRes.statusCode, planRes.body).toBe(200);
    const plan = json<{ id: number; people: number }>(planRes);
    expect(plan.people).toBe(2);
    const labelled = json<{ people: number }>(
      await admin.post('/api/v1/course-plans', {
        orgId: own.id,
        title: '积极分子',
        dueDate: '2026-03-31',
        courseIds: [c.id],
        audienceLabel: '入党积极分子',
      }),
    );
    expect(labelled.people).toBe(1);
    // 甲 reads the whole article.
    const s = randomUUID();
    await beat(a.api, c.id, s, 'pl-000001');
    env.clock.advance(13_000);
    await beat(a.api, c.id, s, 'pl-000002');
    const prog = json<{ done: number; items: { name: string; status: string; completed: number }[]; orgs: { behind: number }[] }>(
      await admin.get(`/api/v1/course-plans/${plan.id}/progress?onlyBehind=true`),
    );
    expect(prog.done).toBe(1);
    expect(prog.items.map((i) => [i.name, i.status])).toEqual([['乙', 'not_started']]);
    expect(prog.orgs).toEqual([{ orgId: own.id, orgName: expect.any(String), people: 2, done: 1, behind: 1 }]);
    const mine = json<{ id: number; completed: number; total: number; status: string }[]>(await a.api.get('/api/v1/my/course-plans'));
    expect(mine.find((p) => p.id === plan.id)).toMatchObject({ completed: 1, total: 1, status: 'done' });
    expect(json<unknown[]>(await a.api.get('/api/v1/my/course-plans')).length).toBe(1);
    const x = await admin.get(`/api/v1/course-plans/${plan.id}/progress.xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const hours = json<{ studyHours: number; target: number }>(await a.api.get('/api/v1/my/study-hours'));
    expect(hours.target).toBe(32);
  });

  it('refuses a course not open to the plan’s org, naming the row', async () => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    const c = await addCourse(other, { title: '兄弟支部课' });
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
    const res = await admin.post('/api/v1/course-plans', { orgId: own.id, title: 'x', dueDate: '2026-03-31', courseIds: [c.id] });
    expect(res.statusCode).toBe(400);
    expect(json<{ details: { path: string; message: string }[] }>(res).details[0]).toEqual({
      path: 'courseIds.0',
      message: expect.stringContaining('兄弟支部课'),
    });
    expect(await env.db.select().from(coursePlans).where(eq(coursePlans.orgId, own.id))).toHaveLength(0);
  });
});

/** Console routes: the matrix (401 / 403 / other branch 404 unchanged / own 200 / ancestor 200). */
describe('console routes authz', () => {
  type R = { org: OrgRef; courseId: number; planId: number };
  const make = async (e: TestEnv, org: OrgRef): Promise<R> => {
    const c = await addCourse(org);
    const [p] = await e.db
      .insert(coursePlans)
      .values({ orgId: org.id, orgPath: org.path, title: '计划', dueDate: '2026-06-30' })
      .returning();
    return { org, courseId: c.id, planId: p.id };
  };
  const routes: [string, (r: R) => InjectOptions][] = [
    ['GET course', (r) => ({ method: 'GET', url: `/api/v1/courses/${r.courseId}` })],
    ['PATCH course', (r) => ({ method: 'PATCH', url: `/api/v1/courses/${r.courseId}`, payload: { title: '改名' } })],
    [
      'POST course',
      (r) => ({
        method: 'POST',
        url: '/api/v1/courses',
        payload: { orgId: r.org.id, kind: 'article', title: '新课', topic: 'law', bodyHtml: '正文' },
      }),
    ],
    [
      'POST plan',
      (r) => ({
        method: 'POST',
        url: '/api/v1/course-plans',
        payload: { orgId: r.org.id, title: '新计划', dueDate: '2026-06-30', courseIds: [r.courseId] },
      }),
    ],
    ['GET plan', (r) => ({ method: 'GET', url: `/api/v1/course-plans/${r.planId}` })],
    ['GET progress', (r) => ({ method: 'GET', url: `/api/v1/course-plans/${r.planId}/progress` })],
    ['GET progress.xlsx', (r) => ({ method: 'GET', url: `/api/v1/course-plans/${r.planId}/progress.xlsx` })],
  ];
  for (const [name, request] of routes)
    describe(name, () => {
      authzMatrix(() => env, {
        role: 'branch_secretary',
        makeRecord: make,
        request,
        snapshot: async (e, r) => ({
          c: await e.db.select().from(courses).where(eq(courses.orgId, r.org.id)),
          p: await e.db.select().from(coursePlans).where(eq(coursePlans.orgId, r.org.id)),
        }),
      });
    });

  it('lists only the scope', async () => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    const mine = await addCourse(own, { title: '本支部课' });
    await addCourse(other, { title: '兄弟支部课' });
    const api = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: own.id }] }));
    const list = json<{ items: { id: number }[]; total: number }>(await api.get('/api/v1/courses'));
    expect(list.items.map((i) => i.id)).toEqual([mine.id]);
    expect((await api.get('/api/v1/course-plans')).statusCode).toBe(200);
    expect(
      (await (await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: own.id }] }))).get('/api/v1/courses')).statusCode,
    ).toBe(403);
  });
});

/** Phone routes: anonymous 401; no portal permission 403; a member outside the audience 404 and nothing changed; own 200; a member below the course's org 200. */
describe('phone routes authz', () => {
  const routes: [string, (courseId: number) => InjectOptions][] = [
    ['GET my course', (id) => ({ method: 'GET', url: `/api/v1/my/courses/${id}` })],
    [
      'POST heartbeat',
      (id) => ({
        method: 'POST',
        url: `/api/v1/my/courses/${id}/heartbeats`,
        payload: { sessionId: randomUUID(), key: randomUUID(), clientTime: env.clock.now().toISOString() },
      }),
    ],
    ['GET media', (id) => ({ method: 'GET', url: `/api/v1/my/courses/${id}/media` })],
    [
      'POST offline study',
      (id) => ({
        method: 'POST',
        url: `/api/v1/my/courses/${id}/offline-study`,
        headers: { 'idempotency-key': randomUUID() },
        payload: {
          startedAt: new Date(env.clock.now().getTime() - 60_000).toISOString(),
          endedAt: env.clock.now().toISOString(),
          sentAt: env.clock.now().toISOString(),
          activeSeconds: 30,
        },
      }),
    ],
  ];
  const setup = async () => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    const owner = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: own.id }] });
    const fileId = await addFile(owner.id, 'application/pdf', Buffer.from('%PDF-1.4 test'));
    const c = await addCourse(own, { kind: 'pdf', fileId, bodyHtml: '', textLength: 0 });
    return { committee, own, other, c };
  };
  const snap = async (courseId: number) => ({
    p: await env.db.select().from(courseProgress).where(eq(courseProgress.courseId, courseId)),
    h: await env.db.select().from(courseHeartbeats).where(eq(courseHeartbeats.courseId, courseId)),
  });
  for (const [name, request] of routes)
    describe(name, () => {
      it('anonymous 401, no permission 403, outside the audience 404, all unchanged', async () => {
        const { own, other, c } = await setup();
        const before = await snap(c.id);
        expect((await env.anon.inject(request(c.id))).statusCode).toBe(401);
        const sys = await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: own.id }] }));
        expect((await sys.inject(request(c.id))).statusCode).toBe(403);
        const stranger = await memberUser(other);
        expect((await stranger.api.inject(request(c.id))).statusCode).toBe(404);
        const noRecord = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: own.id }] }));
        expect((await noRecord.inject(request(c.id))).statusCode).toBe(404);
        expect(await snap(c.id)).toEqual(before);
      });
      it('own branch 200; a member of a sub-org 200', async () => {
        const { own, c } = await setup();
        const m = await memberUser(own);
        expect((await m.api.inject(request(c.id))).statusCode).toBe(200);
        const sub = await env.buildOrg({ parent: own });
        const n = await memberUser(sub);
        expect((await n.api.inject(request(c.id))).statusCode).toBe(200);
      });
    });
  it('my plans and my hours answer only to the portal permission', async () => {
    const org = await env.buildOrg();
    for (const url of ['/api/v1/my/course-plans', '/api/v1/my/study-hours']) {
      expect((await env.anon.get(url)).statusCode).toBe(401);
      expect((await (await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: org.id }] }))).get(url)).statusCode).toBe(403);
      expect((await (await memberUser(org)).api.get(url)).statusCode).toBe(200);
    }
  });
});

describe('article images', () => {
  it('serves an image the body names to the audience only; any other file id is 404; a foreign session id is 404', async () => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    const owner = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: own.id }] });
    const img = await addFile(owner.id, 'image/png', PNG);
    const unrelated = await addFile(owner.id, 'image/png', PNG);
    const c = await addCourse(own, { bodyHtml: `<p>配图</p><img src="/api/v1/files/${img}" />`, textLength: 2 });
    const m = await memberUser(own);
    const view = json<{ course: { bodyHtml: string } }>(await m.api.get(`/api/v1/my/courses/${c.id}`));
    expect(view.course.bodyHtml).toContain(`/api/v1/my/courses/${c.id}/images/${img}`);
    const ok = await m.api.get(`/api/v1/my/courses/${c.id}/images/${img}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect((await m.api.get(`/api/v1/my/courses/${c.id}/images/${unrelated}`)).statusCode).toBe(404);
    expect((await env.anon.get(`/api/v1/my/courses/${c.id}/images/${img}`)).statusCode).toBe(401);
    const sys = await env.as(await env.buildUser({ roles: [{ role: 'sys_admin', orgId: own.id }] }));
    expect((await sys.get(`/api/v1/my/courses/${c.id}/images/${img}`)).statusCode).toBe(403);
    expect((await (await memberUser(other)).api.get(`/api/v1/my/courses/${c.id}/images/${img}`)).statusCode).toBe(404);

    // A study session belongs to one member and course: reusing another's session id is 404 and counts nothing.
    const s = randomUUID();
    await beat(m.api, c.id, s, 'own-session-1');
    const n = await memberUser(own, '王五');
    const res = await beat(n.api, c.id, s, 'other-session-1');
    expect(res.statusCode).toBe(404);
    expect(await env.db.select().from(courseHeartbeats).where(eq(courseHeartbeats.memberId, n.memberId))).toHaveLength(0);
  });
});
