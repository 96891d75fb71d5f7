import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { PrintJob } from '../../common/api/devices';
import { saveScreen } from './a11y';
import { useKiosk } from './fixture';
import { callApi, LANDSCAPE, PORTRAIT, waitForWake } from './harness';

/**
 * Sessions that forget: the attract loop, the first touch (which presses
 * nothing), the idle countdown with "继续使用", and the reset after which
 * nothing the previous person saw or entered can be recovered — not by the
 * back button, history, storage, or the service API. Time is Playwright's
 * fake clock, so the 30 s idle wait and 20 s countdown take no real time.
 */
const IDLE_S = 30;
const COUNTDOWN_S = 20;

const { kiosk, browser } = useKiosk({
  browser: true,
  // The schema's minimums.
  config: { idleTimeoutSeconds: IDLE_S, countdownSeconds: COUNTDOWN_S },
});

const api = <T>(path: string, body?: unknown) => callApi<T>(kiosk, path, body);
const printJobs = async (): Promise<PrintJob[]> => (await api<{ jobs: PrintJob[] }>('/api/print/jobs')).jobs;

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function open(viewport: {
  width: number;
  height: number;
}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, hasTouch: true, isMobile: false, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  // The last touches the page saw, for waitForWake's message if a waking tap ever goes unanswered.
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as { __pointerLog?: string[] }).__pointerLog = log;
    for (const type of ['touchstart', 'touchend', 'pointerdown', 'pointerup', 'pointercancel', 'click']) {
      window.addEventListener(
        type,
        (e) => {
          const el = e.target instanceof Element ? e.target : null;
          log.push(
            `${type} ${el ? `${el.tagName.toLowerCase()}.${el.className}` : '?'} defaultPrevented=${e.defaultPrevented}`,
          );
          if (log.length > 30) log.shift();
        },
        { capture: true },
      );
    }
  });
  // Installed before the page loads, so every timer of the app runs on it.
  await page.clock.install();
  await page.goto(kiosk.url);
  return { context, page, errors };
}

/**
 * Taps the attract loop at the centre of the element that lies beneath it
 * (which must not be pressed).
 *
 * The fake clock's jumps (runFor) can turn one slow health answer on a
 * loaded machine into several seconds of "service away", and then the
 * restoring screen lies over everything for a moment: a tap then lands on
 * it, rightly does nothing, and the kiosk stays asleep. Only in that case,
 * told by the page's own record of where the tap landed, the tap is made
 * again once the service is back; any other unanswered tap fails.
 */
async function wakeOver(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box).not.toBeNull();
  await page.getByTestId('attract').waitFor();
  const at = { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('restoring').waitFor({ state: 'detached' });
    await page.touchscreen.tap(at.x, at.y);
    const woke = await page
      .locator('.attract')
      .waitFor({ state: 'detached', timeout: 5000 })
      .then(
        () => true,
        () => false,
      );
    if (woke) return;
    const landedOn = await page.evaluate(
      () =>
        [...((window as { __pointerLog?: string[] }).__pointerLog ?? [])]
          .reverse()
          .find((e) => e.startsWith('pointerdown ')) ?? '',
    );
    if (attempt >= 3 || !landedOn.startsWith('pointerdown div.restoring')) break;
  }
  await waitForWake(page, at);
}

