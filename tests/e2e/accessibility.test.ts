import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, PORTRAIT, startKiosk, type RunningKiosk, wakeKiosk } from './harness';

/**
 * Accessibility of the citizen's screens in standard mode and in 长辈模式,
 * portrait, on the real service in Debian's Chromium: axe-core finds no
 * serious or critical violation (in 长辈模式 with the 7:1 contrast rule on),
 * main text and every button meet the mode's sizes, and 长辈模式 is one tap away.
 */
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

type Mode = 'standard' | 'elderly';
const LIMITS = {
  standard: { text: 24, target: 64 },
  elderly: { text: 32, target: 80 },
} as const;

let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  [kiosk, browser] = await Promise.all([startKiosk(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}
interface Measured {
  smallText: { text: string; size: number }[];
  smallTargets: { name: string; width: number; height: number }[];
  paragraphs: number;
  buttons: number;
  minText: number;
  minTarget: number;
}

async function axeViolations(page: Page, mode: Mode): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (enhanced) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // 长辈模式 promises 7:1: axe's AAA contrast rule, off by default, is on for it.
    const result = await axe.run(document, { resultTypes: ['violations'], rules: { 'color-contrast-enhanced': { enabled: enhanced } } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, mode === 'elderly');
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Main text: every visible paragraph (and list item) with words inside `<main>`.
 * Targets: every visible button on the page, the on-screen keyboard included.
 */
async function measure(page: Page, mode: Mode): Promise<Measured> {
  return page.evaluate(({ text, target }) => {
    const visible = (el: Element): boolean => el.checkVisibility() && el.getBoundingClientRect().width > 0;
    const paragraphs = [...document.querySelectorAll('main p, main li')].filter((el) => visible(el) && (el.textContent ?? '').trim() !== '');
    const sizes = paragraphs.map((el) => ({ text: (el.textContent ?? '').trim().slice(0, 30), size: parseFloat(getComputedStyle(el).fontSize) }));
    const buttons = [...document.querySelectorAll('button')].filter(visible);
    const boxes = buttons.map((b) => {
      const r = b.getBoundingClientRect();
      return { name: (b.getAttribute('aria-label') ?? b.textContent ?? '').trim().slice(0, 30), width: r.width, height: r.height };
    });
    return {
      smallText: sizes.filter((s) => s.size < text),
      smallTargets: boxes.filter((b) => b.width < target - 0.5 || b.height < target - 0.5),
      paragraphs: sizes.length,
      buttons: boxes.length,
      minText: Math.min(...sizes.map((s) => s.size)),
      minTarget: Math.min(...boxes.map((b) => Math.min(b.width, b.height))),
    };
  }, LIMITS[mode]);
}

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

for (const mode of ['standard', 'elderly'] as const) {
  describe(`accessibility, ${mode} mode, portrait`, () => {
    it('home, topics, an answer, an article, the law reader and search results pass axe and the size rules', { timeout: 180_000 }, async () => {
      const context = await browser.newContext({ viewport: PORTRAIT, hasTouch: true, isMobile: false, locale: 'zh-CN', bypassCSP: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      const report: string[] = [];
      try {
        await page.goto(kiosk.url);
        await wakeKiosk(page);
        await page.getByTestId('home').waitFor();
        const toggle = page.getByRole('button', { name: /^长辈模式/ });
        if (mode === 'elderly') {
          await toggle.tap();
          await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).toBe('elderly');
        }

        const check = async (screen: string): Promise<void> => {
          // 长辈模式 is one tap away, on screen, saying whether it is on.
          expect(await toggle.isVisible(), `${screen}: 长辈模式 button`).toBe(true);
          const box = (await toggle.boundingBox())!;
          expect(box.y + box.height, `${screen}: 长辈模式 on screen`).toBeLessThanOrEqual(PORTRAIT.height);
          expect(await toggle.getAttribute('aria-pressed')).toBe(mode === 'elderly' ? 'true' : 'false');

          const violations = await axeViolations(page, mode);
          if (violations.length > 0) console.log(`${mode} ${screen}: axe violations\n${JSON.stringify(violations, null, 2)}`);
          const m = await measure(page, mode);
          if (m.smallText.length > 0 || m.smallTargets.length > 0) console.log(`${mode} ${screen}: too small\n${JSON.stringify({ text: m.smallText, targets: m.smallTargets }, null, 2)}`);
          report.push(`${screen}: ${m.paragraphs} text blocks, min ${m.minText}px; ${m.buttons} buttons, min ${Math.round(m.minTarget)}px; axe serious/critical ${violations.length}`);
          expect(violations.map((v) => `${v.id}: ${v.help}`), `${screen}: axe`).toEqual([]);
          expect(m.paragraphs, `${screen}: main text`).toBeGreaterThan(0);
          expect(m.smallText, `${screen}: text ≥ ${LIMITS[mode].text}px`).toEqual([]);
          expect(m.smallTargets, `${screen}: targets ≥ ${LIMITS[mode].target}px`).toEqual([]);
        };
        const home = async (): Promise<void> => {
          await page.getByRole('button', { name: '首页' }).tap();
          await page.getByTestId('home').waitFor();
        };

        await check('home');

        await page.getByRole('button', { name: /^智能咨询/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('智能咨询');
        await page.getByRole('button', { name: /^劳动工资/ }).waitFor();
        await check('topics');

        await page.getByRole('button', { name: /^劳动工资/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('劳动工资');
        await page.getByRole('button', { name: '老板拖欠工资' }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('老板拖欠工资');
        await page.locator('main .choice-list button').first().waitFor();
        await page.locator('main .choice-list button').first().tap();
        await page.getByRole('heading', { name: '法律依据' }).waitFor();
        await check('answer');

        await page.getByRole('button', { name: /第.+条$/ }).first().tap();
        await page.getByTestId('article-text').waitFor();
        await expect.poll(() => page.getByTestId('article-text').textContent()).not.toBe('');
        await check('article');

        await home();
        await page.getByRole('button', { name: /^法规查询/ }).tap();
        await page.getByRole('button', { name: /^社会法/ }).tap();
        await page.getByRole('button', { name: /^中华人民共和国劳动合同法/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('劳动合同法');
        await page.locator('[data-testid^="law-article-"]').first().waitFor();
        await check('law reader');

        await home();
        await page.getByTestId('search-input').tap();
        await page.getByTestId('keyboard').waitFor();
        for (const ch of 'falvyuanzhu') await page.getByTestId(`kb-key-${ch}`).tap();
        await expect.poll(() => page.getByTestId('kb-candidate-0').textContent()).toBe('法律援助');
        await page.getByTestId('kb-candidate-0').tap();
        await page.getByTestId('kb-done').tap();
        await page.getByTestId('search').waitFor();
        await expect.poll(() => page.locator('[data-testid^="results-"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
        await check('search results');

        console.log(`${mode} mode, portrait:\n  ${report.join('\n  ')}`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
}

describe('长辈模式 lasts one session', () => {
  it('is switched on in one tap and off again by 结束使用', async () => {
    const context = await browser.newContext({ viewport: PORTRAIT, hasTouch: true, isMobile: false, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(kiosk.url);
      await wakeKiosk(page);
      await page.getByTestId('home').waitFor();
      const mode = () => page.evaluate(() => document.documentElement.dataset['mode'] ?? 'standard');
      const bodySize = () => page.locator('.home__lead').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      const before = await bodySize();
      await page.getByTestId('elderly-toggle').tap();
      await expect.poll(mode).toBe('elderly');
      expect(await page.getByTestId('elderly-toggle').getAttribute('aria-pressed')).toBe('true');
      // Said in words, not only by the button's colour.
      expect(await page.getByTestId('elderly-toggle').textContent()).toContain('已开启');
      expect(await bodySize()).toBeGreaterThan(before);

      await page.getByTestId('session-finish').tap();
      await expect.poll(mode).toBe('standard');
      await page.getByTestId('attract').waitFor();
      await wakeKiosk(page);
      expect(await page.getByTestId('elderly-toggle').getAttribute('aria-pressed')).toBe('false');
    } finally {
      await context.close();
    }
  });
});
