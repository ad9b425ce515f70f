import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

const b = useBrowser();

type OrgNode = { id: number; name: string; children: OrgNode[] };
const findOrg = (nodes: OrgNode[], name: string): OrgNode => {
  const all = (n: OrgNode): OrgNode[] => [n, ...n.children.flatMap(all)];
  const hit = nodes.flatMap(all).find((n) => n.name === name);
  if (!hit) throw new Error(`org not visible: ${name}`);
  return hit;
};

type Question = { id: number; stem: string; options: { key: string; text: string }[]; answer: { keys: string[] } };

async function question(page: Page, type: string, q: string): Promise<Question> {
  const res = await page.request.get(`/api/v1/learning/questions?type=${type}&q=${encodeURIComponent(q)}&pageSize=5`);
  const [hit] = (await res.json()).items as Question[];
  if (!hit) throw new Error(`demo question missing: ${q}`);
  return hit;
}

/**
 * Issue 24 item 10: 开始答题 asks first (it starts the clock and uses an attempt); the review shows
 * the chosen options' text beside the right ones', in the options' order; multiple choice has
 * square boxes, not the radio's round ones.
 */
describe('exams on the phone', () => {
  it('start asks for confirmation; multiple choice looks like checkboxes; the review shows texts in option order', async () => {
    const admin = await (await b.context()).newPage();
    await consoleLogin(admin, 'orgadmin');
    const multi = await question(admin, 'multiple', '下列属于违反廉洁纪律的行为有');
    const single = await question(admin, 'single', '');
    const branch = findOrg(await (await admin.request.get('/api/v1/orgs/tree')).json(), '东山综采一队党支部');
    const title = `选项顺序测验${Date.now() % 100000}`;
    const headers = { 'x-csrf-token': await csrfOf(admin) };
    const created = await admin.request.post('/api/v1/learning/exams', {
      headers,
      data: {
        orgId: branch.id,
        mode: 'fixed',
        title,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        timeLimitMinutes: 10,
        maxAttempts: 2,
        reviewRule: 'immediately',
        shuffleOptions: false,
        items: [
          { questionId: multi.id, points: 10 },
          { questionId: single.id, points: 10 },
        ],
      },
    });
    expect(created.status(), await created.text()).toBe(200);
    const exam = await created.json();
    expect((await admin.request.post(`/api/v1/learning/exams/${exam.id}/publish`, { headers, data: {} })).status()).toBe(200);

    const page = await (await b.context('phone')).newPage();
    await phoneLogin(page, 'member');
    await page.goto(`/m/learning/exams/${exam.id}`);
    await page.getByTestId('m-start').click();
    // A confirmation first: the clock starts and an attempt is used.
    const dialog = page.locator('.adm-dialog-body');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('计时');
    expect(await dialog.innerText()).toContain('1 次');
    await shot(page, 'learning-phone-start-confirm');
    await dialog.getByText('取消', { exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('m-attempt-1').count()).toBe(0);
    await page.getByTestId('m-start').click();
    await page.getByTestId('m-start-ok').click();
    await page.getByTestId('m-countdown').waitFor();

    // The multiple-choice question: square boxes (a radio is round).
    await expect.poll(() => page.getByTestId('m-progress').innerText()).toContain('第 1 / 2 题');
    const radius = await page
      .getByTestId('m-opt-0')
      .locator('.adm-checkbox-icon')
      .evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
    expect(radius).not.toBe('50%');
    expect(Number.parseFloat(radius)).toBeLessThan(6);
    await shot(page, 'learning-phone-multiple');
    // Picked in reverse order: C, then A.
    await page.getByTestId('m-opt-2').click();
    await page.getByTestId('m-opt-0').click();
    await page.getByTestId('m-next').click();
    await expect.poll(() => page.getByTestId('m-progress').innerText()).toContain('第 2 / 2 题');
    await page.getByTestId('m-opt-3').click();
    await page.getByTestId('m-submit').click();
    await page.locator('.adm-dialog-button').filter({ hasText: '交卷' }).click();
    await page.getByTestId('m-review').waitFor();

    const o = multi.options;
    expect(await page.getByTestId('m-mine-0').innerText()).toBe(`我的答案：A. ${o[0].text}；C. ${o[2].text}`);
    expect(await page.getByTestId('m-right-0').innerText()).toBe(`正确答案：A. ${o[0].text}；B. ${o[1].text}；C. ${o[2].text}`);
    const s = single.options;
    expect(await page.getByTestId('m-mine-1').innerText()).toBe(`我的答案：D. ${s[3].text}`);
    const right = s.flatMap((o, i) => (single.answer.keys.includes(o.key) ? [`${'ABCD'[i]}. ${o.text}`] : [])).join('；');
    expect(await page.getByTestId('m-right-1').innerText()).toBe(`正确答案：${right}`);
    await shot(page, 'learning-phone-review-texts');
  }, 180_000);
});
