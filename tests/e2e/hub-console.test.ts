import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOTP, URI } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readQrCode } from './harness';
import { DESK_SIZES, pageChecks, poll } from './hub-console-pages';
import { hubctl, kioskctl, startHubProcess, type HubProcess } from './hub-processes';

/**
 * The hub's web console in real Chromium, against `npm run hub`'s program on
 * the embedded storage: an administrator added with hubctl signs in, sets up
 * TOTP from the QR code, makes an enrollment code, enrolls a kiosk with it
 * through `kioskctl hub enroll`, approves it after comparing the
 * fingerprint, and revokes it. Every page is checked with axe (no serious or
 * critical violation) at both desk sizes and kept as a screenshot; the page
 * must run under the hub's CSP without one refusal.
 */

const ADMIN = { login: 'admin', password: 'Guan-li-yuan-2026!' };

let dataDir: string;
let hub: HubProcess;
let url: string;
let browser: Browser;
let page: Page;
/** Secrets that passed through the page, none of which may be in the hub's log. */
const secrets: string[] = [ADMIN.password];
/** What the page said on its console that was an error, CSP refusals included. */
const consoleErrors: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-console-e2e-'));
  mkdirSync(join(dataDir, 'hub'), { mode: 0o700 });
  hub = startHubProcess(join(dataDir, 'hub'));
  url = await hub.url;
  const added = await hubctl(
    join(dataDir, 'hub'),
    ['user', 'add', '--login', ADMIN.login, '--role', 'administrator', '--name', '管理员', '--password-stdin'],
    ADMIN.password,
  );
  expect(added.code, added.stderr).toBe(0);
  browser = await launchChromium({ jsFlags: null });
  page = await browser.newPage({ viewport: DESK_SIZES[0] });
  // Sign-in hashes with argon2: on a busy 2-core machine an answer can take seconds.
  page.setDefaultTimeout(20_000);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const { checkPage, atBothSizes } = pageChecks(() => page);

/**
 * Confirms the open approve or revoke dialog after comparing its fingerprint with the
 * kiosk's; answers once the page shows the kiosk's new status and what kioskctl hub status says.
 */
async function confirmKioskAction(fingerprint: string, screen: string, status: string, kioskDir: string) {
  const dialog = page.getByRole('dialog');
  await poll(() => dialog.getByTestId('confirm-fingerprint').innerText()).toBe(fingerprint);
  await checkPage(screen);
  await dialog.getByTestId('confirm-ok').click();
  await poll(() => page.getByTestId('kiosk-status').innerText()).toBe(status);
  return kioskctl(kioskDir, ['hub', 'status']);
}

const nav = (name: RegExp) => page.getByRole('navigation').getByRole('link', { name });

