import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useBrowser } from './browser.js';
import { consoleLogin, newName, newPerson } from './member-helpers.js';

const b = useBrowser();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Row = Record<string, string>;

/** The header row of the template's data sheet (its validations are skipped: they span 50,000 rows). */
async function templateHeaders(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as Partial<ExcelJS.XlsxReadOptions>);
  const sheet = wb.getWorksheet('党员信息');
  if (!sheet) throw new Error('the template has no 党员信息 sheet');
  return (sheet.getRow(1).values as unknown[]).slice(1).map(String);
}

/** A filled-in sheet under the template's own header row (read from the downloaded template). */
async function workbook(headers: string[], rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(headers);
  const plain = headers.map((h) => h.replace(/[*＊\s]/g, ''));
  for (const r of rows) {
    for (const key of Object.keys(r)) if (!plain.includes(key)) throw new Error(`no column ${key} in the template`);
    ws.addRow(plain.map((h) => r[h] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A member row as a secretary would type it (dates as text, ID number as text). */
function row(name: string, p = newPerson()): Row {
  const year = Number(p.birthDate.slice(0, 4));
  return {
    姓名: name,
    性别: p.sex,
    出生日期: p.birthDate,
    身份证号: p.idNumber,
    学历: '大专',
    '职务/岗位': '掘进机司机',
    人员类别: '正式党员',
    入党日期: `${year + 22}-07-01`,
    转正日期: `${year + 23}-07-01`,
    所属党组织: '东山综采一队党支部',
  };
}

async function upload(page: Page, name: string, bytes: Buffer) {
  await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer: bytes });
}

describe('member import (批量导入)', () => {
  it('reports a bad row, imports the valid one, then the fixed row', async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    await page.goto('/admin/members');
    await page.getByTestId('member-import').click();
    await page.waitForURL(/\/admin\/members\/import$/);

    // The template comes down as .xlsx; its first row gives the columns to fill.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const headers = await templateHeaders(readFileSync(await download.path()));
    expect(headers).toContain('身份证号*');
    await shot(page, 'import-upload');

    // Not a workbook at all: the server's 415 in plain words.
    await upload(page, 'not-a-workbook.xlsx', Buffer.from('姓名,性别\n张三,男\n'));
    await expect.poll(() => page.getByTestId('import-upload-error').innerText()).toContain('只能导入 .xlsx');

    // Row 2 is right; row 3's birth date disagrees with its ID number.
    const good = row(newName('导'));
    const badPerson = newPerson('男');
    const bad = row(newName('误'), badPerson);
    bad.出生日期 = `${Number(badPerson.birthDate.slice(0, 4)) - 1}${badPerson.birthDate.slice(4)}`;
    await upload(page, '党员导入.xlsx', await workbook(headers, [good, bad]));
    await page.getByTestId('import-errors').waitFor();
    const errors = await page.getByTestId('import-errors').innerText();
    expect(errors).toContain('第 3 行');
    expect(errors).toContain('出生日期与身份证号不一致');
    expect(await page.getByTestId('import-commit-all').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-commit-valid').innerText()).toContain('1');
    await shot(page, 'import-check-errors');

    await page.getByTestId('import-commit-valid').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').innerText()).toContain('已导入 1 名党员');
    await shot(page, 'import-done-valid-only');

    // Fix the bad row and import it on its own.
    await page.getByRole('button', { name: '继续导入' }).click();
    bad.出生日期 = badPerson.birthDate;
    await upload(page, '党员导入-修正.xlsx', await workbook(headers, [bad]));
    await page.getByTestId('import-all-valid').waitFor();
    await page.getByTestId('import-commit-all').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').innerText()).toContain('已导入 1 名党员');

    await page.getByTestId('import-to-list').click();
    const search = page.getByTestId('member-search').locator('input');
    for (const name of [good.姓名, bad.姓名]) {
      await search.fill(name);
      await search.press('Enter');
      await page.locator('[data-testid^="member-row-"]').filter({ hasText: name }).first().waitFor();
    }
    await shot(page, 'import-imported-member');
  });

  it('shows the check again after a reload and refuses 全部导入 while errors remain', async () => {
    const page = await (await b.context()).newPage();
    await consoleLogin(page, 'secretary');
    await page.goto('/admin/members/import');
    const template = await page.request.get('/api/v1/members/import-template');
    const headers = await templateHeaders(await template.body());
    const r = row(newName('核'));
    r.所属党组织 = '不存在的党支部';
    await upload(page, 'org.xlsx', await workbook(headers, [r]));
    await page.getByTestId('import-errors').waitFor();
    await page.waitForURL(/\/admin\/members\/import\?id=\d+/);
    await page.reload();
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-errors').innerText()).toContain('不存在的党支部');
    expect(await page.getByTestId('import-commit-all').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-commit-valid').isDisabled()).toBe(true);
  });
});
