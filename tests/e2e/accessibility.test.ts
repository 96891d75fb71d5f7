import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './a11y';
import { useKiosk } from './fixture';
import { LANDSCAPE, openHome, PORTRAIT, wakeKiosk } from './harness';

/**
 * Accessibility of every citizen screen in standard mode and in 长辈模式, in
 * portrait and landscape, on the real service in Debian's Chromium: axe-core
 * finds no serious or critical violation (in 长辈模式 with the 7:1 contrast
 * rule on), main text and every button meet the mode's sizes, 长辈模式 is one
 * tap away, the on-screen keyboard never covers the field it types into, and
 * each screen is kept as a screenshot under test-results/screens.
 */
const { kiosk, browser } = useKiosk({ browser: true });

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });
const IDLE_MS = 120_000; // demo.json's idleTimeoutSeconds

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  for (const mode of ['standard', 'elderly'] as const) {
    describe(`accessibility, ${mode} mode, ${orientation}`, () => {
      it('every screen passes axe and the size rules', { timeout: 240_000 }, async () => {
        const context = await browser.newContext({
          viewport,
          hasTouch: true,
          isMobile: false,
          locale: 'zh-CN',
          bypassCSP: true,
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(String(e)));
        const report: string[] = [];
        try {
          // The app's clock is Playwright's, so the idle countdown can be reached without waiting two minutes.
          await page.clock.install();
          await page.goto(kiosk.url);
          const toggle = page.getByTestId('elderly-toggle');

          const check = async (screen: string, opts: { scope?: string; toggle?: boolean } = {}): Promise<void> => {
            const name = `${orientation}-${mode}-${screen.replace(/\s+/g, '-')}`;
            if (opts.toggle !== false) {
              // 长辈模式 is one tap away, on screen, saying whether it is on.
              expect(await toggle.isVisible(), `${screen}: 长辈模式 button`).toBe(true);
              const box = (await toggle.boundingBox())!;
              expect(box.y + box.height, `${screen}: 长辈模式 on screen`).toBeLessThanOrEqual(viewport.height);
              expect(await toggle.getAttribute('aria-pressed')).toBe(mode === 'elderly' ? 'true' : 'false');
            }
            const { violations, measured: m } = await expectAccessible(page, mode, name, opts.scope);
            report.push(
              `${screen}: ${m.paragraphs} text blocks, min ${m.minText}px; ${m.buttons} buttons, min ${Math.round(m.minTarget)}px; axe serious/critical ${violations.length}`,
            );
          };
          const home = async (): Promise<void> => {
            await page.getByRole('button', { name: /^首页|^Home/ }).tap();
            await page.getByTestId('home').waitFor();
          };
          const back = async (): Promise<void> => {
            await page.getByRole('button', { name: /^返回/ }).first().tap();
          };

          // The attract loop is always in standard mode: a reset switches 长辈模式 off.
          await page.getByTestId('attract').waitFor();
          if (mode === 'standard') await check('attract', { scope: '.attract', toggle: false });
          await wakeKiosk(page);
          await page.getByTestId('home').waitFor();
          if (mode === 'elderly') {
            await toggle.tap();
            await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).toBe('elderly');
          }
          await check('home');

          await page.getByRole('button', { name: /^智能咨询/ }).tap();
          await expect.poll(() => heading1(page).textContent()).toBe('智能咨询');
          await page.getByRole('button', { name: /^劳动工资/ }).waitFor();
          await check('topics');

          await page.getByRole('button', { name: /^劳动工资/ }).tap();
          await expect.poll(() => heading1(page).textContent()).toBe('劳动工资');
          await check('situations');
          await page.getByRole('button', { name: '老板拖欠工资' }).tap();
          await expect.poll(() => heading1(page).textContent()).toBe('老板拖欠工资');
          await page.locator('main .choice-list button').first().waitFor();
          await check('questions');
          await page.locator('main .choice-list button').first().tap();
          await page.getByRole('heading', { name: '法律依据' }).waitFor();
          await page.getByTestId('take-away-code').waitFor();
          await check('answer');

          await page
            .getByRole('button', { name: /第.+条$/ })
            .first()
            .tap();
          await page.getByTestId('article-text').waitFor();
          await expect.poll(() => page.getByTestId('article-text').textContent()).not.toBe('');
          await check('article');

          await page.getByRole('button', { name: /打印这一条/ }).tap();
          await page.getByRole('figure', { name: '打印预览' }).waitFor();
          await check('print preview');
          await back();
          await page.getByTestId('article').waitFor();

          await home();
          await page.getByRole('button', { name: /^法规查询/ }).tap();
          await page.getByTestId('law-categories').waitFor();
          await page.getByRole('button', { name: /^社会法/ }).waitFor();
          await check('law categories');
          await page.getByRole('button', { name: /^社会法/ }).tap();
          await page.getByRole('button', { name: /^中华人民共和国劳动合同法/ }).waitFor();
          await check('law list');
          await page.getByRole('button', { name: /^中华人民共和国劳动合同法/ }).tap();
          await expect.poll(() => heading1(page).textContent()).toBe('劳动合同法');
          await page.locator('[data-testid^="law-article-"]').first().waitFor();
          await check('law reader');

          await home();
          await page.getByTestId('search-input').tap();
          await page.getByTestId('keyboard').waitFor();
          for (const ch of 'laodongzhongcai') await page.getByTestId(`kb-key-${ch}`).tap();
          await expect.poll(() => page.getByTestId('kb-candidate-0').textContent()).not.toBe('');
          // The keyboard never covers the field it types into.
          const field = (await page.getByTestId('search-input').boundingBox())!;
          const keys = (await page.getByTestId('keyboard').boundingBox())!;
          expect(field.y + field.height, 'search field above the keyboard').toBeLessThanOrEqual(keys.y + 1);
          expect(field.y, 'search field on screen').toBeGreaterThanOrEqual(0);
          await check('keyboard');
          await page.getByTestId('kb-candidate-0').tap();
          await page.getByTestId('kb-done').tap();
          await page.getByTestId('search').waitFor();
          await expect
            .poll(() => page.locator('[data-testid^="results-"]').count(), { timeout: 10_000 })
            .toBeGreaterThan(0);
          await check('search results');
          const guides = page.getByTestId('results-guide').getByRole('button');
          expect(await guides.count(), 'a guide among the results for 劳动仲裁').toBeGreaterThan(0);
          await guides.first().tap();
          await page.getByTestId('guide').waitFor();
          await check('guide');

          await home();
          await page.getByTestId('tile-videoCall').tap();
          await page.getByTestId('feature-unavailable').waitFor();
          await check('feature unavailable');

          await home();
          await page.getByTestId('language-switch').tap();
          await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
          await check('home in English');
          await page.getByTestId('language-switch').tap();
          await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

          // Idle: the countdown, over the screen, in the same mode.
          await page.clock.runFor(IDLE_MS);
          await page.getByTestId('session-countdown').waitFor();
          await check('countdown', { scope: '.session-countdown', toggle: false });
          await page.getByTestId('session-continue').tap();
          await page.getByTestId('session-countdown').waitFor({ state: 'detached' });

          console.log(`${mode} mode, ${orientation}:\n  ${report.join('\n  ')}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    });
  }
}

describe('长辈模式 lasts one session', () => {
  it('is switched on in one tap and off again by 结束使用', async () => {
    const { context, page } = await openHome(browser, kiosk, PORTRAIT);
    try {
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

describe('朗读 (read aloud)', () => {
  it('speaks the screen in Chinese, a long-pressed button without pressing it, and English in English', async () => {
    const context = await browser.newContext({ viewport: PORTRAIT, hasTouch: true, isMobile: false, locale: 'zh-CN' });
    // The machine has no audio device: what the app hands to the browser's speechSynthesis is recorded, then spoken as usual.
    await context.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        spoken.push({ text: u.text, lang: u.lang });
        speak(u);
      };
    });
    const page = await context.newPage();
    const spoken = () =>
      page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken.slice());
    try {
      await page.goto(kiosk.url);
      await wakeKiosk(page);
      await page.getByRole('button', { name: /^智能咨询/ }).tap();
      await page.getByRole('button', { name: /^劳动工资/ }).tap();
      await expect.poll(() => heading1(page).textContent()).toBe('劳动工资');

      await page.getByTestId('read-aloud').tap();
      await expect.poll(spoken).toHaveLength(1);
      const [screen] = await spoken();
      expect(screen!.lang).toBe('zh-CN');
      expect(screen!.text.startsWith('劳动工资。')).toBe(true);

      // A long press reads the button and does not press it: still on the same screen.
      const situation = (await page.getByRole('button', { name: '老板拖欠工资' }).boundingBox())!;
      await page.mouse.move(situation.x + situation.width / 2, situation.y + situation.height / 2);
      await page.mouse.down();
      await expect.poll(spoken).toHaveLength(2);
      await page.mouse.up();
      expect((await spoken())[1]).toEqual({ text: '老板拖欠工资', lang: 'zh-CN' });
      await page.waitForTimeout(300);
      expect(await heading1(page).textContent()).toBe('劳动工资');

      await page.getByTestId('language-switch').tap();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByTestId('read-aloud').tap();
      await expect.poll(spoken).toHaveLength(3);
      expect((await spoken())[2]!.lang).toBe('en-US');
    } finally {
      await context.close();
    }
  });
});
