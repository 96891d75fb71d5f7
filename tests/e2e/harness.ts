import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import jsQR from 'jsqr';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { RENDERER_JS_FLAGS } from '../../electron/renderer-js-flags';
import { findPrinterModel } from '../../native/printer/models';
import { PrinterSimulator, serveSimulatorOnSerial } from '../../native/printer/simulator';
import { startPtyPair } from '../../native/serial/pty';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SERVICE_BUNDLE = join(ROOT, 'dist', 'service', 'main.js');
export const DEMO_CONFIG = join(ROOT, 'kiosk-config', 'demo.json');

export interface RunningKiosk {
  child: ChildProcess;
  /** The UI URL including `#secret=`. */
  url: string;
  origin: string;
  port: number;
  secret: string;
  dataDir: string;
  /** Every line the service wrote to stdout so far. */
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Starts the real, built service (dist/service/main.js — `npm test` builds it
 * first) on a free port with a throwaway data directory.
 */
export async function startKiosk(
  opts: {
    config?: string;
    dataDir?: string;
    extraArgs?: string[];
    env?: NodeJS.ProcessEnv;
    /** Run service/main.ts through tsx instead of the bundle: for tests that need no renderer and no content release. */
    fromSource?: boolean;
  } = {},
): Promise<RunningKiosk> {
  if (opts.fromSource !== true && !existsSync(SERVICE_BUNDLE))
    throw new Error('dist/service/main.js is missing: run `npm run build` (npm test does)');
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const entry = opts.fromSource === true ? ['--import', 'tsx', join(ROOT, 'service', 'main.ts')] : [SERVICE_BUNDLE];
  const child = spawn(
    process.execPath,
    [...entry, '--config', opts.config ?? DEMO_CONFIG, '--data-dir', dataDir, ...(opts.extraArgs ?? [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.env === undefined ? {} : { env: { ...process.env, ...opts.env } }),
    },
  );
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stopChild = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await exited;
    if (opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    return code;
  };
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdout.push(line);
      if (line.startsWith('KIOSK_URL=')) resolve(line.slice('KIOSK_URL='.length));
    });
    void exited.then((code) =>
      reject(new Error(`service exited with ${code} before it was ready:\n${stderr.join('\n')}`)),
    );
    setTimeout(() => reject(new Error('service did not print KIOSK_URL within 15 s')), 15_000);
  }).catch(async (error: unknown) => {
    // A service that never got ready is not left running, nor its throwaway data directory left behind.
    await stopChild();
    throw error;
  });
  const parsed = new URL(url);
  const secret = new URLSearchParams(parsed.hash.slice(1)).get('secret') ?? '';
  const kiosk: RunningKiosk = {
    child,
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    secret,
    dataDir,
    stdout,
    stderr,
    exited,
    stop: stopChild,
  };
  return kiosk;
}

/**
 * The demo terminal's configuration with `changes` over its top-level
 * settings, for a test to write to a file of its own (without `$schema`,
 * whose relative path would not resolve from there).
 */
export function demoConfig(changes: Record<string, unknown> = {}): {
  devices: Record<string, unknown>;
  [setting: string]: unknown;
} {
  const { $schema: _, ...config } = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as {
    $schema?: string;
    devices: Record<string, unknown>;
  };
  return { ...config, ...changes };
}

/** Runs the built service expecting it to refuse to start. */
export async function runServiceExpectingExit(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SERVICE_BUNDLE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser
 * downloads are not available here), running the page with the kiosk's V8
 * flags unless a test asks for V8's defaults.
 */
