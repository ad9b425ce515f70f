import { makeIdNumber } from '@vanguard/shared';
import { and, asc, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { duesBills, memberStatusHistory, members, relationLetters, relationTransfers, todos } from '../../db/schema/index.js';
import { refreshRelationReminders } from './relations.jobs.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Letter = {
  id: number;
  number: string;
  status: string;
  idNumber: string | null;
  duesPaidToCapital: string;
  validityDays: number;
  validityDaysCapital: string;
  issuedOnCapital: string;
  validUntil: string;
  receiptDueOn: string;
  isExpired: boolean;
  isReceiptOverdue: boolean;
  transferId: number | null;
  memberId: number | null;
  committeeAddress: string | null;
};

async function tree() {
  const top = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const mine = await env.buildOrg({ parent: top, kind: 'committee', name: '东山矿党委' });
  const branch = await env.buildOrg({ parent: mine, name: '东山综采一队党支部' });
  const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
  return { top, mine, branch, secretary };
}

let idSeq = 100;
async function memberIn(org: { id: number; path: string }, name = '赵刚') {
  const m = await env.buildMember({ org, name });
  const idNumber = makeIdNumber('140402', '1985-06-01', idSeq++, '男');
  await env.db
    .update(members)
    .set({
      idNumberEnc: env.ciphers.members.encrypt(idNumber),
      idNumberBi: env.ciphers.members.blindIndex(idNumber),
      phoneEnc: env.ciphers.members.encrypt('13912345678'),
    })
    .where(eq(members.id, m.id));
  return { ...m, idNumber };
}

const issueBody = (memberId: number, extra: object = {}) => ({
  memberId,
  addressee: '中共太原市某区委组织部',
  toOrgName: '太原市某区某街道党工委',
  duesPaidTo: '2026-02',
  committeeAddress: '山西省某市东山矿区矿务路 1 号',
  committeePhone: '0351-1234567',
  committeePostcode: '030000',
  reason: '调离本集团',
  ...extra,
});

