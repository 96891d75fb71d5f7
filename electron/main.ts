/**
 * The Electron shell: one locked-down kiosk window on the local service, the
 * service kept alive, and a calm fallback page when neither can be. Every
 * decision lives in a plain, tested module beside this file; this file only
 * wires those decisions to Electron.
 *
 * There is no preload and no IPC. The page talks to the service over HTTP and
 * WebSocket exactly as it does in the Chromium fallback shell, so the path the
 * end-to-end tests drive is the path a citizen uses, and there is no bridge
 * from the page into Node to secure. The shell itself keeps one socket to the
 * service, to take the screen when a fleet `screenshot` command is due
 * (screen-capture-link.ts); the page cannot open that socket.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, powerSaveBlocker, session, utilityProcess } from 'electron';
import type { Session, UtilityProcess, WebContents } from 'electron';
import { resolveConfigPath, serviceArgs } from './config-path';
import { kioskDataDir } from './data-dir';
import { withShellCsp } from './csp';
import { fallbackPageHtml, fallbackPageUrl, hotlineFromConfigText } from './fallback-page';
import { shouldBlockInput } from './input-filter';
import { DENY_WINDOW_OPEN, isAllowedNavigation } from './navigation';
import { RENDERER_JS_FLAGS } from './renderer-js-flags';
import { decidePermission, isCallActive, setCallActive } from './permissions';
import {
  RELAUNCH_HISTORY_FILE,
  RENDERER_FAILURE_WINDOW_MS,
  SERVICE_READY_TIMEOUT_MS,
  SERVICE_SLOW_START_MS,
  budgetAllows,
  decideAfterRendererFailure,
  decideAfterServiceExit,
  parseRelaunchHistory,
  recordRelaunch,
  relaunchOptions,
  serializeRelaunchHistory,
} from './restart-policy';
import { EXIT_REFUSED_ROOT, decideRoot } from './root-policy';
import { COMMAND_SCREENSHOT_MAX_BYTES } from '../common/hub/api/fleet-commands';
import { type CaptureLink, type CaptureResult, connectCaptureLink } from './screen-capture-link';
import { decideCapture, smallerScreenshotWidth } from './screen-capture';
import { kioskPageUrl, secretCookie } from '../common/shell-handover';
import { parseCallLine } from '../common/call-line';
import { KIOSK_URL_PREFIX, type ServiceEndpoint, parseKioskUrlLine, takeLines } from './service-url-line';
import { removeShellStateFile, writeShellStateFile } from './shell-state-file';
import { KIOSK_PARTITION, kioskWindowOptions } from './window-options';

// Bundled to dist/electron/main.cjs; the service is built beside it.
const SERVICE_PATH = path.join(__dirname, '..', 'service', 'main.js');
const SERVICE_STOP_TIMEOUT_MS = 5_000;
// net::ERR_ABORTED: a newer navigation (e.g. to the fallback page) replaced this one.
const ERR_ABORTED = -3;

// ── Logging: JSON lines on stdout, like the service, so journald holds one story.

const LEVELS = { info: 30, warn: 40, error: 50 } as const;
function log(level: keyof typeof LEVELS, msg: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ level: LEVELS[level], time: Date.now(), name: 'shell', msg, ...fields })}\n`,
  );
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

// ── State ────────────────────────────────────────────────────────────────────

interface RunningService {
  child: UtilityProcess;
  endpoint: ServiceEndpoint | null;
  readyAt: number | null;
  timers: NodeJS.Timeout[];
}

let win: BrowserWindow | null = null;
let service: RunningService | null = null;
/** The socket on which the running service asks for screenshots. */
let captureLink: CaptureLink | null = null;
let serviceFailures = 0;
let restartTimer: NodeJS.Timeout | null = null;
let rendererFailures: number[] = [];
let reloadTimer: NodeJS.Timeout | null = null;
let showing: 'nothing' | 'service' | 'fallback' = 'nothing';
/** Invalid configuration or relaunch budget spent: only a restart by a person or the OS helps. */
let pinnedFallback = false;
let quitting = false;
let relaunching = false;

