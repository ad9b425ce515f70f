import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { overflowX, phoneLogin } from './member-helpers.js';

const b = useBrowser();

const MEMBER_TILES = [
  'service-dues',
  'service-life',
  'service-learning',
  'service-points',
  'service-competitions',
  'service-relations',
  'service-record',
];

/**
 * Issue 24 item 4: a login without a member record (the demo worker 王磊, an activist) finds the
 * phone made for him: only what applies, never 账号未关联党员档案 behind a tile; 我的 shows his
 * name; his 入党进程 names his 培养联系人 and opens the activist training course.
 */
describe('the phone for a worker', () => {
  it('王磊 sees 入党进程 and what is open to workers, no member tile; every tile he has opens without 未关联党员档案', async () => {
    const page = await (await b.context('phone')).newPage();
    await phoneLogin(page, 'worker');
    await page.getByTestId('service-recruitment').waitFor();
    for (const id of MEMBER_TILES) expect(await page.getByTestId(id).count(), id).toBe(0);
    await shot(page, 'phone-worker-home');
    const tiles = await page.locator('[data-testid^="service-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(tiles.length).toBeGreaterThan(0);
    for (const id of tiles) {
      await page.goto('/m');
      await page.getByTestId(id as string).click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      const text = await page.locator('body').innerText();
      expect(text, id as string).not.toContain('未关联党员档案');
      expect(text, id as string).not.toContain('未找到您的党员档案');
    }

    await page.getByTestId('tab-me').click();
    await expect.poll(() => page.getByTestId('me-name').innerText()).toBe('王磊');
  });

  it('as an activist he sees his 培养联系人 and opens the activist training course', async () => {
    const page = await (await b.context('phone')).newPage();
    await phoneLogin(page, 'worker');
    await page.goto('/m/recruitment');
    const contacts = page.getByTestId('m-recruitment-contacts');
    await contacts.waitFor();
    expect(await contacts.innerText()).toContain('培养联系人');
    expect((await contacts.innerText()).split(/[：、\n]/).filter(Boolean).length).toBeGreaterThanOrEqual(2);
    const course = page.locator('[data-testid^="m-recruitment-course-"]').first();
    await course.waitFor();
    expect(await course.innerText()).toContain('入党积极分子');
    await course.click();
    await page.getByTestId('m-recruitment-course-body').waitFor();
    expect((await page.getByTestId('m-recruitment-course-body').innerText()).length).toBeGreaterThan(50);
    expect(await overflowX(page)).toBeLessThanOrEqual(1);
    await shot(page, 'phone-worker-activist-course');
  });
});
