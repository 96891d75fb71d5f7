import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { kioskPageUrl, secretCookie } from '../../common/shell-handover';
import { CdpError, CdpPipe, type CdpEvent } from './cdp-pipe';
import { chromiumKioskArgs, mediaPermissionCommands } from './chromium';

/**
 * The Chromium fallback shell's keeper. It starts Chromium with the DevTools
 * protocol on a pipe (no port, no root) and, for as long as Chromium runs:
 * - keeps the one kiosk page on the service's origin: navigations elsewhere
 *   are answered "204 No Content" before they leave (the page stays as it
 *   was), and anything that commits anyway (about:blank, an error page) is
 *   sent back to the service;
 * - closes every other page (window.open, target=_blank, a new tab or window
 *   from a keyboard) before it runs;
 * - hands the page the service's secret without any URL, as a cookie set
 *   in the browser's own cookie store (common/shell-handover.ts);
 * - refuses downloads, file choosers and JavaScript dialogs (the page itself
 *   swallows the browser's keyboard shortcuts: renderer/app/key-guard.ts);
 * - sizes the window to the screen, since without a window manager Chromium's
 *   fullscreen does not;
 * - grants the camera and microphone to the service's origin alone, for the
 *   video consultation (every other permission is refused by flag).
 *
 * Under the kiosk's managed policy (kiosk-config/chromium-policy/) DevTools
 * are off, and Chromium then refuses to let any DevTools client attach to a
 * page, this one included: the page-level guards (dialogs, file chooser,
 * sending the page back with Page.navigate) are then the policy's to keep,
 * and everything here works on the browser's own session — the cookie,
 * closing other pages, stopping navigations (Fetch), and putting the kiosk
 * page back by opening a fresh one and closing the one that strayed.
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
  /** The kiosk page's protocol session; null under the kiosk's policy, which lets no client attach to a page. */
  pageSession: string | null;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Opens another origin and secret (the service restarted); the page reloads there. */
  retarget(target: KioskTarget): Promise<void>;
  /** Every page target Chromium has, with its URL. */
  pageTargets(): Promise<PageTarget[]>;
  /** Closes the browser and waits for it to go. */
  close(): Promise<void>;
}

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
  let pageSession: string | null = null;
  let openedService = false;
  // While a fresh kiosk page is being opened (policy mode), new pages are not closed on sight.
  let adopting = false;

  const ignore = (): undefined => undefined;
  const closeOther = (targetId: string, url: string): void => {
    if (targetId === kioskTargetId) return;
    opts.onBlocked?.({ kind: 'window', origin: originOf(url) });
    cdp.send('Target.closeTarget', { targetId }).catch(ignore);
  };
  let homeTimer: NodeJS.Timeout | undefined;
  const sendHome = (delayMs = 0): void => {
    clearTimeout(homeTimer);
    homeTimer = setTimeout(() => void goTo(kioskPageUrl(target.origin)).catch(ignore), delayMs);
  };
  /**
   * The kiosk page left the service for `url`. Only what no request precedes
   * gets here (requests elsewhere are stopped): about:blank, data:, and
   * Chromium's error page when the service did not answer. That one is
   * retried calmly — the service may be restarting (and the shell then opens
   * its new address anyway) — rather than in a tight loop.
   */
  const bringBack = (url: string): void => {
    if (url.startsWith('chrome-error:')) {
      sendHome(ERROR_PAGE_RETRY_MS);
      return;
    }
    opts.onBlocked?.({ kind: 'navigation', origin: originOf(url) });
    sendHome();
  };
  /** Shows `url` in the kiosk window: a navigation where the shell may drive the page, else a fresh page in place of the old. */
  const goTo = async (url: string): Promise<void> => {
    if (pageSession !== null) {
      await cdp.send('Page.navigate', { url }, pageSession);
      return;
    }
    adopting = true;
    try {
      const { targetId } = (await cdp.send('Target.createTarget', { url })) as { targetId: string };
      kioskTargetId = targetId;
    } finally {
      adopting = false;
    }
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    for (const t of targetInfos)
      if (t.type === 'page' && t.targetId !== kioskTargetId)
        cdp.send('Target.closeTarget', { targetId: t.targetId }).catch(ignore);
    await fitWindowToScreen(cdp, kioskTargetId, null, opts.env);
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
        if (info.type === 'page' && kioskTargetId !== null && !adopting) closeOther(info.targetId, info.url);
        return;
      }
      case 'Target.targetInfoChanged': {
        // Where the shell may not watch the page itself (policy mode), its address changes here.
        if (pageSession !== null || !openedService) return;
        const info = p['targetInfo'] as { targetId: string; type: string; url: string };
        if (info.targetId !== kioskTargetId || info.url === '' || originOf(info.url) === target.origin) return;
        bringBack(info.url);
        return;
      }
      case 'Fetch.requestPaused': {
        const requestId = p['requestId'] as string;
        const url = (p['request'] as { url: string }).url;
        if (originOf(url) === target.origin) {
          // Each time the kiosk page loads, its cookie is set again first: the
          // browser may have lost it (its network process restarted, say), and
          // a page without it could not reach the service.
          cdp
            .send('Storage.setCookies', { cookies: [secretCookie(target.origin, target.secret)] })
            .catch(ignore)
            .finally(() => cdp.send('Fetch.continueRequest', { requestId }, event.sessionId).catch(ignore));
          return;
        }
        opts.onBlocked?.({ kind: 'navigation', origin: originOf(url) });
        // A navigation answered "204 No Content" does not happen: the page
        // stays as it was, where a failed one would show an error page.
        cdp
          .send('Fetch.fulfillRequest', { requestId, responseCode: 204, responseHeaders: [] }, event.sessionId)
          .catch(ignore);
        return;
      }
      case 'Page.frameNavigated': {
        if (event.sessionId !== pageSession || !openedService) return;
        const frame = p['frame'] as { url: string; parentId?: string };
        if (frame.parentId !== undefined || originOf(frame.url) === target.origin) return;
        bringBack(frame.url);
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
  pageSession = await attachIfAllowed(cdp, page.targetId);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };

  await cdp.send('Browser.setDownloadBehavior', { behavior: 'deny' });
  // Every page that appears from now on is paused before it runs a line, then closed.
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: true,
    filter: [{ type: 'page' }],
  });
  for (const t of targetInfos) if (t.type === 'page') closeOther(t.targetId, t.url);

  if (pageSession !== null) {
    await cdp.send('Page.enable', {}, pageSession);
    await cdp.send('Page.setInterceptFileChooserDialog', { enabled: true }, pageSession);
  }
  // For the whole browser, not only the kiosk page: a new tab's first
  // request may leave before the tab can be closed.
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }],
  });
  await fitWindowToScreen(cdp, page.targetId, pageSession, opts.env);

  const openService = async (next: KioskTarget): Promise<void> => {
    target = next;
    // Before the page asks for anything: a new boot's cookie replaces the old.
    await cdp.send('Storage.setCookies', { cookies: [secretCookie(next.origin, next.secret)] });
    // The camera and microphone for the video consultation: this origin's only (the old one's taken back).
    // A browser that refused these would still show the kiosk (its managed policy may grant the camera itself):
    // the call screen then says the camera cannot be used, rather than the whole kiosk staying dark.
    for (const { method, params } of mediaPermissionCommands(next.origin)) await cdp.send(method, params).catch(ignore);
    openedService = true;
    await goTo(kioskPageUrl(next.origin));
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
      const { targetInfos: now } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { targetId: string; type: string; url: string }[];
      };
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
async function fitWindowToScreen(
  cdp: CdpPipe,
  targetId: string,
  pageSession: string | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const { windowId } = (await cdp.send('Browser.getWindowForTarget', { targetId })) as { windowId: number };
  const screen = pageSession !== null ? await screenSizeFromPage(cdp, pageSession) : screenSizeFromX(env);
  if (screen === undefined) {
    // Not X11 (a Wayland kiosk compositor such as cage sizes the window itself), or no xdpyinfo.
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'fullscreen' } });
    return;
  }
  const [width, height] = screen;
  const bounds = async (): Promise<{ width: number; height: number }> =>
    ((await cdp.send('Browser.getWindowBounds', { windowId })) as { bounds: { width: number; height: number } }).bounds;
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } });
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 0, top: 0, width, height } });
  const got = await bounds();
  if (got.width < width || got.height < height) {
    await cdp.send('Browser.setWindowBounds', {
      windowId,
      bounds: { left: 0, top: 0, width: width + 1, height: height + 1 },
    });
  }
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'fullscreen' } });
}