function ourOrigin(): string | null {
  return service?.endpoint?.origin ?? null;
}

function configPath(): string {
  return resolveConfigPath({
    env: process.env,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    cwd: process.cwd(),
  });
}

// ── What the window shows ────────────────────────────────────────────────────

/**
 * Hands this boot's secret to the window as the cookie common/shell-handover.ts
 * describes (HttpOnly, SameSite=Strict, in memory only), replacing an earlier
 * boot's: no URL, argv or file ever holds it, and the page never sees it.
 */
async function handOverSecret(wc: WebContents, endpoint: ServiceEndpoint): Promise<void> {
  const cookie = secretCookie(endpoint.origin, endpoint.secret);
  await wc.session.cookies.set({
    url: cookie.url,
    name: cookie.name,
    value: cookie.value,
    httpOnly: cookie.httpOnly,
    sameSite: 'strict',
  });
}

function showService(): void {
  const endpoint = service?.endpoint;
  if (win === null || endpoint == null || pinnedFallback || quitting) return;
  showing = 'service';
  const w = win;
  handOverSecret(w.webContents, endpoint).then(
    () =>
      w.loadURL(kioskPageUrl(endpoint.origin)).catch(() => {
        // did-fail-load reports the failure and drives the retry.
      }),
    (error: unknown) => {
      // Without the handover the page has no key: retry as for a failed load.
      log('error', 'cannot hand the secret to the window', { error: String(error) });
      onRendererFailure('secret handover failed', {});
    },
  );
}

function showFallback(force = false): void {
  if (win === null || (showing === 'fallback' && !force)) return;
  // Whatever call was running ended with the page that ran it.
  setCallActive(false);
  showing = 'fallback';
  const hotline = hotlineFromConfigText(readText(configPath()));
  win.loadURL(fallbackPageUrl(fallbackPageHtml(hotline))).catch((error: unknown) => {
    log('error', 'fallback page failed to load', { error: String(error) });
  });
}

function pinFallback(): void {
  pinnedFallback = true;
  showFallback(true);
}

// ── Service ──────────────────────────────────────────────────────────────────

function startService(): void {
  restartTimer = null;
  if (quitting) return;
  let child: UtilityProcess;
  try {
    child = utilityProcess.fork(
      SERVICE_PATH,
      serviceArgs({
        configPath: configPath(),
        env: process.env,
        contentPath: app.isPackaged ? path.join(process.resourcesPath, 'content', 'content.db') : undefined,
        // This shell connects to take screenshots: a `screenshot` command waits for it rather than being refused.
        shellCaptures: true,
      }),
      {
        stdio: 'pipe',
        serviceName: 'kiosk-service',
      },
    );
  } catch (error) {
    log('error', 'cannot start the service', { error: String(error) });
    scheduleServiceRestart(-1, null);
    return;
  }
  const running: RunningService = { child, endpoint: null, readyAt: null, timers: [] };
  service = running;
  running.timers.push(
    setTimeout(() => {
      if (running.endpoint === null) showFallback();
    }, SERVICE_SLOW_START_MS),
    setTimeout(() => {
      if (running.endpoint !== null) return;
      log('error', 'service did not announce its URL in time; stopping it', { timeoutMs: SERVICE_READY_TIMEOUT_MS });
      child.kill();
    }, SERVICE_READY_TIMEOUT_MS),
  );

  let pending = '';
  // Decoding in the stream keeps multi-byte characters intact across chunks.
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const split = takeLines(pending, chunk);
    pending = split.pending;
    for (const line of split.lines) onServiceLine(running, line);
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => process.stderr.write(chunk));
  child.on('exit', (code) => onServiceExit(running, code));
}

