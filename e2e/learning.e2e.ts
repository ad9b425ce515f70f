import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { numberInput, pick } from './antd.js';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, overflowX, phoneLogin } from './member-helpers.js';

const b = useBrowser();

async function newQuestion(page: Page, o: { type: string; stem: string; options?: string[]; right?: string; blank?: string }) {
  await page.getByTestId('q-new').click();
  await page.getByTestId('q-stem').waitFor();
  if (o.type !== '单选题') await pick(page, 'q-type', o.type);
  await pick(page, 'q-category', '党章党规');
  await page.getByTestId('q-stem').fill(o.stem);
  for (const [i, text] of (o.options ?? []).entries()) await page.getByTestId(`q-option-${i}`).fill(text);
  if (o.right) await page.getByTestId('q-right').getByText(o.right, { exact: true }).click();
  if (o.blank) await page.getByTestId('q-blank-0').fill(o.blank);
  await page.getByTestId('q-save').click();
}

describe('learning: question bank, a random-draw exam, taking it on the phone', () => {
  const title = `支部党章党规测试${Date.now() % 100000}`;

  it('the admin writes questions (a question without a right option is refused) and publishes a random-draw exam for 东山综采一队党支部', async () => {
    const page = await (await b.context('desktop')).newPage();
    await consoleLogin(page, 'orgadmin');
    await page.goto('/admin/learning');
    await page.getByTestId('q-new').waitFor();
    await page.getByText('中央八项规定是哪一年出台的？').waitFor(); // the demo bank

    // No right option marked: refused, with the reason shown in the form.
    await newQuestion(page, {
      type: '单选题',
      stem: '党的最高领导机关是？',
      options: ['党的全国代表大会和它所产生的中央委员会', '国务院', '全国政协', '中央军委'],
    });
    await page.getByTestId('q-error').waitFor();
    expect(await page.getByTestId('q-error').innerText()).toContain('没有正确选项');
    await page.getByTestId('q-right').getByText('A', { exact: true }).click();
    await page.getByTestId('q-save').click();
    await page.getByText('试题已保存').waitFor();

    await newQuestion(page, { type: '判断题', stem: '预备党员的预备期为一年。', right: '正确' });
    await page.getByText('试题已保存').last().waitFor();
    await newQuestion(page, { type: '填空题', stem: '党的组织原则是____。', blank: '民主集中制' });
    await expect.poll(async () => page.getByText('党的组织原则是____。').count()).toBe(1);
    await newQuestion(page, {
      type: '单选题',
      stem: '党员必须履行的义务共有几项？',
      options: ['六项', '八项', '十项', '十二项'],
      right: 'B',
    });
    await expect.poll(async () => page.getByText('党员必须履行的义务共有几项？').count()).toBe(1);

    // Editing the content makes version 2.
    await page.getByTestId('q-filter-category').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '党章党规' })
      .click();
    await expect.poll(async () => page.locator('[data-testid^="q-edit-"]').count()).toBe(4);
    await page.locator('tr').filter({ hasText: '预备党员的预备期为一年。' }).locator('[data-testid^="q-edit-"]').click();
    await page.getByTestId('q-stem').fill('预备党员的预备期为一年，从支部大会通过之日算起。');
    await page.getByTestId('q-save').click();
    await page.getByText('已保存（当前 v2）').waitFor();
    await shot(page, 'learning-bank');

    // A random-draw exam for the branch: 3 of 党章党规 and 2 easy ones of 党史 (no short answer, so the score is final at once).
    await page.getByTestId('learning-tab-exams').click();
    await page.getByTestId('exam-new').click();
    await page.getByTestId('exam-title').fill(title);
    await pick(page, 'exam-org', '东山综采一队党支部', '东山综采一队');
    await pick(page, 'rule-category-0', '党章党规');
    await numberInput(page, 'rule-count-0').fill('3');
    await page.getByTestId('rule-add').click();
    await pick(page, 'rule-difficulty-1', '易');
    await numberInput(page, 'rule-count-1').fill('2');
    await page.getByTestId('exam-save').click();
    await page.getByText('考试已保存为草稿').waitFor();
    const row = page.locator('tr').filter({ hasText: title });
    await row.locator('[data-testid^="exam-publish-"]').click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await row.getByText('进行中').waitFor();
    expect(await row.innerText()).toContain('5 题，满分 50');
    await shot(page, 'learning-exams');
  }, 300_000);

  it('a member takes it on the phone, one question per screen, submits, and sees the review', async () => {
    const page = await (await b.context('phone')).newPage();
    await phoneLogin(page, 'member');
    await page.goto('/m/learning');
    const item = page.locator('[data-testid^="m-exam-"]').filter({ hasText: title });
    await item.waitFor();
    await page.getByText('2026年安全生产与党史知识测试').waitFor(); // the demo exam of the mine
    await shot(page, 'learning-phone-list');
    await item.click();
    await page.getByTestId('m-start').click();
    // A new attempt is confirmed first: it starts the clock and uses an attempt (issue 24).
    await page.getByTestId('m-start-ok').click();
    await page.getByTestId('m-countdown').waitFor();
    expect(await page.getByTestId('m-countdown').innerText()).toMatch(/剩余时间 (30:00|29:5\d)/);
    for (let i = 0; i < 5; i++) {
      await expect.poll(() => page.getByTestId('m-progress').innerText()).toContain(`第 ${i + 1} / 5 题`);
      if (i === 0) await shot(page, 'learning-phone-question');
      if (await page.getByTestId('m-opt-0').count()) await page.getByTestId('m-opt-0').click();
      else if (await page.getByTestId('m-blank-0').count()) await page.getByTestId('m-blank-0').locator('input').fill('民主集中制');
      if (i < 4) await page.getByTestId('m-next').click();
    }
    expect(await overflowX(page)).toBeLessThanOrEqual(1);
    await page.getByTestId('m-submit').click();
    await page.locator('.adm-dialog-button').filter({ hasText: '交卷' }).click();
    await page.getByTestId('m-review').waitFor();
    expect(await page.getByTestId('m-review-score').innerText()).toMatch(/^\d+ \/ 50$/);
    expect(await page.getByTestId('m-right-0').innerText()).toContain('正确答案');
    await shot(page, 'learning-phone-review');

    await page.getByTestId('m-back-exam').click();
    await page.getByTestId('m-attempt-1').waitFor();
    await page.goto('/m/learning');
    await page.getByTestId('m-tab-results').click();
    await page.locator('[data-testid^="m-result-"]').filter({ hasText: title }).waitFor();
  }, 240_000);

  it('the admin sees the result per person and per org, the item analysis, and exports Excel', async () => {
    const page = await (await b.context('desktop')).newPage();
    await consoleLogin(page, 'orgadmin');
    await page.goto('/admin/learning?tab=exams');
    await page.locator('tr').filter({ hasText: title }).getByText('成绩与分析').click();
    await page.getByTestId('exam-heading').waitFor();
    await expect.poll(async () => page.getByTestId('results-persons').locator('tbody tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('tab-analysis').click();
    await expect.poll(async () => page.getByTestId('analysis-table').locator('tbody tr.ant-table-row').count()).toBe(5);
    await shot(page, 'learning-analysis');
    const download = page.waitForEvent('download');
    await page.getByTestId('results-export').click();
    expect((await download).suggestedFilename()).toContain(title);
  }, 180_000);
});