export async function launchChromium(opts: { jsFlags?: string | null; fakeMedia?: boolean } = {}): Promise<Browser> {
  const args = [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  const jsFlags = opts.jsFlags === undefined ? RENDERER_JS_FLAGS : opts.jsFlags;
  if (jsFlags !== null) args.push(`--js-flags=${jsFlags}`);
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // The video consultation: Chromium's own test camera and microphone, granted without a prompt; sound plays
  // unasked; plain IP candidates, as mDNS names may not resolve between two browsers on one test machine.
  if (opts.fakeMedia === true)
    args.push(
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}

/** The two screen orientations kiosks are installed in. */
export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;

/**
 * The kiosk opens on its attract loop (law-education slides). One tap wakes
 * it to the home screen; that tap is swallowed, so it presses nothing.
 */
export async function wakeKiosk(page: Page): Promise<void> {
  await page.getByTestId('attract').tap();
  await waitForWake(page);
}

/**
 * Waits for the attract loop to go after a waking tap. When it stays, the
 * error says what the page showed (the topmost element where the finger
 * landed, the overlays, the attract loop's state), so a rare failure can be
 * read from one CI log.
 */
export async function waitForWake(page: Page, tappedAt?: { x: number; y: number }): Promise<void> {
  try {
    await page.locator('.attract').waitFor({ state: 'detached', timeout: 15_000 });
  } catch (error) {
    const seen = await page
      .evaluate((at) => {
        const describe = (el: Element | null): string =>
          el === null
            ? 'nothing'
            : `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}.${el.className}`;
        const fixed = [...document.body.querySelectorAll('*')]
          .filter((el) => getComputedStyle(el).position === 'fixed')
          .map(describe);
        return {
          atTap: at ? describe(document.elementFromPoint(at.x, at.y)) : 'not given',
          overlays: fixed,
          attract: [...document.querySelectorAll('.attract')].map(describe),
          heading: document.querySelector('h1')?.textContent ?? null,
          // Set by a test that records the page's pointer events (session.test.ts).
          events: (window as { __pointerLog?: string[] }).__pointerLog ?? null,
        };
      }, tappedAt ?? null)
      .catch((e: unknown) => ({ evaluateFailed: String(e) }));
    throw new Error(`the waking tap did not wake the kiosk; the page showed ${JSON.stringify(seen)}`, { cause: error });
  }
}

/** Calls the kiosk's API as its UI does (with the secret); GET without a body, POST with one. Any answer comes back, with its status. */
export async function apiAnswer(
  kiosk: RunningKiosk,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${kiosk.origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${kiosk.secret}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** The same, throwing on a non-2xx answer. */
export async function callApi<T>(kiosk: RunningKiosk, path: string, body?: unknown): Promise<T> {
  const { status, json } = await apiAnswer(kiosk, path, body);
  if (status < 200 || status >= 300) throw new Error(`${path}: ${status} ${JSON.stringify(json)}`);
  return json as T;
}

/** A fresh touch-screen browser context on the kiosk's home screen (woken from the attract loop), collecting page errors. */
export async function openHome(
  browser: Browser,
  kiosk: RunningKiosk,
  viewport: { width: number; height: number },
  /**
   * forAxe: the page's CSP is bypassed so axe-core can be injected as a script.
   * fakeClock: the app's timers run on Playwright's clock (`page.clock`), installed before the page loads.
   * prepare: runs on the page before it loads (init scripts).
   */
  opts: { forAxe?: boolean; fakeClock?: boolean; prepare?: (page: Page) => Promise<void> } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport,
    hasTouch: true,
    isMobile: false,
    locale: 'zh-CN',
    ...(opts.forAxe === true ? { bypassCSP: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  if (opts.fakeClock === true) await page.clock.install();
  await opts.prepare?.(page);
  await page.goto(kiosk.url);
  await wakeKiosk(page);
  await page.getByTestId('home').waitFor();
  return { context, page, errors };
}

/**
 * Reads a QR code on screen as a phone would: a screenshot of the element,
 * decoded by a real QR decoder (jsQR). Returns the text, or null if the code
 * cannot be read.
 */
export async function readQrCode(locator: Locator): Promise<string | null> {
  // Centred: a citizen holds the phone to the code in the middle of the screen, not one half-scrolled under the bar.
  await locator.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const png = PNG.sync.read(await locator.screenshot());
  return (
    jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ??
    null
  );
}

export interface KioskOnPaper {
  kiosk: RunningKiosk;
  /** Everything the printer has received, decoded as the paper shows it (lines joined: wrapping cannot split a phrase). */
  printed(): string;
  /** How many times the paper was cut: one a receipt or document printed. */
  cuts(): number;
  /** The paper as the printer at the far end of the line reports it (the service asks every second). */
  setPaper(paper: 'ok' | 'near-end' | 'out'): void;
  stop(): Promise<void>;
}

/**
 * The demo terminal with its receipt printer on a real serial line: a socat
 * pty pair with our printer simulator on the far end, so a test can decode
 * the bytes that reached "paper". The ID-card reader stays simulated in the
 * service (`/api/simulate` inserts cards).
 */
export async function startKioskWithSerialPrinter(
  opts: { dataDir?: string; config?: Record<string, unknown> } = {},
): Promise<KioskOnPaper> {
  const work = mkdtempSync(join(tmpdir(), 'kiosk-paper-'));
  mkdirSync(join(work, 'pty'));
  const printer = new PrinterSimulator(findPrinterModel('generic-80mm-gb18030')!);
  const pty = await startPtyPair({ dir: join(work, 'pty') });
  const served = await serveSimulatorOnSerial(printer, { path: pty.b, baudRate: 115200 });
  const config = demoConfig(opts.config);
  config.devices['receiptPrinter'] = {
    mode: 'serial',
    port: pty.a,
    baudRate: 115200,
    model: 'generic-80mm-gb18030',
    encoding: 'gb18030',
    paperWidthMm: 80,
  };
  const configFile = join(work, 'terminal.json');
  writeFileSync(configFile, JSON.stringify(config));
  const kiosk = await startKiosk({ config: configFile, dataDir: opts.dataDir });
  return {
    kiosk,
    printed: () =>
      printer
        .decode()
        .lines.map((l) => l.text.trim())
        .join(''),
    cuts: () => printer.decode().cuts,
    setPaper(paper) {
      printer.set({ paper });
    },
    async stop() {
      await kiosk.stop();
      await served.close();
      await pty.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the technicians' CLI as a technician would (`npm run kioskctl -- …`),
 * without a data directory from the environment. Asynchronous on purpose:
 * simulators served from the test's own process must keep answering meanwhile.
 */
export function kioskctl(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '-s', 'kioskctl', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, KIOSK_DATA_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}
