import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Health } from '../../common/api/health';
import type { SubmissionPayload } from '../../common/api/submissions';
import { formatReference } from '../../common/reference-number';
import { deliverSubmission } from '../../service/hub/hub-client';
import { readIdentity } from '../../service/hub/hub-identity';
import { TEST_HEARTBEAT_ENV } from '../../service/hub/test-heartbeat-interval';
import { callApi, launchChromium, startKiosk, type RunningKiosk } from './harness';
import { DESK_SIZES, firstSignIn as signInFirst, pageChecks, poll } from './hub-console-pages';
import { hubctl, kioskctl, startHubProcess, type HubProcess } from './hub-processes';

/**
 * The fleet live, end to end (issue 13): `npm run hub`'s program, an
 * administrator in Chromium who signs in with TOTP and makes an enrollment
 * code, and a real kiosk service on the demo configuration (simulated
 * devices, its own data directory) enrolled with `kioskctl hub enroll` and
 * approved in the console. The kiosk's printer runs out of paper on the
 * simulator: the alert is on the console's page within ten seconds, pushed
 * over the console's live socket, with nobody reloading; paper back, it
 * clears the same way. The kiosk's opening hours are changed on its page.
 * Revoked in the console, the kiosk is refused from its next request and
 * its socket is closed, which the kiosk itself says. Then another
 * administrator's second factor is reset, and sign-ins from an address that
 * failed too often are refused with the time to wait. Every new page is
 * checked with axe at both desk sizes and kept as a screenshot.
 */

const ADMIN = { login: 'fleet-admin', password: 'Guan-li-yuan-2026!' };
/** Another administrator, who loses their phone. */
const OTHER = { login: 'other-admin', password: 'Ling-yi-wei-2026!' };
/** From the simulate call to the alert on the page, on a busy two-core machine. */
const ALERT_SHOWN_WITHIN_MS = 10_000;

