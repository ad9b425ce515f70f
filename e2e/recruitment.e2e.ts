import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, fillDate, newName } from './member-helpers.js';

const b = useBrowser();

/**
 * The e2e server runs main.ts with the real clock, so the person's history is entered back-dated,
 * as a secretary digitising paper records would: every date is in the past, each is checked against
 * the step before it and against the rules (1 year as activist, probation 1 year, approval within 3
 * months), and none may be later than today.
 */
const DATES: Record<number, string> = {
  1: '2023-01-10',
  2: '2023-01-25',
  3: '2023-03-01',
  4: '2023-03-10',
  5: '2023-03-15',
  6: '2024-02-20',
  7: '2024-03-01',
  8: '2024-03-10',
  9: '2024-03-15',
  10: '2024-04-01',
  11: '2024-04-20',
  12: '2024-05-10',
  13: '2024-05-20',
  14: '2024-05-25',
  15: '2024-06-01',
  16: '2024-06-20',
  17: '2024-07-01',
  18: '2024-07-10',
  19: '2024-07-15',
  20: '2024-07-20',
  21: '2025-05-01',
  22: '2025-05-20',
  23: '2025-06-01',
  24: '2025-07-01',
  25: '2025-07-10',
};
const COMMITTEE = new Set([4, 8, 13, 16, 17, 18, 24]);

async function pickOption(page: Page, testId: string, nth: number): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').nth(nth);
  await option.waitFor();
  await page.waitForTimeout(200);
  await option.click();
  await page.keyboard.press('Escape');
}

const num = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
const radio = (page: Page, testId: string, label: string) => page.getByTestId(testId).getByText(label, { exact: true }).click();

/** How many full members may vote (shown above the vote form). */
async function voters(page: Page): Promise<number> {
  const text = await page.getByText(/有表决权的正式党员 \d+ 人/).innerText();
  return Number(/(\d+) 人/.exec(text)?.[1]);
}

async function fillStep(page: Page, no: number): Promise<void> {
  const f = (name: string, value: string) => page.getByTestId(`step-form-${name}`).fill(value);
  await fillDate(page, 'step-doneOn', DATES[no]);
  switch (no) {
    case 2:
    case 16:
      await f('talker', no === 2 ? '支部书记' : '矿党委组织员');
      await f('content', '了解入党动机，谈话记录附后');
      break;
    case 3:
      await f('recommendedBy', '党员推荐');
      break;
    case 5:
      await pickOption(page, 'step-people', 0);
      break;
    case 9:
      await pickOption(page, 'step-people', 0);
      await pickOption(page, 'step-people', 1);
      break;
    case 6:
    case 21:
      await f('opinion', '思想积极，安全生产表现突出');
      break;
    case 10:
      await radio(page, 'step-form-conclusion', '合格');
      await f('summary', '经函调，政治历史清楚');
      break;
    case 11:
      await f('organizer', '东山矿党校');
      await num(page, 'step-form-days').fill('3');
      await num(page, 'step-form-hours').fill('24');
      break;
    case 13:
      await f('opinion', '同意发放入党志愿书');
      await radio(page, 'step-form-leavingSoon', '否');
      break;
    case 14:
      await f('summary', '已如实填写入党志愿书');
      break;
    case 15:
    case 23: {
      if (no === 23) await radio(page, 'step-form-outcome', '按期转为正式党员');
      await f('resolution', no === 15 ? '同意接收为预备党员' : '同意按期转为正式党员');
      const n = await voters(page);
      await num(page, 'vote-forCount').fill(String(n));
      await num(page, 'vote-againstCount').fill('0');
      await num(page, 'vote-abstainCount').fill('0');
      await radio(page, 'vote-result', '通过');
      break;
    }
    case 17:
    case 24:
      await f('approver', '东山矿党委');
      await f('opinion', no === 17 ? '同意接收为预备党员，预备期一年' : '同意按期转为正式党员');
      break;
    case 25:
      await f('items', '入党申请书、入党志愿书、政审材料、转正申请书、培养考察材料');
      break;
  }
}

/** Confirms the step in its dialog once the dialog has finished opening, and waits for it to close. */
async function confirm(page: Page): Promise<void> {
  const button = page.getByTestId('step-confirm');
  await button.waitFor();
  await page.waitForTimeout(400);
  await button.click();
  await button.waitFor({ state: 'detached' });
}

async function submitStep(page: Page, no: number): Promise<void> {
  await page.getByTestId('step-submit').click();
  await confirm(page);
  await expect.poll(() => page.getByTestId(`step-done-${no}`).first().innerText(), { timeout: 15_000 }).toContain(DATES[no]);
}

async function openCase(page: Page, id: number, no: number): Promise<void> {
  await page.goto(`/admin/recruitment/cases/${id}`);
  await page
    .getByTestId('step-form-card')
    .filter({ hasText: `第 ${no} 步` })
    .waitFor();
}

