import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick } from './antd.js';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

const b = useBrowser();

/** A local stand-in for a 企业微信 group robot: it records what is posted and answers `{ errcode: 0 }`. */
const posted: { url: string; body: { msgtype: string; text: { content: string } } }[] = [];
const robot = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => {
    raw += c;
  });
  req.on('end', () => {
    posted.push({ url: req.url ?? '', body: JSON.parse(raw) });
    res.setHeader('content-type', 'application/json');
    res.end('{"errcode":0,"errmsg":"ok"}');
  });
});
let robotUrl = '';
beforeAll(async () => {
  await new Promise<void>((r) => robot.listen(0, '127.0.0.1', r));
  robotUrl = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=e2e-robot-key`;
});
afterAll(async () => {
  robot.closeAllConnections();
  await new Promise((r) => robot.close(r));
});

describe('messages beyond the app and my calendar', () => {
  it('the security administrator adds a robot channel and its test message reaches the robot through the queue', async () => {
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'secadmin');
    await desk.goto('/admin/notify');
    await desk.getByTestId('provider-add').click();
    await pick(desk, 'provider-kind', '企业微信群机器人');
    await desk.getByTestId('provider-name').fill('东山矿党务群');
    await pick(desk, 'provider-org', '晋岭能源集团');
    await desk.getByTestId('provider-url').fill(robotUrl);
    await desk.getByTestId('provider-submit').click();
    const row = desk.locator('.ant-table-row').filter({ hasText: '东山矿党务群' });
    await row.waitFor();
    // Only the host is shown: the key in the address is a credential.
    expect(await row.innerText()).toContain(new URL(robotUrl).host);
    expect(await desk.locator('body').innerText()).not.toContain('e2e-robot-key');

    await row.locator('[data-testid^="provider-test-"]').click();
    await desk.getByText('测试消息已排队').waitFor();
    await expect.poll(() => posted.length, { timeout: 30_000 }).toBe(1);
    expect(posted[0].url).toBe('/cgi-bin/webhook/send?key=e2e-robot-key');
    expect(posted[0].body.msgtype).toBe('text');
    expect(posted[0].body.text.content).toContain('【先锋】测试消息：东山矿党务群 通道可以送达');

    await desk.getByRole('tab', { name: '发送记录' }).click();
    await desk.locator('.ant-table-row').filter({ hasText: '已送达' }).first().waitFor({ timeout: 15_000 });
    await shot(desk, 'collab-notify-deliveries');
  });

  it('a meeting the member is invited to shows in the month view on the phone and in the feed', async () => {
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'secretary');
    const tree = await (await desk.request.get('/api/v1/orgs/tree')).json();
    const find = (nodes: { id: number; name: string; children: never[] }[]): number | undefined => {
      for (const n of nodes) {
        if (n.name === '东山综采一队党支部') return n.id;
        const c = find(n.children);
        if (c) return c;
      }
    };
    const orgId = find(tree);
    const startsAt = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000);
    const created = await desk.request.post('/api/v1/life/meetings', {
      headers: { 'x-csrf-token': await csrfOf(desk) },
      data: {
        orgId,
        // A 主题党日 invites all members; a 支委会 may invite only the committee (issue 24 item 7).
        type: 'theme_day',
        topic: '日历联调主题党日',
        startsAt: startsAt.toISOString(),
        place: '三楼会议室',
        invite: { kind: 'members' },
      },
    });
    expect(created.status(), await created.text()).toBe(200);

    // The secretary's month view in the console holds the branch's meeting.
    const day = new Date(startsAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await desk.goto(`/admin/calendar`);
    await desk.getByTestId(`calendar-day-${day}`).getByText('日历联调主题党日').waitFor();
    await shot(desk, 'collab-console-calendar');

    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member');
    // On the meeting's China day (the run may be minutes before midnight there).
    await phone.goto(`/m/calendar?day=${day}`);
    const list = phone.getByTestId('m-calendar-day');
    await list.getByText('日历联调主题党日').waitFor();
    expect(await list.innerText()).toContain('三楼会议室');
    await shot(phone, 'collab-phone-calendar');

    // 免打扰 from 我的 → 消息提醒.
    await phone.goto('/m/me');
    await phone.getByTestId('me-notify').click();
    await phone.getByTestId('m-notify-quiet').getByText('22:00 – 07:00').click();
    await phone.getByTestId('m-notify-save').click();
    await phone.getByText('已保存').waitFor();
    expect(await (await phone.request.get('/api/v1/notify/preferences')).json()).toEqual({
      quietStart: '22:00',
      quietEnd: '07:00',
      dailyCap: null,
    });

    // The secret feed: a phone calendar reads it without a session.
    const feed = await phone.request.post('/api/v1/calendar/feed', { headers: { 'x-csrf-token': await csrfOf(phone) } });
    const { url } = await feed.json();
    const ics = await fetch(url);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('SUMMARY:东山综采一队党支部：日历联调主题党日');
  });
});
