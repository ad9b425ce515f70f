import { describe, expect, it } from 'vitest';
import { pick } from './antd.js';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, overflowX, phoneLogin } from './member-helpers.js';

const b = useBrowser();

describe('courses: an article course and a plan, studied on the phone with credited time', () => {
  const stamp = Date.now() % 100000;
  const courseTitle = `班前安全确认${stamp}`;
  const planTitle = `综采一队安全学习${stamp}`;

  it('the admin creates an article course (unsafe HTML removed) and a plan for 东山综采一队党支部', async () => {
    const page = await (await b.context('desktop')).newPage();
    await consoleLogin(page, 'orgadmin');
    await page.goto('/admin/courses');
    await page.getByTestId('course-new').click();
    await page.getByTestId('course-title').fill(courseTitle);
    // A short article (minimum reading time 5 s by the ruleset) with a script that must never reach a reader.
    await page
      .getByTestId('course-body')
      .fill(
        '<p>班前会必须确认顶板、瓦斯、支护情况。</p><script>window.pwned=1</script><img src="https://evil.example/x.png" onerror="window.pwned=2">',
      );
    await page.getByTestId('course-save').click();
    await page.getByText('已保存').waitFor();
    await page.getByRole('cell', { name: courseTitle }).waitFor();
    await shot(page, 'courses-list');

    await page.getByTestId('courses-tab-plans').click();
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-title').fill(planTitle);
    await pick(page, 'plan-org', '东山综采一队党支部', '东山综采一队');
    const due = page.locator('[data-testid="plan-due"] input, input[data-testid="plan-due"]').first();
    await due.click();
    await due.fill('2026-12-31');
    await due.press('Enter');
    await page.locator('.ant-modal').getByText(courseTitle).click();
    await page.getByTestId('plan-save').click();
    await page.getByRole('cell', { name: planTitle }).waitFor();
    await shot(page, 'courses-plans');
  });

  it('the member studies the article on the phone; time is credited only while the page is visible', async () => {
    const page = await (await b.context('phone')).newPage();
    await phoneLogin(page, 'member');
    await page.goto('/m/courses');
    const card = page.locator('[data-testid^="my-plan-"]').filter({ hasText: planTitle });
    await card.waitFor();
    expect(await card.innerText()).toContain('截止 2026-12-31');
    expect(await card.innerText()).toContain('已完成 0 / 1 门');
    await shot(page, 'courses-phone-plans');
    const beats: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/heartbeats')) beats.push(r.url());
    });
    await card.getByText(courseTitle).click();
    await page.getByTestId('course-article').waitFor();
    // Rendered safely: the text is there, the script and the foreign image are not.
    expect(await page.getByTestId('course-article').innerText()).toContain('班前会必须确认顶板');
    expect(await page.locator('[data-testid="course-article"] script, [data-testid="course-article"] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const url = new URL(page.url());
    // Heartbeats every 2 s for this test (the server credits only real elapsed time between them).
    await page.goto(`${url.pathname}?beat=2`);
    await page.getByTestId('course-article').waitFor();
    await page.mouse.wheel(0, 100);

    // A background tab sends nothing.
    await page.waitForTimeout(1_000);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.getByText('已暂停计时').waitFor();
    const before = beats.length;
    await page.waitForTimeout(5_000);
    expect(beats.length).toBe(before);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });

    // Visible and active: credited up to the minimum reading time, then complete.
    await page.getByText('本课程已完成').waitFor({ timeout: 30_000 });
    const credited = await page.getByTestId('study-credited').innerText();
    const seconds = Number(/有效学习 (\d+) 秒/.exec(credited)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(5);
    // Never more than the real time the page was visible since the first beat of this session.
    expect(seconds).toBeLessThan(20);
    await shot(page, 'courses-phone-study');
    expect(await overflowX(page)).toBeLessThanOrEqual(1);

    await page.goto('/m/courses');
    await expect.poll(async () => card.innerText(), { timeout: 10_000 }).toContain('已完成 1 / 1 门');
    await page.getByText('我的学时').click();
    await page.getByTestId('my-hours').waitFor();
    expect(await page.getByTestId('my-hours').innerText()).toContain(courseTitle);
    await shot(page, 'courses-phone-hours');
  });

  it('the admin sees the member done and the others behind, and exports the progress', async () => {
    const page = await (await b.context('desktop')).newPage();
    await consoleLogin(page, 'orgadmin');
    await page.goto('/admin/courses?tab=plans');
    const row = page.locator('tr').filter({ hasText: planTitle });
    await row.waitFor();
    await row.getByRole('button').click();
    await page.locator('.ant-drawer').getByText('已完成').first().waitFor();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('学习中').or(drawer.getByText('未开始')).first().waitFor();
    await page.getByTestId('plan-only-behind').click();
    await expect.poll(async () => drawer.locator('.ant-tag').filter({ hasText: '已完成' }).count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.getByTestId('plan-export').click();
    expect((await download).suggestedFilename()).toContain('学习计划进度');
    await shot(page, 'courses-plan-progress');
  });
});
