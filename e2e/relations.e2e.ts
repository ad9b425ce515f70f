import { chinaDay } from '@vanguard/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, createMember, newName, newPerson, phoneLogin } from './member-helpers.js';

const b = useBrowser();

/** Opens an antd Select, types to search, and clicks the option showing `text`. */
async function pick(page: Page, testId: string, type: string, text = type): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await select.locator('input').fill(type);
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();
  await option.waitFor();
  await page.waitForTimeout(200);
  await option.click();
}

const todayIso = () => chinaDay(new Date());

describe('organizational relations (组织关系转接)', () => {
  it('one branch starts an internal transfer, the other branch sees it without the archive and accepts it', {
    timeout: 150_000,
  }, async () => {
    const sender = await (await b.context()).newPage();
    await consoleLogin(sender, 'secretary');
    const name = newName('转');
    const { id } = await createMember(sender, name);

    await sender.getByTestId('menu-relations').click();
    await sender.getByTestId('relations-page').waitFor();
    await sender.getByTestId('transfer-new').click();
    await pick(sender, 'transfer-member', name);
    await pick(sender, 'transfer-to', '西河综采一队', '西河综采一队党支部');
    await sender.getByTestId('transfer-reason').fill('工作调动到西河矿综采一队');
    await shot(sender, 'relations-transfer-start');
    await sender.getByTestId('transfer-start-submit').click();
    const row = sender.locator('[data-testid^="transfer-row-"]').filter({ hasText: name }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('待接收');
    const transferId = Number(((await row.getAttribute('data-testid')) ?? '').replace('transfer-row-', ''));

    // The receiving branch: the transfer is in its inbox; the member's archive is not visible yet.
    const receiver = await (await b.context()).newPage();
    await consoleLogin(receiver, 'secretary2');
    expect((await receiver.request.get(`/api/v1/members/${id}`)).status()).toBe(404);
    await receiver.goto('/admin/relations?tab=in');
    const incoming = receiver.getByTestId(`transfer-row-${transferId}`);
    await incoming.waitFor();
    expect(await incoming.innerText()).toContain('东山综采一队党支部');
    await shot(receiver, 'relations-transfer-inbox');
    await receiver.getByTestId(`transfer-accept-${transferId}`).click();
    // Wait out the confirmation's opening motion before clicking (a click during it can be lost).
    await receiver.getByTestId('confirm-ok').waitFor();
    await receiver.waitForTimeout(400);
    await receiver.getByTestId('confirm-ok').click();
    await receiver.getByText('档案已转入西河综采一队党支部').waitFor();
    await expect.poll(() => receiver.getByTestId(`transfer-status-${transferId}`).innerText()).toBe('已接收');
    await receiver.goto(`/admin/members/${id}`);
    await expect.poll(() => receiver.getByTestId('member-detail-orgName').innerText()).toBe('西河综采一队党支部');
    await shot(receiver, 'relations-transfer-accepted-member');

    // The sending side sees the outcome and no longer holds the archive.
    await sender.reload();
    await expect.poll(() => sender.getByTestId(`transfer-status-${transferId}`).innerText()).toBe('已接收');
    expect((await sender.request.get(`/api/v1/members/${id}`)).status()).toBe(404);
    await shot(sender, 'relations-transfer-out-accepted');
  });

  it('a letter out of the system is issued, printed in three parts with capital numerals, and its receipt recorded', {
    timeout: 150_000,
  }, async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    const name = newName('信');
    const member = await createMember(page, name);
    await page.goto('/admin/relations/letters');
    await page.getByTestId('letter-new').click();
    await pick(page, 'letter-member', name);
    await page.getByTestId('letter-addressee').fill('中共太原市小店区委组织部');
    await page.getByTestId('letter-to').fill('太原市小店区某街道党工委');
    await page.getByTestId('letter-dues').fill('2026-10');
    await page.getByTestId('letter-reason').fill('调离本集团');
    await page.getByTestId('letter-issue-submit').click();
    await page
      .getByTestId('letter-issue-form')
      .waitFor({ state: 'hidden' })
      .catch(async (e) => {
        await shot(page, 'relations-letter-issue-failed');
        throw e;
      });
    const row = page.locator('[data-testid^="letter-row-"]').filter({ hasText: name }).first();
    await row.waitFor();
    const number = ((await row.getAttribute('data-testid')) ?? '').replace('letter-row-', '');
    expect(number).toMatch(/^\d{4}-\d{3}$/);

    await row.getByText('打印').click();
    await page.getByTestId('print-letter').waitFor();
    const letter = await page.getByTestId('print-letter').innerText();
    expect(letter).toContain('中国共产党党员组织关系介绍信');
    expect(letter).toContain(name);
    expect(letter).toContain('贰零贰陆年壹拾月');
    expect(letter).toContain('玖拾');
    expect(await page.getByTestId('print-stub').innerText()).toContain(number);
    expect(await page.getByTestId('print-receipt').innerText()).toContain('已转达我处');
    await shot(page, 'relations-letter-print');

    await page.goto('/admin/relations/letters');
    await page.getByTestId('receipt-new').click();
    // A number never issued is refused with a clear message; nothing is recorded.
    await page.getByTestId('receipt-number').fill('1999-999');
    await page.getByTestId('receipt-date').fill(todayIso());
    await page.getByTestId('receipt-org').fill('太原市小店区某街道党工委');
    await page.getByTestId('receipt-submit').click();
    // The message shows under the number field.
    await expect.poll(() => page.getByTestId('receipt-form').innerText(), { timeout: 15_000 }).toContain('未找到编号为 1999-999 的介绍信');
    await page.getByTestId('receipt-number').fill(number);
    await page.getByTestId('receipt-submit').click();
    await expect
      .poll(() => page.getByTestId(`letter-row-${number}`).innerText(), { timeout: 15_000 })
      .toContain('回执已收到')
      .catch(async (e) => {
        await shot(page, 'relations-letter-receipt-failed');
        throw e;
      });
    await shot(page, 'relations-letter-receipt');
    // With the receipt back the member has left our roll: status 转出, with the history row in the archive.
    await page.goto(`/admin/members/${member.id}`);
    await page.getByText('转出').first().waitFor();
    const archived = await (await page.request.get(`/api/v1/members/${member.id}`)).json();
    expect(archived.status).toBe('transferred_out');
    await shot(page, 'relations-letter-member-transferred-out');
  });

  it('into the system: a member arriving with a letter is registered in the branch, and the receipt is printed', {
    timeout: 150_000,
  }, async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    await page.goto('/admin/relations/letters');
    await page.getByTestId('incoming-new').click();
    await page.getByTestId('incoming-form').waitFor();
    await page.waitForTimeout(300);
    const name = newName('入');
    const person = newPerson('男');
    const number = `${todayIso().slice(0, 4)}-${String(Math.floor(Math.random() * 900) + 100)}`;
    const fill = (id: string, v: string) => page.getByTestId(`incoming-${id}`).fill(v);
    await fill('number', number);
    await fill('committee', '中共太原市小店区委组织部');
    await fill('from', '太原市小店区某街道党工委');
    await fill('issuedOn', todayIso());
    await fill('name', name);
    await fill('birthDate', person.birthDate);
    await fill('idNumber', person.idNumber);
    const born = Number(person.birthDate.slice(0, 4));
    await fill('admittedOn', `${born + 22}-07-01`);
    await fill('fullOn', `${born + 23}-07-01`);
    await fill('dues', todayIso().slice(0, 7));
    await shot(page, 'relations-incoming-form');
    await page.getByTestId('incoming-submit').click();
    await page.getByText(`${name} 已报到登记，可打印回执`).waitFor();

    // Listed under 转入报到, with the receipt to print.
    await page.getByTestId('letters-direction').getByText('转入报到').click();
    const row = page.getByTestId(`letter-row-${number}`);
    await row.waitFor();
    expect(await row.innerText()).toContain(name);
    await row.getByText('打印回执').click();
    await page.getByTestId('print-receipt').waitFor();
    const receipt = await page.getByTestId('print-receipt').innerText();
    expect(receipt).toContain('中共太原市小店区委组织部');
    expect(receipt).toContain(`${name}同志的党员组织关系已转达我处（东山综采一队党支部）`);
    expect(receipt).toMatch(/[零〇壹贰叁肆伍陆柒捌玖拾]+年[壹贰叁肆伍陆柒捌玖拾]+月[壹贰叁肆伍陆柒捌玖拾]+日/);
    expect(await page.getByTestId('print-receipt').innerText()).toContain(number);
    await shot(page, 'relations-incoming-receipt-print');

    // The member is now in the branch's archive.
    const found = await (await page.request.get(`/api/v1/members?q=${encodeURIComponent(name)}&page=1&pageSize=10`)).json();
    expect(found.items.map((m: { name: string; orgName: string }) => [m.name, m.orgName])).toEqual([[name, '东山综采一队党支部']]);
  });

  it('a member asks on the phone; the request reaches the secretary', { timeout: 120_000 }, async () => {
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member');
    await phone.goto('/m/relations');
    await phone.getByTestId('m-relations-ask').click();
    await phone.getByTestId('m-relations-to').fill('北岭矿机电运输队');
    await phone.locator('textarea').fill('家搬到北岭矿区');
    await phone.getByTestId('m-relations-submit').click();
    await phone.getByTestId('m-relations-list').waitFor();
    expect(await phone.getByTestId('m-relations-list').innerText()).toContain('党员申请，待支部办理');
    await shot(phone, 'relations-phone-request');

    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    await page.goto('/admin/relations?tab=out');
    const row = page.locator('[data-testid^="transfer-row-"]').filter({ hasText: '家搬到北岭矿区' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('党员申请，待支部办理');
  });

  it('the mobile-member form follows the planned stay; the lost-contact list shows the handling stage', { timeout: 120_000 }, async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    await page.goto('/admin/relations/mobile');
    await page.getByTestId('mobiles-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('mobile-new-out').click();
    await page.getByTestId('mobile-start').fill('2026-03-02');
    await page.getByTestId('mobile-end').fill('2026-06-02');
    await expect.poll(() => page.getByTestId('mobile-form-hint').innerText()).toContain('开具党员证明信');
    await page.getByTestId('mobile-end').fill('2026-09-02');
    await page.getByTestId('mobile-fixed').click();
    await expect.poll(() => page.getByTestId('mobile-form-hint').innerText()).toContain('转接正式组织关系');
    await shot(page, 'relations-mobile-form');

    await page.goto('/admin/relations/lost');
    const rows = page.getByTestId('lost-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('lost-table').innerText()).toContain('失联超过 2 年：停止党籍程序');
    await shot(page, 'relations-lost-list');
  });
});
