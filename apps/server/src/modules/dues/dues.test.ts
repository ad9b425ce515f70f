import { duesStandard } from '@vanguard/shared';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, duesBases, duesBills, duesPayments, duesWithdrawalCases, files, members, todos } from '../../db/schema/index.js';
import { lastPaidDuesMonths, refreshDuesArrears } from './dues-arrears.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  // 2026-07-15 in China.
  env.clock.set('2026-07-15T10:00:00+08:00');
});

type Org = { id: number; path: string; name: string };

async function branchWithTreasurer() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: committee });
  const treasurer = await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] });
  return { committee, branch, api: await env.as(treasurer), treasurer };
}

async function declare(
  api: Awaited<ReturnType<TestEnv['as']>>,
  memberId: number,
  baseFen: number,
  fromMonth = '2026-01',
  category = 'employed',
) {
  const res = await api.post('/api/v1/dues/bases', { memberId, fromMonth, category, baseFen });
  expect(res.statusCode, res.body).toBe(200);
  return json<{ id: number; monthlyFen: number; rebilled: number }>(res);
}

async function generate(api: Awaited<ReturnType<TestEnv['as']>>, orgId: number, month: string) {
  const res = await api.post('/api/v1/dues/bills/generate', { orgId, month });
  expect(res.statusCode, res.body).toBe(200);
  return json<{ created: number; existing: number; withoutBase: number; totalDueFen: number }>(res);
}

async function linkedMember(org: Org, name = '李明') {
  const { memberId, user } = await env.buildMemberUser({ org, name });
  return { member: { id: memberId }, api: await env.as(user), user };
}

const bill = async (memberId: number, month: string) =>
  (
    await env.db
      .select()
      .from(duesBills)
      .where(and(eq(duesBills.memberId, memberId), eq(duesBills.month, `${month}-01`)))
  )[0];

describe('POST /api/v1/dues/calculate', () => {
  it('answers the standard, the rate and the rule version', async () => {
    const { api } = await branchWithTreasurer();
    const res = await api.post('/api/v1/dues/calculate', { category: 'employed', baseFen: 300_001 });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ monthlyFen: 3000, rate: 0.01, ruleVersion: '2017.1' });
    const r2 = await api.post('/api/v1/dues/calculate', { category: 'employed', baseFen: 123_456, rounding: 'jiao-up' });
    expect(json(r2).monthlyFen).toBe(620);
  });
  it.each([
    [{ category: 'employed', baseFen: -1 }, 'baseFen', '不能为负数'],
    [{ category: 'employed', baseFen: 1e12 }, 'baseFen', '超出合理范围'],
    [{ category: 'employed', baseFen: 100.5 }, 'baseFen', '应为整数'],
    [{ category: 'employed', baseFen: '3000' }, 'baseFen', '应为整数'],
    [{ category: 'boss', baseFen: 100 }, 'category', '党费类别应为'],
  ])('400 with a Chinese message: %o', async (body, path, msg) => {
    const { api } = await branchWithTreasurer();
    const res = await api.post('/api/v1/dues/calculate', body);
    expect(res.statusCode).toBe(400);
    expect(json(res).message).toContain(msg);
    expect(json<{ details: { path: string }[] }>(res).details[0].path).toBe(path);
  });
  it('a member may calculate (self:portal); anonymous may not', async () => {
    const { branch } = await branchWithTreasurer();
    const { api } = await linkedMember(branch);
    expect((await api.post('/api/v1/dues/calculate', { category: 'student' })).statusCode).toBe(200);
    expect((await env.anon.post('/api/v1/dues/calculate', { category: 'student' })).statusCode).toBe(401);
  });
});

