import { chinaDay } from '@vanguard/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pick } from './antd.js';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

const b = useBrowser();
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function post(page: Page, url: string, data: unknown) {
  return page.request.post(url, { headers: { 'x-csrf-token': await csrfOf(page) }, data });
}

type MyDues = {
  memberId: number;
  memberName: string;
  bills: { month: string; status: string; dueFen: number }[];
  payments: { status: string; months: string[] }[];
};
/** Unpaid months oldest first, and those of them not already reported (other flows may have reported one). */
function openMonths(d: MyDues) {
  const waiting = new Set(d.payments.filter((p) => p.status === 'reported').flatMap((p) => p.months));
  const unpaid = d.bills.filter((x) => x.status === 'unpaid').sort((x, y) => x.month.localeCompare(y.month));
  return { unpaid, open: unpaid.filter((x) => !waiting.has(x.month)) };
}

/** Issue 24 item 8: dues recording that is hard to get wrong. */
describe('dues recording', () => {
  it('the payment form shows the amount due, starts at the oldest open month, warns on a later month; 微信 and 支付宝 with their transaction number', async () => {
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member2');
    const mine: MyDues = await (await phone.request.get('/api/v1/dues/me')).json();
    const { open } = openMonths(mine);
    expect(open.length).toBeGreaterThan(1);

    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'committee');
    const [branch] = await (await desk.request.get('/api/v1/orgs/tree')).json();
    await desk.goto(`/admin/dues?tab=payments&orgId=${branch.id}`);
    await desk.getByTestId('payment-record').click();
    // The member picker searches as one types; Enter takes the first match.
    const who = desk.getByTestId('record-member');
    await who.click();
    await who.locator('input').fill(mine.memberName);
    await desk.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: mine.memberName }).first().waitFor();
    await who.locator('input').press('Enter');
    await expect.poll(() => who.innerText()).toContain(mine.memberName);
    // The oldest open month is chosen, and what is due is shown.
    await expect.poll(() => desk.getByTestId('record-months').innerText()).toContain(open[0].month);
    const due = desk.getByTestId('record-due');
    await due.waitFor();
    expect(await due.innerText()).toContain((open[0].dueFen / 100).toFixed(2));
    // A later month while an earlier one is open: a warning.
    await desk.getByTestId('record-months').locator('.ant-select-selection-item-remove').first().click();
    await pick(desk, 'record-months', open[1].month, open[1].month);
    await desk.getByTestId('record-order-warning').waitFor();
    expect(await desk.getByTestId('record-order-warning').innerText()).toContain(open[0].month);
    // 微信 and 支付宝 are payment methods, recorded with their transaction number.
    await pick(desk, 'record-method', '微信');
    await desk.getByTestId('record-txn').waitFor();
    await desk.getByTestId('record-method').click();
    await desk.locator('.ant-select-item-option').filter({ hasText: '支付宝' }).waitFor();
    await desk.keyboard.press('Escape');
    await shot(desk, 'dues-record-form');
  });

  it('a reported payment shows 待确认 on its bill; the arrears notice names no later paid month; one receipt-number format', async () => {
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member2');
    const mine: MyDues = await (await phone.request.get('/api/v1/dues/me')).json();
    const { unpaid, open } = openMonths(mine);
    const oldest = open[0].month;

    // member2 reports the oldest month; the bill says 待确认, not 未交.
    const up = await phone.request.post('/api/v1/files', {
      headers: { 'x-csrf-token': await csrfOf(phone) },
      multipart: { file: { name: '转账凭证.png', mimeType: 'image/png', buffer: PNG } },
    });
    expect(up.status()).toBe(200);
    const report = await post(phone, '/api/v1/dues/me/payments', {
      months: [oldest],
      method: 'transfer',
      paidOn: chinaDay(new Date()),
      proofFileId: (await up.json()).id,
    });
    expect(report.status()).toBe(200);
    const reportId = (await report.json()).id as number;
    await phone.goto('/m/dues');
    await expect.poll(() => phone.getByTestId(`my-bill-${oldest}`).innerText()).toBe('待确认');
    await shot(phone, 'dues-bill-pending');

    // The treasurer records this month paid while earlier months are open.
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'committee');
    const [branch] = await (await desk.request.get('/api/v1/orgs/tree')).json();
    const cur = chinaDay(new Date()).slice(0, 7);
    await post(desk, '/api/v1/dues/bills/generate', { orgId: branch.id, month: cur });
    const paid = await post(desk, '/api/v1/dues/payments', {
      memberId: mine.memberId,
      kind: 'dues',
      months: [cur],
      method: 'cash',
      paidOn: chinaDay(new Date()),
    });
    expect(paid.status(), await paid.text()).toBe(200);
    await phone.reload();
    const notice = await phone.getByTestId('my-arrears').innerText();
    expect(notice).not.toContain(cur);
    expect(notice).toContain(unpaid[0].month);

    // Every receipt number of the branch has the one format.
    const list = await (await desk.request.get(`/api/v1/dues/payments?orgId=${branch.id}&pageSize=100`)).json();
    const numbers = list.items.map((p: { receiptNo: string | null }) => p.receiptNo).filter(Boolean) as string[];
    expect(numbers.length).toBeGreaterThan(10);
    for (const n of numbers) expect(n).toMatch(/^DF\d{4}\d{7}$/);

    // Clean up for the other dues flows: the report is returned.
    expect((await post(desk, `/api/v1/dues/payments/${reportId}/reject`, { reason: '测试退回' })).status()).toBe(200);
  });
});
