import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, multipart, PNG, type TestEnv } from '../../../test/harness.js';
import { auditLog, memberRecords, memberStatusHistory, members } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Rec = { id: number; kind: string; title: string; issuer: string | null; hidden: boolean; docNo: string | null };

async function setup() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: committee });
  const member = await env.buildMember({ org: branch });
  const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
  const committeeMember = await env.as(await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] }));
  return { branch, member, secretary, committeeMember };
}

const put = (caller: TestEnv['anon'], url: string, payload: object) => caller.inject({ method: 'PUT', url, payload });

describe('member sub-records', () => {
  it('adds, lists, replaces and deletes work history, rewards, training and family members', async () => {
    const { member, secretary } = await setup();
    const url = `/api/v1/members/${member.id}/records`;
    const work = await secretary.post(url, { kind: 'work', title: '综采一队 采煤机司机', startedOn: '2008-07-01', endedOn: '2015-06-30' });
    expect(work.statusCode, work.body).toBe(200);
    await secretary.post(url, { kind: 'training', title: '安全生产培训', issuer: '集团党校', hours: 24, startedOn: '2020-03-01' });
    await secretary.post(url, { kind: 'family', title: '王秀英', relation: '配偶', issuer: '矿区医院 护士' });
    const list = json<{ items: Rec[] }>(await secretary.get(url)).items;
    expect(list.map((r) => r.kind).sort()).toEqual(['family', 'training', 'work']);

    const id = json<Rec>(work).id;
    const edited = await put(secretary, `${url}/${id}`, { kind: 'work', title: '综采一队 班长', startedOn: '2008-07-01' });
    expect(json<Rec>(edited).title).toBe('综采一队 班长');
    const kindChange = await put(secretary, `${url}/${id}`, { kind: 'reward', title: 'x' });
    expect(kindChange.statusCode).toBe(400);
    expect(kindChange.json().details[0].path).toBe('kind');

    expect((await secretary.delete(`${url}/${id}`)).statusCode).toBe(204);
    expect(json<{ items: Rec[] }>(await secretary.get(url)).items).toHaveLength(2);
    const actions = (
      await env.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(member.id)))
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['member.record_add', 'member.record_update', 'member.record_delete']));
  });

  it('refuses bad input with the field named and nothing written', async () => {
    const { member, secretary } = await setup();
    const url = `/api/v1/members/${member.id}/records`;
    const cases: [unknown, string][] = [
      [{ kind: 'work', title: 'x', startedOn: '2020-01-01', endedOn: '2019-01-01' }, 'endedOn'],
      [{ kind: 'family', title: '王秀英' }, 'relation'],
      [{ kind: 'work', title: '' }, 'title'],
      [{ kind: 'vacation', title: 'x' }, 'kind'],
      [{ kind: 'work', title: 'x', startedOn: '2020-02-30' }, 'startedOn'],
      [{ kind: 'training', title: 'x', hours: -1 }, 'hours'],
    ];
    for (const [body, path] of cases) {
      const res = await secretary.post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await env.db.select().from(memberRecords).where(eq(memberRecords.memberId, member.id))).toHaveLength(0);
  });

  it('keeps penalties encrypted and hidden; shows them only when revealed by someone allowed, audited', async () => {
    const { member, secretary, committeeMember } = await setup();
    const url = `/api/v1/members/${member.id}/records`;
    const res = await secretary.post(url, {
      kind: 'penalty',
      title: '党内警告',
      issuer: '矿纪委',
      docNo: '东纪发〔2021〕3号',
      startedOn: '2021-05-10',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [raw] = await env.db.select().from(memberRecords).where(eq(memberRecords.memberId, member.id));
    expect(JSON.stringify(raw)).not.toContain('党内警告');
    expect(JSON.stringify(raw)).not.toContain('矿纪委');

    const masked = json<{ items: Rec[] }>(await secretary.get(url)).items[0];
    expect(masked).toMatchObject({ kind: 'penalty', title: '***', issuer: null, hidden: true });
    const auditsBefore = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(member.id)), eq(auditLog.action, 'member.read_sensitive')));
    const shown = json<{ items: Rec[] }>(await secretary.get(`${url}?reveal=true`)).items[0];
    expect(shown).toMatchObject({ title: '党内警告', issuer: '矿纪委', docNo: '东纪发〔2021〕3号', hidden: false });
    const auditsAfter = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(member.id)), eq(auditLog.action, 'member.read_sensitive')));
    expect(auditsAfter.length).toBe(auditsBefore.length + 1);

    // A committee member reads the archive but not sensitive fields: no reveal, no writing penalties.
    expect((await committeeMember.get(url)).statusCode).toBe(200);
    expect((await committeeMember.get(`${url}?reveal=true`)).statusCode).toBe(403);
  });

  it('shows the records the workflows write (发展经历, 民主评议) but keeps them from hand edits', async () => {
    const { member, secretary } = await setup();
    const [r] = await env.db
      .insert(memberRecords)
      .values([
        {
          memberId: member.id,
          kind: 'recruitment',
          title: '发展党员第 1 步：递交入党申请书',
          startedOn: '2023-01-10',
          detail: { caseId: 1, note: '本人递交' },
        },
        {
          memberId: member.id,
          kind: 'appraisal',
          title: '2025 年度民主评议党员：合格',
          startedOn: '2026-01-15',
          detail: { grade: 'qualified' },
        },
      ])
      .returning();
    const items = json<{ items: Rec[] }>(await secretary.get(`/api/v1/members/${member.id}/records`)).items;
    expect(items.map((i) => [i.kind, i.title])).toEqual([
      ['appraisal', '2025 年度民主评议党员：合格'],
      ['recruitment', '发展党员第 1 步：递交入党申请书'],
    ]);
    const url = `/api/v1/members/${member.id}/records`;
    expect((await secretary.post(url, { kind: 'recruitment', title: 'x' })).statusCode).toBe(400);
    expect((await put(secretary, `${url}/${r.id}`, { kind: 'recruitment', title: 'x' })).statusCode).toBe(400);
    expect((await secretary.delete(`${url}/${r.id}`)).statusCode).toBe(409);
    expect(await env.db.select().from(memberRecords).where(eq(memberRecords.memberId, member.id))).toHaveLength(2);
  });

  it('lists the status history newest first with who changed it', async () => {
    const { member, secretary } = await setup();
    env.clock.set(new Date('2026-03-01T08:00:00+08:00'));
    await secretary.patch(`/api/v1/members/${member.id}`, { status: 'suspended', reason: '停止党籍（组织决定）' });
    const items = json<{ items: { field: string; fromValue: string; toValue: string; reason: string; actorName: string }[] }>(
      await secretary.get(`/api/v1/members/${member.id}/history`),
    ).items;
    expect(items[0]).toMatchObject({ field: 'status', fromValue: 'normal', toValue: 'suspended', reason: '停止党籍（组织决定）' });
    expect(items[0].actorName).toBeTruthy();
    const stored = await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, member.id));
    expect(items).toHaveLength(stored.length);
  });
});

