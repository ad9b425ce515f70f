import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf } from './member-helpers.js';

const b = useBrowser();

async function fillLogin(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('logout-confirm').click();
  await page.waitForURL(/\/admin\/login/);
}

/** A TOTP code for a later time step than the one just used (the server refuses replays). */
const nextCode = (secret: string) => authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);

describe('console login', () => {
  it('shows the wrong-password message; the attempts left only where the password was right once', async () => {
    const context = await b.context();
    const page = await context.newPage();
    await page.goto('/admin/');
    await page.waitForURL(/\/admin\/login/);
    await fillLogin(page, 'worker', 'Wrong-Password-1');
    const err = page.getByTestId('login-error');
    await err.waitFor();
    // Issue 15 item 6: a browser the password was never right on gets the same words as for an unknown name.
    expect(await err.innerText()).toContain('用户名或密码错误');
    expect(await err.innerText()).not.toContain('再错');
    // A right password once in this browser makes it a known device (the vg_device cookie).
    const ok = await context.request.post('/api/v1/auth/login', { data: { username: 'worker', password: DEMO_PASSWORD } });
    expect(ok.ok()).toBe(true);
    await context.clearCookies({ name: 'vg_session' });
    await fillLogin(page, 'worker', 'Wrong-Password-2');
    await page.waitForFunction(() => document.querySelector('[data-testid="login-error"]')?.textContent?.includes('再错 4 次'));
    await shot(page, 'console-login-wrong-password');
  });

  it('locks the account after 5 failures and says until when', async () => {
    const page = await (await b.context()).newPage();
    await page.goto('/admin/login');
    // The lock (this address, 30 minutes) would stop later files that sign in as 'handler' from new
    // browsers (issue 15 item 6 locks per account and source): the test ends by lifting it.
    for (let i = 0; i < 5; i++) {
      await fillLogin(page, 'handler', `Wrong-Password-${i}`);
      await page.getByTestId('login-error').waitFor();
      await page.waitForTimeout(150);
    }
    await page.waitForFunction(() => document.querySelector('[data-testid="login-error"]')?.textContent?.includes('锁定'));
    const text = await page.getByTestId('login-error').innerText();
    expect(text).toMatch(/锁定.*\d{2}:\d{2}/s);
    await shot(page, 'console-login-locked');
    // Even the right password is refused while locked.
    await fillLogin(page, 'handler', DEMO_PASSWORD);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('login-error').innerText()).toContain('锁定');

    // The security administrator lifts the lock (安全管理员解锁); then the right password signs in.
    // (Later files sign in as 'handler' too: the 举报 handler and the accessibility sweep.)
    const desk = await (await b.context()).newPage();
    await consoleLogin(desk, 'secadmin');
    const found = (await (await desk.request.get('/api/v1/users?q=handler')).json()) as { items: { id: number; username: string }[] };
    const handler = found.items.find((u) => u.username === 'handler');
    expect(handler).toBeDefined();
    const unlocked = await desk.request.post(`/api/v1/users/${handler?.id}/unlock`, { headers: { 'x-csrf-token': await csrfOf(desk) } });
    expect(unlocked.status()).toBe(204);
    await fillLogin(page, 'handler', DEMO_PASSWORD);
    await page.getByTestId('todo-list').waitFor();
  });

  it('logs in, shows to-dos and the org tree, and logs out', async () => {
    const page = await (await b.context()).newPage();
    await page.goto('/admin/login');
    await fillLogin(page, 'orgadmin', DEMO_PASSWORD);
    await page.getByTestId('todo-list').waitFor();
    expect(await page.getByTestId('header-org').innerText()).toContain('晋岭能源集团党委');
    await shot(page, 'console-home');
    await page.getByTestId('menu-orgs').click();
    await page.getByText('东山矿党委').first().waitFor();
    await page.locator('[data-testid="org-search"] input, input[data-testid="org-search"]').first().fill('综采一队');
    await page.getByText('东山综采一队党支部').first().waitFor();
    await shot(page, 'console-org-tree');
    await logout(page);
    await page.goto('/admin/orgs');
    await page.waitForURL(/\/admin\/login/);
  });

  it('an expired session returns to login and then back to the page the user was on', async () => {
    const ctx = await b.context();
    const page = await ctx.newPage();
    await page.goto('/admin/login');
    await fillLogin(page, 'mineadmin', DEMO_PASSWORD);
    await page.getByTestId('todo-list').waitFor();
    await page.goto('/admin/orgs');
    await page.getByTestId('org-search').waitFor();
    await ctx.clearCookies();
    await page.reload();
    await page.waitForURL(/\/admin\/login\?next=/);
    await fillLogin(page, 'mineadmin', DEMO_PASSWORD);
    await page.waitForURL(/\/admin\/orgs/);
    await page.getByText('东山矿党委').first().waitFor();
  });

  it('enrols TOTP with the QR code, then logs in with it', async () => {
    const page = await (await b.context()).newPage();
    await page.goto('/admin/login');
    await fillLogin(page, 'secretary2', DEMO_PASSWORD);
    await page.getByTestId('todo-list').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-totp').click();
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await shot(page, 'console-totp-enrol');
    await page.getByTestId('totp-code').fill(authenticator.generate(secret));
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('recovery-codes').waitFor();
    expect((await page.getByTestId('recovery-codes').innerText()).match(/[a-z0-9]{5}-[a-z0-9]{5}/g)).toHaveLength(10);
    await page.getByTestId('recovery-saved').click();
    await page.keyboard.press('Escape');
    await logout(page);

    await fillLogin(page, 'secretary2', DEMO_PASSWORD);
    await page.getByTestId('totp-code').waitFor();
    await page.getByTestId('totp-code').fill('000000');
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('totp-error').waitFor();
    await page.getByTestId('totp-code').fill(nextCode(secret));
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('todo-list').waitFor();
    await shot(page, 'console-home-after-totp');
  });

  it('the auditor lists the audit log and verifies the chain', async () => {
    const page = await (await b.context()).newPage();
    await page.goto('/admin/login');
    await fillLogin(page, 'auditor', DEMO_PASSWORD);
    await page.getByTestId('menu-audit').click();
    await page.getByText('auth.login').first().waitFor();
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-ok').waitFor();
    await shot(page, 'console-audit-log');
  });

  it('works at 360 px wide', async () => {
    const page = await (await b.context('phone')).newPage();
    await page.goto('/admin/login');
    await fillLogin(page, 'orgadmin', DEMO_PASSWORD);
    await page.getByTestId('todo-list').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'console-home-360');
  });
});