describe('the hub console', () => {
  let totp: TOTP;
  let code: string;
  let fingerprint: string;
  const kioskDir = () => join(dataDir, 'kiosk');

  it('signs an administrator in, who sets TOTP up from the QR code on first sign-in', async () => {
    await page.goto(url);
    await page.getByTestId('sign-in-login').waitFor();
    await atBothSizes('sign-in');

    // A wrong password first: refused in words that do not say which of the two was wrong.
    await page.getByTestId('sign-in-login').fill(ADMIN.login);
    await page.getByTestId('sign-in-password').fill('Not-the-password-2026!');
    await page.getByTestId('sign-in-submit').click();
    await poll(() => page.getByTestId('sign-in-problem').innerText()).toBe('登录名或密码不对。');
    await checkPage('sign-in-refused');

    await page.getByTestId('sign-in-password').fill(ADMIN.password);
    await page.getByTestId('sign-in-submit').click();

    // The QR code, read as a phone's camera would, holds the secret shown as text.
    const qr = page.getByTestId('totp-qr');
    await qr.waitFor();
    await atBothSizes('totp-setup');
    const uri = await readQrCode(qr);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    totp = URI.parse(uri!) as TOTP;
    expect(totp.secret.base32).toBe((await page.getByTestId('totp-secret').innerText()).trim());
    secrets.push(totp.secret.base32);

    // A wrong code first: refused, said so, still on the set-up.
    await page.getByTestId('totp-setup-code').fill(totp.generate() === '000000' ? '111111' : '000000');
    await page.getByTestId('totp-setup-code-submit').click();
    await poll(() => page.getByRole('alert').innerText()).toMatch(/验证码不对/);

    await page.getByTestId('totp-setup-code').fill(totp.generate());
    await page.getByTestId('totp-setup-code-submit').click();
    await page.getByRole('heading', { level: 1, name: '终端' }).waitFor();
    await poll(() => page.getByText('还没有终端').count()).toBe(1);
    await atBothSizes('fleet-empty');
  });

  it('makes an enrollment code, shown once with the command to type on the kiosk', async () => {
    await nav(/注册码/).click();
    await page.getByTestId('enroll-region').waitFor();
    await atBothSizes('enroll-codes');
    await page.getByTestId('enroll-region').fill('420111');
    await page.getByTestId('enroll-site').fill('洪山区街道中心');
    await page.getByTestId('enroll-create').click();
    const shown = page.getByTestId('enroll-code');
    await shown.waitFor();
    code = (await shown.innerText()).trim();
    secrets.push(code);
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect((await page.getByTestId('enroll-command').innerText()).trim()).toBe(
      `kioskctl hub enroll --hub ${url} --code ${code}`,
    );
    await atBothSizes('enroll-code-made');
  });

  it('shows the kiosk that enrolled with it, pending, and approves it after the fingerprint is compared', async () => {
    const enrolled = await kioskctl(kioskDir(), ['hub', 'enroll', '--hub', url, '--code', code]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    fingerprint = /key fingerprint ((?:[0-9a-f]{4}:){3}[0-9a-f]{4})/.exec(enrolled.stdout)![1]!;

    await nav(/终端/).click();
    const region = page.getByTestId('region-420111');
    await region.waitFor();
    await poll(() => region.getByTestId('kiosk-status').innerText()).toBe('待批准');
    expect(await region.getByText(fingerprint).count()).toBe(1);
    await atBothSizes('fleet-pending');

    // By keyboard: the approve button takes focus and Enter opens the confirmation.
    await page.getByTestId('approve-1').focus();
    await page.keyboard.press('Enter');
    const status = await confirmKioskAction(fingerprint, 'approve-confirm', '已批准', kioskDir());
    expect(status).toMatchObject({ code: 0, stdout: expect.stringContaining('is approved') });
  });

  it('is usable by keyboard: Tab reaches every link and button, each with a visible focus', async () => {
    await page.goto(`${url}/#/fleet`);
    await page.getByTestId('region-420111').waitFor();
    // Tab from the top of the page until focus comes back round to the page itself.
    const stops: { name: string; outline: string }[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement!;
        return {
          name: el === document.body ? 'body' : (el.getAttribute('data-testid') ?? el.textContent ?? '').trim(),
          outline: getComputedStyle(el).outlineStyle,
        };
      });
      if (stop.name === 'body') break;
      stops.push(stop);
    }
    expect(stops.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        '跳到主要内容',
        '终端',
        '注册码',
        '账户',
        '审计日志',
        'language-switch',
        'sign-out',
        '无人律所演示终端',
        'revoke-1',
      ]),
    );
    expect(stops.filter((s) => s.outline === 'none')).toEqual([]);
  });

  it('shows the kiosk’s own page, and revokes it from there', async () => {
    await page.getByRole('link', { name: /查看/ }).click();
    await page.getByTestId('kiosk-health').waitFor();
    expect(await page.getByText(fingerprint).count()).toBe(1);
    await atBothSizes('kiosk');

    await page.getByTestId('revoke-1').click();
    const status = await confirmKioskAction(fingerprint, 'revoke-confirm', '已撤销', kioskDir());
    expect(status).toMatchObject({ code: 1, stdout: expect.stringContaining('was revoked') });
  });

  it('adds an account, whose first password is shown once', async () => {
    await nav(/账户/).click();
    await page.getByTestId('user-add').waitFor();
    await atBothSizes('users');
    await page.getByTestId('user-add').click();
    await page.getByTestId('user-login').fill('wang.lawyer');
    await page.getByTestId('user-region').fill('420111');
    await checkPage('user-add');
    await page.getByTestId('user-add-submit').click();
    const password = page.getByTestId('shown-password');
    await password.waitFor();
    const first = (await password.innerText()).trim();
    secrets.push(first);
    expect(first).toMatch(/^\S{16}$/);
    await checkPage('user-password');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();
    await page.getByRole('cell', { name: 'wang.lawyer', exact: true }).waitFor();

    // A new password, after confirming; shown once, and not the first one.
    await page.getByTestId('reset-wang.lawyer').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /重设密码/ })
      .click();
    await poll(async () => (await page.getByTestId('shown-password').innerText()).trim()).toMatch(/^\S{16}$/);
    expect((await page.getByTestId('shown-password').innerText()).trim()).not.toBe(first);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();

    await page.getByTestId('disable-wang.lawyer').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await page.getByText('已停用', { exact: true }).waitFor();
    expect(await page.getByTestId('disable-wang.lawyer').count()).toBe(0);
    await checkPage('users-after');
  });

  it('shows the audit log, newest first, with what was done here', async () => {
    await nav(/审计日志/).click();
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    await poll(() => table.innerText()).toMatch(/kiosk/);
    await atBothSizes('audit');
  });

  it('in English too: the console, antd’s own words with it', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await nav(/Kiosks/).click();
    await page.getByRole('heading', { level: 1, name: 'Kiosks' }).waitFor();
    await atBothSizes('fleet-en');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: '终端' }).waitFor();
  });

  it('signs out, and back in by keyboard alone with the next code', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByText('已退出登录').waitFor();
    // The code of the step just used is refused from now on; the next step's is good (one step either side).
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    await page.getByTestId('sign-in-login').focus();
    await page.keyboard.type(ADMIN.login);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('sign-in-code').waitFor();
    await checkPage('sign-in-code');
    await page.keyboard.type(next);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '终端' }).waitFor();
  });

  it('shows the sign-in page again by itself, saying so, once the session has ended', async () => {
    // The session ends behind the page's back (as the hub's idle timeout does): the hub closes the
    // page's live socket for it, and the page needs no click of the person's to know.
    await page.evaluate(() =>
      fetch('/api/session/sign-out', {
        method: 'POST',
        headers: { 'x-hub-request': '1', 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    await page.getByText('登录已失效').waitFor();
    await page.getByTestId('sign-in-login').waitFor();
  });

  it('ran under the hub’s CSP: Ant Design’s styles carry the page’s nonce, and nothing else failed', async () => {
    await page.goto(url);
    await page.getByTestId('sign-in-submit').waitFor();
    const styles = await page.evaluate(() => {
      const nonce = document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')!.content;
      const elements = [...document.querySelectorAll('style')];
      return {
        count: elements.length,
        withoutNonce: elements.filter((s) => s.nonce !== nonce).length,
        // The theme's primary colour, which only the run-time styles give the button.
        primary: getComputedStyle(document.querySelector('[data-testid="sign-in-submit"]')!).backgroundColor,
      };
    });
    expect(styles.count).toBeGreaterThan(0);
    expect(styles).toMatchObject({ withoutNonce: 0, primary: 'rgb(9, 88, 217)' });
    // Refused, as it should be: the <style> a table adds for a moment to measure scrollbars,
    // without the nonce (its size is then the browser's own, which the console does not change).
    // A 401 after the session ended is the browser's own line about a failed request.
    const harmless = /Applying inline style violates|401 \(Unauthorized\)/;
    expect(consoleErrors.filter((e) => !harmless.test(e))).toEqual([]);
  });

  it('left no password, TOTP key or enrollment code in the hub’s log', () => {
    const log = hub.logs.join('');
    expect(log).toContain('api request');
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
  });
});
