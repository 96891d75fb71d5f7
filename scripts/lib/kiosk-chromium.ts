import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { shellSecretScript } from '../../common/shell-handover';
import { CdpPipe, type CdpEvent } from './cdp-pipe';
import { chromiumKioskArgs } from './chromium';

/**
 * The Chromium fallback shell's keeper. It starts Chromium with the DevTools
 * protocol on a pipe (no port, no root) and, for as long as Chromium runs:
 * - keeps the one kiosk page on the service's origin: navigations elsewhere
 *   are answered "204 No Content" before they leave (the page stays as it
 *   was), and anything that commits anyway (about:blank, an error page) is
 *   sent back to the service;
 * - closes every other page (window.open, target=_blank, a new tab or window
 *   from a keyboard) before it runs;
 * - hands the page the service's secret without any URL
 *   (common/shell-handover.ts);
 * - refuses downloads, file choosers and JavaScript dialogs, and swallows
 *   keyboard chords in the page, as the Electron shell does;
 * - sizes the window to the screen, since without a window manager Chromium's
 *   fullscreen does not.
 */

export interface KioskTarget {
  /** `http://127.0.0.1:<port>`: the only origin the window may show. */
  origin: string;
  secret: string;
}

export interface KioskChromiumOptions {
  executable: string;
  profileDir: string;
  sandbox: boolean;
  target: KioskTarget;
  env?: NodeJS.ProcessEnv;
  /** Told about every window closed and navigation stopped (only the URL's origin is passed: a URL may carry what a citizen typed). */
  onBlocked?: (what: { kind: 'window' | 'navigation'; origin: string }) => void;
}

export interface PageTarget {
  targetId: string;
  url: string;
}

export interface KioskChromium {
  child: ChildProcess;
  /** The protocol connection, for the shell's own use and for tests. */
  cdp: CdpPipe;
  /** Chromium's product string, e.g. `Chrome/156.0.8078.129`. */
  product: string;
  /** The kiosk page's protocol session. */
  pageSession: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Opens another origin and secret (the service restarted); the page reloads there. */
  retarget(target: KioskTarget): Promise<void>;
  /** Every page target Chromium has, with its URL. */
  pageTargets(): Promise<PageTarget[]>;
  /** Closes the browser and waits for it to go. */
  close(): Promise<void>;
}

/** Keys the page swallows: chords and function keys are the browser's shortcuts (see electron/input-filter.ts). */
const KEY_GUARD_SCRIPT = `(() => {
  const fn = /^F([1-9]|1\\d|2[0-4])$/;
  const swallow = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || fn.test(e.key) || e.key.startsWith('Browser')) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  };
  window.addEventListener('keydown', swallow, true);
  window.addEventListener('keyup', swallow, true);
})();`;

/** How long the window shows Chromium's error page (the service did not answer) before trying the service again. */
const ERROR_PAGE_RETRY_MS = 2000;
const FIRST_PAGE_TIMEOUT_MS = 30_000;

/** The kiosk window's page: setDiscoverTargets reports every existing target, then each new one. */
function waitForFirstPage(cdp: CdpPipe): Promise<{ targetId: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('Chromium opened no kiosk window'));
    }, FIRST_PAGE_TIMEOUT_MS);
    const off = cdp.onEvent((e) => {
      const info = e.params['targetInfo'] as { targetId: string; type: string } | undefined;
      if (e.method !== 'Target.targetCreated' || info?.type !== 'page') return;
      clearTimeout(timer);
      off();
      resolve(info);
    });
  });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(unparsable)';
  }
}

