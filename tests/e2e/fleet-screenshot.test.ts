import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { CommandDetail as CommandDetailSchema, FleetCommandSummary } from '../../common/hub/api/fleet-commands';

type CommandDetail = z.infer<typeof CommandDetailSchema>;
import { connectCaptureLink, type CaptureLink } from '../../electron/screen-capture-link';
import { findCommand, sendCommand } from '../../hub/storage/kiosk-commands';
import { openSession } from '../../hub/storage/sessions';
import { T0, useTestHub } from '../../hub/testing/test-hub';
import { ATTRACT_SETTLE_MS } from '../../service/hub/hub-commands';
import { saveIdentity } from '../../service/hub/hub-identity';
import { TEST_HEARTBEAT_ENV } from '../../service/hub/test-heartbeat-interval';
import { waitFor } from './content-update-rig';
import { PORTRAIT, launchChromium, openHome, startKiosk, type RunningKiosk } from './harness';

/**
 * A fleet `screenshot` from a real hub to the real, built kiosk service,
 * while a citizen uses the touchscreen in Chromium. The shell's end is the
 * Electron shell's own link (electron/screen-capture-link.ts) over the
 * service's shell socket; only the picture itself comes from Chromium
 * (CDP's Page.captureScreenshot) where Electron would call capturePage.
 * When to take it — not during the session, before the expiry or never —
 * is the service's decision, and is what this tests.
 */

type Capture = { attractOnScreen: boolean };

