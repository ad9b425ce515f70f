import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, shot, useBrowser } from './browser.js';

const b = useBrowser();

/** Each flow signs in (sometimes twice) and waits on a real server: more than the default 60 s on a busy machine. */
const SLOW = 120_000;

interface TreeNode {
  id: number;
  name: string;
  children: TreeNode[];
}

interface Member {
  id: number;
  name: string;
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto('/admin/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('todo-list').waitFor();
}

/** The id of a visible org, read from the tree the signed-in user sees. */
async function orgId(page: Page, name: string): Promise<number> {
  const find = (nodes: TreeNode[]): TreeNode | undefined => nodes.map((n) => (n.name === name ? n : find(n.children))).find(Boolean);
  const hit = find(await (await page.request.get('/api/v1/orgs/tree')).json());
  if (!hit) throw new Error(`org not visible: ${name}`);
  return hit.id;
}

/** Members in good standing of an org's subtree, from the API (test set-up, not what is tested). */
async function membersOf(page: Page, id: number, extra = ''): Promise<Member[]> {
  const res = await page.request.get(`/api/v1/members?orgId=${id}&status=normal&pageSize=20${extra}`);
  return (await res.json()).items;
}

async function openOrg(page: Page, id: number, tab?: string): Promise<void> {
  await page.goto(`/admin/orgs?org=${id}${tab ? `&tab=${tab}` : ''}`);
  await page.getByTestId('org-detail-title').waitFor();
}

/**
 * Opens an antd Select or TreeSelect (its root carries the test id), optionally types, and picks the
 * option showing `text`. Waits out the list's opening motion, and tries again if the click was lost.
 */
async function pick(page: Page, testId: string, text: string, type?: string): Promise<void> {
  const select = page.getByTestId(testId);
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper')
    .filter({ hasText: text })
    .first();
  await select.click();
  if (type) await select.locator('input').fill(type);
  for (let attempt = 0; attempt < 3; attempt++) {
    await option.waitFor();
    await page.waitForTimeout(200);
    await option.click();
    try {
      await expect.poll(() => select.innerText(), { timeout: 3_000 }).toContain(text);
      return;
    } catch {
      if (!(await option.isVisible())) await select.click();
    }
  }
  throw new Error(`could not pick “${text}” in ${testId}`);
}

/** Waits for a dialog's form and its opening animation. */
async function dialog(page: Page, formTestId: string): Promise<void> {
  await page.getByTestId(formTestId).waitFor();
  await page.waitForTimeout(300);
}

async function fillDate(page: Page, testId: string, isoDay: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(isoDay);
  await input.press('Enter');
}

const day = (offsetDays: number, offsetMonths = 0): string => {
  const d = new Date();
  d.setMonth(d.getMonth() + offsetMonths);
  d.setDate(d.getDate() + offsetDays);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** A short name part unlikely to exist already. */
const fresh = () => {
  const chars = '安柏晨东方歌海江蓝林铭宁鹏青泉瑞森天韦夏轩扬悦卓';
  return Array.from({ length: 3 }, () => chars[Math.floor(Math.random() * chars.length)]).join('');
};

const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('组织架构 (org structure)', () => {
  it(
    'a mine admin sets up a branch under 东山矿党委, sees it in the tree, and a duplicate name is refused under the field',
    async () => {
      const page = await (await b.context()).newPage();
      await login(page, 'mineadmin');
      await page.getByTestId('menu-orgs').click();
      const mine = await orgId(page, '东山矿党委');
      await page.getByTestId(`org-${mine}`).click();
      await expect.poll(() => page.getByTestId('org-detail-title').innerText()).toBe('东山矿党委');

      const name = `东山${fresh()}队党支部`;
      await page.getByTestId('org-create').click();
      await dialog(page, 'org-form');
      await page.getByTestId('org-form-name').fill(name);
      // Under a 党委 the next level down (党支部) is offered first; no 党小组 here.
      expect(await page.getByTestId('org-form-kind').innerText()).toContain('党支部');
      await page.getByTestId('org-form-kind').click();
      const kinds = await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allInnerTexts();
      expect(kinds).not.toContain('党小组');
      await page.getByTestId('org-form-kind').click();
      await pick(page, 'org-form-category', '安全监管');
      await page.getByTestId('org-form-unit').fill(name.replace('党支部', ''));
      await fillDate(page, 'org-form-founded', day(-3));
      await page.getByTestId('org-form-doc').fill('东山党发〔2026〕8号');
      await shot(page, 'orgs-create-form');
      await page.getByTestId('org-form-submit').click();

      await expect.poll(() => page.getByTestId('org-detail-title').innerText()).toBe(name);
      const id = Number(new URL(page.url()).searchParams.get('org'));
      expect(await page.getByTestId(`org-${id}`).innerText()).toContain(name);
      expect(await page.getByTestId('org-info').innerText()).toContain('东山党发〔2026〕8号');
      await page.getByTestId('org-tab-history').click();
      await page.getByText('在“东山矿党委”下成立党支部').waitFor();
      await shot(page, 'orgs-created-in-tree');

      // The same name again under the same parent: the server's message shows under the name field.
      await page.getByTestId(`org-${mine}`).click();
      await expect.poll(() => page.getByTestId('org-detail-title').innerText()).toBe('东山矿党委');
      await page.getByTestId('org-create').click();
      await page.getByTestId('org-form-name').fill(name);
      await pick(page, 'org-form-category', '生产一线');
      await page.getByTestId('org-form-submit').click();
      await page
        .locator('.ant-form-item-explain-error')
        .filter({ hasText: `已有同名组织“${name}”` })
        .waitFor();
      await shot(page, 'orgs-create-duplicate');
    },
    SLOW,
  );

  it(
    'assigns a 先锋岗 to a member of 东山综采一队党支部; it is listed on the branch and mine pages, the secretary sees it, and it can be ended',
    async () => {
      const page = await (await b.context()).newPage();
      await login(page, 'mineadmin');
      const branch = await orgId(page, '东山综采一队党支部');
      const [member] = await membersOf(page, branch);
      await openOrg(page, branch, 'pioneer');

      const title = `综采工作面${fresh()}先锋岗`;
      await page.getByTestId('pioneer-create').click();
      await dialog(page, 'pioneer-form');
      await pick(page, 'pioneer-form-member', member.name, member.name);
      await page.getByTestId('pioneer-form-kind').getByText('党员先锋岗').click();
      await page.getByTestId('pioneer-form-name').fill(title);
      await page.getByTestId('pioneer-form-location').fill('井下 12306 综采工作面');
      await shot(page, 'orgs-pioneer-form');
      await page.getByTestId('pioneer-submit').click();

      const row = page.locator('[data-testid^="pioneer-row-"]').filter({ hasText: title });
      await row.waitFor();
      expect(await row.innerText()).toContain(member.name);
      const postId = Number((await row.getAttribute('data-testid'))?.replace('pioneer-row-', ''));
      await shot(page, 'orgs-pioneer-listed');

      // The mine committee's page lists the posts of its whole subtree.
      await openOrg(page, await orgId(page, '东山矿党委'), 'pioneer');
      await page.getByTestId(`pioneer-row-${postId}`).waitFor();

      // The branch secretary reads it on the org page (orgs:read, no orgs:write: no 设立 button).
      const secretary = await (await b.context()).newPage();
      await login(secretary, 'secretary');
      await openOrg(secretary, branch, 'pioneer');
      await secretary.getByTestId(`pioneer-row-${postId}`).waitFor();
      expect(await secretary.getByTestId(`pioneer-row-${postId}`).innerText()).toContain(member.name);
      expect(await secretary.getByTestId('pioneer-create').count()).toBe(0);
      await shot(secretary, 'orgs-pioneer-secretary');

      // 撤销 asks first, then the post leaves the current list.
      await openOrg(page, branch, 'pioneer');
      await page.getByTestId(`pioneer-end-${postId}`).click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId(`pioneer-row-${postId}`).waitFor({ state: 'detached' });
      await page.getByTestId('pioneer-include-ended').click();
      await page.getByTestId(`pioneer-row-${postId}`).waitFor();
    },
    SLOW,
  );

  it(
    'the rule check warns that the 58-member branch is over 50, with the rule source; a 党小组 shows 未发现问题',
    async () => {
      const page = await (await b.context()).newPage();
      await login(page, 'secretary');
      await page.getByTestId('menu-orgs').click();
      const branch = await orgId(page, '东山综采一队党支部');
      await page.getByTestId(`org-${branch}`).click();
      await page.getByTestId('org-tab-rules').click();
      const warning = page.getByTestId('rule-warning-BRANCH_TOO_LARGE');
      await warning.waitFor();
      expect(await warning.innerText()).toMatch(/有党员 \d+ 名，超过党支部 50 人的上限/);
      expect(await warning.getAttribute('data-org-id')).toBe(String(branch));
      expect(await page.getByTestId('rule-source').innerText()).toContain('中国共产党支部工作条例（试行）');
      await shot(page, 'orgs-rule-check');

      await page.getByTestId(`org-${await orgId(page, '东山综采一队早班党小组')}`).click();
      await page.getByTestId('rule-empty').waitFor();
      expect(await page.getByTestId('rule-empty').innerText()).toContain('未发现问题');
    },
    SLOW,
  );

  it(
    '换届 records a branch committee; the term shows as due soon and the committee warning goes away',
    async () => {
      const page = await (await b.context()).newPage();
      await login(page, 'mineadmin');
      const branch = await orgId(page, '东山掘进一队党支部');
      const team = await membersOf(page, branch, '&category=full');
      // The demo's branch still to elect its committee (东山综采一队, the secretary's, has one: issue 24).
      await openOrg(page, branch, 'rules');
      await page.getByTestId('rule-warning-BRANCH_COMMITTEE_REQUIRED').waitFor();
      await openOrg(page, branch, 'terms');
      await page.getByTestId('term-start').click();
      await dialog(page, 'term-form');
      // Started 2 years 8 months ago, a 3-year term ends in about 4 months: inside the 6-month reminder.
      await fillDate(page, 'term-form-start', day(0, -32));
      await pick(page, 'term-form-member-0', team[0].name, team[0].name);
      await page.getByTestId('term-form-add').click();
      await pick(page, 'term-form-post-1', '组织委员');
      await pick(page, 'term-form-member-1', team[1].name, team[1].name);
      await page.getByTestId('term-form-add').click();
      await pick(page, 'term-form-post-2', '宣传委员');
      await pick(page, 'term-form-member-2', team[2].name, team[2].name);
      await shot(page, 'orgs-term-form');
      await page.getByTestId('term-submit').click();

      const status = page.getByTestId('term-status');
      await status.waitFor();
      expect(await status.getAttribute('data-status')).toBe('due-soon');
      expect(await status.innerText()).toMatch(/还有 \d+ 天届满/);
      expect(await page.getByTestId('term-current').innerText()).toContain('3 年');
      await shot(page, 'orgs-term-due-soon');

      await page.getByTestId('org-tab-rules').click();
      await page.locator('[data-testid="rule-empty"], [data-testid^="rule-warning-"]').first().waitFor();
      expect(await page.getByTestId('rule-warning-BRANCH_COMMITTEE_REQUIRED').count()).toBe(0);
    },
    SLOW,
  );

  it(
    'moves a branch under another org and upgrades it, each after a confirmation, and the history shows both',
    async () => {
      const page = await (await b.context()).newPage();
      await login(page, 'mineadmin');
      const mine = await orgId(page, '东山矿党委');
      const name = `东山${fresh()}中心党支部`;
      const created = await page.request.post('/api/v1/orgs', {
        headers: { 'x-csrf-token': (await (await page.request.get('/api/v1/me')).json()).csrfToken },
        data: { parentId: mine, name, kind: 'branch', category: 'tech' },
      });
      const { id } = await created.json();
      await openOrg(page, id);

      await page.getByTestId('org-move').click();
      await pick(page, 'org-move-parent', '东山矿生产党总支', '生产党总支');
      await page.getByTestId('org-move-doc').fill('东山党发〔2026〕9号');
      await page.getByTestId('org-move-submit').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByText(`“${name}”的隶属关系已调整`).waitFor();
      await expect.poll(() => page.getByTestId('org-info').innerText()).toContain('东山矿生产党总支');

      await page.getByTestId('org-upgrade').click();
      const upgraded = name.replace('党支部', '党总支');
      await expect.poll(() => page.getByTestId('org-upgrade-name').inputValue()).toBe(upgraded);
      await page.getByTestId('org-upgrade-submit').click();
      await page.getByTestId('confirm-ok').click();
      await expect.poll(() => page.getByTestId('org-detail-title').innerText()).toBe(upgraded);

      await page.getByTestId('org-tab-history').click();
      await page.getByText('由党支部升格为党总支').waitFor();
      await page.getByText('由“东山矿党委”调整到“东山矿生产党总支”').waitFor();
      await shot(page, 'orgs-history');
    },
    SLOW,
  );

  it(
    'dissolving a branch with members is refused with the reason, then done after transferring its members',
    async () => {
      const page = await (await b.context()).newPage();
      await login(page, 'orgadmin');
      const id = await orgId(page, '北岭后勤服务中心党支部');
      const parent = await orgId(page, '北岭矿党委');
      await openOrg(page, id);
      await page.getByTestId('org-dissolve').click();
      await page.getByTestId('org-dissolve-submit').click();
      await page.getByTestId('confirm-ok').click();
      const blocked = page.getByTestId('org-dissolve-blocked');
      await blocked.waitFor();
      expect(await blocked.innerText()).toMatch(/还有\d+ 名党员.*不能撤销/);
      await shot(page, 'orgs-dissolve-blocked');

      await pick(page, 'org-dissolve-transfer', '北岭机关第一党支部', '北岭机关第一');
      await page.getByTestId('org-dissolve-submit').click();
      await page.getByTestId('confirm-ok').click();
      await expect.poll(() => page.getByTestId('org-detail-title').innerText()).toBe('北岭矿党委');
      expect(new URL(page.url()).searchParams.get('org')).toBe(String(parent));
      await page.getByTestId(`org-${id}`).waitFor({ state: 'detached' });
      await shot(page, 'orgs-dissolved');
    },
    SLOW,
  );

  it(
    'is usable at 360 px: the tree, then the detail with a way back, without sideways scrolling',
    async () => {
      const page = await (await b.context('phone')).newPage();
      await login(page, 'mineadmin');
      await page.goto('/admin/orgs');
      await page.getByTestId('org-tree').waitFor();
      expect(await overflowX(page)).toBeLessThanOrEqual(1);
      await page.locator('[data-testid="org-search"] input, input[data-testid="org-search"]').first().fill('综采一队党支部');
      const branch = await orgId(page, '东山综采一队党支部');
      await page.getByTestId(`org-${branch}`).click();
      await expect.poll(() => page.getByTestId('org-detail-title').innerText()).toBe('东山综采一队党支部');
      await page.getByTestId('org-tab-rules').click();
      await page.getByTestId('rule-warning-BRANCH_TOO_LARGE').waitFor();
      expect(await overflowX(page)).toBeLessThanOrEqual(1);
      await shot(page, 'orgs-360-rules');
      await page.getByTestId('org-tab-pioneer').click();
      await page.getByTestId('pioneer-create').click();
      await page.getByTestId('pioneer-form-name').waitFor();
      await page.waitForTimeout(400); // the dialog's opening animation
      expect(await overflowX(page)).toBeLessThanOrEqual(1);
      await shot(page, 'orgs-360-pioneer-form');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: '返回组织树' }).click();
      await page.getByTestId('org-tree').waitFor();
    },
    SLOW,
  );
});
