import { makeIdNumber } from '@vanguard/shared';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './browser.js';

/** Logs in on the console and waits for the home page. */
export async function consoleLogin(page: Page, username: string): Promise<void> {
  await page.goto('/admin/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('todo-list').waitFor();
}

/** Logs in on the phone portal and waits for its home page. */
export async function phoneLogin(page: Page, username: string): Promise<void> {
  await page.goto('/m/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('todos-open').waitFor();
}

const rnd = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A valid, fresh 公民身份号码 (GB 11643 check digit) with its birth date. Area 110101 is not one the
 * demo data uses, and the random birth date keeps runs against the same server apart.
 */
export function newPerson(sex: '男' | '女' = '男'): { idNumber: string; birthDate: string; sex: '男' | '女' } {
  const birthDate = `${rnd(1970, 1999)}-${pad(rnd(1, 12))}-${pad(rnd(1, 28))}`;
  return { idNumber: makeIdNumber('110101', birthDate, rnd(0, 499), sex), birthDate, sex };
}

/** A Chinese name unlikely to exist already (searchable as a name part). */
export function newName(prefix: string): string {
  const chars = '安柏晨东方歌海江竞蓝林铭宁鹏青泉瑞森天韦夏轩扬悦卓';
  let out = prefix;
  for (let i = 0; i < 2; i++) out += chars[rnd(0, chars.length - 1)];
  return out;
}

/** Types a date into an antd DatePicker (its input carries the test id) and confirms it. */
export async function fillDate(page: Page, testId: string, isoDay: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(isoDay);
  await input.press('Enter');
}

/** The id of the first table row whose test id starts with `prefix` and whose text contains `text`. */
export async function rowId(scope: Page | Locator, prefix: string, text: string): Promise<number> {
  const row = scope.locator(`[data-testid^="${prefix}"]`).filter({ hasText: text }).first();
  await row.waitFor();
  const testId = (await row.getAttribute('data-testid')) ?? '';
  return Number(testId.slice(prefix.length));
}

/** The CSRF token of the page's session, for API calls made beside the UI (test data set-up). */
export async function csrfOf(page: Page): Promise<string> {
  const me = await (await page.request.get('/api/v1/me')).json();
  return me.csrfToken as string;
}

/**
 * A member of the secretary's own branch made through the API (set-up for tests that are about
 * something else than the form); the page must be logged in.
 */
export async function createMember(page: Page, name: string, labels: string[] = []): Promise<{ id: number; idNumber: string }> {
  const [branch] = await (await page.request.get('/api/v1/orgs/tree')).json();
  const p = newPerson('女');
  const year = Number(p.birthDate.slice(0, 4));
  const res = await page.request.post('/api/v1/members', {
    headers: { 'x-csrf-token': await csrfOf(page) },
    data: {
      orgId: branch.id,
      name,
      sex: p.sex,
      birthDate: p.birthDate,
      idNumber: p.idNumber,
      category: 'full',
      status: 'normal',
      admittedOn: `${year + 22}-07-01`,
      fullOn: `${year + 23}-07-01`,
      labels,
    },
  });
  if (res.status() !== 200) throw new Error(`member not created: ${res.status()} ${await res.text()}`);
  const { id } = await res.json();
  return { id, idNumber: p.idNumber };
}

/** The page has no horizontal scroll (checked at 360 px). */
export const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