describe('a session, portrait 1080×1920', () => {
  it('starts at a touch, survives "继续使用", and after an idle reset nothing of it can be recovered', async () => {
    const { context, page, errors } = await open(PORTRAIT);
    try {
      const historyAtStart = await page.evaluate(() => history.length);

      // The attract loop: a slide from the content release and the prompt.
      const attract = page.getByTestId('attract');
      await attract.waitFor();
      await expect
        .poll(() => page.getByTestId('attract-slide').locator('h1').textContent())
        .not.toBe('有法律问题，来这里问');
      await expect.poll(() => attract.textContent()).toMatch(/依据：\S+ 第\S+条/);
      expect(await page.getByTestId('attract-prompt').textContent()).toBe('轻触屏幕开始');
      await saveScreen(page, 'session-attract-portrait');

      // The waking tap lands where the 智能咨询 tile is, but only wakes the kiosk.
      await wakeOver(page, 'tile-consultation');
      await page.getByTestId('home').waitFor();
      await page.clock.runFor(1500);
      expect(await heading1(page).textContent()).toBe('无人律所演示终端');

      // Something typed and searched…
      await page.getByTestId('search-input').tap();
      await page.keyboard.type('拖欠工资');
      await page.keyboard.press('Enter');
      await expect.poll(() => heading1(page).textContent()).toBe('搜索结果');
      await page.getByTestId('nav-home').tap();

      // …then 智能咨询 → 劳动工资 → an answer, printed.
      await page.getByRole('button', { name: /^智能咨询/ }).tap();
      await page.getByRole('button', { name: /^劳动工资/ }).tap();
      await expect.poll(() => heading1(page).textContent()).toBe('劳动工资');
      await page.getByRole('button', { name: '老板拖欠工资' }).tap();
      await expect.poll(() => heading1(page).textContent()).toBe('老板拖欠工资');
      const { items } = await api<{ items: { question: string }[] }>('/api/content/faq-list', {
        topicId: 'labour-wages/unpaid-wages',
      });
      const question = items[0]!.question;
      await page.getByRole('button', { name: question }).tap();
      await expect.poll(() => heading1(page).textContent()).toBe(question);
      await page.getByRole('button', { name: /打印这条解答/ }).tap();
      await page.getByRole('figure', { name: '打印预览' }).waitFor();
      await page.getByRole('button', { name: '打印', exact: true }).tap();
      await page.getByText('打印好了，请取走回执').waitFor({ timeout: 15_000 });
      expect((await printJobs()).filter((j) => j.state === 'printed').length).toBeGreaterThan(0);
      await page.getByTestId('nav-back').tap();
      await expect.poll(() => heading1(page).textContent()).toBe(question);

      // Idle: the countdown, over everything, with 继续使用.
      await page.clock.runFor(IDLE_S * 1000);
      const countdown = page.getByRole('alertdialog', { name: '还在使用吗？' });
      await countdown.waitFor();
      await expect.poll(() => page.getByTestId('session-countdown-seconds').textContent()).toBe(String(COUNTDOWN_S));
      await page.clock.runFor(3000);
      await expect
        .poll(() => page.getByTestId('session-countdown-seconds').textContent())
        .toBe(String(COUNTDOWN_S - 3));
      const continueBox = await countdown.getByRole('button', { name: '继续使用' }).boundingBox();
      expect(continueBox!.height).toBeGreaterThanOrEqual(88);
      await saveScreen(page, 'session-countdown-portrait');

      // 继续使用: back exactly where they were.
      await countdown.getByRole('button', { name: '继续使用' }).tap();
      await countdown.waitFor({ state: 'detached' });
      expect(await heading1(page).textContent()).toBe(question);

      // Leave some traces a page could leave, and switch language.
      await page.evaluate(() => {
        sessionStorage.setItem('draft', '张三 13800000000');
        localStorage.setItem('recent', '拖欠工资');
      });
      await page.getByTestId('language-switch').tap();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');

      // Idle past the countdown: the reset, then the attract loop.
      await page.clock.runFor(IDLE_S * 1000);
      await page.getByTestId('session-countdown').waitFor();
      await page.clock.runFor(COUNTDOWN_S * 1000);
      await page.getByTestId('attract').waitFor();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
      expect(await page.evaluate(async () => ('caches' in window ? (await caches.keys()).length : 0))).toBe(0);
      // The service forgot the finished receipts, and was told why.
      await expect.poll(async () => (await printJobs()).filter((j) => j.state === 'printed').length).toBe(0);
      await expect.poll(() => kiosk.stdout.some((l) => l.includes('session ended') && l.includes('idle'))).toBe(true);

      // The next person: home, empty, nothing to go back to.
      await wakeOver(page, 'search-input');
      await page.getByTestId('home').waitFor();
      expect(await page.getByTestId('search-input').inputValue()).toBe('');
      expect(await page.getByTestId('nav-back').count()).toBe(0);
      expect(await page.evaluate(() => history.length)).toBe(historyAtStart);
      expect(await page.evaluate(() => history.state as unknown)).toBeNull();
      expect(await page.getByText(question).count()).toBe(0);
      // The browser's own back leads to nothing of the session either.
      await page.goBack();
      expect(await page.getByText(question).count()).toBe(0);
      expect(await page.getByText('搜索结果').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('"结束使用" on any screen resets at once', async () => {
    const { context, page, errors } = await open(PORTRAIT);
    try {
      await page.getByTestId('attract').waitFor();
      await wakeOver(page, 'tile-lawLookup');
      await page.getByTestId('home').waitFor();
      // Offered on home too, large, with words.
      const finish = page.getByRole('button', { name: '结束使用' });
      const box = await finish.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(64);
      expect(box!.y + box!.height).toBeLessThanOrEqual(PORTRAIT.height);
      expect(
        await page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight),
      ).toBeLessThanOrEqual(0);
      await saveScreen(page, 'session-home-finish-portrait');

      await page.getByRole('button', { name: /^智能咨询/ }).tap();
      await page.getByRole('button', { name: /^劳动工资/ }).tap();
      await expect.poll(() => heading1(page).textContent()).toBe('劳动工资');
      await page.evaluate(() => sessionStorage.setItem('draft', 'x'));
      await page.getByRole('button', { name: '结束使用' }).tap();
      await page.getByTestId('attract').waitFor();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      await expect.poll(() => kiosk.stdout.some((l) => l.includes('session ended') && l.includes('finish'))).toBe(true);

      await page.getByTestId('attract').tap();
      await page.getByTestId('home').waitFor();
      expect(await page.getByTestId('nav-back').count()).toBe(0);
      expect(await page.getByText('劳动工资').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the attract loop, landscape 1920×1080', () => {
  it('fills the screen with a slide and the prompt, and moves on by itself', async () => {
    const { context, page, errors } = await open(LANDSCAPE);
    try {
      const attract = page.getByTestId('attract');
      await attract.waitFor();
      const title = page.getByTestId('attract-slide').locator('h1');
      await expect.poll(() => title.textContent()).not.toBe('有法律问题，来这里问');
      const first = await title.textContent();
      expect(await attract.boundingBox()).toEqual({ x: 0, y: 0, width: LANDSCAPE.width, height: LANDSCAPE.height });
      const prompt = await page.getByTestId('attract-prompt').boundingBox();
      expect(prompt!.y + prompt!.height).toBeLessThanOrEqual(LANDSCAPE.height);
      await saveScreen(page, 'session-attract-landscape');
      await page.clock.runFor(8000);
      await expect.poll(() => title.textContent()).not.toBe(first);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
