import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../hub/start-hub';
import { storageTarget } from '../../hub/storage/open-storage';
import { createLogger } from '../../server-kit/logger';
import { KioskRun } from './fixture';
import { callApi, openHome, PORTRAIT, readQrCode } from './harness';

/**
 * "A QR code scanned from an answer screen opens a page on the hub with the
 * same answer; the page is under 50 KB." A real hub (in this process, on a
 * port, serving the checkout's content release) and the kiosk's built
 * service configured with its URL; the code read off the kiosk's answer
 * screen in Chromium by a QR decoder, the page it names fetched from the hub
 * and opened at a phone's size.
 */

const PHONE = { width: 390, height: 844 } as const;
const PAGE_LIMIT = 50 * 1024;

let work: string;
let hub: RunningHub | undefined;
let run: KioskRun | undefined;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'take-away-hub-'));
  const dataDir = join(work, 'hub');
  hub = await startHub(
    {
      storage: storageTarget(dataDir, {}),
      dataDir,
      host: '127.0.0.1',
      port: 0,
      publicOrigin: undefined,
      trustedProxies: [],
      tls: undefined,
      totpKeyFile: undefined,
      totpIssuer: '无人律所',
      consoleDir: join(work, 'no-console'),
    },
    { logger: createLogger({ service: 'hub', level: 'warn' }) },
  );
  run = new KioskRun({ browser: true, config: { hub: { url: hub.server.origin } } });
  await run.start();
}, 120_000);

afterAll(async () => {
  try {
    await run?.stop();
  } finally {
    await hub?.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

describe('take it with you, to the hub', () => {
  it('the code on an answer screen opens the same answer on the hub, under 50 KB, readable on a phone', async () => {
    const kiosk = run!.kiosk!;
    const browser = run!.browser!;
    const origin = hub!.server.origin;
    const { items } = await callApi<{ items: { id: string; question: string }[] }>(kiosk, '/api/content/faq-list', {
      topicId: 'labour-wages/unpaid-wages',
    });
    // An answer citing 劳动合同法 第三十条, whose page the test opens from the answer's.
    const item = items.find((i) => i.id === 'wages-unpaid-what-to-do')!;

    const { context, page, errors } = await openHome(browser, kiosk, PORTRAIT);
    try {
      await page.getByRole('button', { name: /^智能咨询/ }).tap();
      await page.getByRole('button', { name: /^劳动工资/ }).tap();
      await page.getByRole('button', { name: '老板拖欠工资' }).tap();
      await page.getByRole('button', { name: item.question }).tap();
      const screen = page.getByTestId('answer');
      // The screen shows its section's title until the answer has loaded.
      await screen.locator('h1', { hasText: item.question }).waitFor();
      await screen.locator('.answer__body > p.reading').first().waitFor();
      const question = (await screen.locator('h1').innerText()).trim();
      const answer = (await screen.locator('.answer__body > p.reading').innerText()).trim();
      expect(question).toBe(item.question);

      const link = await readQrCode(page.getByTestId('take-away-code'));
      expect(link).toBe(`${origin}/p/answer/${item.id}`);

      // As a phone's browser would fetch it: no header of the hub's, no cookie.
      const fetched = await fetch(link!);
      expect(fetched.status).toBe(200);
      const bytes = Buffer.from(await fetched.arrayBuffer());
      expect(bytes.length).toBeLessThan(PAGE_LIMIT);

      const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      try {
        const onPhone = await phone.newPage();
        const phoneErrors: string[] = [];
        onPhone.on('console', (m) => m.type() === 'error' && phoneErrors.push(m.text()));
        await onPhone.goto(link!);
        const heading = onPhone.getByRole('heading', { level: 1 });
        expect(await heading.isVisible()).toBe(true);
        expect((await heading.innerText()).trim()).toBe(question);
        expect((await onPhone.locator('main').innerText()).replace(/\s+/g, '')).toContain(answer.replace(/\s+/g, ''));
        expect(await onPhone.locator('footer').innerText()).toContain('12348');
        // Its stylesheet applied (the CSP lets exactly it through), and nothing is wider than the phone.
        expect(await onPhone.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
          'rgb(11, 61, 145)',
        );
        expect(await onPhone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        // A cited article opens its own page on the hub.
        await onPhone.getByRole('link', { name: '劳动合同法 第三十条' }).tap();
        await onPhone.waitForURL(/\/p\/law\?/);
        expect((await onPhone.getByRole('heading', { level: 1 }).innerText()).trim()).toBe(
          '中华人民共和国劳动合同法 第三十条',
        );
        expect(phoneErrors).toEqual([]);
      } finally {
        await phone.close();
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
