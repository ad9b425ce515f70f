import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin } from './member-helpers.js';

const b = useBrowser();
const HEAD = '组织编号,组织名称,月份,指标代码,指标名称,单位,数值';

async function upload(page: Page, name: string, csv: string) {
  await page
    .locator('.ant-upload input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${HEAD}\n${csv}\n`) });
}

describe('analytics (issue 23)', () => {
  it('imports a month with one bad row, fixed; drills from the group to a branch and its members; opens the correlation view', async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'orgadmin');

    // Import: one good row and one in a month that has not come yet → nothing written, the row named.
    await page.goto('/admin/analytics?tab=import');
    const good = ',东山综采一队党支部,2026-04,coal_output,,t,52000';
    await upload(page, '四月.csv', `${good}\n,东山综采二队党支部,2099-04,violations,,人次,3`);
    await expect.poll(() => page.getByTestId('analytics-import-errors').innerText()).toContain('1 处错误');
    await expect.poll(() => page.locator('.ant-table').first().innerText()).toContain('还没到');
    await shot(page, 'analytics-import-error');
    // Fixed and imported.
    await upload(page, '四月.csv', `${good}\n,东山综采二队党支部,2026-04,violations,,人次,3`);
    await page.getByTestId('analytics-confirm').click();
    await page.getByTestId('analytics-import-done').waitFor();

    // Dashboard of the group for last month (seeded), drilled down: mine → general branch → branch → its members.
    await page.goto('/admin/analytics?tab=dashboard&period=month&at=2026-11');
    await expect.poll(() => page.getByTestId('analytics-trail').innerText()).toContain('晋岭能源集团党委');
    await page.getByTestId('analytics-group-safety').locator('canvas').first().waitFor();
    await shot(page, 'analytics-dashboard-group');
    const drill = async (name: string) => {
      await page.getByTestId('analytics-table-members').click();
      await page.getByTestId('analytics-group-members').getByRole('link', { name, exact: true }).click();
      await expect.poll(() => page.getByTestId('analytics-trail').innerText()).toContain(name);
    };
    await drill('东山矿党委');
    await drill('东山矿生产党总支');
    await drill('东山综采一队党支部');
    await shot(page, 'analytics-dashboard-branch');
    await page.getByTestId('analytics-to-members').click();
    await page.waitForURL(/\/admin\/members\?orgId=\d+/);
    await expect.poll(() => page.locator('.ant-table-tbody tr').count()).toBeGreaterThan(0);

    // Party work against safety: branches as points, the caution always shown.
    await page.goto('/admin/analytics?tab=correlation');
    await expect.poll(() => page.getByTestId('analytics-caution').innerText()).toContain('相关不等于因果');
    await expect.poll(() => page.getByTestId('analytics-rho').innerText()).toMatch(/Spearman ρ）：-?\d|少于 8 个/);
    await shot(page, 'analytics-correlation');
  });
});
