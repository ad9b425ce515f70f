import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin } from './member-helpers.js';

const b = useBrowser();

/** Issue 24 item 11: the demo says what the user sees, and the export says how to get full ID numbers. */
describe('a demo that can be trusted', () => {
  it('东山综采一队 (the branch of the secretary and committee logins) has a registered committee: 规范化检查 does not ask for one', async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    const [branch] = await (await page.request.get('/api/v1/orgs/tree')).json();
    expect(branch.name).toBe('东山综采一队党支部');
    await page.goto(`/admin/orgs?org=${branch.id}&tab=terms`);
    await page.getByTestId('term-current').waitFor();
    expect(await page.getByTestId('term-current').innerText()).toContain('3 年');
    await page.getByTestId('org-tab-rules').click();
    await page.getByTestId('rule-warning-BRANCH_TOO_LARGE').waitFor();
    expect(await page.getByTestId('rule-warning-BRANCH_COMMITTEE_REQUIRED').count()).toBe(0);
    await shot(page, 'demo-branch-committee');
  });

  it('the export dialog says how to include full ID numbers: a holder of the permission switches it on (audited); others are told whom to ask', async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    await page.goto('/admin/members');
    await page.getByTestId('member-export').click();
    const dialog = page.getByTestId('member-export-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('完整身份证号');
    expect(await dialog.innerText()).toContain('审计');
    await page.getByTestId('member-export-reveal').check(); // check(): clicks, then makes sure it is checked
    await shot(page, 'members-export-dialog');
    const [request, download] = await Promise.all([
      page.waitForRequest(/\/api\/v1\/members\/export\.xlsx/),
      page.waitForEvent('download'),
      page.getByTestId('member-export-ok').click(),
    ]);
    expect(new URL(request.url()).searchParams.get('reveal')).toBe('true');
    expect(
      readFileSync(await download.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // The committee member may not unmask: the dialog says who can, and the export stays masked.
    const other = await (await b.context()).newPage();
    await consoleLogin(other, 'committee');
    await other.goto('/admin/members');
    await other.getByTestId('member-export').click();
    await other.getByTestId('member-export-dialog').waitFor();
    expect(await other.getByTestId('member-export-dialog').innerText()).toContain('完整身份证号');
    expect(await other.getByTestId('member-export-reveal').count()).toBe(0);
  });
});
