import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, duesPayments, files } from '../src/db/schema/index.js';
import { createTestEnv, json, multipart, PNG, type TestEnv } from './harness.js';

/**
 * Issue 15 item 8: a file is readable by whoever can read the record that owns it, nobody else;
 * downloads of personal files are audited. Item 10: two files where one is expected is 400.
 */
let env: TestEnv;
let branch: { id: number; path: string };
beforeAll(async () => {
  env = await createTestEnv();
  const committee = await env.buildOrg({ kind: 'committee' });
  branch = await env.buildOrg({ parent: committee });
});

async function upload(user: { id: number; username: string }) {
  const as = await env.as(user);
  const res = await as.inject({ method: 'POST', url: '/api/v1/files', ...multipart('proof.png', PNG, 'image/png') });
  expect(res.statusCode).toBe(200);
  return json<{ id: string }>(res).id;
}

describe('file access follows the owning record', () => {
  it('a payment proof: the payer and the secretary read it, another member of the branch gets 404; each download is audited', async () => {
    const payer = await env.buildMemberUser({ org: branch, name: '缴费人' });
    const other = await env.buildMemberUser({ org: branch, name: '同支部党员' });
    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const fileId = await upload(payer.user);
    const [payment] = await env.db
      .insert(duesPayments)
      .values({
        memberId: payer.memberId,
        orgId: branch.id,
        orgPath: branch.path,
        kind: 'regular',
        method: 'wechat',
        status: 'reported',
        amountFen: 1000,
        paidOn: '2026-03-01',
        proofFileId: fileId,
        reportedBy: payer.user.id,
      })
      .returning({ id: duesPayments.id });

    expect((await (await env.as(other.user)).get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
    const byPayer = await (await env.as(payer.user)).get(`/api/v1/files/${fileId}`);
    expect(byPayer.statusCode).toBe(200);
    expect(byPayer.rawPayload.equals(PNG)).toBe(true);
    expect((await (await env.as(secretary)).get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);

    const audited = await env.db
      .select({ actorId: auditLog.actorId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'file.download'), eq(auditLog.entityId, fileId)));
    expect(audited.map((a) => a.actorId).sort()).toEqual([payer.user.id, secretary.id].sort());
    expect(audited[0].after).toMatchObject({ via: [{ kind: 'dues.payment', id: payment.id }] });
  });

  it('an upload no record holds yet is read by its uploader alone', async () => {
    const a = await env.buildMemberUser({ org: branch });
    const b = await env.buildMemberUser({ org: branch });
    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const fileId = await upload(a.user);
    expect((await (await env.as(a.user)).get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);
    expect((await (await env.as(b.user)).get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
    expect((await (await env.as(secretary)).get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
  });

  it("a member's photo: the member and members:read read it, a fellow member does not", async () => {
    const m = await env.buildMemberUser({ org: branch });
    const peer = await env.buildMemberUser({ org: branch });
    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const fileId = await upload(secretary);
    expect((await (await env.as(secretary)).put(`/api/v1/members/${m.memberId}/photo`, { fileId })).statusCode).toBeLessThan(300);
    expect((await (await env.as(m.user)).get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);
    expect((await (await env.as(secretary)).get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);
    expect((await (await env.as(peer.user)).get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
  });

  it('two files where one is expected is 400, and nothing is stored (item 10)', async () => {
    const u = await env.buildMemberUser({ org: branch });
    const b = 'vg2';
    const part = (name: string) =>
      Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
        PNG,
        Buffer.from('\r\n'),
      ]);
    const before = await env.db.$count(files);
    const res = await (await env.as(u.user)).inject({
      method: 'POST',
      url: '/api/v1/files',
      payload: Buffer.concat([part('a.png'), part('b.png'), Buffer.from(`--${b}--\r\n`)]),
      headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    });
    expect(res.statusCode).toBe(400);
    expect(json(res).details).toEqual([{ path: 'file', message: expect.stringContaining('一个文件') }]);
    expect(await env.db.$count(files)).toBe(before);
  });
});