let dataDir: string;
let hub: HubProcess;
let url: string;
let kiosk: RunningKiosk | undefined;
let browser: Browser;
let page: Page;
const kioskDir = () => join(dataDir, 'kiosk');
const callback: SubmissionPayload<'callback-request'> = {
  phone: '13987654321',
  topic: 'labour',
  reason: 'no-lawyer',
  consent: { agreed: true, noticeVersion: 'callback-2026-01', at: '2026-03-02T17:19:00+08:00' },
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-console-fleet-e2e-'));
  mkdirSync(join(dataDir, 'hub'), { mode: 0o700 });
  hub = startHubProcess(join(dataDir, 'hub'));
  url = await hub.url;
  for (const account of [ADMIN, OTHER]) {
    const added = await hubctl(
      join(dataDir, 'hub'),
      ['user', 'add', '--login', account.login, '--role', 'administrator', '--password-stdin'],
      account.password,
    );
    expect(added.code, added.stderr).toBe(0);
  }
  browser = await launchChromium({ jsFlags: null });
  page = await browser.newPage({ viewport: DESK_SIZES[0] });
  // Sign-in hashes with argon2: on a busy 2-core machine an answer can take seconds.
  page.setDefaultTimeout(20_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** An administrator's first sign-in, landing on the fleet. */
const firstSignIn = (p: Page, account: { login: string; password: string }) => signInFirst(p, url, account, '终端');

const { settled, checkPage, atBothSizes, confirmDialog, pickOption: pickTime } = pageChecks(() => page);

/** The kiosk's own health, as its UI reads it. */
const kioskHub = async () => (await callApi<Health>(kiosk!, '/api/health')).subsystems.hub;

describe('the fleet, live in the console', () => {
  let code: string;

  it('an administrator signs in and sets up TOTP, then makes an enrollment code', async () => {
    await firstSignIn(page, ADMIN);
    // No alerts yet, said as such.
    await page.getByText('你管理的终端目前没有告警').waitFor();

    await page
      .getByRole('navigation')
      .getByRole('link', { name: /注册码/ })
      .click();
    await page.getByTestId('enroll-region').fill('420111');
    await page.getByTestId('enroll-site').fill('洪山区街道中心');
    await page.getByTestId('enroll-create').click();
    code = (await page.getByTestId('enroll-code').innerText()).trim();
  });

  it('a kiosk enrolls with kioskctl, is approved in the console, and its service shows online with its versions', async () => {
    const enrolled = await kioskctl(kioskDir(), ['hub', 'enroll', '--hub', url, '--code', code]);
    expect(enrolled.code, enrolled.stderr).toBe(0);

    await page.getByRole('navigation').getByRole('link', { name: /终端/ }).click();
    const region = page.getByTestId('region-420111');
    await poll(() => region.getByTestId('kiosk-status').innerText()).toBe('待批准');
    await page.getByTestId('approve-1').click();
    await confirmDialog();
    await poll(() => region.getByTestId('kiosk-status').innerText()).toBe('已批准');
    // Approved but never heard from: offline.
    await poll(() => region.getByTestId('kiosk-online').innerText()).toBe('离线');

    // The kiosk's service, beating every second instead of every half minute.
    process.env[TEST_HEARTBEAT_ENV] = '1000';
    kiosk = await startKiosk({ dataDir: kioskDir() });
    await poll(kioskHub).toEqual({ state: 'ok', reason: 'connected' });
    // Nobody reloads: the console's socket brings it.
    await poll(() => region.getByTestId('kiosk-online').innerText()).toBe('在线');
    await poll(() => region.innerText()).toMatch(/程序 \d+\.\d+\.\d+/);
    await poll(() => page.getByTestId('live-state').getAttribute('data-state')).toBe('live');
    await atBothSizes('fleet-live');
  });

  it('shows the printer out of paper within ten seconds of it running out, on the fleet and the kiosk’s page', async () => {
    const alerts = page.getByTestId('open-alerts');
    const ranOut = Date.now();
    await callApi(kiosk!, '/api/simulate', { printer: { paper: 'out' } });
    await alerts.getByTestId('alert-printer-paper-out').waitFor({ timeout: ALERT_SHOWN_WITHIN_MS });
    expect(Date.now() - ranOut).toBeLessThan(ALERT_SHOWN_WITHIN_MS);
    expect(await alerts.innerText()).toContain('请放入新的热敏打印纸');
    expect(await page.getByTestId('region-420111').getByTestId('alert-printer-paper-out').count()).toBe(1);
    await atBothSizes('fleet-alert');

    await alerts.getByRole('link', { name: /的告警/ }).click();
    const open = page.getByTestId('kiosk-alerts');
    await open.getByTestId('alert-printer-paper-out').waitFor();
    await poll(() => page.getByTestId('kiosk-devices').innerText()).toMatch(/打印机\s+不可用 paper-out/);
    await poll(() => page.getByTestId('kiosk-health').innerText()).toContain('paper-out');
    await atBothSizes('kiosk-alert');
  });

  it('clears the alert on the page once paper is back, and keeps it in the history', async () => {
    const back = Date.now();
    await callApi(kiosk!, '/api/simulate', { printer: { paper: 'ok' } });
    await page.getByText('这台终端没有未处理的告警').waitFor({ timeout: ALERT_SHOWN_WITHIN_MS });
    expect(Date.now() - back).toBeLessThan(ALERT_SHOWN_WITHIN_MS);
    const history = page.getByTestId('kiosk-alert-history');
    await poll(() => history.innerText()).toContain('打印机缺纸');
    expect(await history.innerText()).not.toContain('未解除');
    await poll(() => page.getByTestId('kiosk-devices').innerText()).toMatch(/打印机\s+正常/);
  });

  it('shows the kiosk’s outbox: how many submissions wait for the hub, and since when the oldest does', async () => {
    // The hub has this key from this kiosk for another submission already (a records.db restored from an old
    // backup): it refuses the kiosk's, which stays in the outbox, failing.
    const key = randomUUID();
    await deliverSubmission(readIdentity(kioskDir())!, {
      idempotencyKey: key,
      kind: 'callback-request',
      reference: formatReference({ letter: 'C', day: '2026-03-02', serialNumber: 1 }),
      createdAt: new Date().toISOString(),
      payload: { ...callback, topic: 'family' },
    });
    await callApi(kiosk!, '/api/submissions', { kind: 'callback-request', payload: callback, idempotencyKey: key });
    await page.getByRole('navigation').getByRole('link', { name: /终端/ }).click();
    const region = page.getByTestId('region-420111');
    await poll(() => region.innerText()).toMatch(/1 件待送达，最早 \d+分钟前/);
    await region.getByRole('link', { name: /^查看 / }).click();
    await poll(() => page.getByTestId('kiosk-summary').innerText()).toMatch(/1 件待送达，最早 \d+分钟前/);
  });

  it('changes the kiosk’s opening hours: the hub’s problems under their day, then saved, then back to the default', async () => {
    const hours = page.getByTestId('kiosk-hours');
    await hours.getByTestId('hours-default').waitFor();
    await page.getByTestId('hours-edit').click();
    await page.getByTestId('hours-form').waitFor();
    // Monday closes before it opens; Sunday closed.
    await pickTime('周一第 1 个时段的结束时间', '08:00');
    await page.getByRole('button', { name: '删除周日的第 1 个时段' }).click();
    await page.getByTestId('hours-save').click();
    await poll(() => page.getByTestId('hours-mon-problems').innerText()).toContain(
      '周一的“08:30-08:00”结束时间要晚于开始时间',
    );
    expect(await page.getByTestId('hours-tue-problems').count()).toBe(0);
    await atBothSizes('kiosk-hours-problems');

    // A lunch break: 08:30–12:00 and 14:00–17:30.
    await pickTime('周一第 1 个时段的结束时间', '12:00');
    await page.getByTestId('hours-mon-add').click();
    await pickTime('周一第 2 个时段的开始时间', '14:00');
    await pickTime('周一第 2 个时段的结束时间', '17:30');
    await page.getByTestId('hours-save').click();
    await page.getByText('营业时间已保存').waitFor();
    await poll(() => hours.innerText()).toMatch(/周一\s*08:30-12:00、14:00-17:30/);
    expect(await hours.innerText()).toMatch(/周日\s*休息/);
    expect(await hours.getByTestId('hours-default').count()).toBe(0);
    const shown = await hubctl(join(dataDir, 'hub'), ['kiosk', 'hours', '1'], undefined, { LANG: 'C.UTF-8' });
    expect(shown.stdout).toMatch(/Monday\s+08:30-12:00, 14:00-17:30/);

    await page.getByTestId('hours-default-button').click();
    await confirmDialog();
    await hours.getByTestId('hours-default').waitFor();
    expect(await hours.innerText()).toMatch(/周日\s*08:30-17:30/);
  });

  it('sends the kiosk commands from its page: maintenance on and off, and its logs, each done and shown', async () => {
    const commands = page.getByTestId('kiosk-commands');
    const send = async (kind: string): Promise<void> => {
      await pickTime('命令', kind);
      await commands.getByTestId('command-send').click();
      // Pushed over the kiosk's socket, run, reported; the console hears the kiosk changed and reads again.
      await poll(() => commands.innerText()).toMatch(new RegExp(`${kind}\\s+已完成`));
    };
    await send('进入维护模式');
    expect((await callApi<Health>(kiosk!, '/api/health')).maintenance).toEqual({ since: expect.any(String) });
    await send('收集日志');
    await commands.getByRole('button', { name: '查看日志' }).click();
    await poll(() => page.locator('.console-logs').innerText()).toContain('command from the hub');
    await atBothSizes('kiosk-commands-logs');
    await page.keyboard.press('Escape');
    await send('退出维护模式');
    expect((await callApi<Health>(kiosk!, '/api/health')).maintenance).toBeUndefined();
  });

  it('revokes the kiosk in the console: its socket is closed and its next request refused, as the kiosk says', async () => {
    await page.getByTestId('revoke-1').click();
    await confirmDialog();
    await poll(() => page.getByTestId('kiosk-status').innerText()).toBe('已撤销');
    // The hub closed its socket (4003): the kiosk's link says refused, and why.
    await poll(kioskHub).toEqual({ state: 'unavailable', reason: 'refused', detail: 'kiosk revoked' });
    const status = await kioskctl(kioskDir(), ['hub', 'status']);
    expect(status).toMatchObject({ code: 1, stdout: expect.stringContaining('was revoked') });
    // Its alerts are cleared with it, and the hours of a revoked kiosk are not for changing.
    expect(await page.getByTestId('hours-edit').count()).toBe(0);
    await atBothSizes('kiosk-revoked');
  });

  it('resets another administrator’s second factor, who sets it up again at the next sign-in', async () => {
    const elsewhere = await browser.newContext();
    await firstSignIn(await elsewhere.newPage(), OTHER);
    await elsewhere.close();

    await page.getByRole('navigation').getByRole('link', { name: /账户/ }).click();
    await page.getByTestId(`reset-totp-${OTHER.login}`).click();
    await page.getByRole('dialog').getByTestId('confirm-ok').waitFor();
    await atBothSizes('reset-totp-confirm');
    await page.getByRole('dialog').getByTestId('confirm-ok').click();
    const done = page.getByTestId('reset-totp-done');
    await done.waitFor();
    await settled();
    expect(await page.getByRole('dialog').innerText()).toContain('这个账户下次登录时要重新设置验证器');
    await checkPage('reset-totp-done');
    await done.click();
    const row = page.getByRole('row', { name: new RegExp(OTHER.login) });
    await poll(() => row.innerText()).toContain('未设置双因素验证');
    expect(await page.getByTestId(`reset-totp-${OTHER.login}`).count()).toBe(0);
    await atBothSizes('users-totp-reset');
  });

  it('refuses sign-ins from an address that failed too often, saying until when', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByText('已退出登录').waitFor();
    // Ten wrong passwords from this address, whoever they were for.
    for (let i = 0; i < 10; i++)
      await page.evaluate(() =>
        fetch('/api/session/sign-in', {
          method: 'POST',
          headers: { 'x-hub-request': '1', 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'nobody', password: 'Not-the-password-2026!' }),
        }),
      );
    await page.getByTestId('sign-in-login').fill(ADMIN.login);
    await page.getByTestId('sign-in-password').fill(ADMIN.password);
    await page.getByTestId('sign-in-submit').click();
    await poll(() => page.getByTestId('sign-in-problem').innerText()).toMatch(
      /^从这台电脑登录失败的次数太多，请在 .*\d{1,2}:\d{2}.* 以后再试。$/,
    );
    await checkPage('sign-in-too-many');
  });
});
