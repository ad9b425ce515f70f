import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, shot, useBrowser } from './browser.js';

const b = useBrowser();

describe('phone portal', () => {
  it('a member logs in at 360 px, sees 我的 with name, org and roles, and logs out', async () => {
    const page = await (await b.context('phone')).newPage();
    await page.goto('/m/');
    await page.waitForURL(/\/m\/login/);
    await page.getByTestId('login-username').fill('member');
    await page.getByTestId('login-password').fill('wrong-password-1A');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('todos-open').waitFor();
    await page.getByText('欢迎使用先锋智慧党建平台').waitFor();
    await shot(page, 'phone-home');
    await page.goto('/m/me');
    await page.getByTestId('me-name').waitFor();
    expect(await page.getByTestId('me-org').innerText()).toContain('东山综采一队党支部');
    expect(await page.getByTestId('me-roles').innerText()).toContain('党员');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'phone-me');
    await page.getByTestId('logout').click();
    await page.getByTestId('logout-confirm').click();
    await page.waitForURL(/\/m\/login/);
  });

  it('is installable: the manifest is served and linked', async () => {
    const page = await (await b.context('phone')).newPage();
    await page.goto('/m/login');
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBeTruthy();
    const manifest = await (await page.request.get(href as string)).json();
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/m/' });
    expect(manifest.icons.length).toBeGreaterThan(0);
  });

  it('the console at 1440 px', async () => {
    const page = await (await b.context('desktop')).newPage();
    await page.goto('/admin/login');
    await shot(page, 'console-login-1440');
    expect(await page.title()).toContain('先锋');
  });
});