async function screenSizeFromPage(cdp: CdpPipe, pageSession: string): Promise<[number, number]> {
  const { result } = (await cdp.send(
    'Runtime.evaluate',
    { expression: '[screen.width, screen.height]', returnByValue: true },
    pageSession,
  )) as {
    result: { value: [number, number] };
  };
  return result.value;
}

/** The X screen's size from xdpyinfo (x11-utils), where no page can be asked. */
export function screenSizeFromX(env: NodeJS.ProcessEnv = process.env): [number, number] | undefined {
  if (!env['DISPLAY']) return undefined;
  try {
    const out = execFileSync('xdpyinfo', [], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    });
    const m = /dimensions:\s+(\d+)x(\d+) pixels/.exec(out);
    return m === null ? undefined : [Number(m[1]), Number(m[2])];
  } catch {
    return undefined;
  }
}

/**
 * Attaches to the kiosk page, or returns null where the browser says no:
 * under the kiosk's managed policy DevTools are off, and Chromium then lets
 * no DevTools client attach to a page ("Not allowed"). Anything else is a
 * real failure.
 */
async function attachIfAllowed(cdp: CdpPipe, targetId: string): Promise<string | null> {
  try {
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as {
      sessionId: string;
    };
    return sessionId;
  } catch (error) {
    if (error instanceof CdpError && /Not allowed/i.test(error.message)) return null;
    throw error;
  }
}
