import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useKiosk } from './fixture';
import { PORTRAIT } from './harness';

/**
 * Maintenance mode (a fleet command from the hub, service/hub/hub-commands.ts)
 * in the real service and Chromium: the touchscreen shows 设备维护中 with
 * the hotline instead of the attract loop and every screen, and comes back
 * when it is turned off.
 */
const { kiosk, browser } = useKiosk({ browser: true });

describe('maintenance screen', () => {
  it('shows 设备维护中 and the hotline, and nothing a citizen could start, until turned off', async () => {
    // As the command does it: the row in records.db (the service reads it for every health).
    const records = new Database(join(kiosk.dataDir, 'records.db'));
    const context = await browser.newContext({ viewport: PORTRAIT, hasTouch: true, locale: 'zh-CN' });
    try {
      records.prepare("INSERT INTO maintenance_mode (id, since) VALUES (1, '2026-12-07T08:00:00.000Z')").run();
      const page = await context.newPage();
      await page.goto(kiosk.url);
      await page.getByTestId('maintenance').waitFor();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('设备维护中');
      expect(await page.getByTestId('hotline').textContent()).toContain('12348');
      expect(await page.getByTestId('attract').count()).toBe(0);
      records.prepare('DELETE FROM maintenance_mode').run();
      // The next health (pushed or fetched) brings the kiosk back.
      await page.getByTestId('attract').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('maintenance').count()).toBe(0);
    } finally {
      await context.close();
      records.close();
    }
  });
});