describe('bases and billing', () => {
  it('the base is encrypted at rest and masked in the list unless revealed by someone permitted', async () => {
    const { branch, api } = await branchWithTreasurer();
    const m = await env.buildMember({ org: branch });
    await declare(api, m.id, 456_789);
    const [row] = await env.db.select().from(duesBases).where(eq(duesBases.memberId, m.id));
    expect(row.baseEnc).not.toContain('456789');
    expect(row.basis).not.toContain('4567.89');
    expect(row.monthlyFen).toBe(4568);
    const list = json<{ items: { baseFen: number | null; baseMasked: string }[] }>(
      await api.get(`/api/v1/dues/bases?orgId=${branch.id}&year=2026&reveal=true`),
    );
    // branch_committee lacks members:read-sensitive: still masked.
    expect(list.items[0]).toMatchObject({ baseFen: null, baseMasked: '****' });
    const sec = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
    const open = json<{ items: { baseFen: number | null }[] }>(
      await sec.get(`/api/v1/dues/bases?orgId=${branch.id}&year=2026&reveal=true`),
    );
    expect(open.items[0].baseFen).toBe(456_789);
    const [a] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'dues.base.read_sensitive'));
    expect(a).toBeTruthy();
  });

  it('bad bases are refused with nothing written', async () => {
    const { branch, api } = await branchWithTreasurer();
    const m = await env.buildMember({ org: branch });
    for (const baseFen of [-1, 1e12]) {
      const res = await api.post('/api/v1/dues/bases', { memberId: m.id, fromMonth: '2026-01', category: 'employed', baseFen });
      expect(res.statusCode).toBe(400);
    }
    expect(await env.db.select().from(duesBases).where(eq(duesBases.memberId, m.id))).toEqual([]);
  });

  it('one set-based generation, idempotent; probationary members from their admission month; a salary change re-bills open months', async () => {
    const { branch, api } = await branchWithTreasurer();
    const a = await env.buildMember({ org: branch, name: '甲' });
    const b = await env.buildMember({ org: branch, name: '乙', category: 'probationary' });
    await env.db.update(members).set({ admittedOn: '2026-05-20' }).where(eq(members.id, b.id));
    const c = await env.buildMember({ org: branch, name: '丙' }); // no base declared
    await declare(api, a.id, 500_000);
    await declare(api, b.id, 300_000);
    const april = await generate(api, branch.id, '2026-04');
    expect(april).toMatchObject({ created: 1, withoutBase: 1, totalDueFen: 5000 });
    const may = await generate(api, branch.id, '2026-05');
    expect(may).toMatchObject({ created: 2, totalDueFen: 6500 });
    expect(await generate(api, branch.id, '2026-05')).toMatchObject({ created: 0, existing: 2 });
    // Salary change from June: June's open bill takes the new standard, May's stays.
    await generate(api, branch.id, '2026-06');
    const ch = await declare(api, a.id, 600_000, '2026-06');
    expect(ch.rebilled).toBe(1);
    expect((await bill(a.id, '2026-06')).dueFen).toBe(9000);
    expect((await bill(a.id, '2026-05')).dueFen).toBe(5000);
    expect(await bill(c.id, '2026-05')).toBeUndefined();
  });

  it('property: a month billed total equals the sum of the members standards (seeded generator)', async () => {
    const { branch, api } = await branchWithTreasurer();
    let seed = 20260715;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const cats = ['employed', 'employed', 'retired', 'student', 'unemployed', 'farmer'];
    let expected = 0;
    for (let i = 0; i < 40; i++) {
      const m = await env.buildMember({ org: branch, name: `成员${i}` });
      const category = cats[Math.floor(rnd() * cats.length)];
      // Bases around the boundaries and far beyond the cap.
      const pick = [300_000, 300_001, 500_000, 500_001, 1_000_000, 1_000_001, 8_000_000][Math.floor(rnd() * 7)];
      const baseFen = rnd() < 0.5 ? pick : Math.floor(rnd() * 6_000_000);
      const res = await api.post('/api/v1/dues/bases', { memberId: m.id, fromMonth: '2026-01', category, baseFen });
      expect(res.statusCode, res.body).toBe(200);
      expected += duesStandard({ category, baseFen }).monthlyFen;
    }
    const g = await generate(api, branch.id, '2026-03');
    expect(g.created).toBe(40);
    expect(g.totalDueFen).toBe(expected);
    const [{ s }] = await env.db
      .select({ s: sql<string>`sum(due_fen)` })
      .from(duesBills)
      .where(and(eq(duesBills.month, '2026-03-01'), sql`${duesBills.orgPath} LIKE ${`${branch.path}%`}`));
    expect(Number(s)).toBe(expected);
  });

  it('hardship: exempt bills are 减免, reduced ones owe less; the ledger and its Excel balance', async () => {
    const { branch, api } = await branchWithTreasurer();
    const a = await env.buildMember({ org: branch, name: '免交' });
    const b = await env.buildMember({ org: branch, name: '少交' });
    const hardship = { branchReview: '2026-01-05 支委会研究同意', approval: '矿党委 2026-01-10 批准' };
    const noApproval = await api.post('/api/v1/dues/bases', {
      memberId: a.id,
      fromMonth: '2026-01',
      category: 'employed',
      baseFen: 400_000,
      hardship: { kind: 'exempt', branchReview: '同意' },
    });
    expect(noApproval.statusCode).toBe(400);
    expect(
      (
        await api.post('/api/v1/dues/bases', {
          memberId: a.id,
          fromMonth: '2026-01',
          category: 'employed',
          baseFen: 400_000,
          hardship: { kind: 'exempt', ...hardship },
        })
      ).statusCode,
    ).toBe(200);
    const r = await api.post('/api/v1/dues/bases', {
      memberId: b.id,
      fromMonth: '2026-01',
      category: 'employed',
      baseFen: 400_000,
      hardship: { kind: 'reduce', monthlyFen: 1000, ...hardship },
    });
    expect(json(r)).toMatchObject({ standardFen: 4000, monthlyFen: 1000, hardshipKind: 'reduce' });
    await generate(api, branch.id, '2026-06');
    expect(await bill(a.id, '2026-06')).toMatchObject({ status: 'waived', dueFen: 0, standardFen: 4000 });
    expect(await bill(b.id, '2026-06')).toMatchObject({ status: 'unpaid', dueFen: 1000 });
    const waived = await api.post('/api/v1/dues/payments', { memberId: a.id, months: ['2026-06'], method: 'cash', paidOn: '2026-07-01' });
    expect(json(waived).message).toContain('已减免');
    const l = json<{ totals: Record<string, number> }>(await api.get(`/api/v1/dues/ledger?orgId=${branch.id}&month=2026-06`));
    expect(l.totals).toMatchObject({ standardFen: 8000, waivedFen: 7000, owedFen: 1000, paidFen: 0 });
    const x = await api.get(`/api/v1/dues/ledger.xlsx?orgId=${branch.id}&month=2026-06`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toContain('党费收缴台账');
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const sum = rows.find((row) => row[1] === '合计') as unknown[];
    expect(sum.slice(5, 9)).toEqual([80, 0, 10, 70]);
  });

  it('import: all-or-nothing with the row named', async () => {
    const { branch, api } = await branchWithTreasurer();
    const a = await env.buildMember({ org: branch, name: '王一' });
    await env.buildMember({ org: branch, name: '王二' });
    const sheet = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('s');
      ws.addRow(['姓名', '身份证号', '党费类别', '月计算基数（元）', '起始月份', '备注']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (bytes: Buffer) => {
      const boundary = '----vgtest';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return api.inject({
        method: 'POST',
        url: `/api/v1/dues/bases/import?orgId=${branch.id}&year=2026`,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const bad = await upload(
      await sheet([
        ['王一', null, '在职', 4500, '2026-01'],
        ['王二', null, '在职', -1, '2026-01'],
        ['张三', null, '在职', 100, '2026-01'],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    expect(json(bad).message).toContain('第 3 行');
    expect(json<{ details: { row: number }[] }>(bad).details.map((d) => d.row)).toEqual([3, 4]);
    expect(await env.db.select().from(duesBases).where(eq(duesBases.memberId, a.id))).toEqual([]);
    const ok = await upload(
      await sheet([
        ['王一', null, '在职', '4500.50', '2026-01'],
        ['王二', null, '离退休', 5000, '2026-01'],
      ]),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).imported).toBe(2);
    const [row] = await env.db.select().from(duesBases).where(eq(duesBases.memberId, a.id));
    expect(row.monthlyFen).toBe(4501);
    expect(row.source).toBe('import');
  });
});

describe('payments', () => {
  async function setup() {
    const s = await branchWithTreasurer();
    const linked = await linkedMember(s.branch);
    await declare(s.api, linked.member.id, 400_000, '2025-01'); // 40.00 a month
    for (const m of ['2026-05', '2026-06', '2026-07']) await generate(s.api, s.branch.id, m);
    return { ...linked, ...s, memberApi: linked.api };
  }

  it('the treasurer records cash with a receipt; the ledger balances; a duplicate month is refused', async () => {
    const { branch, api, member } = await setup();
    const res = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2026-06', '2026-07'],
      method: 'cash',
      paidOn: '2026-07-10',
      receiptNo: 'SJ-001',
      extraFen: 500,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({
      amountFen: 8500,
      duesFen: 8000,
      extraFen: 500,
      kind: 'backpay',
      status: 'confirmed',
      // One receipt-number format (issue 24 item 8): the typed number is the 凭证号, the receipt is the system's.
      receiptNo: expect.stringMatching(/^DF2026\d{7}$/),
      txnNo: 'SJ-001',
    });
    expect((await bill(member.id, '2026-06')).status).toBe('backpaid');
    expect((await bill(member.id, '2026-07')).status).toBe('paid');
    const again = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2026-07'],
      method: 'cash',
      paidOn: '2026-07-10',
    });
    expect(again.statusCode).toBe(409);
    expect(json(again).message).toContain('已经缴纳');
    const rem = json<{ rows: { orgId: number; duesFen: number; extraFen: number; remitFen: number }[] }>(
      await api.get(`/api/v1/dues/remittance?orgId=${branch.id}&from=2026-07&to=2026-07`),
    );
    expect(rem.rows).toEqual([expect.objectContaining({ orgId: branch.id, duesFen: 8000, extraFen: 500, remitFen: 8500 })]);
    const l = json<{ totals: Record<string, number> }>(await api.get(`/api/v1/dues/ledger?orgId=${branch.id}&month=2026-07`));
    expect(l.totals).toMatchObject({ standardFen: 4000, paidFen: 4000, owedFen: 0, waivedFen: 0, extraFen: 500 });
    expect(l.totals.standardFen).toBe(l.totals.paidFen + l.totals.owedFen + l.totals.waivedFen);
    // A status filter narrows the lines, not the month's totals.
    const f = json<{ totals: Record<string, number>; total: number }>(
      await api.get(`/api/v1/dues/ledger?orgId=${branch.id}&month=2026-07&status=unpaid`),
    );
    expect(f.total).toBe(0);
    expect(f.totals).toEqual(l.totals);
  });

  it('the year register (member × month) and the remittance summary export as Excel, laid out like the paper', async () => {
    const { branch, api, member } = await setup();
    const paid = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2026-06'],
      method: 'cash',
      paidOn: '2026-07-10',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const book = async (url: string) => {
      const res = await api.get(url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb.worksheets[0];
    };
    const reg = await book(`/api/v1/dues/summary.xlsx?orgId=${branch.id}&year=2026`);
    expect(String(reg.getCell(1, 1).value)).toContain('2026年度党员交纳党费登记表');
    const header = (reg.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['序号', '姓名', '所在支部', '1月']);
    expect(header.slice(-3)).toEqual(['全年应缴', '全年实缴', '欠缴']);
    const line = (reg.getRow(4).values as unknown[]).slice(1);
    expect(line[1]).toBe('李明');
    // 5月 unpaid, 6月 paid 40.00, 7月 unpaid; the year: due 120, paid 40, owed 80.
    expect(line.slice(7, 10)).toEqual(['未缴', 40, '未缴']);
    expect(line.slice(-3)).toEqual([120, 40, 80]);

    const rem = await book(`/api/v1/dues/remittance.xlsx?orgId=${branch.id}&from=2026-06&to=2026-07`);
    expect(String(rem.getCell(1, 1).value)).toContain('党费上缴汇总表');
    const unit = (rem.getRow(4).values as unknown[]).slice(1);
    expect(unit).toEqual([1, branch.name, 40, 0, 0, 40]);
  });

  it('bad payments: month not billed, back pay beyond 6 months, proxy from another branch — nothing changed', async () => {
    const { committee, branch, api, member } = await setup();
    const before = await env.db.select().from(duesPayments).where(eq(duesPayments.memberId, member.id));
    const notBilled = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2026-03'],
      method: 'cash',
      paidOn: '2026-07-10',
    });
    expect(notBilled.statusCode).toBe(400);
    expect(json(notBilled).message).toContain('尚未生成党费账单');
    await generate(api, branch.id, '2025-12');
    const tooOld = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2025-12'],
      method: 'cash',
      paidOn: '2026-07-10',
    });
    expect(tooOld.statusCode).toBe(400);
    expect(json(tooOld).message).toContain('补交一般不得超过 6 个月');
    const other = await env.buildOrg({ parent: committee });
    const stranger = await env.buildMember({ org: other });
    const proxy = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2026-05'],
      method: 'cash',
      paidOn: '2026-07-10',
      proxyMemberId: stranger.id,
      proxyConsent: '支部同意',
    });
    expect(proxy.statusCode).toBe(400);
    expect(json(proxy).message).toContain('同一支部');
    expect(await env.db.select().from(duesPayments).where(eq(duesPayments.memberId, member.id))).toEqual(before);
    expect((await bill(member.id, '2026-05')).status).toBe('unpaid');
    // With the committee's approval recorded, back pay beyond 6 months is accepted.
    const approved = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2025-12'],
      method: 'cash',
      paidOn: '2026-07-10',
      approval: '矿党委 2026-07-01 批准',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    // A same-branch proxy with consent is accepted.
    const mate = await env.buildMember({ org: branch, name: '同支部' });
    const ok = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2026-05'],
      method: 'transfer',
      paidOn: '2026-07-10',
      proxyMemberId: mate.id,
      proxyConsent: '支部 2026-07-01 同意',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).proxyMemberName).toBe('同支部');
  });

  it('prepay up to 6 months creates the future bills as 预缴; 7 months is refused', async () => {
    const { api, member } = await setup();
    const far = await api.post('/api/v1/dues/payments', { memberId: member.id, months: ['2027-02'], method: 'cash', paidOn: '2026-07-10' });
    expect(far.statusCode).toBe(400);
    const res = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2026-08', '2026-09'],
      method: 'cash',
      paidOn: '2026-07-10',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).kind).toBe('prepay');
    expect((await bill(member.id, '2026-09')).status).toBe('prepaid');
  });

  it('member reports with a photo; the treasurer confirms (twice = once); reversal is a new entry', async () => {
    const { api, member, memberApi, user } = await setup();
    const [file] = await env.db
      .insert(files)
      .values({ ownerId: user.id, name: 'p.jpg', mime: 'image/jpeg', size: 10, sha256: 'x', storageKey: 'x' })
      .returning();
    const rep = await memberApi.post('/api/v1/dues/me/payments', {
      months: ['2026-07'],
      method: 'transfer',
      paidOn: '2026-07-12',
      proofFileId: file.id,
    });
    expect(rep.statusCode, rep.body).toBe(200);
    const id = json<{ id: number }>(rep).id;
    expect((await bill(member.id, '2026-07')).status).toBe('unpaid');
    const reportTodos = () =>
      env.db
        .select()
        .from(todos)
        .where(eq(todos.sourceKey, `dues:report:${id}`));
    expect((await reportTodos()).length).toBeGreaterThan(0);
    expect((await reportTodos()).every((t) => t.doneAt === null)).toBe(true);
    const c1 = await api.post(`/api/v1/dues/payments/${id}/confirm`, {});
    expect(c1.statusCode, c1.body).toBe(200);
    // The treasurers' to-do for the report closes itself once it is confirmed (issue 24).
    expect((await reportTodos()).every((t) => t.doneAt !== null)).toBe(true);
    const audits = await env.db.select().from(auditLog).where(eq(auditLog.action, 'dues.payment.confirm'));
    const c2 = await api.post(`/api/v1/dues/payments/${id}/confirm`, {});
    expect(c2.statusCode).toBe(200);
    expect(json(c2)).toEqual(json(c1));
    expect(await env.db.select().from(auditLog).where(eq(auditLog.action, 'dues.payment.confirm'))).toHaveLength(audits.length);
    expect((await bill(member.id, '2026-07')).status).toBe('paid');
    const [original] = await env.db.select().from(duesPayments).where(eq(duesPayments.id, id));
    const rev = await api.post(`/api/v1/dues/payments/${id}/reverse`, { reason: '重复登记' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(json(rev)).toMatchObject({ kind: 'reversal', amountFen: -4000, reversesId: id });
    expect((await env.db.select().from(duesPayments).where(eq(duesPayments.id, id)))[0]).toEqual(original);
    expect((await bill(member.id, '2026-07')).status).toBe('unpaid');
    expect((await api.post(`/api/v1/dues/payments/${id}/reverse`, { reason: '再来' })).statusCode).toBe(409);
    const me = json<{ payments: unknown[]; bills: unknown[] }>(await memberApi.get('/api/v1/dues/me'));
    expect(me.payments).toHaveLength(2);
  });

  it('large dues: only above 1000 元, in their own kind', async () => {
    const { api, member } = await setup();
    expect(
      (
        await api.post('/api/v1/dues/payments', {
          memberId: member.id,
          kind: 'large',
          amountFen: 100_000,
          method: 'transfer',
          paidOn: '2026-07-10',
        })
      ).statusCode,
    ).toBe(400);
    const ok = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      kind: 'large',
      amountFen: 500_000,
      method: 'transfer',
      paidOn: '2026-07-10',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).kind).toBe('large');
  });
});

