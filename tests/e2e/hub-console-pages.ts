import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations, saveScreen } from './a11y';

/**
 * What every end-to-end test of the hub's console checks of each page it
 * shows: axe (no serious or critical violation) at both desk sizes, and a
 * screenshot of it in test-results/screens/.
 */

/** axe-core's source, evaluated over DevTools: the hub's CSP refuses the inline script Playwright would add, as it should. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const DESK_SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Asks again until the page agrees, as long as a locator would wait (vitest's own default is one second). */
export const poll = <T>(ask: () => T | Promise<T>) => expect.poll(ask, { timeout: 20_000 });

export function pageChecks(page: () => Page) {
  /**
   * Once nothing seen moves: dialogs fade in, and a click or axe's contrast
   * check wants them there. An animation on something unseen is no matter:
   * Ant Design sometimes leaves a button's loading icon spinning forever at
   * opacity 0 when its leave motion was cut short.
   */
  async function settled(): Promise<void> {
    // Asked on a timer as well as per frame: a page with nothing to draw may not ask for frames.
    await page().waitForFunction(
      () =>
        document.getAnimations().every((a) => {
          const target = (a.effect as KeyframeEffect | null)?.target;
          const seen = target?.checkVisibility({ opacityProperty: true, visibilityProperty: true }) !== false;
          return a.playState !== 'running' || !seen;
        }),
      undefined,
      { polling: 100 },
    );
  }

  /** axe on what is on screen now, and a screenshot of it. */
  async function checkPage(name: string): Promise<void> {
    const p = page();
    await p.waitForLoadState('networkidle');
    await settled();
    const size = p.viewportSize()!;
    await saveScreen(p, `hub-console-${name}-${size.width}x${size.height}`);
    if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE_SOURCE);
    const violations = await axeViolations(p, 'standard');
    if (violations.length > 0) console.log(`${name}: axe violations\n${JSON.stringify(violations, null, 2)}`);
    expect(
      violations.map((v) => `${v.id}: ${v.help}`),
      `${name} at ${size.width}×${size.height}: axe`,
    ).toEqual([]);
  }

  async function atBothSizes(name: string): Promise<void> {
    for (const size of DESK_SIZES) {
      await page().setViewportSize(size);
      await checkPage(name);
    }
    await page().setViewportSize(DESK_SIZES[0]);
  }

  /** Confirms the dialog open now (its button `confirm-ok`) once it has finished appearing; answers once it is gone. */
  async function confirmDialog(): Promise<void> {
    const dialog = page().getByRole('dialog');
    await dialog.getByTestId('confirm-ok').waitFor();
    await settled();
    await dialog.getByTestId('confirm-ok').click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Picks an option of a searchable list (a time of day, a lawyer) by keyboard alone: focused, typed, then Enter. */
  async function pickOption(label: string, text: string): Promise<void> {
    await page().getByRole('combobox', { name: label }).focus();
    await page().keyboard.type(text);
    await page().keyboard.press('Enter');
    await poll(() => page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
  }

  return { settled, checkPage, atBothSizes, confirmDialog, pickOption };
}

/** Signs an account that needs no second factor in on `p`; answers once the page titled `landing` shows. */
export async function signInAs(
  p: Page,
  url: string,
  account: { login: string; password: string },
  landing: string,
): Promise<void> {
  await p.goto(url);
  await p.getByTestId('sign-in-login').fill(account.login);
  await p.getByTestId('sign-in-password').fill(account.password);
  await p.getByTestId('sign-in-submit').click();
  await p.getByRole('heading', { level: 1, name: landing }).waitFor();
}

/**
 * An administrator's first sign-in on `p`: password, then TOTP set up from
 * the key shown as text; answers once the page titled `landing` shows.
 */
export async function firstSignIn(
  p: Page,
  url: string,
  account: { login: string; password: string },
  landing: string,
): Promise<void> {
  await p.goto(url);
  await p.getByTestId('sign-in-login').fill(account.login);
  await p.getByTestId('sign-in-password').fill(account.password);
  await p.getByTestId('sign-in-submit').click();
  const secret = (await p.getByTestId('totp-secret').innerText()).trim();
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  await p.getByTestId('totp-setup-code').fill(totp.generate());
  await p.getByTestId('totp-setup-code-submit').click();
  await p.getByRole('heading', { level: 1, name: landing }).waitFor();
}
