import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useKiosk } from './fixture';
import { openHome as openHomeScreen, LANDSCAPE, PORTRAIT } from './harness';

/**
 * The kiosk's own on-screen keyboard, by touch alone, in the real service and
 * Debian's Chromium, in both orientations: pinyin with phrase candidates from
 * the service's dictionary, 123 for numbers, and the law reader's find field.
 */
const { kiosk, browser } = useKiosk({ browser: true });

const openHome = (viewport: { width: number; height: number }) => openHomeScreen(browser, kiosk, viewport);

async function tapKeys(page: Page, letters: string): Promise<void> {
  for (const ch of letters) await page.getByTestId(`kb-key-${ch}`).tap();
}

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const fieldValue = (page: Page, testId: string) => page.getByTestId(testId).inputValue();

for (const [label, viewport] of [
  ['portrait 1080×1920', PORTRAIT],
  ['landscape 1920×1080', LANDSCAPE],
] as const) {
  describe(`on-screen keyboard, ${label}`, () => {
    it('types f-a-l-v-y-u-a-n-z-h-u, offers 法律援助 first, and searches it', async () => {
      const { context, page, errors } = await openHome(viewport);
      try {
        const keyboard = page.getByTestId('keyboard');
        expect(await keyboard.count()).toBe(0);
        await page.getByTestId('search-input').tap();
        await keyboard.waitFor();
        expect(await keyboard.getAttribute('aria-label')).toBe('屏幕键盘');

        // Docked at the bottom, inside the screen, with large keys.
        const kbBox = (await keyboard.boundingBox())!;
        expect(Math.round(kbBox.y + kbBox.height)).toBe(viewport.height);
        expect(kbBox.width).toBe(viewport.width);
        for (const id of [
          'kb-key-q',
          'kb-key-m',
          'kb-backspace',
          'kb-space',
          'kb-language',
          'kb-digits',
          'kb-clear',
          'kb-done',
          'kb-prev',
          'kb-next',
          'kb-hide',
        ]) {
          const box = (await page.getByTestId(id).boundingBox())!;
          expect(box.width, id).toBeGreaterThanOrEqual(64);
          expect(box.height, id).toBeGreaterThanOrEqual(64);
        }
        // Keys are named for screen readers.
        for (const name of ['删除', '空格', '清空', '搜索', '中/英 切换到英文字母', '123 切换到数字', '下一页候选词']) {
          expect(await keyboard.getByRole('button', { name, exact: true }).count(), name).toBe(1);
        }
        expect(await page.getByRole('toolbar', { name: '候选词' }).count()).toBe(1);

        await tapKeys(page, 'falvyuanzhu');
        await expect.poll(() => page.getByTestId('kb-pinyin').textContent()).toBe('falvyuanzhu');
        await expect.poll(() => page.getByTestId('kb-candidate-0').textContent()).toBe('法律援助');
        // Letters compose; the field itself is untouched, and the focus never left it.
        expect(await fieldValue(page, 'search-input')).toBe('');
        expect(await activeTestId(page)).toBe('search-input');

        await page.getByTestId('kb-candidate-0').tap();
        await expect.poll(() => fieldValue(page, 'search-input')).toBe('法律援助');
        expect(await page.getByTestId('kb-pinyin').count()).toBe(0);
        expect(await activeTestId(page)).toBe('search-input');

        await page.getByTestId('kb-done').tap();
        await page.getByTestId('search').waitFor();
        await expect.poll(() => page.getByTestId('search').textContent(), { timeout: 10_000 }).toContain('法律援助');
        expect(await page.locator('[data-testid^="results-"]').count()).toBeGreaterThan(0);
        // The keyboard closed so the results can be read.
        expect(await keyboard.count()).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('offers 法律援助 first for the initials f-l-y-z; a partial candidate keeps the rest of the letters', async () => {
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByTestId('search-input').tap();
        await tapKeys(page, 'flyz');
        await expect.poll(() => page.getByTestId('kb-candidate-0').textContent()).toBe('法律援助');
        await page.getByTestId('kb-clear').tap();
        expect(await page.getByTestId('kb-pinyin').count()).toBe(0);

        // lvshi → 律师, then space commits the first candidate.
        await tapKeys(page, 'lvshi');
        await expect.poll(() => page.getByTestId('kb-candidate-0').textContent()).toBe('律师');
        await page.getByTestId('kb-space').tap();
        await expect.poll(() => fieldValue(page, 'search-input')).toBe('律师');

        // falvzixun: choosing 法律 (falv) leaves "zixun" to convert.
        await tapKeys(page, 'falvzixun');
        const candidates = page.getByRole('toolbar', { name: '候选词' }).locator('[data-testid^="kb-candidate-"]');
        await expect.poll(() => page.getByTestId('kb-pinyin').textContent()).toBe('falvzixun');
        await expect.poll(async () => (await candidates.allTextContents()).length).toBeGreaterThan(0);
        let partial = (await candidates.allTextContents()).indexOf('法律');
        while (partial < 0 && (await page.getByTestId('kb-next').getAttribute('aria-disabled')) !== 'true') {
          const before = await page.getByTestId('kb-candidate-0').textContent();
          await page.getByTestId('kb-next').tap();
          await expect.poll(() => page.getByTestId('kb-candidate-0').textContent()).not.toBe(before);
          partial = (await candidates.allTextContents()).indexOf('法律');
        }
        expect(partial, 'a candidate 法律 for falv…').toBeGreaterThanOrEqual(0);
        await page.getByTestId(`kb-candidate-${partial}`).tap();
        await expect.poll(() => page.getByTestId('kb-pinyin').textContent()).toBe('zixun');
        expect(await fieldValue(page, 'search-input')).toBe('律师法律');
        await expect.poll(() => page.getByTestId('kb-candidate-0').textContent()).toBe('咨询');
        await page.getByTestId('kb-candidate-0').tap();
        await expect.poll(() => fieldValue(page, 'search-input')).toBe('律师法律咨询');

        // Backspace removes a pinyin letter while composing, else a character.
        await tapKeys(page, 'ab');
        await page.getByTestId('kb-backspace').tap();
        await expect.poll(() => page.getByTestId('kb-pinyin').textContent()).toBe('a');
        await page.getByTestId('kb-backspace').tap();
        expect(await page.getByTestId('kb-pinyin').count()).toBe(0);
        await page.getByTestId('kb-backspace').tap();
        await expect.poll(() => fieldValue(page, 'search-input')).toBe('律师法律咨');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('123 types an ID or phone number; 英 types letters; a physical keyboard still works', async () => {
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByTestId('search-input').tap();
        await page.getByTestId('kb-digits').tap();
        for (const ch of '027-12348') await page.getByTestId(`kb-key-${ch}`).tap();
        await expect.poll(() => fieldValue(page, 'search-input')).toBe('027-12348');
        await page.getByTestId('kb-clear').tap();
        for (const ch of '42010119900307123X') await page.getByTestId(`kb-key-${ch}`).tap();
        await expect.poll(() => fieldValue(page, 'search-input')).toBe('42010119900307123X');
        for (const id of ['kb-key-1', 'kb-key-X', 'kb-key--', 'kb-backspace', 'kb-letters', 'kb-done']) {
          const box = (await page.getByTestId(id).boundingBox())!;
          expect(box.height, id).toBeGreaterThanOrEqual(64);
          expect(box.width, id).toBeGreaterThanOrEqual(64);
        }
        await page.getByTestId('kb-clear').tap();

        // Back to letters, then English: letters go straight in.
        await page.getByTestId('kb-letters').tap();
        await page.getByTestId('kb-language').tap();
        await tapKeys(page, 'law');
        await expect.poll(() => fieldValue(page, 'search-input')).toBe('law');
        expect(await page.getByTestId('kb-pinyin').count()).toBe(0);
        await page.getByTestId('kb-clear').tap();
        await page.getByTestId('kb-language').tap();

        // A physical keyboard: letters feed the pinyin, Space picks; text through the system's input goes straight in.
        expect(await activeTestId(page)).toBe('search-input');
        await page.keyboard.type('gongshang');
        await expect.poll(() => page.getByTestId('kb-pinyin').textContent()).toBe('gongshang');
        await expect.poll(() => page.getByTestId('kb-candidate-0').textContent()).toBe('工伤');
        await page.keyboard.press('Space');
        await expect.poll(() => fieldValue(page, 'search-input')).toBe('工伤');
        await page.keyboard.insertText('赔偿');
        await expect.poll(() => fieldValue(page, 'search-input')).toBe('工伤赔偿');
        await page.keyboard.press('Enter');
        await page.getByTestId('search').waitFor();
        await expect.poll(() => page.getByTestId('search').textContent(), { timeout: 10_000 }).toContain('工伤');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('finds in a law with the keyboard, and 完成 closes it', async () => {
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByRole('button', { name: /^法规查询/ }).tap();
        await page.getByRole('button', { name: /^社会法/ }).tap();
        await page.getByRole('button', { name: /^中华人民共和国劳动合同法/ }).tap();
        await page.getByTestId('law-reader').waitFor();
        await page.getByRole('searchbox', { name: '在本法中查找' }).tap();
        await page.getByTestId('keyboard').waitFor();
        await tapKeys(page, 'zfl');
        await expect.poll(() => page.getByTestId('kb-candidate-0').textContent()).toBe('支付令');
        await page.getByTestId('kb-candidate-0').tap();
        const articles = page.getByRole('region', { name: '法律条文' });
        await expect.poll(() => articles.textContent()).toContain('有 1 条含有“支付令”');
        expect(await page.getByRole('button', { name: '完成', exact: true }).count()).toBe(1);
        await page.getByTestId('kb-done').tap();
        await page.getByTestId('keyboard').waitFor({ state: 'detached' });
        expect(await fieldValue(page, 'reader-find')).toBe('支付令');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
}
