import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { shot } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

/*
 * A miner's phone: used once with signal, then the app is closed (the browser process ends) and
 * opened again underground. A persistent profile (user-data dir) makes the second start a true cold
 * start: a new browser process with only what the phone kept — cookies, the service worker and its
 * caches, IndexedDB, localStorage. The network is off before the first navigation.
 */
const profile = mkdtempSync(join(tmpdir(), 'vg-phone-profile-'));
afterAll(() => rmSync(profile, { recursive: true, force: true }));

const openPhone = () =>
  chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
    ],
    baseURL: inject('baseUrl'),
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
const firstPage = async (ctx: BrowserContext): Promise<Page> => ctx.pages()[0] ?? (await ctx.newPage());

type Node = { id: number; name: string; children: Node[] };
const findOrg = (nodes: Node[], name: string): Node | undefined => {
  for (const n of nodes) {
    if (n.name === name) return n;
    const c = findOrg(n.children, name);
    if (c) return c;
  }
  return undefined;
};

/** Pages the member opened with signal, and what shows that each rendered its data. */
const SEEN = [
  { path: '/m/', mark: 'todos-open' },
  { path: '/m/dues', mark: 'my-monthly' },
  { path: '/m/life', mark: 'mlife-signin' },
  { path: '/m/learning', mark: 'm-tab-exams' },
  { path: '/m/courses', mark: 'offline-courses' },
  { path: '/m/record', mark: 'record-title' },
] as const;

describe('the phone opened without signal (cold start)', () => {
  it('seen pages open from the phone with their update time, unseen pages say so, a sign-in queues at once and is sent back in signal', async () => {
    // The secretary holds a 支部党员大会 of 东山综采一队 starting in five minutes: its sign-in is open.
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
    const desk = await (await browser.newContext({ baseURL: inject('baseUrl') })).newPage();
    await consoleLogin(desk, 'secretary');
    const east = findOrg(await (await desk.request.get('/api/v1/orgs/tree')).json(), '东山综采一队党支部');
    expect(east).toBeDefined();
    const topic = `井下班前会后的党员大会 ${Date.now() % 100000}`;
    const created = await desk.request.post('/api/v1/life/meetings', {
      headers: { 'x-csrf-token': await csrfOf(desk) },
      data: {
        orgId: east?.id,
        type: 'branch_assembly',
        topic,
        startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        place: '综采一队会议室',
        invite: { kind: 'members' },
      },
    });
    expect(created.ok()).toBe(true);
    const meetingId = (await created.json()).id as number;

    // With signal: member2 signs in, opens the pages, downloads an article.
    let phone = await openPhone();
    let page = await firstPage(phone);
    await phoneLogin(page, 'member2');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.goto('/m/courses');
    await page.locator('[data-testid^="my-course-"]').filter({ hasText: '中央八项规定精神学习要点' }).first().click();
    await page.getByTestId('course-article').waitFor();
    await page.getByTestId('course-offline-download').click();
    await page.getByTestId('course-offline-mark').waitFor();
    for (const { path, mark } of SEEN) {
      // Every answer of the page in (a mark may render before the data, e.g. a tab title).
      await page.goto(path, { waitUntil: 'networkidle' });
      await page.getByTestId(mark).waitFor();
    }
    // The copies are written as each answer arrives: let the last ones land before the app is closed.
    const kept = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const req = indexedDB.open('vg-cache');
            req.onsuccess = () => {
              const count = req.result.transaction('queries').objectStore('queries').count();
              count.onsuccess = () => {
                req.result.close();
                resolve(count.result);
              };
            };
            req.onerror = () => resolve(0);
          }),
      );
    await expect
      .poll(async () => {
        const before = await kept();
        await new Promise((r) => setTimeout(r, 300));
        return before > 0 && (await kept()) === before;
      })
      .toBe(true);
    await phone.close();

    // Underground: the app is started again with no network at all.
    phone = await openPhone();
    await phone.setOffline(true);
    page = await firstPage(phone);
    for (const { path, mark } of SEEN) {
      await page.goto(path);
      await page.getByTestId(mark).waitFor({ timeout: 15_000 });
      const stamp = page.getByTestId('offline-stamp');
      await stamp.waitFor({ timeout: 15_000 }).catch(async () => {
        throw new Error(`${path}: no 离线数据 stamp; the page says: ${(await page.locator('body').innerText()).slice(0, 300)}`);
      });
      expect(await stamp.innerText(), path).toMatch(/离线数据，更新于 .*\d{2}:\d{2}/);
      expect(await page.locator('body').innerText()).not.toContain('数据加载失败');
    }
    await shot(page, 'offline-cold-record');

    // A page never opened with signal says so, instead of spinning or failing.
    await page.goto('/m/points');
    await page.getByTestId('offline-unseen').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('offline-unseen').innerText()).toContain('离线');
    expect(await page.locator('body').innerText()).not.toContain('数据加载失败');
    await shot(page, 'offline-cold-unseen');

    // The downloaded article opens from the phone.
    await page.goto('/m/courses');
    await page.getByTestId('offline-courses').getByText('中央八项规定精神学习要点').click();
    await page.getByTestId('course-offline').waitFor();
    expect(await page.getByTestId('course-article').innerText()).toContain('八项规定');

    // The sign-in code read off the meeting-room screen is typed without signal: saved at once, shown in the queue.
    const code = ((await (await desk.request.get(`/api/v1/life/meetings/${meetingId}/sign-in-code`)).json()) as { code: string }).code;
    await page.goto('/m/life/sign-in');
    await page.getByTestId('mlife-code').click();
    await page.keyboard.type(code);
    await page.getByTestId('mlife-queued').waitFor({ timeout: 3_000 });
    expect(await page.getByTestId('mlife-queued').innerText()).toContain('已保存，联网后提交');
    await expect.poll(() => page.getByTestId('mlife-queue').locator('[data-testid="mlife-queue-item"]').count()).toBe(1);
    await shot(page, 'offline-cold-signin-queued');

    // Back in signal: the queue is sent, and the phone says what was sent.
    await phone.setOffline(false);
    await page.getByTestId('mlife-sent').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('mlife-sent').innerText()).toContain(topic);
    await shot(page, 'offline-cold-signin-sent');
    // Counted once, as scanned: member2 present, signed in by code.
    const meeting = (await (await desk.request.get(`/api/v1/life/meetings/${meetingId}`)).json()) as {
      attendance: { present: number; people: { name: string; status: string }[] };
    };
    expect(meeting.attendance.present).toBe(1);
    expect(meeting.attendance.people.filter((p) => p.status === 'present')).toHaveLength(1);
    await phone.close();
    await browser.close();
  }, 300_000);
});
