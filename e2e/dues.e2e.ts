import { readFileSync } from 'node:fs';
import { chinaDay } from '@vanguard/shared';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, phoneLogin } from './member-helpers.js';

const b = useBrowser();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const ym = (d: Date) => chinaDay(d).slice(0, 7);
const thisMonth = ym(new Date());
const lastMonth = (() => {
  const [y, m] = thisMonth.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const year = Number(thisMonth.slice(0, 4));

async function payroll(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工资表');
  ws.addRow(['姓名', '身份证号', '党费类别', '月计算基数（元）', '起始月份', '备注']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function uploadPayroll(page: Page, bytes: Buffer) {
  await page
    .getByTestId('bases-import-file')
    .locator('..')
    .locator('input[type=file]')
    .setInputFiles({ name: '工资表.xlsx', mimeType: XLSX, buffer: bytes });
}

describe('dues (党费)', () => {
  it('bases by import, the month generated, a phone report confirmed by the treasurer, the ledger balances, arrears at 6, 公示 export', async () => {
    const ctx = await b.context();
    const page = await ctx.newPage();
    await consoleLogin(page, 'committee');

    // Payroll import: names that occur once in the branch (the demo has namesakes).
    const [branch] = await (await page.request.get('/api/v1/orgs/tree')).json();
    const list = await (await page.request.get(`/api/v1/dues/bases?orgId=${branch.id}&year=${year}&pageSize=200`)).json();
    const counts = new Map<string, number>();
    for (const i of list.items) counts.set(i.memberName, (counts.get(i.memberName) ?? 0) + 1);
    const unique = list.items.filter((i: { memberName: string }) => counts.get(i.memberName) === 1).slice(0, 2);
    expect(unique).toHaveLength(2);
    await page.goto(`/admin/dues?tab=bases&orgId=${branch.id}`);
    await page.getByTestId('bases-import').click();
    // One bad row: nothing is written and the row is named.
    await uploadPayroll(
      page,
      await payroll([
        [unique[0].memberName, null, '在职', '6800.00', `${year}-01`, null],
        [unique[1].memberName, null, '在职', -1, `${year}-01`, null],
      ]),
    );
    await expect.poll(() => page.getByTestId('bases-import-errors').innerText()).toContain('第 3 行');
    await shot(page, 'dues-import-errors');
    await uploadPayroll(
      page,
      await payroll([
        [unique[0].memberName, null, '在职', '6800.00', `${year}-01`, null],
        [unique[1].memberName, null, '离退休', 5000, `${year}-01`, null],
      ]),
    );
    await page.getByText('已导入 2 人的基数').waitFor();
    await expect.poll(() => page.getByTestId(`monthly-${unique[0].memberId}`).innerText()).toBe('102.00'); // 6800 × 1.5 %
    await expect.poll(() => page.getByTestId(`monthly-${unique[1].memberId}`).innerText()).toBe('25.00'); // 5000 × 0.5 %
    await shot(page, 'dues-bases');

    // Generate this month's bills (one set-based statement), then the ledger balances.
    await page.getByTestId('dues-tab-ledger').click();
    await page.getByTestId('dues-generate').click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(/新生成 \d+ 张账单/).waitFor();
    await expect.poll(() => page.getByTestId('dues-balance').innerText()).toContain('✓');
    await shot(page, 'dues-ledger');

    // The member reports last month's payment on the phone with a photo.
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member');
    await phone.goto('/m/dues');
    await phone.getByTestId('my-monthly').waitFor();
    expect(await phone.getByTestId('my-basis').innerText()).toContain('适用');
    await phone.getByTestId('my-arrears').waitFor();
    await shot(phone, 'dues-phone-mine');
    await phone.getByTestId('my-report').click();
    await phone.getByText(`${lastMonth}（`).click();
    await phone.locator('input[type=file]').setInputFiles({ name: '转账凭证.png', mimeType: 'image/png', buffer: PNG });
    await phone.locator('.adm-image-uploader-cell img').first().waitFor();
    await shot(phone, 'dues-phone-report');
    await phone.getByTestId('report-submit').click();
    await phone.waitForURL(/\/m\/dues$/);
    await phone.getByText('待确认').first().waitFor();

    // The treasurer confirms it (a reported payment shows in 只看待确认).
    await page.goto(`/admin/dues?tab=payments&orgId=${branch.id}`);
    await page.getByTestId('payments-pending').click();
    const confirm = page.locator('[data-testid^="payment-confirm-"]').first();
    await confirm.waitFor();
    const id = Number(((await confirm.getAttribute('data-testid')) ?? '').replace('payment-confirm-', ''));
    await confirm.click();
    await page.getByTestId('payment-action-ok').click();
    await page.getByText('已保存').waitFor();
    const paid = await (await page.request.get(`/api/v1/dues/payments/${id}`)).json();
    expect(paid.status).toBe('confirmed');
    expect(paid.months).toEqual([lastMonth]);
    await page.goto(`/admin/dues/receipts/${id}`);
    expect(await page.getByTestId('receipt-no').innerText()).toBe(paid.receiptNo);
    await shot(page, 'dues-receipt');

    // Last month's ledger: the member's line is settled and 应缴 = 实缴 + 欠缴 + 减免.
    const ledger = await (await page.request.get(`/api/v1/dues/ledger?orgId=${branch.id}&month=${lastMonth}&pageSize=200`)).json();
    const t = ledger.totals;
    expect(t.standardFen).toBe(t.paidFen + t.owedFen + t.waivedFen);
    expect(ledger.items.find((i: { paymentId: number }) => i.paymentId === id)?.status).toBe('backpaid');
    await phone.reload();
    await phone.getByTestId(`my-payment-${id}`).getByText('已确认').waitFor();

    // Arrears: the demo has a member 6 months behind.
    await page.goto(`/admin/dues?tab=arrears&orgId=${branch.id}`);
    await page.getByText('满 6 个月，启动脱党审查').first().waitFor();
    await shot(page, 'dues-arrears');

    // The yearly 公示 comes down as a workbook that opens.
    await page.goto(`/admin/dues?tab=reports&orgId=${branch.id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dues-export-publication').click()]);
    expect(download.suggestedFilename()).toMatch(/公示\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toContain('党费收缴、使用情况公示');
    await shot(page, 'dues-reports');
  });
  it('代缴 on the phone with consent; a 脱党 review recorded; the year register opens; settings are the group’s', async () => {
    // member2 lets member (same branch) pay for them, on the phone.
    const one = await (await b.context('phone')).newPage();
    await phoneLogin(one, 'member');
    const oneName: string = (await (await one.request.get('/api/v1/dues/me')).json()).memberName;
    const two = await (await b.context('phone')).newPage();
    await phoneLogin(two, 'member2');
    const twoName: string = (await (await two.request.get('/api/v1/dues/me')).json()).memberName;
    await two.goto('/m/dues');
    await two.getByTestId('proxy-give').click();
    await two.getByTestId('proxy-pick').getByText(oneName, { exact: true }).click();
    await shot(two, 'dues-phone-proxy');
    await two.getByTestId('proxy-submit').click();
    await two.waitForURL(/\/m\/dues$/);
    await expect.poll(() => two.getByTestId('proxy-given').innerText()).toContain(oneName);

    // member reports a month of member2's dues as proxy.
    await one.goto('/m/dues');
    await expect.poll(() => one.getByTestId('proxy-for').innerText()).toContain(twoName);
    await one.getByTestId('my-report').click();
    await one.getByTestId('report-for').getByText(twoName, { exact: true }).click();
    await one.getByTestId('report-months').locator('.adm-selector-item').first().click();
    await one.locator('input[type=file]').setInputFiles({ name: '转账凭证.png', mimeType: 'image/png', buffer: PNG });
    await one.locator('.adm-image-uploader-cell img').first().waitFor();
    await shot(one, 'dues-phone-proxy-report');
    await one.getByTestId('report-submit').click();
    await one.waitForURL(/\/m\/dues$/);
    const mine = await (await one.request.get('/api/v1/dues/me')).json();
    const proxied = mine.payments.find((p: { memberName: string; status: string }) => p.memberName === twoName && p.status === 'reported');
    expect(proxied.proxyMemberName).toBe(oneName);
    expect(proxied.proxyConsent).toContain(`委托${oneName}代缴`);

    // The branch records the outcome of a 自行脱党 review.
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'committee');
    const [branch] = await (await page.request.get('/api/v1/orgs/tree')).json();
    await page.goto(`/admin/dues?tab=cases&orgId=${branch.id}`);
    const resolve = page.locator('[data-testid^="case-resolve-"]').first();
    await resolve.waitFor();
    const caseId = ((await resolve.getAttribute('data-testid')) ?? '').replace('case-resolve-', '');
    await resolve.click();
    await page.getByTestId('case-resolution').fill('经谈话核实：井下事故受伤住院，已于本月补交');
    await shot(page, 'dues-case-resolve');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /登记结果/ })
      .click();
    await expect.poll(() => page.getByTestId(`case-outcome-${caseId}`).innerText()).toBe('继续保留党籍');

    // The year register (member × month) comes down and opens.
    await page.goto(`/admin/dues?tab=reports&orgId=${branch.id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dues-export-register').click()]);
    expect(download.suggestedFilename()).toMatch(/党员交纳党费登记表\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0].getCell(1, 1).value)).toContain('党员交纳党费登记表');
    expect(wb.worksheets[0].rowCount).toBeGreaterThan(5);

    // Rounding and the remittance cycle are the group's: a branch sees them, cannot change them.
    await page.goto(`/admin/dues?tab=settings&orgId=${branch.id}`);
    await page.getByText('由集团党委统一设置').waitFor();
    expect(await page.getByTestId('dues-settings-save').isDisabled()).toBe(true);
    await shot(page, 'dues-settings');
  });
});