describe('outgoing letters (介绍信)', () => {
  it('issues a numbered letter with capital numerals, masks the ID number, prints it with reveal (audited)', async () => {
    env.clock.set('2026-03-02T09:00:00+08:00');
    const { branch, secretary } = await tree();
    const m = await memberIn(branch);
    const api = await env.as(secretary);
    const res = await api.post('/api/v1/relation-letters', issueBody(m.id));
    expect(res.statusCode, res.body).toBe(200);
    const l = json<Letter>(res);
    expect(l).toMatchObject({
      number: '2026-001',
      status: 'issued',
      duesPaidToCapital: '贰零贰陆年贰月',
      validityDays: 90,
      validityDaysCapital: '玖拾',
      issuedOnCapital: '贰零贰陆年叁月贰日',
      validUntil: '2026-05-30',
      receiptDueOn: '2026-04-02',
      isExpired: false,
      isReceiptOverdue: false,
    });
    // Issue 15 item 2: the letter masks as every other view does (3 + 2), not 6 + 4.
    expect(l.idNumber).toBe(`${m.idNumber.slice(0, 3)}*************${m.idNumber.slice(16)}`);
    const printed = json<Letter>(await api.get(`/api/v1/relation-letters/${l.id}?reveal=true`));
    expect(printed.idNumber).toBe(m.idNumber);
    const [t] = await env.db.select().from(relationTransfers).where(eq(relationTransfers.memberId, m.id));
    expect(t).toMatchObject({ kind: 'letter', status: 'letter_issued', letterId: l.id });

    // The member is now in transfer: a second letter or an internal transfer is refused.
    const again = await api.post('/api/v1/relation-letters', issueBody(m.id));
    expect(again.statusCode).toBe(409);
    expect(json(again).message).toBe('赵刚已有正在办理的组织关系转接，不能重复开具介绍信');

    // Within the group: 30 days by default; the committee's contact lines come from its last letter.
    const m2 = await memberIn(branch, '钱进');
    const within = json<Letter>(
      await api.post('/api/v1/relation-letters', {
        memberId: m2.id,
        addressee: '西河矿党委',
        toOrgName: '西河矿某项目部',
        duesPaidTo: '2026-03',
        withinGroup: true,
        reason: '借调',
      }),
    );
    expect(within).toMatchObject({
      number: '2026-002',
      validityDays: 30,
      validityDaysCapital: '叁拾',
      committeeAddress: '山西省某市东山矿区矿务路 1 号',
    });
  });

  it('takes 党费交至 from the dues ledger when it is left empty, and asks for it when the ledger has nothing', async () => {
    env.clock.set('2026-03-02T09:00:00+08:00');
    const { branch, secretary } = await tree();
    const api = await env.as(secretary);
    const paid = await memberIn(branch, '孙立');
    const bill = { memberId: paid.id, orgId: branch.id, orgPath: branch.path, standardFen: 500, dueFen: 500 };
    await env.db.insert(duesBills).values([
      { ...bill, month: '2026-01-01', status: 'paid', paidFen: 500 },
      { ...bill, month: '2026-02-01', status: 'unpaid' },
    ]);
    const res = await api.post('/api/v1/relation-letters', issueBody(paid.id, { duesPaidTo: undefined }));
    expect(res.statusCode, res.body).toBe(200);
    expect(json<Letter>(res)).toMatchObject({ duesPaidTo: '2026-01', duesPaidToCapital: '贰零贰陆年壹月' });

    const none = await memberIn(branch, '周全');
    const refused = await api.post('/api/v1/relation-letters', issueBody(none.id, { duesPaidTo: undefined }));
    expect(refused.statusCode).toBe(400);
    expect(json<{ details: { path: string }[] }>(refused).details[0].path).toBe('duesPaidTo');
    expect(await env.db.select().from(relationLetters).where(eq(relationLetters.memberId, none.id))).toHaveLength(0);
  });

  it('a read-only committee member cannot print the ID number (403)', async () => {
    const { branch, secretary } = await tree();
    const m = await memberIn(branch);
    const l = json<Letter>(await (await env.as(secretary)).post('/api/v1/relation-letters', issueBody(m.id)));
    const committee = await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] });
    const api = await env.as(committee);
    expect((await api.get(`/api/v1/relation-letters/${l.id}`)).statusCode).toBe(200);
    expect((await api.get(`/api/v1/relation-letters/${l.id}?reveal=true`)).statusCode).toBe(403);
  });

  it('numbers are per committee per year, gap-free under concurrency', async () => {
    env.clock.set('2026-03-02T09:00:00+08:00');
    const { mine, branch, secretary } = await tree();
    const other = await env.buildOrg({ parent: mine, name: '东山掘进一队党支部' });
    const otherSec = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: other.id }] });
    const ms = await Promise.all([1, 2, 3, 4, 5].map((i) => memberIn(branch, `成员${i}`)));
    const o = await memberIn(other, '孙立');
    const api = await env.as(secretary);
    const results = await Promise.all([
      ...ms.map((m) => api.post('/api/v1/relation-letters', issueBody(m.id))),
      (await env.as(otherSec)).post('/api/v1/relation-letters', issueBody(o.id)),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const numbers = results.map((r) => json<Letter>(r).number).sort();
    // Both branches are under the same committee: one sequence of 6.
    expect(numbers).toEqual(['2026-001', '2026-002', '2026-003', '2026-004', '2026-005', '2026-006']);

    // A new year starts at 1 again; a different committee has its own sequence.
    env.clock.set('2027-01-04T09:00:00+08:00');
    const next = await memberIn(branch, '新年');
    expect(json<Letter>(await (await env.as(secretary)).post('/api/v1/relation-letters', issueBody(next.id))).number).toBe('2027-001');
    const t2 = await tree();
    const far = await memberIn(t2.branch, '周远');
    expect(json<Letter>(await (await env.as(t2.secretary)).post('/api/v1/relation-letters', issueBody(far.id))).number).toBe('2027-001');
  });

  it('receipt: a number never issued is refused by name; the right one completes the transfer once', async () => {
    env.clock.set('2026-03-02T09:00:00+08:00');
    const { branch, secretary } = await tree();
    const m = await memberIn(branch, '吴敏');
    const api = await env.as(secretary);
    const l = json<Letter>(await api.post('/api/v1/relation-letters', issueBody(m.id)));

    const bogus = await api.post('/api/v1/relation-letters/receipts', {
      number: '2026-999',
      receiptOn: '2026-03-01',
      receiptOrgName: '某街道党工委',
    });
    expect(bogus.statusCode).toBe(404);
    expect(json(bogus).message).toBe('未找到编号为 2026-999 的介绍信：本党委没有开具过该介绍信，请核对回执上的编号');
    const early = await api.post('/api/v1/relation-letters/receipts', {
      number: l.number,
      receiptOn: '2026-03-01',
      receiptOrgName: '某街道党工委',
    });
    expect(json(early)).toMatchObject({ message: '回执日期不能早于介绍信开具日期 2026-03-02' });
    const [before] = await env.db.select().from(relationLetters).where(eq(relationLetters.id, l.id));
    expect(before.status).toBe('issued');
    const [onRoll] = await env.db.select().from(members).where(eq(members.id, m.id));
    expect(onRoll.status).toBe('normal');

    const ok = await api.post('/api/v1/relation-letters/receipts', {
      number: l.number,
      receiptOn: '2026-03-02',
      receiptOrgName: '某街道党工委',
      receiptHandler: '刘办',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ status: 'received', receiptOn: '2026-03-02', receiptOnCapital: '贰零贰陆年叁月贰日' });
    const [t] = await env.db.select().from(relationTransfers).where(eq(relationTransfers.memberId, m.id));
    expect(t).toMatchObject({ status: 'completed', effectiveOn: '2026-03-02' });
    // Decided at the receipt, not at issue: until the receipt the member is still on our roll.
    const history = await env.db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, m.id));
    expect(history.map((h) => [h.field, h.toValue, h.effectiveOn])).toEqual([
      ['org', '转出至太原市某区某街道党工委', '2026-03-02'],
      ['status', 'transferred_out', '2026-03-02'],
    ]);
    const [gone] = await env.db.select().from(members).where(eq(members.id, m.id));
    expect(gone.status).toBe('transferred_out');
    const twice = await api.post('/api/v1/relation-letters/receipts', {
      number: l.number,
      receiptOn: '2026-03-02',
      receiptOrgName: '某街道党工委',
    });
    expect(twice.statusCode).toBe(409);
    expect(json(twice).message).toBe('编号 2026-001 的介绍信回执已于 2026-03-02 登记');
  });

  it('reminders: receipt overdue at exactly 1 month, expired letters flagged and re-issued with a new number', async () => {
    env.clock.set('2026-03-02T09:00:00+08:00');
    const { mine, branch, secretary } = await tree();
    const admin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] });
    const m = await memberIn(branch, '郑华');
    const api = await env.as(secretary);
    const l = json<Letter>(await api.post('/api/v1/relation-letters', issueBody(m.id, { withinGroup: true })));
    expect(l.validUntil).toBe('2026-03-31');
    const keys = async (userId: number) =>
      (
        await env.db
          .select()
          .from(todos)
          .where(and(eq(todos.userId, userId), like(todos.sourceKey, 'letter:%')))
          .orderBy(asc(todos.id))
      ).map((t) => t.sourceKey);
    const run = (iso: string) => {
      env.clock.set(iso);
      return refreshRelationReminders(env.db, env.clock.now());
    };

    await run('2026-03-31T23:00:00+08:00');
    expect(await keys(secretary.id)).toEqual([]);
    await run('2026-04-01T08:00:00+08:00');
    expect(await keys(secretary.id)).toEqual([`letter:${l.id}:expired`]);
    await run('2026-04-02T00:00:00+08:00');
    expect(await keys(secretary.id)).toEqual([`letter:${l.id}:expired`, `letter:${l.id}:receipt`]);
    expect(await keys(admin.id)).toEqual([`letter:${l.id}:expired`, `letter:${l.id}:receipt`]);
    expect(await run('2026-04-03T00:00:00+08:00')).toBe(0);

    const api2 = await env.as(secretary);
    const flagged = json<{ items: Letter[] }>(await api2.get('/api/v1/relation-letters?filter=attention'));
    expect(flagged.items.map((x) => [x.number, x.isExpired, x.isReceiptOverdue])).toEqual([['2026-001', true, true]]);

    const re = await api2.post(`/api/v1/relation-letters/${l.id}/reissue`, {});
    expect(re.statusCode, re.body).toBe(200);
    const fresh = json<Letter & { reissueOfId: number }>(re);
    expect(fresh).toMatchObject({
      number: '2026-002',
      status: 'issued',
      validityDays: 30,
      reissueOfId: l.id,
      isExpired: false,
      transferId: l.transferId,
    });
    const [old] = await env.db.select().from(relationLetters).where(eq(relationLetters.id, l.id));
    expect(old).toMatchObject({ status: 'void', voidedOn: '2026-04-03' });
    const stale = await api2.post('/api/v1/relation-letters/receipts', {
      number: l.number,
      receiptOn: '2026-04-03',
      receiptOrgName: '某党工委',
    });
    expect(json(stale).message).toBe('编号 2026-001 的介绍信已作废（已重新开具），请核对回执上的编号');
    // A letter still valid is not re-issued.
    const notYet = await api2.post(`/api/v1/relation-letters/${fresh.id}/reissue`, {});
    expect(notYet.statusCode).toBe(409);
    expect(json(notYet).message).toBe('该介绍信尚在有效期内（至 2026-05-02），无需重新开具');
  });
});

