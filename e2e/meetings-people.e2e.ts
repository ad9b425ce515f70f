import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

const b = useBrowser();

async function plan(page: Page, body: Record<string, unknown>) {
  return page.request.post('/api/v1/life/meetings', { headers: { 'x-csrf-token': await csrfOf(page) }, data: body });
}

/** Issue 24 item 7: meetings as people meet them. */
describe('meetings as people meet them', () => {
  it('planning: the own org by default, the same date-time picker, an end and an agenda; a 支委会 invites its committee only', async () => {
    const page = await (await b.context('desktop')).newPage();
    await consoleLogin(page, 'secretary');
    const [branch] = await (await page.request.get('/api/v1/orgs/tree')).json();
    await page.goto('/admin/life/meetings/new');
    await page.getByTestId('life-plan-topic').waitFor();
    // 召开组织 is the secretary's own branch.
    await expect.poll(() => page.getByTestId('life-plan-org').innerText()).toContain('东山综采一队党支部');
    // The start is the console's date-time picker (antd), not the browser's datetime-local box.
    expect(await page.locator('input[type="datetime-local"]').count()).toBe(0);
    await page
      .locator('.ant-picker')
      .filter({ has: page.getByTestId('life-plan-starts') })
      .waitFor();
    await page.getByTestId('life-plan-ends').waitFor();
    await page.getByTestId('life-plan-agenda').waitFor();
    // A 支委会 (the default type) invites the committee: that choice is made and "all members" is not offered.
    const invite = page.getByTestId('life-plan-invite');
    expect(await invite.locator('.ant-radio-wrapper-checked').innerText()).toContain('支委会成员');
    expect(await invite.locator('.ant-radio-wrapper').filter({ hasText: '本组织全体党员' }).count()).toBe(0);
    await shot(page, 'life-plan-committee');
    // The rule holds at the server too.
    const start = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const bad = await plan(page, {
      orgId: branch.id,
      type: 'committee',
      topic: '研究党员发展工作',
      startsAt: start,
      place: '会议室',
      invite: { kind: 'members' },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).details?.[0]?.path).toBe('invite.kind');
  });

  it('on the phone the invitation opens the meeting: when and how to sign in, 请假, one title, 首页 from a sub-page', async () => {
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'secretary');
    const [branch] = await (await desk.request.get('/api/v1/orgs/tree')).json();
    const topic = `学习安全规程第${Date.now() % 100000}次`;
    const res = await plan(desk, {
      orgId: branch.id,
      type: 'theme_day',
      topic,
      startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      place: '队部会议室',
      invite: { kind: 'members' },
    });
    expect(res.status()).toBe(200);
    const meetingId = (await res.json()).id as number;

    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member');
    // The invitation (a to-do) opens the meeting.
    const todo = phone.locator('[data-testid^="todo-"]').filter({ hasText: topic }).first();
    await todo.getByText(topic).click();
    await phone.waitForURL(new RegExp(`/m/life/meetings/${meetingId}$`));
    const how = phone.getByTestId('mlife-signin-how');
    await how.waitFor();
    const text = await how.innerText();
    expect(text).toMatch(/\d{2}:\d{2}.\d{2}:\d{2}/);
    expect(text).toContain('扫码');
    expect(text).toContain('签到码');
    await phone.getByTestId('mlife-ask-leave').waitFor();
    await shot(phone, 'life-phone-invitation');
    // The type is said once: not as a tag and again inside the topic.
    await phone.goto('/m/life');
    await phone.getByText('往期会议').click();
    const items = phone.locator('[data-testid^="mlife-meeting-"]');
    await items.first().waitFor();
    for (const t of await items.allInnerTexts()) {
      const [type, ...rest] = t.split(/\s+/);
      expect(rest.join(' ')).not.toContain(`${type}：`);
    }
    // 首页 works from a sub-page.
    await phone.goto(`/m/life/meetings/${meetingId}`);
    await phone.getByTestId('mlife-topic').waitFor();
    await phone.getByTestId('tab-home').click();
    await phone.waitForURL(/\/m\/$/);
  });

  it('a 支部党员大会 a week ahead: no quorum warning yet and no minutes asked for before it', async () => {
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'secretary');
    const [branch] = await (await desk.request.get('/api/v1/orgs/tree')).json();
    const res = await plan(desk, {
      orgId: branch.id,
      type: 'branch_assembly',
      topic: '通报季度工作',
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      place: '队部会议室',
      invite: { kind: 'members' },
    });
    expect(res.status()).toBe(200);
    await desk.goto(`/admin/life/meetings/${(await res.json()).id}`);
    await desk.getByTestId('life-meeting-topic').waitFor();
    await desk.getByTestId('life-att-present').waitFor();
    expect(await desk.locator('body').innerText()).not.toContain('未超过应到人数的一半');
    expect(await desk.getByTestId('life-minutes').count()).toBe(0);
    await desk.getByTestId('life-minutes-later').waitFor();
    await shot(desk, 'life-assembly-ahead');
  });
});
