import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProfile, removeProfile } from '../../scripts/lib/chromium-profile';
import { launchKioskChromium, type KioskChromium } from '../../scripts/lib/kiosk-chromium';
import { CHROMIUM_PATH, PORTRAIT, startKiosk, type RunningKiosk } from './harness';
import { startXvfb } from './xvfb';

/**
 * Run by chromium-shell-policy.test.ts inside a private mount namespace whose
 * /etc/chromium holds the kiosk's shipped policy: the Chromium shell as a
 * terminal runs it, where no DevTools client may attach to the page. Prints
 * one JSON object of what it saw.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Service log lines of API requests the page made, by path and status. */
function apiRequests(kiosk: RunningKiosk): { url: string; status: number }[] {
  return kiosk.stdout.flatMap((line) => {
    try {
      const r = JSON.parse(line) as { msg?: string; url?: string; status?: number };
      return r.msg === 'api request' && r.url !== undefined && r.status !== undefined
        ? [{ url: r.url, status: r.status }]
        : [];
    } catch {
      return [];
    }
  });
}

/** Waits until the page has fetched its attract slides with the secret (the cookie) — the UI is up. */
async function pageReached(kiosk: RunningKiosk): Promise<boolean> {
  for (let i = 0; i < 150; i++) {
    if (apiRequests(kiosk).some((r) => r.url === '/api/content/slides' && r.status === 200)) return true;
    await sleep(200);
  }
  return false;
}

const origins = async (shell: KioskChromium): Promise<string[]> =>
  (await shell.pageTargets()).map((p) => new URL(p.url).origin);

const elsewhereHits: string[] = [];
const elsewhere = createServer((req, res) => {
  elsewhereHits.push(req.url ?? '');
  res.end('elsewhere');
});
await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
const elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;

const xvfb = await startXvfb(PORTRAIT);
const kiosk = await startKiosk();
let restarted: RunningKiosk | undefined;
const profileDir = createProfile();
const result: Record<string, unknown> = {};
let shell: KioskChromium | undefined;
try {
  shell = await launchKioskChromium({
    executable: CHROMIUM_PATH,
    profileDir,
    sandbox: process.getuid?.() !== 0,
    target: { origin: kiosk.origin, secret: kiosk.secret },
    env: { ...process.env, DISPLAY: xvfb.display },
  });
  result['attached'] = shell.pageSession !== null;
  result['reached'] = await pageReached(kiosk);
  result['refused'] = apiRequests(kiosk).filter((r) => r.status === 401).length;
  result['pages'] = await origins(shell);

  // A window a keyboard or a script opens elsewhere: closed.
  await shell.cdp.send('Target.createTarget', { url: `${elsewhereUrl}new-window` });
  await sleep(1500);
  result['pagesAfterNewWindow'] = await origins(shell);

  // The window fills the screen (one pixel more where X11 shrinks an exact fit).
  const [kioskPage] = await shell.pageTargets();
  const { windowId } = (await shell.cdp.send('Browser.getWindowForTarget', { targetId: kioskPage!.targetId })) as {
    windowId: number;
  };
  result['bounds'] = ((await shell.cdp.send('Browser.getWindowBounds', { windowId })) as { bounds: unknown }).bounds;

  // The service restarted: new port, new secret; the page follows with the new cookie.
  restarted = await startKiosk();
  await shell.retarget({ origin: restarted.origin, secret: restarted.secret });
  result['reachedAfterRestart'] = await pageReached(restarted);
  result['refusedAfterRestart'] = apiRequests(restarted).filter((r) => r.status === 401).length;
  result['pagesAfterRestart'] = await origins(shell);
  result['elsewhereHits'] = elsewhereHits;
} catch (error) {
  result['error'] = String(error);
} finally {
  await shell?.close();
  removeProfile(profileDir);
  await restarted?.stop();
  await kiosk.stop();
  await xvfb.stop();
  elsewhere.close();
}
process.stdout.write(`${JSON.stringify(result)}\n`);