function onServiceLine(running: RunningService, line: string): void {
  const call = parseCallLine(line);
  if (call !== null) {
    // Only the service this shell runs now speaks for the page it shows.
    if (service === running) setCallActive(call);
    log(
      'info',
      call ? 'video call begins: camera and microphone allowed' : 'video call over: camera and microphone off',
    );
    return;
  }
  if (!line.startsWith(KIOSK_URL_PREFIX)) {
    if (line !== '') process.stdout.write(`${line}\n`);
    return;
  }
  // The line carries the boot secret: it goes to no log and not to our own
  // stdout (the journal, under systemd); the window gets it as a cookie
  // (common/shell-handover.ts).
  const endpoint = parseKioskUrlLine(line);
  if (endpoint === null) {
    log('error', 'service announced a URL the shell refuses (not http on a loopback port, or no secret)');
    return;
  }
  if (service !== running || running.endpoint !== null) return;
  running.endpoint = endpoint;
  running.readyAt = Date.now();
  for (const t of running.timers) clearTimeout(t);
  log('info', 'service ready', { origin: endpoint.origin });
  captureLink?.close();
  captureLink = connectCaptureLink({ origin: endpoint.origin, secret: endpoint.secret, capture: captureWindow, log });
  showService();
}

/** The window as a PNG that fits what the hub keeps, if the service's ask may be answered now (screen-capture.ts). */
async function captureWindow(): Promise<CaptureResult> {
  const w = win;
  const decision = decideCapture({
    window: w === null ? 'none' : w.isDestroyed() ? 'destroyed' : 'open',
    showing,
    callActive: isCallActive(),
  });
  if (!decision.capture || w === null) return { refused: decision.capture ? 'no window' : decision.reason };
  const image = await w.webContents.capturePage();
  let png = image.toPNG();
  let width = image.getSize().width;
  // A large screen's PNG may not fit: scaled down a step or two, never below a readable width.
  for (let step = 0; step < 3; step++) {
    const next = smallerScreenshotWidth(width, png.length, COMMAND_SCREENSHOT_MAX_BYTES);
    if (next === undefined) break;
    width = next;
    png = image.resize({ width, quality: 'good' }).toPNG();
  }
  return { png };
}

function onServiceExit(running: RunningService, code: number): void {
  for (const t of running.timers) clearTimeout(t);
  if (service !== running) return;
  service = null;
  captureLink?.close();
  captureLink = null;
  // A call does not outlive the service that relayed it.
  setCallActive(false);
  scheduleServiceRestart(code, running.readyAt === null ? null : Date.now() - running.readyAt);
}

function scheduleServiceRestart(code: number, readyForMs: number | null): void {
  const decision = decideAfterServiceExit({ code, quitting, readyForMs, consecutiveFailures: serviceFailures });
  switch (decision.kind) {
    case 'none':
      return;
    case 'fallback':
      if (decision.reason === 'config-invalid')
        log('error', 'service rejected its configuration (report above); not restarting', {
          code,
          config: configPath(),
        });
      else
        log('error', 'service keeps failing (output above); not restarting', {
          code,
          consecutiveFailures: decision.consecutiveFailures,
        });
      pinFallback();
      return;
    case 'restart':
      serviceFailures = decision.consecutiveFailures;
      log('warn', 'service exited; restarting', {
        code,
        delayMs: decision.delayMs,
        consecutiveFailures: serviceFailures,
      });
      showFallback();
      restartTimer = setTimeout(startService, decision.delayMs);
      return;
  }
}

/** SIGTERM (utilityProcess.kill) and wait; SIGKILL if it does not go in time. */
function stopService(): Promise<void> {
  if (restartTimer !== null) clearTimeout(restartTimer);
  restartTimer = null;
  const running = service;
  if (running === null) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      if (service === running) service = null;
      resolve();
    };
    const timer = setTimeout(() => {
      log('warn', 'service did not stop in time; killing it', { timeoutMs: SERVICE_STOP_TIMEOUT_MS });
      try {
        if (running.child.pid !== undefined) process.kill(running.child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      done();
    }, SERVICE_STOP_TIMEOUT_MS);
    running.child.once('exit', done);
    if (!running.child.kill()) done();
  });
}

// ── Renderer recovery and app relaunch ───────────────────────────────────────

