import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, phoneLogin } from './member-helpers.js';

const b = useBrowser();
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1e6f20000000049454e44ae426082',
  'hex',
);

/**
 * Issue 20: a worker's petition on the phone goes to the branch, is answered, rated 不满意, reopened
 * at the level above, resolved and published to workers without the petitioner's name; a member logs
 * a contact with a worker in three taps.
 */
describe('职工诉求 and 联系职工', () => {
  it('worker submits with a photo; the secretary accepts and replies; 不满意 reopens above; closed into 办实事 without the name', async () => {
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'worker');
    await phone.goto('/m/petitions');
    await phone.getByTestId('m-petition-new').click();
    await phone.getByText('食堂住宿', { exact: true }).click();
    const body = `井口食堂夜班没有热饭 ${Date.now()}`;
    await phone.locator('textarea').fill(body);
    await phone.locator('input[type=file]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
    await phone.locator('.adm-image-uploader-cell img').waitFor();
    await phone.waitForLoadState('networkidle');
    await shot(phone, 'petition-phone-new');
    await phone.getByTestId('m-petition-submit').click();
    await phone.waitForURL(/\/m\/petitions\/\d+$/);
    const id = Number(phone.url().split('/').pop());
    await expect.poll(() => phone.getByTestId('m-petition-status').innerText()).toBe('待受理');

    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'secretary');
    await desk.goto('/admin/petitions');
    await desk.getByTestId(`petition-row-${id}`).waitFor();
    await shot(desk, 'petition-board');
    await desk.goto(`/admin/petitions/${id}`);
    expect(await desk.getByTestId('petition-detail').innerText()).toContain('王磊');
    await desk.getByTestId('petition-accept').click();
    await desk.getByTestId('petition-reply').fill('已协调食堂，夜班供餐延长至 24 时');
    await desk.getByTestId('petition-reply-send').click();
    await expect.poll(() => desk.getByTestId('petition-detail').innerText()).toContain('已答复');

    await phone.goto(`/m/petitions/${id}`);
    await phone.getByTestId('m-rate-unsatisfied').click();
    await expect.poll(() => phone.getByTestId('m-petition-status').innerText()).toBe('重新办理');
    await shot(phone, 'petition-phone-reopened');

    // The level above (the mine's office) answers; the worker is satisfied; it is closed into the ledger.
    const mine = await (await b.context('desktop')).newPage();
    await consoleLogin(mine, 'mineadmin');
    await mine.goto(`/admin/petitions/${id}`);
    expect(await mine.getByTestId('petition-detail').innerText()).toContain('重新办理');
    await mine.getByTestId('petition-reply').fill('矿党委协调：周末也供应热饭');
    await mine.getByTestId('petition-reply-send').click();
    await expect.poll(() => mine.getByTestId('petition-detail').innerText()).toContain('已答复');
    await phone.goto(`/m/petitions/${id}`);
    await phone.getByTestId('m-rate-satisfied').click();
    await expect.poll(() => phone.getByTestId('m-petition-status').innerText()).toBe('已评价');
    await mine.reload();
    const title = `夜班热饭 ${id}`;
    await mine.getByTestId('petition-ledger-title').fill(title);
    await mine.getByTestId('petition-close').click();
    await mine.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => mine.getByTestId('petition-detail').innerText()).toContain('已办结');

    await phone.goto('/m/petitions/deeds');
    const deed = phone.locator('[data-testid^="m-deed-"]').filter({ hasText: title });
    await deed.waitFor();
    expect(await deed.innerText()).not.toContain('王磊');
    await shot(phone, 'petition-phone-deeds');
  });

  it('a member logs a contact with a worker from the phone', async () => {
    const desk = await (await b.context('desktop')).newPage();
    await consoleLogin(desk, 'secretary');
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member');
    const me = await (await phone.request.get('/api/v1/me/member')).json();
    const free = await (await desk.request.get('/api/v1/care/workers?unlinked=1&pageSize=1')).json();
    const workerId = free.items[0].workerId as number;
    const linked = await desk.request.post('/api/v1/care/links', {
      headers: { 'x-csrf-token': await csrfOf(desk) },
      data: { memberId: me.id, workerIds: [workerId] },
    });
    expect(linked.status()).toBe(200);

    await phone.goto('/m');
    await phone.getByTestId('service-care').click();
    await phone.getByTestId(`m-care-worker-${workerId}`).click();
    await phone.getByText('谈心', { exact: true }).click();
    await phone.getByText(/已登记：谈心/).waitFor();
    await expect.poll(() => phone.getByTestId(`m-care-worker-${workerId}`).innerText()).toContain('本季度 1 次');
    await shot(phone, 'care-phone-logged');
  });
});
