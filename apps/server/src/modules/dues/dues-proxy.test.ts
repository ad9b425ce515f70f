import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { duesBills, duesPayments, files } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set('2026-07-15T10:00:00+08:00');
});

type Org = { id: number; path: string; name: string };

async function phone(org: Org, name: string) {
  const { memberId, user } = await env.buildMemberUser({ org, name });
  const m = { id: memberId };
  const [proof] = await env.db
    .insert(files)
    .values({ ownerId: user.id, name: 'p.jpg', mime: 'image/jpeg', size: 10, sha256: 'x', storageKey: 'x' })
    .returning();
  return { member: m, api: await env.as(user), proofId: proof.id };
}

/** A branch with a treasurer and two phone members (40.00 元 a month), billed for 2026-06 and 2026-07. */
async function branch() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const org = await env.buildOrg({ parent: committee });
  const treasurer = await env.as(await env.buildUser({ roles: [{ role: 'branch_committee', orgId: org.id }] }));
  const a = await phone(org, '张卫东');
  const b = await phone(org, '李秀英');
  for (const m of [a, b]) {
    const res = await treasurer.post('/api/v1/dues/bases', {
      memberId: m.member.id,
      fromMonth: '2026-01',
      category: 'employed',
      baseFen: 400_000,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  for (const month of ['2026-06', '2026-07']) await treasurer.post('/api/v1/dues/bills/generate', { orgId: org.id, month });
  return { org, treasurer, a, b };
}

const billStatus = async (memberId: number, month: string) =>
  (
    await env.db
      .select()
      .from(duesBills)
      .where(and(eq(duesBills.memberId, memberId), eq(duesBills.month, `${month}-01`)))
  )[0]?.status;

describe('代缴 from the phone: the member consents, the proxy reports, the treasurer confirms', () => {
  it('pays for a consenting member of the branch; the payment records who paid and the consent', async () => {
    const { treasurer, a, b } = await branch();
    const mates = json<{ id: number; name: string }[]>(await b.api.get('/api/v1/dues/me/branch-members'));
    expect(mates.map((x) => x.name)).toEqual(['张卫东']);
    const given = await b.api.put('/api/v1/dues/me/proxy', { proxyMemberId: a.member.id, untilMonth: '2026-09' });
    expect(given.statusCode, given.body).toBe(200);
    expect(json(given).given).toMatchObject({ proxyName: '张卫东', untilMonth: '2026-09' });

    const mine = json<{ proxy: { forMe: { memberName: string; openBills: { month: string; dueFen: number }[] }[] } }>(
      await a.api.get('/api/v1/dues/me'),
    );
    expect(mine.proxy.forMe).toEqual([
      expect.objectContaining({
        memberName: '李秀英',
        openBills: [
          { month: '2026-06', dueFen: 4000 },
          { month: '2026-07', dueFen: 4000 },
        ],
      }),
    ]);

    const rep = await a.api.post('/api/v1/dues/me/payments', {
      forMemberId: b.member.id,
      months: ['2026-07'],
      method: 'transfer',
      paidOn: '2026-07-15',
      proofFileId: a.proofId,
    });
    expect(rep.statusCode, rep.body).toBe(200);
    const p = json<{ id: number; memberId: number; proxyMemberId: number; proxyConsent: string; status: string }>(rep);
    expect(p).toMatchObject({ memberId: b.member.id, proxyMemberId: a.member.id, status: 'reported' });
    expect(p.proxyConsent).toContain('李秀英于 2026-07-15 在手机端委托张卫东代缴');
    // Both see it among their payments.
    for (const who of [a, b]) {
      const d = json<{ payments: { id: number }[] }>(await who.api.get('/api/v1/dues/me'));
      expect(d.payments.map((x) => x.id)).toContain(p.id);
    }
    const ok = await treasurer.post(`/api/v1/dues/payments/${p.id}/confirm`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await billStatus(b.member.id, '2026-07')).toBe('paid');
    expect(await billStatus(a.member.id, '2026-07')).toBe('unpaid');
  });

  it('refuses without consent, beyond the consent, after it is revoked, and a proxy from another branch — nothing written', async () => {
    const { a, b } = await branch();
    const other = await branch();
    const count = async () => (await env.db.select().from(duesPayments).where(eq(duesPayments.memberId, b.member.id))).length;
    const report = (months: string[]) =>
      a.api.post('/api/v1/dues/me/payments', {
        forMemberId: b.member.id,
        months,
        method: 'transfer',
        paidOn: '2026-07-15',
        proofFileId: a.proofId,
      });

    const none = await report(['2026-07']);
    expect(none.statusCode).toBe(400);
    expect(json(none).message).toContain('没有委托您代缴');

    const cross = await b.api.put('/api/v1/dues/me/proxy', { proxyMemberId: other.a.member.id, untilMonth: '2026-09' });
    expect(cross.statusCode).toBe(400);
    expect(json(cross).message).toContain('同一支部');

    await b.api.put('/api/v1/dues/me/proxy', { proxyMemberId: a.member.id, untilMonth: '2026-07' });
    const beyond = await report(['2026-07', '2026-08']);
    expect(beyond.statusCode).toBe(409);
    expect(json(beyond).message).toContain('不在委托期内');

    const revoked = await b.api.delete('/api/v1/dues/me/proxy');
    expect(json(revoked).given).toBeNull();
    expect((await report(['2026-07'])).statusCode).toBe(400);
    expect(await count()).toBe(0);
  });
});

describe('预交 and 自愿多交 from the phone', () => {
  it('lists the next months to prepay; a prepayment with extra is reported and, once confirmed, bills those months as 预缴', async () => {
    const { treasurer, a } = await branch();
    const d = json<{ prepay: { month: string; dueFen: number }[] }>(await a.api.get('/api/v1/dues/me'));
    expect(d.prepay.map((x) => x.month)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
    expect(d.prepay[0].dueFen).toBe(4000);
    const tooFar = await a.api.post('/api/v1/dues/me/payments', {
      months: ['2027-02'],
      method: 'transfer',
      paidOn: '2026-07-15',
      proofFileId: a.proofId,
    });
    expect(tooFar.statusCode).toBe(400);
    expect(json(tooFar).message).toContain('预交');

    const rep = await a.api.post('/api/v1/dues/me/payments', {
      months: ['2026-07', '2026-08', '2026-09'],
      extraFen: 1000,
      method: 'transfer',
      paidOn: '2026-07-15',
      proofFileId: a.proofId,
    });
    expect(rep.statusCode, rep.body).toBe(200);
    expect(json(rep)).toMatchObject({ kind: 'prepay', amountFen: 13_000, duesFen: 12_000, extraFen: 1000 });
    expect(await billStatus(a.member.id, '2026-08')).toBeUndefined();
    const ok = await treasurer.post(`/api/v1/dues/payments/${json<{ id: number }>(rep).id}/confirm`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await billStatus(a.member.id, '2026-07')).toBe('paid');
    expect(await billStatus(a.member.id, '2026-08')).toBe('prepaid');
    expect(await billStatus(a.member.id, '2026-09')).toBe('prepaid');
    const after = json<{ prepay: { month: string }[] }>(await a.api.get('/api/v1/dues/me'));
    expect(after.prepay.map((x) => x.month)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
  });
});
