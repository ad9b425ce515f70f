import { EDUCATIONS } from '@vanguard/shared';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, csrfOf, overflowX, phoneLogin } from './member-helpers.js';

const b = useBrowser();

/**
 * Issue 24 item 9: a correction of a choice field (学历) is sent — it stayed at 请填写正确的学历 with
 * 中专 selected — and one request covers every field type of the form: a choice (学历), text (民族,
 * 学位), a phone number, a date (参加工作日期) and the reason.
 */
describe('forms on the phone: 档案更正', () => {
  it('one request with a choice, texts, a phone number and a date is sent and shows as pending with each value', async () => {
    const phone = await (await b.context('phone')).newPage();
    await phoneLogin(phone, 'member');
    const mine = await (await phone.request.get('/api/v1/me/member')).json();
    const education = EDUCATIONS.find((e) => e !== mine.education) ?? '中专';
    const phoneNo = `139${String(Date.now()).slice(-8)}`;
    await phone.goto('/m/record');
    await phone.getByTestId('record-request').click();
    for (const label of ['民族', '学历', '学位', '手机号', '参加工作日期'])
      await phone.getByTestId('record-field').getByText(label, { exact: true }).click();
    const item = (label: string) => phone.locator('.adm-form-item').filter({ hasText: label }).last();
    await item('学历').getByText(education, { exact: true }).click();
    await phone.getByTestId('record-value-ethnicity').fill('回族');
    await phone.getByTestId('record-value-degree').fill('工学学士');
    await phone.getByTestId('record-value-phone').fill(phoneNo);
    await phone.getByTestId('record-value-joinedWorkOn').fill('2010-07-01');
    await phone.getByTestId('record-reason').locator('textarea').fill('档案信息与本人证件不符，请更正');
    expect(await overflowX(phone)).toBeLessThanOrEqual(1);
    await shot(phone, 'phone-record-every-field');
    await phone.getByTestId('record-submit').click();

    const requests = phone.getByTestId('record-requests');
    await requests.getByText(education).first().waitFor({ timeout: 15_000 });
    const text = await requests.innerText();
    for (const v of ['回族', '工学学士', '2010-07-01', `${phoneNo.slice(0, 3)}****${phoneNo.slice(-4)}`, '待审核'])
      expect(text).toContain(v);
    await shot(phone, 'phone-record-every-field-sent');

    // The secretary returns it (the demo record stays as it was; one pending request at a time).
    const desk = await (await b.context()).newPage();
    await consoleLogin(desk, 'secretary');
    const pending = await (await desk.request.get('/api/v1/member-corrections?status=pending')).json();
    const mineReq = pending.find((c: { memberId: number }) => c.memberId === mine.id);
    expect(mineReq.changes).toMatchObject({ education, ethnicity: '回族', degree: '工学学士', joinedWorkOn: '2010-07-01' });
    const res = await desk.request.post(`/api/v1/member-corrections/${mineReq.id}/decision`, {
      headers: { 'x-csrf-token': await csrfOf(desk) },
      data: { decision: 'reject', note: '测试数据，不予更正' },
    });
    expect(res.status()).toBeLessThan(300);
  });
});
