import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { numberInput, pick } from './antd.js';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

const b = useBrowser();

/** Records in the phone's offline store (IndexedDB vg-offline), over all its object stores; 0 when it does not exist. */
const storedRecords = (page: Page) =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'vg-offline')) return 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('vg-offline');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    let n = 0;
    for (const name of [...db.objectStoreNames])
      n += await new Promise<number>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    db.close();
    return n;
  });

type Results = { persons: { memberName: string; attempts: number; result: number | null }[] };

describe('offline on the phone: a downloaded exam answered without signal, submitted once when back', () => {
  const title = `井下安全应知应会（离线）${Date.now() % 100000}`;
  let examId = 0;
  let admin: Page;

  it('the admin publishes an offline-allowed exam (可离线作答) for 东山综采一队党支部', async () => {
    admin = await (await b.context('desktop')).newPage();
    await consoleLogin(admin, 'orgadmin');
    await admin.goto('/admin/learning?tab=exams');
    await admin.getByTestId('exam-new').click();
    await admin.getByTestId('exam-title').fill(title);
    await pick(admin, 'exam-org', '东山综采一队党支部', '东山综采一队');
    // 3 easy questions of 安全生产 (choice, judge, fill: graded at once, no hand grading).
    await pick(admin, 'rule-difficulty-0', '易');
    await numberInput(admin, 'rule-count-0').fill('3');
    await admin.getByTestId('exam-offline').click();
    await admin.getByTestId('exam-save').click();
    await admin.getByText('考试已保存为草稿').waitFor();
    const row = admin.locator('tr').filter({ hasText: title });
    examId = Number(((await row.locator('[data-testid^="exam-publish-"]').getAttribute('data-testid')) ?? '').replace('exam-publish-', ''));
    await row.locator('[data-testid^="exam-publish-"]').click();
    await admin.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await row.getByText('可离线').waitFor();
    const exam = await (await admin.request.get(`/api/v1/learning/exams/${examId}`)).json();
    expect(exam).toMatchObject({ offlineAllowed: true, status: 'published', questionCount: 3 });
  }, 240_000);

  it('member2 downloads it, answers with the browser offline, hands in; back online exactly one submission is graded (a lost answer replayed counts once)', async () => {
    const ctx: BrowserContext = await b.context('phone');
    const page = await ctx.newPage();
    await phoneLogin(page, 'member2');
    await page.goto('/m/learning');
    await page.locator('[data-testid^="m-exam-"]').filter({ hasText: title }).click();
    await page.getByTestId('m-offline-download').click();
    await page.locator('.adm-dialog-button').filter({ hasText: '确定' }).click();
    await page.getByTestId('m-offline-mark').waitFor();
    expect(await page.getByTestId('m-offline-mark').innerText()).toContain('已下载/可离线');
    await shot(page, 'offline-downloaded');

    // No signal from here on.
    await ctx.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.getByTestId('m-offline-take').click();
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => page.getByTestId('m-progress').innerText()).toContain(`第 ${i + 1} / 3 题`);
      if (await page.getByTestId('m-opt-0').count()) await page.getByTestId('m-opt-0').click();
      else if (await page.getByTestId('m-blank-0').count()) await page.getByTestId('m-blank-0').locator('input').fill('违章');
      if (i < 2) await page.getByTestId('m-next').click();
    }
    await shot(page, 'offline-answering');
    await page.getByTestId('m-submit').click();
    await page.locator('.adm-dialog-button').filter({ hasText: '交卷' }).click();
    await page.getByTestId('m-offline-queued').waitFor();
    await expect.poll(() => page.getByTestId('sync-text').innerText()).toMatch(/1 条待同步|待同步 1 条/);
    await shot(page, 'offline-queued');

    // The server has the start only: one attempt, still open.
    const before = await (await admin.request.get(`/api/v1/learning/exams/${examId}/results`)).json();
    expect((before as Results).persons.filter((p) => p.attempts > 0).every((p) => p.result === null)).toBe(true);

    // Back in signal, but the first answer is lost on the way (the server graded it; the phone never heard).
    let delivered = 0;
    await page.route('**/offline-submit', async (route) => {
      delivered++;
      if (delivered === 1) {
        await route.fetch();
        await route.abort('failed');
      } else await route.continue();
    });
    await ctx.setOffline(false);
    await expect.poll(() => delivered, { timeout: 40_000 }).toBeGreaterThanOrEqual(1);
    // Still waiting on the phone: it sends the same entry (same Idempotency-Key) again.
    await page
      .getByTestId('sync-now')
      .click({ timeout: 20_000 })
      .catch(() => undefined);
    await page.getByTestId('m-offline-result').waitFor({ timeout: 60_000 });
    expect(delivered).toBe(2);
    expect(await page.getByTestId('m-offline-result').innerText()).toMatch(/服务器评分：\d+ \/ 30/);
    await expect.poll(() => page.getByTestId('sync-text').innerText()).toContain('已同步');
    await shot(page, 'offline-synced');

    // Exactly one attempt, graded, submitted offline — seen by the member and by the console.
    const mine = await (await page.request.get(`/api/v1/learning/my/exams/${examId}`)).json();
    expect(mine.attempts).toHaveLength(1);
    expect(mine.attempts[0]).toMatchObject({ status: 'graded', endedBy: 'member' });
    const attempt = await (await page.request.get(`/api/v1/learning/my/attempts/${mine.attempts[0].id}`)).json();
    expect(attempt).toMatchObject({ submittedOffline: true, status: 'graded' });
    const results = (await (await admin.request.get(`/api/v1/learning/exams/${examId}/results`)).json()) as Results;
    const taken = results.persons.filter((p) => p.attempts > 0);
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ attempts: 1 });
    expect(taken[0].result).toBe(mine.attempts[0].score);

    // A third send with another key is refused and changes nothing.
    const again = await page.request.post(`/api/v1/learning/my/attempts/${mine.attempts[0].id}/offline-submit`, {
      headers: { 'idempotency-key': 'e2e-another-key-1', 'x-csrf-token': await csrfOf(page) },
      data: { answers: [], finishedAt: new Date().toISOString(), sentAt: new Date().toISOString() },
    });
    expect(again.status()).toBe(409);

    // Logging out clears what the phone stored.
    await page.goto('/m/me');
    await page.getByTestId('logout').click();
    await page.getByTestId('logout-confirm').click();
    await page.waitForURL(/\/m\/login/);
    const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(dbs).not.toContain('vg-offline');
  }, 300_000);

  it('member2 downloads an article, reads it with the browser offline; back online the time is credited once', async () => {
    const ctx: BrowserContext = await b.context('phone');
    const page = await ctx.newPage();
    await phoneLogin(page, 'member2');
    const courseTitle = '中央八项规定精神学习要点';
    await page.goto('/m/courses');
    await page.locator('[data-testid^="my-course-"]').filter({ hasText: courseTitle }).first().click();
    await page.getByTestId('course-article').waitFor();
    const courseId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('course-offline-download').click();
    await page.getByTestId('course-offline-mark').waitFor();
    // Back to the list (online heartbeats stop), then read the credited time.
    await page.getByTestId('course-offline-mark').evaluate(() => window.history.back());
    await page.getByTestId('offline-courses').waitFor();
    const before = (await (await page.request.get(`/api/v1/my/courses/${courseId}`)).json()).progress as {
      creditedSeconds: number;
      requiredSeconds: number;
    };
    expect(before.creditedSeconds).toBeLessThan(before.requiredSeconds);

    await ctx.setOffline(true);
    await page.getByTestId('offline-courses').getByText(courseTitle).click();
    await page.getByTestId('course-offline').waitFor();
    expect(await page.getByTestId('course-article').innerText()).toContain('八项规定');
    const t0 = Date.now();
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, 40);
      await page.waitForTimeout(1_000);
    }
    await shot(page, 'offline-article');
    await page.getByTestId('course-offline').evaluate(() => window.history.back());
    const readSeconds = Math.ceil((Date.now() - t0) / 1000);
    await expect.poll(() => page.getByTestId('sync-text').innerText()).toMatch(/1 条待同步|待同步 1 条/);

    await ctx.setOffline(false);
    await page
      .getByTestId('sync-now')
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await expect.poll(() => page.getByTestId('sync-text').innerText(), { timeout: 60_000 }).toContain('已同步');
    const after = (await (await page.request.get(`/api/v1/my/courses/${courseId}`)).json()).progress as { creditedSeconds: number };
    const gained = after.creditedSeconds - before.creditedSeconds;
    expect(gained).toBeGreaterThan(0);
    expect(gained).toBeLessThanOrEqual(readSeconds + 1);

    // The session ends without a logout (it expired, or the phone changed hands): the next login is someone else's,
    // and member2's downloaded course is gone before their first page.
    expect(await storedRecords(page)).toBeGreaterThan(0);
    await ctx.clearCookies();
    await phoneLogin(page, 'member3');
    expect(await storedRecords(page)).toBe(0);
  }, 240_000);
});
