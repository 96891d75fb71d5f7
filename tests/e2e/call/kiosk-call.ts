import type { Page } from 'playwright-core';

/** The citizen's steps of 视频咨询 at the kiosk's screen, as the end-to-end tests of a call tap them. */

/** 视频咨询 → 开始 → a topic → without the card: in line (or told why not). */
export async function joinLine(page: Page, topic = 'labour'): Promise<void> {
  await page.getByTestId('tile-videoCall').tap();
  await page.getByTestId('call-notice').waitFor();
  await page.getByTestId('call-start').tap();
  await page.getByTestId(`call-topic-${topic}`).tap();
  await page.getByTestId('call-identity-skip').tap();
}

/**
 * From 留下电话，请律师回电 on the unavailable screen: the phone number typed on the
 * screen's keypad, the consent, the check and 提交. Returns the request's
 * reference as the screen shows it.
 */
export async function requestCallback(page: Page, phone: string): Promise<string> {
  await page.getByTestId('call-callback').tap();
  await page.getByTestId('call-callback-phone').waitFor();
  for (const d of phone) await page.getByTestId(`key-${d}`).tap();
  await page.getByTestId('key-submit').tap();
  await page.getByTestId('consent-step').waitFor();
  await page.getByTestId('consent-agree').tap();
  await page.getByTestId('call-callback-submit').tap();
  return (await page.getByTestId('submission-reference').textContent())!.trim();
}
