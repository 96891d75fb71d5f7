import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KioskRun, useKiosk } from './fixture';
import { callApi } from './harness';

/** The fixture every end-to-end file starts its kiosk with: what it hands out, and what it stops. */
const { kiosk, browser } = useKiosk({ browser: true, config: { idleTimeoutSeconds: 60 } });

// Read where a file's top-level code would, before any hook has run.
let readTooEarly: unknown;
try {
  void kiosk.url;
} catch (error) {
  readTooEarly = error;
}

describe('useKiosk', () => {
  it('says so when the kiosk is read before it started', () => {
    expect(String(readTooEarly)).toContain('useKiosk(): kiosk.url was read before beforeAll started it');
  });

  it('hands out the running service and browser, on the configuration asked for', async () => {
    expect((await callApi<{ configName: string }>(kiosk, '/api/health')).configName).toBe('terminal.json');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(kiosk.url);
    await page.getByTestId('attract').waitFor();
    await context.close();
  });
});

describe('KioskRun', () => {
  it('closes the browser it launched when the service could not start', async () => {
    // Below the schema's minimum, so the service refuses the configuration and exits.
    const run = new KioskRun({ browser: true, config: { idleTimeoutSeconds: 1 } });
    await expect(run.start()).rejects.toThrow(/service exited with \d+ before it was ready/);
    expect(run.phase).toBe('failed');
    expect(run.browser?.isConnected()).toBe(true);
    await run.stop();
    expect(run.browser?.isConnected()).toBe(false);
    expect(existsSync(run.configDir!)).toBe(false);
  });
});