export async function launchKioskChromium(opts: KioskChromiumOptions): Promise<KioskChromium> {
  // fd 3: our commands to Chromium; fd 4: its answers. Its stderr is only
  // D-Bus and GPU chatter, read and dropped so the pipe never fills.
  const child = spawn(opts.executable, chromiumKioskArgs({ profileDir: opts.profileDir, sandbox: opts.sandbox }), {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    env: opts.env ?? process.env,
    // Its own process group: Ctrl+C in a terminal reaches the shell, which
    // closes the browser in order (profile writes finished) before removing
    // its profile. Killing the shell still ends the browser: its pipe closes.
    detached: true,
  });
  child.stderr!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  void exited.then(() => cdp.close('the browser exited'));

  try {
    return await takeControl(child, cdp, exited, opts);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

async function takeControl(
  child: ChildProcess,
  cdp: CdpPipe,
  exited: KioskChromium['exited'],
  opts: KioskChromiumOptions,
): Promise<KioskChromium> {
  let target = opts.target;
  let kioskTargetId: string | null = null;
  let pageSession = '';
  let secretScriptId: string | null = null;
  let openedService = false;

  const ignore = (): undefined => undefined;
  const closeOther = (targetId: string, url: string): void => {
    if (targetId === kioskTargetId) return;
    opts.onBlocked?.({ kind: 'window', origin: originOf(url) });
    cdp.send('Target.closeTarget', { targetId }).catch(ignore);
  };
  let homeTimer: NodeJS.Timeout | undefined;
  const sendHome = (delayMs = 0): void => {
    clearTimeout(homeTimer);
    homeTimer = setTimeout(() => cdp.send('Page.navigate', { url: `${target.origin}/` }, pageSession).catch(ignore), delayMs);
  };
  void exited.then(() => clearTimeout(homeTimer));

  cdp.onEvent((event: CdpEvent) => {
    const p = event.params;
    switch (event.method) {
      case 'Target.attachedToTarget': {
        const info = p['targetInfo'] as { targetId: string; type: string; url: string };
        const sessionId = p['sessionId'] as string;
        if (info.targetId === kioskTargetId) return;
        if (info.type === 'page') {
          // A popup shares its opener's renderer, which stays paused (and
          // the kiosk page with it) until the popup is let run; its request
          // to leave the origin is stopped like any other (Fetch, below).
          closeOther(info.targetId, info.url);
        }
        cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(ignore);
        return;
      }
      case 'Target.targetCreated': {
        const info = p['targetInfo'] as { targetId: string; type: string; url: string };
        if (info.type === 'page' && kioskTargetId !== null) closeOther(info.targetId, info.url);
        return;
      }
      case 'Fetch.requestPaused': {
        const requestId = p['requestId'] as string;
        const url = (p['request'] as { url: string }).url;
        if (originOf(url) === target.origin) {
          cdp.send('Fetch.continueRequest', { requestId }, event.sessionId).catch(ignore);
          return;
        }
        opts.onBlocked?.({ kind: 'navigation', origin: originOf(url) });
        // A navigation answered "204 No Content" does not happen: the page
        // stays as it was, where a failed one would show an error page.
        cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 204, responseHeaders: [] }, event.sessionId).catch(ignore);
        return;
      }
      case 'Page.frameNavigated': {
        if (event.sessionId !== pageSession || !openedService) return;
        const frame = p['frame'] as { url: string; parentId?: string };
        if (frame.parentId !== undefined || originOf(frame.url) === target.origin) return;
        // Only what no request precedes gets here: about:blank, data:, and
        // Chromium's error page when the service did not answer. That one is
        // retried calmly — the service may be restarting (and the shell then
        // opens its new address anyway) — rather than in a tight loop.
        if (frame.url.startsWith('chrome-error:')) {
          sendHome(ERROR_PAGE_RETRY_MS);
          return;
        }
        opts.onBlocked?.({ kind: 'navigation', origin: originOf(frame.url) });
        sendHome();
        return;
      }
      case 'Page.javascriptDialogOpening':
        cdp.send('Page.handleJavaScriptDialog', { accept: false }, event.sessionId).catch(ignore);
        return;
      case 'Inspector.targetCrashed':
        if (event.sessionId === pageSession) sendHome();
        return;
      default:
        return;
    }
  });

  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  // The pipe may answer before the kiosk window exists: wait for its page.
  const firstPage = waitForFirstPage(cdp);
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  const page = await firstPage;
  kioskTargetId = page.targetId;
  ({ sessionId: pageSession } = (await cdp.send('Target.attachToTarget', { targetId: page.targetId, flatten: true })) as { sessionId: string });
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };

  await cdp.send('Browser.setDownloadBehavior', { behavior: 'deny' });
  // Every page that appears from now on is paused before it runs a line, then closed.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true, filter: [{ type: 'page' }] });
  for (const t of targetInfos) if (t.type === 'page') closeOther(t.targetId, t.url);

  await cdp.send('Page.enable', {}, pageSession);
  await cdp.send('Page.setInterceptFileChooserDialog', { enabled: true }, pageSession);
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: KEY_GUARD_SCRIPT }, pageSession);
  // For the whole browser, not only the kiosk page: a new tab's first
  // request may leave before the tab can be closed.
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] });
  await fitWindowToScreen(cdp, page.targetId, pageSession);

  const openService = async (next: KioskTarget): Promise<void> => {
    if (secretScriptId !== null) await cdp.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: secretScriptId }, pageSession);
    target = next;
    ({ identifier: secretScriptId } = (await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: shellSecretScript(next.origin, next.secret) }, pageSession)) as {
      identifier: string;
    });
    openedService = true;
    await cdp.send('Page.navigate', { url: `${next.origin}/` }, pageSession);
  };
  await openService(target);

  return {
    child,
    cdp,
    product,
    pageSession,
    exited,
    retarget: openService,
    async pageTargets() {
      const { targetInfos: now } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
      return now.filter((t) => t.type === 'page').map((t) => ({ targetId: t.targetId, url: t.url }));
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await cdp.send('Browser.close').catch(ignore);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Sizes the window to the whole screen. Chromium's X11 code shrinks a window
 * asked for at exactly a monitor's size by one pixel (some window managers
 * take such a window for fullscreen), and without a window manager nothing
 * else ever resizes it; so when the exact size comes back short, the window
 * is made one pixel larger than the screen, which still covers all of it.
 * Then the fullscreen state, which a window manager (if any) honours exactly.
 */
async function fitWindowToScreen(cdp: CdpPipe, targetId: string, pageSession: string): Promise<void> {
  const { result } = (await cdp.send('Runtime.evaluate', { expression: '[screen.width, screen.height]', returnByValue: true }, pageSession)) as {
    result: { value: [number, number] };
  };
  const [width, height] = result.value;
  const { windowId } = (await cdp.send('Browser.getWindowForTarget', { targetId })) as { windowId: number };
  const bounds = async (): Promise<{ width: number; height: number }> =>
    ((await cdp.send('Browser.getWindowBounds', { windowId })) as { bounds: { width: number; height: number } }).bounds;
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } });
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 0, top: 0, width, height } });
  const got = await bounds();
  if (got.width < width || got.height < height) {
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 0, top: 0, width: width + 1, height: height + 1 } });
  }
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'fullscreen' } });
}