describe('arrears', () => {
  it('6 consecutive unpaid months: on the list, a review case and to-dos; last paid month queryable', async () => {
    const { branch, api } = await branchWithTreasurer();
    const sec = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const { member, user } = await linkedMember(branch, '欠缴者');
    await declare(api, member.id, 300_000, '2025-01');
    for (const m of ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'])
      await generate(api, branch.id, m);
    await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2025-12'],
      method: 'cash',
      paidOn: '2026-01-05',
      approval: '党委批准',
    });
    const list = json<{ items: { memberId: number; monthsUnpaid: number; lastPaidMonth: string; stage: string }[] }>(
      await api.get(`/api/v1/dues/arrears?orgId=${branch.id}`),
    );
    expect(list.items.find((i) => i.memberId === member.id)).toMatchObject({
      monthsUnpaid: 6,
      lastPaidMonth: '2025-12',
      stage: 'withdrawal',
    });
    const r1 = await refreshDuesArrears(env.db, env.clock.now());
    expect(r1.cases).toBeGreaterThanOrEqual(1);
    const again = await refreshDuesArrears(env.db, env.clock.now());
    expect(again).toEqual({ todos: 0, cases: 0 });
    expect(await env.db.select().from(duesWithdrawalCases).where(eq(duesWithdrawalCases.memberId, member.id))).toHaveLength(1);
    expect((await env.db.select().from(todos).where(eq(todos.userId, user.id))).length).toBe(1);
    // One arrears to-do per person (issue 24 item 6): at 6 months the review to-do, not the 5-month reminder beside it.
    const secTodos = await env.db.select().from(todos).where(eq(todos.userId, sec.id));
    expect(secTodos.map((t) => t.code)).toEqual(['dues.arrears.withdrawal']);
    expect(secTodos[0].title).toBe('欠缴者已连续 6 个月未交纳党费（自 2026-01 起），请支委会审查是否按自行脱党处理');
    expect((await lastPaidDuesMonths(env.db, [member.id])).get(member.id)).toBe('2025-12');
  });

  it('the 6-month review to-do replaces the 5-month one; a month paid ahead is not the "last paid" beside the arrears', async () => {
    const { branch, api, treasurer } = await branchWithTreasurer();
    const sec = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const { member } = await linkedMember(branch, '拖欠者');
    await declare(api, member.id, 300_000, '2025-01');
    for (const m of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07']) await generate(api, branch.id, m);
    await api.post('/api/v1/dues/payments', { memberId: member.id, months: ['2026-01'], method: 'cash', paidOn: '2026-01-05' });
    // Paid ahead while Feb–Jun are open (the form warns; the server records what was received).
    const ahead = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2026-08'],
      method: 'wechat',
      txnNo: '4200001234',
      paidOn: '2026-07-15',
    });
    expect(ahead.statusCode, ahead.body).toBe(200);
    const noTxn = await api.post('/api/v1/dues/payments', {
      memberId: member.id,
      months: ['2026-02'],
      method: 'alipay',
      paidOn: '2026-07-15',
    });
    expect(json<{ details: { path: string }[] }>(noTxn).details[0].path).toBe('txnNo');
    expect(json<{ txnNo: string; receiptNo: string }>(ahead)).toMatchObject({
      txnNo: '4200001234',
      receiptNo: expect.stringMatching(/^DF2026\d{7}$/),
    });
    const list = async () =>
      json<{ items: { memberId: number; monthsUnpaid: number; lastPaidMonth: string; sinceMonth: string }[] }>(
        await (await env.as(treasurer)).get(`/api/v1/dues/arrears?orgId=${branch.id}`),
      ).items.find((i) => i.memberId === member.id);
    expect(await list()).toMatchObject({ monthsUnpaid: 5, sinceMonth: '2026-02', lastPaidMonth: '2026-01' });
    await refreshDuesArrears(env.db, env.clock.now());
    const open = async () =>
      (await env.db.select().from(todos).where(eq(todos.userId, sec.id))).filter((t) => !t.doneAt).map((t) => t.code);
    expect(await open()).toEqual(['dues.arrears.escalate']);
    try {
      env.clock.set('2026-08-15T10:00:00+08:00');
      await refreshDuesArrears(env.db, env.clock.now());
      expect(await open()).toEqual(['dues.arrears.withdrawal']);
    } finally {
      env.clock.set('2026-07-15T10:00:00+08:00');
    }
  });
});

