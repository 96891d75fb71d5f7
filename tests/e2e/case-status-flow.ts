import type { Page } from 'playwright-core';

/** 查询进度 by touch: the reference on its pad (dashes are not typed), then the phone's last four digits on theirs. */

export async function typeReference(page: Page, reference: string): Promise<void> {
  for (const ch of reference.replace(/-/g, '')) await page.getByTestId(`ref-key-${ch}`).tap();
  await page.getByTestId('ref-lookup').tap();
  await page.getByTestId('case-status-digits').waitFor();
}

export async function typePhoneDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.getByTestId(`digit-key-${d}`).tap();
  await page.getByTestId('digits-lookup').tap();
}
