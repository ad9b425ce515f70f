import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens an antd Select or TreeSelect (its root carries the test id), optionally types, and picks the option showing `text`. */
export async function pick(page: Page, testId: string, text: string, type?: string): Promise<void> {
  const select = page.getByTestId(testId);
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper')
    .filter({ hasText: text })
    .first();
  await select.click();
  if (type) await select.locator('input').fill(type);
  for (let attempt = 0; attempt < 3; attempt++) {
    await option.waitFor();
    await page.waitForTimeout(200);
    await option.click();
    try {
      await expect.poll(() => select.innerText(), { timeout: 3_000 }).toContain(text);
      return;
    } catch {
      if (!(await option.isVisible())) await select.click();
    }
  }
  throw new Error(`could not pick ${text} in ${testId}`);
}

/** The <input> of an antd InputNumber (the test id is on the input or on its wrapper). */
export const numberInput = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
