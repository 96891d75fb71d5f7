import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRelease } from '../../content/build/build-release';
import { NOTICES_FILE } from '../../content/build/notices';
import { SERVICE_LINES_FILE } from '../../content/build/service-lines';
import { chinaDay } from '../../service/content/terminal-content';
import { readRuntimeFile } from '../../service/runtime-file';
import { expectAccessible } from './a11y';
import { useKiosk } from './fixture';
import { openHome, PORTRAIT, ROOT } from './harness';

/**
 * Notices and service lines as a citizen meets them: a release built by the
 * real builder from a content folder holding content/notices.yaml and
 * content/service-lines.yaml is installed into the running service (as the
 * updater does) and switched to; the home screen in Chromium then shows
 * the notice active today for this terminal (洪山区) as a banner whose body
 * opens with a tap, not the ones that ended, have not begun or are for
 * another city, and the hotline card shows the region's numbers from the
 * release instead of the configuration's.
 */

const { kiosk, browser } = useKiosk({ browser: true });
const CONTENT = join(ROOT, 'content');
const DAY = 86_400_000;
const day = (offset: number): string => chinaDay(new Date(Date.now() + offset * DAY));
const work = mkdtempSync(join(tmpdir(), 'kiosk-e2e-notices-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const notice = (id: string, region: string | null, title: string, from: number, to: number): string[] => [
  `  - id: ${id}`,
  ...(region === null ? [] : [`    region_code: '${region}'`]),
  `    title: ${title}`,
  `    body: ${title}的正文：服务时间调整为上午九点至下午五点。`,
  `    starts_on: ${day(from)}`,
  `    ends_on: ${day(to)}`,
];

beforeAll(async () => {
  const dir = join(work, 'content');
  cpSync(CONTENT, dir, { recursive: true, filter: (src) => !src.startsWith(join(CONTENT, 'corpus')) });
  symlinkSync(join(CONTENT, 'corpus'), join(dir, 'corpus'));
  writeFileSync(
    join(dir, NOTICES_FILE),
    [
      'notices:',
      ...notice('hongshan-today', '420111', '洪山区今日通知', 0, 0),
      ...notice('ended', null, '已结束的通知', -3, -1),
      ...notice('not-yet', null, '尚未开始的通知', 1, 3),
      ...notice('guangzhou', '440100', '广州市的通知', -1, 1),
    ].join('\n'),
  );
  writeFileSync(
    join(dir, SERVICE_LINES_FILE),
    [
      'regions:',
      "  - region_code: '420100'",
      '    public_legal_service: 027-0000-1234',
      '    local:',
      '      - name: 武汉市法律援助中心（演示数据）',
      '        number: 027-0000-0100',
    ].join('\n'),
  );
  await buildRelease({ contentDir: dir, outDir: join(work, 'release'), laws: 'shipped' });
  const token = readRuntimeFile(kiosk.dataDir)?.technicianToken ?? '';
  const res = await fetch(`${kiosk.origin}/api/content/install`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ file: join(work, 'release', 'content.db'), releaseNumber: 1 }),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ switch: 'switched' });
}, 180_000);

describe('notices and service lines from the content release', () => {
  it('the home screen shows today’s notice for this terminal, opens its body with a tap, and the region’s hotline', async () => {
    const { context, page, errors } = await openHome(browser, kiosk, PORTRAIT, { forAxe: true });
    try {
      const banner = page.getByTestId('notice-banner');
      await banner.waitFor();
      expect(await banner.getByRole('heading').textContent()).toBe('公告');
      const toggle = banner.getByRole('button', { name: /洪山区今日通知/ });
      expect(await banner.getByRole('button').count()).toBe(1);
      for (const other of ['已结束的通知', '尚未开始的通知', '广州市的通知'])
        expect(await page.getByText(other).count(), other).toBe(0);

      const box = await toggle.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(64);
      const body = page.getByText('洪山区今日通知的正文：服务时间调整为上午九点至下午五点。');
      expect(await body.isVisible()).toBe(false);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.tap();
      await body.waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const [y, m, d] = day(0).split('-').map(Number);
      expect(await banner.textContent()).toContain(`仅 ${y}年${m}月${d}日 当天`);
      const bodySize = await body.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(bodySize).toBeGreaterThanOrEqual(24);

      const hotline = page.getByTestId('hotline');
      await expect.poll(() => hotline.textContent()).toContain('027-0000-1234');
      expect(await hotline.textContent()).toContain('武汉市法律援助中心（演示数据）');
      await expectAccessible(page, 'standard', 'home-notice-open');

      await toggle.tap();
      await expect.poll(() => body.isVisible()).toBe(false);

      // 长辈模式: the banner grows with the text and targets (80 px), and still opens.
      await page.getByTestId('elderly-toggle').tap();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).toBe('elderly');
      await toggle.tap();
      await body.waitFor();
      await expectAccessible(page, 'elderly', 'home-notice-open-elderly');
      await toggle.tap();
      await page.getByTestId('elderly-toggle').tap();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).not.toBe('elderly');

      // In English the banner's words change; the notice stays as written.
      await page.getByTestId('language-switch').tap();
      await expect.poll(() => banner.getByRole('heading').textContent()).toBe('Notices');
      expect(await toggle.textContent()).toContain('Read the notice');
      expect(await toggle.textContent()).toContain('洪山区今日通知');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
