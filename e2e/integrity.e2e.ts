import { DECISION_STEPS } from '@vanguard/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pick } from './antd.js';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

const b = useBrowser();

type Node = { id: number; name: string; children: Node[] };
async function orgId(page: Page, name: string): Promise<number> {
  const find = (nodes: Node[]): Node | undefined => {
    for (const n of nodes) {
      if (n.name === name) return n;
      const c = find(n.children);
      if (c) return c;
    }
    return undefined;
  };
  const id = find(await (await page.request.get('/api/v1/orgs/tree')).json())?.id;
  if (!id) throw new Error(`org not found: ${name}`);
  return id;
}

async function post<T>(page: Page, url: string, data: unknown): Promise<T> {
  const res = await page.request.post(url, { headers: { 'x-csrf-token': await csrfOf(page) }, data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A 党委会 of the committee held yesterday, every committee member recorded present (the life module's attendance). */
async function heldCommitteeMeeting(page: Page, org: number): Promise<number> {
  const m = await post<{ id: number; attendance: { people: { memberId: number }[] } }>(page, '/api/v1/life/meetings', {
    orgId: org,
    type: 'committee',
    topic: `党委会 研究设备更新 ${Date.now().toString(36)}`,
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
    place: '矿党委会议室',
    invite: { kind: 'committee' },
  });
  for (const a of m.attendance.people)
    await post(page, `/api/v1/life/meetings/${m.id}/attendance`, { memberId: a.memberId, status: 'present', reason: '会议签到表' });
  return m.id;
}

describe('integrity: 三重一大', () => {
  it('a 重大决策 is taken through every step to publication and read by a member on the phone', async () => {
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'mineadmin');
    const mine = await orgId(desk, '东山矿党委');
    await heldCommitteeMeeting(desk, mine);
    const title = `综采工作面设备更新改造 ${Date.now().toString(36)}`;

    await desk.goto(`/admin/decisions?orgId=${mine}`);
    await desk.getByTestId('decisions-new').click();
    await desk.getByTestId('decisions-title').fill(title);
    await desk.getByTestId('decisions-amount').fill('3000000');
    await desk.getByTestId('decisions-save').click();
    await desk.waitForURL(/\/admin\/decisions\/\d+$/);
    const matterId = Number(desk.url().split('/').pop());
    await desk.getByTestId('decisions-matter-title').getByText(title).waitFor();

    const record = async (step: keyof typeof DECISION_STEPS, fill?: () => Promise<void>) => {
      await desk.getByTestId('decisions-next').getByText(`记录：${DECISION_STEPS[step]}`).waitFor();
      await desk.getByTestId('decisions-step-people').fill('党委班子成员');
      if (fill) await fill();
      await desk.getByTestId('decisions-record').click();
      await desk.getByText(`已记录「${DECISION_STEPS[step]}」`).waitFor();
    };
    await record('research');
    await record('consult');
    await record('legal_review');
    await record('pre_communication');
    await record('discussion', () => pick(desk, 'decisions-meeting', '研究设备更新'));
    await desk.getByTestId('decisions-counts').getByText('到会 5 人').waitFor();
    await record('vote', async () => {
      // The secretary is listed last (末位表态); moving them up shows the warning, moving back clears it.
      const rows = desk.locator('[data-testid^="decisions-opinion-"]');
      expect(await rows.count()).toBe(5);
      for (let i = 0; i < 5; i++) await pick(desk, `decisions-opinion-${i}`, i === 0 ? '不同意' : '同意');
      await desk.getByRole('textbox', { name: /理由/ }).first().fill('资金来源尚未落实');
      await desk.getByRole('button', { name: /上移/ }).last().click();
      await desk.getByTestId('decisions-secretary-warning').waitFor();
      await desk.getByRole('button', { name: /下移/ }).nth(3).click();
      await desk.getByTestId('decisions-secretary-warning').waitFor({ state: 'detached' });
      await shot(desk, 'integrity-vote');
    });
    await desk.getByTestId('decisions-counts').getByText('赞成 4 人').waitFor();
    await record('decision');
    await record('execution');
    await record('publication', () => desk.getByTestId('decisions-publish-body').fill(`经党委会研究，同意${title}。`));
    await desk
      .getByTestId('decisions-reads')
      .getByText(/已读 0 \//)
      .waitFor();
    await shot(desk, 'integrity-published');

    // A member of a branch under the mine reads it on the phone.
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member');
    await phone.goto('/m/decisions');
    await phone.locator('[data-testid^="m-publication-"]').filter({ hasText: title }).first().click();
    await phone.getByTestId('m-publication-body').getByText(`同意${title}`).waitFor();
    await shot(phone, 'integrity-phone-publication');

    await record('feedback');
    await desk.goto(`/admin/decisions/${matterId}`);
    await desk
      .getByTestId('decisions-reads')
      .getByText(/已读 1 \//)
      .waitFor();
    await desk.getByTestId('decisions-status').getByText('已反馈').waitFor();
  }, 120_000);
});
