import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, phoneLogin } from './member-helpers.js';

const b = useBrowser();

/** Picks options of an antd multi-select by typing part of their text (in the order given). */
async function pickMany(page: Page, testId: string, texts: string[]): Promise<void> {
  const select = page.getByTestId(testId);
  for (const text of texts) {
    await select.click();
    await select.locator('input').fill(text);
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: text })
      .first();
    await option.waitFor();
    await option.click();
    await expect.poll(() => select.innerText(), { timeout: 5_000 }).toContain(text);
  }
  await page.keyboard.press('Escape');
}

async function pickOrg(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await select.locator('input').fill(text);
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper')
    .filter({ hasText: text })
    .first();
  await option.waitFor();
  await page.waitForTimeout(200);
  await option.click();
  await expect.poll(() => select.innerText(), { timeout: 5_000 }).toContain(text);
}

const Q1 = '井下可以用铁器敲打照明设备。'; // 判断题, right: 错误 (false)
const Q2 = '井下作业人员入井时必须随身携带？'; // 单选题, right: B

describe('live competition with three phones', () => {
  it('the host creates and runs a quiz; three phones join by code and answer; the projector ranks all three', async () => {
    const title = `安全知识竞赛${Date.now() % 100000}`;
    const host = await (await b.context('desktop')).newPage();
    await consoleLogin(host, 'orgadmin');
    await host.goto('/admin/competitions');
    await host.getByTestId('competition-new').click();
    await pickOrg(host, 'competition-org', '东山矿党委');
    await host.getByTestId('competition-title').fill(title);
    await pickMany(host, 'competition-questions', [Q1, Q2]);
    await host.locator('[data-testid="competition-seconds"] input, input[data-testid="competition-seconds"]').first().fill('25');
    await host.getByTestId('competition-save').click();
    await host.getByText('已创建').waitFor();
    const row = host.locator('tr').filter({ hasText: title });
    await row.locator('[data-testid^="competition-host-"]').click();
    await host.getByTestId('host-page').waitFor();
    await host.getByTestId('host-open').click();
    await host.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await host.getByTestId('join-code').waitFor();
    const code = (await host.getByTestId('join-code').innerText()).trim();
    expect(code).toMatch(/^\d{6}$/);
    await shot(host, 'competitions-host-lobby');

    // Three phones in three browser contexts join with the code (two branches: 综采一队 and 综采二队).
    const phones: { page: Page; name: string }[] = [];
    for (const login of ['member', 'member2', 'member3']) {
      const page = await (await b.context('phone')).newPage();
      await phoneLogin(page, login);
      const me = (await (await page.request.get('/api/v1/me')).json()) as { user?: { displayName: string }; displayName?: string };
      const name = me.user?.displayName ?? me.displayName ?? '';
      expect(name).not.toBe('');
      await page.goto('/m/competitions');
      await page.locator('[data-testid="m-join-code"] input, input[data-testid="m-join-code"]').first().fill(code);
      await page.getByTestId('m-join').click();
      await page.getByTestId('m-waiting').waitFor();
      phones.push({ page, name });
    }
    await shot(phones[0].page, 'competitions-phone-waiting');

    const answer = async (p: Page, key: string) => {
      await p.getByTestId('m-question').waitFor();
      await p.getByTestId(`m-option-${key}`).click();
      await p.getByTestId('m-submit').click();
      await p.getByTestId('m-answered').waitFor();
    };
    // Question 1 (true/false): the first two right, the third wrong.
    await host.getByTestId('host-next').click();
    await host.getByTestId('host-question').getByText(Q1).waitFor();
    await phones[0].page.getByText(Q1).waitFor();
    await shot(phones[0].page, 'competitions-phone-question');
    await answer(phones[0].page, 'false');
    await answer(phones[1].page, 'false');
    await answer(phones[2].page, 'true');
    await shot(host, 'competitions-host-question');
    // The countdown ends by the server clock: the right answer shows, the host may push the next one.
    await host.getByTestId('host-right').waitFor({ timeout: 90_000 });
    await phones[2].page.getByTestId('m-result').waitFor({ timeout: 10_000 });
    expect(await phones[2].page.getByTestId('m-result').innerText()).toContain('回答错误');

    // Question 2 (single choice, B): only the first right.
    await host.getByTestId('host-next').click();
    await host.getByTestId('host-question').getByText(Q2).waitFor();
    await answer(phones[0].page, 'B');
    await answer(phones[1].page, 'A');
    await answer(phones[2].page, 'A');

    // The projector ranks all three: 2 right, 1 right, 0 right (pushed over the stream, no reload).
    const rows = host.getByTestId('board-players').locator('tbody tr');
    await expect
      .poll(async () => (await rows.allInnerTexts()).map((t) => t.split('\t')[1]?.trim() ?? t), { timeout: 10_000 })
      .toEqual(phones.map((p) => p.name));
    expect(await host.getByTestId('board-player-1').innerText()).toContain(phones[0].name);
    expect(await host.getByTestId('board-branches').innerText()).toContain('东山综采二队党支部');
    await expect.poll(() => phones[1].page.getByTestId('m-my-rank').innerText(), { timeout: 10_000 }).toContain('第 2 名');
    await shot(host, 'competitions-host-board');
    await shot(phones[1].page, 'competitions-phone-board');

    // Ending (here before the countdown is over) needs a confirmation.
    await host.getByTestId('host-finish').click();
    await host.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await host.getByText('正确答案：B').waitFor();
    await expect.poll(() => host.getByTestId('host-status').innerText()).toContain('已结束');
    await shot(host, 'competitions-host-finished');
  }, 300_000);
});

describe('weekly challenge', () => {
  it('a member takes the open challenge once on the phone and sees the ranking; the host sees it and exports Excel', async () => {
    const page = await (await b.context('phone')).newPage();
    await phoneLogin(page, 'member');
    await page.goto('/m/competitions');
    await page.locator('[data-testid^="m-competition-"]').filter({ hasText: '本周安全知识挑战' }).click();
    await page.getByTestId('m-challenge-start').click();
    await page.getByTestId('m-challenge-left').waitFor();
    const questions = page.locator('[data-testid^="m-challenge-q-"]');
    const n = await questions.count();
    expect(n).toBe(5);
    for (let i = 0; i < n; i++) await questions.nth(i).locator('[data-testid^="m-option-"]').first().click();
    await shot(page, 'competitions-challenge-phone');
    await page.getByTestId('m-challenge-submit').click();
    await page.locator('.adm-dialog-button').last().click();
    await page.getByTestId('m-challenge-result').waitFor();
    expect(await page.getByTestId('m-challenge-result').innerText()).toMatch(/答对 \d 题，用时 [\d.]+ 秒，排名第 \d+ \/ \d+ 名/);
    await page.getByTestId('m-my-rank').waitFor();
    await shot(page, 'competitions-challenge-result');

    const host = await (await b.context('desktop')).newPage();
    await consoleLogin(host, 'mineadmin');
    await host.goto('/admin/competitions');
    await host.locator('tr').filter({ hasText: '本周安全知识挑战' }).locator('[data-testid^="competition-host-"]').click();
    await host.getByTestId('board-players').waitFor();
    const me = (await (await page.request.get('/api/v1/me')).json()) as { displayName: string };
    await host.getByTestId('board-players').getByText(me.displayName).waitFor();
    const download = host.waitForEvent('download');
    await host.getByTestId('host-export').click();
    expect((await download).suggestedFilename()).toBe('竞赛成绩-本周安全知识挑战.xlsx');
    await shot(host, 'competitions-challenge-host');
  }, 180_000);
});
