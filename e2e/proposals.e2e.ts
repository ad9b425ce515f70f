import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pick } from './antd.js';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

const b = useBrowser();

/** The <input>/<textarea> of an antd-mobile field whose wrapper or itself carries the test id. */
const field = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"]`).locator('xpath=self::input|self::textarea|descendant::input|descendant::textarea').first();

async function phone(username: string): Promise<Page> {
  const p = await (await b.context('phone')).newPage();
  await phoneLogin(p, username);
  return p;
}

async function orgIdOf(page: Page, name: string): Promise<number> {
  type Node = { id: number; name: string; children: Node[] };
  const find = (ns: Node[]): Node | undefined => ns.map((n) => (n.name === name ? n : find(n.children))).find(Boolean);
  const id = find(await (await page.request.get('/api/v1/orgs/tree')).json())?.id;
  if (!id) throw new Error(`org not found: ${name}`);
  return id;
}

async function userId(page: Page, q: string): Promise<number> {
  const r = (await (await page.request.get(`/api/v1/proposals/people?q=${encodeURIComponent(q)}`)).json()) as {
    items: { userId: number }[];
  };
  if (!r.items[0]) throw new Error(`no account named ${q}`);
  return r.items[0].userId;
}

describe('proposals and events (issue 21)', () => {
  it('a worker proposes on the phone, two colleagues support, reviewers score, adopted, implemented, verified, paid, 已实施 on the board', async () => {
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'mineadmin');
    const mine = await orgIdOf(desk, '东山矿党委');
    const csrf = await csrfOf(desk);
    const reviewers = [await userId(desk, '综采一队 书记'), await userId(desk, '综采一队 组织委员')];
    const route = await desk.request.put('/api/v1/proposal-routes', {
      headers: { 'x-csrf-token': csrf },
      data: { orgId: mine, category: 'efficiency', reviewerUserIds: reviewers },
    });
    expect(route.status()).toBe(200);

    // The worker submits on the phone.
    const title = `刮板机链条张紧改进 ${Date.now().toString(36)}`;
    const w = await phone('worker');
    await w.goto('/m/proposals');
    await w.getByTestId('m-proposal-new').click();
    await w.getByText('效率', { exact: true }).click();
    await field(w, 'm-proposal-title').fill(title);
    await field(w, 'm-proposal-problem').fill('刮板机链条松弛，频繁断链停机');
    await field(w, 'm-proposal-change').fill('加装液压自动张紧装置');
    await field(w, 'm-proposal-benefit').fill('减少停机，每年节约维修费用');
    await field(w, 'm-proposal-place').fill('东山矿 3105 工作面');
    await w.getByTestId('m-proposal-submit').click();
    await w.waitForURL(/\/m\/proposals\/\d+$/);
    const id = Number(w.url().split('/').pop());
    await shot(w, 'proposals-phone-submitted');

    // Two colleagues support it on their phones.
    const colleagues: Page[] = [];
    for (const who of ['member', 'member2']) {
      const c = await phone(who);
      colleagues.push(c);
      await c.goto(`/m/proposals/${id}`);
      await c.getByTestId('m-proposal-support').click();
      await expect.poll(() => c.getByTestId('m-proposal-support').innerText()).toContain('已支持');
    }

    // Both reviewers score on the phone (20 + 20 + 30 = 70, below the committee's 80).
    for (const who of ['secretary', 'committee']) {
      const r = await phone(who);
      await r.goto('/m/proposals?tab=reviews');
      await r.getByTestId(`m-review-${id}`).click();
      await field(r, 'm-score-innovation').fill('20');
      await field(r, 'm-score-feasibility').fill('20');
      await field(r, 'm-score-benefit').fill('30');
      await r.getByTestId('m-score-submit').click();
      await r.getByText('已评分').first().waitFor();
    }

    // The console: adopt, owner, implemented, verified.
    await desk.goto(`/admin/proposals/${id}`);
    await expect.poll(() => desk.getByTestId('proposal-status').innerText()).toBe('待决定');
    await desk.getByTestId('decide-submit').click();
    await expect.poll(() => desk.getByTestId('proposal-status').innerText()).toBe('已采纳');
    await pick(desk, 'owner-select', '王磊', '王磊');
    await desk.getByTestId('owner-submit').click();
    await desk.getByTestId('progress-input').waitFor();
    await desk.locator('input[data-testid="progress-input"], [data-testid="progress-input"] input').first().fill('100');
    await desk.getByTestId('progress-submit').click();
    await expect.poll(() => desk.getByTestId('proposal-status').innerText()).toBe('已实施');
    await desk.locator('input[data-testid="verify-yuan"], [data-testid="verify-yuan"] input').first().fill('15000');
    await desk.getByTestId('verify-basis').fill('按减少断链停机 12 小时/年与维修材料台账测算');
    await desk.getByTestId('verify-submit').click();
    await desk.getByText('三等奖').first().waitFor();
    await shot(desk, 'proposals-console-verified');

    // The reward is paid from the ledger.
    const rewards = (await (await desk.request.get(`/api/v1/proposal-rewards?orgId=${mine}&paid=false&pageSize=200`)).json()) as {
      items: { id: number; proposalId: number }[];
    };
    const reward = rewards.items.find((x) => x.proposalId === id);
    if (!reward) throw new Error('no reward row');
    await desk.goto(`/admin/proposals?orgId=${mine}&tab=rewards`);
    await desk.getByTestId(`reward-pay-${reward.id}`).click();
    await desk.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(async () => desk.getByTestId(`reward-pay-${reward.id}`).count()).toBe(0);

    // The public board shows it as 已实施.
    const m = colleagues[0];
    await m.goto('/m/proposals');
    await m.getByText('已实施', { exact: true }).first().click();
    await expect.poll(() => m.getByTestId(`m-proposal-${id}`).innerText()).toContain('已实施');
    await shot(m, 'proposals-board-implemented');
  });

  it('an event fills up, a registrant cancels, the first on the waitlist is promoted', async () => {
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'mineadmin');
    const mine = await orgIdOf(desk, '东山矿党委');
    const now = Date.now();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    const created = await desk.request.post('/api/v1/events', {
      headers: { 'x-csrf-token': await csrfOf(desk) },
      data: {
        orgId: mine,
        kind: 'culture',
        title: `职工乒乓球赛 ${now.toString(36)}`,
        place: '矿职工活动中心',
        startsAt: iso(2 * 86_400_000),
        endsAt: iso(2 * 86_400_000 + 7_200_000),
        regOpensAt: iso(-3_600_000),
        regClosesAt: iso(86_400_000),
        capacity: 1,
        audience: 'both',
      },
    });
    expect(created.status()).toBe(200);
    const eventId = ((await created.json()) as { id: number }).id;

    const first = await phone('member');
    await first.goto('/m/events');
    await first.getByTestId(`m-event-${eventId}`).click();
    await first.getByTestId('m-event-register').click();
    await expect.poll(() => first.getByTestId('m-event-mine').innerText()).toContain('已报名');

    const second = await phone('member2');
    await second.goto(`/m/events/${eventId}`);
    await expect.poll(() => second.getByTestId('m-event-register').innerText()).toContain('候补');
    await second.getByTestId('m-event-register').click();
    await expect.poll(() => second.getByTestId('m-event-mine').innerText()).toContain('候补第 1 位');

    await first.getByTestId('m-event-cancel').click();
    await first.locator('.adm-dialog-button').filter({ hasText: '确定' }).click();
    await first.getByTestId('m-event-register').waitFor();

    await second.reload();
    await expect.poll(() => second.getByTestId('m-event-mine').innerText()).toContain('已报名');
    await shot(second, 'events-promoted');
    await desk.goto(`/admin/events/${eventId}`);
    await expect.poll(() => desk.getByTestId('event-regs').innerText()).toContain('候补递补');
  });
});
