import { chinaDay } from '@vanguard/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, fillDate, phoneLogin, rowId } from './member-helpers.js';

const b = useBrowser();

/** The board row of a demo person in recruitment, by name: its case id. */
async function caseOf(page: Page, name: string): Promise<number> {
  await page.goto('/admin/recruitment');
  await page.getByTestId('recruitment-table').waitFor();
  return rowId(page, 'case-row-', name);
}

/**
 * Issue 24 item 3: the stage shown (case, board, phone) is the one the done steps reached, and
 * 培养教育考察 (step 6) cannot be concluded before the year of cultivation is up (细则第十七条).
 * The demo worker 王磊 became an activist about five months ago (last step 5).
 */
describe('recruitment: never a stage the person has not reached', () => {
  it('five months after the activist date, step 6 is in progress: refused, and case, board and phone still say 入党积极分子', async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    const id = await caseOf(page, '王磊');

    // The API refuses to conclude the cultivation now, with the day it may be concluded.
    const today = chinaDay(new Date());
    const res = await page.request.post(`/api/v1/recruitment/cases/${id}/steps/6`, {
      headers: { 'x-csrf-token': await csrfOf(page) },
      data: { doneOn: today, form: { opinion: '思想积极，表现突出' }, fileIds: [], people: [] },
    });
    expect(res.status()).toBe(400);
    expect(await res.text()).toContain('培养教育考察进行中');

    await page.goto(`/admin/recruitment/cases/${id}`);
    await page.getByTestId('step-form-card').filter({ hasText: '第 6 步' }).waitFor();
    await expect.poll(() => page.getByTestId('case-stage').innerText()).toBe('入党积极分子');
    expect(await page.getByTestId('step-next-message').innerText()).toMatch(
      /^培养教育考察进行中：自确定为入党积极分子（\d{4}-\d{2}-\d{2}）起不少于 1 年，期间每半年考察一次，\d{4}-\d{2}-\d{2} 起可办理$/,
    );
    expect(await page.getByTestId('step-submit').isDisabled()).toBe(true);
    expect(await page.getByTestId('step-done-6').count()).toBe(0);
    await shot(page, 'recruitment-cultivation-in-progress');

    await page.goto('/admin/recruitment');
    const row = page.getByTestId(`case-row-${id}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('入党积极分子');
    expect(await row.innerText()).not.toContain('发展对象');

    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'worker');
    await phone.goto('/m/recruitment');
    await expect.poll(() => phone.getByTestId('m-recruitment-stage').innerText()).toBe('入党积极分子');
    expect(await phone.getByTestId('m-recruitment-next').innerText()).toContain('培养教育考察进行中');
  });

  it('an irreversible step says its rule and what it does in the confirmation (确定入党积极分子)', async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    const id = await caseOf(page, '李文静');
    await page.goto(`/admin/recruitment/cases/${id}`);
    await page.getByTestId('step-form-card').filter({ hasText: '第 3 步' }).waitFor();
    await fillDate(page, 'step-doneOn', chinaDay(new Date()));
    await page.getByTestId('step-form-recommendedBy').fill('党员推荐');
    await page.getByTestId('step-submit').click();
    await page.getByTestId('step-confirm').waitFor();
    const body = page.getByTestId('step-consequence');
    expect(await body.innerText()).toContain('支部委员会研究决定');
    expect(await page.getByTestId('step-consequence-effect').innerText()).toContain('培养教育考察期自本日起算，不少于 1 年');
    await shot(page, 'recruitment-step-confirm-consequence');
    // Not confirmed: nothing is recorded.
    await page.locator('.ant-modal-confirm-btns .ant-btn').filter({ hasText: '取消' }).click();
    await page.getByTestId('step-confirm').waitFor({ state: 'detached' });
    expect(await page.getByTestId('step-done-3').count()).toBe(0);
  });
});