describe('incoming letters (转入报到)', () => {
  const body = (orgId: number, extra: object = {}) => ({
    orgId,
    number: '2026-018',
    issuingCommittee: '中共某县委组织部',
    fromOrgName: '某县某镇党委',
    issuedOn: '2026-02-20',
    validityDays: 30,
    duesPaidTo: '2026-01',
    name: '冯军',
    sex: '男',
    birthDate: '1990-05-20',
    idNumber: makeIdNumber('140402', '1990-05-20', 7, '男'),
    phone: '13800000001',
    category: 'full',
    admittedOn: '2013-07-01',
    fullOn: '2014-07-01',
    reportedOn: '2026-03-02',
    ...extra,
  });

  it('registers the member with history, keeps the letter for the receipt; expired and duplicate letters are refused', async () => {
    env.clock.set('2026-03-02T09:00:00+08:00');
    const { branch, secretary } = await tree();
    const api = await env.as(secretary);
    const expired = await api.post('/api/v1/relation-letters/incoming', body(branch.id, { issuedOn: '2026-01-20' }));
    expect(expired.statusCode).toBe(400);
    expect(json(expired).message).toBe('介绍信已过有效期（至 2026-02-18），请党员到原党组织重新开具后再报到');

    const res = await api.post('/api/v1/relation-letters/incoming', body(branch.id));
    expect(res.statusCode, res.body).toBe(200);
    const l = json<Letter & { direction: string; receiptOn: string; receiptOrgName: string }>(res);
    expect(l).toMatchObject({
      direction: 'in',
      status: 'registered',
      number: '2026-018',
      receiptOn: '2026-03-02',
      receiptOrgName: '东山矿党委',
    });
    const [m] = await env.db
      .select()
      .from(members)
      .where(eq(members.id, l.memberId as number));
    expect(m).toMatchObject({ orgId: branch.id, orgPath: branch.path, name: '冯军' });
    const history = await env.db
      .select()
      .from(memberStatusHistory)
      .where(eq(memberStatusHistory.memberId, m.id))
      .orderBy(asc(memberStatusHistory.id));
    expect(history.map((h) => h.field)).toEqual(['category', 'org']);
    expect((await api.get(`/api/v1/members/${m.id}`)).statusCode).toBe(200);

    const dup = await api.post('/api/v1/relation-letters/incoming', body(branch.id, { idNumber: null, name: '冯军乙' }));
    expect(dup.statusCode).toBe(409);
    expect(json(dup).message).toBe('中共某县委组织部编号 2026-018 的介绍信已登记过');
    const list = json<{ total: number }>(await api.get('/api/v1/relation-letters?direction=in'));
    expect(list.total).toBe(1);
  });
});