function onRendererFailure(what: string, details: Record<string, unknown>): void {
  if (quitting || win === null) return;
  const now = Date.now();
  rendererFailures = [...rendererFailures.filter((t) => now - t < RENDERER_FAILURE_WINDOW_MS), now];
  const decision = decideAfterRendererFailure(rendererFailures, now);
  log('warn', `page ${what}`, { ...details, showing, decision: decision.kind });
  if (decision.kind === 'relaunch') {
    relaunchOrPinFallback(`page ${what} repeatedly`);
    return;
  }
  if (reloadTimer !== null) clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    // Reload from the announced URL, not webContents.reload(): the page may
    // have dropped the secret from its address bar after reading it.
    if (showing === 'service' && service?.endpoint != null && !pinnedFallback) showService();
    else showFallback(true);
  }, decision.delayMs);
}

function relaunchOrPinFallback(reason: string): void {
  if (relaunching) return;
  const file = path.join(app.getPath('userData'), RELAUNCH_HISTORY_FILE);
  const now = Date.now();
  const history = parseRelaunchHistory(readText(file));
  if (!budgetAllows(history, now)) {
    log('error', 'relaunch budget spent; showing the fallback page until restarted', { reason });
    pinFallback();
    return;
  }
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, serializeRelaunchHistory(recordRelaunch(history, now)));
    renameSync(`${file}.tmp`, file);
  } catch (error) {
    // A relaunch that cannot be counted could repeat forever.
    log('error', 'cannot record the relaunch; not relaunching', { reason, error: String(error) });
    pinFallback();
    return;
  }
  relaunching = true;
  quitting = true;
  log('warn', 'relaunching the app', { reason });
  void stopService().finally(() => {
    // relaunch() only schedules the new copy; exit() skips the quit events,
    // which is why the service was stopped first.
    app.relaunch(
      relaunchOptions({ isPackaged: app.isPackaged, appImage: process.env['APPIMAGE'], argv: process.argv }),
    );
    app.exit(0);
  });
}

// ── Lockdown ─────────────────────────────────────────────────────────────────

function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const requestingOrigin =
      ('securityOrigin' in details ? details.securityOrigin : undefined) ?? details.requestingUrl;
    const granted = decidePermission({
      permission,
      requestingOrigin,
      ourOrigin: ourOrigin(),
      callActive: isCallActive(),
      mediaTypes,
    });
    if (!granted) log('info', 'permission denied', { permission, mediaTypes });
    callback(granted);
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    decidePermission({
      permission,
      requestingOrigin,
      ourOrigin: ourOrigin(),
      callActive: isCallActive(),
      mediaTypes: details.mediaType === undefined ? [] : [details.mediaType],
    }),
  );
  // Serial, USB and HID devices belong to the service, never to the page.
  ses.setDevicePermissionHandler(() => false);
  // Spellcheck would fetch dictionaries from the internet.
  ses.setSpellCheckerEnabled(false);
  // A download would open a save dialog: a way out to the file system.
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withShellCsp(details.responseHeaders ?? {}) });
  });
}

