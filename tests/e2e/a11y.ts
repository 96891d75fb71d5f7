import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './harness';

/**
 * What the accessibility checks measure, shared by the tests that walk the
 * citizen's screens: axe-core's serious and critical violations, the sizes of
 * main text and touch targets against the numbers in
 * ../shared/reference/privacy-accessibility.md, and a screenshot of each screen
 * kept under test-results/screens for people to look at.
 */
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export type Mode = 'standard' | 'elderly';
export const LIMITS = {
  standard: { text: 24, target: 64 },
  elderly: { text: 32, target: 80 },
} as const;

export const SCREENSHOTS = join(ROOT, 'test-results', 'screens');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export interface Measured {
  smallText: { text: string; size: number }[];
  smallTargets: { name: string; width: number; height: number }[];
  paragraphs: number;
  buttons: number;
  minText: number;
  minTarget: number;
}

/** axe-core on the whole page; in 长辈模式 with its AAA contrast rule (7:1) switched on. */
export async function axeViolations(page: Page, mode: Mode): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (enhanced) => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      rules: { 'color-contrast-enhanced': { enabled: enhanced } },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, mode === 'elderly');
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Main text: every visible paragraph (and list item) with words inside
 * `scope` (the screen's `<main>`, or a dialog over it). Targets: every visible
 * button on the page, the on-screen keyboard included.
 */
export async function measure(page: Page, mode: Mode, scope = 'main'): Promise<Measured> {
  // A button just tapped stays pressed (:active, scaled down) for a moment after the tap: Chromium keeps
  // the pressed look at least 150 ms so a quick tap is seen. Wait until nothing is pressed, then until it
  // has eased back from its pressed scale: measure what stays, not the animation. Only animations that end
  // (a transition, not a waiting pulse that loops), and never longer than a second.
  await page
    .waitForFunction(() => document.querySelector('button:active, [role="button"]:active') === null, undefined, {
      timeout: 2_000,
    })
    .catch(() => undefined);
  await page.evaluate(() => {
    const ending = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => undefined));
    return Promise.race([Promise.all(ending), new Promise((r) => setTimeout(r, 1_000))]).then(() => undefined);
  });
  return page.evaluate(
    ({ text, target, scope }) => {
      const visible = (el: Element): boolean => el.checkVisibility() && el.getBoundingClientRect().width > 0;
      const paragraphs = [...document.querySelectorAll(`${scope} p, ${scope} li`)].filter(
        (el) => visible(el) && (el.textContent ?? '').trim() !== '',
      );
      const sizes = paragraphs.map((el) => ({
        text: (el.textContent ?? '').trim().slice(0, 30),
        size: parseFloat(getComputedStyle(el).fontSize),
      }));
      const buttons = [...document.querySelectorAll('button')].filter(visible);
      const boxes = buttons.map((b) => {
        const r = b.getBoundingClientRect();
        return {
          name: (b.getAttribute('aria-label') ?? b.textContent ?? '').trim().slice(0, 30),
          width: r.width,
          height: r.height,
        };
      });
      return {
        smallText: sizes.filter((s) => s.size < text),
        smallTargets: boxes.filter((b) => b.width < target - 0.5 || b.height < target - 0.5),
        paragraphs: sizes.length,
        buttons: boxes.length,
        minText: Math.min(...sizes.map((s) => s.size)),
        minTarget: Math.min(...boxes.map((b) => Math.min(b.width, b.height))),
      };
    },
    { ...LIMITS[mode], scope },
  );
}

/**
 * The check every citizen screen passes: a screenshot kept as `<name>.png`,
 * no serious or critical axe violation, some main text, and text and targets
 * no smaller than the mode allows. Failures are printed in full before the
 * assertion names the screen. Returns what was measured, for reports.
 */
export async function expectAccessible(
  page: Page,
  mode: Mode,
  name: string,
  scope = 'main',
): Promise<{ violations: AxeViolation[]; measured: Measured }> {
  await saveScreen(page, name);
  const violations = await axeViolations(page, mode);
  if (violations.length > 0) console.log(`${name}: axe violations\n${JSON.stringify(violations, null, 2)}`);
  const m = await measure(page, mode, scope);
  if (m.smallText.length > 0 || m.smallTargets.length > 0)
    console.log(`${name}: too small\n${JSON.stringify({ text: m.smallText, targets: m.smallTargets }, null, 2)}`);
  expect(
    violations.map((v) => `${v.id}: ${v.help}`),
    `${name}: axe`,
  ).toEqual([]);
  expect(m.paragraphs, `${name}: main text`).toBeGreaterThan(0);
  expect(m.smallText, `${name}: text ≥ ${LIMITS[mode].text}px`).toEqual([]);
  expect(m.smallTargets, `${name}: targets ≥ ${LIMITS[mode].target}px`).toEqual([]);
  return { violations, measured: m };
}

/** Keeps what the screen shows as test-results/screens/<name>.png. */
export async function saveScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}
