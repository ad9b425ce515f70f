import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, phoneLogin } from './member-helpers.js';

const b = useBrowser();

/**
 * Issue 24 item 6: each home answers "what must I do now" — the secretary's month of obligations
 * (organizational life, dues, recruitment) grouped and worst first, each with its action; the
 * member's meetings, dues owed, learning and points; superseded to-dos replaced.
 */
describe('homes: what must I do now', () => {
  it('the secretary sees the branch obligations of the month, grouped and worst first, each with its action', async () => {
    const page = await (await b.context('desktop')).newPage();
    await consoleLogin(page, 'secretary');
    const agenda = page.getByTestId('agenda');
    await agenda.waitFor();
    const groups = agenda.locator('[data-testid^="agenda-group-"]');
    const keys = await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    // Organizational life, dues and recruitment: each its own group.
    expect(keys).toEqual(expect.arrayContaining(['agenda-group-life', 'agenda-group-dues']));
    const life = page.getByTestId('agenda-group-life');
    // This month's 支委会 (monthly) and this year's 组织生活会 are named with their periods.
    expect(await life.innerText()).toContain('支委会');
    expect(await life.innerText()).toContain('组织生活会');
    // Worst first: inside each group severities never rise, and groups come by their worst item.
    const rank = { danger: 0, warning: 1, info: 2 } as Record<string, number>;
    const perGroup = await groups.evaluateAll((els) =>
      els.map((g) => [...g.querySelectorAll('[data-severity]')].map((e) => e.getAttribute('data-severity') ?? 'info')),
    );
    expect(perGroup.flat().length).toBeGreaterThan(2);
    for (const sev of perGroup) for (let i = 1; i < sev.length; i++) expect(rank[sev[i]]).toBeGreaterThanOrEqual(rank[sev[i - 1]]);
    const worst = perGroup.map((sev) => Math.min(...sev.map((x) => rank[x])));
    expect(worst).toEqual([...worst].sort());
    await shot(page, 'home-secretary-agenda');
    // Each item has its action: the 支委会 one plans a 支委会.
    const item = life.locator('[data-testid^="agenda-item-"]').filter({ hasText: '支委会' }).first();
    await item.getByTestId('agenda-action').click();
    await page.waitForURL(/\/admin\/life\/meetings\/new\?.*type=committee/);
  });

  it('one arrears to-do per person: the latest stage replaces the earlier one', async () => {
    const page = await (await b.context('desktop')).newPage();
    await consoleLogin(page, 'secretary');
    const [branch] = await (await page.request.get('/api/v1/orgs/tree')).json();
    const arrears = await (await page.request.get(`/api/v1/dues/arrears?orgId=${branch.id}&minMonths=6`)).json();
    const worst = arrears.items[0]?.memberName as string;
    expect(worst).toBeTruthy();
    const todos = await (await page.request.get('/api/v1/todos?status=open&pageSize=100')).json();
    const about = todos.items.filter((t: { title: string }) => t.title.startsWith(worst) && t.title.includes('党费'));
    expect(about.map((t: { title: string }) => t.title)).toHaveLength(1);
    expect(about[0].title).toContain('自行脱党');
  });

  it('the secretary sees the same obligations on the phone', async () => {
    const page = await (await b.context('phone')).newPage();
    await phoneLogin(page, 'secretary');
    await page.getByTestId('agenda').waitFor();
    expect(await page.getByTestId('agenda-group-life').innerText()).toContain('支委会');
    await shot(page, 'home-secretary-phone');
  });

  it('a member sees my meetings (tap to open, 请假 there), dues owed and points; the welcome note points to no console menu', async () => {
    const page = await (await b.context('phone')).newPage();
    await phoneLogin(page, 'member');
    const agenda = page.getByTestId('agenda');
    await agenda.waitFor();
    // The demo member owes last month's dues.
    expect(await page.getByTestId('agenda-group-dues').innerText()).toMatch(/待交党费|未交/);
    await page.getByTestId('agenda-group-points').waitFor();
    expect(await page.locator('body').innerText()).not.toContain('右上角');
    await shot(page, 'home-member-agenda');
    // My next meeting opens in one tap, and 请假 is there.
    const meeting = page.getByTestId('agenda-group-meetings').locator('[data-testid^="agenda-item-"]').first();
    await meeting.click();
    await page.waitForURL(/\/m\/life\/meetings\/\d+$/);
    await page.getByTestId('mlife-topic').waitFor();
  });
});