// ── Authz matrix on every route ──────────────────────────────────────────────────────────

const letterSnapshot = async (_e: TestEnv, r: { letterId?: number; memberId: number }) => ({
  letters: (await env.db.select().from(relationLetters).where(eq(relationLetters.memberId, r.memberId))).map((l) => [l.number, l.status]),
});

async function issuedIn(e: TestEnv, own: { id: number; path: string }) {
  const m = await e.buildMember({ org: own });
  const [l] = await e.db
    .insert(relationLetters)
    .values({
      direction: 'out',
      memberId: m.id,
      orgId: own.id,
      orgPath: own.path,
      committeeId: own.id,
      committeeName: '某党委',
      year: 2025,
      seq: own.id,
      number: `M-${own.id}`,
      addressee: '某组织部',
      name: '张伟',
      sex: '男',
      age: 40,
      ethnicity: '汉族',
      category: 'full',
      fromOrgName: '本支部',
      toOrgName: '外单位',
      duesPaidTo: '2025-12',
      validityDays: 30,
      issuedOn: '2025-12-01',
      status: 'issued',
    })
    .returning();
  return { letterId: l.id, memberId: m.id, number: l.number };
}

describe('authz: POST /relation-letters (issue)', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (e, own) => ({ memberId: (await e.buildMember({ org: own })).id }),
    request: (r) => ({ method: 'POST', url: '/api/v1/relation-letters', payload: issueBody(r.memberId) }),
    snapshot: letterSnapshot,
  });
});

