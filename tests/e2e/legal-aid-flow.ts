import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * 法律援助 by touch, the steps more than one end-to-end test takes: the
 * eligibility check as a migrant worker owed wages, and the application
 * with the simulated ID card. `insert` puts a card on (or, with null, takes
 * it off) the reader of the kiosk the page shows: `/api/simulate` there.
 */

export type InsertCard = (body: { idcard: string | null }) => Promise<unknown>;

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

export async function tapChoice(page: Page, id: string): Promise<void> {
  const choice = page.getByTestId(`choice-${id}`);
  await choice.scrollIntoViewIfNeeded();
  await choice.tap();
}

/** The step of the check on screen, once it is there. */
export async function question(page: Page, step: string): Promise<void> {
  await page.locator(`[data-testid="legal-aid-question"][data-step="${step}"]`).waitFor();
}

/** Keys of the on-screen keyboard, one tap each. */
export async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const ch of digits) await page.getByTestId(`kb-key-${ch}`).tap();
}

/** 法律援助 → 看看能不能申请 → the acceptance case's answers → the outcome. */
export async function checkAsMigrantWorker(page: Page): Promise<void> {
  await page.getByTestId('tile-legalAid').tap();
  await expect.poll(() => heading1(page).textContent()).toBe('法律援助');
  await page.getByTestId('legal-aid-start-check').tap();
  await question(page, 'matter-group');
  expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('您遇到的是什么事？');
  await tapChoice(page, 'work');
  await question(page, 'matter');
  await tapChoice(page, 'wages');
  await question(page, 'for-whom');
  await tapChoice(page, 'self');
  await question(page, 'groups');
  await tapChoice(page, 'migrant-worker');
  expect(await page.getByTestId('choice-migrant-worker').getAttribute('aria-pressed')).toBe('true');
  // Chosen: said by a tick beside the words (the kit's answer button), not by colour alone.
  expect(await page.getByTestId('choice-migrant-worker').locator('.option-button__tick').count()).toBe(1);
  await page.getByTestId('choice-next').tap();
  await question(page, 'agent');
  await tapChoice(page, 'no');
  await question(page, 'court');
  await tapChoice(page, 'no');
  await question(page, 'urgency');
  await tapChoice(page, 'none');
  await page.getByTestId('legal-aid-result').waitFor();
}

/** The notice on screen: 同意 → the card on the reader → details prefilled → the phone step. */
export async function agreeAndReadCard(page: Page, insert: InsertCard): Promise<void> {
  await page.getByTestId('consent-step').waitFor();
  await page.getByTestId('consent-agree').tap();
  await page.locator('[data-testid="idcard-step"][data-phase="waiting"]').waitFor();
  // Let the screen turn the reader's watching on before the card goes down.
  await new Promise((r) => setTimeout(r, 300));
  await insert({ idcard: 'mainlandLongTerm' });
  await page.getByTestId('legal-aid-identity').waitFor({ timeout: 10_000 });
  await insert({ idcard: null });
  await page.getByTestId('step-next').tap();
  await page.getByTestId('legal-aid-phone').waitFor();
}

/** From the outcome: 现在申请 → 同意 → the card → details prefilled → `phone` → matter → review. */
export async function applyWithCard(page: Page, insert: InsertCard, phone = '13812345678'): Promise<void> {
  await page.getByTestId('legal-aid-apply-now').tap();
  await agreeAndReadCard(page, insert);
  await page.getByTestId('phone-input').tap();
  await typeDigits(page, phone);
  await page.getByTestId('kb-done').tap();
  await page.getByTestId('legal-aid-matter').waitFor();
  expect(await page.getByTestId('category-wages').getAttribute('aria-pressed')).toBe('true');
  await page.getByTestId('step-next').tap();
  await page.getByTestId('legal-aid-review').waitFor();
}