describe('authz matrix', () => {
  const withBill = async (e: TestEnv, org: { id: number; path: string }) => {
    const m = await e.buildMember({ org });
    const admin = await e.as(await e.buildUser({ roles: [{ role: 'branch_committee', orgId: org.id }] }));
    await admin.post('/api/v1/dues/bases', { memberId: m.id, fromMonth: '2026-01', category: 'employed', baseFen: 400_000 });
    await admin.post('/api/v1/dues/bills/generate', { orgId: org.id, month: '2026-07' });
    return { memberId: m.id, orgId: org.id, admin };
  };
  const billsOf = (e: TestEnv, memberId: number) => e.db.select().from(duesBills).where(eq(duesBills.memberId, memberId));

  describe('POST /dues/bases', () => {
    authzMatrix(() => env, {
      role: 'branch_committee',
      makeRecord: async (e, org) => ({ memberId: (await e.buildMember({ org })).id }),
      request: (r) => ({
        method: 'POST',
        url: '/api/v1/dues/bases',
        payload: { memberId: r.memberId, fromMonth: '2026-01', category: 'employed', baseFen: 100 },
      }),
      snapshot: (e, r) => e.db.select().from(duesBases).where(eq(duesBases.memberId, r.memberId)),
    });
  });
  describe('GET /dues/members/:id/open-bills', () => {
    authzMatrix(() => env, {
      role: 'branch_committee',
      makeRecord: async (e, org) => ({ memberId: (await e.buildMember({ org })).id }),
      request: (r) => ({ method: 'GET', url: `/api/v1/dues/members/${r.memberId}/open-bills` }),
    });
  });
  describe('POST /dues/bills/generate', () => {
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: async (e, org) => {
        const m = await e.buildMember({ org });
        await e.db.insert(duesBases).values({
          memberId: m.id,
          orgId: org.id,
          orgPath: org.path,
          year: 2026,
          effectiveFrom: '2026-01-01',
          category: 'student',
          source: 'declare',
          ruleVersion: '2017.1',
          rounding: 'fen',
          standardFen: 20,
          monthlyFen: 20,
          basis: 'x',
        });
        return { memberId: m.id, orgId: org.id };
      },
      request: (r) => ({ method: 'POST', url: '/api/v1/dues/bills/generate', payload: { orgId: r.orgId, month: '2026-07' } }),
      snapshot: (e, r) => billsOf(e, r.memberId),
    });
  });
  describe('POST /dues/payments', () => {
    authzMatrix(() => env, {
      role: 'branch_committee',
      makeRecord: withBill,
      request: (r) => ({
        method: 'POST',
        url: '/api/v1/dues/payments',
        payload: { memberId: r.memberId, months: ['2026-07'], method: 'cash', paidOn: '2026-07-10' },
      }),
      snapshot: (e, r) => billsOf(e, r.memberId),
    });
  });
  const reported = async (e: TestEnv, org: { id: number; path: string }) => {
    const r = await withBill(e, org);
    const [p] = await e.db
      .insert(duesPayments)
      .values({
        memberId: r.memberId,
        orgId: org.id,
        orgPath: org.path,
        kind: 'regular',
        method: 'transfer',
        status: 'reported',
        months: ['2026-07-01'],
        amountFen: 4000,
        duesFen: 4000,
        paidOn: '2026-07-10',
      })
      .returning();
    return { ...r, paymentId: p.id };
  };
  const paymentSnap = (e: TestEnv, r: { paymentId: number; memberId: number }) =>
    Promise.all([e.db.select().from(duesPayments).where(eq(duesPayments.memberId, r.memberId)), billsOf(e, r.memberId)]);
  for (const [action, body] of [
    ['confirm', {}],
    ['reject', { reason: '凭证不清' }],
  ] as const) {
    describe(`POST /dues/payments/:id/${action}`, () => {
      authzMatrix(() => env, {
        role: 'branch_committee',
        makeRecord: reported,
        request: (r) => ({ method: 'POST', url: `/api/v1/dues/payments/${r.paymentId}/${action}`, payload: body }),
        snapshot: paymentSnap,
      });
    });
  }
  describe('POST /dues/payments/:id/reverse', () => {
    authzMatrix(() => env, {
      role: 'branch_committee',
      makeRecord: async (e, org) => {
        const r = await withBill(e, org);
        const res = await r.admin.post('/api/v1/dues/payments', {
          memberId: r.memberId,
          months: ['2026-07'],
          method: 'cash',
          paidOn: '2026-07-10',
        });
        return { ...r, paymentId: json<{ id: number }>(res).id };
      },
      request: (r) => ({ method: 'POST', url: `/api/v1/dues/payments/${r.paymentId}/reverse`, payload: { reason: '登记错误' } }),
      snapshot: paymentSnap,
    });
  });
  describe('POST /dues/expenses', () => {
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: async (_e, org) => ({ orgId: org.id, path: org.path }),
      request: (r) => ({
        method: 'POST',
        url: '/api/v1/dues/expenses',
        payload: { orgId: r.orgId, spentOn: '2026-07-01', purpose: '订阅党报党刊', amountFen: 12000 },
      }),
      snapshot: (e, r) => e.db.execute(sql`SELECT count(*)::int AS n FROM dues_expenses WHERE org_id = ${r.orgId}`).then((x) => x.rows),
    });
  });

  // Reads: the same matrix (no snapshot: the matrix compares the whole database before and after).
  const reads: [string, (r: { memberId: number; orgId: number }) => string][] = [
    ['ledger', (r) => `/api/v1/dues/ledger?orgId=${r.orgId}&month=2026-07`],
    ['ledger.xlsx', (r) => `/api/v1/dues/ledger.xlsx?orgId=${r.orgId}&month=2026-07`],
    ['bases', (r) => `/api/v1/dues/bases?orgId=${r.orgId}&year=2026`],
    ['bases template', (r) => `/api/v1/dues/bases/template.xlsx?orgId=${r.orgId}&year=2026`],
    ['member bases', (r) => `/api/v1/dues/members/${r.memberId}/bases`],
    ['summary', (r) => `/api/v1/dues/summary?orgId=${r.orgId}&year=2026`],
    ['publication', (r) => `/api/v1/dues/publication?orgId=${r.orgId}&year=2026`],
    ['publication.xlsx', (r) => `/api/v1/dues/publication.xlsx?orgId=${r.orgId}&year=2026`],
    ['remittance', (r) => `/api/v1/dues/remittance?orgId=${r.orgId}&from=2026-01&to=2026-06`],
    ['remittance.xlsx', (r) => `/api/v1/dues/remittance.xlsx?orgId=${r.orgId}&from=2026-01&to=2026-06`],
    ['summary.xlsx', (r) => `/api/v1/dues/summary.xlsx?orgId=${r.orgId}&year=2026`],
    ['arrears', (r) => `/api/v1/dues/arrears?orgId=${r.orgId}`],
    ['cases', (r) => `/api/v1/dues/cases?orgId=${r.orgId}`],
    ['payments', (r) => `/api/v1/dues/payments?orgId=${r.orgId}`],
  ];
  for (const [name, url] of reads) {
    describe(`GET ${name}`, () => {
      authzMatrix(() => env, {
        role: 'branch_committee',
        makeRecord: withBill,
        request: (r) => ({ method: 'GET', url: url(r) }),
      });
    });
  }
  describe('GET /dues/payments/:id', () => {
    authzMatrix(() => env, {
      role: 'branch_committee',
      makeRecord: reported,
      request: (r) => ({ method: 'GET', url: `/api/v1/dues/payments/${r.paymentId}` }),
    });
  });
  describe('POST /dues/cases/:id/resolve', () => {
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: async (e, org) => {
        const m = await e.buildMember({ org });
        const [c] = await e.db
          .insert(duesWithdrawalCases)
          .values({ memberId: m.id, orgId: org.id, orgPath: org.path, sinceMonth: '2026-01-01', monthsUnpaid: 6 })
          .returning();
        return { id: c.id };
      },
      request: (r) => ({
        method: 'POST',
        url: `/api/v1/dues/cases/${r.id}/resolve`,
        payload: { outcome: 'continued', resolution: '有正当理由，已补交' },
      }),
      snapshot: (e, r) => e.db.select().from(duesWithdrawalCases).where(eq(duesWithdrawalCases.id, r.id)),
    });
  });

  const multipart = (bytes: Buffer) => {
    const boundary = '----vgauthz';
    return {
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  };
  describe('POST /dues/bases/import', () => {
    authzMatrix(() => env, {
      role: 'branch_secretary',
      makeRecord: async (e, org) => {
        const name = `导入${org.id}`;
        const m = await e.buildMember({ org, name });
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('s');
        ws.addRow(['姓名', '身份证号', '党费类别', '月计算基数（元）', '起始月份']);
        ws.addRow([name, null, '在职', 4000, '2026-01']);
        return { memberId: m.id, orgId: org.id, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
      },
      request: (r) => ({ method: 'POST', url: `/api/v1/dues/bases/import?orgId=${r.orgId}&year=2026`, ...multipart(r.bytes) }),
      snapshot: (e, r) => e.db.select().from(duesBases).where(eq(duesBases.memberId, r.memberId)),
    });
  });

  it('ruleset and calculate: anonymous 401, no dues or portal permission 403, member and treasurer 200', async () => {
    const org = await env.buildOrg();
    const auditor = await env.as(await env.buildUser({ roles: [{ role: 'auditor', orgId: org.id }] }));
    const member = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: org.id }] }));
    const treasurer = await env.as(await env.buildUser({ roles: [{ role: 'branch_committee', orgId: org.id }] }));
    expect((await env.anon.get('/api/v1/dues/ruleset')).statusCode).toBe(401);
    expect((await auditor.get('/api/v1/dues/ruleset')).statusCode).toBe(403);
    expect((await auditor.post('/api/v1/dues/calculate', { category: 'student' })).statusCode).toBe(403);
    const rs = await member.get('/api/v1/dues/ruleset');
    expect(rs.statusCode).toBe(200);
    expect(json<{ current: { version: string; source: string } }>(rs).current.source).toContain('中组发〔2008〕3号');
    expect((await treasurer.get('/api/v1/dues/ruleset')).statusCode).toBe(200);
  });

  it('self routes: anonymous 401; a user without a member record 404; another member’s receipt 404', async () => {
    expect((await env.anon.get('/api/v1/dues/me')).statusCode).toBe(401);
    expect((await env.anon.post('/api/v1/dues/me/payments', {})).statusCode).toBe(401);
    const { branch, api } = await branchWithTreasurer();
    expect((await api.get('/api/v1/dues/me')).statusCode).toBe(404);
    const a = await linkedMember(branch, '甲');
    const b = await linkedMember(branch, '乙');
    await declare(api, a.member.id, 300_000);
    await generate(api, branch.id, '2026-07');
    const p = json<{ id: number }>(
      await api.post('/api/v1/dues/payments', { memberId: a.member.id, months: ['2026-07'], method: 'cash', paidOn: '2026-07-10' }),
    );
    expect((await a.api.get(`/api/v1/dues/me/payments/${p.id}`)).statusCode).toBe(200);
    expect((await b.api.get(`/api/v1/dues/me/payments/${p.id}`)).statusCode).toBe(404);
    // A worker account (self:portal) may not use the treasurer's routes.
    expect((await b.api.get(`/api/v1/dues/ledger?orgId=${branch.id}&month=2026-07`)).statusCode).toBe(403);
  });
});
