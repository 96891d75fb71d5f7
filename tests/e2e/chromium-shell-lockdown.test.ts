import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdpEvent, CdpPipe } from '../../scripts/lib/cdp-pipe';
import { createProfile, removeProfile } from '../../scripts/lib/chromium-profile';
import { launchKioskChromium, type KioskChromium } from '../../scripts/lib/kiosk-chromium';
import { CHROMIUM_PATH, PORTRAIT, startKiosk, type RunningKiosk } from './harness';
import { startXvfb, type RunningXvfb } from './xvfb';

/**
 * The Chromium shell's keeper (the module `npm start` uses) against the real
 * built service, in a real Chromium on a bare X server. Every escape is tried
 * from inside the kiosk page, as a script there (or a keyboard) would; after
 * each, exactly one page may exist and it must be the kiosk's.
 */

/** Waits for a protocol event, or fails saying what never came. */
function nextEvent(cdp: CdpPipe, what: string, match: (e: CdpEvent) => boolean, ms = 15_000): Promise<CdpEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`never saw ${what}`));
    }, ms);
    const off = cdp.onEvent((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

describe('the Chromium shell keeps the kiosk on its page', () => {
  let xvfb: RunningXvfb;
  let kiosk: RunningKiosk;
  let shell: KioskChromium;
  let profileDir: string;
  /** Another origin on this machine, counting the requests that reach it. */
  let elsewhere: Server;
  let elsewhereUrl: string;
  const elsewhereHits: string[] = [];

  const inPage = async (expression: string): Promise<unknown> => {
    const { result, exceptionDetails } = (await shell.cdp.send(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true, userGesture: true },
      shell.pageSession!,
    )) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
    if (exceptionDetails !== undefined) throw new Error(exceptionDetails.text);
    return result.value;
  };

  /** The page is the kiosk's UI, woken by nothing yet: the attract loop shows (its slides come from the service's API, with the secret). */
  const kioskShowing = async (on: RunningKiosk = kiosk): Promise<void> => {
    for (let i = 0; i < 150; i++) {
      const ok = await inPage(
        `location.origin === ${JSON.stringify(on.origin)} && document.querySelector('[data-testid="attract"]') !== null`,
      ).catch(() => false);
      if (ok === true) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the kiosk page never showed its attract loop');
  };

  const expectOnlyTheKioskPage = async (on: RunningKiosk = kiosk): Promise<void> => {
    const pages = await shell.pageTargets();
    expect(pages.map((p) => new URL(p.url).origin)).toEqual([on.origin]);
  };

  /** Runs `attempt` and waits until the page it opens has been opened and closed again. */
  const expectNewPageClosed = async (attempt: () => Promise<unknown>): Promise<void> => {
    const destroyed = new Set<string>();
    let opened: string | undefined;
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const off = shell.cdp.onEvent((e) => {
      if (e.method === 'Target.targetCreated' && (e.params['targetInfo'] as { type: string }).type === 'page')
        opened ??= (e.params['targetInfo'] as { targetId: string }).targetId;
      if (e.method === 'Target.targetDestroyed') destroyed.add(e.params['targetId'] as string);
      if (opened !== undefined && destroyed.has(opened)) settle();
    });
    const timer = setTimeout(settle, 15_000);
    try {
      await attempt();
      await done;
    } finally {
      clearTimeout(timer);
      off();
    }
    if (opened === undefined) throw new Error('the attempt opened no second page: nothing was tried');
    if (!destroyed.has(opened))
      throw new Error(`the second page was never closed; pages now: ${JSON.stringify(await shell.pageTargets())}`);
  };

  beforeAll(async () => {
    elsewhere = createServer((req, res) => {
      elsewhereHits.push(req.url ?? '');
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>elsewhere</title><h1>Not the kiosk</h1>');
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
    xvfb = await startXvfb(PORTRAIT);
    kiosk = await startKiosk();
    profileDir = createProfile();
    shell = await launchKioskChromium({
      executable: CHROMIUM_PATH,
      profileDir,
      sandbox: process.getuid?.() !== 0,
      target: { origin: kiosk.origin, secret: kiosk.secret },
      env: { ...process.env, DISPLAY: xvfb.display },
    });
    await kioskShowing();
  });

  let restarted: RunningKiosk | undefined;

  afterAll(async () => {
    await shell?.close();
    await restarted?.stop();
    if (profileDir !== undefined) removeProfile(profileDir);
    await kiosk?.stop();
    await xvfb?.stop();
    await new Promise((r) => elsewhere?.close(r));
  });

  it('has the secret from the shell as a cookie its scripts cannot read, not from its address', async () => {
    expect(shell.pageSession).not.toBeNull();
    expect(await inPage('location.href')).toBe(`${kiosk.origin}/`);
    // The UI reached the service (the attract loop's slides come from its API), yet no script in it can see the secret.
    expect(await inPage(`document.cookie.includes(${JSON.stringify(kiosk.secret)})`)).toBe(false);
    await expectOnlyTheKioskPage();
  });

  it('closes what window.open opens, before it loads anything', async () => {
    await expectNewPageClosed(() => inPage(`window.open(${JSON.stringify(`${elsewhereUrl}popup`)}, '_blank'); true`));
    await expectOnlyTheKioskPage();
    expect(elsewhereHits).not.toContain('/popup');
  });

  it('closes the new tab a target=_blank link opens', async () => {
    await expectNewPageClosed(() =>
      inPage(
        `(() => { const a = document.createElement('a'); a.href = ${JSON.stringify(`${elsewhereUrl}tab`)}; a.target = '_blank'; document.body.append(a); a.click(); a.remove(); return true; })()`,
      ),
    );
    await expectOnlyTheKioskPage();
    expect(elsewhereHits).not.toContain('/tab');
  });

  it('closes a tab or window the browser itself opens (Ctrl+T, Ctrl+N)', async () => {
    await expectNewPageClosed(() => shell.cdp.send('Target.createTarget', { url: `${elsewhereUrl}browser-tab` }));
    await expectOnlyTheKioskPage();
  });

  it('stays on its page, as it was, when a script sends it to another origin', async () => {
    await inPage('window.__stillHere = true');
    const decided = nextEvent(
      shell.cdp,
      'the navigation being stopped or the page leaving',
      (e) =>
        (e.method === 'Fetch.requestPaused' && (e.params['request'] as { url: string }).url.startsWith(elsewhereUrl)) ||
        (e.method === 'Page.frameNavigated' &&
          e.sessionId === shell.pageSession &&
          (e.params['frame'] as { parentId?: string }).parentId === undefined),
    );
    await inPage(`location.href = ${JSON.stringify(`${elsewhereUrl}navigate`)}; true`);
    await decided;
    // The answer to the paused request has gone out once the page's next command is answered.
    await kioskShowing();
    expect(await inPage('window.__stillHere === true')).toBe(true);
    await expectOnlyTheKioskPage();
    expect(elsewhereHits).not.toContain('/navigate');
  });

  it('ignores the keyboard shortcuts that open tabs, windows, DevTools or page source', async () => {
    const CTRL = 2;
    const SHIFT = 8;
    const chords = [
      { key: 't', code: 'KeyT', vk: 84, modifiers: CTRL },
      { key: 'n', code: 'KeyN', vk: 78, modifiers: CTRL },
      { key: 'N', code: 'KeyN', vk: 78, modifiers: CTRL | SHIFT },
      { key: 'u', code: 'KeyU', vk: 85, modifiers: CTRL },
      { key: 'I', code: 'KeyI', vk: 73, modifiers: CTRL | SHIFT },
      { key: 'F12', code: 'F12', vk: 123, modifiers: 0 },
    ];
    const opened: string[] = [];
    const off = shell.cdp.onEvent((e) => {
      const info = e.params['targetInfo'] as { type: string; url: string } | undefined;
      if (e.method === 'Target.targetCreated' && info !== undefined && info.type !== 'browser_ui')
        opened.push(`${info.type} ${info.url}`);
    });
    try {
      for (const { key, code, vk, modifiers } of chords) {
        for (const type of ['rawKeyDown', 'keyUp']) {
          await shell.cdp.send(
            'Input.dispatchKeyEvent',
            { type, key, code, windowsVirtualKeyCode: vk, nativeVirtualKeyCode: vk, modifiers },
            shell.pageSession!,
          );
        }
      }
      // A page opened on purpose last: whatever a shortcut opened was reported before it.
      await expectNewPageClosed(() => shell.cdp.send('Target.createTarget', { url: 'about:blank#marker' }));
    } finally {
      off();
    }
    expect(opened).toEqual(['page about:blank#marker']);
    await expectOnlyTheKioskPage();
  });

  it('answers dialogs and permission requests itself: nothing pops up over the kiosk', async () => {
    // A native alert/confirm would block the page until someone with a mouse dismissed it.
    expect(await inPage(`(() => { alert('x'); return confirm('leave?'); })()`)).toBe(false);
    // A permission request is refused instead of asking with a bubble.
    expect(await inPage('Notification.requestPermission()')).toBe('denied');
    expect(
      await inPage(
        `new Promise((resolve) => navigator.geolocation.getCurrentPosition(() => resolve('granted'), (e) => resolve(e.code === e.PERMISSION_DENIED ? 'denied' : String(e.code))))`,
      ),
    ).toBe('denied');
    await expectOnlyTheKioskPage();
  });

  it('lets the kiosk’s page, and it alone, use the camera and microphone (the video consultation)', async () => {
    const state = (name: string): Promise<unknown> =>
      inPage(`navigator.permissions.query({ name: ${JSON.stringify(name)} }).then((s) => s.state)`);
    expect(await state('camera')).toBe('granted');
    expect(await state('microphone')).toBe('granted');
    // Nothing else came with them.
    expect(await state('geolocation')).not.toBe('granted');
    expect(await state('notifications')).not.toBe('granted');
  });

  it('comes back to the service when a script leaves for a page no request precedes (about:blank)', async () => {
    const left = nextEvent(
      shell.cdp,
      'the page leaving for about:blank',
      (e) =>
        e.method === 'Page.frameNavigated' &&
        e.sessionId === shell.pageSession &&
        (e.params['frame'] as { url: string }).url === 'about:blank',
    );
    await inPage(`location.href = 'about:blank'; true`);
    await left;
    await kioskShowing();
    await expectOnlyTheKioskPage();
  });

  // Last: it moves the shell to another service.
  it('follows the service to its new address and secret after a restart, and the old one is foreign', async () => {
    restarted = await startKiosk();
    await shell.retarget({ origin: restarted.origin, secret: restarted.secret });
    await kioskShowing(restarted);
    await expectOnlyTheKioskPage(restarted);
    const stopped = nextEvent(
      shell.cdp,
      'the navigation to the old address being stopped',
      (e) =>
        e.method === 'Fetch.requestPaused' && (e.params['request'] as { url: string }).url.startsWith(kiosk.origin),
    );
    await inPage(`location.href = ${JSON.stringify(`${kiosk.origin}/`)}; true`);
    await stopped;
    await kioskShowing(restarted);
    await expectOnlyTheKioskPage(restarted);
    // The camera moved with it.
    expect(await inPage(`navigator.permissions.query({ name: 'camera' }).then((s) => s.state)`)).toBe('granted');
  });
});