/** Applied to every WebContents Electron creates, not only to our window's. */
function lockDownContents(wc: WebContents): void {
  wc.setWindowOpenHandler(() => DENY_WINDOW_OPEN);
  const guard = (event: { url: string; preventDefault: () => void }): void => {
    if (isAllowedNavigation(event.url, ourOrigin())) return;
    event.preventDefault();
    // Only the origin: a full URL may carry what a citizen typed.
    log('warn', 'navigation blocked', { to: safeOrigin(event.url) });
  };
  wc.on('will-frame-navigate', guard);
  wc.on('will-redirect', guard);
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.on('before-input-event', (event, input) => {
    if (shouldBlockInput(input)) event.preventDefault();
  });
  // Ctrl+wheel reaches here without a key event; pinch is off by switch.
  wc.on('zoom-changed', () => wc.setZoomLevel(0));
  wc.on('did-finish-load', () => {
    wc.setVisualZoomLevelLimits(1, 1).catch(() => {
      // Page already gone; the next load sets it again.
    });
  });
  // A page's beforeunload must not veto the shell's recovery reloads.
  wc.on('will-prevent-unload', (event) => event.preventDefault());
  // No 'context-menu' handler is installed, so no context menu ever appears.
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(unparsable)';
  }
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow(kioskWindowOptions());
  // Alt+F4 on Windows arrives as a window-manager close, not as a key event.
  w.on('close', (event) => {
    if (!quitting) event.preventDefault();
  });
  w.on('closed', () => {
    if (win === w) win = null;
  });
  const wc = w.webContents;
  wc.on('render-process-gone', (_event, details) => {
    onRendererFailure('renderer gone', { reason: details.reason, exitCode: details.exitCode });
  });
  // A hung page is crashed on purpose; render-process-gone then reloads it in a fresh process.
  wc.on('unresponsive', () => {
    log('warn', 'page unresponsive; restarting its renderer');
    wc.forcefullyCrashRenderer();
  });
  wc.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED || showing !== 'service') return;
    onRendererFailure('failed to load', { errorCode, errorDescription });
  });
  return w;
}

// ── Start ────────────────────────────────────────────────────────────────────

function onReady(): void {
  // The default menu carries accelerators (reload, devtools, zoom, quit) even when hidden.
  Menu.setApplicationMenu(null);
  lockDownSession(session.defaultSession);
  lockDownSession(session.fromPartition(KIOSK_PARTITION));
  powerSaveBlocker.start('prevent-display-sleep');
  win = createWindow();
  writeShellState();
  startService();
}

/** run/shell.json for kioskctl doctor; removed when the shell quits. */
function writeShellState(): void {
  const runningAsRoot = process.getuid?.() === 0;
  try {
    writeShellStateFile(kioskDataDir(process.env), {
      pid: process.pid,
      shell: 'electron',
      engine: `Electron ${process.versions.electron} (Chrome ${process.versions.chrome})`,
      sandbox: !app.commandLine.hasSwitch('no-sandbox'),
      runningAsRoot,
      startedAt: new Date().toISOString(),
    });
  } catch (error) {
    log('warn', 'cannot write run/shell.json', { error: String(error) });
  }
}

function main(): void {
  // As root Electron starts only with --no-sandbox (npm start passes it when
  // KIOSK_ALLOW_ROOT=1); whoever passes it by hand is still refused here.
  const root = decideRoot(process.getuid?.(), process.env);
  if (!root.run) {
    log('error', root.reason);
    process.exit(EXIT_REFUSED_ROOT);
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  app.commandLine.appendSwitch('disable-pinch');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');
  // Renderers only (see renderer-js-flags.ts): the main process has started already.
  app.commandLine.appendSwitch('js-flags', RENDERER_JS_FLAGS);

  // Electron's default shows a modal error box over the kiosk.
  process.on('uncaughtException', (error) => {
    log('error', 'uncaught exception in the shell', { error: error.stack ?? String(error) });
    relaunchOrPinFallback('uncaught exception');
  });
  process.on('unhandledRejection', (reason) => {
    log('error', 'unhandled rejection in the shell', { error: String(reason) });
  });
  // systemd stops the unit with SIGTERM: quit through the normal path so the service gets its SIGTERM too.
  process.on('SIGTERM', () => app.quit());
  process.on('SIGINT', () => app.quit());

  app.on('web-contents-created', (_event, wc) => lockDownContents(wc));
  app.on('second-instance', () => {
    if (win === null) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('child-process-gone', (_event, details) => {
    log('warn', 'child process gone', {
      type: details.type,
      reason: details.reason,
      exitCode: details.exitCode,
      name: details.name,
    });
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    removeShellStateFile(kioskDataDir(process.env), process.pid);
    if (service === null) return;
    event.preventDefault();
    void stopService().finally(() => app.quit());
  });

  app.whenReady().then(onReady, (error: unknown) => {
    log('error', 'app failed to become ready', { error: String(error) });
    app.exit(1);
  });
}

main();
