import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

const b = useBrowser();

type Node = { id: number; name: string; children: Node[] };
async function orgId(page: Page, name: string): Promise<number> {
  const tree = (await (await page.request.get('/api/v1/orgs/tree')).json()) as Node[];
  const find = (nodes: Node[]): number | undefined => {
    for (const n of nodes) {
      if (n.name === name) return n.id;
      const c = find(n.children);
      if (c) return c;
    }
  };
  const id = find(tree);
  if (!id) throw new Error(`org ${name} not found`);
  return id;
}

async function post(page: Page, url: string, data: unknown) {
  const res = await page.request.post(url, { headers: { 'x-csrf-token': await csrfOf(page) }, data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('notices and tasks (issue 16 items 1, 2)', () => {
  it('a notice with 签收 to a mine: read and signed on two phones, the sender’s counts change, the rest reminded', async () => {
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'mineadmin');
    const mine = await orgId(desk, '东山矿党委');
    const title = `安全生产大检查通知 ${Date.now() % 100000}`;
    const n = await post(desk, '/api/v1/notices', {
      orgId: mine,
      title,
      docNo: '东矿党发〔2026〕3号',
      body: '各党支部：请组织党员学习并签收。',
      requireSign: true,
      signDeadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      audience: { orgIds: [mine], roles: ['member'] },
    });
    const total = n.recipients as number;
    expect(total).toBeGreaterThanOrEqual(3);
    await desk.goto(`/admin/notices/${n.id}`);
    await desk.getByTestId('notice-read-count').getByText(`已读 0 / ${total}`).waitFor();

    for (const who of ['member', 'committee']) {
      const phone = await (await b.context('phone')).newPage();
      await phoneLogin(phone, who);
      // The home shows the unread notice first.
      await phone.getByTestId('home-notices').getByText(title).click();
      await phone.getByTestId('m-notice-body').waitFor();
      await phone.getByTestId('m-notice-sign').click();
      await phone.locator('.adm-dialog').getByText('确定').click();
      await phone.getByTestId('m-notice-signed').waitFor();
      if (who === 'member') await shot(phone, 'notices-phone-signed');
      await phone.context().close();
    }

    await desk.reload();
    await desk.getByTestId('notice-read-count').getByText(`已读 2 / ${total}`).waitFor();
    await desk.getByTestId('notice-signed-count').getByText(`签收 2 / ${total}`).waitFor();
    await desk.getByTestId('notice-remind').click();
    await desk
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await desk.getByText(`已提醒 ${total - 2} 人`).waitFor();
    await shot(desk, 'notices-console-counts');
    await desk.context().close();
  });

  it('a task to a mine, split to a branch, reported on the phone with a file, returned, resubmitted and passed', async () => {
    const boss = await (await b.context('desktop')).newPage();
    await consoleLogin(boss, 'orgadmin');
    const group = await orgId(boss, '晋岭能源集团党委');
    const mine = await orgId(boss, '东山矿党委');
    const branch = await orgId(boss, '东山综采一队党支部');
    const title = `主题党日报送 ${Date.now() % 100000}`;
    const task = await post(boss, '/api/v1/tasks', {
      orgId: group,
      title,
      requirements: '组织一次主题党日，报送照片',
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      reportForm: { text: true, files: true, number: false },
      targetOrgIds: [mine],
    });
    const mineA = task.assignments[0].id as number;

    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'mineadmin');
    const split = await post(desk, `/api/v1/task-assignments/${mineA}/split`, { orgIds: [branch] });
    const part = split.parts[0].id as number;

    // One phone for the branch secretary: report, see it returned, report again.
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'secretary');
    const report = async (text: string) => {
      await phone.goto(`/m/tasks/${part}`);
      await phone.getByTestId('m-task-text').locator('textarea').fill(text);
      await phone.getByTestId('m-task-file').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
      await phone.getByText('现场照片.png').waitFor();
      await phone.getByTestId('m-task-submit').click();
      await phone.getByTestId('m-task-reports').getByText('待审核').waitFor();
    };
    await phone.goto('/m/tasks');
    await phone.getByTestId(`m-task-${part}`).waitFor();
    await report('已开展主题党日');

    await desk.goto(`/admin/tasks/assignments/${part}`);
    await desk.getByTestId('task-return').click();
    await desk.getByTestId('task-return-reason').fill('照片不清晰，请重新拍摄');
    await desk.getByTestId('task-return-ok').click();
    await desk.getByText('理由：照片不清晰，请重新拍摄').waitFor();

    await report('补充清晰照片');
    expect(await phone.getByTestId('m-task-reports').innerText()).toContain('照片不清晰');
    await shot(phone, 'tasks-phone-resubmitted');

    await desk.reload();
    await desk.getByTestId('task-pass').click();
    await desk
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await desk.locator('.ant-tag').getByText('已通过').first().waitFor();

    // The group's board: the mine's part rolls up 1 of 1 passed below it.
    await boss.goto(`/admin/tasks/${task.id}`);
    const board = boss.getByTestId('task-board');
    await board.getByText('通过 1 / 1').waitFor();
    expect(await board.innerText()).toContain('东山综采一队党支部');
    await shot(boss, 'tasks-console-board');
  }, 120_000);
});