describe('recruitment (发展党员)', () => {
  it('an applicant goes through the 25 steps to 预备党员 and on to 正式党员; a vote without quorum is refused', async () => {
    const ctxSecretary = await b.context();
    const ctxCommittee = await b.context();
    const secretary = await ctxSecretary.newPage();
    const committee = await ctxCommittee.newPage();
    await consoleLogin(secretary, 'secretary');
    await consoleLogin(committee, 'mineadmin');

    // The board of the branch, with the demo people by stage.
    await secretary.getByTestId('menu-recruitment').click();
    await secretary.getByTestId('recruitment-table').waitFor();
    await expect.poll(() => secretary.locator('[data-testid^="case-row-"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot(secretary, 'recruitment-board');
    const [download] = await Promise.all([secretary.waitForEvent('download'), secretary.getByTestId('recruitment-export').click()]);
    expect(download.suggestedFilename()).toMatch(/发展党员台账.*\.xlsx$/);

    // Register a new applicant (step 1).
    const name = newName('申');
    await secretary.getByTestId('recruitment-create').click();
    await secretary.getByTestId('case-form').waitFor();
    await secretary.waitForTimeout(300);
    await secretary.getByTestId('case-form-name').fill(name);
    await secretary.getByTestId('case-form-sex').getByText('男', { exact: true }).click();
    await fillDate(secretary, 'case-form-birthDate', '1998-04-02');
    await fillDate(secretary, 'case-form-appliedOn', DATES[1]);
    await shot(secretary, 'recruitment-apply-form');
    await secretary.getByTestId('case-save').click();
    await secretary.waitForURL(/\/admin\/recruitment\/cases\/\d+$/);
    const id = Number(secretary.url().split('/').pop());
    await secretary.getByTestId('step-form-card').filter({ hasText: '第 2 步' }).waitFor();

    // A step out of time is refused with the date it opens: step 7 before a year as activist is tested
    // on the way; here the talk came late (after a month) and needs its reason.
    for (let no = 2; no <= 25; no++) {
      const page = COMMITTEE.has(no) ? committee : secretary;
      try {
        // The page shows the next step's form after a step; it is reloaded only when the other user takes over.
        if (no === 2 || COMMITTEE.has(no) !== COMMITTEE.has(no - 1) || no === 18) await openCase(page, id, no);
        else
          await page
            .getByTestId('step-form-card')
            .filter({ hasText: `第 ${no} 步` })
            .waitFor();
        await fillStep(page, no);
        if (no === 7) {
          // One day short of a year as activist: refused, with the date it opens.
          await fillDate(page, 'step-doneOn', '2024-02-29');
          await page.getByTestId('step-submit').click();
          await confirm(page);
          await expect
            .poll(() => page.getByTestId('step-error').innerText(), { timeout: 15_000 })
            .toBe('确定为入党积极分子（2023-03-01）满 1 年后方可确定为发展对象，2024-03-01 起可办理');
          await fillDate(page, 'step-doneOn', DATES[7]);
        }
        if (no === 15) {
          // More than half absent: the meeting has no quorum and the vote is refused, nothing recorded.
          const n = await voters(page);
          const absent = Math.ceil(n / 2);
          await page.getByTestId('vote-absentees').click();
          for (let i = 0; i < absent; i++) {
            await page.keyboard.press('Enter');
            await page.keyboard.press('ArrowDown');
          }
          await page.keyboard.press('Escape');
          await expect
            .poll(() => page.locator('[data-testid^="vote-absentee-"][data-testid$="-reason"]').count(), { timeout: 15_000 })
            .toBe(absent);
          await num(page, 'vote-forCount').fill(String(n - absent));
          await page.getByTestId('vote-tally').getByText('到会人数未过半，不能表决').waitFor();
          await shot(page, 'recruitment-vote-no-quorum');
          await page.getByTestId('step-submit').click();
          await confirm(page);
          await expect
            .poll(() => page.getByTestId('step-error').innerText(), { timeout: 15_000 })
            .toBe(`实到会有表决权的正式党员 ${n - absent} 人，未超过应到会人数 ${n} 人的半数，不能进行表决`);
          await expect.poll(() => page.getByTestId('step-row-15').innerText(), { timeout: 15_000 }).not.toContain(DATES[15]);
          // Start again with everyone present.
          await openCase(page, id, 15);
          await fillStep(page, 15);
          await page.getByTestId('vote-tally').getByText('到会人数过半').waitFor();
        }
        await submitStep(page, no);
        if (no === 17) {
          // Approved: now a 预备党员 in the member archive.
          await page.getByTestId('case-member-link').click();
          await page.waitForURL(/\/admin\/members\/\d+$/);
          await page.getByText('预备党员').first().waitFor();
          await shot(page, 'recruitment-probationary-member');
        }
      } catch (e) {
        await shot(page, `recruitment-failed-step-${no}`);
        throw new Error(`step ${no}: ${(e as Error).message}`);
      }
    }

    await secretary.goto(`/admin/recruitment/cases/${id}`);
    await expect.poll(() => secretary.getByTestId('case-status').innerText(), { timeout: 15_000 }).toBe('发展程序已完成');
    expect(await secretary.getByTestId('case-fullOn').innerText()).toBe('2025-06-01');
    await shot(secretary, 'recruitment-case-done');
    await secretary.getByTestId('case-member-link').click();
    await secretary.waitForURL(/\/admin\/members\/\d+$/);
    await secretary.getByText('正式党员').first().waitFor();
    await shot(secretary, 'recruitment-full-member');
    await ctxSecretary.close();
    await ctxCommittee.close();
  }, 600_000);
});