describe('a screenshot command and a citizen’s session', () => {
  const hub = useTestHub('sqlite', { listen: true });
  let browser: Browser;
  const cleanup: (() => Promise<unknown> | void)[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  /** `shellCaptures`: started as the Electron shell starts it, saying a shell will connect to take screenshots. */
  async function start(opts: { shellCaptures?: boolean } = {}) {
    // The kiosk signs with its own clock: the hub's must be today's.
    hub.advance(Date.now() - T0.getTime());
    const admin = await hub.addAccount('admin', 'administrator');
    const token = await openSession(hub.storage.storage.db, admin.id, 'full', hub.now());
    const added = await hub.addKiosk('approved');
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-screenshot-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    saveIdentity(dataDir, added.privateKey, {
      hubUrl: `http://127.0.0.1:${hub.server.port}`,
      kioskId: added.id,
      keyFingerprint: 'test',
      enrolledAt: new Date().toISOString(),
      status: 'approved',
      checkedAt: new Date().toISOString(),
    });
    // Beats often: a command waiting on the kiosk is offered again and again, and still runs once.
    const run = async (): Promise<RunningKiosk> => {
      const k = await startKiosk({
        dataDir,
        env: { [TEST_HEARTBEAT_ENV]: '200' },
        extraArgs: opts.shellCaptures === true ? ['--shell-captures'] : [],
      });
      cleanup.push(() => k.stop());
      return k;
    };
    const kiosk = await run();
    const logsOf = (k: RunningKiosk) => () =>
      k.stdout.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const logs = logsOf(kiosk);
    await waitFor(() => logs().some((l) => l['msg'] === 'connected to the hub'), 15_000);

    // A citizen at the touchscreen: woken from the attract loop to the home screen. The touch's
    // session start goes out beside the home screen's own requests: answered, the service knows
    // a citizen is here (a command sent before could rightly run at once).
    let sessionStarted: Promise<unknown> | undefined;
    const { context, page } = await openHome(browser, kiosk, PORTRAIT, {
      prepare: async (p) => {
        sessionStarted = p.waitForResponse((r) => r.url().endsWith('/api/session/start') && r.ok(), {
          timeout: 30_000,
        });
      },
    });
    cleanup.push(() => context.close());
    await sessionStarted;
    const cdp: CDPSession = await context.newCDPSession(page);

    // The shell: what was on screen at each capture is noted beside the picture.
    const captures: Capture[] = [];
    const connectShell = async (k: RunningKiosk): Promise<CaptureLink> => {
      const link = connectCaptureLink({
        origin: k.origin,
        secret: k.secret,
        capture: async () => {
          captures.push({ attractOnScreen: await attractOnScreen(page) });
          const shot = (await cdp.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
          return { png: Buffer.from(shot.data, 'base64') };
        },
        log: () => undefined,
      });
      cleanup.push(() => link.close());
      await waitFor(() => logsOf(k)().some((l) => l['msg'] === 'the shell connected to take screenshots'), 10_000);
      return link;
    };
    const link = await connectShell(kiosk);

    const send = async (): Promise<FleetCommandSummary> => {
      const res = await hub.call({
        method: 'POST',
        path: '/api/kiosks/commands/send',
        token,
        body: { kioskId: added.id, kind: 'screenshot' },
      });
      expect(res.statusCode).toBe(200);
      return res.json<FleetCommandSummary>();
    };
    /** What the console's command page (and `hubctl command show`) reads. */
    const show = async (id: string): Promise<CommandDetail> => {
      const res = await hub.call({ method: 'POST', path: '/api/kiosks/commands/show', token, body: { commandId: id } });
      expect(res.statusCode).toBe(200);
      return res.json<CommandDetail>();
    };
    return { kiosk, page, logs, captures, send, show, link, run, connectShell, kioskId: added.id, adminId: admin.id };
  }

  it('waits while the session runs, then the attract loop’s PNG reaches the console', async () => {
    const { page, logs, captures, send, show } = await start();
    const sent = await send();
    await waitFor(() =>
      logs().some((l) => l['commandId'] === sent.id && l['msg'] === 'command waits for the attract loop'),
    );
    // Offered with a beat every 200 ms meanwhile, and not taken.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await show(sent.id)).command.state).toBe('delivered');
    expect(captures).toEqual([]);

    // 结束使用: the kiosk goes back to the attract loop; only now is the screen taken.
    await page.getByTestId('session-finish').tap();
    await waitFor(async () => (await show(sent.id)).command.state === 'done', 15_000);
    expect(captures).toEqual([{ attractOnScreen: true }]);
    const detail = await show(sent.id);
    expect(detail.command).toMatchObject({ resultDetail: 'taken in the attract loop', payloadKind: 'png' });
    expect(detail.payload?.kind).toBe('png');
    const png = PNG.sync.read(Buffer.from(detail.payload?.kind === 'png' ? detail.payload.base64 : '', 'base64'));
    expect({ width: png.width, height: png.height }).toEqual(PORTRAIT);
    expect(logs().filter((l) => l['commandId'] === sent.id && l['msg'] === 'command from the hub')).toHaveLength(1);
  });

  it('a screenshot that expires during a long session is reported failed, and is not taken afterwards', async () => {
    const { page, logs, captures, show, kioskId, adminId } = await start();
    // Sent as the console would, but living seconds where the console allows a minute at least.
    const sent = await sendCommand(
      hub.storage.storage.db,
      { kioskId, kind: 'screenshot', expiresAt: new Date(Date.now() + 3000) },
      { userId: adminId },
      hub.now(),
    );
    if (sent.outcome !== 'sent') throw new Error(`not sent: ${sent.outcome}`);
    const id = sent.command.id;
    await waitFor(() => logs().some((l) => l['commandId'] === id && l['msg'] === 'command waits for the attract loop'));
    // The citizen is still there when it expires.
    await waitFor(async () => (await show(id)).command.state === 'failed', 15_000);
    expect((await show(id)).command.resultDetail).toMatch(
      /^expired at .* while a citizen used the kiosk; no screenshot was taken$/,
    );
    expect((await show(id)).payload).toBeNull();
    await page.getByTestId('session-finish').tap();
    await page.locator('.attract').waitFor();
    // Longer than the service lets the attract loop settle before it would ask the shell.
    await new Promise((r) => setTimeout(r, ATTRACT_SETTLE_MS + 1500));
    expect(captures).toEqual([]);
    expect((await findCommand(hub.storage.storage.db, id))?.command.state).toBe('failed');
  });
  it('a screenshot waiting when the service is killed is taken once it runs again and its shell is back', async () => {
    const { kiosk, page, logs, captures, send, show, link, run, connectShell } = await start({ shellCaptures: true });
    const sent = await send();
    await waitFor(() =>
      logs().some((l) => l['commandId'] === sent.id && l['msg'] === 'command waits for the attract loop'),
    );
    // The power goes: the service dies mid-session, and its shell with it.
    link.close();
    kiosk.child.kill('SIGKILL');
    await kiosk.exited;
    expect((await show(sent.id)).command.state).toBe('delivered');

    // Back: the service starts on the same records.db, the screen loads again (to the attract loop), the shell connects.
    const again = await run();
    await page.goto(again.url);
    await page.getByTestId('attract').waitFor();
    await connectShell(again);
    await waitFor(async () => (await show(sent.id)).command.state === 'done', 20_000);
    expect(captures).toEqual([{ attractOnScreen: true }]);
    expect((await show(sent.id)).payload?.kind).toBe('png');
  });
});

/** Whether the attract loop is what the page shows (it covers the whole screen). */
async function attractOnScreen(page: Page): Promise<boolean> {
  return page.getByTestId('attract').isVisible();
}