describe('member photo', () => {
  it('attaches an uploaded image, serves it inline to those who may read the member, and removes it', async () => {
    const { member, secretary } = await setup();
    const upload = await secretary.inject({ method: 'POST', url: '/api/v1/files', ...multipart('照片.png', PNG) });
    const fileId = json<{ id: string }>(upload).id;
    expect((await put(secretary, `/api/v1/members/${member.id}/photo`, { fileId })).statusCode).toBe(204);
    const dto = json<{ photoUrl: string }>(await secretary.get(`/api/v1/members/${member.id}`));
    expect(dto.photoUrl).toMatch(new RegExp(`^/api/v1/members/${member.id}/photo\\?v=`));
    const photo = await secretary.get(dto.photoUrl);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(PNG)).toBe(true);

    expect((await put(secretary, `/api/v1/members/${member.id}/photo`, { fileId: null })).statusCode).toBe(204);
    expect(json<{ photoUrl: null }>(await secretary.get(`/api/v1/members/${member.id}`)).photoUrl).toBeNull();
    expect((await secretary.get(`/api/v1/members/${member.id}/photo`)).statusCode).toBe(404);
  });

  it("refuses a PDF as a photo, and someone else's upload, with nothing changed", async () => {
    const { branch, member, secretary } = await setup();
    const pdf = json<{ id: string }>(
      await secretary.inject({ method: 'POST', url: '/api/v1/files', ...multipart('a.pdf', Buffer.from('%PDF-1.4\n%')) }),
    ).id;
    const notImage = await put(secretary, `/api/v1/members/${member.id}/photo`, { fileId: pdf });
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().details[0]).toMatchObject({ path: 'fileId', message: '照片只能是 JPG、PNG 或 WebP 图片' });

    const otherUser = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
    const theirs = json<{ id: string }>(await otherUser.inject({ method: 'POST', url: '/api/v1/files', ...multipart('p.png', PNG) })).id;
    expect((await put(secretary, `/api/v1/members/${member.id}/photo`, { fileId: theirs })).statusCode).toBe(400);
    const [row] = await env.db.select({ photo: members.photoFileId }).from(members).where(eq(members.id, member.id));
    expect(row.photo).toBeNull();
  });
});

