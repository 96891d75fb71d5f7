import { describe, expect, it } from 'vitest';
import { BUILT_FEATURES, FEATURE_IDS } from '../../common/features';
import { useKiosk } from './fixture';
import { callApi, openHome as openHomeScreen, LANDSCAPE, PORTRAIT } from './harness';

/**
 * The citizen's first screen, in the real service and Debian's Chromium with
 * touch enabled, in both orientations kiosks are installed in.
 */
const { kiosk, browser } = useKiosk({ browser: true });

const simulate = (body: unknown) => callApi(kiosk, '/api/simulate', body);
const openHome = (viewport: { width: number; height: number }) => openHomeScreen(browser, kiosk, viewport);

const FEATURE_TITLES_ZH = ['智能咨询', '法规查询', '法律援助', '文书模板', '调解申请', '视频咨询', '机构查询'];

for (const [label, viewport] of [
  ['portrait 1080×1920', PORTRAIT],
  ['landscape 1920×1080', LANDSCAPE],
] as const) {
  describe(`home screen, ${label}`, () => {
    it('shows the terminal, every feature tile and what is unavailable, without scrolling', async () => {
      const { context, page, errors } = await openHome(viewport);
      try {
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('无人律所演示终端');
        for (const title of FEATURE_TITLES_ZH) {
          const tile = page.getByRole('button', { name: new RegExp(`^${title}`) });
          await tile.waitFor();
          const box = await tile.boundingBox();
          expect(box, title).not.toBeNull();
          // Touch targets of at least 64×64 px, entirely on screen.
          expect(box!.width).toBeGreaterThanOrEqual(64);
          expect(box!.height).toBeGreaterThanOrEqual(64);
          expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
        }
        // The features not built yet say they are coming, in words, not only by colour.
        await expect
          .poll(() => page.getByRole('button', { name: /即将开放/ }).count())
          .toBe(FEATURE_IDS.filter((id) => !BUILT_FEATURES.has(id)).length);
        // A printer out of paper: the home says printing is unavailable, and why, but the kiosk still serves.
        await simulate({ printer: { paper: 'out' } });
        try {
          await expect.poll(() => page.getByText(/打印机暂不可用/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
          await expect.poll(() => page.getByText(/打印机缺纸/).count()).toBeGreaterThan(0);
        } finally {
          await simulate({ printer: { paper: 'ok' } });
        }
        await expect.poll(() => page.getByText(/打印机暂不可用/).count(), { timeout: 10_000 }).toBe(0);
        await expect.poll(() => page.getByTestId('hotline').textContent()).toContain('12348');
        const overflow = await page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight);
        expect(overflow).toBeLessThanOrEqual(0);
        const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
        expect(bodySize).toBeGreaterThanOrEqual(24);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
}

describe('touch interaction', () => {
  it('a tap on an unavailable feature explains why and offers the hotline; home comes back', async () => {
    const { context, page } = await openHome(PORTRAIT);
    try {
      await page.getByTestId('tile-videoCall').tap();
      const screen = page.getByTestId('feature-unavailable');
      await screen.waitFor();
      expect(await screen.getByRole('heading', { level: 1 }).textContent()).toBe('视频咨询');
      expect(await screen.textContent()).toContain('12348');
      await page.getByTestId('nav-home').tap();
      await page.getByTestId('home').waitFor();
    } finally {
      await context.close();
    }
  });

  it('switches to English with one tap, and back', async () => {
    const { context, page } = await openHome(LANDSCAPE);
    try {
      await page.getByTestId('language-switch').tap();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('button', { name: /^Legal aid/i }).waitFor();
      expect(await page.getByRole('button', { name: /Coming soon/ }).count()).toBe(
        FEATURE_IDS.filter((id) => !BUILT_FEATURES.has(id)).length,
      );
      // Only the terminal's own name and region, and the name of the other language, stay in Chinese.
      expect(new Set(await page.getByText(/[\u4e00-\u9fff]/).allTextContents())).toEqual(
        new Set(['无人律所演示终端', '湖北省武汉市洪山区', '中文']),
      );
      await page.getByTestId('language-switch').tap();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    } finally {
      await context.close();
    }
  });
});

describe('when the service stops answering', () => {
  it('shows the calm restoring screen and recovers by itself', async () => {
    const { context, page } = await openHome(PORTRAIT);
    try {
      // Freeze the service (as a hung process would be), then let it go.
      kiosk.child.kill('SIGSTOP');
      const restoring = page.getByTestId('restoring');
      await restoring.waitFor({ timeout: 20_000 });
      expect(await restoring.getByRole('heading', { level: 1 }).textContent()).toBe('正在恢复服务');
      expect(await restoring.textContent()).toContain('12348');
      kiosk.child.kill('SIGCONT');
      await restoring.waitFor({ state: 'detached', timeout: 20_000 });
      await page.getByTestId('home').waitFor();
    } finally {
      kiosk.child.kill('SIGCONT');
      await context.close();
    }
  });
});
