import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAll, buildIsStale } from './lib/build';
import { chromiumKioskArgs, findChromium, hasDisplay } from './lib/chromium';
import { findElectronBinary } from './lib/electron-binary';
import { DEMO_CONFIG, ELECTRON_BUNDLE, ROOT, SERVICE_BUNDLE } from './lib/paths';
import { startService, type RunningService } from './lib/service-process';

/**
 * `npm start`: build what changed, start the service on the demo
 * configuration (or KIOSK_CONFIG) and open the UI — in Electron when its
 * binary is installed, else in Chromium's kiosk mode, else keep serving
 * headless. Messages of its own go to stderr; stdout carries the service's
 * output, including the one `KIOSK_URL=` line.
 */
const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    port: { type: 'string' },
  },
  strict: true,
});

const say = (text: string): void => {
  process.stderr.write(`[start] ${text}\n`);
};

const EXIT_BAD_CONFIG = 2;
const configPath = values.config ?? process.env['KIOSK_CONFIG'] ?? DEMO_CONFIG;

if (buildIsStale()) {
  say('building the kiosk (renderer, service, shell)…');
  await buildAll();
}

const electronBinary = values.headless ? undefined : findElectronBinary(ROOT, process.env);
if (electronBinary !== undefined) {
  // The Electron main process starts and watches the service itself.
  say(`opening in Electron (${electronBinary})`);
  const electron = spawn(electronBinary, [ELECTRON_BUNDLE], {
    stdio: 'inherit',
    env: { ...process.env, KIOSK_CONFIG: configPath },
  });
  electron.on('exit', (code) => process.exit(code ?? 1));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => electron.kill('SIGTERM'));
} else {
  await runWithChromiumOrHeadless();
}

async function runWithChromiumOrHeadless(): Promise<void> {
  const serviceArgs = ['--config', configPath];
  if (values['data-dir'] !== undefined) serviceArgs.push('--data-dir', values['data-dir']);
  if (values.port !== undefined) serviceArgs.push('--port', values.port);

  const chromium = values.headless ? undefined : findChromium(process.env);
  const canShow = chromium !== undefined && hasDisplay(process.platform, process.env);
  if (!values.headless && !canShow) {
    say(chromium === undefined ? 'no Electron and no Chromium found (set CHROMIUM_PATH): serving only' : 'no display: serving only');
  }

  let service: RunningService | undefined;
  let browser: ChildProcess | undefined;
  let profileDir: string | undefined;
  let stopping = false;
  let restarts = 0;

  const closeBrowser = (): void => {
    browser?.kill('SIGTERM');
    browser = undefined;
    if (profileDir !== undefined) rmSync(profileDir, { recursive: true, force: true });
    profileDir = undefined;
  };

  const openBrowser = (url: string): void => {
    if (!canShow || chromium === undefined) return;
    closeBrowser();
    profileDir = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
    const runningAsRoot = process.getuid?.() === 0;
    const child = spawn(chromium, chromiumKioskArgs({ url, profileDir, runningAsRoot }), { stdio: 'ignore' });
    browser = child;
    child.on('exit', () => {
      // A browser that dies while the service runs is reopened; a deliberate close is not.
      if (browser === child && !stopping) setTimeout(() => browser === child && openBrowser(url), 2000);
    });
  };

  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    closeBrowser();
    service?.child.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // Keep the service up: restart with backoff when it dies, reopening the
  // browser on the new URL (the secret changes with every boot).
  for (;;) {
    service = startService(SERVICE_BUNDLE, serviceArgs);
    try {
      const url = await service.ready;
      restarts = 0;
      if (canShow) say('opening in Chromium kiosk mode');
      openBrowser(url);
    } catch {
      // Exit status is handled below.
    }
    const { code, signal } = await service.exited;
    if (stopping) process.exit(0);
    if (code === EXIT_BAD_CONFIG) {
      closeBrowser();
      process.exit(EXIT_BAD_CONFIG);
    }
    restarts += 1;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(restarts - 1, 5));
    say(`service stopped (code ${code}, signal ${signal}); restarting in ${delay / 1000} s`);
    await new Promise((r) => setTimeout(r, delay));
    if (stopping) process.exit(0);
  }
}
