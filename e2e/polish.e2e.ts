import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, phoneLogin } from './member-helpers.js';

const b = useBrowser();

/** The page's body margin in px (the browser default is 8). */
const bodyMargin = (page: Page) => page.evaluate(() => getComputedStyle(document.body).margin);

/** "rgb(r, g, b)" → true when it reads as red (the party red #c8102e or antd's error #ff4d4f). */
function isRed(colour: string): boolean {
  const m = colour.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/);
  if (!m) return false;
  const [r, g, bl, a] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  return a > 0 && r > 150 && g < 110 && bl < 110;
}

/** Tabs until the element with `testId` has keyboard focus; returns what its focus indicator looks like. */
async function focusRing(page: Page, testId: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) break;
  }
  await page.waitForTimeout(300); // antd animates the focus colours
  return page.evaluate((id) => {
    const el = document.activeElement as HTMLElement;
    if (el.getAttribute('data-testid') !== id) throw new Error(`could not tab to ${id}`);
    // antd draws an input's focus on its wrapper (.ant-input-affix-wrapper) when it has one.
    const box = (el.closest('.ant-input-affix-wrapper') as HTMLElement | null) ?? el;
    const s = getComputedStyle(el);
    const w = getComputedStyle(box);
    return {
      outline: s.outlineStyle === 'none' ? '' : s.outlineColor,
      border: w.borderTopColor,
      shadow: w.boxShadow,
    };
  }, testId);
}

describe('polish (issue 24 item 13)', () => {
  it('the console has no default page margin and a focus ring that is not error red', async () => {
    const page = await (await b.context('desktop')).newPage();
    await page.goto('/admin/login');
    await page.getByTestId('login-username').waitFor();
    expect.soft(await bodyMargin(page)).toBe('0px');
    const ring = await focusRing(page, 'login-username');
    expect.soft(ring.outline || ring.shadow, 'a visible focus indicator').not.toBe('none');
    expect.soft(isRed(ring.outline), `outline ${ring.outline}`).toBe(false);
    expect.soft(isRed(ring.border), `border ${ring.border}`).toBe(false);
    expect.soft(isRed(ring.shadow), `shadow ${ring.shadow}`).toBe(false);
    await consoleLogin(page, 'secretary');
    expect.soft(await bodyMargin(page)).toBe('0px');
  });

  it('the phone has no default page margin, grid labels without underline, and a visible non-red focus ring', async () => {
    const page = await (await b.context('phone')).newPage();
    await page.goto('/m/login');
    await page.getByTestId('login-username').waitFor();
    expect.soft(await bodyMargin(page)).toBe('0px');
    const ring = await focusRing(page, 'login-username');
    expect.soft(ring.outline, 'the input shows where the keyboard is').not.toBe('');
    expect.soft(isRed(ring.outline), `outline ${ring.outline}`).toBe(false);
    await phoneLogin(page, 'member');
    expect.soft(await bodyMargin(page)).toBe('0px');
    const decorations = await page
      .locator('[data-testid^="service-"]')
      .evaluateAll((els) => els.map((e) => getComputedStyle(e).textDecorationLine));
    expect.soft(decorations.length).toBeGreaterThan(0);
    expect
      .soft(
        decorations.every((d) => d === 'none'),
        decorations.join(),
      )
      .toBe(true);
  });

  it('关怀模式: switched on 我的, larger text, only the essentials on the home, remembered on the device', async () => {
    const page = await (await b.context('phone')).newPage();
    await phoneLogin(page, 'member');
    const tiles = page.locator('[data-testid^="service-"]:not([data-testid="service-grid"])');
    const before = await tiles.count();
    const px = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    const tileBefore = await px('[data-testid="service-dues"]');
    await page.getByTestId('tab-me').click();
    await page.getByTestId('care-switch').waitFor();
    const textBefore = await px('[data-testid="me-org"]');
    const bodyBefore = await px('body');
    await page.getByTestId('care-switch').click();
    await expect.poll(() => px('[data-testid="me-org"]')).toBeGreaterThanOrEqual(20);
    expect(await px('[data-testid="me-org"]')).toBeGreaterThan(textBefore);
    expect(await px('body')).toBeGreaterThan(bodyBefore);
    // Higher contrast: the secondary text turns from grey to near-black.
    const weak = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--adm-color-weak').trim());
    expect(weak).toMatch(/^#333(333)?$/);

    await page.getByTestId('tab-home').click();
    await page.getByTestId('service-dues').waitFor();
    expect(await tiles.count()).toBeLessThan(before);
    expect(await tiles.count()).toBe(4);
    expect(await px('[data-testid="service-dues"]')).toBeGreaterThan(tileBefore);
    await shot(page, 'phone-home-care');

    // Remembered on this device: a new page load keeps it.
    await page.reload();
    await page.getByTestId('service-dues').waitFor();
    expect(await tiles.count()).toBe(4);
    await page.goto('/m/me');
    await page.getByTestId('care-switch').click();
    await page.getByTestId('tab-home').click();
    await expect.poll(() => tiles.count()).toBe(before);
  });
});