describe('authz: sub-records, history and photo', () => {
  const recordsOf = async (e: TestEnv, id: number) => e.db.select().from(memberRecords).where(eq(memberRecords.memberId, id));
  const withRecord = async (e: TestEnv, org: { id: number; path: string }) => {
    const m = await e.buildMember({ org });
    const [r] = await e.db.insert(memberRecords).values({ memberId: m.id, kind: 'reward', title: '先进个人' }).returning();
    return { id: m.id, recordId: r.id };
  };

  describe('POST records', () => {
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: (e, org) => e.buildMember({ org }),
      request: (m) => ({ method: 'POST', url: `/api/v1/members/${m.id}/records`, payload: { kind: 'reward', title: '劳动模范' } }),
      snapshot: (e, m) => recordsOf(e, m.id),
    });
  });
  describe('PUT records/:recordId', () => {
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: withRecord,
      request: (m) => ({ method: 'PUT', url: `/api/v1/members/${m.id}/records/${m.recordId}`, payload: { kind: 'reward', title: '改' } }),
      snapshot: (e, m) => recordsOf(e, m.id),
    });
  });
  describe('DELETE records/:recordId', () => {
    authzMatrix(() => env, {
      role: 'branch_secretary',
      okStatus: 204,
      makeRecord: withRecord,
      request: (m) => ({ method: 'DELETE', url: `/api/v1/members/${m.id}/records/${m.recordId}` }),
      snapshot: (e, m) => recordsOf(e, m.id),
    });
  });
  describe('GET records', () => {
    authzMatrix(() => env, {
      role: 'branch_committee',
      makeRecord: withRecord,
      request: (m) => ({ method: 'GET', url: `/api/v1/members/${m.id}/records` }),
      snapshot: (e, m) => recordsOf(e, m.id),
    });
  });
  describe('GET history', () => {
    authzMatrix(() => env, {
      role: 'branch_committee',
      makeRecord: (e, org) => e.buildMember({ org }),
      request: (m) => ({ method: 'GET', url: `/api/v1/members/${m.id}/history` }),
      snapshot: (e, m) => e.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, m.id)),
    });
  });
  describe('PUT photo', () => {
    authzMatrix(() => env, {
      role: 'branch_secretary',
      okStatus: 204,
      makeRecord: (e, org) => e.buildMember({ org }),
      request: (m) => ({ method: 'PUT', url: `/api/v1/members/${m.id}/photo`, payload: { fileId: null } }),
      snapshot: async (e, m) => (await e.db.select().from(members).where(eq(members.id, m.id)))[0],
    });
  });
});