describe('authz: POST /relation-letters/:id/reissue', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: issuedIn,
    request: (r) => ({ method: 'POST', url: `/api/v1/relation-letters/${r.letterId}/reissue`, payload: {} }),
    snapshot: letterSnapshot,
  });
});

describe('authz: POST /relation-letters/receipts', () => {
  authzMatrix<Awaited<ReturnType<typeof issuedIn>>>(() => env, {
    role: 'branch_secretary',
    makeRecord: issuedIn,
    request: (r) => ({
      method: 'POST',
      url: '/api/v1/relation-letters/receipts',
      payload: { number: r.number, receiptOn: '2026-01-05', receiptOrgName: '外单位党委' },
    }),
    snapshot: letterSnapshot,
  });
});

describe('authz: GET /relation-letters/:id', () => {
  authzMatrix(() => env, {
    role: 'branch_committee',
    makeRecord: issuedIn,
    request: (r) => ({ method: 'GET', url: `/api/v1/relation-letters/${r.letterId}` }),
    snapshot: letterSnapshot,
  });
});

let incomingSeq = 0;
describe('authz: POST /relation-letters/incoming', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: async (_e, own) => ({ orgId: own.id, memberId: -1, n: ++incomingSeq }),
    request: (r) => ({
      method: 'POST',
      url: '/api/v1/relation-letters/incoming',
      payload: {
        orgId: r.orgId,
        number: `IN-${r.orgId}-${r.n}`,
        issuingCommittee: '某县委组织部',
        fromOrgName: '某镇党委',
        issuedOn: '2026-02-25',
        validityDays: 30,
        duesPaidTo: '2026-01',
        name: '褚明',
        sex: '男',
        birthDate: '1990-05-20',
        category: 'full',
        admittedOn: '2013-07-01',
        fullOn: '2014-07-01',
        reportedOn: '2026-03-01',
      },
    }),
    snapshot: async (_e, r) => (await env.db.select().from(members).where(eq(members.orgId, r.orgId))).length,
  });
});
