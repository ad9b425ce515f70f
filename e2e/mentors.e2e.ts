import { addDays, chinaDay } from '@vanguard/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, fillDate, phoneLogin } from './member-helpers.js';

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

/** China-time calendar day `days` from now. */
const dayFromToday = (days = 0) => addDays(chinaDay(new Date()), days);

/** Picks an option of an antd Select with search by typing a name. */
async function pick(page: Page, testId: string, name: string, label: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
}

describe('mentors and points', () => {
  it('a secretary creates a pair; the mentee records a meeting on the phone; the pair is no longer overdue; the phone points page shows the points', async () => {
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member2');
    const menteeName = ((await (await phone.request.get('/api/v1/me')).json()) as { displayName: string }).displayName;
    // Points before (today starts empty in the demo; other runs against the same server may have added some).
    const before = ((await (await phone.request.get('/api/v1/points/me')).json()) as { today: { points: number } }).today.points;

    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'secretary');
    const east = await orgId(desk, '东山综采一队党支部');
    const people = (await (await desk.request.get(`/api/v1/mentor-pairs/candidates?orgId=${east}&type=member`)).json()) as {
      name: string;
      orgName: string;
    }[];
    const count = (n: string) => people.filter((p) => p.name === n).length;
    const mentor = people.find((p) => p.name !== menteeName && count(p.name) === 1);
    if (!mentor || count(menteeName) !== 1) throw new Error('demo names not unique enough for the pickers');

    await desk.goto(`/admin/mentors?orgId=${east}`);
    await desk.getByTestId('mentors-new').click();
    await pick(desk, 'mentors-mentor', mentor.name, `${mentor.name}（`);
    await pick(desk, 'mentors-mentee', menteeName, `${menteeName}（`);
    // Started two months ago with no meeting yet: overdue from the start.
    await fillDate(desk, 'mentors-starts', dayFromToday(-60));
    await desk.getByTestId('mentors-goals').fill('掌握综采工作面安全操作规程，每月谈心一次');
    await desk.getByTestId('mentors-save').click();
    await desk.waitForURL(/\/admin\/mentors\/\d+$/);
    const pairId = Number(desk.url().split('/').pop());
    await desk.getByTestId('mentors-add-meeting').waitFor();
    await desk.getByText(`逾期未谈心（应在 ${dayFromToday(-29)} 前）`).waitFor();
    await shot(desk, 'mentors-pair-created');

    // The overdue list has it.
    await desk.goto(`/admin/mentors?orgId=${east}`);
    await desk.getByTestId('mentors-overdue-filter').click();
    await desk.getByTestId(`mentors-row-${menteeName}`).first().waitFor();
    await shot(desk, 'mentors-overdue-list');

    // The mentee records a meeting on the phone.
    await phone.goto('/m/mentors');
    await phone.getByTestId(`m-mentor-pair-${pairId}`).click();
    await phone.getByTestId('m-pair-overdue').waitFor();
    await phone.getByTestId('m-meeting-add').click();
    await phone.locator('[data-testid="m-meeting-topic"]').locator('xpath=self::input|descendant::input').fill('安全操作谈心');
    await phone
      .locator('[data-testid="m-meeting-content"]')
      .locator('xpath=self::textarea|descendant::textarea')
      .fill('师傅讲解了敲帮问顶和支架初撑力检查');
    await phone.getByTestId('m-meeting-submit').click();
    await phone.getByText('谈心记录已登记').waitFor();
    await phone.getByTestId('m-pair-overdue').waitFor({ state: 'detached' });
    expect(await phone.getByTestId('m-pair-next').innerText()).toContain(dayFromToday());
    await shot(phone, 'mentors-phone-meeting');

    // The pair has left the overdue list.
    const overdue = (await (await desk.request.get(`/api/v1/mentor-pairs?orgId=${east}&overdue=true&pageSize=200`)).json()) as {
      items: { id: number | null }[];
    };
    expect(overdue.items.map((i) => i.id)).not.toContain(pairId);
    await desk.reload();
    await desk.getByTestId('mentors-overdue-filter').click();
    await desk.locator('.ant-table-tbody').waitFor();
    expect(await desk.getByTestId(`mentors-row-${menteeName}`).count()).toBe(0);

    // The meeting earned points (导师带徒谈心, 2 a day at most): the phone shows them today.
    await phone.goto('/m/points');
    await phone.getByTestId('m-points-today').waitFor();
    const today = Number((await phone.getByTestId('m-points-today').innerText()).trim().split(/\s/)[0]);
    expect(today).toBeGreaterThan(before === 0 ? 1 : before - 1);
    await phone.getByText('导师带徒谈心').first().waitFor();
    await shot(phone, 'points-phone');

    // The console: the pair shows the mentee's record; the leaderboards show points beside hours and participation.
    await desk.goto(`/admin/mentors/${pairId}`);
    await desk.getByText('安全操作谈心').waitFor();
    await shot(desk, 'mentors-pair-detail');
    // The demo's 60 days of points decide where the mentee ranks this month, so find the page the
    // API puts them on and open that page of the board (20 rows a page).
    const board = (await (await desk.request.get(`/api/v1/points/leaderboard/members?orgId=${east}&page=1&pageSize=200`)).json()) as {
      items: { name: string }[];
    };
    const at = board.items.findIndex((r) => r.name === menteeName);
    expect(at).toBeGreaterThanOrEqual(0);
    await desk.goto(`/admin/points?orgId=${east}&tab=members`);
    await desk.locator('.ant-table-tbody .ant-table-row').first().waitFor();
    const boardPage = Math.floor(at / 20) + 1;
    if (boardPage > 1) await desk.locator(`.ant-pagination-item-${boardPage}`).click();
    await desk.locator('.ant-table-tbody').getByText(menteeName).first().waitFor();
    await shot(desk, 'points-members');
    await desk.goto(`/admin/points?orgId=${east}&tab=branches`);
    await desk.getByText('东山综采一队党支部').last().waitFor();
    await shot(desk, 'points-branches');
  }, 240_000);
});
