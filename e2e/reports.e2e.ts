import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { numberInput, pick } from './antd.js';
import { DEMO_PASSWORD, shot, useBrowser } from './browser.js';
import { consoleLogin, overflowX } from './member-helpers.js';

const b = useBrowser();
const WHAT = `8102 工作面回风巷瓦斯探头被遮挡，班长要求继续生产 ${Date.now()}`;
const PHOTO = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(4000, 7)]);

/**
 * Issue 18: a worker on a 360 px phone files a safety report with a photo and keeps the receipt; the
 * handler unlocks, accepts, replies and concludes 属实 with a reward; the worker follows up with the
 * receipt and sees the reply and the claim code; a system administrator sees no report anywhere.
 */
describe('举报: from the phone to the 纪委 and back', () => {
  let phone: Page;
  let receipt = '';
  let claim: string | undefined;

  it('a worker on a 360 px phone files a safety report with a photo and keeps the receipt', async () => {
    phone = await (await b.context('phone')).newPage();
    await phone.goto('/report');
    await phone.getByTestId('report-privacy').waitFor();
    await phone.getByTestId('report-channel-安全隐患举报').click();
    await phone.getByTestId('report-q-kind').selectOption('三违行为');
    await phone.getByTestId('report-q-where').fill('东山矿 8102 工作面');
    await phone.getByTestId('report-q-what').fill(WHAT);
    expect(await phone.getByTestId('report-q-what').getAttribute('autocomplete')).toBe('off');
    await phone.getByTestId('report-files').setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await phone.getByTestId('report-reward').check();
    expect(await overflowX(phone)).toBeLessThanOrEqual(1);
    await phone.getByTestId('report-submit').click();
    receipt = (await phone.getByTestId('report-receipt').innerText()).replace(/\s/g, '');
    expect(receipt).toMatch(/^\d{16}$/);
    expect(await phone.locator('body').innerText()).toContain('请妥善保存');
    await shot(phone, 'report-receipt-360');
    // Kiosk: nothing of the report in local or session storage, nothing of /report in any cache.
    const left = await phone.evaluate(async () => ({
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      cached: await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url))).then((x) =>
        x.flat(),
      ),
    }));
    expect(left.storage).not.toContain(receipt);
    expect(left.storage).not.toContain('瓦斯探头');
    expect(left.cached.filter((u) => u.includes('/report') || u.includes('/api/'))).toEqual([]);
    expect(await phone.getByTestId('report-finish').isDisabled()).toBe(true);
    await phone.getByTestId('report-saved').check();
    await phone.getByTestId('report-finish').click();
    await phone.getByTestId('report-done').waitFor();
    expect(await phone.locator('body').innerText()).not.toContain(receipt.slice(0, 8));
  });

  it('the handler unlocks, accepts, replies and concludes 属实 with a reward', async () => {
    // The handler: unlock with the login password, open the newest report, accept, reply, conclude 属实 with a reward.
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'handler');
    await desk.goto('/admin/reports');
    await desk.getByTestId('reports-password').fill(DEMO_PASSWORD);
    await desk.getByTestId('reports-unlock').click();
    const row = desk.locator('[data-testid^="report-row-"]').first();
    await row.click();
    await expect.poll(() => desk.getByTestId('report-answer-what').innerText()).toBe(WHAT);
    await desk.getByTestId('report-accept').click();
    await expect.poll(() => desk.getByTestId('report-status').innerText()).toBe('已受理');
    await desk.getByTestId('report-message').fill('已安排通风科到现场核查，感谢您的举报。');
    await desk.getByTestId('report-send').click();
    await expect.poll(() => desk.getByTestId('report-message').inputValue()).toBe('');
    await pick(desk, 'report-outcome', '属实');
    await desk.getByTestId('report-conclude').click();
    await expect.poll(() => desk.getByTestId('report-status').innerText()).toBe('已办结');
    await numberInput(desk, 'report-reward-amount').fill('500');
    await desk.getByTestId('report-reward-save').click();
    const reward = desk.getByTestId('report-reward');
    await expect.poll(() => reward.innerText()).toContain('500.00');
    claim = /领奖码 ([A-Z2-9]{8})/.exec(await reward.innerText())?.[1];
    expect(claim).toBeTruthy();
    await shot(desk, 'report-handler-detail');
  });

  it('the worker follows up with the receipt; a sysadmin sees no report anywhere', async () => {
    // The worker follows up with the receipt.
    await phone.goto('/report/follow');
    await phone.getByTestId('follow-receipt').fill(receipt);
    await phone.getByTestId('follow-open').click();
    await expect.poll(() => phone.getByTestId('follow-status').innerText()).toBe('已办结');
    expect(await phone.getByTestId('follow-messages').innerText()).toContain('已安排通风科到现场核查');
    expect(await phone.getByTestId('follow-claim').innerText()).toBe(claim);
    expect(await overflowX(phone)).toBeLessThanOrEqual(1);
    await shot(phone, 'report-follow-360');

    // A system administrator: no menu entry, the page is refused, the API answers 404.
    const admin = await (await b.context('desktop')).newPage();
    await consoleLogin(admin, 'sysadmin');
    expect(await admin.locator('body').innerText()).not.toContain('举报办理');
    await admin.goto('/admin/reports');
    await admin.waitForLoadState('networkidle');
    expect(await admin.locator('body').innerText()).not.toContain(WHAT);
    expect((await admin.request.get('/api/v1/reports')).status()).toBe(404);
    expect((await admin.request.get('/api/v1/reports/stats')).status()).toBe(404);
  });
});
